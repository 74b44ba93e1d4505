import type { Rule, Violation } from './rule';
import { bitRate, bytes, byteRate, capitalize, seconds } from './explain';
import { percent, splitMirrorsOf } from './split-mirrors-of';

export const writeSuspendWindow: Rule = {
  id: 'SDR-WRITE-SUSPEND-WINDOW',
  level: 'error',
  title: 'Database writes stay suspended longer than allowed',
  rationale:
    'Seed 003: from the write suspend (step 4) until writes resume (step 6) the application cannot write, and ' +
    'only then is it slowed down. Everything that runs in between counts, in the seed\'s order: the suspend ' +
    'command, the queries until the data still to copy at the switch point has crossed the link, the split ' +
    'with its query, and the resume command. Past the tolerable duration, transactions time out and users ' +
    'see the backup.',
  fix:
    'Suspend writes later in the resync (a higher switch point), give the link more bandwidth, split ' +
    'faster, or automate the commands and queries so that each takes less. Not suppressible: if the application tolerates a longer wait, declare that maxDuration ' +
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
      const others = w.windowSeconds - w.splitSeconds;
      const longestSplit = Math.floor((w.maxSeconds - others) * 10) / 10;
      if (longestSplit > 0) options.push(`split faster: splitTime at most ${seconds(longestSplit)} (now ${seconds(w.splitSeconds)})`);
      const [suspend, wait, split, resume] = w.parts;
      const c = splitMirror.commandSeconds;
      const q = splitMirror.querySeconds;
      const waitBasis = w.drainSeconds > q
        ? `the ${bytes(w.remainingBytes)} left at the ${percent(splitMirror.writeSuspend.switchPoint)} switch point crossing the link at ${byteRate(resync.linkBytesPerSecond)}`
        : `one query; the ${bytes(w.remainingBytes)} left at the ${percent(splitMirror.writeSuspend.switchPoint)} switch point cross the link at ${byteRate(resync.linkBytesPerSecond)} in ${seconds(w.drainSeconds)}`;
      if (c + q > 0) options.push(`automate the commands and queries: each command (commandTime ${seconds(c)}) and query (queryTime ${seconds(q)}) runs while writes wait`);
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: writes would be suspended for ${seconds(w.windowSeconds)} = ` +
          `suspend command ${seconds(suspend.seconds)} (step 4) + wait until every pair is in sync ${seconds(wait.seconds)} (${waitBasis}) + ` +
          `split ${seconds(split.seconds)} (step 5) + resume command ${seconds(resume.seconds)} (step 6); ` +
          `at most ${seconds(w.maxSeconds)} is tolerated.`,
        fix: `${capitalize(options.join('; or '))}.`,
      });
    }
    return violations;
  },
};
