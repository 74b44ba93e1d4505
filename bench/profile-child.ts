/**
 * A measured series at estate scale, in a fresh process: one week of one-second samples
 * (604,800 rows) as CSV, loaded with ChangeRate.fromCsv, and analysed (the RPO budget of one
 * schedule over it: busiest window, fixes, profile summary). Prints one JSON line.
 *
 *   node profile-child.js [--file week.csv]
 *
 * bench/main.ts writes the file once (writeSeriesCsv) and passes it: generating 11 MB of text in
 * the measured process would leave its garbage to be collected during the load it measures.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { computeRpoBudgets } from '../lib/analysis/rpo';
import type { EstateDecl } from '../lib/model/design';
import { ChangeRate } from '../lib/units/change-rate';

const DAY = 86_400;
const ROWS = 7 * DAY;

/** Bytes written in second i: a night batch, a business-hours plateau, quiet otherwise, with deterministic jitter. */
function written(i: number): number {
  const second = i % DAY;
  const base = second >= 3600 && second < 9000 ? 9e6 : second >= 8 * 3600 && second < 18 * 3600 ? 3e6 : 2e5;
  const jitter = ((i * 2654435761) % 1000) / 1000; // Knuth's multiplicative hash: 0 <= jitter < 1
  return Math.round(base * (0.8 + 0.4 * jitter));
}

export function writeSeriesCsv(file: string): number {
  const start = Date.UTC(2026, 10, 2) / 1000;
  const lines = ['time,written_bytes'];
  for (let i = 0; i < ROWS; i++) lines.push(`${start + i},${written(i)}`);
  const text = `${lines.join('\n')}\n`;
  fs.writeFileSync(file, text);
  return text.length;
}

export function run(given?: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdr-bench-profile-'));
  try {
    const file = given ?? path.join(dir, 'week.csv');
    const bytes = given ? fs.statSync(file).size : writeSeriesCsv(file);
    // CPU time beside wall time: on a shared machine the wall clock measures the neighbours too.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    let start = performance.now();
    let cpu = process.cpuUsage();
    const rate = ChangeRate.fromCsv(file, { timeColumn: 'time', valueColumn: 'written_bytes', unit: 'B' });
    const loadMs = performance.now() - start;
    const loadCpuMs = cpuMs(cpu);
    if (rate.summary().steps !== ROWS) throw new Error(`expected ${ROWS} steps, got ${rate.summary().steps}`);

    const estate: EstateDecl = {
      links: [
        {
          id: 'bench/Wan',
          name: 'Wan',
          mode: 'async',
          lineRateBitsPerSecond: 1e9,
          efficiency: 0.93,
          compressionRatio: 2,
          preservesWriteOrder: true,
          maxSyncRoundTripSeconds: 0.01,
          maxSyncDistanceKm: 300,
        },
      ],
      plans: [
        {
          id: 'bench/App',
          name: 'App',
          rpoSeconds: 1800,
          rpoMarginWarningRatio: 0.1,
          sites: [],
          volumes: [
            {
              id: 'bench/App/Data',
              name: 'Data',
              kind: 'san-volume',
              capacityBytes: 2 ** 40,
              averageChangeBytesPerSecond: rate.averageBytesPerSecond(),
              peakChangeBytesPerSecond: rate.peakBytesPerSecond(),
              changeProfile: rate._profile,
              holds: ['database-data'],
              mountPath: '/data',
              mountedOn: { primary: [], recovery: [] },
              placement: {},
            },
          ],
          schedules: [
            { id: 'bench/App/Schedule', name: 'Schedule', volumeIds: ['bench/App/Data'], linkId: 'bench/Wan', intervalSeconds: 900, snapshotSeconds: 60, retention: 2, cycle: 'fixed' },
          ],
        },
      ],
    };
    start = performance.now();
    cpu = process.cpuUsage();
    const [budget] = computeRpoBudgets(estate);
    const analyseMs = performance.now() - start;
    const analyseCpuMs = cpuMs(cpu);
    process.stdout.write(
      `${JSON.stringify({ rows: ROWS, megabytes: bytes / 1e6, loadMs, loadCpuMs, analyseMs, analyseCpuMs, verdict: budget.verdict, busiest: budget.load?.busiestWindow.startSeconds, longest: budget.fix.longestIntervalSeconds })}\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
if (require.main === module) {
  const at = process.argv.indexOf('--file');
  run(at >= 0 ? process.argv[at + 1] : undefined);
}
