import type { RecoveryScenarioKind } from '../../lib/model/split-mirror';
import { recoveryPathRto } from '../../lib/rules/recovery-path-rto';
import { estate } from '../fixtures/estate';
import { SPLIT_MIRROR_ID, splitMirror, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-RECOVERY-PATH-RTO';

/** The fixture with another recovery path. */
const path = (kind: RecoveryScenarioKind) => ({ recovery: { ...splitMirror().recovery, path: kind } });

/**
 * Fixture scenarios' RTO (copy back = 40e9 B set / 1e8 B/s = 400 s; restart 600 s):
 * - read-only-standby: takeover 120 s;
 * - last-backup: 400 + 600 = 1000 s;
 * - point-in-time: 400 + logs 1e6 B/s x 86820 s (the last-backup loss) = 8.682e10 B (80.86 GiB) / 1e7 B/s
 *   = 8682 s + 600 = 9682 s (2h 41m 22s), within the 4 h RTO.
 */
describe('SDR-RECOVERY-PATH-RTO', () => {
  test('is an error', () => {
    expect(recoveryPathRto.id).toBe(ID);
    expect(recoveryPathRto.level).toBe('error');
  });

  test('the unmodified fixture: point-in-time takes 9682 s, within 4 h', () => {
    const scenarios = analyzeFirst(splitMirrorEstate()).splitMirrors[0].scenarios;
    expect(scenarios.map((s) => s.rtoSeconds)).toEqual([120, 1000, expect.closeTo(9682, 6)]);
    expect(scenarios[2].rtoParts.map((p) => p.seconds)).toEqual([400, expect.closeTo(8682, 6), 600]);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('an RTO of 1 h: point-in-time recovery is too slow, the other two are fast enough', () => {
    // 9682 s = 2h 41m 22s = 400 s (6m 40s) + 8682 s (2h 24m 42s) + 600 s (10m).
    const finding = onlyFinding(splitMirrorEstate({}, { rtoSeconds: 3600 }), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: recovery path point-in-time takes 2h 41m 22s = copy DBt0 back to DBt2 over the link 6m 40s + ' +
        "apply up to 80.86 GiB of logs (conditional restart) 2h 24m 42s + restart the database 10m; the plan's RTO is 1h.",
    );
    expect(finding.fix).toBe(
      'Choose recovery path read-only-standby or last-backup, or speed up its longest part (a faster link for the ' +
        'copy back, a faster log apply, a shorter backup interval so that fewer logs are applied).',
    );
  });

  test('an RTO of 1 minute: no scenario meets it', () => {
    // last-backup 1000 s = 16m 40s = copy DBt1P back 400 s + restart 600 s; takeover 120 s > 60 s too.
    const finding = onlyFinding(splitMirrorEstate(path('last-backup'), { rtoSeconds: 60 }), ID);
    expect(finding.message).toBe(
      'Backup Backup: recovery path last-backup takes 16m 40s = copy DBt1P back to DBt2 over the link 6m 40s + ' +
        "restart the database 10m; the plan's RTO is 1m.",
    );
    expect(finding.fix).toMatch(/^Speed up its longest part \(/);
  });

  test('boundary: an RTO exactly equal to the recovery time passes, one second less fails', () => {
    // last-backup: 400 + 600 = 1000 s.
    expect(findingsOf(splitMirrorEstate(path('last-backup'), { rtoSeconds: 1000 }), ID)).toEqual([]);
    const finding = onlyFinding(splitMirrorEstate(path('last-backup'), { rtoSeconds: 999 }), ID);
    expect(finding.message).toContain("takes 16m 40s = copy DBt1P back to DBt2 over the link 6m 40s + restart the database 10m; the plan's RTO is 16m 39s.");
    // Only the standby (120 s) is within 999 s.
    expect(finding.fix).toMatch(/^Choose recovery path read-only-standby, or speed up/);
  });

  test('the read-only standby takes only the takeover', () => {
    // takeover 120 s > RTO 100 s.
    const recovery = { ...splitMirror().recovery, path: 'read-only-standby' as const };
    const finding = onlyFinding(splitMirrorEstate({ recovery }, { rtoSeconds: 100 }), ID);
    expect(finding.message).toBe(
      "Backup Backup: recovery path read-only-standby takes 2m = point users at the read-only standby on DBt1 2m; the plan's RTO is 1m 40s.",
    );
  });

  test('a plan without an RTO is not checked', () => {
    expect(findingsOf(splitMirrorEstate({}, { rtoSeconds: undefined }), ID)).toEqual([]);
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate({}, { rtoSeconds: 60, splitMirrors: [] }), ID)).toEqual([]);
  });
});
