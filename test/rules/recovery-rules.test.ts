import type { PlanDecl } from '../../lib/model/design';
import { archiveLogs } from '../../lib/rules/archive-logs';
import { failbackWindow } from '../../lib/rules/failback-window';
import { peerRecovery } from '../../lib/rules/peer-recovery';
import { rtoBudget } from '../../lib/rules/rto-budget';
import { tranlogDatabase } from '../../lib/rules/tranlog-database';
import { estate, site, tranlogVolume, dataVolume, logVolume, schedule, RECOVERY_TIMES } from '../fixtures/estate';
import { mirrorVolumes, SPLIT_MIRROR_ID, splitMirrorEstate } from '../fixtures/split-mirror';
import { findingsOf, onlyFinding, ruleIdsOf } from './helpers';

const TIMES = RECOVERY_TIMES;
const design = (overrides: Partial<PlanDecl> = {}) => estate({ recoveryTimes: TIMES, ...overrides });

describe('SDR-RTO-BUDGET', () => {
  test('is a non-suppressible error', () => {
    expect(rtoBudget).toMatchObject({ id: 'SDR-RTO-BUDGET', level: 'error', suppressible: false });
  });

  test('the failover critical path (2220 s by hand, test/analysis/recovery.test.ts) fits a 37-minute RTO exactly', () => {
    expect(findingsOf(design({ rtoSeconds: 2220 }), 'SDR-RTO-BUDGET')).toEqual([]);
    expect(findingsOf(design({ rtoSeconds: undefined }), 'SDR-RTO-BUDGET')).toEqual([]);
  });

  test('one second less: the error names the chain, the longest steps and the fix, as SDR-RPO-BUDGET does', () => {
    // 2220 - 2000 = 220 s over. Longest on the path: verify 900, declare 600, database 300.
    const finding = onlyFinding(design({ rtoSeconds: 2000 }), 'SDR-RTO-BUDGET');
    expect(finding.path).toBe('app/Baw');
    expect(finding.message).toBe(
      'Plan Baw cannot meet the 33m 20s RTO: the failover takes 37m on its critical path = declare-and-fence 10m + ' +
        'make-snapshot-writable.RuntimeData 1m + run-recovery-scripts.db1-dr 2m + start-database.db1-dr 5m + ' +
        'start-application-server.was1-dr 4m + verify-and-redirect 15m, 3m 40s over the target. Longest steps: ' +
        'verify-and-redirect (step 6, 15m: recoveryTimes.verification), declare-and-fence (step 1, 10m: ' +
        'recoveryTimes.declareAndFence), start-database.db1-dr (step 4, 5m: recoveryTimes.databaseRestart).',
    );
    expect(finding.fix).toBe(
      'Shorten the longest steps of the critical path by 3m 40s together (declare measured times in recoveryTimes, ' +
        'or automate them); or declare an RTO of at least 37m.',
    );
    expect(findingsOf(design({ rtoSeconds: 2219 }), 'SDR-RTO-BUDGET')).toHaveLength(1);
  });

  test('shortening the longest step by what the finding says is enough', () => {
    // Verification 900 - 220 = 680 s: 2000 s.
    expect(findingsOf(design({ rtoSeconds: 2000, recoveryTimes: { ...TIMES, verificationSeconds: 680 } }), 'SDR-RTO-BUDGET')).toEqual([]);
  });

  test('a split-mirror plan has no seed-000 failover: SDR-RECOVERY-PATH-RTO checks it instead', () => {
    expect(findingsOf(splitMirrorEstate({}, { rtoSeconds: 60 }), 'SDR-RTO-BUDGET')).toEqual([]);
  });
});

describe('SDR-PEER-RECOVERY', () => {
  test('is a non-suppressible error', () => {
    expect(peerRecovery).toMatchObject({ id: 'SDR-PEER-RECOVERY', level: 'error', suppressible: false });
  });

  test('every primary application server replaced: nothing to report', () => {
    expect(findingsOf(estate(), 'SDR-PEER-RECOVERY')).toEqual([]);
  });

  test('a recovery site with one application server for two primary ones', () => {
    const recovery = site('recovery');
    const one = { ...recovery, servers: recovery.servers.filter((s) => s.name !== 'was2-dr') };
    const volumes = [dataVolume(), logVolume(), tranlogVolume({ mountedOn: { primary: ['was1', 'was2'], recovery: ['was1-dr'] } })];
    const finding = onlyFinding(estate({ sites: [site('primary'), one], volumes }), 'SDR-PEER-RECOVERY');
    expect(finding.path).toBe('app/Baw/Recovery');
    expect(finding.message).toBe(
      'No server at recovery site Recovery replaces primary application server was2, so nobody recovers its transaction and compensation logs after a failover.',
    );
    expect(finding.fix).toBe("Add an application server to Recovery with replaces: 'was2'.");
  });
});

describe('SDR-FAILBACK-WINDOW', () => {
  test('is a suppressible warning', () => {
    expect(failbackWindow).toMatchObject({ id: 'SDR-FAILBACK-WINDOW', level: 'warning', suppressible: true });
  });

  test('the full resync of 26,761.3 s (7h 26m 1.3s) outlasts a 7-hour window, not an 8-hour one', () => {
    expect(findingsOf(design({ failbackWindowSeconds: 8 * 3600 }), 'SDR-FAILBACK-WINDOW')).toEqual([]);
    expect(findingsOf(design(), 'SDR-FAILBACK-WINDOW')).toEqual([]);
    const finding = onlyFinding(design({ failbackWindowSeconds: 7 * 3600 }), 'SDR-FAILBACK-WINDOW');
    expect(finding.path).toBe('app/Baw/RuntimeData');
    expect(finding.message).toBe('Failback of RuntimeData resynchronises every volume in full in 7h 26m 1.3s; the failback window is 7h.');
    expect(finding.fix).toContain('declare failbackAfter if the primary\'s storage survives');
    expect(finding.fix).toContain('or declare a failback window of at least 7h 26m 1.3s.');
  });

  test('a differential resync (failbackAfter 1 h) fits the same window', () => {
    expect(findingsOf(design({ failbackWindowSeconds: 7 * 3600, failbackAfterSeconds: 3600 }), 'SDR-FAILBACK-WINDOW')).toEqual([]);
  });
});

describe('SDR-TRANLOG-DATABASE-GROUP and the shared-file-system rules', () => {
  test('is a non-suppressible error', () => {
    expect(tranlogDatabase).toMatchObject({ id: 'SDR-TRANLOG-DATABASE-GROUP', level: 'error', suppressible: false });
  });

  test('transaction logs in the database lift the shared-file-system rules', () => {
    const nfs3 = [dataVolume(), logVolume(), tranlogVolume({ fileSystem: { protocol: 'nfs3', mountOptions: ['soft'] }, mountedOn: { primary: ['was1'], recovery: ['was1-dr'] } })];
    expect(ruleIdsOf(estate({ volumes: nfs3 }))).toEqual(expect.arrayContaining(['SDR-TRANLOG-LOCKING', 'SDR-TRANLOG-EVERY-SERVER']));
    const ids = ruleIdsOf(estate({ volumes: nfs3, tranlogStore: 'database' }));
    expect(ids).not.toContain('SDR-TRANLOG-LOCKING');
    expect(ids).not.toContain('SDR-TRANLOG-EVERY-SERVER');
    expect(ids).not.toContain('SDR-TRANLOG-DATABASE-GROUP');
  });

  test('the database must then be in the consistency group', () => {
    // Only the transaction-log volume is captured: the database volumes (and the log tables) are not.
    const partial = estate({ tranlogStore: 'database', schedules: [schedule({ volumeIds: ['app/Baw/Tranlogs'] })] });
    const finding = onlyFinding(partial, 'SDR-TRANLOG-DATABASE-GROUP');
    expect(finding.message).toBe(
      'Plan Baw keeps the transaction logs in the database, but its volumes DatabaseData, DatabaseLogs are not captured in one consistency group with the rest of the database.',
    );
    expect(finding.fix).toBe('Capture DatabaseData, DatabaseLogs in one SnapshotSchedule.');
    const noDatabase = onlyFinding(estate({ tranlogStore: 'database', volumes: [tranlogVolume()], schedules: [schedule({ volumeIds: ['app/Baw/Tranlogs'] })] }), 'SDR-TRANLOG-DATABASE-GROUP');
    expect(noDatabase.message).toContain('no volume holds the database');
  });
});

describe('SDR-ARCHIVE-LOGS', () => {
  test('is a suppressible warning', () => {
    expect(archiveLogs).toMatchObject({ id: 'SDR-ARCHIVE-LOGS', level: 'warning', suppressible: true });
  });

  test('a day of logs beyond the log volume: the archive logs must be at the recovery site', () => {
    // LOG1 1e6 B/s x 86,820 s (last-backup loss) = 8.682e10 B = 80.86 GiB > 10 GB = 9.31 GiB.
    const finding = onlyFinding(splitMirrorEstate(), 'SDR-ARCHIVE-LOGS');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: recovering to a point in time applies up to 80.86 GiB of database logs (written since the last backup, ' +
        'which is up to one 1d interval and the cycle old), but the log volumes hold 9.31 GiB: the rest must come from archive logs at the recovery site.',
    );
    // 1e5 B/s x 86,820 s = 8.682e9 B <= 1e10 B.
    const quiet = mirrorVolumes().map((v) => (v.name === 'LOG1' ? { ...v, averageChangeBytesPerSecond: 1e5 } : v));
    expect(findingsOf(splitMirrorEstate({ volumes: quiet }), 'SDR-ARCHIVE-LOGS')).toEqual([]);
  });
});
