import { analyzeEstate } from '../../lib/estate';
import type { LinkDecl, PlanDecl, VolumeDecl } from '../../lib/model/design';
import { syncBandwidth } from '../../lib/rules/sync-bandwidth';
import { dataVolume, estate, link, logVolume, plan, schedule, tranlogVolume } from '../fixtures/estate';
import { analyzeFirst, findingsOf, onlyFinding, rebasePlan } from './helpers';

const ID = 'SDR-SYNC-BANDWIDTH';

/** A synchronous link within reach; 100 Mbps x 0.93 / 8 = 11625000 B/s effective, 2:1 compression. */
const SYNC: Partial<LinkDecl> = { mode: 'sync', roundTripSeconds: 0.002, distanceKm: 50 };

/** The fixture's three volumes with declared peak write rates (bytes per second). */
const peaks = (data: number, logs: number, tranlogs: number): VolumeDecl[] => [
  dataVolume({ peakChangeBytesPerSecond: data }),
  logVolume({ peakChangeBytesPerSecond: logs }),
  tranlogVolume({ peakChangeBytesPerSecond: tranlogs }),
];

const syncEstate = (planOverrides: Partial<PlanDecl> = {}, linkOverrides: Partial<LinkDecl> = {}) =>
  estate(planOverrides, { ...SYNC, ...linkOverrides });

describe('SDR-SYNC-BANDWIDTH', () => {
  test('is an error', () => {
    expect(syncBandwidth.id).toBe(ID);
    expect(syncBandwidth.level).toBe('error');
  });

  test('the unmodified (asynchronous) fixture passes', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('without declared peaks the averages stand in, and 8 GiB/h fits easily', () => {
    // 2386092.942 B/s / 2 = 1193046.471 B/s on the wire <= 11625000 B/s.
    const design = syncEstate();
    const [budget] = analyzeFirst(design).budgets;
    expect(budget.mode).toBe('synchronous');
    expect(budget.peakSentBytesPerSecond).toBeCloseTo(1193046.471, 3);
    expect(budget.verdict).toBe('meets');
    expect(findingsOf(design, ID)).toEqual([]);
  });

  describe('peaks of 25 MB/s over a 100 Mbps link', () => {
    // Peaks 20e6 + 2e6 + 3e6 = 25e6 B/s, 12.5e6 B/s after 2:1 compression > 11625000 B/s.
    // Required: 12.5e6 * 8 / 0.93 = 107526881.7 bit/s, rounded up to 3 significant digits: 108 Mbps.
    const design = syncEstate({ volumes: peaks(20e6, 2e6, 3e6) });

    test('budget', () => {
      const [budget] = analyzeFirst(design).budgets;
      expect(budget.peakSentBytesPerSecond).toBe(12.5e6);
      expect(budget.verdict).toBe('unsustainable');
      expect(budget.worstCaseSeconds).toBe(Infinity);
      expect(budget.fix.requiredLineRateBitsPerSecond).toBe(108e6);
    });

    test('finding: path, level, message and fix', () => {
      const finding = onlyFinding(design, ID);
      expect(finding.level).toBe('error');
      expect(finding.path).toBe('app/Wan');
      expect(finding.message).toContain('Synchronous link Wan carries peak writes of 12.5 MB/s');
      expect(finding.message).toContain('RuntimeData among them');
      expect(finding.message).toContain('but moves only 11.6 MB/s (100 Mbps x 0.93)');
      expect(finding.fix).toContain('Give link Wan a line rate of at least 108 Mbps');
      expect(finding.fix).toContain('replicate asynchronously');
    });

    test('the suggested 108 Mbps carries the peak', () => {
      // 108e6 * 0.93 / 8 = 12555000 B/s >= 12.5e6 B/s.
      expect(findingsOf(syncEstate({ volumes: peaks(20e6, 2e6, 3e6) }, { lineRateBitsPerSecond: 108e6 }), ID)).toEqual([]);
    });

    test('the same peaks with 4:1 compression fit: 6.25 MB/s', () => {
      const compressed = syncEstate({ volumes: peaks(20e6, 2e6, 3e6) }, { compressionRatio: 4 });
      expect(analyzeFirst(compressed).budgets[0].peakSentBytesPerSecond).toBe(6.25e6);
      expect(findingsOf(compressed, ID)).toEqual([]);
    });
  });

  describe('boundary: peak exactly the effective bandwidth', () => {
    test('23.25 MB/s of peaks, 11625000 B/s on the wire, passes', () => {
      // (20e6 + 1.25e6 + 2e6) / 2 = 11625000 B/s = 100e6 * 0.93 / 8.
      const design = syncEstate({ volumes: peaks(20e6, 1.25e6, 2e6) });
      expect(analyzeFirst(design).budgets[0].peakSentBytesPerSecond).toBe(11625000);
      expect(findingsOf(design, ID)).toEqual([]);
    });

    test('two more bytes per second fail', () => {
      // (20e6 + 1.25e6 + 2e6 + 2) / 2 = 11625001 B/s; 11625001 * 8 / 0.93 = 100000008.6 bit/s -> 101 Mbps.
      const finding = onlyFinding(syncEstate({ volumes: peaks(20e6 + 2, 1.25e6, 2e6) }), ID);
      expect(finding.fix).toContain('at least 101 Mbps');
    });
  });

  test('the average stands in for an undeclared peak in the sum, and SDR-SYNC-PEAK-DECLARED asks for the peak', () => {
    // Data volume average 24e6 B/s, others 0: 24e6 / 2 = 12e6 B/s > 11625000 B/s.
    // 12e6 * 8 / 0.93 = 103225806.5 bit/s -> 104 Mbps.
    const design = syncEstate({
      volumes: [
        dataVolume({ averageChangeBytesPerSecond: 24e6 }),
        logVolume({ averageChangeBytesPerSecond: 0 }),
        tranlogVolume({ averageChangeBytesPerSecond: 0 }),
      ],
    });
    const finding = onlyFinding(design, ID);
    expect(finding.message).toContain('peak writes of 12 MB/s');
    expect(finding.fix).toContain('at least 104 Mbps');
    // The sum is only a floor: without a peak the design fails on its own rule, per volume.
    const missing = analyzeEstate(design)[0].findings.filter((f) => f.ruleId === 'SDR-SYNC-PEAK-DECLARED');
    expect(missing.map((f) => f.path)).toEqual(['app/Baw/DatabaseData', 'app/Baw/DatabaseLogs', 'app/Baw/Tranlogs']);
    expect(missing[0].message).toContain('declares only an average change rate of 24 MB/s');
    // In the family the volume declared its rate in: 24e6 B/s = 22.9 MiB/s when declared in binary units.
    const binary = syncEstate({
      volumes: [
        dataVolume({ averageChangeBytesPerSecond: 24e6, units: { capacity: 'binary', changeRate: 'binary' } }),
        logVolume({ averageChangeBytesPerSecond: 0 }),
        tranlogVolume({ averageChangeBytesPerSecond: 0 }),
      ],
    });
    const [first] = analyzeEstate(binary)[0].findings.filter((f) => f.ruleId === 'SDR-SYNC-PEAK-DECLARED');
    expect(first.message).toContain('declares only an average change rate of 22.9 MiB/s');
    expect(missing[0].fix).toContain('Declare changeRate.peak on DatabaseData');
  });

  test('two schedules of one plan on the same synchronous link give one finding per link', () => {
    const design = syncEstate({
      volumes: peaks(20e6, 2e6, 3e6),
      schedules: [
        schedule({ volumeIds: ['app/Baw/DatabaseData', 'app/Baw/DatabaseLogs'] }),
        schedule({ id: 'app/Baw/Tranlogs-Schedule', name: 'TranlogSchedule', volumeIds: ['app/Baw/Tranlogs'] }),
      ],
    });
    // Still 25e6 / 2 = 12.5e6 B/s in total over the one link.
    const finding = onlyFinding(design, ID);
    expect(finding.path).toBe('app/Wan');
    expect(finding.message).toContain('peak writes of 12.5 MB/s');
  });

  test('peaks of plans sharing a synchronous link add up', () => {
    // Each plan: peaks 8e6 + 2e6 + 2e6 = 12e6 B/s, 6e6 on the wire: alone it fits in 11625000 B/s.
    // Together: 12e6 B/s > 11625000 B/s; 12e6 * 8 / 0.93 = 103225806.5 -> 104 Mbps.
    const first = plan({ volumes: peaks(8e6, 2e6, 2e6) });
    expect(findingsOf({ plans: [first], links: [link(SYNC)] }, ID)).toEqual([]);
    const second = rebasePlan(first, 'app/Other', 'Other');
    const analyses = analyzeEstate({ plans: [first, second], links: [link(SYNC)] });
    for (const analysis of analyses) {
      const findings = analysis.findings.filter((f) => f.ruleId === ID);
      expect(findings).toHaveLength(1);
      expect(findings[0].path).toBe('app/Wan');
      expect(findings[0].message).toContain('peak writes of 12 MB/s');
      expect(findings[0].fix).toContain('at least 104 Mbps');
    }
    expect(analyses[1].findings.find((f) => f.ruleId === ID)?.message).toContain('RuntimeData among them');
  });
});
