import type { CycleMode } from '../model/design';
import { changedBytesInWindow, changePieceAt, type ChangeVolume } from './change';

/**
 * How long a snapshot's transfer can take on a link that other snapshot schedules use too,
 * whatever the array's sharing discipline, as long as the link is work-conserving (it never
 * idles while data waits): per schedule, per replication session (one stream per volume pair)
 * or first come, first served.
 *
 * Response-time analysis (real-time scheduling): from the moment a snapshot is ready to ship
 * until its last byte lands, the link is busy without a break, or the snapshot would be done.
 * In a window of R seconds it therefore sends at most R x bandwidth bytes, and those are this
 * snapshot's own bytes plus what the other users put on the wire in that window: every snapshot
 * of theirs that is ready before the window ends and not landed when it starts. A user whose
 * snapshots start at least T apart and land at most R' after they are ready has at most
 * ceil((R + R') / T) of them in such a window, each carrying what its volumes change in one of
 * its periods (changedBytesInWindow). The smallest R that covers its own bytes and that
 * interference is the bound; since the other users' R' depend on this one's R, all of them are
 * iterated together from their sole-user values up to the least common fixed point.
 *
 * For a sole user the interference is zero and the bound is exact.
 */

export interface LinkUser {
  readonly id: string;
  readonly intervalSeconds: number;
  readonly snapshotSeconds: number;
  readonly cycle: CycleMode;
  readonly volumes: readonly ChangeVolume[];
  /** Bytes changed per byte sent on this user's link (links of one circuit may compress differently). */
  readonly compressionRatio: number;
}

export interface UserBound {
  /** Longest time between two snapshots in steady state: the interval, or the stretched cycle. */
  readonly periodSeconds: number;
  /** Bytes changed in one period. */
  readonly changedBytes: number;
  /** Own bytes on the wire per snapshot, after compression. */
  readonly sentBytes: number;
  /** From ready to landed, waiting included. */
  readonly responseSeconds: number;
  /** Other users' bytes that may be sent before this snapshot's last byte. */
  readonly interferenceBytes: number;
  /** false: no bound (a fixed schedule that falls behind, or one starved by such a schedule). */
  readonly sustainable: boolean;
  /** The user whose unbounded backlog leaves this one without a bound. */
  readonly starvedBy?: string;
}

/** Another user as one user's interference sees it. */
export interface Interferer {
  /** Shortest time between two of its snapshots. */
  readonly intervalSeconds: number;
  readonly responseSeconds: number;
  readonly sentBytes: number;
}

export const interfererOf = (user: LinkUser, bound: UserBound): Interferer => ({
  intervalSeconds: user.intervalSeconds,
  responseSeconds: bound.responseSeconds,
  sentBytes: bound.sentBytes,
});

/** Past this, a transfer is treated as never landing: about three years. */
const HORIZON_SECONDS = 1e8;
/** Safety nets against pathological designs; every real one converges in a few rounds and steps. */
const MAX_ROUNDS = 1_000;
/** Steps of all users' iterations together; past it (a link loaded to within a hair of its bandwidth) no bound is claimed. */
const MAX_STEPS = 20_000;

/**
 * Bounds for every user of one link. `bandwidth` is what the link moves for replication, bytes
 * per second (line rate x efficiency, less other traffic). `fixed`: other traffic on the link in
 * bursts whose bounds are known (a split mirror's resync copies), counted like another user's
 * snapshots but not bounded here.
 */
export function boundLinkUsers(users: readonly LinkUser[], bandwidth: number, fixed: readonly Interferer[] = []): UserBound[] {
  const noBound = (user: LinkUser) => unbounded(user, bandwidth);
  const work = { steps: MAX_STEPS };
  const bounds: UserBound[] = [];
  for (const [j, user] of users.entries()) {
    const alone = respond(user, bandwidth, fixed, work);
    if (!alone || !keepsUp(user, alone)) return starve(users, bounds, j, alone ?? noBound(user), noBound);
    bounds.push(alone);
  }
  if (users.length === 1 && fixed.length === 0) return bounds;
  // Snapshots as often as every interval, each as large as in the longest period: when that
  // could keep the link busy for good, no busy window ends and no user has a bound.
  const load =
    users.reduce((sum, user, k) => sum + bounds[k].sentBytes / user.intervalSeconds, 0) +
    fixed.reduce((sum, o) => sum + o.sentBytes / o.intervalSeconds, 0);
  if (load >= bandwidth) {
    const culprit = users.reduce((worst, user, k) => (bounds[k].sentBytes / user.intervalSeconds > bounds[worst].sentBytes / users[worst].intervalSeconds ? k : worst), 0);
    return starve(users, bounds, culprit, { ...bounds[culprit], responseSeconds: Infinity }, noBound);
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (let j = 0; j < users.length; j++) {
      const others = [...fixed, ...users.flatMap((user, k) => (k === j ? [] : [interfererOf(user, bounds[k])]))];
      const next = respond(users[j], bandwidth, others, work);
      if (!next || !keepsUp(users[j], next)) return starve(users, bounds, j, next ?? noBound(users[j]), noBound);
      if (next.responseSeconds !== bounds[j].responseSeconds || next.periodSeconds !== bounds[j].periodSeconds) changed = true;
      bounds[j] = next;
    }
    if (!changed) return bounds;
  }
  return starve(users, bounds, 0, noBound(users[0]), noBound);
}

/**
 * One user's bound with the others held at the given bounds. Also what the fixes ask for other
 * intervals and bandwidths. undefined: no bound within the horizon.
 */
export function respond(
  user: LinkUser,
  bandwidth: number,
  others: readonly Interferer[],
  work: { steps: number } = { steps: MAX_STEPS },
): UserBound | undefined {
  const interference = (r: number) => {
    let bytes = 0;
    for (const o of others) if (o.sentBytes > 0) bytes += Math.ceil((r + o.responseSeconds) / o.intervalSeconds) * o.sentBytes;
    return bytes;
  };
  // Interference is a step function of R and the own part is solved exactly for a given step, so
  // the iteration climbs the steps and stops on the least fixed point.
  let previous = -1;
  let bytes = interference(0);
  while (work.steps-- > 0) {
    const bound = withInterference(user, bandwidth, bytes);
    if (!(bound.responseSeconds <= HORIZON_SECONDS)) return undefined;
    const next = interference(bound.responseSeconds);
    if (next === bytes || bound.responseSeconds === previous) return bound;
    previous = bound.responseSeconds;
    bytes = next;
  }
  return undefined;
}

/** Own bytes plus a fixed amount of interference: exact, no iteration. */
function withInterference(user: LinkUser, bandwidth: number, interferenceBytes: number): UserBound {
  const { compressionRatio } = user;
  const wireSecondsPerChangedByte = 1 / (compressionRatio * bandwidth);
  const at = (period: number): UserBound => {
    const changed = changedBytesInWindow(user.volumes, period);
    const sent = changed / compressionRatio;
    return {
      periodSeconds: period,
      changedBytes: changed,
      sentBytes: sent,
      responseSeconds: sent / bandwidth + interferenceBytes / bandwidth,
      interferenceBytes,
      sustainable: true,
    };
  };
  const atInterval = at(user.intervalSeconds);
  if (user.cycle === 'fixed' || user.snapshotSeconds + atInterval.responseSeconds <= user.intervalSeconds) return atInterval;
  // A continuous cycle stretches until a snapshot, the wait and the transfer of what changed
  // during the cycle fit in it.
  const period = shortestSustainablePeriod(
    { volumes: user.volumes, snapshotSeconds: user.snapshotSeconds + interferenceBytes / bandwidth, wireSecondsPerChangedByte },
    user.intervalSeconds,
  );
  return at(Number.isFinite(period) ? period : Infinity);
}

function unbounded(user: LinkUser, bandwidth: number): UserBound {
  const own = withInterference(user, bandwidth, 0);
  return { ...own, responseSeconds: Infinity, sustainable: false };
}

/**
 * A user that never catches up (fixed schedule whose snapshot and transfer outlast its interval)
 * has a backlog that grows without bound, and under first come, first served every other user
 * waits behind it: none of them has a bound either.
 */
function starve(
  users: readonly LinkUser[],
  bounds: readonly UserBound[],
  culprit: number,
  culpritBound: UserBound,
  alone: (user: LinkUser) => UserBound,
): UserBound[] {
  return users.map((user, k) => {
    if (k === culprit) return { ...culpritBound, sustainable: false };
    // Users not yet bounded report their data at their interval, as if alone.
    const own = bounds[k] ?? alone(user);
    return { ...own, responseSeconds: Infinity, sustainable: false, starvedBy: users[culprit].id };
  });
}

/** A fixed schedule keeps up when snapshot and transfer fit in its interval; a continuous one always does. */
export function keepsUp(user: LinkUser, bound: UserBound): boolean {
  return user.cycle === 'continuous' || user.snapshotSeconds + bound.responseSeconds <= user.intervalSeconds;
}

/** Tolerance for "fits": input is never precise to 1e-9, float noise is. */
const fits = (slack: number, scale: number) => slack >= -1e-9 * Math.max(1, scale);

/** Pieces a solver may walk before it settles for its safe bound. */
const MAX_PIECES = 100_000;

/** A schedule's load on its share of the link: what changes, and what a byte costs on the wire. */
export interface CompletionModel {
  readonly volumes: readonly ChangeVolume[];
  readonly snapshotSeconds: number;
  readonly wireSecondsPerChangedByte: number;
}

/**
 * The smallest period P >= `from` in which a snapshot and the transfer of the busiest P-long
 * window fit: P >= snapshot + changed(P) x wire time per byte. A continuous cycle's periods
 * never exceed it (if one cycle lasts at most P, the next ships at most changed(P), so it ends
 * within P too), and iterating P <- snapshot + changed(P) from `from` climbs to it, so the walk
 * below jumps by that iteration and solves each linear piece of changed() exactly. Volumes hold
 * finite capacities, so the bound snapshot + wire time x all capacity always fits; after
 * MAX_PIECES pieces that safe bound is returned instead of the least one.
 */
export function shortestSustainablePeriod(load: CompletionModel, from: number): number {
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

