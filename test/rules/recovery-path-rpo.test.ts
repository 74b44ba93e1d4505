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
 * - read-only-standby: 86400 + 1058.1702 (standby restarted) - 338.1702 = 87120 s;
 * - last-backup: 86400 + 758.1702 (tape-staging copy logically complete) - 338.1702 = 86820 s;
 * - point-in-time: 588.1702 (log pairs in sync again) - 0 (log pairs suspended) = 588.1702 s.
 * The cycle ends at 1358.1702 s (22m 38.2s).
 */
describe('SDR-RECOVERY-PATH-RPO', () => {
  test('is an error', () => {
    expect(recoveryPathRpo.id).toBe(ID);
    expect(recoveryPathRpo.level).toBe('error');
  });

  test('the unmodified fixture: point-in-time loses 588.1702 s, within the 900 s RPO', () => {
    const scenarios = analyzeFirst(splitMirrorEstate()).splitMirrors[0].scenarios;
    expect(scenarios.map((s) => s.kind)).toEqual(['read-only-standby', 'last-backup', 'point-in-time']);
    expect(scenarios[0].rpoSeconds).toBeCloseTo(87120, 6);
    expect(scenarios[1].rpoSeconds).toBeCloseTo(86820, 6);
    expect(scenarios[2].rpoSeconds).toBeCloseTo(588.1702, 4);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('recovery path last-backup loses a day and more; point-in-time would meet the RPO', () => {
    // 86820 s = 1d 7m; RPO 900 s = 15m; only point-in-time (588.1702 s) is within it.
    const finding = onlyFinding(splitMirrorEstate(path('last-backup')), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: recovery path last-backup loses up to 1d 7m (one backup interval plus the time from ' +
        "the write suspend until the DBt1P copy is logically complete); the plan's RPO is 15m.",
    );
    // An interval of 900 - (86820 - 86400) = 480 s (8m) would do, but the cycle takes 1358.1702 s.
    expect(finding.fix).toBe(
      'Choose recovery path point-in-time. No backup interval makes last-backup meet it: the interval would have to be ' +
        'at most 8m, shorter than the 22m 38.2s cycle, because a backup is usable only 7m after its consistency point.',
    );
  });

  test('recovery path read-only-standby', () => {
    // 87120 s = 1d 12m.
    const finding = onlyFinding(splitMirrorEstate(path('read-only-standby')), ID);
    expect(finding.message).toBe(
      'Backup Backup: recovery path read-only-standby loses up to 1d 12m (one backup interval plus the time ' +
        "from the write suspend until the standby has restarted); the plan's RPO is 15m.",
    );
    // 900 - 720 = 180 s (3m), shorter than the 1358.1702 s cycle.
    expect(finding.fix).toBe(
      'Choose recovery path point-in-time. No backup interval makes read-only-standby meet it: the interval would have ' +
        'to be at most 3m, shorter than the 22m 38.2s cycle, because a backup is usable only 12m after its consistency point.',
    );
  });

  test('an RPO of 5 minutes: no scenario meets it', () => {
    // point-in-time 588.1702 s = 9m 48.2s > 300 s.
    const finding = onlyFinding(splitMirrorEstate({}, { rpoSeconds: 300 }), ID);
    expect(finding.message).toBe(
      'Backup Backup: recovery path point-in-time loses up to 9m 48.2s (the log writes made while the log volumes are ' +
        "not mirrored: from the suspend of the log pairs until they are in sync again); the plan's RPO is 5m.",
    );
    // The interval barely moves the log mirror's gap: the fix is about the gap itself.
    expect(finding.fix).toBe(
      'Shorten the gap in log mirroring (now 9m 48.2s, from suspending the log pairs until they are in sync again) ' +
        'with faster commands and queries or a faster link.',
    );
  });

  test('boundary: a loss exactly equal to the RPO passes, one second less of RPO fails', () => {
    // No writes: the switch point at 150 s; suspend 150-180, query 180-210, split 210-220, resume 220-250,
    // step 7 250-280, copy to standby 280-310 and its query 310-340, log pairs re-established 340-370 and in sync
    // after one query at 400 s: point-in-time loses 400 s.
    const quiet = { volumes: quietVolumes() };
    expect(analyzeFirst(splitMirrorEstate(quiet)).splitMirrors[0].scenarios[2].rpoSeconds).toBe(400);
    expect(findingsOf(splitMirrorEstate(quiet, { rpoSeconds: 400 }), ID)).toEqual([]);
    expect(onlyFinding(splitMirrorEstate(quiet, { rpoSeconds: 399 }), ID).message).toContain(
      "loses up to 6m 40s (the log writes made while the log volumes are not mirrored: from the suspend of the log pairs until they are in sync again); the plan's RPO is 6m 39s.",
    );
    // last-backup: the standby copy (copying from 310 s) is physically complete at 510 s, the second copy runs
    // 510-540 and is logically complete at 570 s: 86400 + 570 - 150 (write suspend) = 86820 s.
    const lastBackup = { ...quiet, ...path('last-backup') };
    expect(findingsOf(splitMirrorEstate(lastBackup, { rpoSeconds: 86_820 }), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(lastBackup, { rpoSeconds: 86_819 }), ID)).toHaveLength(1);
  });

  test('several scenarios meeting the RPO are all offered', () => {
    // RPO 86,900 s: last-backup (86820) and point-in-time (588.1702) meet it, read-only-standby (87120) does not.
    const finding = onlyFinding(splitMirrorEstate(path('read-only-standby'), { rpoSeconds: 86_900 }), ID);
    expect(finding.fix).toBe(
      // 86,900 - (87120 - 86400) = 86180 s = 23h 56m 20s, longer than the cycle.
      'Choose recovery path last-backup or point-in-time; or shorten the backup interval to at most 23h 56m 20s.',
    );
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(path('last-backup'), { splitMirrors: [] }), ID)).toEqual([]);
  });
});
