import type { SiteDecl, VolumeDecl } from '../model/design';
import { siteMounts } from '../model/mounts';
import type { Rule, Violation } from './rule';

export const mountParity: Rule = {
  id: 'SDR-MOUNT-PARITY',
  level: 'error',
  title: 'Recovery site lacks a mount path of the primary site',
  rationale:
    'Seed 000: the recovery site needs the same directories as the original site. The replicated catalogs, ' +
    'configurations and transaction logs name absolute paths; a path that does not exist after failover ' +
    'stops the servers from finding their data.',
  fix:
    'Declare the same mount paths on the recovery site\'s servers. Suppress only when the site\'s ' +
    'recovery scripts create the path (or a link to it) before the servers start.',
  suppressible: true,
  check({ plan }) {
    const primary = plan.sites.find((site) => site.role === 'primary');
    const recovery = plan.sites.find((site) => site.role === 'recovery');
    if (!primary || !recovery) return [];
    const atRecovery = new Set(mountPaths(recovery, plan.volumes).keys());
    const violations: Violation[] = [];
    for (const [path, servers] of mountPaths(primary, plan.volumes)) {
      if (atRecovery.has(path)) continue;
      violations.push({
        path: recovery.id,
        message: `Recovery site ${recovery.name} has no ${path}, which ${servers.join(', ')} mount at primary site ${primary.name}.`,
        fix: `Mount ${path} on a recovery server of the same role (the volume's mountedOn.recovery, or the server's mountPaths).`,
      });
    }
    return violations;
  },
};

/** Path to the servers that use it, in server then volume declaration order. */
function mountPaths(site: SiteDecl, volumes: readonly VolumeDecl[]): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const { path, server } of siteMounts(site, volumes)) {
    const servers = paths.get(path) ?? [];
    if (!servers.includes(server.name)) servers.push(server.name);
    paths.set(path, servers);
  }
  return paths;
}
