import type { MirrorVolumeDecl } from '../../lib/model/split-mirror';
import { deferredDataMirroring } from '../../lib/rules/deferred-data-mirroring';
import { estate } from '../fixtures/estate';
import { mirrorVolumes, SPLIT_MIRROR_ID, splitMirrorEstate } from '../fixtures/split-mirror';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-DATA-MIRROR-DEFERRED';

/** The fixture's volumes with volume `name` changed. */
function withVolume(name: string, changes: Partial<MirrorVolumeDecl>): MirrorVolumeDecl[] {
  const volumes = mirrorVolumes();
  expect(volumes.some((v) => v.name === name)).toBe(true);
  return volumes.map((v) => (v.name === name ? { ...v, ...changes } : v));
}

describe('SDR-DATA-MIRROR-DEFERRED', () => {
  test('is a warning', () => {
    expect(deferredDataMirroring.id).toBe(ID);
    expect(deferredDataMirroring.level).toBe('warning');
  });

  test('the unmodified fixture resynchronises DATA1 and DATA2 only for backups', () => {
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('a table-space volume mirrored all the time', () => {
    const finding = onlyFinding(splitMirrorEstate({ volumes: withVolume('DATA1', { mirroring: 'constant' }) }), ID);
    expect(finding.level).toBe('warning');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: volume DATA1 holds only table-spaces but is mirrored all the time, so a logical error reaches its mirror at once.',
    );
    expect(finding.fix).toBe("Declare volume DATA1 with mirroring: 'backup-only' (the default for data volumes).");
  });

  test('every data content is listed, and the DB2 catalog and directory counts as data', () => {
    const design = splitMirrorEstate({
      volumes: withVolume('DATA2', { mirroring: 'constant', holds: ['catalog-and-directory', 'index-spaces'] }),
    });
    expect(onlyFinding(design, ID).message).toBe(
      'Backup Backup: volume DATA2 holds only catalog-and-directory, index-spaces but is mirrored all the time, ' +
        'so a logical error reaches its mirror at once.',
    );
  });

  test('one finding per constantly mirrored data volume', () => {
    const volumes = mirrorVolumes().map((v) => ({ ...v, mirroring: 'constant' as const }));
    expect(findingsOf(splitMirrorEstate({ volumes }), ID).map((f) => f.fix)).toEqual([
      "Declare volume DATA1 with mirroring: 'backup-only' (the default for data volumes).",
      "Declare volume DATA2 with mirroring: 'backup-only' (the default for data volumes).",
    ]);
  });

  test('boundary: a constant volume that holds a log content besides data is not reported', () => {
    const design = splitMirrorEstate({
      volumes: withVolume('DATA1', { mirroring: 'constant', holds: ['table-spaces', 'bootstrap-data-set'] }),
    });
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate({ volumes: withVolume('DATA1', { mirroring: 'constant' }) }, { splitMirrors: [] }), ID)).toEqual([]);
  });
});
