import { bytes, seconds } from './explain';
import type { Rule, Violation } from './rule';
import { splitMirrorsOf } from './split-mirrors-of';

export const archiveLogs: Rule = {
  id: 'SDR-ARCHIVE-LOGS',
  level: 'warning',
  title: 'Point-in-time recovery needs archive logs at the recovery site',
  rationale:
    'Seed 003: recovering to a point in time copies the mirror back and applies the logs since the last ' +
    'backup (conditional restart). The log volumes are reused in a circle; when more log is written between ' +
    'two backups than they hold, the older logs exist only as archives, and a recovery site without them ' +
    'cannot roll forward past the oldest log on the volumes.',
  fix:
    'Keep the archive logs at the recovery site (archive to mirrored volumes or ship them), or give the log ' +
    'volumes the capacity of a whole backup interval\'s logs, or back up more often.',
  suppressible: true,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, logsToApply } of splitMirrorsOf(context)) {
      if (!logsToApply.needsArchiveLogs) continue;
      const loss = splitMirror.intervalSeconds;
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: recovering to a point in time applies up to ${bytes(logsToApply.databaseLogBytes)} of ` +
          `database logs (written since the last backup, which is up to one ${seconds(loss)} interval and the cycle old), ` +
          `but the log volumes hold ${bytes(logsToApply.activeLogCapacityBytes)}: the rest must come from archive logs at the recovery site.`,
        fix:
          `Make the archive logs available at the recovery site and say where in the runbook, or give the log volumes at least ` +
          `${bytes(logsToApply.databaseLogBytes)} of capacity.`,
      });
    }
    return violations;
  },
};
