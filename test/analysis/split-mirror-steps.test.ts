import { planSteps } from '../../lib/analysis/steps';
import { mirrorLink, splitMirrorPlan } from '../fixtures/split-mirror';

// Fixture: 4 volumes on 2 LSS pairs (10->20: LOG1, DATA1; 11->21: CAT1, DATA2), LOG1 and CAT1 mirrored constantly.
describe('deployment steps of a split-mirror backup', () => {
  const steps = planSteps(splitMirrorPlan(), new Map([[mirrorLink().id, mirrorLink()]]));
  const byId = new Map(steps.map((s) => [s.id, s]));

  test('paths per LSS pair, then one pair per volume, then the backup cycle is scheduled last', () => {
    expect(steps.map((s) => s.id)).toEqual([
      'replication.establish-mirror-paths.Backup.lss-10-20',
      'replication.establish-mirror-paths.Backup.lss-11-21',
      'replication.establish-log-mirror.Backup.CAT1',
      'replication.establish-log-mirror.Backup.LOG1',
      'replication.establish-data-mirror.Backup.DATA1',
      'replication.establish-data-mirror.Backup.DATA2',
      'schedule.schedule-backup-cycle.Backup',
    ]);
  });

  test('each pair needs the paths of its own LSS pair, and the cycle needs every pair', () => {
    expect(byId.get('replication.establish-log-mirror.Backup.CAT1')!.dependsOn).toEqual(['replication.establish-mirror-paths.Backup.lss-11-21']);
    expect(byId.get('replication.establish-data-mirror.Backup.DATA1')!.dependsOn).toEqual(['replication.establish-mirror-paths.Backup.lss-10-20']);
    expect(byId.get('schedule.schedule-backup-cycle.Backup')!.dependsOn).toEqual([
      'replication.establish-data-mirror.Backup.DATA1',
      'replication.establish-data-mirror.Backup.DATA2',
      'replication.establish-log-mirror.Backup.CAT1',
      'replication.establish-log-mirror.Backup.LOG1',
    ]);
  });

  test('the triggers of the scheduled cycle re-run it when any of them changes: interval, sets, switch point, commands', () => {
    expect(byId.get('schedule.schedule-backup-cycle.Backup')!.params).toEqual({
      backup: 'Backup',
      intervalSeconds: '86400',
      volumeSets: 'live=DBt2,mirror=DBt0,safetyCopy=DBt1,standby=DBt1,tapeStaging=DBt1P',
      switchPoint: '0.99',
      maxWriteSuspendSeconds: '120',
      writeSuspendCommand: '["db2","-SET LOG SUSPEND"]',
      writeResumeCommand: '["db2","-SET LOG RESUME"]',
      secondCopyStart: 'physical-complete',
    });
  });

  test('a data volume is copied in full once and then suspended; a log volume stays mirrored', () => {
    expect(byId.get('replication.establish-data-mirror.Backup.DATA2')!.title).toBe(
      'Establish the pair for data volume DATA2 (DBt2 -> DBt0), wait for the full copy, then suspend it until the first backup',
    );
    expect(byId.get('replication.establish-log-mirror.Backup.LOG1')!.title).toBe(
      'Establish the synchronous pair for log volume LOG1 (DBt2 -> DBt0) and keep it mirrored',
    );
  });
});
