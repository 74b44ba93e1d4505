import type { Rule, Violation } from './rule';
import { splitMirrorsOf } from './split-mirrors-of';

export const portPaths: Rule = {
  id: 'SDR-PORT-PATHS',
  level: 'error',
  title: 'More logical paths per port than the port carries',
  rationale:
    'Seed 003: data moves on logical paths, and a port carries at most 64 of them (ESCON). Each pair of ' +
    'logical subsystems mirrored to each other needs a logical path on every port between the storage ' +
    'systems; paths beyond the limit cannot be established, and their volumes are not mirrored.',
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, lssPairs, logicalPathsPerPort } of splitMirrorsOf(context)) {
      const { count, maxLogicalPathsPerPort: max } = splitMirror.ports;
      if (logicalPathsPerPort <= max) continue;
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: ${lssPairs.length} pairs of logical subsystems (live -> mirror) need ` +
          `${logicalPathsPerPort} logical paths on each of the ${count} ports; a port carries at most ${max}.`,
        fix:
          `Map the live set's logical subsystems onto at most ${max} mirror logical subsystems ` +
          `(one mirror LSS per live LSS, as in seed 003), or use ports that carry more logical paths.`,
      });
    }
    return violations;
  },
};
