import type { Rule, Violation } from './rule';

export const consistencyGroup: Rule = {
  id: 'SDR-CONSISTENCY-GROUP',
  level: 'error',
  title: 'Runtime data is not captured in one consistency group',
  rationale:
    'Seed 000: the entire set of runtime-data files must be in the same snapshot, taken at one instant. ' +
    'The database and the transaction logs restored from different instants disagree about which ' +
    'transactions committed, and in-doubt transactions cannot be resolved.',
  fix:
    'Put every volume of the runtime data in one snapshot schedule, so one consistency group captures it ' +
    'at one instant. Not suppressible: seed 000 makes it a hard rule.',
  suppressible: false,
  check({ plan, nameOf }) {
    const violations: Violation[] = [];
    // A split-mirror backup (seed 003) brings its own consistency point: the write suspend.
    if (plan.volumes.length === 0 && (plan.splitMirrors ?? []).length === 0) {
      violations.push({
        path: plan.id,
        message: `Plan ${plan.name} declares no volumes, so no runtime data reaches the recovery site.`,
        fix: 'Declare the database volume (SanVolumePair) and the transaction-log volume (TranlogVolume), and capture both in one SnapshotSchedule.',
      });
      return violations;
    }
    const captured = new Set(plan.schedules.flatMap((schedule) => schedule.volumeIds));
    const uncaptured = plan.volumes.filter((volume) => !captured.has(volume.id));
    for (const volume of uncaptured) {
      violations.push({
        path: volume.id,
        message: `Volume ${volume.name} (${volume.holds.join(', ')}) is in no snapshot schedule, so it never reaches the recovery site.`,
        fix:
          plan.schedules.length > 0
            ? `Add ${volume.name} to the volumes of schedule ${plan.schedules[0].name}.`
            : `Declare a SnapshotSchedule whose volumes include ${volume.name} and every other volume of the plan.`,
      });
    }
    const capturing = plan.schedules.filter((schedule) => schedule.volumeIds.length > 0);
    if (capturing.length > 1) {
      const groups = capturing
        .map((s) => `${s.name}: ${s.volumeIds.map(nameOf).join(', ')}`)
        .join('; ');
      violations.push({
        path: plan.id,
        message: `Runtime data of plan ${plan.name} is split over ${capturing.length} consistency groups (${groups}), captured at different instants.`,
        fix: `Capture all ${plan.volumes.length} volumes in one SnapshotSchedule and remove the others.`,
      });
    }
    return violations;
  },
};
