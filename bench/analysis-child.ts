/**
 * The pure analysis alone, in a fresh process: RPO budgets (and the whole analysis: budgets,
 * steps, rules) of 1,000 schedules, one per plan, sharing 10 links. Prints one JSON line.
 */
import { performance } from 'perf_hooks';
import { analyzeEstate } from '../lib/estate';
import { computeRpoBudgets } from '../lib/analysis/rpo';
import type { EstateDecl, LinkDecl, PlanDecl } from '../lib/model/design';

const GiB = 1024 ** 3;
const perHour = (gib: number) => (gib * GiB) / 3600;

export function analysisEstate(schedules: number, links: number): EstateDecl {
  const linkDecls: LinkDecl[] = Array.from({ length: links }, (_, i) => ({
    id: `estate/Wan${i}`,
    name: `Wan${i}`,
    mode: 'async',
    lineRateBitsPerSecond: 10e9,
    efficiency: 0.93,
    compressionRatio: 2,
    roundTripSeconds: 0.018,
    distanceKm: 900,
    preservesWriteOrder: true,
    maxSyncRoundTripSeconds: 0.01,
    maxSyncDistanceKm: 300,
  }));
  const plans: PlanDecl[] = Array.from({ length: schedules }, (_, i) => {
    const id = `estate/App${i}`;
    const server = (name: string, role: 'application' | 'database') => ({ name, role, host: `${name}.app${i}.example.com`, extraMountPaths: [] });
    const volume = (name: string, holds: PlanDecl['volumes'][number]['holds'], rate: number, onApp: boolean) => ({
      id: `${id}/${name}`,
      name,
      kind: onApp ? ('tranlog-dfs' as const) : ('san-volume' as const),
      capacityBytes: 100 * GiB,
      averageChangeBytesPerSecond: perHour(rate),
      holds,
      mountPath: `/opt/ibm/WebSphere/${name.toLowerCase()}`,
      mountedOn: onApp ? { primary: ['was1', 'was2'], recovery: ['was1-dr', 'was2-dr'] } : { primary: ['db1'], recovery: ['db1-dr'] },
      placement: holds.includes('database-logs') ? { primary: 'pool-logs', recovery: 'dr-pool-logs' } : { primary: 'pool-data', recovery: 'dr-pool-data' },
      ...(onApp ? { fileSystem: { protocol: 'nfs4' as const, mountOptions: ['hard'] } } : {}),
    });
    const volumes = [
      volume('Data', ['database-data', 'messaging-stores'], 5, false),
      volume('Logs', ['database-logs'], 1, false),
      volume('Tranlogs', ['transaction-logs', 'compensation-logs'], 2, true),
    ];
    return {
      id,
      name: `App${i}`,
      rpoSeconds: 1800,
      rtoSeconds: 4 * 3600,
      rpoMarginWarningRatio: 0.1,
      sites: [
        { id: `${id}/Primary`, name: 'Primary', role: 'primary', servers: [server('was1', 'application'), server('was2', 'application'), server('db1', 'database')] },
        { id: `${id}/Recovery`, name: 'Recovery', role: 'recovery', servers: [server('was1-dr', 'application'), server('was2-dr', 'application'), server('db1-dr', 'database')] },
      ],
      volumes,
      schedules: [
        {
          id: `${id}/RuntimeData`,
          name: 'RuntimeData',
          volumeIds: volumes.map((v) => v.id),
          linkId: linkDecls[i % links].id,
          intervalSeconds: 900,
          snapshotSeconds: 60,
          retention: 4,
          cycle: 'fixed',
        },
      ],
    };
  });
  return { plans, links: linkDecls };
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (require.main === module) {
  const estate = analysisEstate(1000, 10);
  let budgets: ReturnType<typeof computeRpoBudgets> = [];
  const coldBudgetsMs = time(() => (budgets = computeRpoBudgets(estate)));
  if (budgets.length !== 1000 || budgets.some((b) => b.verdict !== 'meets' || b.linkSharedBy !== 100)) {
    throw new Error('analysis estate: expected 1,000 budgets that meet the RPO, 100 per link');
  }
  const coldAnalysisMs = time(() => analyzeEstate(estate));
  const runs = 9;
  const budgetsMs = median(Array.from({ length: runs }, () => time(() => computeRpoBudgets(estate))));
  const analysisMs = median(Array.from({ length: runs }, () => time(() => analyzeEstate(estate))));
  process.stdout.write(`${JSON.stringify({ coldBudgetsMs, budgetsMs, coldAnalysisMs, analysisMs })}\n`);
}
