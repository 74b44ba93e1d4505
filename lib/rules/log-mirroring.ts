import { LOG_CONTENTS } from '../model/split-mirror';
import type { Rule, Violation } from './rule';
import { splitMirrorsOf } from './split-mirrors-of';

export const logMirroring: Rule = {
  id: 'SDR-LOG-MIRRORING',
  level: 'error',
  title: 'Log volume not mirrored all the time',
  rationale:
    'Seed 003: the volumes with the database logs, the bootstrap data set and the catalogs are mirrored ' +
    'synchronously all the time. Recovering to a point close to the disaster starts from the last backup and ' +
    'applies the logs; logs that are only copied at backup time are lost with the primary storage.',
  fix:
    'Mirror every volume that holds database logs, the bootstrap data set or a catalog all the time ' +
    '(mirroring: \'constant\'). Not suppressible: seed 003 makes it a hard rule.',
  suppressible: false,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror } of splitMirrorsOf(context)) {
      for (const volume of splitMirror.volumes) {
        const logs = volume.holds.filter((content) => LOG_CONTENTS.includes(content));
        if (logs.length === 0 || volume.mirroring === 'constant') continue;
        violations.push({
          path: splitMirror.id,
          message:
            `Backup ${splitMirror.name}: volume ${volume.name} holds ${logs.join(', ')} but is mirrored only ` +
            `for backups (mirroring: 'backup-only').`,
          fix: `Declare volume ${volume.name} with mirroring: 'constant', or move the ${logs.join(', ')} to a constantly mirrored volume.`,
        });
      }
    }
    return violations;
  },
};
