import { scheduleSustainable } from '../../lib/rules/schedule-sustainable';
import { dataVolume, estate, GiB, logVolume, schedule, tranlogVolume } from '../fixtures/estate';
import { analyzeFirst, findingsOf, onlyFinding, ruleIdsOf } from './helpers';

const ID = 'SDR-SCHEDULE-SUSTAINABLE';

describe('SDR-SCHEDULE-SUSTAINABLE', () => {
  test('is an error', () => {
    expect(scheduleSustainable.id).toBe(ID);
    expect(scheduleSustainable.level).toBe('error');
  });

  test('the unmodified fixture keeps up with its interval', () => {
    // snapshot 60 s + transfer 92.365 s = 152.365 s <= 900 s.
    const design = estate();
    expect(findingsOf(design, ID)).toEqual([]);
    expect(analyzeFirst(design).budgets[0].completionSeconds).toBeCloseTo(152.365, 3);
  });

  describe('10 Mbps link, fixed 15 min interval', () => {
    // 10 Mbps x 0.93 / 8 = 1162500 B/s. In 900 s: changed 8 GiB/h * 0.25 h = 2 GiB, sent 1 GiB;
    // transfer 1073741824 / 1162500 = 923.649 s (15m 23.6s), completion 60 + 923.649 = 983.649 s (16m 23.6s) > 900 s.
    const design = estate({}, { lineRateBitsPerSecond: 10e6 });

    test('budget is unsustainable with an unbounded worst case', () => {
      const [budget] = analyzeFirst(design).budgets;
      expect(budget.verdict).toBe('unsustainable');
      expect(budget.linkEffectiveBytesPerSecond).toBe(1162500);
      expect(budget.transferSeconds).toBeCloseTo(923.649, 3);
      expect(budget.completionSeconds).toBeCloseTo(983.649, 3);
      expect(budget.worstCaseSeconds).toBe(Infinity);
      expect(budget.marginSeconds).toBe(-Infinity);
      // The shortest sustainable period on this link is 40368 s (see the continuous case), so 2 x it
      // exceeds 1800 s and no interval meets the RPO.
      expect(budget.fix.longestIntervalSeconds).toBeNull();
      // window = min(1800 - 900 - 60, 900 - 60) = 840 s; 1073741824 * 8 / (0.93 * 840) = 10995821 bit/s -> 11 Mbps.
      expect(budget.fix.requiredLineRateBitsPerSecond).toBe(11e6);
    });

    test('finding: path, level, message and fix', () => {
      const finding = onlyFinding(design, ID);
      expect(finding.level).toBe('error');
      expect(finding.path).toBe('app/Baw/RuntimeData');
      expect(finding.message).toContain('Schedule RuntimeData is unsustainable');
      expect(finding.message).toContain('snapshot 1m + transfer 15m 23.6s = 16m 23.6s, longer than its 15m interval');
      expect(finding.message).toContain('2 GiB changed in 15m at the average rate, 1 GiB sent after 2:1 compression');
      expect(finding.message).toContain('over 1.16 MB/s: all of link Wan (10 Mbps x 0.93 efficiency)');
      expect(finding.message).toContain('the backlog grows without bound');
      expect(finding.fix).toContain('Give link Wan a line rate of at least 11 Mbps (now 10 Mbps)');
      expect(finding.fix).toContain('relax the RPO: no interval meets 30m on this link');
      expect(finding.fix).toContain('A continuous cycle (cycle: CycleMode.CONTINUOUS) would stretch instead of falling behind.');
    });

    test('the fix does not stutter "or or"', () => {
      expect(onlyFinding(design, ID).fix).not.toMatch(/\bor or\b/);
    });

    test('it is reported by this rule only, not as an RPO breach or a margin warning', () => {
      expect(ruleIdsOf(design)).toEqual([ID]);
    });

    test('the suggested 11 Mbps keeps up: completion fits in the interval', () => {
      // 11 Mbps x 0.93 / 8 = 1278750 B/s: transfer 1073741824 / 1278750 = 839.681 s,
      // completion 899.681 s <= 900, worst 900 + 899.681 = 1799.681 s <= 1800.
      const fixed = estate({}, { lineRateBitsPerSecond: 11e6 });
      const [budget] = analyzeFirst(fixed).budgets;
      expect(budget.verdict).toBe('meets');
      expect(budget.worstCaseSeconds).toBeCloseTo(1799.681, 3);
      expect(findingsOf(fixed, ID)).toEqual([]);
    });

    test('the same design with a continuous cycle does not fire this rule: it stretches to 2 x P', () => {
      // P = 60 + changed(P) / S with S = 2 * 1162500 = 2325000; tranlogs (20 GiB) are full after 36000 s,
      // so P = (60 + 20 GiB / S) / (1 - 6 GiB / 3600 / S) = 9296.489 / 0.230293 = 40368.161 s,
      // worst 2P = 80736.323 s: it breaches the RPO instead (SDR-RPO-BUDGET).
      const S = 2325000;
      const P = (60 + (20 * GiB) / S) / (1 - (6 * GiB) / 3600 / S);
      const continuous = estate({ schedules: [schedule({ cycle: 'continuous' })] }, { lineRateBitsPerSecond: 10e6 });
      const [budget] = analyzeFirst(continuous).budgets;
      expect(findingsOf(continuous, ID)).toEqual([]);
      expect(budget.cycle).toBe('continuous');
      expect(budget.verdict).toBe('breaches');
      expect(budget.periodSeconds).toBeCloseTo(40368.161, 3);
      expect(budget.periodSeconds).toBeCloseTo(P, 6);
      expect(budget.worstCaseSeconds).toBeCloseTo(2 * P, 6);
      expect(budget.completionSeconds).toBeCloseTo(P, 6);
      // changed(P) = 6 GiB/h * P / 3600 + 20 GiB = 87.28 GiB
      expect(budget.changedBytes / GiB).toBeCloseTo((6 * P) / 3600 + 20, 6);
      expect(ruleIdsOf(continuous)).toEqual(['SDR-RPO-BUDGET']);
    });
  });

  describe('20 Mbps link, fixed 100 s interval', () => {
    // 20 Mbps x 0.93 / 8 = 2325000 B/s; S = 2 * 2325000 = 4650000; 2386092.942 / 4650000 = 0.5131383.
    // In 100 s: transfer 0.5131383 * 100 = 51.314 s, completion 111.314 s (1m 51.3s) > 100 s.
    const design = estate({ schedules: [schedule({ intervalSeconds: 100 })] }, { lineRateBitsPerSecond: 20e6 });

    test('fires, and offers both a longer interval and a faster link', () => {
      const finding = onlyFinding(design, ID);
      expect(finding.message).toContain('snapshot 1m + transfer 51.3s = 1m 51.3s, longer than its 1m 40s interval');
      // Longest interval: I + 60 + 0.5131383 I = 1800, I = 1740 / 1.5131383 = 1149.93 -> 1149 s = 19m 9s.
      // Line rate: window = min(1800 - 100 - 60, 100 - 60) = 40 s; sent 238609294.2 / 2 = 119304647.1 B;
      // 119304647.1 * 8 / (0.93 * 40) = 25656913 bit/s -> 25.7 Mbps.
      expect(finding.fix).toContain('Set the interval of RuntimeData to at most 19m 9s');
      expect(finding.fix).toContain('give link Wan a line rate of at least 25.7 Mbps (now 20 Mbps)');
      expect(finding.fix).not.toContain('relax the RPO');
    });

    test('with a continuous cycle it stretches to 123.2 s and meets the RPO', () => {
      // P = 60 / (1 - 0.5131383) = 123.238 s (well before any volume is full), worst 2P = 246.477 s <= 1800.
      const continuous = estate(
        { schedules: [schedule({ intervalSeconds: 100, cycle: 'continuous' })] },
        { lineRateBitsPerSecond: 20e6 },
      );
      const [budget] = analyzeFirst(continuous).budgets;
      expect(budget.verdict).toBe('meets');
      expect(budget.periodSeconds).toBeCloseTo(123.238, 3);
      expect(budget.worstCaseSeconds).toBeCloseTo(246.477, 3);
      expect(analyzeFirst(continuous).findings).toEqual([]);
    });
  });

  describe('boundary: completion exactly equal to the interval', () => {
    // All change on the data volume at 17050000 B/s, none elsewhere; S = 2 * 11625000 = 23250000.
    // Interval 225 s: changed 17050000 * 225 = 3836250000 B, transfer 3836250000 / 23250000 = 165 s,
    // completion 60 + 165 = 225 s = interval: sustainable, worst 225 + 225 = 450 s.
    // Interval 224 s: transfer 17050000 * 224 / 23250000 = 164.267 s, completion 224.267 s > 224 s.
    const volumes = [
      dataVolume({ averageChangeBytesPerSecond: 17050000 }),
      logVolume({ averageChangeBytesPerSecond: 0 }),
      tranlogVolume({ averageChangeBytesPerSecond: 0 }),
    ];

    test('225 s keeps up', () => {
      const design = estate({ volumes, schedules: [schedule({ intervalSeconds: 225 })] });
      const [budget] = analyzeFirst(design).budgets;
      expect(budget.transferSeconds).toBe(165);
      expect(budget.verdict).toBe('meets');
      expect(budget.worstCaseSeconds).toBe(450);
      expect(findingsOf(design, ID)).toEqual([]);
    });

    test('224 s falls behind', () => {
      const design = estate({ volumes, schedules: [schedule({ intervalSeconds: 224 })] });
      const finding = onlyFinding(design, ID);
      expect(finding.message).toContain('snapshot 1m + transfer 2m 44.3s = 3m 44.3s, longer than its 3m 44s interval');
    });
  });

  test('a synchronous link is never judged by this rule', () => {
    // Peak 200e6 B/s, sent 100e6 B/s after compression, far above 11625000 B/s: unsustainable, but synchronous.
    const design = estate(
      { volumes: [dataVolume({ peakChangeBytesPerSecond: 200e6 }), logVolume(), tranlogVolume()] },
      { mode: 'sync', roundTripSeconds: 0.002, distanceKm: 50 },
    );
    expect(analyzeFirst(design).budgets[0].verdict).toBe('unsustainable');
    expect(findingsOf(design, ID)).toEqual([]);
    expect(ruleIdsOf(design)).toContain('SDR-SYNC-BANDWIDTH');
  });
});
