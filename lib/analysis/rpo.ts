import type { CycleMode, EstateDecl, LinkDecl, LinkSharing, PlanDecl, ScheduleDecl, VolumeDecl } from '../model/design';
import {
  changedBytesInWindow,
  changeLoad,
  changeStepSeconds,
  changePieceAt,
  shippedChangeVolumes,
  type ChangeLoad,
  type ChangePiece,
} from './change';
import { boundLinkUsers, shortestSustainablePeriod, type CompletionModel, type Interferer, type LinkUser, type UserBound } from './link-sharing';
import { copyBurstBytes, type LinkCopyTraffic } from './split-mirror';

/**
 * The RPO budget of one schedule: how its worst-case recovery point is made up, and what would
 * meet the target.
 *
 * Model (seed 000 and the products' own definitions, see README "How the RPO is computed"):
 * a snapshot taken at t reaches the recovery site at t + snapshot time + transfer time, and
 * just before the next one lands the recovery site still holds data from one interval earlier,
 * so the worst case is interval + snapshot + transfer. The data to transfer is what changed in
 * one interval (changedBytesInWindow), shrunk by compression. On a link that other schedules use
 * too, the transfer waits in the worst case behind everything they can put on the wire meanwhile
 * (link-sharing.ts: response-time analysis, sound for any work-conserving sharing); a link
 * declared `sharing: 'per-schedule'` guarantees each of n schedules 1/n of it instead. Other
 * traffic declared on the link comes off its bandwidth first. When snapshot + transfer outgrow
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
  /** Schedules (across all plans and stacks of the App) that ship over the same link. */
  readonly linkSharedBy: number;
  /** How the bound shares the link: `any` work-conserving discipline, or 1/n `per-schedule`. */
  readonly linkSharing: LinkSharing;
  /** Bandwidth guaranteed to this schedule on average over its transfer, bytes per second. */
  readonly shareBytesPerSecond: number;
  /** From the snapshot being ready to its last byte landing, waiting behind other users included. */
  readonly transferSeconds: number;
  /** Of the transfer: time the other users' data may hold the link (0 for a sole user and per schedule). */
  readonly waitSeconds: number;
  /** Other users' bytes that may go first, after compression. */
  readonly interferenceBytes: number;
  /** A schedule on the link whose backlog grows without bound, which leaves this one unbounded too (or a split mirror whose cycle outgrows its interval). */
  readonly starvedBy?: string;
  /** Split-mirror backups whose resync copies cross the same circuit and count in the wait. */
  readonly resyncOf?: readonly string[];
  /** The split-mirror backup (its name) whose cycle, steps 1-9, outgrows its interval, which leaves this schedule without a bound. */
  readonly starvedByBackup?: string;
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

/** One schedule on a link, with what the analysis needs of its plan. */
interface LinkEntry {
  readonly plan: PlanDecl;
  readonly schedule: ScheduleDecl;
  readonly volumes: readonly VolumeDecl[];
  /** The link the schedule names (its circuit may have others). */
  readonly link: LinkDecl;
}

/**
 * Links that are one physical circuit: same `circuitId`, or the link alone. They share one
 * budget whichever link a schedule names.
 */
export function circuitKey(link: Pick<LinkDecl, 'id' | 'circuitId'>): string {
  return link.circuitId !== undefined ? `circuit:${link.circuitId}` : link.id;
}

/**
 * The circuit as the analysis sees it: the first of its links (they declare the same line rate
 * and efficiency, which the App and the estate command check), carrying the largest other
 * traffic any of them declares (each declares the circuit's traffic that is not replication).
 */
export function circuitLink(links: readonly LinkDecl[]): LinkDecl {
  const other = Math.max(0, ...links.map((l) => l.otherTrafficBytesPerSecond ?? 0));
  return { ...links[0], ...(other > 0 ? { otherTrafficBytesPerSecond: other } : {}) };
}

/**
 * A split mirror's resync copies on a circuit, as the snapshot schedules on it see them (from
 * `SplitMirrorAnalysis.linkCopy`).
 */
export interface CircuitCopyTraffic extends LinkCopyTraffic {
  /** The split mirror, for the plan and the findings. */
  readonly id: string;
  readonly name: string;
}

/**
 * Budgets for every schedule of every plan, in plan then schedule declaration order.
 * `copyTraffic`: per circuit key, the split mirrors whose resync copies cross it too.
 */
export function computeRpoBudgets(
  estate: EstateDecl,
  copyTraffic: ReadonlyMap<string, readonly CircuitCopyTraffic[]> = new Map(),
  /** Filled in: per split mirror id, the span of its copies with the circuit's snapshots going first. */
  copySpans?: Map<string, number>,
): RpoBudget[] {
  const linksById = new Map(estate.links.map((link) => [link.id, link]));
  const entriesPerCircuit = new Map<string, LinkEntry[]>();
  for (const plan of estate.plans) {
    const volumesById = new Map(plan.volumes.map((volume) => [volume.id, volume]));
    for (const schedule of plan.schedules) {
      const link = linksById.get(schedule.linkId);
      if (!link) throw new Error(`internal: schedule ${schedule.id} names unknown link ${schedule.linkId}`);
      const volumes = schedule.volumeIds.map((id) => volumesById.get(id)).filter((v): v is VolumeDecl => !!v);
      const key = `${link.mode}:${circuitKey(link)}`;
      const entries = entriesPerCircuit.get(key) ?? [];
      entries.push({ plan, schedule, volumes, link });
      entriesPerCircuit.set(key, entries);
    }
  }
  const peakPerSyncCircuit = syncCircuitPeaks(estate, linksById);
  const circuits = linksByCircuit(estate.links);

  const budgetsBySchedule = new Map<string, RpoBudget>();
  for (const entries of entriesPerCircuit.values()) {
    const sharedBy = entries.length;
    const key = circuitKey(entries[0].link);
    // Synchronous writes on the circuit come off what the snapshot transfers can use.
    const syncLoad = entries[0].link.mode === 'async' ? peakPerSyncCircuit.get(key) ?? 0 : 0;
    const circuit = withLoad(circuitLink(circuits.get(key)!), syncLoad);
    const copies = entries[0].link.mode === 'async' ? copyTraffic.get(key) ?? [] : [];
    for (const budget of circuitBudgets(entries, circuit, sharedBy, peakPerSyncCircuit.get(key) ?? 0, copies, copySpans)) {
      budgetsBySchedule.set(budget.scheduleId, budget);
    }
  }
  // Backups on a circuit without snapshot schedules still delay each other's copies.
  const withSchedules = new Set([...entriesPerCircuit.values()].filter((e) => e[0].link.mode === 'async').map((e) => circuitKey(e[0].link)));
  for (const [key, copies] of copyTraffic) {
    if (withSchedules.has(key) || copies.length < 2) continue;
    const { spans } = boundWithCopies([], 0, copies);
    copies.forEach((copy, i) => copySpans?.set(copy.id, spans[i]));
  }
  return estate.plans.flatMap((plan) => plan.schedules.map((schedule) => budgetsBySchedule.get(schedule.id)!));
}

function circuitBudgets(
  entries: readonly LinkEntry[],
  circuit: LinkDecl,
  sharedBy: number,
  syncPeak: number,
  copies: readonly CircuitCopyTraffic[],
  copySpans?: Map<string, number>,
): RpoBudget[] {
  const own = (entry: LinkEntry): LinkDecl => ({ ...circuit, id: entry.link.id, name: entry.link.name, compressionRatio: entry.link.compressionRatio });
  if (circuit.mode === 'sync') return entries.map((e) => synchronousBudget(e.plan, e.schedule, own(e), sharedBy, syncPeak));
  // A split mirror's resync is not one of the array's snapshot schedules: whatever the array
  // promises them (per schedule), its copies share the circuit first come, first served.
  if (copies.length === 0 && (sharedBy === 1 || circuit.sharing === 'per-schedule')) {
    return entries.map((e) => periodicBudget(e.plan, e.schedule, own(e), sharedBy, e.volumes));
  }
  return sharedPeriodicBudgets(entries, circuit, copies, copySpans);
}

function linksByCircuit(links: readonly LinkDecl[]): Map<string, LinkDecl[]> {
  const circuits = new Map<string, LinkDecl[]>();
  for (const link of links) circuits.set(circuitKey(link), [...(circuits.get(circuitKey(link)) ?? []), link]);
  return circuits;
}

function withLoad(link: LinkDecl, bytesPerSecond: number): LinkDecl {
  if (bytesPerSecond <= 0) return link;
  return { ...link, otherTrafficBytesPerSecond: (link.otherTrafficBytesPerSecond ?? 0) + bytesPerSecond };
}

/** Line rate x efficiency, less the other traffic declared on the link: what replication can use. */
export function effectiveBytesPerSecond(link: LinkDecl): number {
  return (link.lineRateBitsPerSecond / 8) * link.efficiency - (link.otherTrafficBytesPerSecond ?? 0);
}

/** The line rate at which the link gives replication `bytesPerSecond` (inverse of effectiveBytesPerSecond). */
export function lineRateFor(link: Pick<LinkDecl, 'efficiency' | 'otherTrafficBytesPerSecond'>, bytesPerSecond: number): number {
  return ((bytesPerSecond + (link.otherTrafficBytesPerSecond ?? 0)) * 8) / link.efficiency;
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
    linkSharing: link.sharing ?? 'any',
    shareBytesPerSecond: share,
    transferSeconds: transfer,
    waitSeconds: 0,
    interferenceBytes: 0,
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
        link,
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
  const required = ceilSignificant(lineRateFor(link, peakSentBytesPerSecond), 3);
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
    linkSharing: link.sharing ?? 'any',
    shareBytesPerSecond: linkBytesPerSecond,
    transferSeconds: 0,
    waitSeconds: 0,
    interferenceBytes: 0,
    completionSeconds: 0,
    worstCaseSeconds: worst,
    targetSeconds: plan.rpoSeconds,
    marginSeconds: plan.rpoSeconds - worst,
    verdict: sustainable ? 'meets' : 'unsustainable',
    peakSentBytesPerSecond,
    fix: { longestIntervalSeconds: null, requiredLineRateBitsPerSecond: required },
  };
}

/**
 * Every write of every volume on a synchronous link crosses it at once: peaks add up, over every
 * sync link of the circuit, the log mirroring of split mirrors included. Sent bytes per second.
 */
export function syncCircuitPeaks(estate: EstateDecl, linksById: ReadonlyMap<string, LinkDecl>): Map<string, number> {
  const peaks = new Map<string, number>();
  for (const user of circuitUsers(estate, linksById)) {
    if (user.link.mode !== 'sync') continue;
    const key = circuitKey(user.link);
    peaks.set(key, (peaks.get(key) ?? 0) + user.syncPeakBytesPerSecond);
  }
  return peaks;
}

/** A schedule or split-mirror backup on a link, with the synchronous writes it puts on the circuit. */
export interface CircuitUser {
  readonly id: string;
  readonly planId: string;
  readonly kind: 'schedule' | 'split-mirror';
  readonly link: LinkDecl;
  /**
   * Peak synchronous writes on the circuit, bytes sent per second (after compression): a schedule's
   * volumes on a sync link, a split mirror's constantly mirrored volumes; 0 on an async link.
   */
  readonly syncPeakBytesPerSecond: number;
}

/** Every schedule and split mirror of the estate whose link is declared, in plan order, schedules first. */
export function circuitUsers(estate: EstateDecl, linksById: ReadonlyMap<string, LinkDecl>): CircuitUser[] {
  const users: CircuitUser[] = [];
  const sync = (link: LinkDecl, bytesPerSecond: number) => (link.mode === 'sync' ? bytesPerSecond / link.compressionRatio : 0);
  for (const plan of estate.plans) {
    const volumesById = new Map(plan.volumes.map((volume) => [volume.id, volume]));
    for (const schedule of plan.schedules) {
      const link = linksById.get(schedule.linkId);
      if (!link) continue;
      let peak = 0;
      for (const id of schedule.volumeIds) {
        const volume = volumesById.get(id);
        if (volume) peak += volume.peakChangeBytesPerSecond ?? volume.averageChangeBytesPerSecond;
      }
      users.push({ id: schedule.id, planId: plan.id, kind: 'schedule', link, syncPeakBytesPerSecond: sync(link, peak) });
    }
    // A split mirror's constantly mirrored log volumes are synchronous writes on the same link.
    for (const splitMirror of plan.splitMirrors ?? []) {
      const link = linksById.get(splitMirror.linkId);
      if (!link) continue;
      users.push({ id: splitMirror.id, planId: plan.id, kind: 'split-mirror', link, syncPeakBytesPerSecond: sync(link, logMirrorPeakBytesPerSecond(splitMirror.volumes)) });
    }
  }
  return users;
}

/** Peak writes of a split mirror's constantly mirrored volumes, before compression. */
export function logMirrorPeakBytesPerSecond(
  volumes: readonly { mirroring: string; peakChangeBytesPerSecond?: number; averageChangeBytesPerSecond: number }[],
): number {
  let peak = 0;
  for (const v of volumes) if (v.mirroring === 'constant') peak += v.peakChangeBytesPerSecond ?? v.averageChangeBytesPerSecond;
  return peak;
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
  link: Pick<LinkDecl, 'efficiency' | 'otherTrafficBytesPerSecond'>,
): number | null {
  const window = transferWindow(intervalSeconds, snapshotSeconds, targetSeconds);
  if (window <= 0) return null;
  return ceilSignificant(lineRateFor(link, (sentBytes * sharedBy) / window), 3);
}

/** The transfer must end before the next snapshot is due and before the target runs out. */
function transferWindow(intervalSeconds: number, snapshotSeconds: number, targetSeconds: number): number {
  return Math.min(targetSeconds - intervalSeconds - snapshotSeconds, intervalSeconds - snapshotSeconds);
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

/**
 * The schedules of a link shared by any discipline: each transfer's bound comes from
 * response-time analysis over all of the link's users (link-sharing.ts), and so do the fixes,
 * which are searched with the same analysis so that, once applied, they pass.
 */
function sharedPeriodicBudgets(
  entries: readonly LinkEntry[],
  link: LinkDecl,
  copies: readonly CircuitCopyTraffic[] = [],
  copySpans?: Map<string, number>,
): RpoBudget[] {
  const bandwidth = effectiveBytesPerSecond(link);
  const users = entries.map(linkUser);
  const { bounds, starvedBy, spans } = boundWithCopies(users, bandwidth, copies);
  copies.forEach((copy, i) => copySpans?.set(copy.id, spans[i]));
  const fixes = new SharedFixes(entries, users, link, copies);
  const resync = copies.length > 0 ? { resyncOf: copies.map((c) => c.name) } : {};
  return entries.map((entry, j) => {
    const { plan, schedule } = entry;
    const bound = bounds[j];
    const worst = worstCase(users[j], bound);
    const verdict: RpoVerdict = !bound.sustainable ? 'unsustainable' : worst <= plan.rpoSeconds ? 'meets' : 'breaches';
    const transfer = bound.responseSeconds;
    return {
      planId: plan.id,
      scheduleId: schedule.id,
      linkId: entry.link.id,
      mode: 'periodic',
      cycle: schedule.cycle,
      intervalSeconds: schedule.intervalSeconds,
      snapshotSeconds: schedule.snapshotSeconds,
      periodSeconds: bound.periodSeconds,
      changedBytes: bound.changedBytes,
      sentBytes: bound.sentBytes,
      linkEffectiveBytesPerSecond: bandwidth,
      linkSharedBy: entries.length,
      linkSharing: 'any',
      shareBytesPerSecond: Number.isFinite(transfer) && transfer > 0 ? bound.sentBytes / transfer : bandwidth,
      transferSeconds: transfer,
      waitSeconds: bound.interferenceBytes / bandwidth,
      interferenceBytes: bound.interferenceBytes,
      ...(starvedBy ? { starvedBy: starvedBy.id } : bound.starvedBy ? { starvedBy: bound.starvedBy } : {}),
      ...resync,
      ...(starvedBy ? { starvedByBackup: starvedBy.name } : {}),
      completionSeconds: schedule.snapshotSeconds + transfer,
      worstCaseSeconds: worst,
      targetSeconds: plan.rpoSeconds,
      marginSeconds: plan.rpoSeconds - worst,
      verdict,
      load: changeLoad(users[j].volumes, Number.isFinite(bound.periodSeconds) ? bound.periodSeconds : schedule.intervalSeconds, schedule.intervalSeconds),
      // Searched on first read: each search runs the whole link's analysis many times, and callers
      // that judge only the verdict (the simulator's property tests) never read it.
      fix: fixes.lazy(j),
    };
  });
}

/**
 * The schedules' bounds with the split mirrors' resync copies on the circuit. A backup cycle
 * puts at most backlog + writes x S bytes (changed) on the wire within S of its resync starting,
 * where S is its span with the link to itself plus the delay the schedules' bytes ahead of its
 * copies cause (each sent byte delays them by `delaySecondsPerSentByte`, the writes they then chase
 * included). The cycles start an interval apart, so a window of R sees at most ceil((R + S) / T)
 * of them: a burst for response-time analysis like another user's snapshot. S and the schedules'
 * bounds depend on each other, so both climb together to the least fixed point. A cycle whose
 * steps 1-9 (its lead before the resync, then its span) outgrow its interval would overlap the
 * next or start it late with more to copy, which the bound does not cover: then no schedule on
 * the circuit has a bound (a false PASS is worse than a missing one).
 */
function boundWithCopies(
  users: readonly LinkUser[],
  bandwidth: number,
  copies: readonly CircuitCopyTraffic[],
): { bounds: UserBound[]; bursts: Interferer[]; spans: readonly number[]; starvedBy?: CircuitCopyTraffic } {
  let spans = copies.map((c) => c.spanSeconds);
  const burstsAt = (s: readonly number[]): Interferer[] =>
    copies.map((c, i) => ({ intervalSeconds: c.intervalSeconds, responseSeconds: s[i], sentBytes: copyBurstBytes(c, s[i]) }));
  // No schedule has a bound: the figures that stay (changed and sent bytes) are those beside bursts as long as an interval.
  const starved = (culprit: number, burstSpans: readonly number[], reported: readonly number[]) => {
    const bursts = burstsAt(burstSpans);
    const bounds = boundLinkUsers(users, bandwidth, bursts).map((b) => ({ ...b, responseSeconds: Infinity, sustainable: false }));
    return { bounds, bursts, spans: reported, starvedBy: copies[culprit] };
  };
  for (let round = 0; round < 100; round++) {
    const overlong = copies.findIndex((c, i) => !(c.leadSeconds + spans[i] <= c.intervalSeconds));
    if (overlong >= 0) return starved(overlong, spans.map((s, i) => (i === overlong ? copies[i].intervalSeconds : s)), spans);
    const bursts = burstsAt(spans);
    const bounds = boundLinkUsers(users, bandwidth, bursts);
    // A schedule without a bound gives the copies none either.
    if (bounds.some((b) => !b.sustainable)) return { bounds, bursts, spans: copies.length ? spans.map(() => Infinity) : spans };
    if (copies.length === 0) return { bounds, bursts, spans };
    const next = copies.map((c, i) => {
      // The schedules' snapshots, and the other backups' copies, that can be on the wire while the cycle's copies run.
      let ahead = 0;
      for (const [k, user] of users.entries()) ahead += Math.ceil((spans[i] + bounds[k].responseSeconds) / user.intervalSeconds) * bounds[k].sentBytes;
      for (const [m, other] of bursts.entries()) if (m !== i) ahead += Math.ceil((spans[i] + other.responseSeconds) / other.intervalSeconds) * other.sentBytes;
      return c.spanSeconds + ahead * c.delaySecondsPerSentByte;
    });
    if (next.every((s, i) => s <= spans[i])) return { bounds, bursts, spans };
    spans = next;
  }
  return starved(0, copies.map((c) => c.intervalSeconds), copies.map(() => Infinity));
}

function linkUser({ schedule, volumes, link }: LinkEntry): LinkUser {
  return {
    id: schedule.id,
    compressionRatio: link.compressionRatio,
    intervalSeconds: schedule.intervalSeconds,
    snapshotSeconds: schedule.snapshotSeconds,
    cycle: schedule.cycle,
    // One array per user: changedBytesInWindow compiles (and caches) per array.
    volumes: shippedChangeVolumes(volumes, link),
  };
}

/** interval + snapshot + transfer, or twice a stretched continuous cycle; Infinity without a bound. */
function worstCase(user: LinkUser, bound: UserBound): number {
  if (!bound.sustainable) return Infinity;
  return bound.periodSeconds > user.intervalSeconds ? 2 * bound.periodSeconds : user.intervalSeconds + user.snapshotSeconds + bound.responseSeconds;
}

/**
 * The fixes of one shared link, each found by running the whole link's analysis on the changed
 * design: a faster line (every user's transfer shrinks, so the search is monotone), or a longer
 * or shorter interval of this schedule (which also changes how often it delays the others).
 * Schedules with the same figures share their fixes, so a link of a hundred identical
 * schedules searches once.
 */
class SharedFixes {
  private readonly memo = new Map<string, RpoFix>();

  public constructor(
    private readonly entries: readonly LinkEntry[],
    private readonly users: readonly LinkUser[],
    private readonly link: LinkDecl,
    /** Split mirrors whose resync copies cross the circuit: their span is found again for each candidate. */
    private readonly copies: readonly CircuitCopyTraffic[] = [],
  ) {}

  public lazy(j: number): RpoFix {
    const of = () => this.of(j);
    return {
      get longestIntervalSeconds() {
        return of().longestIntervalSeconds;
      },
      get requiredLineRateBitsPerSecond() {
        return of().requiredLineRateBitsPerSecond;
      },
    };
  }

  public of(j: number): RpoFix {
    const user = this.users[j];
    const key = JSON.stringify([user.intervalSeconds, user.snapshotSeconds, user.cycle, user.compressionRatio, this.entries[j].plan.rpoSeconds, user.volumes.map((v) => [v.capacityBytes, v.averageChangeBytesPerSecond])]);
    let fix = this.memo.get(key);
    if (!fix) {
      fix = { longestIntervalSeconds: this.longestInterval(j), requiredLineRateBitsPerSecond: this.requiredLineRate(j) };
      this.memo.set(key, fix);
    }
    return fix;
  }

  private boundAt(j: number, bandwidth: number, intervalSeconds: number): UserBound {
    const users = this.users.map((user, k) => (k === j ? { ...user, intervalSeconds } : user));
    // A split mirror's span is that of today's line (its own copies run no slower on a faster one),
    // and grows with this schedule's snapshots when a shorter interval sends more of them into it.
    return boundWithCopies(users, bandwidth, this.copies).bounds[j];
  }

  private meetsAt(j: number, intervalSeconds: number): boolean {
    const bound = this.boundAt(j, effectiveBytesPerSecond(this.link), intervalSeconds);
    return bound.sustainable && worstCase({ ...this.users[j], intervalSeconds }, bound) <= this.entries[j].plan.rpoSeconds;
  }

  /**
   * Whole seconds. The worst case need not grow steadily with the interval here (a shorter
   * interval delays the other users more often, and they delay this one back), so the search
   * walks a grid down from the target and then narrows the last step; every answer it gives was
   * checked to meet the target.
   */
  private longestInterval(j: number): number | null {
    const target = this.entries[j].plan.rpoSeconds;
    const steps = 32;
    for (let k = steps; k >= 1; k--) {
      const low = Math.floor((target * k) / steps);
      if (low < 1 || !this.meetsAt(j, low)) continue;
      let good = low;
      let bad = Math.floor((target * (k + 1)) / steps) + 1;
      while (bad - good > 1) {
        const middle = Math.floor((good + bad) / 2);
        if (this.meetsAt(j, middle)) good = middle;
        else bad = middle;
      }
      return good;
    }
    return null;
  }

  /** At the declared interval: every snapshot lands within its interval and the worst case meets the target. */
  private requiredLineRate(j: number): number | null {
    const user = this.users[j];
    const window = transferWindow(user.intervalSeconds, user.snapshotSeconds, this.entries[j].plan.rpoSeconds);
    if (window <= 0) return null;
    const fits = (bandwidth: number) => {
      const bound = this.boundAt(j, bandwidth, user.intervalSeconds);
      return bound.sustainable && bound.periodSeconds === user.intervalSeconds && bound.responseSeconds <= window;
    };
    let high = Math.max(effectiveBytesPerSecond(this.link), 1);
    let low = 0;
    for (let doublings = 0; !fits(high); doublings++) {
      if (doublings > 200) return null;
      low = high;
      high *= 2;
    }
    for (let halvings = 0; halvings < 60 && high - low > high * 1e-6; halvings++) {
      const middle = (low + high) / 2;
      if (fits(middle)) high = middle;
      else low = middle;
    }
    // Rounded up to three significant digits, then checked: a recommended rate must pass.
    let rate = ceilSignificant(lineRateFor(this.link, high), 3);
    const step = (value: number) => Math.pow(10, Math.floor(Math.log10(value)) - 2);
    for (let tries = 0; !fits(effectiveBytesPerSecond({ ...this.link, lineRateBitsPerSecond: rate })); tries++) {
      if (tries > 100) return null;
      rate += step(rate);
    }
    return rate;
  }
}
