import { Testing } from 'cdktf';
import { ChangeRate, LinkMode } from '../../lib';
import { changeWindow } from '../../lib/rules/explain';
import { design } from './helpers';
import { declare } from './split-mirror-helpers';

/**
 * The issue's "done when": a daily profile whose mean passes but whose batch hour breaches fails
 * synthesis naming the busiest window, and the same design declared with the average of that
 * busiest window gives the same verdict and numbers.
 *
 * The helpers' design: logs 1 GiB/h and tranlogs 2 GiB/h as averages, 100 Mbps x 0.93 =
 * 11,625,000 B/s, 2:1 compression, 1-minute snapshots, RPO 30m; here a 20-minute interval.
 * The database data writes 2 GiB/h all day except its 02:00 batch hour at 48 GiB/h.
 */
const GiB = 2 ** 30;
const batchDay = () => ChangeRate.daily(Array.from({ length: 24 }, (_, hour) => (hour === 2 ? '48GiB/h' : '2GiB/h')));

const budgetOf = (changeRate: unknown) =>
  design({ data: { changeRate } as never, schedule: { interval: '20m' } }).plan.analysis().budgets[0];

describe('a daily profile whose mean passes but whose batch hour breaches', () => {
  test('at the daily mean the design would meet its RPO', () => {
    // Mean (23 x 2 + 48) / 24 = 3.9167 GiB/h. 20 min: 1.3056 GiB + 1 GiB of logs = 2.3056 GiB,
    // sent at 2:1 over 11,625,000 B/s: 106.5 s; 1200 + 60 + 106.5 = 1366.5 s < 1800 s.
    const mean = budgetOf({ average: DataRate(94 / 24) });
    expect(mean.verdict).toBe('meets');
    expect(mean.worstCaseSeconds).toBeCloseTo(1200 + 60 + ((94 / 24 / 3 + 1) * GiB) / 2 / 11_625_000, 6);
  });

  test('the profile breaches: its busiest 20 minutes are in the batch hour', () => {
    // Busiest 20 min, 02:00-02:20: 16 GiB of data + 1 GiB of logs = 17 GiB = 18,253,611,008 B;
    // sent 9,126,805,504 B / 11,625,000 B/s = 785.101 s; worst 1200 + 60 + 785.101 = 2045.101 s.
    const budget = budgetOf(batchDay());
    expect(budget.changedBytes).toBe(17 * GiB);
    expect(budget.worstCaseSeconds).toBeCloseTo(1260 + (17 * GiB) / 2 / 11_625_000, 6);
    expect(budget.verdict).toBe('breaches');
    expect(budget.load?.basis).toBe('profile');
    expect(budget.load?.busiestWindow).toMatchObject({ startSeconds: 7200, windowSeconds: 1200, shape: 'daily' });
  });

  test('synthesis fails, naming the busiest window', () => {
    const { stack } = design({ data: { changeRate: batchDay() }, schedule: { interval: '20m' } });
    expect(() => Testing.fullSynth(stack)).toThrow(
      /SDR-RPO-BUDGET.*worst case 34m 5\.1s = interval 20m \+ snapshot 1m \+ transfer 13m 5\.1s \(17 GiB changed in the busiest 20m window, 02:00–02:20,/s,
    );
  });

  test('declared as { average } of that busiest window (48 GiB/h of data), the verdict and every number agree', () => {
    const profiled = budgetOf(batchDay());
    const averaged = budgetOf({ average: '48GiB/h' });
    const numbers = ({ load: _load, ...rest }: typeof profiled) => rest;
    expect(numbers(averaged)).toEqual(numbers(profiled));
    // Including both fixes: below an hour the batch hour's windows hold 48 GiB/h, like the average.
    expect(averaged.fix).toEqual(profiled.fix);
    expect(profiled.fix.longestIntervalSeconds).not.toBeNull();
  });
});

describe('synchronous links take the profile\'s busiest step as the peak', () => {
  const syncLink = { mode: LinkMode.SYNC, bandwidth: '10Gbps', roundTrip: '2ms', compressionRatio: 1 };

  test('a volume with neither peak nor profile fails with SDR-SYNC-PEAK-DECLARED', () => {
    const { stack } = design({ link: syncLink, data: { changeRate: { average: '5GiB/h' } } });
    expect(() => Testing.fullSynth(stack)).toThrow(/SDR-SYNC-PEAK-DECLARED.*Volume Data is mirrored synchronously over link Wan/s);
  });

  test('a profile gives the peak: 48 GiB/h in the batch hour', () => {
    const { plan } = design({ link: syncLink, data: { changeRate: batchDay() } });
    const findings = plan.analysis().findings.map((f) => f.ruleId);
    expect(findings).not.toContain('SDR-SYNC-PEAK-DECLARED');
    // Data 48 GiB/h + logs 4 GiB/h + tranlogs 8 GiB/h (their declared peaks) = 60 GiB/h.
    expect(plan.analysis().budgets[0].peakSentBytesPerSecond).toBeCloseTo((60 * GiB) / 3600, 3);
  });
});

describe('replication grain', () => {
  test('host writes of 32 KiB on a link with 256 KiB grains ship 8 times the bytes, and the plan says so', () => {
    // Data: 1 GiB/h of host writes x 8 = 8 GiB/h shipped; 15 min: 2 GiB + logs 0.25 + tranlogs 0.5 = 2.75 GiB.
    const { plan } = design({
      data: { changeRate: { average: '1GiB/h', peak: '4GiB/h', kind: 'host-writes' }, writeSize: '32KiB' },
      link: { grain: '256KiB' },
    });
    const [budget] = plan.analysis().budgets;
    expect(budget.changedBytes).toBeCloseTo(2.75 * GiB, 0);
    expect(budget.load?.amplification).toBe(8);
    expect(changeWindow(budget)).toBe('15m at the average rate, host writes x8 for whole replication grains');
  });

  test('without writeSize, or with a rate of changed data, the grain changes nothing', () => {
    const plain = design().plan.analysis().budgets[0].changedBytes;
    expect(design({ link: { grain: '256KiB' } }).plan.analysis().budgets[0].changedBytes).toBe(plain);
    expect(design({ link: { grain: '256KiB' }, data: { writeSize: '4KiB' } }).plan.analysis().budgets[0].changedBytes).toBe(plain);
  });
});

function DataRate(gibPerHour: number): string {
  return `${gibPerHour}GiB/h`;
}

describe('split-mirror log mirroring takes the profile\'s busiest step', () => {
  test('a profiled log volume: the log mirror is sized on its peak, and the resync chases writes at that peak', () => {
    // LOG1 writes 1 MB/s all day except 200 MB/s in its 02:00 hour; the other volumes keep their averages
    // (CAT1 0, DATA1 0.1 MB/s, DATA2 0.2 MB/s). Link 800 Mbps x 1 = 100 MB/s.
    const rates = Array.from({ length: 24 }, (_, hour) => (hour === 2 ? '200MB/s' : '1MB/s'));
    const { plan } = declare((props) => {
      const volumes = [...props.volumes];
      volumes[0] = { ...volumes[0], changeRate: ChangeRate.daily(rates) };
      return { ...props, volumes };
    });
    const [analysis] = plan.analysis().splitMirrors;
    expect(analysis.logMirrorPeakBytesPerSecond).toBe(200e6);
    // 200 + 0 + 0.1 + 0.2 MB/s written while the resync runs: more than the 100 MB/s link.
    expect(analysis.resync.writeBytesPerSecond).toBeCloseTo(200.3e6, 0);
    expect(analysis.resync.converges).toBe(false);
    const ids = plan.analysis().findings.map((f) => f.ruleId);
    expect(ids).toContain('SDR-LOG-MIRROR-BANDWIDTH');
  });
});
