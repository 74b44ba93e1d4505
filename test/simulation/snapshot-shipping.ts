/**
 * A discrete-event simulation of periodic snapshot shipping over one shared link, used only by
 * the tests to check that the RPO analysis (lib/analysis/rpo.ts) is sound and tight.
 *
 * Model, in seconds and bytes:
 * - Each volume changes at a rate that is constant within each step: a per-minute profile
 *   repeated every day (a week holds seven daily peaks), or a measured series of any step,
 *   repeated over its span (as the analysis assumes of a measured series).
 * - The recovery site starts with a copy captured at time 0 (the initial synchronisation).
 * - A schedule captures its snapshot at instants s_1, s_2, ...: a fixed schedule at k x interval;
 *   a continuous one at max(previous capture + interval, arrival of the previous snapshot).
 * - Snapshot k takes `snapshotSeconds`, then ships the bytes changed since snapshot k-1 (per volume
 *   at most its capacity: a block changed twice is shipped once), divided by the compression ratio.
 * - A schedule ships its snapshots one after the other (FIFO). The link's effective bandwidth is
 *   shared equally among the schedules that have a transfer under way at that moment (processor
 *   sharing): with m <= n of them active each gets 1/m, never less than the 1/n the analysis assumes.
 * - The recovery site's lag at time t is t minus the capture instant of the newest snapshot that
 *   has fully arrived by t. It is recorded at every minute, and its exact supremum (just before
 *   each arrival, and at the end) is kept as `worstLagSeconds`.
 */

export const MINUTE = 60;
export const DAY_MINUTES = 1440;
export const WEEK_SECONDS = 7 * 24 * 3600;

export interface SimVolume {
  readonly capacityBytes: number;
  /**
   * Change rate in bytes per second for each step, repeated for ever: by default 1440 steps of a
   * minute (a daily profile); a measured series gives its own step and repeats over its span.
   */
  readonly dailyProfile: Float64Array;
  /** @default 60 */
  readonly stepSeconds?: number;
}

export interface SimSchedule {
  readonly intervalSeconds: number;
  readonly snapshotSeconds: number;
  readonly cycle: 'fixed' | 'continuous';
  readonly volumes: readonly SimVolume[];
}

export interface SimLink {
  /** Effective payload bandwidth of the whole link (line rate / 8 x efficiency), bytes per second. */
  readonly effectiveBytesPerSecond: number;
  readonly compressionRatio: number;
}

export interface SimScheduleResult {
  /** Lag at minute 0, 1, ..., horizon/60. */
  readonly lagByMinute: Float64Array;
  /** Supremum of the lag over the horizon. */
  readonly worstLagSeconds: number;
  /** Capture instant and arrival instant of each snapshot that arrived within the horizon. */
  readonly arrivals: readonly { readonly capturedAt: number; readonly arrivedAt: number; readonly sentBytes: number }[];
}

/** Bytes a volume writes in [from, to] (seconds), ignoring its capacity. */
export function writtenBytes(volume: SimVolume, from: number, to: number): number {
  return cumulative(volume, to) - cumulative(volume, from);
}

/** Integral of the rate from 0 to t. */
function cumulative(volume: SimVolume, t: number): number {
  const prefix = periodPrefix(volume);
  const step = volume.stepSeconds ?? MINUTE;
  const steps = volume.dailyProfile.length;
  const whole = Math.floor(t / step);
  const periods = Math.floor(whole / steps);
  const stepOfPeriod = whole - periods * steps;
  return periods * prefix[steps] + prefix[stepOfPeriod] + volume.dailyProfile[stepOfPeriod] * (t - whole * step);
}

/** Bytes written from the start of the period to the start of each step (and the whole period at the end). */
const periodPrefixes = new WeakMap<SimVolume, Float64Array>();
function periodPrefix(volume: SimVolume): Float64Array {
  let prefix = periodPrefixes.get(volume);
  if (!prefix) {
    const step = volume.stepSeconds ?? MINUTE;
    const steps = volume.dailyProfile.length;
    prefix = new Float64Array(steps + 1);
    for (let i = 0; i < steps; i++) prefix[i + 1] = prefix[i] + volume.dailyProfile[i] * step;
    periodPrefixes.set(volume, prefix);
  }
  return prefix;
}

interface Transfer {
  readonly capturedAt: number;
  readonly readyAt: number;
  readonly sentBytes: number;
  remaining: number;
}

interface ScheduleState {
  readonly schedule: SimSchedule;
  lastCapture: number;
  nextCapture: number;
  /** Continuous: the next capture waits for this arrival. */
  waitingForArrival: boolean;
  readonly queue: Transfer[];
  readonly arrivals: { capturedAt: number; arrivedAt: number; sentBytes: number }[];
}

/** Simulates the schedules sharing one link for `horizonSeconds` (a week by default). */
export function simulateLink(
  link: SimLink,
  schedules: readonly SimSchedule[],
  horizonSeconds = WEEK_SECONDS,
): SimScheduleResult[] {
  const states: ScheduleState[] = schedules.map((schedule) => ({
    schedule,
    lastCapture: 0,
    nextCapture: schedule.intervalSeconds,
    waitingForArrival: false,
    queue: [],
    arrivals: [],
  }));
  const bandwidth = link.effectiveBytesPerSecond;
  let now = 0;
  let events = 0;

  for (;;) {
    if (++events > 2_000_000) {
      throw new Error(`simulation did not finish: more than 2 million events, stuck at ${now} s with queues ${states.map((s) => s.queue.length)}`);
    }
    const active = states.filter((s) => s.queue.length > 0 && s.queue[0].readyAt <= now);
    const perActive = active.length > 0 ? bandwidth / active.length : 0;

    let next = horizonSeconds;
    for (const s of states) {
      if (!s.waitingForArrival) next = Math.min(next, s.nextCapture);
      if (s.queue.length > 0 && s.queue[0].readyAt > now) next = Math.min(next, s.queue[0].readyAt);
    }
    for (const s of active) next = Math.min(next, now + s.queue[0].remaining / perActive);

    const elapsed = next - now;
    for (const s of active) s.queue[0].remaining -= elapsed * perActive;
    now = next;

    // Arrivals first: a continuous schedule may capture at the instant its last snapshot lands.
    for (const s of states) {
      for (;;) {
        const head = s.queue[0];
        // A transfer is done when what is left would take under a nanosecond (float residue).
        if (!head || head.readyAt > now || head.remaining > bandwidth * 1e-9) break;
        s.queue.shift();
        s.arrivals.push({ capturedAt: head.capturedAt, arrivedAt: now, sentBytes: head.sentBytes });
        if (s.waitingForArrival) {
          s.waitingForArrival = false;
          s.nextCapture = Math.max(s.nextCapture, now);
        }
      }
    }
    if (now >= horizonSeconds) break;

    for (const s of states) {
      if (s.waitingForArrival || s.nextCapture > now) continue;
      const { schedule } = s;
      const changed = schedule.volumes.reduce(
        (sum, v) => sum + Math.min(v.capacityBytes, writtenBytes(v, s.lastCapture, now)),
        0,
      );
      const sent = changed / link.compressionRatio;
      s.queue.push({ capturedAt: now, readyAt: now + schedule.snapshotSeconds, sentBytes: sent, remaining: sent });
      s.lastCapture = now;
      s.nextCapture = now + schedule.intervalSeconds;
      s.waitingForArrival = schedule.cycle === 'continuous';
    }
  }

  return states.map((s) => lagOf(s.arrivals, horizonSeconds));
}

function lagOf(
  arrivals: readonly { capturedAt: number; arrivedAt: number; sentBytes: number }[],
  horizonSeconds: number,
): SimScheduleResult {
  const minutes = Math.floor(horizonSeconds / MINUTE);
  const lagByMinute = new Float64Array(minutes + 1);
  let newest = 0;
  let index = 0;
  for (let m = 0; m <= minutes; m++) {
    const t = m * MINUTE;
    while (index < arrivals.length && arrivals[index].arrivedAt <= t) newest = arrivals[index++].capturedAt;
    lagByMinute[m] = t - newest;
  }
  // The lag rises between arrivals; its supremum is just before an arrival, or at the end.
  let worst = 0;
  let held = 0;
  for (const arrival of arrivals) {
    worst = Math.max(worst, arrival.arrivedAt - held);
    held = arrival.capturedAt;
  }
  worst = Math.max(worst, horizonSeconds - held);
  return { lagByMinute, worstLagSeconds: worst, arrivals };
}

// ---------------------------------------------------------------------------------------------
// Change-rate profiles.

/** The same rate all day. */
export function steadyProfile(bytesPerSecond: number): Float64Array {
  return new Float64Array(DAY_MINUTES).fill(bytesPerSecond);
}

/**
 * A daily peak: `base` outside it, rising as a raised cosine to `base + height` at `centerMinute`
 * over `widthMinutes`. Unscaled: see `scaleToContract`.
 */
export function peakShape(options: { base: number; height: number; centerMinute: number; widthMinutes: number }): Float64Array {
  const profile = new Float64Array(DAY_MINUTES);
  for (let m = 0; m < DAY_MINUTES; m++) {
    let distance = Math.abs(m - options.centerMinute) % DAY_MINUTES;
    distance = Math.min(distance, DAY_MINUTES - distance);
    const inPeak = distance < options.widthMinutes / 2;
    const bump = inPeak ? (1 + Math.cos((2 * Math.PI * distance) / options.widthMinutes)) / 2 : 0;
    profile[m] = options.base + options.height * bump;
  }
  return profile;
}

/**
 * Highest mean rate (bytes per second) of the profile over any window of at least `minMinutes`
 * whole minutes (up to a week). Windows of whole minutes suffice: a window of m + f minutes
 * holds at most (1 - f) of the best m-minute window plus f of the best (m+1)-minute window.
 * For a daily profile a window of k days + r minutes holds k days plus the best circular
 * r-minute window, so only the 1440 circular window lengths need computing.
 */
export function maxWindowMean(profile: Float64Array, minMinutes: number): number {
  const n = DAY_MINUTES;
  const prefix = new Float64Array(2 * n + 1);
  for (let i = 0; i < 2 * n; i++) prefix[i + 1] = prefix[i] + profile[i % n];
  const day = prefix[n];
  const bestOfLength = new Float64Array(n);
  for (let start = 0; start < n; start++) {
    let sum = 0;
    for (let length = 1; length < n; length++) {
      sum += profile[(start + length - 1) % n];
      if (sum > bestOfLength[length]) bestOfLength[length] = sum;
    }
  }
  let worst = 0;
  const weekMinutes = WEEK_SECONDS / MINUTE;
  for (let length = Math.max(1, minMinutes); length <= weekMinutes; length++) {
    const sum = Math.floor(length / n) * day + bestOfLength[length % n];
    worst = Math.max(worst, sum / length);
  }
  return worst;
}

/**
 * The documented contract: the declared average change rate bounds the mean rate over every
 * window at least one interval long. Scales `shape` so that its busiest such window averages
 * exactly `declaredBytesPerSecond`.
 */
export function scaleToContract(shape: Float64Array, intervalSeconds: number, declaredBytesPerSecond: number): Float64Array {
  // A steady shape's every window averages its rate: no need to search.
  const steady = shape.every((rate) => rate === shape[0]);
  const busiest = steady ? shape[0] : maxWindowMean(shape, Math.ceil(intervalSeconds / MINUTE));
  const scale = busiest > 0 ? declaredBytesPerSecond / busiest : 0;
  return shape.map((rate) => rate * scale);
}
