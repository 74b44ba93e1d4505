import type { Rule, Violation } from './rule';
import { byteRate } from './explain';

export const syncPeakDeclared: Rule = {
  id: 'SDR-SYNC-PEAK-DECLARED',
  level: 'error',
  title: 'Synchronous mirroring of a volume without a peak write rate or a profile',
  rationale:
    'Synchronous mirroring carries every write as it happens, so the link must be sized for the peak write ' +
    'rate. An average says nothing about the peak: a volume that averages 1 MB/s may write 20 MB/s in its ' +
    'batch hour, and sizing the link on the average would pass a design that suspends every night.',
  fix:
    'Declare changeRate.peak (the busiest second or minute your monitoring shows), or give the volume a ' +
    'ChangeRate profile (ChangeRate.daily or ChangeRate.fromCsv), whose busiest step is the peak. Not ' +
    'suppressible: without a peak the bandwidth check cannot be made.',
  suppressible: false,
  check({ plan, linksById, nameOf }) {
    const violations: Violation[] = [];
    const volumesById = new Map(plan.volumes.map((volume) => [volume.id, volume]));
    const reported = new Set<string>();
    for (const schedule of plan.schedules) {
      const link = linksById.get(schedule.linkId);
      if (!link || link.mode !== 'sync') continue;
      for (const id of schedule.volumeIds) {
        const volume = volumesById.get(id);
        if (!volume || volume.peakChangeBytesPerSecond !== undefined || reported.has(id)) continue;
        reported.add(id);
        violations.push({
          path: volume.id,
          message:
            `Volume ${volume.name} is mirrored synchronously over link ${link.name} (schedule ${nameOf(schedule.id)}) ` +
            `but declares only an average change rate of ${byteRate(volume.averageChangeBytesPerSecond)}; the link ` +
            `must carry the peak write rate, which the average does not bound.`,
          fix: `Declare changeRate.peak on ${volume.name}, or give it a ChangeRate.daily or ChangeRate.fromCsv profile.`,
        });
      }
    }
    return violations;
  },
};
