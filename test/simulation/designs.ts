import fc from 'fast-check';
import { effectiveBytesPerSecond, type RpoBudget } from '../../lib/analysis/rpo';
import type { EstateDecl, LinkDecl, PlanDecl, ScheduleDecl, VolumeDecl } from '../../lib/model/design';
import { link, plan, schedule, volume } from '../fixtures/estate';
import { peakShape, scaleToContract, steadyProfile, type SimSchedule, type SimVolume } from './snapshot-shipping';

/**
 * What the property tests against the simulator share: the random link, how a random design
 * becomes both an estate for the analysis and schedules for the simulator, and the tolerance.
 */

export const RUNS = Number(process.env.SDR_PROPERTY_RUNS ?? 60);

/**
 * A fixed seed makes CI reproducible; set SDR_SEED to explore others. No run may take over a
 * minute. Magnitudes stay where designs live: near-denormal doubles, which shrinking heads for,
 * make floating point so slow that a failing run could shrink for hours.
 */
export function configureProperties(defaultSeed: number): void {
  fc.configureGlobal({
    seed: Number(process.env.SDR_SEED ?? defaultSeed),
    interruptAfterTimeLimit: 60_000,
    markInterruptAsFailure: true,
  });
}

export const linkArb = {
  lineRateBitsPerSecond: fc.double({ min: 1e6, max: 1e10, noNaN: true }),
  efficiency: fc.double({ min: 0.5, max: 1, noNaN: true }),
  compressionRatio: fc.double({ min: 1, max: 4, noNaN: true }),
  rpoSeconds: fc.integer({ min: 60, max: 86400 }),
};

export interface LinkSpec {
  /** What the link declares; the analysis' default is `any`. */
  readonly sharing?: 'any' | 'per-schedule';
  readonly lineRateBitsPerSecond: number;
  readonly efficiency: number;
  readonly compressionRatio: number;
  readonly rpoSeconds: number;
}

export interface BaseVolumeSpec {
  /** Share of the schedule's fair share of the link this volume's sent bytes would use (on average). */
  readonly load: number;
  /** Capacity as a multiple of one interval's changes at that average (saturation below 1). */
  readonly capacityIntervals: number;
}

/** A daily peak on a base load, the shape the simulator gives a volume's writes. */
export interface PeakSpec {
  readonly base: number;
  readonly height: number;
  readonly centerMinute: number;
  readonly widthMinutes: number;
}

export interface BaseScheduleSpec<V extends BaseVolumeSpec> {
  readonly intervalMinutes: number;
  readonly snapshotSeconds: number;
  readonly cycle: 'fixed' | 'continuous';
  readonly volumes: readonly V[];
}

export interface Built {
  readonly estate: EstateDecl;
  readonly sim: SimSchedule[];
  readonly linkDecl: LinkDecl;
}

/**
 * One link, declared in a `network` stack, shared by every schedule, each in its own plan and its
 * own application stack (sharing counts across plans and stacks). For each
 * volume `describe` gives what the analysis sees besides capacity and average, and the rates the
 * simulator replays.
 */
export function buildOnOneLink<S extends BaseScheduleSpec<BaseVolumeSpec>>(
  spec: LinkSpec & { readonly schedules: readonly S[] },
  describe: (
    v: S['volumes'][number],
    context: { readonly average: number; readonly intervalSeconds: number; readonly schedule: S },
  ) => { readonly decl?: Partial<VolumeDecl>; readonly sim: Omit<SimVolume, 'capacityBytes'> },
): Built {
  const linkDecl = link({
    lineRateBitsPerSecond: spec.lineRateBitsPerSecond,
    efficiency: spec.efficiency,
    compressionRatio: spec.compressionRatio,
    id: 'network/Wan',
    stack: 'network',
    ...(spec.sharing ? { sharing: spec.sharing } : {}),
  });
  const share = effectiveBytesPerSecond(linkDecl) / spec.schedules.length;
  const plans: PlanDecl[] = [];
  const sim: SimSchedule[] = [];
  spec.schedules.forEach((s, p) => {
    const intervalSeconds = s.intervalMinutes * 60;
    const planId = `app/Plan${p}`;
    const volumes: VolumeDecl[] = [];
    const simVolumes: SimVolume[] = [];
    s.volumes.forEach((v, i) => {
      const average = (v.load * share * spec.compressionRatio) / s.volumes.length;
      const capacityBytes = average > 0 ? Math.max(1, average * intervalSeconds * v.capacityIntervals) : 1e12;
      const described = describe(v, { average, intervalSeconds, schedule: s });
      volumes.push(volume(`V${i}`, { id: `${planId}/V${i}`, capacityBytes, averageChangeBytesPerSecond: average, ...described.decl }));
      simVolumes.push(Object.defineProperties({ capacityBytes }, Object.getOwnPropertyDescriptors(described.sim)) as SimVolume);
    });
    const scheduleDecl: ScheduleDecl = schedule({
      id: `${planId}/Schedule`,
      linkId: linkDecl.id,
      volumeIds: volumes.map((v) => v.id),
      intervalSeconds,
      snapshotSeconds: s.snapshotSeconds,
      cycle: s.cycle,
    });
    plans.push(plan({ id: planId, stack: `app${p}`, rpoSeconds: spec.rpoSeconds, volumes, schedules: [scheduleDecl] }));
    sim.push({ intervalSeconds, snapshotSeconds: s.snapshotSeconds, cycle: s.cycle, volumes: simVolumes });
  });
  return { estate: { plans, links: [linkDecl] }, sim, linkDecl };
}

/** Float tolerance: a relative 1e-9 of the larger value. */
export const atMost = (a: number, b: number) => a <= b + 1e-9 * Math.max(1, Math.abs(b));

/** Sound: the simulated worst lag never exceeds the analytic worst case, so "meets" is never wrong. */
export function expectSound(budgets: readonly RpoBudget[], worst: readonly number[]): void {
  budgets.forEach((budget, i) => {
    expect(atMost(worst[i], budget.worstCaseSeconds)).toBe(true);
    if (budget.verdict === 'meets') expect(atMost(worst[i], budget.targetSeconds)).toBe(true);
  });
}

/** Sound, and within 10% of the simulated worst lag. */
export function expectTight(budgets: readonly RpoBudget[], worst: readonly number[]): void {
  budgets.forEach((budget, i) => {
    // A fixed schedule that falls behind is "unsustainable" (Infinity): its lag grows without bound.
    // A continuous one converges to its stretched period from below; give it time to get there.
    fc.pre(Number.isFinite(budget.worstCaseSeconds) && budget.worstCaseSeconds <= 6 * 3600);
    expect(atMost(worst[i], budget.worstCaseSeconds)).toBe(true);
    expect(budget.worstCaseSeconds).toBeLessThanOrEqual(1.1 * worst[i]);
  });
}

/**
 * `buildOnOneLink` where the analysis sees each volume's declared average and the simulator
 * replays a daily peak (or a steady load) scaled so that its busiest interval-long window averages
 * exactly that: the contract a declared `{ average }` states. Profiles are only built when the
 * simulator asks (the analytic properties never do).
 */
export function buildWithPeakProfiles<S extends BaseScheduleSpec<BaseVolumeSpec & { readonly peak: PeakSpec | null }>>(
  spec: LinkSpec & { readonly schedules: readonly S[] },
): Built {
  return buildOnOneLink(spec, (v, { average, intervalSeconds }) => {
    let profile: Float64Array | undefined;
    return {
      sim: {
        get dailyProfile() {
          profile ??= scaleToContract(v.peak ? peakShape(v.peak) : steadyProfile(1), intervalSeconds, average);
          return profile;
        },
      },
    };
  });
}
