import type { Rule, Violation } from './rule';
import { milliseconds as ms } from './explain';
import { linksOfPlan, ROUND_TRIP_SECONDS_PER_KM } from './links-of-plan';

export const syncReach: Rule = {
  id: 'SDR-SYNC-REACH',
  level: 'error',
  title: 'Synchronous link beyond its reach',
  rationale:
    'Synchronous mirroring acknowledges a write only after the recovery site has it, so every write waits a ' +
    'round trip. Vendors bound it: IBM Metro Mirror to 300 km, NetApp SnapMirror Synchronous to 10 ms round trip.',
  fix:
    'Move the recovery site closer, or replicate asynchronously. Suppress only when the storage vendor ' +
    'has qualified this distance and latency for the array in use.',
  suppressible: true,
  check(context) {
    const violations: Violation[] = [];
    for (const link of linksOfPlan(context)) {
      if (link.mode !== 'sync') continue;
      const problems: string[] = [];
      if (link.roundTripSeconds !== undefined && link.roundTripSeconds > link.maxSyncRoundTripSeconds) {
        problems.push(`round trip ${ms(link.roundTripSeconds)} exceeds ${ms(link.maxSyncRoundTripSeconds)}`);
      }
      if (link.distanceKm !== undefined) {
        if (link.distanceKm > link.maxSyncDistanceKm) {
          problems.push(`distance ${link.distanceKm} km exceeds ${link.maxSyncDistanceKm} km`);
        }
        const fibre = link.distanceKm * ROUND_TRIP_SECONDS_PER_KM;
        if (link.roundTripSeconds === undefined && fibre > link.maxSyncRoundTripSeconds) {
          problems.push(
            `${link.distanceKm} km of fibre alone takes a ${ms(fibre)} round trip, over ${ms(link.maxSyncRoundTripSeconds)}`,
          );
        }
      }
      if (problems.length === 0) continue;
      violations.push({
        path: link.id,
        message: `Synchronous link ${link.name}: ${problems.join('; ')}. Every write would wait that long.`,
        fix:
          `Use mode 'async' with a snapshot schedule sized for the RPO, or a recovery site within ` +
          `${link.maxSyncDistanceKm} km and ${ms(link.maxSyncRoundTripSeconds)}; raise maxRoundTrip/maxDistance ` +
          `only if the storage vendor certifies the longer reach (IBM allows 80 ms on 1 Gbps IP partnerships).`,
      });
    }
    return violations;
  },
};
