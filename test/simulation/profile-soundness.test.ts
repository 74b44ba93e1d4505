import fc from 'fast-check';
import { computeRpoBudgets, effectiveBytesPerSecond } from '../../lib/analysis/rpo';
import type { ChangeProfileDecl } from '../../lib/model/design';
import { buildOnOneLink, configureProperties, type BaseScheduleSpec, type LinkSpec, expectSound, expectTight, linkArb, RUNS } from './designs';
import { DAY_MINUTES, peakShape, simulateLink } from './snapshot-shipping';

/**
 * The analysis fed the profiles themselves (daily profiles and measured series), judged by the
 * simulator replaying the very same rates: no contract on a declared average any more. Each
 * schedule's volumes share a time base (a measured series of one step and length per schedule,
 * exact maximum of the sum) or mix a measured series with a daily profile (sum of maxima).
 */

configureProperties(20261202);

interface VolumeSpec {
  /** Daily mean as a share of the schedule's fair share of the link (after compression). */
  readonly load: number;
  readonly capacityIntervals: number;
  /** null: a measured series (the schedule's step and days); else a daily peak shape per minute. */
  readonly daily: null | { base: number; height: number; centerMinute: number; widthMinutes: number };
  /** Relative rates of the measured series' steps (used when `daily` is null). */
  readonly measured: readonly number[];
}

interface ScheduleSpec extends BaseScheduleSpec<VolumeSpec> {
  readonly stepSeconds: number;
}

interface DesignSpec extends LinkSpec {
  readonly schedules: readonly ScheduleSpec[];
}

const STEPS = [300, 900, 3600] as const;
/** Steps of a measured series: up to two days at the largest step count the generator allows. */
const MEASURED_STEPS = 48;

const volumeArb = (flat: boolean) =>
  fc.record({
    load: fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 1.2, noNaN: true })),
    capacityIntervals: fc.oneof(fc.constant(1e9), fc.double({ min: 0.05, max: 50, noNaN: true })),
    daily: flat
      ? fc.constant(null)
      : fc.option(
          fc.record({
            base: fc.double({ min: 1e-3, max: 1, noNaN: true }),
            height: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 20, noNaN: true })),
            centerMinute: fc.integer({ min: 0, max: DAY_MINUTES - 1 }),
            widthMinutes: fc.integer({ min: 2, max: 720 }),
          }),
          { nil: null },
        ),
    measured: flat
      ? fc.constant(new Array(MEASURED_STEPS).fill(1))
      : fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 5, max: 20, noNaN: true })), {
          minLength: MEASURED_STEPS,
          maxLength: MEASURED_STEPS,
        }),
  });

const scheduleArb = (flat: boolean) =>
  fc.record({
    intervalMinutes: fc.integer({ min: 1, max: 240 }),
    snapshotSeconds: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 900, noNaN: true })),
    cycle: fc.constantFrom<'fixed' | 'continuous'>('fixed', 'continuous'),
    stepSeconds: fc.constantFrom(...STEPS),
    volumes: fc.array(volumeArb(flat), { minLength: 1, maxLength: 3 }),
  });

const designArb: fc.Arbitrary<DesignSpec> = fc.record({ ...linkArb, schedules: fc.array(scheduleArb(false), { minLength: 1, maxLength: 3 }) });

/** n equal schedules, every volume a flat measured series: each really gets 1/n all the time. */
const flatArb: fc.Arbitrary<DesignSpec> = fc
  .record({ ...linkArb, schedule: scheduleArb(true), count: fc.integer({ min: 1, max: 3 }) })
  .map(({ schedule: s, count, ...rest }) => ({ ...rest, schedules: Array.from({ length: count }, () => s) }));

/** Rates scaled so that their mean is `mean`. */
function withMean(rates: ArrayLike<number>, mean: number): Float64Array {
  const values = Float64Array.from(rates);
  const sum = values.reduce((a, b) => a + b, 0);
  return values.map((r) => (sum > 0 ? (r * mean * values.length) / sum : mean));
}

function build(spec: DesignSpec) {
  const built = buildOnOneLink(spec, (v, { average, schedule: s }) => {
    // Measured: the schedule's step, as many steps as make whole days (at least one).
    const steps = Math.max(86_400 / s.stepSeconds, Math.min(MEASURED_STEPS, 2 * (86_400 / s.stepSeconds)));
    const rates = v.daily
      ? withMean(peakShape(v.daily), average)
      : withMean(Array.from({ length: steps }, (_, k) => v.measured[k % v.measured.length]), average);
    const stepSeconds = v.daily ? 60 : s.stepSeconds;
    const changeProfile: ChangeProfileDecl = v.daily
      ? { shape: 'daily', stepSeconds, bytesPerSecond: rates, startEpochSeconds: null, source: null }
      : { shape: 'measured', stepSeconds, bytesPerSecond: rates, startEpochSeconds: 0, source: null };
    return { decl: { changeProfile }, sim: { dailyProfile: rates, stepSeconds } };
  });
  const budgets = computeRpoBudgets(built.estate);
  const worst = simulateLink(
    { effectiveBytesPerSecond: effectiveBytesPerSecond(built.linkDecl), compressionRatio: spec.compressionRatio },
    built.sim,
  ).map((r) => r.worstLagSeconds);
  return { budgets, worst };
}

describe('with the profiles themselves, the analysis is sound against the simulator replaying them', () => {
  test(`random daily profiles and measured series, 1-3 schedules sharing a link (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(designArb, (spec) => {
        const { budgets, worst } = build(spec);
        expectSound(budgets, worst);
      }),
      { numRuns: RUNS },
    );
  });

  test(`a flat measured series (a schedule alone, or n equal ones): the worst case is within 10% of the simulated lag (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(flatArb, (spec) => {
        const { budgets, worst } = build(spec);
        expectTight(budgets, worst);
      }),
      { numRuns: RUNS },
    );
  });
});
