import type { CycleMode, EstateDecl, LinkDecl, PlanDecl, ScheduleDecl, VolumeDecl } from '../model/design';
import {
  changedBytesInWindow,
  changeLoad,
  changeStepSeconds,
  changePieceAt,
  shippedChangeVolumes,
  type ChangeLoad,
  type ChangePiece,
  type ChangeVolume,
} from './change';

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
  /** Periodic: the change profile's summary, its busiest window and the grain's amplification. */
  readonly load?: ChangeLoad;
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

/** What periodic shipping needs to know about a volume. */
export type PeriodicVolume = Pick<VolumeDecl, 'capacityBytes' | 'averageChangeBytesPerSecond'> &
  Partial<Pick<VolumeDecl, 'changeProfile' | 'changeKind' | 'writeSizeBytes'>>;

/**
 * Periodic shipping of one consistency group. Exported for the analysis tests and for the
 * soundness simulation, which check it on designs built without constructs.
 */
export function periodicBudget(
  plan: Pick<PlanDecl, 'id' | 'rpoSeconds'>,
  schedule: ScheduleDecl,
  link: LinkDecl,
  sharedBy: number,
  volumes: readonly PeriodicVolume[],
): RpoBudget {
  // One array for the whole budget: changedBytesInWindow compiles (and caches) per array.
  const shipped = shippedChangeVolumes(volumes, link);
  const linkBytesPerSecond = effectiveBytesPerSecond(link);
  const share = linkBytesPerSecond / sharedBy;
  // Seconds on the wire per byte changed, for this schedule's share of the link.
  const wireSecondsPerChangedByte = 1 / (link.compressionRatio * share);
  const load: CompletionModel = { volumes: shipped, snapshotSeconds: schedule.snapshotSeconds, wireSecondsPerChangedByte };

  const interval = schedule.intervalSeconds;
  const target = plan.rpoSeconds;
  const atInterval = completionAt(load, interval);

  let period = interval;
  let sustainable = atInterval <= interval;
  let worst = interval + atInterval;
  if (!sustainable && schedule.cycle === 'continuous') {
    // The cycle stretches until the data changed during it can be shipped within it.
    period = shortestSustainablePeriod(load, interval);
    worst = 2 * period;
    sustainable = Number.isFinite(period);
  } else if (!sustainable) {
    worst = Infinity;
  }

  const changed = changedBytesInWindow(shipped, Number.isFinite(period) ? period : interval);
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
    periodSeconds: Number.isFinite(period) ? period : interval,
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
    load: changeLoad(shipped, Number.isFinite(period) ? period : interval, interval),
    fix: {
      longestIntervalSeconds: longestInterval(load, target),
      requiredLineRateBitsPerSecond: requiredLineRate(
        changedBytesInWindow(shipped, interval) / link.compressionRatio,
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

/** A schedule's load on its share of the link: what changes, and what a byte costs on the wire. */
interface CompletionModel {
  readonly volumes: readonly ChangeVolume[];
  readonly snapshotSeconds: number;
  readonly wireSecondsPerChangedByte: number;
}

/** Snapshot time plus the transfer of what changed in the busiest window of `period`. */
function completionAt(load: CompletionModel, period: number): number {
  return load.snapshotSeconds + changedBytesInWindow(load.volumes, period) * load.wireSecondsPerChangedByte;
}

/** Tolerance for "fits": input is never precise to 1e-9, float noise is. */
const fits = (slack: number, scale: number) => slack >= -1e-9 * Math.max(1, scale);

/** Pieces a solver may walk before it settles for its safe bound (see each solver). */
const MAX_PIECES = 100_000;

/**
 * The smallest period P >= `from` in which a snapshot and the transfer of the busiest P-long
 * window fit: P >= snapshot + changed(P) x wire time per byte. A continuous cycle's periods
 * never exceed it (if one cycle lasts at most P, the next ships at most changed(P), so it ends
 * within P too), and iterating P <- snapshot + changed(P) from `from` climbs to it, so the walk
 * below jumps by that iteration and solves each linear piece of changed() exactly. Volumes hold
 * finite capacities, so the bound snapshot + wire time x all capacity always fits; after
 * MAX_PIECES pieces that safe bound is returned instead of the least one.
 */
function shortestSustainablePeriod(load: CompletionModel, from: number): number {
  const c = load.wireSecondsPerChangedByte;
  const ceiling = load.snapshotSeconds + c * load.volumes.reduce((sum, v) => sum + v.capacityBytes, 0);
  let p = from;
  for (let pieces = 0; pieces < MAX_PIECES; pieces++) {
    const piece = changePieceAt(load.volumes, p, 'after');
    const slack = p - load.snapshotSeconds - c * piece.value;
    if (fits(slack, p)) return p;
    const gain = 1 - c * piece.slope;
    if (gain > 0 && -slack / gain <= piece.length) return p + -slack / gain;
    // No root on this piece: move past it, or to snapshot + changed(P) if that is further.
    const next = Math.max(p + piece.length, load.snapshotSeconds + c * piece.value);
    if (!Number.isFinite(next) || next >= ceiling) return Math.max(from, ceiling);
    p = next;
  }
  return Math.max(from, ceiling);
}

/**
 * The longest whole-second interval that meets the target: interval + snapshot + transfer of
 * its busiest window within the target, and sustainable (snapshot + transfer within the
 * interval, so that neither cycle mode stretches or falls behind). A continuous cycle that
 * stretches from a shorter interval to P never beats interval P itself, so nothing is lost.
 * The worst case rises with the interval, so the first condition holds up to one root R,
 * found by bisection that ends on the linear piece holding R. Sustainability need not be
 * monotone with a profile (a second burst may arrive as the window grows), so the search walks
 * down from R over the pieces of the slack, a whole second at least per step.
 */
function longestInterval(load: CompletionModel, targetSeconds: number): number | null {
  const c = load.wireSecondsPerChangedByte;
  const worstAt = (piece: ChangePiece, interval: number) => interval + load.snapshotSeconds + c * piece.value;
  if (load.snapshotSeconds >= targetSeconds) return null;
  let lo = 0;
  let hi = targetSeconds - load.snapshotSeconds;
  // Narrow first with values alone (one pass over a profile each, a piece costs three) down to
  // one step of the finest profile, within which only a few pieces remain.
  const resolution = changeStepSeconds(load.volumes);
  while (hi - lo > resolution) {
    const mid = (lo + hi) / 2;
    if (mid + load.snapshotSeconds + c * changedBytesInWindow(load.volumes, mid) > targetSeconds) hi = mid;
    else lo = mid;
  }
  let root = lo;
  for (let step = 0; step < 200; step++) {
    const mid = step === 0 ? lo : (lo + hi) / 2;
    const piece = changePieceAt(load.volumes, mid, 'after');
    const over = worstAt(piece, mid) - targetSeconds;
    if (over > 0) {
      hi = mid;
    } else {
      const reach = -over / (1 + c * piece.slope);
      if (reach <= piece.length) {
        root = mid + reach;
        break;
      }
      lo = Math.min(hi, mid + piece.length);
    }
    root = lo;
    if (hi - lo <= 1e-9 * Math.max(1, hi)) break;
  }
  let interval = Math.floor(root + 1e-9);
  // Below the snapshot time nothing is sustainable.
  for (let pieces = 0; pieces < MAX_PIECES && interval >= Math.max(1, load.snapshotSeconds); pieces++) {
    const piece = changePieceAt(load.volumes, interval, 'before');
    const slack = interval - load.snapshotSeconds - c * piece.value;
    if (fits(slack, interval) && fits(targetSeconds - worstAt(piece, interval), targetSeconds)) return interval;
    // Going back by d, the slack changes by -(1 - c x slope) d: it only recovers where the
    // transfer falls faster than the interval.
    const recovery = c * piece.slope - 1;
    let next = interval - Math.max(1, piece.length);
    if (recovery > 0 && -slack / recovery <= piece.length) next = interval - -slack / recovery;
    interval = Math.min(interval - 1, Math.floor(next + 1e-9));
  }
  return null;
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
