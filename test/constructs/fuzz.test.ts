import fc from 'fast-check';
import { Testing } from 'cdktf';
import { DataRate, Duration, SanDrError, Size } from '../../lib';
import { expectTypedError, hostile, pathsOf, setAt, throwingToString, roundTripPlan } from './fuzz-values';
import {
  dataProps,
  design,
  linkProps,
  logsProps,
  planProps,
  primaryProps,
  recoveryProps,
  scheduleTimingProps,
  tranlogsProps,
  type DesignOverrides,
} from './helpers';

/**
 * Random and hostile values for every public prop and the unit parsers. Whatever goes in, the
 * library either accepts it or throws a SanDrError that names the prop path; never a TypeError,
 * a RangeError, a zod error or a hang.
 */

// A fixed seed makes CI reproducible; set SDR_SEED to explore others. No property may run over a minute.
fc.configureGlobal({ seed: Number(process.env.SDR_SEED ?? 20261122), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });

const RUNS = Number(process.env.SDR_FUZZ_RUNS ?? 150);

type ConstructKey = 'plan' | 'primary' | 'recovery' | 'data' | 'logs' | 'tranlogs' | 'link' | 'schedule';

/** Valid props of each construct; every key path inside them is a target for a hostile value. */
const VALID: Record<ConstructKey, () => Record<string, unknown>> = {
  plan: () => ({ ...planProps(), rpoMarginWarning: 0.1 }),
  primary: () => ({ ...primaryProps() }),
  recovery: () => ({ ...recoveryProps() }),
  data: () => ({ ...dataProps() }),
  logs: () => ({ ...logsProps() }),
  tranlogs: () => ({ ...tranlogsProps(), protocol: 'nfs4', mountOptions: ['hard'] }),
  link: () => ({ ...linkProps(), preservesWriteOrder: true, maxRoundTrip: '10ms', maxDistanceKm: 300 }),
  schedule: () => ({ ...scheduleTimingProps(), cycle: 'fixed' }),
};

/** Builds and synthesizes; returns what was thrown, if anything. */
function outcome(overrides: DesignOverrides): unknown {
  try {
    const { stack } = design(overrides);
    Testing.synth(stack);
    // Round trip: the CLI reads back the plan of every design synthesis accepts.
    roundTripPlan(stack);
    return undefined;
  } catch (error) {
    return error;
  }
}

const targets = (Object.keys(VALID) as ConstructKey[]).flatMap((construct) =>
  pathsOf(VALID[construct]()).map((path) => ({ construct, path })),
);

describe('hostile prop values give a SanDrError naming the prop', () => {
  test(`every prop path of every construct, ${targets.length} paths x hostile values (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...targets), hostile, ({ construct, path }, value) => {
        const props = setAt(VALID[construct](), path, value);
        const error = outcome({ [construct]: props } as DesignOverrides);
        // Cross-prop checks may name a neighbour (a sync link without round trip names roundTrip);
        // every other rejection names the prop that was changed.
        expectTypedError(error, construct === 'link' && path[0] === 'mode' ? undefined : String(path[0]));
      }),
      { numRuns: RUNS },
    );
  });

  test.each(Object.keys(VALID))('%s: each prop path with each of the fixed hostile values, and missing', (construct) => {
    const key = construct as ConstructKey;
    for (const path of pathsOf(VALID[key]())) {
      for (const value of [undefined, null, NaN, -1, Infinity, '', '../x', 'a\nb', {}, [], throwingToString, 10n]) {
        const error = outcome({ [key]: setAt(VALID[key](), path, value) } as DesignOverrides);
        expectTypedError(error, key === 'link' && path[0] === 'mode' ? undefined : String(path[0]));
      }
    }
  });

  test('unknown props, and props objects that are not objects', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(VALID) as ConstructKey[])), fc.string({ minLength: 1, maxLength: 12 }), hostile, (construct, key, value) => {
        fc.pre(!(key in VALID[construct]()) && !['__proto__', 'constructor'].includes(key));
        const error = outcome({ [construct]: { ...VALID[construct](), [key]: value } } as DesignOverrides);
        // A known optional prop (such as rto) is fine when valid; anything else names the key.
        expectTypedError(error, key);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('design-level hostile input', () => {
  test('missing sites: no data centers at all is a SanDrError at synthesis', () => {
    // The helper always declares both; a plan without them is built by hand in props.test.ts.
    // Here: both sites with the same role.
    const error = outcome({ recovery: { ...recoveryProps(), role: 'primary' } });
    expect(error).toBeInstanceOf(SanDrError);
  });

  test('volumes of another plan and schedules without volumes name the schedule prop', () => {
    const error = outcome({ schedule: { volumes: [] } });
    expect(error).toBeInstanceOf(SanDrError);
    expect((error as SanDrError).propPath).toBe('volumes');
  });
});

describe('unit parsers and factories', () => {
  const parsers: [string, (value: unknown) => unknown][] = [
    ['Duration.parse', (v) => Duration.parse(v as string)],
    ['Duration.of', (v) => Duration.of(v as string)],
    ['Size.parse', (v) => Size.parse(v as string)],
    ['Size.of', (v) => Size.of(v as string)],
    ['DataRate.parse', (v) => DataRate.parse(v as string)],
    ['DataRate.of', (v) => DataRate.of(v as string)],
    ['Duration.minutes', (v) => Duration.minutes(v as number)],
    ['Duration.seconds', (v) => Duration.seconds(v as number)],
    ['Size.gibibytes', (v) => Size.gibibytes(v as number)],
    ['Size.bytes', (v) => Size.bytes(v as number)],
    ['DataRate.megabitsPerSecond', (v) => DataRate.megabitsPerSecond(v as number)],
    ['DataRate.per', (v) => DataRate.per(v as string, v as string)],
  ];

  test.each(parsers)('%s accepts a value or throws a SanDrError, for any input', (_name, parse) => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.stringMatching(/^-?[0-9.eE+-]{0,8}\s?(ms|s|m|h|d|B|KB|GiB|TiB|bps|Mbps|GB\/h|MiB\/s)?$/)), (value) => {
        const started = Date.now();
        try {
          parse(value);
        } catch (error) {
          if (!(error instanceof SanDrError)) throw new Error(`not a SanDrError: ${String(error)}`);
        }
        expect(Date.now() - started).toBeLessThan(1000);
      }),
      { numRuns: RUNS },
    );
  });
});
