import type { Rule, Violation } from './rule';
import { capitalize } from './explain';
import { splitMirrorsOf } from './split-mirrors-of';

export const portPaths: Rule = {
  id: 'SDR-PORT-PATHS',
  level: 'error',
  title: 'More logical paths per port than the port carries',
  rationale:
    'Seed 003: data moves on logical paths, and a port carries at most 64 of them (ESCON). Each pair of ' +
    'logical subsystems mirrored to each other needs a logical path on every port between the storage ' +
    'systems; paths beyond the limit cannot be established, and their volumes are not mirrored.',
  fix:
    'Mirror each live logical subsystem to a single mirror logical subsystem, spread the live set over ' +
    'fewer of them, or declare ports that carry more logical paths (maxLogicalPathsPerPort). Not ' +
    'suppressible: paths beyond the limit cannot be established.',
  suppressible: false,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, lssPairs, logicalPathsPerPort } of splitMirrorsOf(context)) {
      const { count, maxLogicalPathsPerPort: max } = splitMirror.ports;
      if (logicalPathsPerPort <= max) continue;
      // Each live LSS needs at least one pair, so only fewer pairs per live LSS, or fewer live LSSs, help.
      const liveLss = new Set(lssPairs.map((pair) => pair.split('->')[0])).size;
      const fixes =
        liveLss <= max
          ? [`mirror each live logical subsystem to a single mirror logical subsystem, as in seed 003 (${plural(liveLss, 'pair')})`]
          : [`spread the live set over at most ${plural(max, 'logical subsystem')}, each mirrored to a single one`];
      fixes.push('use ports that carry more logical paths');
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: ${lssPairs.length} pairs of logical subsystems (live -> mirror) need ` +
          `${logicalPathsPerPort} logical paths on each of the ${count} ports; a port carries at most ${max}.`,
        fix: `${capitalize(fixes.join('; or '))}.`,
      });
    }
    return violations;
  },
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
