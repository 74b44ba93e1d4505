import { circuitKey, logMirrorPeakBytesPerSecond } from '../analysis/rpo';
import type { LinkDecl } from '../model/design';
import type { Rule, RuleContext, Violation } from './rule';
import { byteRate } from './explain';

/** One user of a circuit: a schedule or a split-mirror backup, with its synchronous peak if any. */
interface CircuitUser {
  readonly id: string;
  readonly planId: string;
  readonly link: LinkDecl;
  /** Synchronous writes it puts on the circuit, bytes sent per second; 0 when it has none. */
  readonly syncPeak: number;
  /** What it sends that may wait (snapshot transfers, resync copies), in words; null when nothing. */
  readonly elastic: string | null;
}

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
    const { estate, plan, linksById, nameOf } = context;
    const users = circuitUsers(context);
    const violations: Violation[] = [];
    const reported = new Set<string>();
    // Reported in the plan whose synchronous writes would wait, once per circuit.
    for (const user of users.get(plan.id) ?? []) {
      if (user.syncPeak <= 0) continue;
      const key = circuitKey(user.link);
      if (reported.has(key)) continue;
      reported.add(key);
      const onCircuit = [...users.values()].flat().filter((u) => circuitKey(u.link) === key);
      const sync = onCircuit.filter((u) => u.syncPeak > 0);
      const mine = sync.filter((u) => u.planId === plan.id);
      // A backup's own resync next to its own log mirroring is the array's business, not the circuit's.
      const elastic = onCircuit.filter((u) => u.elastic !== null && mine.some((s) => s.id !== u.id));
      if (elastic.length === 0) continue;
      const links = estate.links.filter((link) => circuitKey(link) === key);
      const undeclared = links.filter((link) => link.syncPriority !== true);
      if (undeclared.length === 0) continue;
      const circuit = user.link.circuitId !== undefined ? `Circuit ${user.link.circuitId}` : `Link ${user.link.name}`;
      const peak = sync.reduce((sum, u) => sum + u.syncPeak, 0);
      const syncLink = linksById.get(user.link.id)!;
      violations.push({
        path: syncLink.id,
        message:
          `${circuit} carries the synchronous writes of ${sync.map((u) => nameOf(u.id)).join(', ')} ` +
          `(peak ${byteRate(peak)} after compression) and the elastic transfers of ` +
          `${elastic.map((u) => `${nameOf(u.id)} (${u.elastic})`).join(', ')}. ` +
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

/** Every schedule and split mirror of the estate that uses a link, per plan id. */
function circuitUsers({ estate, linksById }: RuleContext): Map<string, CircuitUser[]> {
  const users = new Map<string, CircuitUser[]>();
  for (const plan of estate.plans) {
    const list: CircuitUser[] = [];
    const volumesById = new Map(plan.volumes.map((volume) => [volume.id, volume]));
    for (const schedule of plan.schedules) {
      const link = linksById.get(schedule.linkId);
      if (!link) continue;
      let peak = 0;
      for (const id of schedule.volumeIds) {
        const volume = volumesById.get(id);
        if (volume) peak += volume.peakChangeBytesPerSecond ?? volume.averageChangeBytesPerSecond;
      }
      list.push(
        link.mode === 'sync'
          ? { id: schedule.id, planId: plan.id, link, syncPeak: peak / link.compressionRatio, elastic: null }
          : { id: schedule.id, planId: plan.id, link, syncPeak: 0, elastic: 'snapshot transfers' },
      );
    }
    for (const splitMirror of plan.splitMirrors ?? []) {
      const link = linksById.get(splitMirror.linkId);
      if (!link) continue;
      const peak = link.mode === 'sync' ? logMirrorPeakBytesPerSecond(splitMirror.volumes) / link.compressionRatio : 0;
      list.push({ id: splitMirror.id, planId: plan.id, link, syncPeak: peak, elastic: 'resync copies' });
    }
    users.set(plan.id, list);
  }
  return users;
}
