import type { Rule, Violation } from './rule';
import { byteRate, seconds } from './explain';
import { splitMirrorsOf } from './split-mirrors-of';

export const backupCycleFits: Rule = {
  id: 'SDR-BACKUP-CYCLE-FITS',
  level: 'error',
  title: 'Backup cycle does not fit in the backup interval',
  rationale:
    'Seed 003: each backup resynchronises the mirror, splits it, copies it twice and dumps it to tape. A cycle ' +
    'still running when the next one is due either skips a backup or starts a copy on volumes still in use, ' +
    'and a resynchronisation slower than the writes it chases never reaches the switch point at all.',
  fix:
    'Lengthen the backup interval past the cycle, or shorten the cycle\'s longest steps (faster copies or ' +
    'tape, a faster link for the resync). Not suppressible: a cycle that overruns its interval loses ' +
    'backups.',
  suppressible: false,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, resync, cycleSeconds, steps } of splitMirrorsOf(context)) {
      if (!resync.converges) {
        violations.push({
          path: splitMirror.id,
          message:
            `Backup ${splitMirror.name}: the resynchronisation never catches up: the volumes change at ` +
            `${byteRate(resync.writeBytesPerSecond)} and the link copies ${byteRate(resync.linkBytesPerSecond)}.`,
          fix: `Give the link more than ${byteRate(resync.writeBytesPerSecond)} of changed data per second (line rate x efficiency x compression).`,
        });
        continue;
      }
      if (cycleSeconds <= splitMirror.intervalSeconds) continue;
      const longest = [...steps]
        .sort((a, b) => b.durationSeconds - a.durationSeconds)
        .slice(0, 3)
        .map((step) => `${step.id} ${seconds(step.durationSeconds)}`);
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: one cycle takes ${seconds(cycleSeconds)} (longest steps: ${longest.join(', ')}) ` +
          `but a backup starts every ${seconds(splitMirror.intervalSeconds)}.`,
        fix:
          `Make the interval at least ${seconds(Math.ceil(cycleSeconds / 60) * 60)}, or shorten the longest steps ` +
          `(faster point-in-time copies or tape, a faster link for the resynchronisation).`,
      });
    }
    return violations;
  },
};
