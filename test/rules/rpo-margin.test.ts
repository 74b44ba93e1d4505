import { rpoMargin } from '../../lib/rules/rpo-margin';
import { dataVolume, estate, logVolume, schedule, tranlogVolume } from '../fixtures/estate';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-RPO-MARGIN';

describe('SDR-RPO-MARGIN', () => {
  test('is a warning', () => {
    expect(rpoMargin.id).toBe(ID);
    expect(rpoMargin.level).toBe('warning');
  });

  test('the unmodified fixture keeps far more than 10% in hand', () => {
    // worst 1052.365 s, margin 1800 - 1052.365 = 747.635 s >= 0.1 * 1800 = 180 s.
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  describe('interval 25 min meets the RPO by under 10%', () => {
    // interval 1500 s: changed 8 GiB/h * 1500 / 3600 h = 3.333 GiB, sent 1.667 GiB = 1789569706.7 B,
    // transfer 1789569706.7 / 11625000 = 153.941 s (2m 33.9s), worst 1500 + 60 + 153.941 = 1713.941 s (28m 33.9s),
    // margin 1800 - 1713.941 = 86.059 s (1m 26.1s) < 180 s.
    const design = estate({ schedules: [schedule({ intervalSeconds: 1500 })] });

    test('budget', () => {
      const [budget] = analyzeFirst(design).budgets;
      expect(budget.verdict).toBe('meets');
      expect(budget.worstCaseSeconds).toBeCloseTo(1713.941, 3);
      expect(budget.marginSeconds).toBeCloseTo(86.059, 3);
    });

    test('finding: path, level, message and fix', () => {
      const finding = onlyFinding(design, ID);
      expect(finding.level).toBe('warning');
      expect(finding.path).toBe('app/Baw/RuntimeData');
      expect(finding.message).toContain('Schedule RuntimeData meets the 30m RPO by only 1m 26.1s');
      expect(finding.message).toContain('worst case 28m 33.9s = interval 25m + snapshot 1m + transfer 2m 33.9s');
      expect(finding.message).toContain('3.33 GiB changed in 25m');
      expect(finding.message).toContain('1.67 GiB sent after 2:1 compression');
      expect(finding.message).toContain('all of link Wan (100 Mbps x 0.93 efficiency)');
      // 10% of 1800 s = 180 s = 3m; longest interval 1578 s = 26m 18s (see the RPO budget tests).
      expect(finding.fix).toContain('Keep at least 3m (10% of the RPO) in hand');
      expect(finding.fix).toContain('the interval may be at most 26m 18s to meet the RPO at all');
    });

    test('no RPO-budget error: the RPO is met', () => {
      expect(findingsOf(design, 'SDR-RPO-BUDGET')).toEqual([]);
    });
  });

  describe('boundary at exactly 10%', () => {
    // All change on the data volume at 17050000 B/s; S = 2 * 11625000 = 23250000 changed bytes per wire second.
    // Interval 900 s: changed 17050000 * 900 = 15345000000 B, transfer 15345000000 / 23250000 = 660 s,
    // worst 900 + 60 + 660 = 1620 s, margin 180 s = exactly 10% of 1800 s: no warning.
    // Interval 901 s: transfer 17050000 * 901 / 23250000 = 660.733 s, worst 1621.733 s, margin 178.267 s (2m 58.3s).
    const volumes = [
      dataVolume({ averageChangeBytesPerSecond: 17050000 }),
      logVolume({ averageChangeBytesPerSecond: 0 }),
      tranlogVolume({ averageChangeBytesPerSecond: 0 }),
    ];

    test('margin of exactly 10% does not warn', () => {
      const design = estate({ volumes });
      const [budget] = analyzeFirst(design).budgets;
      expect(budget.worstCaseSeconds).toBe(1620);
      expect(budget.marginSeconds).toBe(180);
      expect(findingsOf(design, ID)).toEqual([]);
    });

    test('a second longer interval warns', () => {
      const design = estate({ volumes, schedules: [schedule({ intervalSeconds: 901 })] });
      const finding = onlyFinding(design, ID);
      expect(finding.message).toContain('meets the 30m RPO by only 2m 58.3s');
      expect(finding.message).toContain('interval 15m 1s + snapshot 1m + transfer 11m 0.7s');
      // Longest interval: I + 60 + 0.733333 I = 1800, I = 1740 / 1.733333 = 1003.85 -> 1003 s = 16m 43s.
      expect(finding.fix).toContain('at most 16m 43s');
    });
  });

  test('the warning ratio is the plan\'s own', () => {
    // Ratio 0.5: wanted 900 s (15m); the fixture's margin of 747.635 s (12m 27.6s) falls short.
    const design = estate({ rpoMarginWarningRatio: 0.5 });
    const finding = onlyFinding(design, ID);
    expect(finding.message).toContain('by only 12m 27.6s');
    expect(finding.fix).toContain('Keep at least 15m (50% of the RPO) in hand');
  });

  test('a breached RPO is an error of SDR-RPO-BUDGET, not a margin warning', () => {
    const design = estate({ schedules: [schedule({ intervalSeconds: 1620 })] });
    expect(findingsOf(design, ID)).toEqual([]);
    expect(findingsOf(design, 'SDR-RPO-BUDGET')).toHaveLength(1);
  });

  test('an unsustainable schedule is not a margin warning either', () => {
    const design = estate({}, { lineRateBitsPerSecond: 10e6 });
    expect(findingsOf(design, ID)).toEqual([]);
  });
});
