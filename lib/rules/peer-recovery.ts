import { peersOf } from '../model/peers';
import type { Rule, Violation } from './rule';

export const peerRecovery: Rule = {
  id: 'SDR-PEER-RECOVERY',
  level: 'error',
  title: 'Primary application server whose logs no recovery server recovers',
  rationale:
    'After a failover each primary application server\'s transaction and compensation logs must be ' +
    'recovered, under that server\'s identity, by a server at the recovery site (WebSphere peer recovery). ' +
    'Logs nobody recovers leave their transactions in doubt: locks held in the database and messages ' +
    'neither committed nor rolled back.',
  fix:
    'Declare a recovery-site application server for every primary application server, with replaces naming it ' +
    '(by default the server of the same position and role). Not suppressible: in-doubt transactions hold their ' +
    'locks until someone recovers them.',
  suppressible: false,
  check({ plan }) {
    const violations: Violation[] = [];
    const recovery = plan.sites.find((site) => site.role === 'recovery');
    if (!recovery) return violations;
    const peers = peersOf(plan);
    const free = recovery.servers.filter(
      (server) => server.role === 'application' && !peers.assignments.some((a) => a.recoveryServer === server),
    );
    for (const server of [...peers.unreplaced].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      violations.push({
        path: recovery.id,
        message:
          `No server at recovery site ${recovery.name} replaces primary application server ${server.name}, so nobody ` +
          `recovers its transaction and compensation logs after a failover.`,
        fix:
          free.length > 0
            ? `Declare replaces: '${server.name}' on ${free[0].name} at ${recovery.name}.`
            : `Add an application server to ${recovery.name} with replaces: '${server.name}'.`,
      });
    }
    return violations;
  },
};
