import { LOG_CONTENTS } from '../model/split-mirror';
import type { Rule, Violation } from './rule';
import { splitMirrorsOf } from './split-mirrors-of';

export const deferredDataMirroring: Rule = {
  id: 'SDR-DATA-MIRROR-DEFERRED',
  level: 'warning',
  title: 'Data volume mirrored all the time in a split-mirror backup',
  rationale:
    'Seed 003: the data volumes are resynchronised only for a backup, so that a user or application error is ' +
    'not copied to the mirror at once and the mirror stays a clean starting point. A data volume in constant ' +
    'mirroring carries every logical error across immediately.',
  fix:
    'Mirror data volumes for backups only (mirroring: \'backup-only\'), or suppress with the reason this ' +
    'volume must be current at all times.',
  suppressible: true,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror } of splitMirrorsOf(context)) {
      for (const volume of splitMirror.volumes) {
        if (volume.mirroring !== 'constant' || volume.holds.some((content) => LOG_CONTENTS.includes(content))) continue;
        violations.push({
          path: splitMirror.id,
          message:
            `Backup ${splitMirror.name}: volume ${volume.name} holds only ${volume.holds.join(', ')} but is ` +
            `mirrored all the time, so a logical error reaches its mirror at once.`,
          fix: `Declare volume ${volume.name} with mirroring: 'backup-only' (the default for data volumes).`,
        });
      }
    }
    return violations;
  },
};
