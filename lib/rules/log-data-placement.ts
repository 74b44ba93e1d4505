import type { VolumeDecl } from '../model/design';
import type { Rule, Violation } from './rule';

export const logDataPlacement: Rule = {
  id: 'SDR-LOG-DATA-PLACEMENT',
  level: 'warning',
  title: 'Database logs share placement with database data',
  rationale:
    'Seed 000: performance may require the database log files on different disk arms from the data. Log ' +
    'writes are small, sequential and synchronous; behind random data I/O on the same arms they slow every ' +
    'commit, and a single pool failure takes both the data and the logs needed to roll it forward.',
  fix:
    'Give the database log volume a placement (pool or disk group) of its own at each site.',
  suppressible: true,
  check({ plan }) {
    const violations: Violation[] = [];
    // One finding per pool, listing its volumes: one per (log, data) pair grows with the square of
    // the pool (1,200 volumes in one pool made 270,000 warnings).
    const pools = new Map<string, { site: string; pool: string; logs: VolumeDecl[]; data: VolumeDecl[] }>();
    for (const volume of byId(plan.volumes)) {
      const log = volume.holds.includes('database-logs');
      const data = volume.holds.includes('database-data');
      if (log && data) {
        violations.push({
          path: volume.id,
          message: `Volume ${volume.name} holds both database data and database logs, on the same disk arms.`,
          fix: `Declare the database logs on a volume of their own, in another pool or disk group.`,
        });
        continue;
      }
      if (!log && !data) continue;
      for (const site of ['primary', 'recovery'] as const) {
        const pool = volume.placement[site];
        if (pool === undefined) continue;
        const key = `${site}\n${pool}`;
        let entry = pools.get(key);
        if (!entry) pools.set(key, (entry = { site, pool, logs: [], data: [] }));
        (log ? entry.logs : entry.data).push(volume);
      }
    }
    // A pool's finding sits on its first log volume; that volume's pools at both sites make one finding.
    const byLog = new Map<string, { site: string; pool: string; logs: VolumeDecl[]; data: VolumeDecl[] }[]>();
    for (const entry of pools.values()) {
      if (entry.logs.length === 0 || entry.data.length === 0) continue;
      const at = entry.logs[0].id;
      byLog.set(at, [...(byLog.get(at) ?? []), entry]);
    }
    for (const [path, shared] of byLog) {
      const [first] = shared;
      const same = shared.every((e) => sameVolumes(e.logs, first.logs) && sameVolumes(e.data, first.data));
      const placed = (e: typeof first, where: string) =>
        `${names('Database-log volume', e.logs)} and ${names('data volume', e.data)} are ${e.logs.length + e.data.length > 2 ? 'all' : 'both'} placed in ${where}.`;
      violations.push({
        path,
        message: same
          ? placed(first, shared.map((e) => `${e.site} ${e.pool}`).join(' and '))
          : shared.map((e) => placed(e, `${e.site} ${e.pool}`)).join(' '),
        fix: `Place ${list(unique(shared.flatMap((e) => e.logs)))} in another pool or disk group than ${list(unique(shared.flatMap((e) => e.data)))}.`,
      });
    }
    return violations;
  },
};

function byId(volumes: readonly VolumeDecl[]): VolumeDecl[] {
  return [...volumes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function names(what: string, volumes: readonly VolumeDecl[]): string {
  return `${what}${volumes.length === 1 ? '' : 's'} ${list(volumes)}`;
}

function list(volumes: readonly VolumeDecl[]): string {
  return volumes.map((v) => v.name).join(', ');
}

function unique(volumes: readonly VolumeDecl[]): VolumeDecl[] {
  return byId([...new Set(volumes)]);
}

function sameVolumes(a: readonly VolumeDecl[], b: readonly VolumeDecl[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
