import type { Rule, Violation } from './rule';
import { ceilSignificant } from '../analysis/rpo';
import { byteRate, capitalize, seconds } from './explain';
import { splitMirrorsOf } from './split-mirrors-of';

export const copyOverlap: Rule = {
  id: 'SDR-PIT-COPY-OVERLAP',
  level: 'error',
  title: 'Point-in-time copies overlap on a volume',
  rationale:
    'Seed 003: a source or target volume can take part in only one point-in-time-copy (FlashCopy) relationship ' +
    'at a time, and a relationship lasts until every track is physically copied. A copy started earlier is ' +
    'refused by the storage system, and the cycle stops with no standby and no tape for that day.',
  fix:
    'Raise the point-in-time copy rate so each copy physically completes before the next copy on its ' +
    'volumes starts, or let the second copy wait for physical completion. Not suppressible: the storage ' +
    'system refuses the second relationship.',
  suppressible: false,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, overlaps, setBytes } of splitMirrorsOf(context)) {
      for (const { first, second, setName, overlapSeconds } of overlaps) {
        const sets = splitMirror.volumeSets;
        const window = second.startSeconds - first.copyingFromSeconds;
        const fixes: string[] = [];
        if (second.stepId === 'copy-to-tape-staging' && splitMirror.secondCopyStart === 'logical-complete') {
          fixes.push(`set pointInTimeCopy.secondCopyStart to 'physical-complete', so that step ${second.number} waits for step ${first.number}'s copy to finish`);
        }
        if (window > 0) {
          fixes.push(`raise the point-in-time copy rate to at least ${byteRate(ceilSignificant(setBytes / window, 3))}, so that step ${first.number}'s copy ends in the ${seconds(window)} before step ${second.number}`);
        }
        violations.push({
          path: splitMirror.id,
          message:
            `Backup ${splitMirror.name}: step ${second.number} (${second.stepId}, ${sets[second.source].name} -> ` +
            `${sets[second.target].name}) starts ${seconds(second.startSeconds)} into the cycle, but step ` +
            `${first.number} (${first.stepId}, ${sets[first.source].name} -> ${sets[first.target].name}) holds ` +
            `${setName} until it has physically completed at ${seconds(first.physicalCompleteSeconds)}: ` +
            `${setName} would be in two point-in-time-copy relationships for ${seconds(overlapSeconds)}.`,
          fix: `${capitalize(fixes.join('; or '))}.`,
        });
      }
    }
    return violations;
  },
};
