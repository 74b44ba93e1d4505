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
    const logs = plan.volumes.filter((v) => v.holds.includes('database-logs'));
    const data = plan.volumes.filter((v) => v.holds.includes('database-data'));
    for (const log of logs) {
      if (log.holds.includes('database-data')) {
        violations.push({
          path: log.id,
          message: `Volume ${log.name} holds both database data and database logs, on the same disk arms.`,
          fix: `Declare the database logs on a volume of their own, in another pool or disk group.`,
        });
        continue;
      }
      for (const other of data) {
        const shared = sharedPlacements(log, other);
        if (shared.length === 0) continue;
        violations.push({
          path: log.id,
          message: `Database-log volume ${log.name} and data volume ${other.name} are both placed in ${shared.join(' and ')}.`,
          fix: `Place ${log.name} in another pool or disk group than ${other.name}.`,
        });
      }
    }
    return violations;
  },
};

function sharedPlacements(a: VolumeDecl, b: VolumeDecl): string[] {
  const shared: string[] = [];
  for (const site of ['primary', 'recovery'] as const) {
    const placement = a.placement[site];
    if (placement !== undefined && placement === b.placement[site]) shared.push(`${site} ${placement}`);
  }
  return shared;
}
