import type { Rule, Violation } from './rule';
import { bitRate, bytes, byteRate, capitalize, seconds } from './explain';
import { percent, splitMirrorsOf } from './split-mirrors-of';

export const writeSuspendWindow: Rule = {
  id: 'SDR-WRITE-SUSPEND-WINDOW',
  level: 'error',
  title: 'Database writes stay suspended longer than allowed',
  rationale:
    'Seed 003: between the write suspend and the split the application cannot write, and only then is it ' +
    'slowed down. That window is the data still to copy at the switch point over the link, plus the split. ' +
    'Past the tolerable duration, transactions time out and users see the backup.',
  fix:
    'Suspend writes later in the resync (a higher switch point), give the link more bandwidth, or split ' +
    'faster. Not suppressible: if the application tolerates a longer wait, declare that maxDuration ' +
    'instead.',
  suppressible: false,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, writeSuspend: w, resync } of splitMirrorsOf(context)) {
      if (w.withinLimit) continue;
      const options: string[] = [];
      if (w.requiredSwitchPoint !== null && w.requiredSwitchPoint < 1) {
        options.push(`suspend writes later: switchPoint at least ${percent(w.requiredSwitchPoint)}`);
      }
      if (w.requiredLineRateBitsPerSecond !== null) {
        options.push(`give the link a line rate of at least ${bitRate(w.requiredLineRateBitsPerSecond)}`);
      }
      // Shown in tenths, rounded down, so the figure offered is never one that still breaks the limit.
      const longestSplit = Math.floor((w.maxSeconds - w.drainSeconds) * 10) / 10;
      if (longestSplit > 0) options.push(`split faster: splitTime at most ${seconds(longestSplit)} (now ${seconds(w.splitSeconds)})`);
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: writes would be suspended for ${seconds(w.windowSeconds)} = ` +
          `${seconds(w.drainSeconds)} to copy the ${bytes(w.remainingBytes)} left at the ` +
          `${percent(splitMirror.writeSuspend.switchPoint)} switch point at ${byteRate(resync.linkBytesPerSecond)} + ` +
          `split ${seconds(w.splitSeconds)}; at most ${seconds(w.maxSeconds)} is tolerated.`,
        fix: `${capitalize(options.join('; or '))}.`,
      });
    }
    return violations;
  },
};
