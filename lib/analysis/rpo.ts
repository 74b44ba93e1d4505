import type { CycleMode, EstateDecl, LinkDecl, PlanDecl, ScheduleDecl, VolumeDecl } from '../model/design';

/**
 * The RPO budget of one schedule: how its worst-case recovery point is made up, and what would
 * meet the target.
 *
 * Model (seed 000 and the products' own definitions, see README "How the RPO is computed"):
 * a snapshot taken at t reaches the recovery site at t + snapshot time + transfer time, and
 * just before the next one lands the recovery site still holds data from one interval earlier,
 * so the worst case is interval + snapshot + transfer. The data to transfer is what changed in
 * one interval at the average rate, bounded by each volume's capacity, shrunk by compression.
 * A link carrying n schedules guarantees each of them 1/n of its effective bandwidth, because
 * their transfers may run at the same moment (fair share). When snapshot + transfer outgrow
 * the interval, a fixed schedule builds an unbounded backlog; a continuous one stretches its
 * cycle to the completion time P (which itself grows with the data changed in P) and its
 * worst case is 2P.
 */
export interface RpoBudget {
  readonly planId: string;
  readonly scheduleId: string;
  readonly linkId: string;
  readonly mode: 'periodic' | 'synchronous';
  readonly cycle: CycleMode;
  readonly intervalSeconds: number;
  readonly snapshotSeconds: number;
  /** Seconds between snapshots in steady state: the interval, or the stretched cycle. */
  readonly periodSeconds: number;
  /** Bytes changed in one period, bounded by capacity (synchronous: 0). */
  readonly changedBytes: number;
  /** Bytes on the wire after compression. */
  readonly sentBytes: number;
  /** Line rate x efficiency of the whole link, bytes per second. */
  readonly linkEffectiveBytesPerSecond: number;
  /** Schedules (across all plans of the stack) that ship over the same link. */
  readonly linkSharedBy: number;
  /** Bandwidth guaranteed to this schedule, bytes per second. */
  readonly shareBytesPerSecond: number;
  readonly transferSeconds: number;
  /** Snapshot + transfer. */
  readonly completionSeconds: number;
  /** `Infinity` when no bound exists (unsustainable). */
  readonly worstCaseSeconds: number;
  readonly targetSeconds: number;
  /** Target minus worst case; negative when breached, `-Infinity` when unbounded. */
  readonly marginSeconds: number;
  readonly verdict: RpoVerdict;
  /** For synchronous links: peak write rate all its volumes put on the wire, bytes per second. */
  readonly peakSentBytesPerSecond?: number;
  readonly fix: RpoFix;
}

export type RpoVerdict = 'meets' | 'breaches' | 'unsustainable';

export interface RpoFix {
  /** Longest interval (whole seconds, rounded down) that meets the target on today's link; null if none does. */
  readonly longestIntervalSeconds: number | null;
  /**
   * Line rate the link needs so that, at the declared interval, every snapshot lands within its
   * interval and the worst case meets the target (rounded up to 3 significant digits); null if
   * interval + snapshot alone exceed the target, so no bandwidth can help.
   */
  readonly requiredLineRateBitsPerSecond: number | null;
}

interface ChangeSource {
  readonly capacityBytes: number;
  readonly bytesPerSecond: number;
}

/** Budgets for every schedule of every plan, in plan then schedule declaration order. */
export function computeRpoBudgets(estate: EstateDecl): RpoBudget[] {
  const linksById = new Map(estate.links.map((link) => [link.id, link]));
  const schedulesPerLink = new Map<string, number>();
  for (const plan of estate.plans) {
    for (const schedule of plan.schedules) {
      schedulesPerLink.set(schedule.linkId, (schedulesPerLink.get(schedule.linkId) ?? 0) + 1);
    }
  }
  const peakPerSyncLink = syncLinkPeaks(estate, linksById);

  const budgets: RpoBudget[] = [];
  for (const plan of estate.plans) {
    const volumesById = new Map(plan.volumes.map((volume) => [volume.id, volume]));
    for (const schedule of plan.schedules) {
      const link = linksById.get(schedule.linkId);
      if (!link) throw new Error(`internal: schedule ${schedule.id} names unknown link ${schedule.linkId}`);
      const volumes = schedule.volumeIds.map((id) => volumesById.get(id)).filter((v): v is VolumeDecl => !!v);
      const sharedBy = schedulesPerLink.get(link.id) ?? 1;
      budgets.push(
        link.mode === 'sync'
          ? synchronousBudget(plan, schedule, link, sharedBy, peakPerSyncLink.get(link.id) ?? 0)
          : periodicBudget(plan, schedule, link, sharedBy, volumes),
      );
    }
  }
  return budgets;
}

export function effectiveBytesPerSecond(link: LinkDecl): number {
  return (link.lineRateBitsPerSecond / 8) * link.efficiency;
}

/**
 * Periodic shipping of one consistency group. Exported for the analysis tests and for the
 * soundness simulation, which check it on designs built without constructs.
 */
export function periodicBudget(
  plan: Pick<PlanDecl, 'id' | 'rpoSeconds'>,
  schedule: ScheduleDecl,
  link: LinkDecl,
  sharedBy: number,
  volumes: readonly Pick<VolumeDecl, 'capacityBytes' | 'averageChangeBytesPerSecond'>[],
): RpoBudget {
  const sources: ChangeSource[] = volumes.map((v) => ({
    capacityBytes: v.capacityBytes,
    bytesPerSecond: v.averageChangeBytesPerSecond,
  }));
  const linkBytesPerSecond = effectiveBytesPerSecond(link);
  const share = linkBytesPerSecond / sharedBy;
  // Seconds on the wire per byte changed, for this schedule's share of the link.
  const wireSecondsPerChangedByte = 1 / (link.compressionRatio * share);
  const completionAt = (period: number): number =>
    schedule.snapshotSeconds + changedBytes(sources, period) * wireSecondsPerChangedByte;

  const interval = schedule.intervalSeconds;
  const target = plan.rpoSeconds;
  const atInterval = completionAt(interval);

  let period = interval;
  let sustainable = atInterval <= interval;
  let worst = interval + atInterval;
  if (!sustainable && schedule.cycle === 'continuous') {
    // The cycle stretches until the data changed during it can be shipped within it.
    period = shortestSustainablePeriod(sources, schedule.snapshotSeconds, wireSecondsPerChangedByte);
    worst = 2 * period;
    sustainable = true;
  } else if (!sustainable) {
    worst = Infinity;
  }

  const changed = changedBytes(sources, period);
  const sent = changed / link.compressionRatio;
  const transfer = sent / share;
  const verdict: RpoVerdict = !sustainable ? 'unsustainable' : worst <= target ? 'meets' : 'breaches';

  return {
    planId: plan.id,
    scheduleId: schedule.id,
    linkId: link.id,
    mode: 'periodic',
    cycle: schedule.cycle,
    intervalSeconds: interval,
    snapshotSeconds: schedule.snapshotSeconds,
    periodSeconds: period,
    changedBytes: changed,
    sentBytes: sent,
    linkEffectiveBytesPerSecond: linkBytesPerSecond,
    linkSharedBy: sharedBy,
    shareBytesPerSecond: share,
    transferSeconds: transfer,
    completionSeconds: schedule.snapshotSeconds + transfer,
    worstCaseSeconds: worst,
    targetSeconds: target,
    marginSeconds: target - worst,
    verdict,
    fix: {
      longestIntervalSeconds: longestInterval(sources, schedule.snapshotSeconds, wireSecondsPerChangedByte, target),
      requiredLineRateBitsPerSecond: requiredLineRate(
        changedBytes(sources, interval) / link.compressionRatio,
        interval,
        schedule.snapshotSeconds,
        target,
        sharedBy,
        link.efficiency,
      ),
    },
  };
}

/**
 * Synchronous mirroring acknowledges a write only once the recovery site has it, so the
 * recovery point is zero as long as the link carries the peak write rate; beyond that the
 * mirror suspends and the recovery point is no longer bounded.
 */
function synchronousBudget(
  plan: PlanDecl,
  schedule: ScheduleDecl,
  link: LinkDecl,
  sharedBy: number,
  peakSentBytesPerSecond: number,
): RpoBudget {
  const linkBytesPerSecond = effectiveBytesPerSecond(link);
  const sustainable = peakSentBytesPerSecond <= linkBytesPerSecond;
  const worst = sustainable ? 0 : Infinity;
  const required = ceilSignificant((peakSentBytesPerSecond * 8) / link.efficiency, 3);
  return {
    planId: plan.id,
    scheduleId: schedule.id,
    linkId: link.id,
    mode: 'synchronous',
    cycle: schedule.cycle,
    intervalSeconds: schedule.intervalSeconds,
    snapshotSeconds: schedule.snapshotSeconds,
    periodSeconds: schedule.intervalSeconds,
    changedBytes: 0,
    sentBytes: 0,
    linkEffectiveBytesPerSecond: linkBytesPerSecond,
    linkSharedBy: sharedBy,
    shareBytesPerSecond: linkBytesPerSecond,
    transferSeconds: 0,
    completionSeconds: 0,
    worstCaseSeconds: worst,
    targetSeconds: plan.rpoSeconds,
    marginSeconds: plan.rpoSeconds - worst,
    verdict: sustainable ? 'meets' : 'unsustainable',
    peakSentBytesPerSecond,
    fix: { longestIntervalSeconds: null, requiredLineRateBitsPerSecond: required },
  };
}

/** Every write of every volume on a synchronous link crosses it at once: peaks add up. */
function syncLinkPeaks(estate: EstateDecl, linksById: Map<string, LinkDecl>): Map<string, number> {
  const peaks = new Map<string, number>();
  for (const plan of estate.plans) {
    const volumesById = new Map(plan.volumes.map((volume) => [volume.id, volume]));
    for (const schedule of plan.schedules) {
      const link = linksById.get(schedule.linkId);
      if (!link || link.mode !== 'sync') continue;
      let peak = 0;
      for (const id of schedule.volumeIds) {
        const volume = volumesById.get(id);
        if (volume) peak += volume.peakChangeBytesPerSecond ?? volume.averageChangeBytesPerSecond;
      }
      peaks.set(link.id, (peaks.get(link.id) ?? 0) + peak / link.compressionRatio);
    }
  }
  return peaks;
}

/** Bytes changed in `seconds` at the average rates: a volume cannot change more than it holds. */
export function changedBytes(sources: readonly ChangeSource[], seconds: number): number {
  let total = 0;
  for (const source of sources) total += Math.min(source.capacityBytes, source.bytesPerSecond * seconds);
  return total;
}

/** Times at which a volume becomes fully rewritten: where changedBytes() bends. */
function saturationTimes(sources: readonly ChangeSource[]): number[] {
  // A rate so small that capacity / rate overflows never saturates: no bend (an infinite one made NaN).
  const times = sources
    .filter((s) => s.bytesPerSecond > 0)
    .map((s) => s.capacityBytes / s.bytesPerSecond)
    .filter((t) => Number.isFinite(t));
  return [...new Set(times)].sort((a, b) => a - b);
}

/**
 * Smallest t >= 0 from which fn stays >= 0 for a while, for a continuous fn that is linear
 * between `bends` and rises with slope `tailSlope` > 0 after the last bend. Exact: no iteration.
 * A zero at 0 from which fn falls is not a root: with no snapshot time a continuous cycle that
 * cannot keep up has slack 0 at period 0, but its period is where the slack comes back to 0.
 */
function firstRoot(fn: (t: number) => number, bends: readonly number[], tailSlope: number): number {
  let previous = 0;
  let previousValue = fn(0);
  if (previousValue > 0) return 0;
  if (previousValue === 0) {
    const firstBend = bends.find((bend) => bend > 0);
    const fallsAfterZero = firstBend === undefined ? tailSlope < 0 : fn(firstBend) < 0;
    if (!fallsAfterZero) return 0;
  }
  for (const bend of bends) {
    const value = fn(bend);
    if (value >= 0) return previous + (-previousValue * (bend - previous)) / (value - previousValue);
    previous = bend;
    previousValue = value;
  }
  return previous + -previousValue / tailSlope;
}

/**
 * The shortest period P in which a snapshot and the transfer of what changed during P fit:
 * P = snapshot + changed(P) x wire time per byte. It always exists because changed data is
 * bounded by capacity.
 */
function shortestSustainablePeriod(
  sources: readonly ChangeSource[],
  snapshotSeconds: number,
  wireSecondsPerChangedByte: number,
): number {
  const slack = (t: number) => t - snapshotSeconds - changedBytes(sources, t) * wireSecondsPerChangedByte;
  return firstRoot(slack, saturationTimes(sources), 1);
}

/**
 * Worst case grows with the interval, and an interval is sustainable from the shortest
 * sustainable period on; so the intervals that meet the target, if any, run from that period
 * up to the one where interval + completion reaches the target. For both cycle modes the set is
 * non-empty exactly when twice that period fits in the target.
 */
function longestInterval(
  sources: readonly ChangeSource[],
  snapshotSeconds: number,
  wireSecondsPerChangedByte: number,
  targetSeconds: number,
): number | null {
  const shortest = shortestSustainablePeriod(sources, snapshotSeconds, wireSecondsPerChangedByte);
  if (2 * shortest > targetSeconds) return null;
  const overshoot = (interval: number) =>
    interval + snapshotSeconds + changedBytes(sources, interval) * wireSecondsPerChangedByte - targetSeconds;
  const longest = Math.floor(firstRoot(overshoot, saturationTimes(sources), 1) + 1e-9);
  return longest >= shortest && longest > 0 ? longest : null;
}

function requiredLineRate(
  sentBytes: number,
  intervalSeconds: number,
  snapshotSeconds: number,
  targetSeconds: number,
  sharedBy: number,
  efficiency: number,
): number | null {
  // The transfer must end before the next snapshot is due and before the target runs out.
  const window = Math.min(targetSeconds - intervalSeconds - snapshotSeconds, intervalSeconds - snapshotSeconds);
  if (window <= 0) return null;
  return ceilSignificant((sentBytes * 8 * sharedBy) / (efficiency * window), 3);
}

/** Rounds up, so that a recommended bandwidth is never short of what is needed. */
export function ceilSignificant(value: number, digits: number): number {
  if (value <= 0 || !Number.isFinite(value)) return value;
  const scale = Math.pow(10, Math.floor(Math.log10(value)) - digits + 1);
  const scaled = value / scale;
  // Float noise must not push an exact value up a step (93.0 Mbps stays 93.0).
  const rounded = Math.abs(scaled - Math.round(scaled)) < 1e-9 ? Math.round(scaled) : Math.ceil(scaled);
  return rounded * scale;
}
