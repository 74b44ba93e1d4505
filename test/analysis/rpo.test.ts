import { changedBytesInWindow } from '../../lib/analysis/change';
import { ceilSignificant, computeRpoBudgets, periodicBudget } from '../../lib/analysis/rpo';
import type { LinkDecl, ScheduleDecl } from '../../lib/model/design';
import { estate, GiB, link, plan, schedule } from '../fixtures/estate';

const budgetOf = (e = estate()) => computeRpoBudgets(e)[0];

/** A one-volume design with round numbers: link of exactly 1,000,000 B/s, no compression. */
function simple(options: {
  rateBytesPerSecond: number;
  capacityBytes?: number;
  intervalSeconds: number;
  snapshotSeconds: number;
  cycle?: ScheduleDecl['cycle'];
  rpoSeconds?: number;
}) {
  const l: LinkDecl = link({ lineRateBitsPerSecond: 8e6, efficiency: 1, compressionRatio: 1 });
  const s = schedule({
    intervalSeconds: options.intervalSeconds,
    snapshotSeconds: options.snapshotSeconds,
    cycle: options.cycle ?? 'fixed',
  });
  return periodicBudget({ id: 'p', rpoSeconds: options.rpoSeconds ?? 3600 }, s, l, 1, [
    { capacityBytes: options.capacityBytes ?? 1e15, averageChangeBytesPerSecond: options.rateBytesPerSecond },
  ]);
}

describe('periodic snapshot shipping', () => {
  it('adds interval, snapshot and transfer for the example at 15 minutes', () => {
    const b = budgetOf();
    // Changed in 15 min at 8 GiB/h: 8 GiB * 0.25 = 2 GiB = 2147483648 B; sent at 2:1: 1073741824 B.
    expect(b.changedBytes).toBeCloseTo(2 * GiB, 3);
    expect(b.sentBytes).toBeCloseTo(GiB, 3);
    // Effective bandwidth: 100e6 bit/s / 8 * 0.93 = 11,625,000 B/s, all of it (sole user).
    expect(b.linkEffectiveBytesPerSecond).toBe(11_625_000);
    expect(b.shareBytesPerSecond).toBe(11_625_000);
    // Transfer: 1073741824 / 11625000 = 92.36488... s.
    expect(b.transferSeconds).toBeCloseTo(92.36489, 4);
    // Worst case: 900 + 60 + 92.36489 = 1052.36489 s; margin 1800 - 1052.36489 = 747.63511 s.
    expect(b.worstCaseSeconds).toBeCloseTo(1052.36489, 4);
    expect(b.marginSeconds).toBeCloseTo(747.63511, 4);
    expect(b.verdict).toBe('meets');
  });

  it('fails a 27-minute interval whose interval + snapshot fit but whose transfer does not', () => {
    const b = budgetOf(estate({ schedules: [schedule({ intervalSeconds: 1620 })] }));
    // 1620 + 60 = 1680 s < 1800 s, but: changed 8 GiB/h * 0.45 h = 3.6 GiB, sent 1.8 GiB = 1932735283.2 B,
    // transfer 1932735283.2 / 11625000 = 166.25680 s, worst 1620 + 60 + 166.25680 = 1846.25680 s > 1800 s.
    expect(b.intervalSeconds + b.snapshotSeconds).toBeLessThan(1800);
    expect(b.transferSeconds).toBeCloseTo(166.2568, 3);
    expect(b.worstCaseSeconds).toBeCloseTo(1846.2568, 3);
    expect(b.verdict).toBe('breaches');
  });

  it('finds the longest interval that still meets the RPO', () => {
    const b = budgetOf();
    // Sent per second of interval: 8 GiB/h / 3600 / 2 = 1193046.471 B; on the wire per second of interval:
    // 1193046.471 / 11625000 = 0.1026276 s. Solve I + 60 + 0.1026276 I = 1800: I = 1740 / 1.1026276 = 1578.05 s,
    // rounded down to whole seconds: 1578 s (26m 18s).
    expect(b.fix.longestIntervalSeconds).toBe(1578);
    // And it really meets: 1578 + 60 + 0.1026276 * 1578 = 1799.95 s <= 1800; 1579 s would give 1801.06 s.
    const at = (interval: number) => budgetOf(estate({ schedules: [schedule({ intervalSeconds: interval })] }));
    expect(at(1578).verdict).toBe('meets');
    expect(at(1579).verdict).toBe('breaches');
  });

  it('gives the line rate needed at the declared interval, rounded up', () => {
    // At 15 min the transfer must end within min(1800 - 900 - 60, 900 - 60) = 840 s:
    // 1073741824 B * 8 / (0.93 * 840 s) = 10,995,820 bit/s, rounded up to 3 significant digits: 11,000,000.
    expect(budgetOf().fix.requiredLineRateBitsPerSecond).toBe(11_000_000);
    // At 27 min the window is min(1800 - 1620 - 60, 1620 - 60) = 120 s:
    // 1932735283.2 * 8 / (0.93 * 120) = 138,547,331 bit/s, rounded up: 139,000,000.
    const b = budgetOf(estate({ schedules: [schedule({ intervalSeconds: 1620 })] }));
    expect(b.fix.requiredLineRateBitsPerSecond).toBe(139_000_000);
    // Check the recommendation works: with a 139 Mbps link the 27-minute interval meets the RPO.
    const fixed = computeRpoBudgets(
      estate({ schedules: [schedule({ intervalSeconds: 1620 })] }, { lineRateBitsPerSecond: 139e6 }),
    )[0];
    expect(fixed.verdict).toBe('meets');
  });

  it('says no bandwidth helps when interval + snapshot already exceed the RPO', () => {
    // 1780 + 60 = 1840 s > 1800 s: the window 1800 - 1780 - 60 is negative.
    const b = budgetOf(estate({ schedules: [schedule({ intervalSeconds: 1780 })] }));
    expect(b.fix.requiredLineRateBitsPerSecond).toBeNull();
    expect(b.fix.longestIntervalSeconds).toBe(1578);
  });

  it('bounds the changed data by each volume capacity', () => {
    // 10 GiB/h for one hour would be 10 GiB, but a 1 GiB volume cannot change more than 1 GiB.
    const sources = [
      { capacityBytes: GiB, averageChangeBytesPerSecond: (10 * GiB) / 3600 },
      { capacityBytes: 100 * GiB, averageChangeBytesPerSecond: GiB / 3600 },
    ];
    // 1 GiB (capped) + 1 GiB/h * 1 h = 2 GiB.
    expect(changedBytesInWindow(sources, 3600)).toBeCloseTo(2 * GiB, 3);
    // After 6 minutes: min(1 GiB, 10 GiB * 0.1) = 1 GiB, plus 0.1 GiB.
    expect(changedBytesInWindow(sources, 360)).toBeCloseTo(1.1 * GiB, 3);
  });

  it('marks a fixed schedule unsustainable when snapshot + transfer outlast the interval', () => {
    // 500,000 B/s for 60 s = 30,000,000 B over 1,000,000 B/s = 30 s; 60 s snapshot + 30 s = 90 s > 60 s interval.
    const b = simple({ rateBytesPerSecond: 500_000, intervalSeconds: 60, snapshotSeconds: 60 });
    expect(b.completionSeconds).toBe(90);
    expect(b.verdict).toBe('unsustainable');
    expect(b.worstCaseSeconds).toBe(Infinity);
    expect(b.marginSeconds).toBe(-Infinity);
  });

  it('stretches a continuous cycle to the completion time and doubles it', () => {
    // The cycle P must satisfy P = 60 + 500,000 P / 1,000,000 = 60 + 0.5 P, so P = 120 s;
    // the worst case is 2 P = 240 s. Changed in 120 s: 60,000,000 B, transfer 60 s.
    const b = simple({ rateBytesPerSecond: 500_000, intervalSeconds: 60, snapshotSeconds: 60, cycle: 'continuous' });
    expect(b.periodSeconds).toBeCloseTo(120, 9);
    expect(b.changedBytes).toBeCloseTo(60_000_000, 3);
    expect(b.transferSeconds).toBeCloseTo(60, 9);
    expect(b.worstCaseSeconds).toBeCloseTo(240, 9);
    expect(b.verdict).toBe('meets');
  });

  it('keeps interval + completion for a continuous cycle that completes within the interval', () => {
    // 300 s interval: 150,000,000 B changed, 150 s transfer; 60 + 150 = 210 s <= 300 s: worst 300 + 210 = 510 s.
    const b = simple({ rateBytesPerSecond: 500_000, intervalSeconds: 300, snapshotSeconds: 60, cycle: 'continuous' });
    expect(b.periodSeconds).toBe(300);
    expect(b.worstCaseSeconds).toBeCloseTo(510, 9);
  });

  it('finds the stretched cycle on the capacity-bound part of the change curve', () => {
    // Changes come at 2,000,000 B/s, faster than the 1,000,000 B/s link, but the volume holds only
    // 10,000,000 B: P = 10 + min(10e6, 2e6 P) / 1e6 has its root where the volume is fully rewritten: P = 10 + 10 = 20 s.
    const b = simple({
      rateBytesPerSecond: 2_000_000,
      capacityBytes: 10_000_000,
      intervalSeconds: 10,
      snapshotSeconds: 10,
      cycle: 'continuous',
    });
    expect(b.periodSeconds).toBeCloseTo(20, 9);
    expect(b.worstCaseSeconds).toBeCloseTo(40, 9);
  });

  it('does not take period 0 for a continuous cycle with no snapshot time that cannot keep up (issue 6)', () => {
    // Found by the soundness simulation: with snapshot time 0 the slack P - D(P)/share is 0 at
    // P = 0, and the analysis used to stop there: period 0, worst case 0, "meets". Here changes
    // come at 1,500,000 B/s over a 1,000,000 B/s link into a 3,600,000,000 B volume, so the
    // slack P - min(3.6e9, 1.5e6 P) / 1e6 is negative until the volume is fully rewritten
    // (2400 s) and comes back to 0 at P = 3600 s: worst case 2P = 7200 s, beyond the 3600 s RPO.
    // The simulator gives the same 7200 s.
    const b = simple({
      rateBytesPerSecond: 1_500_000,
      capacityBytes: 3_600_000_000,
      intervalSeconds: 600,
      snapshotSeconds: 0,
      cycle: 'continuous',
    });
    expect(b.periodSeconds).toBeCloseTo(3600, 9);
    expect(b.worstCaseSeconds).toBeCloseTo(7200, 9);
    expect(b.verdict).toBe('breaches');
    // No interval helps: the shortest cycle is 3600 s and twice that exceeds the RPO.
    expect(b.fix.longestIntervalSeconds).toBeNull();
    // A cycle that keeps up with no snapshot time still runs at its interval: 0.5 x 600 s of
    // transfer, worst 600 + 300 = 900 s.
    const keepsUp = simple({ rateBytesPerSecond: 500_000, intervalSeconds: 600, snapshotSeconds: 0, cycle: 'continuous' });
    expect(keepsUp.periodSeconds).toBe(600);
    expect(keepsUp.worstCaseSeconds).toBeCloseTo(900, 9);
  });

  it('gives a number, not NaN, when a change rate is so small that capacity / rate overflows (issue 6)', () => {
    // Found by the monotonicity property: 1 B of capacity at 5e-324 B/s saturates after
    // 1 / 5e-324 = Infinity s, and that bend made the stretched period NaN ("breaches").
    // The volume never saturates, changes ~0 B: P = snapshot time = 0.6000000000000001 s, worst 2P.
    const b = simple({ rateBytesPerSecond: 5e-324, capacityBytes: 1, intervalSeconds: 0.6, snapshotSeconds: 0.6000000000000001, cycle: 'continuous' });
    expect(b.periodSeconds).toBeCloseTo(0.6, 12);
    expect(b.worstCaseSeconds).toBeCloseTo(1.2, 12);
    expect(b.verdict).toBe('meets');
  });

  it('has no interval that works when even the shortest cycle is too long', () => {
    // Shortest sustainable period: P = 60 + 0.5 P = 120 s; any interval costs at least 2 x 120 = 240 s > RPO 200 s.
    const b = simple({ rateBytesPerSecond: 500_000, intervalSeconds: 60, snapshotSeconds: 60, rpoSeconds: 200 });
    expect(b.fix.longestIntervalSeconds).toBeNull();
  });

  it('splits a shared link evenly among the schedules that use it', () => {
    const second = plan({
      id: 'app/Other',
      name: 'Other',
      volumes: plan().volumes.map((v) => ({ ...v, id: v.id.replace('app/Baw', 'app/Other') })),
      schedules: [
        schedule({
          id: 'app/Other/RuntimeData',
          volumeIds: schedule().volumeIds.map((id) => id.replace('app/Baw', 'app/Other')),
        }),
      ],
    });
    const budgets = computeRpoBudgets({ plans: [plan(), second], links: [link()] });
    expect(budgets).toHaveLength(2);
    for (const b of budgets) {
      // Each gets 11,625,000 / 2 = 5,812,500 B/s; transfer 1073741824 / 5812500 = 184.72978 s (twice the sole-user time).
      expect(b.linkSharedBy).toBe(2);
      expect(b.shareBytesPerSecond).toBe(5_812_500);
      expect(b.transferSeconds).toBeCloseTo(184.72978, 4);
      // Required line rate doubles too: 2 x 10,995,820 = 21,991,640 -> 22,000,000.
      expect(b.fix.requiredLineRateBitsPerSecond).toBe(22_000_000);
    }
  });
});

describe('synchronous mirroring', () => {
  const syncLink = { mode: 'sync' as const, roundTripSeconds: 0.004, distanceKm: 100 };

  it('has a zero recovery point while the link carries the peak write rate', () => {
    const b = budgetOf(estate({}, syncLink));
    // Peaks default to averages here: 8 GiB/h = 2386092.94 B/s, sent at 2:1: 1193046.47 B/s < 11,625,000 B/s.
    expect(b.mode).toBe('synchronous');
    expect(b.peakSentBytesPerSecond).toBeCloseTo((8 * GiB) / 3600 / 2, 3);
    expect(b.worstCaseSeconds).toBe(0);
    expect(b.verdict).toBe('meets');
  });

  it('is unbounded when the peak write rate exceeds the link', () => {
    const volumes = plan().volumes.map((v) => ({ ...v, peakChangeBytesPerSecond: 10_000_000 }));
    const b = budgetOf(estate({ volumes }, syncLink));
    // Peaks: 3 x 10,000,000 B/s = 30,000,000 B/s, sent at 2:1: 15,000,000 B/s > 11,625,000 B/s.
    expect(b.peakSentBytesPerSecond).toBe(15_000_000);
    expect(b.verdict).toBe('unsustainable');
    expect(b.worstCaseSeconds).toBe(Infinity);
    // Needed: 15,000,000 B/s * 8 / 0.93 = 129,032,258 bit/s, rounded up to 3 significant digits: 130,000,000.
    expect(b.fix.requiredLineRateBitsPerSecond).toBe(130_000_000);
  });
});

describe('ceilSignificant', () => {
  it('rounds up to the given significant digits and leaves exact values alone', () => {
    expect(ceilSignificant(10_995_820, 3)).toBe(11_000_000);
    expect(ceilSignificant(138_547_331, 3)).toBe(139_000_000);
    expect(ceilSignificant(93_000_000, 3)).toBe(93_000_000);
    expect(ceilSignificant(93_000_001, 3)).toBe(93_100_000);
    expect(ceilSignificant(0, 3)).toBe(0);
  });
});
