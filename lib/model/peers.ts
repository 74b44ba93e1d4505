import type { PlanDecl, ServerDecl, SiteDecl } from './design';

/**
 * Peer recovery across sites: which recovery-site server recovers which primary server's
 * transaction and compensation logs after a failover.
 *
 * A recovery server names the primary server it replaces (`replaces`). The others take, in
 * order, the primary servers of their role that no declaration took: without declarations, the
 * second application server at the recovery site replaces the second at the primary site.
 * Declarations first, so that one declaration never makes a default collide with it.
 */
export interface PeerAssignment {
  readonly recoveryServer: ServerDecl;
  readonly primaryServer: ServerDecl;
  /** true when `replaces` was declared, false when it came from the position. */
  readonly declared: boolean;
}

export interface PeerProblem {
  /** Index of the recovery server in its site's `servers`. */
  readonly index: number;
  readonly value: string;
  readonly allowed: string;
}

export interface Peers {
  readonly assignments: readonly PeerAssignment[];
  /** Primary application servers whose logs no recovery server recovers. */
  readonly unreplaced: readonly ServerDecl[];
  /** Declarations that name no primary server of the same role, or one already taken. */
  readonly problems: readonly PeerProblem[];
}

export function peersOf(plan: Pick<PlanDecl, 'sites'>): Peers {
  const primary = plan.sites.find((site) => site.role === 'primary');
  const recovery = plan.sites.find((site) => site.role === 'recovery');
  if (!primary || !recovery) return { assignments: [], unreplaced: [], problems: [] };
  const taken = new Map<string, ServerDecl>();
  const assignments: PeerAssignment[] = [];
  const problems: PeerProblem[] = [];
  recovery.servers.forEach((server, index) => {
    if (server.replaces === undefined) return;
    const target = primary.servers.find((candidate) => candidate.name === server.replaces);
    const problem = declarationProblem(server, target, taken.get(server.replaces), primary, recovery);
    if (problem) {
      problems.push({ index, value: server.replaces, allowed: problem });
      return;
    }
    taken.set(target!.name, server);
    assignments.push({ recoveryServer: server, primaryServer: target!, declared: true });
  });
  for (const role of ['application', 'database'] as const) {
    // Without declarations this pairs servers of the same position; with them, the rest keep their order.
    const free = primary.servers.filter((server) => server.role === role && !taken.has(server.name));
    const undeclared = recovery.servers.filter((server) => server.role === role && server.replaces === undefined);
    undeclared.forEach((server, position) => {
      const target = free[position];
      if (!target) return;
      taken.set(target.name, server);
      assignments.push({ recoveryServer: server, primaryServer: target, declared: false });
    });
  }
  const order = new Map(recovery.servers.map((server, index) => [server.name, index]));
  assignments.sort((a, b) => order.get(a.recoveryServer.name)! - order.get(b.recoveryServer.name)!);
  const unreplaced = primary.servers.filter((server) => server.role === 'application' && !taken.has(server.name));
  return { assignments, unreplaced, problems };
}

function declarationProblem(
  server: ServerDecl,
  target: ServerDecl | undefined,
  other: ServerDecl | undefined,
  primary: SiteDecl,
  recovery: SiteDecl,
): string | undefined {
  const sameRole = primary.servers.filter((candidate) => candidate.role === server.role).map((candidate) => candidate.name);
  const choices = sameRole.length > 0 ? sameRole.join(', ') : 'none';
  if (!target) {
    const atRecovery = recovery.servers.some((candidate) => candidate.name === server.replaces);
    return (
      `the name of a ${server.role} server of primary site ${primary.name} (${choices})` +
      (atRecovery ? `; ${server.replaces} is a server of recovery site ${recovery.name}, which no recovery server replaces` : '')
    );
  }
  if (target.role !== server.role) {
    return `a primary ${server.role} server (${choices}); ${target.name} is a ${target.role} server`;
  }
  if (other) return `a primary server no other recovery server replaces (${other.name} already replaces ${target.name})`;
  return undefined;
}
