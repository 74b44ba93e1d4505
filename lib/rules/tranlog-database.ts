import { DATABASE_DATA_KINDS } from '../model/design';
import { holdsAny } from '../model/mounts';
import type { Rule, Violation } from './rule';

export const tranlogDatabase: Rule = {
  id: 'SDR-TRANLOG-DATABASE-GROUP',
  level: 'error',
  title: 'Transaction logs kept in a database outside the consistency group',
  rationale:
    'WebSphere 8.5.5 and later, and Liberty, can keep the transaction and compensation logs in tables of a ' +
    'relational database instead of on a shared file system. They then reach the recovery site only with ' +
    'that database, and must be captured at the same instant as the application data they vouch for.',
  fix:
    'Capture the volumes of the database that holds the transaction-log tables (its data and its logs) in ' +
    'the plan\'s one snapshot schedule. Not suppressible: logs from another instant cannot resolve in-doubt transactions.',
  suppressible: false,
  check({ plan }) {
    const violations: Violation[] = [];
    if (plan.tranlogStore !== 'database' || plan.volumes.length === 0) return violations;
    const database = plan.volumes.filter((volume) => holdsAny(volume.holds, DATABASE_DATA_KINDS));
    if (database.length === 0) {
      violations.push({
        path: plan.id,
        message: `Plan ${plan.name} keeps the transaction logs in the database, but no volume holds the database, so the logs never reach the recovery site.`,
        fix: 'Declare the database\'s data and log volumes (SanVolumePair) and capture them in the plan\'s snapshot schedule.',
      });
      return violations;
    }
    const groups = plan.schedules.filter((schedule) => database.some((volume) => schedule.volumeIds.includes(volume.id)));
    const outside = groups.length === 1 ? database.filter((volume) => !groups[0].volumeIds.includes(volume.id)) : database;
    if (groups.length === 1 && outside.length === 0) return violations;
    violations.push({
      path: plan.id,
      message:
        `Plan ${plan.name} keeps the transaction logs in the database, but its volumes ${outside.map((v) => v.name).join(', ')} ` +
        `are not captured in one consistency group with the rest of the database` +
        (groups.length > 1 ? ` (they are split over ${groups.map((s) => s.name).join(', ')})` : '') + '.',
      fix: `Capture ${database.map((v) => v.name).join(', ')} in one SnapshotSchedule.`,
    });
    return violations;
  },
};
