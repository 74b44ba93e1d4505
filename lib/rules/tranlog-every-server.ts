import { TRANSACTION_LOG_KINDS } from '../model/design';
import { holdsAny } from '../model/mounts';
import type { Rule, Violation } from './rule';

export const tranlogEveryServer: Rule = {
  id: 'SDR-TRANLOG-EVERY-SERVER',
  level: 'error',
  title: 'Transaction-log volume not mounted on every application server',
  rationale:
    'Seed 000: the transaction-log file system is mounted on every application server, at both sites. ' +
    'A server that does not see it cannot log there, and cannot recover a failed peer\'s transactions.',
  fix:
    'Mount the transaction-log volume on every application server at both sites (mountedOn). Not ' +
    'suppressible: a server that cannot see the logs cannot recover its peers\' transactions.',
  suppressible: false,
  check({ plan }) {
    const violations: Violation[] = [];
    // Logs kept in the database do not use the shared file system (SDR-TRANLOG-DATABASE-GROUP instead).
    if (plan.tranlogStore === 'database') return violations;
    for (const volume of plan.volumes) {
      if (!holdsAny(volume.holds, TRANSACTION_LOG_KINDS)) continue;
      for (const site of plan.sites) {
        const mountedOn = volume.mountedOn[site.role];
        const missing = site.servers
          .filter((server) => server.role === 'application' && !mountedOn.includes(server.name))
          .map((server) => server.name);
        if (missing.length === 0) continue;
        violations.push({
          path: volume.id,
          message: `Transaction-log volume ${volume.name} is not mounted on application server(s) ${missing.join(', ')} at ${site.role} site ${site.name}.`,
          fix: `Leave mountedOn.${site.role} unset (every application server) or add ${missing.join(', ')}.`,
        });
      }
    }
    return violations;
  },
};
