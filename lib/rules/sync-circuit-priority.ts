import { circuitKey, circuitUsers, type CircuitUser } from '../analysis/rpo';
import type { EstateDecl } from '../model/design';
import type { Rule, RuleContext, Violation } from './rule';
import { byteRate } from './explain';

export const syncCircuitPriority: Rule = {
  id: 'SDR-SYNC-CIRCUIT-PRIORITY',
  level: 'error',
  title: 'Synchronous writes share a circuit with elastic transfers that may delay them',
  rationale:
    'The synchronous checks compare only the synchronous peaks with the line rate and let snapshot transfers ' +
    'and split-mirror resync copies have what is left. That holds only where the network or the array gives ' +
    'synchronous writes priority. Under first come, first served or per-session sharing a burst queued ahead ' +
    'of them delays the synchronous writes: commits stall and the array suspends the mirror, leaving no ' +
    'recovery point.',
  fix:
    'Declare synchronousPriority: true on every link of the circuit where the network gives synchronous ' +
    'mirroring priority (a QoS class) or the array does, move the elastic transfers to another circuit, or ' +
    'replicate asynchronously. Suppressible with a reason, for a priority the library cannot see.',
  suppressible: true,
  check(context) {
    const { estate, plan, nameOf } = context;
    const { byCircuit, byPlan } = estateUsers(context);
    const violations: Violation[] = [];
    const reported = new Set<string>();
    // Reported in the plan whose synchronous writes would wait, once per circuit.
    for (const user of byPlan.get(plan.id) ?? []) {
      if (user.syncPeakBytesPerSecond <= 0) continue;
      const key = circuitKey(user.link);
      if (reported.has(key)) continue;
      reported.add(key);
      const onCircuit = byCircuit.get(key)!;
      const sync = onCircuit.filter((u) => u.syncPeakBytesPerSecond > 0);
      const mine = sync.filter((u) => u.planId === plan.id);
      // A backup's own resync next to its own log mirroring is the array's business, not the circuit's.
      const elastic = onCircuit.filter((u) => elasticOf(u) !== null && mine.some((s) => s.id !== u.id));
      if (elastic.length === 0) continue;
      const undeclared = estate.links.filter((link) => circuitKey(link) === key && link.syncPriority !== true);
      if (undeclared.length === 0) continue;
      const circuit = user.link.circuitId !== undefined ? `Circuit ${user.link.circuitId}` : `Link ${user.link.name}`;
      const peak = sync.reduce((sum, u) => sum + u.syncPeakBytesPerSecond, 0);
      violations.push({
        path: user.link.id,
        message:
          `${circuit} carries the synchronous writes of ${sync.map((u) => nameOf(u.id)).join(', ')} ` +
          `(peak ${byteRate(peak)} after compression) and the elastic transfers of ` +
          `${elastic.map((u) => `${nameOf(u.id)} (${elasticOf(u)})`).join(', ')}. ` +
          `${undeclared.map((l) => l.name).join(', ')} ${undeclared.length === 1 ? 'does' : 'do'} not declare synchronousPriority, ` +
          `so the circuit may serve a burst of those transfers first: the synchronous writes then wait, and the mirror suspends.`,
        fix:
          `Declare synchronousPriority: true on ${undeclared.map((l) => l.name).join(', ')} if the network gives synchronous mirroring ` +
          `priority on the circuit (QoS), move ${elastic.map((u) => nameOf(u.id)).join(', ')} to another circuit, or replicate asynchronously.`,
      });
    }
    return violations;
  },
};

/** What a user sends that may wait behind nothing (snapshot transfers, resync copies), in words; null when nothing. */
function elasticOf(user: CircuitUser): string | null {
  if (user.kind === 'split-mirror') return 'resync copies';
  return user.link.mode === 'async' ? 'snapshot transfers' : null;
}

/**
 * The estate's users (analysis/rpo.ts `circuitUsers`, which also gives the synchronous peaks),
 * per circuit and per plan, in declaration order. Found once per estate, not once per plan: the
 * rule runs for every plan of it, and the declarations are never changed once read.
 */
const USERS = new WeakMap<EstateDecl, { byCircuit: Map<string, CircuitUser[]>; byPlan: Map<string, CircuitUser[]> }>();

function estateUsers({ estate, linksById }: RuleContext): { byCircuit: Map<string, CircuitUser[]>; byPlan: Map<string, CircuitUser[]> } {
  let found = USERS.get(estate);
  if (!found) {
    found = { byCircuit: new Map(), byPlan: new Map() };
    for (const user of circuitUsers(estate, linksById)) {
      append(found.byCircuit, circuitKey(user.link), user);
      append(found.byPlan, user.planId, user);
    }
    USERS.set(estate, found);
  }
  return found;
}

function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
