import fc from 'fast-check';
import { busiestWindow, changedBytesInWindow, changePieceAt, grainAmplification, SeriesWindow } from '../../lib/analysis/change';
import type { ChangeProfileDecl } from '../../lib/model/design';

const daily = (rates: number[]): ChangeProfileDecl => ({
  shape: 'daily',
  stepSeconds: 86_400 / rates.length,
  bytesPerSecond: Float64Array.from(rates),
  startEpochSeconds: null,
  source: null,
});

/** Brute force: every start on a fine grid of the period, integrating the step function exactly. */
function bruteMax(rates: number[], step: number, window: number, grid: number): number {
  const period = rates.length * step;
  const integral = (t: number) => {
    const k = Math.floor(t / period);
    let u = t - k * period;
    let total = k * rates.reduce((a, b) => a + b, 0) * step;
    for (let i = 0; u > 0; i++) {
      const part = Math.min(step, u);
      total += rates[i % rates.length] * part;
      u -= part;
    }
    return total;
  };
  let best = 0;
  for (let s = 0; s < period; s += grid) best = Math.max(best, integral(s + window) - integral(s));
  return best;
}

describe('changedBytesInWindow', () => {
  test('an average alone: average x w, capped by capacity', () => {
    // 1000 B/s for 60 s = 60,000 B; a 50,000 B volume holds at most 50,000.
    expect(changedBytesInWindow([{ capacityBytes: 1e9, averageChangeBytesPerSecond: 1000 }], 60)).toBe(60_000);
    expect(changedBytesInWindow([{ capacityBytes: 50_000, averageChangeBytesPerSecond: 1000 }], 60)).toBe(50_000);
  });

  test('a daily profile: the busiest window, wrapping past midnight', () => {
    // Hourly: 23:00 at 10 B/s, 00:00 at 6 B/s, the rest 1 B/s. The busiest 2 h are 23:00-01:00:
    // (10 + 6) x 3600 = 57,600 B. The busiest 90 min: 23:00-00:30 = 10 x 3600 + 6 x 1800 = 46,800 B.
    const rates = new Array(24).fill(1);
    rates[23] = 10;
    rates[0] = 6;
    const v = [{ capacityBytes: 1e12, averageChangeBytesPerSecond: 0, changeProfile: daily(rates) }];
    expect(changedBytesInWindow(v, 7200)).toBeCloseTo(57_600, 6);
    expect(changedBytesInWindow(v, 5400)).toBeCloseTo(46_800, 6);
    // 25 h: one whole day (10 + 6 + 22 = 38 x 3600 = 136,800 B) plus the busiest hour (36,000 B).
    expect(changedBytesInWindow(v, 90_000)).toBeCloseTo(172_800, 6);
    expect(busiestWindow(v, 5400)).toMatchObject({ startSeconds: 23 * 3600, shape: 'daily', basis: 'exact' });
  });

  test('the maximum lies between step boundaries too: a window may reach back into the step before', () => {
    // Steps of 1 h: [3, 0, 2] repeated 8 times. A 1h 20m window from 02:40: 20 min at 2 B/s, then
    // 03:00-04:00 at 3 B/s = 2400 + 10,800 = 13,200 B. Starting on a step boundary gives at most
    // 03:00-04:20 = 10,800 + 0: the busiest window starts inside a step.
    const rates = Array.from({ length: 24 }, (_, i) => [3, 0, 2][i % 3]);
    const v = [{ capacityBytes: 1e12, averageChangeBytesPerSecond: 0, changeProfile: daily(rates) }];
    expect(changedBytesInWindow(v, 4800)).toBeCloseTo(13_200, 6);
    // The pattern repeats every 3 h: any 20 minutes before a "3" hour will do.
    expect(busiestWindow(v, 4800).startSeconds! % 10_800).toBeCloseTo(2 * 3600 + 40 * 60, 6);
  });

  test('volumes on one time base: the maximum of the sum; on different ones: the sum of the maxima', () => {
    // A busy at hour 2, B busy at hour 14 (100 B/s each, else 0). Same base: the busiest hour holds
    // 360,000 B. As a measured series B has another time base: 720,000 B, as if the peaks coincided.
    const a = new Array(24).fill(0);
    a[2] = 100;
    const b = new Array(24).fill(0);
    b[14] = 100;
    const volA = { capacityBytes: 1e12, averageChangeBytesPerSecond: 0, changeProfile: daily(a) };
    const volB = { capacityBytes: 1e12, averageChangeBytesPerSecond: 0, changeProfile: daily(b) };
    expect(changedBytesInWindow([volA, volB], 3600)).toBeCloseTo(360_000, 6);
    expect(busiestWindow([volA, volB], 3600).basis).toBe('exact');
    const measuredB = { ...volB, changeProfile: { ...daily(b), shape: 'measured' as const, startEpochSeconds: 0 } };
    expect(changedBytesInWindow([volA, measuredB], 3600)).toBeCloseTo(720_000, 6);
    expect(busiestWindow([volA, measuredB], 3600)).toMatchObject({ basis: 'sum-of-maxima', startSeconds: null });
  });

  test('capacity caps each volume of a group even where the sum would not', () => {
    // Both busy in hour 2 at 100 B/s; A holds 1000 B. Busiest hour: min(1000, 360,000) + 360,000.
    const a = new Array(24).fill(0);
    a[2] = 100;
    const vols = [
      { capacityBytes: 1000, averageChangeBytesPerSecond: 0, changeProfile: daily(a) },
      { capacityBytes: 1e12, averageChangeBytesPerSecond: 0, changeProfile: daily([...a]) },
    ];
    expect(changedBytesInWindow(vols, 3600)).toBeCloseTo(361_000, 6);
  });

  test('replication grain: host writes of 4 KiB shipped as 256 KiB grains are 64 times the bytes', () => {
    // ceil(4096 / 262144) x 262144 / 4096 = 64; a 1 MiB write spans 4 grains: x1; 300 KiB: 2 grains of 256 KiB / 300 KiB.
    expect(grainAmplification({ changeKind: 'host-writes', writeSizeBytes: 4096 }, { grainBytes: 262_144 })).toBe(64);
    expect(grainAmplification({ changeKind: 'host-writes', writeSizeBytes: 1_048_576 }, { grainBytes: 262_144 })).toBe(1);
    expect(grainAmplification({ changeKind: 'host-writes', writeSizeBytes: 307_200 }, { grainBytes: 262_144 })).toBeCloseTo(524_288 / 307_200, 12);
    // Not host writes, or no grain: shipped as declared.
    expect(grainAmplification({ changeKind: 'changed', writeSizeBytes: 4096 }, { grainBytes: 262_144 })).toBe(1);
    expect(grainAmplification({ changeKind: 'host-writes', writeSizeBytes: 4096 }, {})).toBe(1);
    // Count-key-data tracks of 56,664 B under 4 KiB writes: 56,664 / 4096 = 13.83...
    expect(grainAmplification({ changeKind: 'host-writes', writeSizeBytes: 4096 }, { grainBytes: 56_664 })).toBeCloseTo(13.834, 3);
  });
});

describe('SeriesWindow is the exact sliding-window maximum', () => {
  const profileArb = fc.record({
    rates: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })), { minLength: 2, maxLength: 12 }),
    step: fc.constantFrom(1, 2, 5, 10),
    // Whole or fractional windows up to two periods and a bit.
    window: fc.double({ min: 0.25, max: 30, noNaN: true }),
  });

  test('equals brute force over every start on a fine grid (random profiles)', () => {
    fc.assert(
      fc.property(profileArb, ({ rates, step, window }) => {
        const series = new SeriesWindow(Float64Array.from(rates), step);
        const w = window * step;
        // The maximum is at a start on the step grid or an end on it: a grid of step/4 and an
        // offset of the fractional part holds both for these windows.
        const frac = w - Math.floor(w / step) * step;
        const brute = Math.max(bruteMax(rates, step, w, step), bruteMaxShifted(rates, step, w, frac));
        expect(series.value(w)).toBeCloseTo(brute, 6);
      }),
      { numRuns: 300 },
    );
  });

  test('each piece is linear and nondecreasing where it claims to be, and errs high if at all', () => {
    fc.assert(
      fc.property(profileArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ rates, step, window }, at) => {
        const v = [{ capacityBytes: 1e12, averageChangeBytesPerSecond: 0, changeProfile: { ...daily([]), stepSeconds: step, bytesPerSecond: Float64Array.from(rates) } }];
        const w = window * step;
        const after = changePieceAt(v, w, 'after');
        expect(after.slope).toBeGreaterThanOrEqual(0);
        const d = Math.min(after.length, step) * at;
        expect(after.value + after.slope * d).toBeCloseTo(changedBytesInWindow(v, w + d), 6);
        const before = changePieceAt(v, w, 'before');
        const back = Math.min(before.length, w) * at;
        expect(before.value - before.slope * back).toBeCloseTo(changedBytesInWindow(v, w - back), 6);
      }),
      { numRuns: 300 },
    );
  });
});

/** Brute force with starts at `offset` + k x step, where windows that end on a boundary start. */
function bruteMaxShifted(rates: number[], step: number, window: number, offset: number): number {
  let best = 0;
  const period = rates.length * step;
  for (let k = 0; k < rates.length; k++) {
    const start = (k * step + step - offset) % period;
    best = Math.max(best, windowAt(rates, step, start, window));
  }
  return best;
}

function windowAt(rates: number[], step: number, start: number, window: number): number {
  let total = 0;
  let t = start;
  let left = window;
  while (left > 1e-12) {
    const i = Math.floor(t / step + 1e-12);
    const edge = (i + 1) * step;
    const part = Math.min(left, edge - t);
    total += rates[i % rates.length] * part;
    t += part;
    left -= part;
  }
  return total;
}
