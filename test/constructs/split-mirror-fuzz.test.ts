import fc from 'fast-check';
import { Testing } from 'cdktf';
import type { SplitMirrorBackupProps } from '../../lib';
import { SanDrError } from '../../lib';
import { expectTypedError, hostile, pathsOf, setAt, throwingGetter, throwingToString, roundTripPlan } from './fuzz-values';
import { backupProps, declare } from './split-mirror-helpers';

/**
 * SplitMirrorBackup gets the same treatment as the other constructs (fuzz.test.ts): a hostile
 * value at any prop path is accepted, or rejected with a SanDrError that names that prop.
 */
fc.configureGlobal({ seed: Number(process.env.SDR_SEED ?? 20261122), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });
const RUNS = Number(process.env.SDR_FUZZ_RUNS ?? 150);

/** Every prop path of the valid props but the link, which is a construct (and its own test). */
const valid = () => ({ ...backupProps(undefined as never), link: undefined }) as Record<string, unknown>;
const paths = pathsOf(valid()).filter((path) => path[0] !== 'link');

function outcome(edit: (props: Record<string, unknown>) => Record<string, unknown>): unknown {
  try {
    const { stack } = declare((props: SplitMirrorBackupProps) => edit({ ...props } as Record<string, unknown>));
    Testing.synth(stack);
    // Round trip: the CLI reads back the plan of every design synthesis accepts.
    roundTripPlan(stack);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('SplitMirrorBackup: hostile prop values give a SanDrError naming the prop', () => {
  test(`every prop path (${paths.length}) with random hostile values (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), hostile, (path, value) => {
        expectTypedError(outcome((props) => setAt(props, path, value)), String(path[0]));
      }),
      { numRuns: RUNS },
    );
  });

  test('every prop path with each fixed hostile value, and missing', () => {
    for (const path of paths) {
      for (const value of [undefined, null, NaN, -1, Infinity, '', '../x', 'a\nb', {}, [], throwingToString, 10n]) {
        expectTypedError(outcome((props) => setAt(props, path, value)), String(path[0]));
      }
    }
  });

  test('the link: anything but a ReplicationLink is refused as the link', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const error = outcome((props) => ({ ...props, link: value }));
        expect(error).toBeDefined();
        expectTypedError(error, 'link');
      }),
      { numRuns: 50 },
    );
  });

  test('a prop whose getter throws is named, not passed on as a bare Error', () => {
    // Found by the property above: zod reads volumes[0].changeRate.average and the getter's Error escaped.
    const error = outcome((props) => setAt(props, ['volumes', 0, 'changeRate'], throwingGetter));
    expect(error).toBeInstanceOf(SanDrError);
    expect((error as SanDrError).message).toBe(
      'test/Plan/Backup: volumes[0].changeRate.average: got "a value that throws when read (getter exploded)"; expected a plain value',
    );
  });
});
