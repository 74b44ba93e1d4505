import { ceilSignificant, effectiveBytesPerSecond, lineRateFor } from '../analysis/rpo';
import type { Rule, Violation } from './rule';
import { bitRate, byteRate } from './explain';
import { splitMirrorsOf } from './split-mirrors-of';

export const logMirrorBandwidth: Rule = {
  id: 'SDR-LOG-MIRROR-BANDWIDTH',
  level: 'error',
  title: 'Link slower than the peak writes of the constantly mirrored volumes',
  rationale:
    'Synchronous mirroring of the log volumes carries every log write as it happens, so the link is sized ' +
    'for their peak write rate. When the peak exceeds it, commits wait on the link and the storage system ' +
    'suspends the pairs, and the logs that point-in-time recovery needs stop reaching the mirror.',
  fix:
    'Give the link a line rate (after efficiency and compression) above the peak writes of the constantly ' +
    'mirrored volumes. Not suppressible: the pairs suspend at the first peak.',
  suppressible: false,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, link, logMirrorPeakBytesPerSecond: peak } of splitMirrorsOf(context)) {
      if (!link || peak <= effectiveBytesPerSecond(link)) continue;
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: the constantly mirrored volumes write up to ${byteRate(peak)} (after ` +
          `compression) but link ${link.name} moves ${byteRate(effectiveBytesPerSecond(link))}${link.otherTrafficBytesPerSecond ? ' after its other traffic and the other synchronous writes on its circuit' : ''}.`,
        fix: `Give link ${link.name} a line rate of at least ${bitRate(ceilSignificant(lineRateFor(link, peak), 3))}.`,
      });
    }
    return violations;
  },
};
