import type { MirrorVolumeDecl, RecoveryScenarioKind } from '../../lib/model/split-mirror';
import { recoveryPathRpo } from '../../lib/rules/recovery-path-rpo';
import { estate } from '../fixtures/estate';
import { mirrorVolumes, SPLIT_MIRROR_ID, splitMirror, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-RECOVERY-PATH-RPO';

/** The fixture with another recovery path. */
const path = (kind: RecoveryScenarioKind) => ({ recovery: { ...splitMirror().recovery, path: kind } });

/** The fixture's volumes with no writes: every instant of the cycle is a whole second. */
const quietVolumes = (): MirrorVolumeDecl[] => mirrorVolumes().map((v) => ({ ...v, averageChangeBytesPerSecond: 0 }));

/**
 * Fixture scenarios (consistency point = the write suspend at 338.1702 s):
 * - read-only-standby: 86400 + 970.0462 (standby restarted) - 338.1702 = 87031.876 s;
 * - last-backup: 86400 + 670.0462 (tape-staging copy logically complete) - 338.1702 = 86731.876 s;
 * - point-in-time: 500.0462 (log pairs in sync again) - 0 (log pairs suspended) = 500.0462 s.
 */
describe('SDR-RECOVERY-PATH-RPO', () => {
  test('is an error', () => {
    expect(recoveryPathRpo.id).toBe(ID);
    expect(recoveryPathRpo.level).toBe('error');
  });

  test('the unmodified fixture: point-in-time loses 500.0462 s, within the 900 s RPO', () => {
    const scenarios = analyzeFirst(splitMirrorEstate()).splitMirrors[0].scenarios;
    expect(scenarios.map((s) => s.kind)).toEqual(['read-only-standby', 'last-backup', 'point-in-time']);
    expect(scenarios[0].rpoSeconds).toBeCloseTo(87031.876, 6);
    expect(scenarios[1].rpoSeconds).toBeCloseTo(86731.876, 6);
    expect(scenarios[2].rpoSeconds).toBeCloseTo(500.0462, 4);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('recovery path last-backup loses a day and more; point-in-time would meet the RPO', () => {
    // 86731.876 s = 1d 5m 31.9s; RPO 900 s = 15m; only point-in-time (500.0462 s) is within it.
    const finding = onlyFinding(splitMirrorEstate(path('last-backup')), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: recovery path last-backup loses up to 1d 5m 31.9s (one backup interval plus the time from ' +
        "the write suspend until the DBt1P copy is logically complete); the plan's RPO is 15m.",
    );
    // An interval of 900 - (86731.876 - 86400) = 568.1 -> 568 s (9m 28s) would do, but the cycle takes 1270.0462 s.
    expect(finding.fix).toBe(
      'Choose recovery path point-in-time. No backup interval makes last-backup meet it: the interval would have to be ' +
        'at most 9m 28s, shorter than the 21m 10s cycle, because a backup is usable only 5m 31.9s after its consistency point.',
    );
  });

  test('recovery path read-only-standby', () => {
    // 87031.876 s = 1d 10m 31.9s.
    const finding = onlyFinding(splitMirrorEstate(path('read-only-standby')), ID);
    expect(finding.message).toBe(
      'Backup Backup: recovery path read-only-standby loses up to 1d 10m 31.9s (one backup interval plus the time ' +
        "from the write suspend until the standby has restarted); the plan's RPO is 15m.",
    );
    // 900 - 631.876 = 268.1 -> 268 s (4m 28s), shorter than the 1270 s cycle.
    expect(finding.fix).toBe(
      'Choose recovery path point-in-time. No backup interval makes read-only-standby meet it: the interval would have ' +
        'to be at most 4m 28s, shorter than the 21m 10s cycle, because a backup is usable only 10m 31.9s after its consistency point.',
    );
  });

  test('an RPO of 5 minutes: no scenario meets it', () => {
    // point-in-time 500.0462 s = 8m 20s > 300 s.
    const finding = onlyFinding(splitMirrorEstate({}, { rpoSeconds: 300 }), ID);
    expect(finding.message).toBe(
      'Backup Backup: recovery path point-in-time loses up to 8m 20s (the log writes made while the log volumes are ' +
        "not mirrored: from the suspend of the log pairs until they are in sync again); the plan's RPO is 5m.",
    );
    // The interval barely moves the log mirror's gap: the fix is about the gap itself.
    expect(finding.fix).toBe(
      'Shorten the gap in log mirroring (now 8m 20s, from suspending the log pairs until they are in sync again) ' +
        'with faster commands and queries or a faster link.',
    );
  });

  test('boundary: a loss exactly equal to the RPO passes, one second less of RPO fails', () => {
    // No writes: log pairs suspended at 0 s, in sync again at 280 + max(30, 0) = 310 s: point-in-time loses 310 s.
    const quiet = { volumes: quietVolumes() };
    expect(analyzeFirst(splitMirrorEstate(quiet)).splitMirrors[0].scenarios[2].rpoSeconds).toBe(310);
    expect(findingsOf(splitMirrorEstate(quiet, { rpoSeconds: 310 }), ID)).toEqual([]);
    expect(onlyFinding(splitMirrorEstate(quiet, { rpoSeconds: 309 }), ID).message).toContain(
      "loses up to 5m 10s (the log writes made while the log volumes are not mirrored: from the suspend of the log pairs until they are in sync again); the plan's RPO is 5m 9s.",
    );
    // last-backup: 86400 + 480 (tape-staging copy logically complete) - 150 (write suspend) = 86730 s.
    const lastBackup = { ...quiet, ...path('last-backup') };
    expect(findingsOf(splitMirrorEstate(lastBackup, { rpoSeconds: 86_730 }), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(lastBackup, { rpoSeconds: 86_729 }), ID)).toHaveLength(1);
  });

  test('several scenarios meeting the RPO are all offered', () => {
    // RPO 86,800 s: last-backup (86731.876) and point-in-time (500.0462) meet it, read-only-standby (87031.876) does not.
    const finding = onlyFinding(splitMirrorEstate(path('read-only-standby'), { rpoSeconds: 86_800 }), ID);
    expect(finding.fix).toBe(
      // 86,800 - (87031.876 - 86400) = 86168.124 -> 86,168 s = 23h 56m 8s, longer than the cycle.
      'Choose recovery path last-backup or point-in-time; or shorten the backup interval to at most 23h 56m 8s.',
    );
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(path('last-backup'), { splitMirrors: [] }), ID)).toEqual([]);
  });
});
