import type { MirrorVolumeDecl } from '../../lib/model/split-mirror';
import { syncPeakDeclared } from '../../lib/rules/sync-peak-declared';
import { mirrorVolumes, SPLIT_MIRROR_ID, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-SYNC-PEAK-DECLARED';

/** The fixture's volumes, the constantly mirrored ones without their declared peak unless `keep` names them. */
function withoutPeaks(keep: readonly string[] = []): MirrorVolumeDecl[] {
  return mirrorVolumes().map((v) => {
    if (v.mirroring !== 'constant' || keep.includes(v.name)) return v;
    const { peakChangeBytesPerSecond: _dropped, ...rest } = v;
    return rest;
  });
}

describe('SDR-SYNC-PEAK-DECLARED on split mirrors', () => {
  test('is an error that cannot be suppressed', () => {
    expect(syncPeakDeclared.id).toBe(ID);
    expect(syncPeakDeclared.level).toBe('error');
    expect(syncPeakDeclared.suppressible).toBe(false);
  });

  test('the fixture declares the peak of both constantly mirrored volumes: no finding', () => {
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('log volumes with only an average: one finding for the backup, naming each volume and its average', () => {
    const finding = onlyFinding(splitMirrorEstate({ volumes: withoutPeaks() }), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    // LOG1 averages 1e6 B/s = 1 MB/s; CAT1 is idle.
    expect(finding.message).toBe(
      'Backup Backup mirrors volumes LOG1, CAT1 synchronously all the time over link Pprc, but they declare only an ' +
        'average change rate (LOG1 1 MB/s, CAT1 0 B/s); the link must carry the peak write rate, which the average does not bound.',
    );
    expect(finding.fix).toBe('Declare changeRate.peak on LOG1, CAT1, or give each a ChangeRate.daily or ChangeRate.fromCsv profile.');
  });

  test('one volume without a peak is named alone; the design fails where it used to pass on the average', () => {
    const design = splitMirrorEstate({ volumes: withoutPeaks(['CAT1']) });
    const finding = onlyFinding(design, ID);
    expect(finding.message).toContain('mirrors volume LOG1 synchronously all the time over link Pprc, but it declares only');
    expect(finding.fix).toBe('Declare changeRate.peak on LOG1, or give it a ChangeRate.daily or ChangeRate.fromCsv profile.');
    // The log mirror's figure still stands on the average, for the rest of the (failing) plan.
    expect(analyzeFirst(design).splitMirrors[0].logMirrorPeakBytesPerSecond).toBe(1e6);
  });

  test('volumes resynchronised for backups only need no peak', () => {
    // DATA1 and DATA2 never declared one; making them constant brings them in.
    expect(mirrorVolumes().filter((v) => v.mirroring === 'backup-only' && v.peakChangeBytesPerSecond === undefined).map((v) => v.name)).toEqual([
      'DATA1',
      'DATA2',
    ]);
    const volumes = mirrorVolumes().map((v) => (v.name === 'DATA1' ? { ...v, mirroring: 'constant' as const } : v));
    expect(onlyFinding(splitMirrorEstate({ volumes }), ID).message).toContain('mirrors volume DATA1 synchronously');
  });
});
