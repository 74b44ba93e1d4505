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
 * - A schedule ships its snapshots one after the other (FIFO). The link never idles while data
 *   waits (work-conserving) and divides its effective bandwidth by one of three disciplines:
 *   `per-schedule`: equally among the schedules with a transfer under way (processor sharing: with
 *   m <= n of them active each gets 1/m, never less than 1/n); `per-session`: equally among the
 *   replication sessions (one per volume pair) with data left, so a schedule with many volumes
 *   takes most of the link; `fcfs`: all of it to the transfer that became ready first.
 * - The recovery site's lag at time t is t minus the capture instant of the newest snapshot that
 *   has fully arrived by t. It is recorded at every minute, and its exact supremum (just before
 *   each arrival, and at the end) is kept as `worstLagSeconds`.
 * - A split mirror's backup cycle (seed 003, `SimBackup`) may share the link: see `BackupState`.
 *   Its constantly mirrored (log) volumes' writes take their rate off the top of the link while
 *   those pairs are mirrored (synchronous writes wait for nobody); its resync copies (steps 3-5)
 *   and log resync (step 9) are transfers like a snapshot's, one session per volume pair, that
 *   chase the writes made while they run.
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
  /** How the link divides its bandwidth among transfers under way. @default 'per-schedule' */
  readonly discipline?: SharingDiscipline;
}

export type SharingDiscipline = 'per-schedule' | 'per-session' | 'fcfs';

export const DISCIPLINES: readonly SharingDiscipline[] = ['per-schedule', 'per-session', 'fcfs'];

export interface SimScheduleResult {
  /** Lag at minute 0, 1, ..., horizon/60. */
  readonly lagByMinute: Float64Array;
  /** Supremum of the lag over the horizon. */
  readonly worstLagSeconds: number;
  /** Capture instant and arrival instant of each snapshot that arrived within the horizon. */
  readonly arrivals: readonly { readonly capturedAt: number; readonly arrivedAt: number; readonly sentBytes: number }[];
}

/** A split-mirror volume: steady writes (the cycle's figures are then the analysis' too). */
export interface SimMirrorVolume {
  readonly capacityBytes: number;
  readonly bytesPerSecond: number;
  /** Log volumes, mirrored all the time except from step 1 to step 9 of the cycle. */
  readonly constant: boolean;
}

/**
 * A split mirror's backup cycle on the link, as seed 003 runs it (c = command, q = query):
 * 1-2 (2c + 2q): log pairs suspended, safety copy; no link traffic. 3: every pair is established
 * again; from then on the array copies the tracks changed since the last split (log volumes:
 * since step 1) and the writes made meanwhile; the operator's query sees the switch point (the
 * share `switchPoint` of those first tracks copied) no earlier than the command's end. 4: the
 * write suspend command (writes go on while it runs), then queries until every pair is in sync
 * (at least one query). 5: the split. 6: the resume command; writes resume when it ends. 7-8
 * (2c + q) are local. 9: the log pairs are established again and copy the log writes since the
 * resume, chasing new ones; in sync no earlier than the command and one query. Then the logs are
 * mirrored again until the next cycle, which starts `intervalSeconds` after this one, or when
 * this one's step 9 ends if that is later (a backup job does not start while the last one runs).
 * Volumes write steadily, so a stretch of writes may reach back before time 0.
 */
export interface SimBackup {
  readonly intervalSeconds: number;
  readonly firstStartSeconds: number;
  readonly commandSeconds: number;
  readonly querySeconds: number;
  readonly splitSeconds: number;
  readonly switchPoint: number;
  readonly volumes: readonly SimMirrorVolume[];
}

export interface SimBackupResult {
  /** Per cycle whose step 6 ended within the horizon: from the suspend command to the end of the resume. */
  readonly writeSuspendSeconds: readonly number[];
  /** Per cycle whose step 9 ended within the horizon: from the start of step 3 to the end of step 9. */
  readonly spanSeconds: readonly number[];
  /** Per such cycle: from the start of step 1 to the end of step 9 (the log writes not mirrored). */
  readonly logsUnmirroredSeconds: readonly number[];
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
  /** Bytes left per replication session (volume pair). */
  readonly remaining: number[];
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
  return simulateCircuit(link, schedules, [], horizonSeconds).schedules;
}

type BackupPhase = 'idle' | 'pre' | 'resync' | 'suspending' | 'draining' | 'splitting' | 'resuming' | 'post' | 'logs';

/** One split mirror's cycle as it runs: see `SimBackup`. Bytes are on the wire (after compression). */
interface BackupState {
  readonly backup: SimBackup;
  phase: BackupPhase;
  /** When a timed phase ends. */
  until: number;
  /** No earlier than this can a waiting phase end (the command and query it waits behind). */
  notBefore: number;
  /** The resync's bytes left to copy, and the rate at which writes add to them. */
  remaining: number;
  inflow: number;
  /** The switch point: step 4 starts once `remaining` is down to this. */
  threshold: number;
  /** Sessions (volume pairs) the transfer under way copies, and when it became ready. */
  sessions: number;
  readyAt: number;
  logsMirrored: boolean;
  cycleStart: number;
  resyncStart: number;
  suspendStart: number;
  /** Writes since this instant are the non-log volumes' tracks changed since the last split. */
  lastResume: number;
  readonly result: { writeSuspendSeconds: number[]; spanSeconds: number[]; logsUnmirroredSeconds: number[] };
}

const claiming = (b: BackupState) => b.phase === 'resync' || b.phase === 'suspending' || b.phase === 'draining' || b.phase === 'logs';

/** Simulates snapshot schedules and split-mirror backups sharing one link. */
export function simulateCircuit(
  link: SimLink,
  schedules: readonly SimSchedule[],
  backups: readonly SimBackup[],
  horizonSeconds = WEEK_SECONDS,
): { schedules: SimScheduleResult[]; backups: SimBackupResult[] } {
  const states: ScheduleState[] = schedules.map((schedule) => ({
    schedule,
    lastCapture: 0,
    nextCapture: schedule.intervalSeconds,
    waitingForArrival: false,
    queue: [],
    arrivals: [],
  }));
  const backupStates: BackupState[] = backups.map((backup) => ({
    backup,
    phase: 'idle',
    until: backup.firstStartSeconds,
    notBefore: 0,
    remaining: 0,
    inflow: 0,
    threshold: 0,
    sessions: 0,
    readyAt: 0,
    logsMirrored: true,
    cycleStart: 0,
    resyncStart: 0,
    suspendStart: 0,
    // As if a cycle had started one interval earlier and resumed writes at the earliest it can,
    // when this one's step 3 is due (steps 1-2 run before it): the first backlog is one interval's
    // writes, as in every later cycle that starts on time. (From time 0 instead, a first cycle
    // starting late in its interval would copy more than any cycle in steady state.)
    lastResume: backup.firstStartSeconds - backup.intervalSeconds + 2 * backup.commandSeconds + 2 * backup.querySeconds,
    result: { writeSuspendSeconds: [], spanSeconds: [], logsUnmirroredSeconds: [] },
  }));
  const ratio = link.compressionRatio;
  const logRate = (b: SimBackup) => b.volumes.reduce((sum, v) => sum + (v.constant ? v.bytesPerSecond : 0), 0) / ratio;
  const discipline = link.discipline ?? 'per-schedule';
  const done = (bytes: number) => bytes <= link.effectiveBytesPerSecond * 1e-9;
  let now = 0;
  let events = 0;

  for (;;) {
    if (++events > 4_000_000) {
      throw new Error(`simulation did not finish: more than 4 million events, stuck at ${now} s with queues ${states.map((s) => s.queue.length)}`);
    }
    // Mirrored log writes are synchronous: the rest of the link is what the transfers share.
    const bandwidth = link.effectiveBytesPerSecond - backupStates.reduce((sum, b) => sum + (b.logsMirrored ? logRate(b.backup) : 0), 0);
    const active = states.filter((s) => s.queue.length > 0 && s.queue[0].readyAt <= now);
    const copying = backupStates.filter((b) => claiming(b) && (!done(b.remaining) || b.inflow > 0));
    const rates = allocate(discipline, active, copying, bandwidth, done);

    let next = horizonSeconds;
    for (const s of states) {
      if (!s.waitingForArrival) next = Math.min(next, s.nextCapture);
      if (s.queue.length > 0 && s.queue[0].readyAt > now) next = Math.min(next, s.queue[0].readyAt);
    }
    for (const [part, { transfer, rate }] of rates.parts) next = Math.min(next, now + transfer.remaining[part.index] / rate);
    // A snapshot with nothing (left) to send lands now.
    if (active.some((s) => s.queue[0].remaining.every(done))) next = now;
    for (const b of backupStates) next = Math.min(next, backupEvent(b, rates.backups.get(b) ?? 0, now, done));

    const elapsed = next - now;
    for (const [part, { transfer, rate }] of rates.parts) transfer.remaining[part.index] -= elapsed * rate;
    for (const b of backupStates) {
      if (claiming(b)) b.remaining = Math.max(0, b.remaining + elapsed * (b.inflow - (rates.backups.get(b) ?? 0)));
    }
    now = next;

    // Arrivals first: a continuous schedule may capture at the instant its last snapshot lands.
    for (const s of states) {
      for (;;) {
        const head = s.queue[0];
        // A transfer is done when what is left would take under a nanosecond (float residue).
        if (!head || head.readyAt > now || !head.remaining.every(done)) break;
        s.queue.shift();
        s.arrivals.push({ capturedAt: head.capturedAt, arrivedAt: now, sentBytes: head.sentBytes });
        if (s.waitingForArrival) {
          s.waitingForArrival = false;
          s.nextCapture = Math.max(s.nextCapture, now);
        }
      }
    }
    for (const b of backupStates) while (advanceBackup(b, now, ratio, done));
    if (now >= horizonSeconds) break;

    for (const s of states) {
      if (s.waitingForArrival || s.nextCapture > now) continue;
      const { schedule } = s;
      const parts = schedule.volumes.map((v) => Math.min(v.capacityBytes, writtenBytes(v, s.lastCapture, now)) / link.compressionRatio);
      const sent = parts.reduce((sum, part) => sum + part, 0);
      s.queue.push({ capturedAt: now, readyAt: now + schedule.snapshotSeconds, sentBytes: sent, remaining: parts });
      s.lastCapture = now;
      s.nextCapture = now + schedule.intervalSeconds;
      s.waitingForArrival = schedule.cycle === 'continuous';
    }
  }

  return { schedules: states.map((s) => lagOf(s.arrivals, horizonSeconds)), backups: backupStates.map((b) => b.result) };
}

/** The next instant at which the backup changes phase, or its transfer reaches the switch point or empties. */
function backupEvent(b: BackupState, rate: number, now: number, done: (bytes: number) => boolean): number {
  switch (b.phase) {
    case 'idle':
    case 'pre':
    case 'splitting':
    case 'resuming':
    case 'post':
      return b.until;
    default: {
      let next = b.phase === 'suspending' ? b.until : now < b.notBefore ? b.notBefore : Infinity;
      const gain = rate - b.inflow;
      if (gain > 0) {
        if (b.phase === 'resync' && !done(b.remaining - b.threshold)) next = Math.min(next, now + (b.remaining - b.threshold) / gain);
        if (!done(b.remaining)) next = Math.min(next, now + b.remaining / gain);
      }
      return next;
    }
  }
}

/** Moves the cycle on at `now`; true when it changed phase (the next may be due at once). */
function advanceBackup(b: BackupState, now: number, ratio: number, done: (bytes: number) => boolean): boolean {
  const { backup } = b;
  const c = backup.commandSeconds;
  const q = backup.querySeconds;
  const written = (v: SimMirrorVolume, from: number) => Math.min(v.capacityBytes, v.bytesPerSecond * Math.max(0, now - from));
  const allWrites = backup.volumes.reduce((sum, v) => sum + v.bytesPerSecond, 0) / ratio;
  switch (b.phase) {
    case 'idle':
      if (now < b.until) return false;
      b.cycleStart = now;
      b.logsMirrored = false;
      b.phase = 'pre';
      b.until = now + 2 * c + 2 * q;
      return true;
    case 'pre':
      if (now < b.until) return false;
      b.resyncStart = now;
      b.remaining = backup.volumes.reduce((sum, v) => sum + written(v, v.constant ? b.cycleStart : b.lastResume), 0) / ratio;
      b.threshold = (1 - backup.switchPoint) * b.remaining;
      b.inflow = allWrites;
      b.sessions = backup.volumes.length;
      b.readyAt = now;
      b.notBefore = now + c;
      b.phase = 'resync';
      return true;
    case 'resync':
      if (now < b.notBefore || !done(b.remaining - b.threshold)) return false;
      b.suspendStart = now;
      b.phase = 'suspending';
      b.until = now + c;
      return true;
    case 'suspending':
      if (now < b.until) return false;
      b.inflow = 0;
      b.notBefore = now + q;
      b.phase = 'draining';
      return true;
    case 'draining':
      if (now < b.notBefore || !done(b.remaining)) return false;
      b.remaining = 0;
      b.phase = 'splitting';
      b.until = now + backup.splitSeconds;
      return true;
    case 'splitting':
      if (now < b.until) return false;
      b.phase = 'resuming';
      b.until = now + c;
      return true;
    case 'resuming':
      if (now < b.until) return false;
      b.lastResume = now;
      b.result.writeSuspendSeconds.push(now - b.suspendStart);
      b.phase = 'post';
      b.until = now + 2 * c + q;
      return true;
    case 'post': {
      if (now < b.until) return false;
      const logs = backup.volumes.filter((v) => v.constant);
      b.remaining = logs.reduce((sum, v) => sum + written(v, b.lastResume), 0) / ratio;
      b.inflow = logs.reduce((sum, v) => sum + v.bytesPerSecond, 0) / ratio;
      b.sessions = Math.max(1, logs.length);
      b.readyAt = now;
      b.notBefore = now + c + q;
      b.phase = 'logs';
      return true;
    }
    case 'logs':
      if (now < b.notBefore || !done(b.remaining)) return false;
      b.remaining = 0;
      b.inflow = 0;
      b.logsMirrored = true;
      b.result.spanSeconds.push(now - b.resyncStart);
      b.result.logsUnmirroredSeconds.push(now - b.cycleStart);
      b.phase = 'idle';
      b.until = Math.max(b.cycleStart + backup.intervalSeconds, now);
      return true;
  }
}

/**
 * The rate each session with data left gets now. Within a schedule that is served as a whole
 * (per schedule, first come first served) its sessions go one after the other: only the total
 * matters for when the snapshot lands. A backup's resync counts as one schedule, or as one
 * session per volume pair; once it has caught up it takes only the writes it chases, and the
 * rest goes to the others (the link stays work-conserving).
 */
function allocate(
  discipline: SharingDiscipline,
  active: readonly ScheduleState[],
  copying: readonly BackupState[],
  bandwidth: number,
  done: (bytes: number) => boolean,
): { parts: Map<{ index: number }, { transfer: Transfer; rate: number }>; backups: Map<BackupState, number> } {
  const parts = new Map<{ index: number }, { transfer: Transfer; rate: number }>();
  const backups = new Map<BackupState, number>();
  const firstPart = (transfer: Transfer) => transfer.remaining.findIndex((bytes) => !done(bytes));
  interface Claim {
    readonly weight: number;
    readonly cap: number;
    readonly readyAt: number;
    readonly give: (rate: number) => void;
  }
  const claims: Claim[] = [];
  if (discipline === 'per-session') {
    for (const s of active) {
      s.queue[0].remaining.forEach((bytes, index) => {
        if (!done(bytes)) claims.push({ weight: 1, cap: Infinity, readyAt: s.queue[0].readyAt, give: (rate) => parts.set({ index }, { transfer: s.queue[0], rate }) });
      });
    }
  } else {
    for (const s of active) {
      const index = firstPart(s.queue[0]);
      if (index >= 0) claims.push({ weight: 1, cap: Infinity, readyAt: s.queue[0].readyAt, give: (rate) => parts.set({ index }, { transfer: s.queue[0], rate }) });
    }
  }
  for (const b of copying) {
    claims.push({
      weight: discipline === 'per-session' ? b.sessions : 1,
      cap: done(b.remaining) ? b.inflow : Infinity,
      readyAt: b.readyAt,
      give: (rate) => backups.set(b, rate),
    });
  }
  if (discipline === 'fcfs') {
    // The earliest first; ties keep their order (schedules, then backups).
    let left = bandwidth;
    const order = claims.map((claim, i) => ({ claim, i })).sort((x, y) => x.claim.readyAt - y.claim.readyAt || x.i - y.i);
    for (const { claim } of order) {
      const rate = Math.min(claim.cap, left);
      if (rate > 0) claim.give(rate);
      left -= rate;
    }
    return { parts, backups };
  }
  // Equal shares by weight; a claim capped below its share takes its cap and leaves the rest.
  let open = claims;
  let left = bandwidth;
  for (;;) {
    const weight = open.reduce((sum, claim) => sum + claim.weight, 0);
    const capped = open.filter((claim) => claim.cap < (left * claim.weight) / weight);
    if (capped.length === 0) {
      for (const claim of open) claim.give((left * claim.weight) / weight);
      return { parts, backups };
    }
    for (const claim of capped) {
      if (claim.cap > 0) claim.give(claim.cap);
      left -= claim.cap;
    }
    open = open.filter((claim) => !capped.includes(claim));
  }
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
