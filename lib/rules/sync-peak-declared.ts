import type { Rule, Violation } from './rule';
import { byteRate } from './explain';

export const syncPeakDeclared: Rule = {
  id: 'SDR-SYNC-PEAK-DECLARED',
  level: 'error',
  title: 'Synchronous mirroring of a volume without a peak write rate or a profile',
  rationale:
    'Synchronous mirroring carries every write as it happens, so the link must be sized for the peak write ' +
    'rate: a schedule on a synchronous link, and the log volumes a split mirror mirrors all the time. An ' +
    'average says nothing about the peak: a volume that averages 1 MB/s may write 20 MB/s in its batch hour, ' +
    'and sizing the link on the average would pass a design that suspends every night.',
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
            `but declares only an average change rate of ${byteRate(volume.averageChangeBytesPerSecond, volume.units?.changeRate)}; the link ` +
            `must carry the peak write rate, which the average does not bound.`,
          fix: `Declare changeRate.peak on ${volume.name}, or give it a ChangeRate.daily or ChangeRate.fromCsv profile.`,
        });
      }
    }
    // A split mirror's constantly mirrored volumes (the logs, the bootstrap data set, the
    // catalogs) are synchronous writes too: SDR-LOG-MIRROR-BANDWIDTH sizes the link on their peak.
    for (const splitMirror of plan.splitMirrors ?? []) {
      const link = linksById.get(splitMirror.linkId);
      const missing = splitMirror.volumes.filter((v) => v.mirroring === 'constant' && v.peakChangeBytesPerSecond === undefined);
      if (!link || missing.length === 0) continue;
      const names = missing.map((v) => v.name).join(', ');
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name} mirrors ${missing.length === 1 ? 'volume' : 'volumes'} ${names} synchronously ` +
          `all the time over link ${link.name}, but ${missing.length === 1 ? 'it declares' : 'they declare'} only an ` +
          `average change rate (${missing.map((v) => `${v.name} ${byteRate(v.averageChangeBytesPerSecond)}`).join(', ')}); ` +
          `the link must carry the peak write rate, which the average does not bound.`,
        fix: `Declare changeRate.peak on ${names}, or give ${missing.length === 1 ? 'it' : 'each'} a ChangeRate.daily or ChangeRate.fromCsv profile.`,
      });
    }
    return violations;
  },
};
