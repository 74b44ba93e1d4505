import { analyzeEstate } from '../../lib/estate';
import { rpoBudget } from '../../lib/rules/rpo-budget';
import type { VolumeDecl } from '../../lib/model/design';
import { estate, GiB, link, plan, schedule, tranlogVolume, dataVolume, logVolume } from '../fixtures/estate';
import { analyzeFirst, findingsOf, onlyFinding, rebasePlan } from './helpers';

const ID = 'SDR-RPO-BUDGET';

/*
 * Fixture arithmetic used throughout:
 * - average change 5 + 1 + 2 = 8 GiB/h = 8 * 1073741824 / 3600 = 2386092.942 B/s;
 * - link 100 Mbps x 0.93 = 93e6 bit/s = 11625000 B/s, compression 2:1,
 *   so one changed byte costs 1 / (2 * 11625000) s on the wire and
 *   transfer(I) = I * 2386092.942 / 23250000 = 0.1026277 * I.
 */

describe('SDR-RPO-BUDGET', () => {
  test('is an error', () => {
    expect(rpoBudget.id).toBe(ID);
    expect(rpoBudget.level).toBe('error');
  });

  test('the unmodified fixture meets its RPO', () => {
    // interval 900 s: changed 8 GiB/h * 0.25 h = 2 GiB, sent 1 GiB = 1073741824 B,
    // transfer 1073741824 / 11625000 = 92.365 s, worst 900 + 60 + 92.365 = 1052.365 s <= 1800.
    const analysis = analyzeFirst(estate());
    expect(analysis.findings.filter((f) => f.ruleId === ID)).toEqual([]);
    const [budget] = analysis.budgets;
    expect(budget.verdict).toBe('meets');
    expect(budget.changedBytes).toBe(2 * GiB);
    expect(budget.sentBytes).toBe(GiB);
    expect(budget.transferSeconds).toBeCloseTo(92.365, 3);
    expect(budget.worstCaseSeconds).toBeCloseTo(1052.365, 3);
    expect(budget.marginSeconds).toBeCloseTo(747.635, 3);
  });

  describe('interval 27 min breaches the 30 min RPO', () => {
    // interval 1620 s = 0.45 h: changed 8 GiB/h * 0.45 h = 3.6 GiB, sent 1.8 GiB = 1932735283.2 B,
    // transfer 1932735283.2 / 11625000 = 166.257 s (2m 46.3s),
    // worst 1620 + 60 + 166.257 = 1846.257 s (30m 46.3s), 46.257 s over 1800.
    const design = estate({ schedules: [schedule({ intervalSeconds: 1620 })] });

    test('budget numbers', () => {
      const [budget] = analyzeFirst(design).budgets;
      expect(budget.verdict).toBe('breaches');
      expect(budget.periodSeconds).toBe(1620);
      expect(budget.changedBytes).toBeCloseTo(3.6 * GiB, 1);
      expect(budget.sentBytes).toBeCloseTo(1932735283.2, 1);
      expect(budget.linkEffectiveBytesPerSecond).toBe(11625000);
      expect(budget.linkSharedBy).toBe(1);
      expect(budget.transferSeconds).toBeCloseTo(166.257, 3);
      expect(budget.completionSeconds).toBeCloseTo(226.257, 3);
      expect(budget.worstCaseSeconds).toBeCloseTo(1846.257, 3);
      expect(budget.marginSeconds).toBeCloseTo(-46.257, 3);
      // Longest interval I: I + 60 + 0.1026277 I = 1800, I = 1740 / 1.1026277 = 1578.05, floored 1578.
      expect(budget.fix.longestIntervalSeconds).toBe(1578);
      // window = min(1800 - 1620 - 60, 1620 - 60) = 120 s;
      // 1932735283.2 * 8 / (0.93 * 120) = 138547332.1 bit/s, up to 3 significant digits: 139 Mbps.
      expect(budget.fix.requiredLineRateBitsPerSecond).toBe(139e6);
    });

    test('finding: path, level, message and fix with the numbers', () => {
      const finding = onlyFinding(design, ID);
      expect(finding.level).toBe('error');
      expect(finding.path).toBe('app/Baw/RuntimeData');
      expect(finding.title).toBe(rpoBudget.title);
      expect(finding.message).toContain('Schedule RuntimeData cannot meet the 30m RPO');
      expect(finding.message).toContain('worst case 30m 46.3s = interval 27m + snapshot 1m + transfer 2m 46.3s');
      expect(finding.message).toContain('3.6 GiB changed in 27m at the average rate');
      expect(finding.message).toContain('1.8 GiB sent after 2:1 compression');
      expect(finding.message).toContain('over 11.6 MB/s: all of link Wan (100 Mbps x 0.93 efficiency)');
      expect(finding.message).toContain('46.3s over the target');
      expect(finding.fix).toContain('Set the interval of RuntimeData to at most 26m 18s');
      expect(finding.fix).toContain('give link Wan a line rate of at least 139 Mbps (now 100 Mbps)');
    });
  });

  test('the message gives sizes in the family the change rates were declared in, as dr-plan.md does', () => {
    const declared = (changeRate: 'decimal' | 'binary') => (v: VolumeDecl): VolumeDecl => ({ ...v, units: { capacity: 'binary', changeRate } });
    const volumes = plan().volumes;
    // Every volume declared its rate in decimal units: 3.6 GiB = 3,865,470,566.4 B = 3.87 GB, 1.8 GiB sent = 1.93 GB.
    const decimal = onlyFinding(estate({ volumes: volumes.map(declared('decimal')), schedules: [schedule({ intervalSeconds: 1620 })] }), ID);
    expect(decimal.message).toContain('3.87 GB changed in 27m at the average rate, 1.93 GB sent after 2:1 compression');
    // One volume in binary units is enough for the group to be shown in binary (the default).
    const mixed = volumes.map((v, i) => declared(i === 0 ? 'binary' : 'decimal')(v));
    expect(onlyFinding(estate({ volumes: mixed, schedules: [schedule({ intervalSeconds: 1620 })] }), ID).message).toContain(
      '3.6 GiB changed in 27m at the average rate, 1.8 GiB sent after 2:1 compression',
    );
  });

  test('the suggested longest interval is tight: 1578 s meets, 1579 s breaches', () => {
    // 1578: transfer 0.10262765 * 1578 = 161.946, worst 1578 + 60 + 161.946 = 1799.946 <= 1800.
    // 1579: transfer 0.10262765 * 1579 = 162.049, worst 1579 + 60 + 162.049 = 1801.049 > 1800.
    const meets = estate({ schedules: [schedule({ intervalSeconds: 1578 })] });
    const breaches = estate({ schedules: [schedule({ intervalSeconds: 1579 })] });
    expect(analyzeFirst(meets).budgets[0].worstCaseSeconds).toBeCloseTo(1799.946, 3);
    expect(findingsOf(meets, ID)).toEqual([]);
    expect(analyzeFirst(breaches).budgets[0].worstCaseSeconds).toBeCloseTo(1801.049, 3);
    // 1801.049 - 1800 = 1.049 s, shown to the tenth: 1s.
    expect(onlyFinding(breaches, ID).message).toContain(', 1s over the target');
  });

  test('the suggested line rate is tight: 139 Mbps meets at 27 min, 138 Mbps does not', () => {
    // 139 Mbps x 0.93 / 8 = 16158750 B/s: transfer 1932735283.2 / 16158750 = 119.609 s,
    // worst 1620 + 60 + 119.609 = 1799.609 <= 1800.
    // 138 Mbps x 0.93 / 8 = 16042500 B/s: transfer 120.476 s, worst 1800.476 > 1800.
    const interval = { schedules: [schedule({ intervalSeconds: 1620 })] };
    const fast = estate(interval, { lineRateBitsPerSecond: 139e6 });
    const slow = estate(interval, { lineRateBitsPerSecond: 138e6 });
    expect(analyzeFirst(fast).budgets[0].worstCaseSeconds).toBeCloseTo(1799.609, 3);
    expect(findingsOf(fast, ID)).toEqual([]);
    expect(analyzeFirst(slow).budgets[0].worstCaseSeconds).toBeCloseTo(1800.476, 3);
    expect(onlyFinding(slow, ID).fix).toContain('(now 138 Mbps)');
  });

  test('no bandwidth helps when interval + snapshot alone exceed the RPO', () => {
    // interval 1800 s: changed 8 GiB/h * 0.5 h = 4 GiB, sent 2 GiB = 2147483648 B,
    // transfer 2147483648 / 11625000 = 184.730 s (3m 4.7s), worst 1800 + 60 + 184.730 = 2044.730 s (34m 4.7s),
    // 244.730 s (4m 4.7s) over; window = min(1800 - 1800 - 60, ...) < 0, so no line rate.
    const design = estate({ schedules: [schedule({ intervalSeconds: 1800 })] });
    const [budget] = analyzeFirst(design).budgets;
    expect(budget.fix.requiredLineRateBitsPerSecond).toBeNull();
    expect(budget.fix.longestIntervalSeconds).toBe(1578);
    const finding = onlyFinding(design, ID);
    expect(finding.message).toContain('worst case 34m 4.7s = interval 30m + snapshot 1m + transfer 3m 4.7s');
    expect(finding.message).toContain('4m 4.7s over the target');
    expect(finding.fix).toContain('Set the interval of RuntimeData to at most 26m 18s');
    expect(finding.fix).toContain(
      'no bandwidth helps at the declared interval, because interval + snapshot alone (31m) leave no time for the transfer',
    );
  });

  test('changed data is bounded by the volume capacity', () => {
    // Tranlogs of 0.5 GiB would change 2 GiB/h * 0.45 h = 0.9 GiB in 27 min, capped at 0.5 GiB:
    // changed 5 * 0.45 + 1 * 0.45 + 0.5 = 3.2 GiB, sent 1.6 GiB = 1717986918.4 B,
    // transfer 1717986918.4 / 11625000 = 147.784 s (2m 27.8s), worst 1620 + 60 + 147.784 = 1827.784 s (30m 27.8s).
    const design = estate({
      volumes: [dataVolume(), logVolume(), tranlogVolume({ capacityBytes: 0.5 * GiB })],
      schedules: [schedule({ intervalSeconds: 1620 })],
    });
    const [budget] = analyzeFirst(design).budgets;
    expect(budget.changedBytes).toBeCloseTo(3.2 * GiB, 1);
    expect(budget.worstCaseSeconds).toBeCloseTo(1827.784, 3);
    const finding = onlyFinding(design, ID);
    expect(finding.message).toContain('3.2 GiB changed in 27m');
    expect(finding.message).toContain('worst case 30m 27.8s');
  });

  describe('two plans sharing link Wan', () => {
    const twoPlans = (intervalSeconds: number, sharing?: 'per-schedule') => {
      const first = plan({ schedules: [schedule({ intervalSeconds })] });
      const second = rebasePlan(first, 'app/Other', 'Other');
      return { plans: [first, second], links: [link(sharing ? { sharing } : {})] };
    };

    test('each schedule gets half the bandwidth, so transfers double', () => {
      // interval 900 s: sent 1 GiB per schedule over 11625000 / 2 = 5812500 B/s:
      // transfer 1073741824 / 5812500 = 184.730 s = 2 x 92.365 s, worst 900 + 60 + 184.730 = 1144.730 s: still meets.
      const analyses = analyzeEstate(twoPlans(900));
      expect(analyses.map((a) => a.plan.id)).toEqual(['app/Baw', 'app/Other']);
      for (const analysis of analyses) {
        const [budget] = analysis.budgets;
        expect(budget.linkSharedBy).toBe(2);
        expect(budget.shareBytesPerSecond).toBe(5812500);
        expect(budget.transferSeconds).toBeCloseTo(184.730, 3);
        expect(budget.worstCaseSeconds).toBeCloseTo(1144.730, 3);
        expect(analysis.findings.filter((f) => f.ruleId === ID)).toEqual([]);
      }
      const alone = analyzeFirst(estate()).budgets[0];
      expect(analyses[0].budgets[0].transferSeconds).toBeCloseTo(2 * alone.transferSeconds, 9);
    });

    test('both breach at 27 min, and the message says what each waits behind (any sharing)', () => {
      // interval 1620 s: sent 1932735283.2 B over 5812500 B/s: transfer 332.514 s (5m 32.5s),
      // worst 1620 + 60 + 332.514 = 2012.514 s (33m 32.5s), 212.514 s (3m 32.5s) over.
      // Response-time analysis: own 1932735283.2 / 11625000 = 166.257 s; the other schedule's snapshots ready in a
      // window of 332.514 + 332.514 s: ceil(665.03 / 1620) = 1, so R = 2 x 166.257 = 332.514 s, the same as 1/2 here.
      // Longest interval: only this schedule's interval moves; the other still sends its 1620 s of changes
      // (166.257 s) once per window: I + 60 + I * 1193046.471 / 11625000 + 166.257 = 1800,
      // I = 1573.743 / 1.1026276 = 1427.27 -> 1427 s = 23m 47s (1/2 of the link would have claimed 1443 s:
      // it halved the other schedule's data too). Check at 1427: R = 146.454 + 166.257 = 312.711, worst 1799.71.
      // Line rate: both must land within 120 s: R = 2 x 1932735283.2 / B <= 120 (one snapshot each in
      // the window, ceil(240 / 1620) = 1), B >= 32212254.7 B/s = 277094664.3 bit/s at 0.93: 278 Mbps.
      const analyses = analyzeEstate(twoPlans(1620));
      expect(analyses).toHaveLength(2);
      for (const analysis of analyses) {
        const [budget] = analysis.budgets;
        expect(budget.transferSeconds).toBeCloseTo(332.514, 3);
        expect(budget.worstCaseSeconds).toBeCloseTo(2012.514, 3);
        expect(budget.fix.longestIntervalSeconds).toBe(1427);
        expect(budget.fix.requiredLineRateBitsPerSecond).toBe(278e6);
        const findings = analysis.findings.filter((f) => f.ruleId === ID);
        expect(findings).toHaveLength(1);
        const [finding] = findings;
        expect(finding.path).toBe(`${analysis.plan.id}/RuntimeData`);
        expect(finding.message).toContain('transfer 5m 32.5s');
        expect(finding.message).toContain('over all of link Wan (100 Mbps x 0.93 efficiency) once the other users');
        expect(finding.message).toContain('up to 1.8 GiB of the 1 other schedule on the link (2m 46.3s)');
        expect(finding.message).toContain('3m 32.5s over the target');
        expect(finding.fix).toContain('at most 23m 47s');
        expect(finding.fix).toContain('at least 278 Mbps (now 100 Mbps)');
      }
    });

    test('sharing: per-schedule: both breach at 27 min, and the message says 1/2 of link Wan', () => {
      // interval 1620 s: sent 1932735283.2 B over 5812500 B/s: transfer 332.514 s (5m 32.5s),
      // worst 1620 + 60 + 332.514 = 2012.514 s (33m 32.5s), 212.514 s (3m 32.5s) over.
      // Longest interval: I + 60 + I * 2386092.942 / 11625000 = 1800, I = 1740 / 1.2052553 = 1443.68 -> 1443 s = 24m 3s.
      // Line rate: 1932735283.2 * 8 * 2 / (0.93 * 120) = 277094664.3 bit/s, up to 3 digits: 278 Mbps.
      const analyses = analyzeEstate(twoPlans(1620, 'per-schedule'));
      expect(analyses).toHaveLength(2);
      for (const analysis of analyses) {
        const [budget] = analysis.budgets;
        expect(budget.transferSeconds).toBeCloseTo(332.514, 3);
        expect(budget.worstCaseSeconds).toBeCloseTo(2012.514, 3);
        expect(budget.fix.longestIntervalSeconds).toBe(1443);
        expect(budget.fix.requiredLineRateBitsPerSecond).toBe(278e6);
        const findings = analysis.findings.filter((f) => f.ruleId === ID);
        expect(findings).toHaveLength(1);
        const [finding] = findings;
        expect(finding.path).toBe(`${analysis.plan.id}/RuntimeData`);
        expect(finding.message).toContain('transfer 5m 32.5s');
        expect(finding.message).toContain('over 5.81 MB/s: 1/2 of link Wan (100 Mbps x 0.93 efficiency), which 2 schedules share (sharing: per-schedule)');
        expect(finding.message).toContain('3m 32.5s over the target');
        expect(finding.fix).toContain('at most 24m 3s');
        expect(finding.fix).toContain('at least 278 Mbps (now 100 Mbps)');
      }
    });

    test('a plan on its own link does not share', () => {
      const first = plan();
      const second = rebasePlan(first, 'app/Other', 'Other');
      const otherLink = link({ id: 'app/Wan2', name: 'Wan2' });
      const moved = { ...second, schedules: second.schedules.map((s) => ({ ...s, linkId: otherLink.id })) };
      const analyses = analyzeEstate({ plans: [first, moved], links: [link(), otherLink] });
      expect(analyses.map((a) => a.budgets[0].linkSharedBy)).toEqual([1, 1]);
      expect(analyses[1].budgets[0].linkId).toBe('app/Wan2');
    });
  });

  describe('continuous cycle that stretches beyond the RPO', () => {
    // 10 Mbps x 0.93 / 8 = 1162500 B/s, with 2:1 compression S = 2325000 changed bytes per second of wire.
    // Fixed interval 900 s cannot keep up, so the cycle stretches to P = 60 + changed(P) / S.
    // Tranlogs (20 GiB at 2 GiB/h) saturate at 10 h = 36000 s; before that 8 GiB/h / S = 1.026 > 1 (no root),
    // after: changed(P) = 6 GiB/h * P + 20 GiB, so P = (60 + 20 GiB / S) / (1 - 6 GiB / 3600 / S)
    //   = (60 + 9236.489) / (1 - 0.769707) = 40368.161 s (11h 12m 48.2s);
    // worst 2P = 80736.323 s (22h 25m 36.3s); transfer P - 60 = 40308.161 s (11h 11m 48.2s);
    // 80736.323 - 1800 = 78936.323 s (21h 55m 36.3s) over.
    const design = estate({ schedules: [schedule({ cycle: 'continuous' })] }, { lineRateBitsPerSecond: 10e6 });
    const S = 2325000;
    const P = (60 + (20 * GiB) / S) / (1 - (6 * GiB) / 3600 / S);

    test('budget is 2 x the stretched period', () => {
      const [budget] = analyzeFirst(design).budgets;
      expect(budget.verdict).toBe('breaches');
      expect(budget.periodSeconds).toBeCloseTo(P, 6);
      expect(budget.periodSeconds).toBeCloseTo(40368.161, 3);
      expect(budget.worstCaseSeconds).toBeCloseTo(2 * P, 6);
      expect(budget.transferSeconds).toBeCloseTo(P - 60, 6);
      expect(budget.fix.longestIntervalSeconds).toBeNull();
    });

    test('finding reports the stretched cycle', () => {
      const finding = onlyFinding(design, ID);
      expect(finding.path).toBe('app/Baw/RuntimeData');
      expect(finding.message).toContain('worst case 22h 25m 36.3s = 2 x cycle 11h 12m 48.2s');
      expect(finding.message).toContain('21h 55m 36.3s over the target');
      // 1 GiB at 900 s over a window of min(1800 - 900 - 60, 900 - 60) = 840 s:
      // 1073741824 * 8 / (0.93 * 840) = 10995821 bit/s, up to 3 digits: 11 Mbps.
      expect(finding.fix).toContain('Give link Wan a line rate of at least 11 Mbps (now 10 Mbps)');
      expect(finding.fix).toContain('relax the RPO: no interval meets 30m on this link');
    });

    test('the cycle is explained as snapshot + transfer, not as a sum containing itself', () => {
      // The cycle P is snapshot 1m + transfer 11h 11m 48.2s = 11h 12m 48.2s; it must not be
      // described as "stretched cycle 11h 12m 48.2s + snapshot 1m + transfer ...", which adds up to 2P.
      const finding = onlyFinding(design, ID);
      expect(finding.message).toContain('snapshot 1m + transfer 11h 11m 48.2s');
      expect(finding.message).not.toContain('the cycle being stretched cycle');
    });

    test('the fix does not stutter "or or" when no interval meets the target', () => {
      const finding = onlyFinding(design, ID);
      expect(finding.fix).not.toMatch(/\bor or\b/);
    });
  });

  test('a synchronous link within reach and bandwidth has no RPO budget finding', () => {
    const design = estate({}, { mode: 'sync', roundTripSeconds: 0.002, distanceKm: 50 });
    const [budget] = analyzeFirst(design).budgets;
    expect(budget.mode).toBe('synchronous');
    expect(budget.worstCaseSeconds).toBe(0);
    expect(findingsOf(design, ID)).toEqual([]);
  });
});
