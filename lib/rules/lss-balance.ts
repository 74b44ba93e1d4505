import type { Rule, Violation } from './rule';
import { splitMirrorsOf } from './split-mirrors-of';

export const lssBalance: Rule = {
  id: 'SDR-LSS-BALANCE',
  level: 'warning',
  title: 'Volumes spread unevenly over logical subsystems',
  rationale:
    'Seed 003: to maximise I/O throughput, spread the volumes evenly across all available logical subsystems ' +
    '(six per LSS in the seed). A crowded LSS becomes the bottleneck of the resynchronisation and of every ' +
    'copy, and stretches the write-suspend window.',
  fix:
    'Place the same number of volumes (give or take one) on every logical subsystem of each set.',
  suppressible: true,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, lssBalance: sets } of splitMirrorsOf(context)) {
      for (const { setName, volumesPerLss, even } of sets) {
        if (even) continue;
        const total = volumesPerLss.reduce((sum, c) => sum + c.volumes, 0);
        const lssCount = volumesPerLss.length;
        violations.push({
          path: splitMirror.id,
          message:
            `Backup ${splitMirror.name}: volume set ${setName} places ` +
            `${volumesPerLss.map((c) => `${c.volumes} on LSS ${c.lss}`).join(', ')}.`,
          fix:
            `Place ${Math.floor(total / lssCount)}${total % lssCount ? ` or ${Math.ceil(total / lssCount)}` : ''} ` +
            `volumes of ${setName} on each of its ${lssCount} logical subsystems.`,
        });
      }
    }
    return violations;
  },
};
