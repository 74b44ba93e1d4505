import type { RuntimeData } from '../model/design';
import type { Rule, Violation } from './rule';

/** Kinds every plan with volumes needs: each plan protects a database. */
const DATABASE_KINDS: readonly { kind: RuntimeData; why: string }[] = [
  { kind: 'database-data', why: 'the application has no database to restart on' },
  { kind: 'database-logs', why: 'the database cannot roll forward to the snapshot instant' },
];

/** Kinds only a WebSphere cell writes: asked for only where the plan has one. */
const WEBSPHERE_KINDS: readonly { kind: RuntimeData; why: string }[] = [
  { kind: 'transaction-logs', why: 'in-doubt transactions cannot be recovered' },
];

export const runtimeDataCoverage: Rule = {
  id: 'SDR-RUNTIME-DATA-COVERAGE',
  level: 'warning',
  title: 'Part of the runtime data is not declared',
  rationale:
    'Seed 000: runtime data is the transaction and compensation logs, the database data and log files, and ' +
    'the data of any other resource manager in the transactions. A plan that replicates only part of it ' +
    'brings back an application that cannot finish recovery. Transaction logs are asked for only in plans ' +
    'with application servers or a TranlogVolume; a plain database plan has none.',
  fix:
    'Declare a volume for every kind of runtime data, or suppress with the reason why a kind is absent ' +
    '(for example, no messaging engine).',
  suppressible: true,
  check({ plan }) {
    if (plan.volumes.length === 0) return [];
    const held = new Set(plan.volumes.flatMap((v) => v.holds));
    // Transaction logs kept in the database travel with the database's volumes.
    if (plan.tranlogStore === 'database' && held.has('database-data')) held.add('transaction-logs');
    // A plain database plan (no application servers, no TranlogVolume) has no transaction logs to ship.
    const hasWebSphere =
      plan.sites.some((site) => site.servers.some((server) => server.role === 'application')) ||
      plan.volumes.some((volume) => volume.kind === 'tranlog-dfs');
    const expected = hasWebSphere ? [...WEBSPHERE_KINDS, ...DATABASE_KINDS] : DATABASE_KINDS;
    const violations: Violation[] = [];
    for (const { kind, why } of expected) {
      if (held.has(kind)) continue;
      violations.push({
        path: plan.id,
        message: `No volume of plan ${plan.name} holds ${kind}: without them at the recovery site, ${why}.`,
        fix: `Add ${kind} to the holds of the volume that keeps them, or declare that volume.`,
      });
    }
    return violations;
  },
};
