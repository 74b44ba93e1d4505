import type { ChangeProfileDecl, LinkDecl, VolumeDecl } from '../model/design';

/**
 * How much data a set of volumes can change in a window of w seconds: the one function every
 * RPO computation asks (the data a snapshot ships, the continuous cycle's fixed point, the
 * longest interval and the line rate a fix needs, and other users' load on a shared link).
 *
 * Periodic shipping sends what changed since the last snapshot, and changes to one block
 * coalesce, so what matters is the busiest window as long as the interval, not the daily mean.
 * For a volume with a profile that is an exact sliding-window maximum over its piecewise-constant
 * rates; for a bare `{ average }` it is average x w. Either way no volume changes more than it
 * holds.
 *
 * Volumes whose profiles share a time base (same shape, step, start and length) are summed
 * before the maximum is taken, as the busiest window of a consistency group is one window for
 * all of it. Volumes on different time bases add their own maxima, which is pessimistic (their
 * peaks are assumed to coincide) and reported as such in the plan.
 *
 * The result is nondecreasing, continuous and piecewise linear in w; `changePieceAt` gives the
 * linear piece around a point so that the solvers in rpo.ts find their roots exactly.
 */
export interface ChangeVolume {
  readonly capacityBytes: number;
  readonly averageChangeBytesPerSecond: number;
  readonly changeProfile?: ChangeProfileDecl;
  /**
   * Bytes the array ships per byte the rate counts: the replication grain's amplification of
   * host writes (see `shippedChangeVolumes`). 1 when absent.
   */
  readonly amplification?: number;
}

/** A linear piece of the changed-bytes curve: value at the point, slope, and how far it reaches. */
export interface ChangePiece {
  readonly value: number;
  /** Bytes per second on this side of the point (the one-sided derivative). */
  readonly slope: number;
  /** Seconds from the point over which value + slope x distance holds; may be Infinity. */
  readonly length: number;
}

/** Bytes the volumes can change in any window of `windowSeconds`, each at most its capacity. */
export function changedBytesInWindow(volumes: readonly ChangeVolume[], windowSeconds: number): number {
  if (!(windowSeconds > 0)) return 0;
  return compile(volumes).value(windowSeconds);
}

/**
 * The linear piece of changedBytesInWindow around `windowSeconds`, to its right (`'after'`) or
 * left (`'before'`). Where float noise makes two candidate windows tie, the piece errs high
 * (more changed data), never low.
 */
export function changePieceAt(volumes: readonly ChangeVolume[], windowSeconds: number, side: 'before' | 'after'): ChangePiece {
  const curve = compile(volumes);
  if (side === 'before' && windowSeconds <= 0) return { value: 0, slope: 0, length: 0 };
  return side === 'after' ? curve.after(Math.max(0, windowSeconds)) : curve.before(windowSeconds);
}

/** The finest step of the volumes' profiles: within one step only a few linear pieces lie. Infinity without a profile. */
export function changeStepSeconds(volumes: readonly ChangeVolume[]): number {
  return volumes.reduce((finest, v) => (v.changeProfile ? Math.min(finest, v.changeProfile.stepSeconds) : finest), Infinity);
}

/** Where the busiest window of a profiled consistency group lies, for the plan. */
export interface BusiestWindow {
  /** Bytes changed in it, capped by capacity as the analysis caps them. */
  readonly bytes: number;
  readonly windowSeconds: number;
  /**
   * Start of the window: seconds after midnight for a daily profile, seconds since 1970 (UTC)
   * for a measured series; null when the volumes' maxima were added from different time bases
   * (no one window) or when no volume has a profile.
   */
  readonly startSeconds: number | null;
  readonly shape: 'daily' | 'measured' | null;
  /** `exact`: one time base (or no profile); `sum-of-maxima`: pessimistic, see changedBytesInWindow. */
  readonly basis: 'exact' | 'sum-of-maxima';
}

export function busiestWindow(volumes: readonly ChangeVolume[], windowSeconds: number): BusiestWindow {
  const curve = compile(volumes);
  const bytes = windowSeconds > 0 ? curve.value(windowSeconds) : 0;
  const groups = curve.groups;
  const basis = groups.length > 1 ? 'sum-of-maxima' : 'exact';
  if (groups.length !== 1 || windowSeconds <= 0) return { bytes, windowSeconds, startSeconds: null, shape: null, basis };
  const { series, profile } = groups[0];
  const offset = series.argmax(windowSeconds);
  return {
    bytes,
    windowSeconds,
    startSeconds: profile.startEpochSeconds === null ? offset : profile.startEpochSeconds + offset,
    shape: profile.shape,
    basis,
  };
}

/**
 * The volumes as one link ships them: with host-write rates, a declared write size and the
 * link's grain, every write dirties whole grains, so the changed data is writes x grains per
 * write x grain = bytes written x ceil(writeSize / grain) x grain / writeSize. Exact for random
 * writes aligned to the grain, pessimistic for sequential ones (which share grains).
 */
export function shippedChangeVolumes<V extends ChangeVolume & Pick<VolumeDecl, 'changeKind' | 'writeSizeBytes'>>(
  volumes: readonly V[],
  link: Pick<LinkDecl, 'grainBytes'>,
): (V & { readonly amplification: number })[] {
  return volumes.map((volume) => ({ ...volume, amplification: grainAmplification(volume, link) }));
}

/** Bytes shipped per byte written (1 unless host writes, write size and grain are all known). */
export function grainAmplification(
  volume: Pick<VolumeDecl, 'changeKind' | 'writeSizeBytes'>,
  link: Pick<LinkDecl, 'grainBytes'>,
): number {
  const write = volume.writeSizeBytes;
  const grain = link.grainBytes;
  if (volume.changeKind !== 'host-writes' || !write || !grain) return 1;
  return (Math.ceil(write / grain - 1e-12) * grain) / write;
}

// ---------------------------------------------------------------------------------------------

interface Curve {
  value(w: number): number;
  after(w: number): ChangePiece;
  before(w: number): ChangePiece;
}

interface Group {
  readonly profile: ChangeProfileDecl;
  readonly series: SeriesWindow;
}

interface CompiledCurve extends Curve {
  readonly groups: readonly Group[];
}

const compiled = new WeakMap<readonly ChangeVolume[], CompiledCurve>();

function compile(volumes: readonly ChangeVolume[]): CompiledCurve {
  let curve = compiled.get(volumes);
  if (!curve) {
    curve = build(volumes);
    compiled.set(volumes, curve);
  }
  return curve;
}

function build(volumes: readonly ChangeVolume[]): CompiledCurve {
  const terms: Curve[] = [];
  const byBase = new Map<string, ChangeVolume[]>();
  for (const volume of volumes) {
    const profile = volume.changeProfile;
    if (!profile) {
      terms.push(capped(volume.capacityBytes, flat(volume.averageChangeBytesPerSecond * (volume.amplification ?? 1))));
      continue;
    }
    const key = timeBase(profile);
    byBase.set(key, [...(byBase.get(key) ?? []), volume]);
  }
  const groups: Group[] = [];
  for (const members of byBase.values()) {
    const own = members.map((v) => capped(v.capacityBytes, scaled(v.amplification ?? 1, seriesOf(v.changeProfile!.bytesPerSecond, v.changeProfile!.stepSeconds))));
    const profile = members[0].changeProfile!;
    if (members.length === 1) {
      groups.push({ profile, series: seriesOf(profile.bytesPerSecond, profile.stepSeconds) });
      terms.push(own[0]);
      continue;
    }
    // One window for the whole group: the sum's maximum. Capacity caps each volume, which the
    // sum cannot express, so take whichever of the two upper bounds is lower.
    const sum = new Float64Array(profile.bytesPerSecond.length);
    for (const v of members) {
      const rates = v.changeProfile!.bytesPerSecond;
      const amplification = v.amplification ?? 1;
      for (let i = 0; i < sum.length; i++) sum[i] += amplification * rates[i];
    }
    const series = new SeriesWindow(sum, profile.stepSeconds);
    groups.push({ profile, series });
    terms.push(lower(series, added(own)));
  }
  const total = added(terms);
  return { ...total, value: total.value, after: total.after, before: total.before, groups };
}

function timeBase(profile: ChangeProfileDecl): string {
  return `${profile.shape}/${profile.stepSeconds}/${profile.bytesPerSecond.length}/${profile.startEpochSeconds ?? ''}`;
}

const seriesCache = new WeakMap<Float64Array, SeriesWindow>();
function seriesOf(rates: Float64Array, stepSeconds: number): SeriesWindow {
  let series = seriesCache.get(rates);
  if (!series) {
    series = new SeriesWindow(rates, stepSeconds);
    seriesCache.set(rates, series);
  }
  return series;
}

function flat(rate: number): Curve {
  return {
    value: (w) => rate * w,
    after: (w) => ({ value: rate * w, slope: rate, length: Infinity }),
    before: (w) => ({ value: rate * w, slope: rate, length: w }),
  };
}

function scaled(factor: number, curve: Curve): Curve {
  if (factor === 1) return curve;
  const scale = (p: ChangePiece): ChangePiece => ({ value: p.value * factor, slope: p.slope * factor, length: p.length });
  return { value: (w) => factor * curve.value(w), after: (w) => scale(curve.after(w)), before: (w) => scale(curve.before(w)) };
}

/** min(cap, curve) for a nondecreasing curve. */
function capped(cap: number, curve: Curve): Curve {
  return {
    value: (w) => Math.min(cap, curve.value(w)),
    after(w) {
      const p = curve.after(w);
      if (p.value >= cap) return { value: cap, slope: 0, length: Infinity };
      return p.slope > 0 ? { ...p, length: Math.min(p.length, (cap - p.value) / p.slope) } : p;
    },
    before(w) {
      const p = curve.before(w);
      if (p.value > cap) {
        return { value: cap, slope: 0, length: p.slope > 0 ? Math.min(p.length, (p.value - cap) / p.slope) : p.length };
      }
      return p;
    },
  };
}

function added(curves: readonly Curve[]): Curve {
  const sum = (pieces: ChangePiece[]): ChangePiece =>
    pieces.reduce((a, b) => ({ value: a.value + b.value, slope: a.slope + b.slope, length: Math.min(a.length, b.length) }), {
      value: 0,
      slope: 0,
      length: Infinity,
    });
  return {
    value: (w) => curves.reduce((total, c) => total + c.value(w), 0),
    after: (w) => sum(curves.map((c) => c.after(w))),
    before: (w) => sum(curves.map((c) => c.before(w))),
  };
}

/** min(a, b) of two nondecreasing curves. */
function lower(a: Curve, b: Curve): Curve {
  return {
    value: (w) => Math.min(a.value(w), b.value(w)),
    after(w) {
      const [p, q] = [a.after(w), b.after(w)];
      // Equal now: the one that rises slower stays below.
      const [low, high] = p.value < q.value || (p.value === q.value && p.slope <= q.slope) ? [p, q] : [q, p];
      const cross = high.slope < low.slope ? (high.value - low.value) / (low.slope - high.slope) : Infinity;
      return { value: low.value, slope: low.slope, length: Math.min(low.length, high.length, cross) };
    },
    before(w) {
      const [p, q] = [a.before(w), b.before(w)];
      // Equal now: going back, the one that falls faster (larger slope) is below.
      const [low, high] = p.value < q.value || (p.value === q.value && p.slope >= q.slope) ? [p, q] : [q, p];
      const cross = high.slope > low.slope ? (high.value - low.value) / (high.slope - low.slope) : Infinity;
      return { value: low.value, slope: low.slope, length: Math.min(low.length, high.length, cross) };
    },
  };
}

/** Relative gap under which two candidate windows count as tied (float noise of the prefix sums). */
const TIE = 1e-12;

/**
 * The exact sliding-window maximum of one periodic piecewise-constant rate: F(w), the most bytes
 * any window of w seconds holds, windows wrapping around the period allowed.
 *
 * With N steps of h seconds, period T = N h and total bytes B per period, a window of kT + u
 * seconds holds k periods plus a window of u, so F(kT + u) = kB + F(u). For u = mh + f
 * (0 <= f < h) the difference C(s + u) - C(s) of the cumulative curve is linear in s between
 * the points where s or s + u crosses a step boundary, so its maximum lies at one of them: a
 * window of m whole steps starting at step i, extended by f into the step after it or the step
 * before it. Hence F(mh + f) = max_i (S_i + f x max(r[i-1], r[i+m])), S_i the bytes in steps
 * i..i+m-1: the upper envelope of N lines in f, convex between step multiples. Evaluating it
 * is O(N); so is finding the piece of the envelope around f.
 */
export class SeriesWindow {
  private readonly n: number;
  private readonly h: number;
  private readonly period: number;
  private readonly total: number;
  /** Rates over two periods, so windows that wrap need no modulo. */
  /** The profile's own rates (not copied: a profile is immutable). */
  private readonly rates: Float64Array;
  /**
   * Prefix sums of bytes over two periods, so that a window that wraps needs no branch,
   * compensated: hi + lo (Neumaier). With the rates, 40 bytes a step.
   */
  private readonly hi: Float64Array;
  private readonly lo: Float64Array;
  /** Envelopes already computed, by window length within the period (a few dozen at most per budget). */
  private readonly envelopes = new Map<string, Envelope>();

  public constructor(rates: Float64Array, stepSeconds: number) {
    const n = rates.length;
    this.n = n;
    this.h = stepSeconds;
    this.period = n * stepSeconds;
    this.rates = rates;
    this.hi = new Float64Array(2 * n + 1);
    this.lo = new Float64Array(2 * n + 1);
    const hi = this.hi;
    const lo = this.lo;
    let sum = 0;
    let compensation = 0;
    for (let i = 0; i < 2 * n; i++) {
      const x = rates[i < n ? i : i - n] * stepSeconds;
      const t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
      hi[i + 1] = sum;
      lo[i + 1] = compensation;
    }
    this.total = this.windowSum(0, n);
  }

  /** Bytes in steps [from, to) of the doubled series. */
  private windowSum(from: number, to: number): number {
    return this.hi[to] - this.hi[from] + (this.lo[to] - this.lo[from]);
  }

  /** Split w into whole periods, whole steps and the rest; `left` puts a boundary at the end of the cell before it. */
  private locate(w: number, left: boolean): { k: number; m: number; f: number } {
    let k = Math.floor(w / this.period);
    let u = w - k * this.period;
    if (u < 0) u = 0;
    let m = Math.floor(u / this.h);
    if (m >= this.n) m = this.n - 1;
    let f = u - m * this.h;
    if (left && f === 0) {
      if (m > 0) {
        m -= 1;
        f = this.h;
      } else if (k > 0) {
        k -= 1;
        m = this.n - 1;
        f = this.h;
      }
    }
    return { k, m, f };
  }

  public value(w: number): number {
    const { k, m, f } = this.locate(w, false);
    return k * this.total + this.envelope(m, f).value;
  }

  /** Start offset (seconds from the series start, within one period) of a busiest window of w. */
  public argmax(w: number): number {
    const { m, f } = this.locate(w, false);
    const { index, backward } = this.envelope(m, f);
    const start = index * this.h - (backward ? f : 0);
    return ((start % this.period) + this.period) % this.period;
  }

  public after(w: number): ChangePiece {
    const { k, m, f } = this.locate(w, false);
    const { value, slopeMax } = this.envelope(m, f);
    // To the right the envelope follows the fastest of the lines that tie for the maximum,
    // until a faster line overtakes it or the step ends.
    const slope = this.tyingSlope(m, f, value, 'fastest');
    const length = slope < slopeMax ? this.overtaken(m, f, value, slope, this.h - f, 'faster') : this.h - f;
    return { value: k * this.total + value, slope, length };
  }

  public before(w: number): ChangePiece {
    if (w <= 0) return { value: 0, slope: 0, length: 0 };
    const { k, m, f } = this.locate(w, true);
    const { value } = this.envelope(m, f);
    // To the left it follows the slowest of the tying lines, until a slower one overtakes it.
    const slope = this.tyingSlope(m, f, value, 'slowest');
    return { value: k * this.total + value, slope, length: this.overtaken(m, f, value, slope, f, 'slower') };
  }

  /*
   * The loops below visit each of the N lines at f: a window of m steps from step i (its bytes
   * from the prefix sums) extended by f into the faster of the steps either side of it (beta).
   * They are written out, not shared through a callback: a call per line costs twice the loop.
   */

  /** The fastest (or slowest) beta among the lines within float noise of the maximum `value`. */
  private tyingSlope(m: number, f: number, value: number, which: 'fastest' | 'slowest'): number {
    const n = this.n;
    const rates = this.rates;
    const hi = this.hi;
    const lo = this.lo;
    const floor = value - TIE * Math.max(value, 1);
    let fastest = -Infinity;
    let slowest = Infinity;
    let before = rates[n - 1];
    for (let i = 0; i < n; i++) {
      const j = i + m;
      const after = rates[j < n ? j : j - n];
      const beta = before > after ? before : after;
      if (hi[j] - hi[i] + (lo[j] - lo[i]) + beta * f >= floor) {
        if (beta > fastest) fastest = beta;
        if (beta < slowest) slowest = beta;
      }
      before = rates[i];
    }
    return which === 'fastest' ? fastest : slowest;
  }

  /** How far from f a line rising faster (or falling slower, going left) than `slope` first reaches the envelope. */
  private overtaken(m: number, f: number, value: number, slope: number, limit: number, which: 'faster' | 'slower'): number {
    const n = this.n;
    const rates = this.rates;
    const hi = this.hi;
    const lo = this.lo;
    const sign = which === 'faster' ? 1 : -1;
    let length = limit;
    let before = rates[n - 1];
    for (let i = 0; i < n; i++) {
      const j = i + m;
      const after = rates[j < n ? j : j - n];
      const beta = before > after ? before : after;
      const gain = sign * (beta - slope);
      if (gain > 0) {
        const gap = value - (hi[j] - hi[i] + (lo[j] - lo[i]) + beta * f);
        const reach = (gap > 0 ? gap : 0) / gain;
        if (reach < length) length = reach;
      }
      before = rates[i];
    }
    return length;
  }

  private envelope(m: number, f: number): Envelope {
    // The solvers ask the same window again (the interval, the period, the fixes): one pass each.
    const key = `${m}/${f}`;
    const known = this.envelopes.get(key);
    if (known) return known;
    let value = -Infinity;
    let index = 0;
    let backward = false;
    let slopeMax = 0;
    const n = this.n;
    // Locals: the hottest loop of the analysis, O(N) per window asked.
    const rates = this.rates;
    const hi = this.hi;
    const lo = this.lo;
    let before = rates[n - 1];
    for (let i = 0; i < n; i++) {
      const j = i + m;
      const after = rates[j < n ? j : j - n];
      const beta = before > after ? before : after;
      if (beta > slopeMax) slopeMax = beta;
      const line = hi[j] - hi[i] + (lo[j] - lo[i]) + beta * f;
      if (line > value) {
        value = line;
        index = i;
        backward = before > after;
      }
      before = rates[i];
    }
    const envelope = { value, index, backward, slopeMax };
    if (this.envelopes.size >= 64) this.envelopes.clear();
    this.envelopes.set(key, envelope);
    return envelope;
  }
}

interface Envelope {
  readonly value: number;
  readonly index: number;
  readonly backward: boolean;
  readonly slopeMax: number;
}

/** What the plan shows of a schedule's load: the summary of its profile, never the samples. */
export interface ChangeLoad {
  /**
   * `average`: no volume has a profile; `profile`: one time base, the busiest window is exact;
   * `sum-of-maxima`: several time bases, their busiest windows added (pessimistic).
   */
  readonly basis: 'average' | 'profile' | 'sum-of-maxima';
  /** Busiest window as long as the period shipped (the interval, or the stretched cycle). */
  readonly busiestWindow: BusiestWindow;
  /** Busiest window as long as the interval, when the period differs from it. */
  readonly busiestIntervalWindow: BusiestWindow | null;
  /** Highest rate of any step, as shipped (after grain amplification), bytes per second. */
  readonly peakBytesPerSecond: number;
  /** Mean rate, as shipped, bytes per second. */
  readonly averageBytesPerSecond: number;
  /** Largest grain amplification of any volume (1: none). */
  readonly amplification: number;
  /** Per hour of the day (UTC for measured series), the busiest day's mean rate, as shipped. */
  readonly hourlyBytesPerSecond: readonly number[];
}

/** The load summary of `volumes` (as shipped) for a budget whose period and interval are given. */
export function changeLoad(volumes: readonly ChangeVolume[], periodSeconds: number, intervalSeconds: number): ChangeLoad {
  const compiledCurve = compile(volumes);
  const profiled = volumes.filter((v) => v.changeProfile);
  const hourly = new Array<number>(24).fill(0);
  let peak = 0;
  let average = 0;
  for (const volume of volumes) {
    const amplification = volume.amplification ?? 1;
    if (!volume.changeProfile) {
      for (let hour = 0; hour < 24; hour++) hourly[hour] += amplification * volume.averageChangeBytesPerSecond;
      peak += amplification * volume.averageChangeBytesPerSecond;
      average += amplification * volume.averageChangeBytesPerSecond;
    }
  }
  for (const group of compiledCurve.groups) {
    const members = profiled.filter((v) => timeBase(v.changeProfile!) === timeBase(group.profile));
    const rates = new Float64Array(group.profile.bytesPerSecond.length);
    for (const v of members) {
      const amplification = v.amplification ?? 1;
      const own = v.changeProfile!.bytesPerSecond;
      for (let i = 0; i < rates.length; i++) rates[i] += amplification * own[i];
    }
    let groupPeak = 0;
    let sum = 0;
    for (const rate of rates) {
      if (rate > groupPeak) groupPeak = rate;
      sum += rate;
    }
    peak += groupPeak;
    average += sum / rates.length;
    const busiest = busiestHours(rates, group.profile.stepSeconds, group.profile.startEpochSeconds ?? 0);
    for (let hour = 0; hour < 24; hour++) hourly[hour] += busiest[hour];
  }
  const window = busiestWindow(volumes, periodSeconds);
  return {
    basis: compiledCurve.groups.length === 0 ? 'average' : window.basis === 'exact' ? 'profile' : 'sum-of-maxima',
    busiestWindow: window,
    busiestIntervalWindow: periodSeconds === intervalSeconds ? null : busiestWindow(volumes, intervalSeconds),
    peakBytesPerSecond: peak,
    averageBytesPerSecond: average,
    amplification: volumes.reduce((max, v) => Math.max(max, v.amplification ?? 1), 1),
    hourlyBytesPerSecond: hourly,
  };
}

/** For each hour of the day, the highest mean rate that hour reaches on any day of the series. */
function busiestHours(rates: Float64Array, stepSeconds: number, startSeconds: number): number[] {
  const firstHour = Math.floor(startSeconds / 3600);
  const bytesByHour = new Float64Array(Math.ceil((startSeconds + rates.length * stepSeconds) / 3600) - firstHour + 1);
  for (let i = 0; i < rates.length; i++) {
    let from = startSeconds + i * stepSeconds;
    const to = from + stepSeconds;
    while (from < to) {
      const hour = Math.floor(from / 3600);
      const end = Math.min(to, (hour + 1) * 3600);
      bytesByHour[hour - firstHour] += rates[i] * (end - from);
      from = end;
    }
  }
  const hourly = new Array<number>(24).fill(0);
  bytesByHour.forEach((bytes, index) => {
    const hour = firstHour + index;
    const ofDay = ((hour % 24) + 24) % 24;
    hourly[ofDay] = Math.max(hourly[ofDay], bytes / 3600);
  });
  return hourly;
}
