import type { DatabaseContent, MirrorVolumeDecl } from '../../lib/model/split-mirror';
import { logMirroring } from '../../lib/rules/log-mirroring';
import { estate } from '../fixtures/estate';
import { mirrorVolume, mirrorVolumes, SPLIT_MIRROR_ID, splitMirrorEstate } from '../fixtures/split-mirror';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-LOG-MIRRORING';

/** The fixture's volumes with volume `name` changed. */
function withVolume(name: string, changes: Partial<MirrorVolumeDecl>): MirrorVolumeDecl[] {
  const volumes = mirrorVolumes();
  expect(volumes.some((v) => v.name === name)).toBe(true);
  return volumes.map((v) => (v.name === name ? { ...v, ...changes } : v));
}

describe('SDR-LOG-MIRRORING', () => {
  test('is an error', () => {
    expect(logMirroring.id).toBe(ID);
    expect(logMirroring.level).toBe('error');
  });

  test('the unmodified fixture mirrors LOG1 and CAT1 all the time', () => {
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('the log volume mirrored only for backups', () => {
    const finding = onlyFinding(splitMirrorEstate({ volumes: withVolume('LOG1', { mirroring: 'backup-only' }) }), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe("Backup Backup: volume LOG1 holds database-logs but is mirrored only for backups (mirroring: 'backup-only').");
    expect(finding.fix).toBe("Declare volume LOG1 with mirroring: 'constant', or move the database-logs to a constantly mirrored volume.");
  });

  test('the ICF catalog volume mirrored only for backups', () => {
    const finding = onlyFinding(splitMirrorEstate({ volumes: withVolume('CAT1', { mirroring: 'backup-only' }) }), ID);
    expect(finding.message).toBe("Backup Backup: volume CAT1 holds icf-catalog but is mirrored only for backups (mirroring: 'backup-only').");
  });

  test.each<DatabaseContent>(['database-logs', 'bootstrap-data-set', 'icf-catalog', 'user-catalog'])(
    'a backup-only volume holding %s is reported',
    (content) => {
      const design = splitMirrorEstate({ volumes: withVolume('DATA1', { holds: ['table-spaces', content] }) });
      const finding = onlyFinding(design, ID);
      expect(finding.message).toBe(`Backup Backup: volume DATA1 holds ${content} but is mirrored only for backups (mirroring: 'backup-only').`);
    },
  );

  test('the message lists only the log contents of a mixed volume, in declared order', () => {
    const design = splitMirrorEstate({
      volumes: withVolume('DATA2', { holds: ['user-catalog', 'index-spaces', 'bootstrap-data-set'] }),
    });
    const finding = onlyFinding(design, ID);
    expect(finding.message).toBe(
      "Backup Backup: volume DATA2 holds user-catalog, bootstrap-data-set but is mirrored only for backups (mirroring: 'backup-only').",
    );
    expect(finding.fix).toBe(
      "Declare volume DATA2 with mirroring: 'constant', or move the user-catalog, bootstrap-data-set to a constantly mirrored volume.",
    );
  });

  test('one finding per offending volume', () => {
    const volumes = [
      ...mirrorVolumes().map((v) => ({ ...v, mirroring: 'backup-only' as const })),
      mirrorVolume('BSDS1', 0, { holds: ['bootstrap-data-set'], mirroring: 'constant' }),
    ];
    const findings = findingsOf(splitMirrorEstate({ volumes }), ID);
    // Findings on one construct are ordered by what they say, not by declaration order.
    expect(findings.map((f) => f.message.split(' holds')[0])).toEqual(['Backup Backup: volume CAT1', 'Backup Backup: volume LOG1']);
  });

  test('boundary: the DB2 catalog and directory is data, not a log content, and may be backup-only', () => {
    const design = splitMirrorEstate({ volumes: withVolume('DATA1', { holds: ['catalog-and-directory'] }) });
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate({ volumes: withVolume('LOG1', { mirroring: 'backup-only' }) }, { splitMirrors: [] }), ID)).toEqual([]);
  });
});
