import type { MirrorVolumeDecl, VolumeSetRole } from '../../lib/model/split-mirror';
import { lssBalance } from '../../lib/rules/lss-balance';
import { estate } from '../fixtures/estate';
import { mirrorVolume, mirrorVolumes, SPLIT_MIRROR_ID, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-LSS-BALANCE';

/** The fixture's volumes (LOG1, CAT1, DATA1, DATA2), each placed on `lss[i]` in set `role`. */
function placed(role: VolumeSetRole, lss: readonly string[], volumes: MirrorVolumeDecl[] = mirrorVolumes()): MirrorVolumeDecl[] {
  expect(lss).toHaveLength(volumes.length);
  return volumes.map((v, i) => ({ ...v, logicalSubsystem: { ...v.logicalSubsystem, [role]: lss[i] } }));
}

describe('SDR-LSS-BALANCE', () => {
  test('is a warning', () => {
    expect(lssBalance.id).toBe(ID);
    expect(lssBalance.level).toBe('warning');
  });

  test('the unmodified fixture places two volumes on each LSS of every set', () => {
    const balance = analyzeFirst(splitMirrorEstate()).splitMirrors[0].lssBalance;
    // DBt1 is the safety copy and the standby: counted once.
    const two = (a: string, b: string) => [{ lss: a, volumes: 2 }, { lss: b, volumes: 2 }];
    expect(balance.map((b) => [b.setName, b.volumesPerLss, b.even])).toEqual([
      ['DBt2', two('10', '11'), true],
      ['DBt0', two('20', '21'), true],
      ['DBt1', two('20', '21'), true],
      ['DBt1P', two('20', '21'), true],
    ]);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('every live volume on LSS 10', () => {
    // 4 and 0: a difference of 4 > 1. Fix: 4 volumes / 2 LSS = 2 on each.
    const finding = onlyFinding(splitMirrorEstate({ volumes: placed('live', ['10', '10', '10', '10']) }), ID);
    expect(finding.level).toBe('warning');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe('Backup Backup: volume set DBt2 places 4 on LSS 10, 0 on LSS 11.');
    expect(finding.fix).toBe('Place 2 volumes of DBt2 on each of its 2 logical subsystems.');
  });

  test('boundary: a difference of one is even, a difference of two is not', () => {
    // Five volumes on the mirror set: 3 and 2 pass; 4 and 1 do not, and 5 / 2 gives "2 or 3".
    const five = [...mirrorVolumes(), mirrorVolume('DATA3', 4)];
    expect(findingsOf(splitMirrorEstate({ volumes: placed('mirror', ['20', '20', '20', '21', '21'], five) }), ID)).toEqual([]);
    const finding = onlyFinding(splitMirrorEstate({ volumes: placed('mirror', ['20', '20', '20', '20', '21'], five) }), ID);
    expect(finding.message).toBe('Backup Backup: volume set DBt0 places 4 on LSS 20, 1 on LSS 21.');
    expect(finding.fix).toBe('Place 2 or 3 volumes of DBt0 on each of its 2 logical subsystems.');
  });

  test('an LSS the set lists but no volume uses counts as zero', () => {
    // Tape staging lists 20, 21, 22 and uses 20 and 21 twice each: 2, 2, 0 (a difference of 2).
    const base = splitMirrorEstate().plans[0].splitMirrors![0].volumeSets;
    const volumeSets = { ...base, tapeStaging: { ...base.tapeStaging, logicalSubsystems: ['20', '21', '22'] } };
    const finding = onlyFinding(splitMirrorEstate({ volumeSets }), ID);
    expect(finding.message).toBe('Backup Backup: volume set DBt1P places 2 on LSS 20, 2 on LSS 21, 0 on LSS 22.');
    // 4 / 3: "1 or 2".
    expect(finding.fix).toBe('Place 1 or 2 volumes of DBt1P on each of its 3 logical subsystems.');
  });

  test('a set used as safety copy and standby is reported once', () => {
    const finding = onlyFinding(splitMirrorEstate({ volumes: placed('safetyCopy', ['21', '21', '21', '21']) }), ID);
    expect(finding.message).toBe('Backup Backup: volume set DBt1 places 0 on LSS 20, 4 on LSS 21.');
  });

  test('one finding per uneven set', () => {
    const volumes = placed('tapeStaging', ['20', '20', '20', '20'], placed('live', ['11', '11', '11', '11']));
    expect(findingsOf(splitMirrorEstate({ volumes }), ID).map((f) => f.message)).toEqual([
      // Findings on one construct are ordered by what they say.
      'Backup Backup: volume set DBt1P places 4 on LSS 20, 0 on LSS 21.',
      'Backup Backup: volume set DBt2 places 0 on LSS 10, 4 on LSS 11.',
    ]);
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate({ volumes: placed('live', ['10', '10', '10', '10']) }, { splitMirrors: [] }), ID)).toEqual([]);
  });

  test('LSS ids are listed in text order, even when some look like numbers', () => {
    // "0A" sorts before "10"; an object keyed by id would list "10" first.
    const base = splitMirrorEstate().plans[0].splitMirrors![0].volumeSets;
    const volumeSets = { ...base, live: { ...base.live, logicalSubsystems: ['10', '0A'] } };
    const finding = onlyFinding(splitMirrorEstate({ volumeSets, volumes: placed('live', ['0A', '0A', '0A', '0A']) }), ID);
    expect(finding.message).toBe('Backup Backup: volume set DBt2 places 4 on LSS 0A, 0 on LSS 10.');
  });
});
