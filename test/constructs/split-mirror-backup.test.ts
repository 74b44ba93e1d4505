import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Manifest, Testing, TerraformStack } from 'cdktf';
import {
  ChangeRate,
  DatabaseContent,
  LinkMode,
  PLAN_JSON_FILE,
  PLAN_MARKDOWN_FILE,
  SecondCopyStart,
  SplitMirrorBackup,
  planDocumentSchema,
  type MirrorVolumeProps,
  type SplitMirrorBackupProps,
  type SplitMirrorDecl,
} from '../../lib';
import { expectSanDrError, newStack, readIn, stackDir, thrownBy } from './helpers';
import { backupProps, declare, LIVE_LSS, SECONDARY_LSS, syncLink, volume } from './split-mirror-helpers';

const PLAN = 'test/Plan';
const BACKUP = 'test/Plan/Backup';

/** The declaration the construct hands to the analysis. */
function declared(edit?: (props: SplitMirrorBackupProps) => unknown): SplitMirrorDecl {
  const { plan } = declare(edit);
  const [analysis] = plan.analysis().splitMirrors;
  return analysis.splitMirror;
}

/** The backup's props with one top-level prop replaced (or added, to test rejection). */
const withProp = (key: string, value: unknown) => (props: SplitMirrorBackupProps) => ({ ...props, [key]: value });

/** The backup's props with volume `i` edited. */
const withVolume = (i: number, edit: (v: MirrorVolumeProps) => unknown) => (props: SplitMirrorBackupProps) => ({
  ...props,
  volumes: props.volumes.map((v, j) => (j === i ? edit(v) : v)),
});

describe('SplitMirrorBackup defaults', () => {
  test('mirroring follows what a volume holds: logs, the bootstrap data set and catalogs are constant', () => {
    const contents = Object.values(DatabaseContent);
    const decl = declared((props) => ({
      ...props,
      volumes: [
        ...contents.map((content, i) => volume(`V${i}`, i, [content], '0MB/s')),
        // A declared mode wins over the default, both ways.
        { ...volume('TSCONST', 7, [DatabaseContent.TABLE_SPACES], '0MB/s'), mirroring: 'constant' },
        { ...volume('LOGDEFER', 8, [DatabaseContent.DATABASE_LOGS], '0MB/s'), mirroring: 'backup-only' },
        volume('MIXED', 9, [DatabaseContent.TABLE_SPACES, DatabaseContent.USER_CATALOG], '0MB/s'),
      ],
    }));
    expect(decl.volumes.map((v) => [v.holds.join('+'), v.mirroring])).toEqual([
      ['database-logs', 'constant'],
      ['bootstrap-data-set', 'constant'],
      ['icf-catalog', 'constant'],
      ['user-catalog', 'constant'],
      ['catalog-and-directory', 'backup-only'],
      ['table-spaces', 'backup-only'],
      ['index-spaces', 'backup-only'],
      ['table-spaces', 'constant'],
      ['database-logs', 'backup-only'],
      ['table-spaces+user-catalog', 'constant'],
    ]);
  });

  test('switch point, second copy start, split/command/query times, ports and standby takeover', () => {
    const decl = declared();
    expect(decl.writeSuspend.switchPoint).toBe(0.99);
    expect(decl.secondCopyStart).toBe('physical-complete');
    expect(decl.splitSeconds).toBe(15);
    expect(decl.commandSeconds).toBe(30);
    expect(decl.querySeconds).toBe(30);
    expect(decl.ports).toEqual({ count: 4, maxLogicalPathsPerPort: 64 });
    expect(decl.recovery.standbyTakeoverSeconds).toBe(300);
  });

  test('declared values replace the defaults, and ports.maxLogicalPathsPerPort defaults on its own', () => {
    const decl = declared((props) => ({
      ...props,
      writeSuspend: { ...props.writeSuspend, switchPoint: 0.95 },
      pointInTimeCopy: { ...props.pointInTimeCopy, secondCopyStart: SecondCopyStart.LOGICAL_COMPLETE },
      splitTime: '10s',
      commandTime: '45s',
      queryTime: '1m',
      ports: { count: 2 },
      recovery: { ...props.recovery, standbyTakeoverTime: '2m' },
    }));
    expect(decl.writeSuspend.switchPoint).toBe(0.95);
    expect(decl.secondCopyStart).toBe('logical-complete');
    expect([decl.splitSeconds, decl.commandSeconds, decl.querySeconds]).toEqual([10, 45, 60]);
    expect(decl.ports).toEqual({ count: 2, maxLogicalPathsPerPort: 64 });
    expect(decl.recovery.standbyTakeoverSeconds).toBe(120);
  });

  test('units become base units and the construct path becomes the id', () => {
    const decl = declared();
    expect(decl.id).toBe(BACKUP);
    expect(decl.name).toBe('Backup');
    expect(decl.linkId).toBe('test/Pprc');
    expect(decl.intervalSeconds).toBe(86_400);
    // 10 GB = 1e10 B; 1 MB/s = 1e6 B/s, 100 KB/s = 1e5 B/s; peaks on the constantly mirrored two only.
    expect(decl.volumes.map((v) => [v.name, v.capacityBytes, v.averageChangeBytesPerSecond, v.peakChangeBytesPerSecond])).toEqual([
      ['LOG1', 1e10, 1e6, 1e6],
      ['CAT1', 1e10, 0, 0],
      ['DATA1', 1e10, 1e5, undefined],
      ['DATA2', 1e10, 2e5, undefined],
    ]);
    expect(decl.copyBytesPerSecond).toBe(200e6);
    expect(decl.tapeBytesPerSecond).toBe(100e6);
    expect(decl.writeSuspend).toEqual({
      command: ['db2', '-SET LOG SUSPEND'],
      resumeCommand: ['db2', '-SET LOG RESUME'],
      maxSeconds: 120,
      switchPoint: 0.99,
    });
    expect(decl.standbyRestartSeconds).toBe(300);
    expect(decl.recovery).toEqual({ path: 'point-in-time', restartSeconds: 600, logApplyBytesPerSecond: 10e6, standbyTakeoverSeconds: 300 });
    expect(decl.volumeSets.standby).toEqual({ role: 'standby', name: 'DBt1', logicalSubsystems: ['20', '21'] });
  });

  test('the same LSS ids in another order are the same set', () => {
    const decl = declared((props) => ({
      ...props,
      volumeSets: { ...props.volumeSets, standby: { name: 'DBt1', logicalSubsystems: ['21', '20'] } },
    }));
    expect(decl.volumeSets.standby.logicalSubsystems).toEqual(['21', '20']);
  });
});

describe('SplitMirrorBackup rejects bad props with a SanDrError naming the prop', () => {
  const SHARE = 'a share greater than 0 and less than 1, such as 0.99';
  const ARGV = 'a non-empty argv array of strings';

  test('an asynchronous link', () => {
    expectSanDrError(() => declare(undefined, (stack) => syncLink(stack, 'Wan', LinkMode.ASYNC)), {
      scope: BACKUP,
      propPath: 'link',
      value: 'test/Wan (mode "async")',
      allowed: ['a ReplicationLink with mode "sync"'],
    });
  });

  test('a link in another App', () => {
    expectSanDrError(() => declare(undefined, () => syncLink(new TerraformStack(new App(), 'other'))), {
      scope: BACKUP,
      propPath: 'link',
      value: 'other/Pprc',
      allowed: ['a ReplicationLink of the same App'],
    });
  });

  test('something other than a ReplicationLink', () => {
    expectSanDrError(() => declare(withProp('link', 'test/Pprc')), {
      scope: BACKUP,
      propPath: 'link',
      value: 'test/Pprc',
      allowed: ['a ReplicationLink with mode "sync"'],
    });
  });

  test("a volume's LSS not in its set's list", () => {
    expectSanDrError(
      () => declare(withVolume(1, (v) => ({ ...v, logicalSubsystem: { ...v.logicalSubsystem, mirror: '22' } }))),
      {
        scope: BACKUP,
        propPath: 'volumes[1].logicalSubsystem.mirror',
        value: '22',
        allowed: ['one of the LSS ids of volume set DBt0: 20, 21'],
      },
    );
  });

  test('safetyCopy and standby with the same name but different LSS lists', () => {
    expectSanDrError(
      () =>
        declare((props) => ({
          ...props,
          volumeSets: { ...props.volumeSets, standby: { name: 'DBt1', logicalSubsystems: ['20', '21', '22'] } },
        })),
      {
        scope: BACKUP,
        propPath: 'volumeSets.standby.logicalSubsystems',
        value: ['20', '21', '22'],
        got: 'an array of 3',
        allowed: ['the same LSS ids as volumeSets.safetyCopy, which is the same set DBt1'],
      },
    );
  });

  test('safetyCopy and standby with the same name but a volume on different LSSs', () => {
    expectSanDrError(
      () => declare(withVolume(2, (v) => ({ ...v, logicalSubsystem: { ...v.logicalSubsystem, standby: '21' } }))),
      {
        scope: BACKUP,
        propPath: 'volumes[2].logicalSubsystem.standby',
        value: '21',
        allowed: ['LSS 20, as for safetyCopy: both are set DBt1'],
      },
    );
  });

  test('tape staging named like the safety copy', () => {
    expectSanDrError(
      () => declare((props) => ({ ...props, volumeSets: { ...props.volumeSets, tapeStaging: { name: 'DBt1', logicalSubsystems: SECONDARY_LSS } } })),
      {
        scope: BACKUP,
        propPath: 'volumeSets.tapeStaging.name',
        value: 'DBt1',
        allowed: ["a name other than volumeSets.safetyCopy's: only safetyCopy and standby may be the same set"],
      },
    );
  });

  test('the mirror named like the live set', () => {
    expectSanDrError(
      () => declare((props) => ({ ...props, volumeSets: { ...props.volumeSets, mirror: { name: 'DBt2', logicalSubsystems: LIVE_LSS } } })),
      {
        scope: BACKUP,
        propPath: 'volumeSets.mirror.name',
        value: 'DBt2',
        allowed: ["a name other than volumeSets.live's"],
      },
    );
  });

  test('two volumes with the same name', () => {
    expectSanDrError(() => declare(withVolume(3, (v) => ({ ...v, name: 'DATA1' }))), {
      scope: BACKUP,
      propPath: 'volumes[3].name',
      value: 'DATA1',
      allowed: ['a volume name not used by another volume of this backup'],
    });
  });

  test('no volumes', () => {
    expectSanDrError(() => declare(withProp('volumes', [])), {
      scope: BACKUP,
      propPath: 'volumes',
      value: [],
      got: 'an array of 0',
      allowed: ['at least one volume'],
    });
  });

  test.each([
    ['0', 0],
    ['1', 1],
    ['NaN', NaN],
  ])('switchPoint %s', (_, switchPoint) => {
    expectSanDrError(() => declare((props) => ({ ...props, writeSuspend: { ...props.writeSuspend, switchPoint } })), {
      scope: BACKUP,
      propPath: 'writeSuspend.switchPoint',
      value: switchPoint,
      allowed: [SHARE],
    });
  });

  test('an empty argv for the write suspend', () => {
    expectSanDrError(() => declare((props) => ({ ...props, writeSuspend: { ...props.writeSuspend, command: [] } })), {
      scope: BACKUP,
      propPath: 'writeSuspend.command',
      value: [],
      got: 'an array of 0',
      allowed: [ARGV],
    });
  });

  test('an argv whose program is empty', () => {
    expectSanDrError(() => declare((props) => ({ ...props, writeSuspend: { ...props.writeSuspend, command: [''] } })), {
      scope: BACKUP,
      propPath: 'writeSuspend.command',
      value: [''],
      got: 'an array of 1',
      allowed: [ARGV, 'whose program (the first element) is not empty'],
    });
  });

  test('a misspelt required prop is named, not reported as the real one missing', () => {
    const misspelt = (props: SplitMirrorBackupProps) => {
      const { maxDuration, ...rest } = props.writeSuspend;
      return { ...props, writeSuspend: { ...rest, maxDurration: maxDuration } };
    };
    expectSanDrError(() => declare(misspelt), {
      scope: BACKUP,
      propPath: 'writeSuspend.maxDurration',
      value: '2m',
      allowed: ['no such prop; did you mean "maxDuration"?; known props here: command, resumeCommand, maxDuration, switchPoint'],
    });
  });

  test('an argv given as one string for the resume', () => {
    expectSanDrError(
      () => declare((props) => ({ ...props, writeSuspend: { ...props.writeSuspend, resumeCommand: 'db2 -SET LOG RESUME' } })),
      {
        scope: BACKUP,
        propPath: 'writeSuspend.resumeCommand',
        value: 'db2 -SET LOG RESUME',
        allowed: [ARGV],
      },
    );
  });

  test('a misspelt prop lists the known props', () => {
    const error = expectSanDrError(() => declare(withProp('splitTme', '10s')), {
      scope: BACKUP,
      propPath: 'splitTme',
      value: '10s',
      allowed: ['no such prop; did you mean "splitTime"?; known props here: '],
    });
    expect(error.allowed).toBe(
      'no such prop; did you mean "splitTime"?; known props here: link, interval, volumes, volumeSets, writeSuspend, pointInTimeCopy, tape, ' +
        'standby, recovery, splitTime, commandTime, queryTime, ports',
    );
  });

  test('a misspelt nested prop lists the known props of its object', () => {
    const error = expectSanDrError(
      () => declare((props) => ({ ...props, pointInTimeCopy: { ...props.pointInTimeCopy, secondCopyStrat: 'logical-complete' } })),
      {
        scope: BACKUP,
        propPath: 'pointInTimeCopy.secondCopyStrat',
        value: 'logical-complete',
      },
    );
    expect(error.allowed).toBe('no such prop; did you mean "secondCopyStart"?; known props here: rate, secondCopyStart');
  });

  type DurationRow = [string, (props: SplitMirrorBackupProps) => unknown, string, string, string];
  const durations: DurationRow[] = [
    ['negative interval', withProp('interval', '-24h'), 'interval', '-24h', 'a duration'],
    ['zero interval', withProp('interval', '0h'), 'interval', '0h', 'greater than zero'],
    ['zero split time', withProp('splitTime', '0s'), 'splitTime', '0s', 'greater than zero'],
    ['negative command time', withProp('commandTime', '-30s'), 'commandTime', '-30s', 'a duration'],
    ['zero query time', withProp('queryTime', '0s'), 'queryTime', '0s', 'greater than zero'],
    ['zero write-suspend maximum', (p) => ({ ...p, writeSuspend: { ...p.writeSuspend, maxDuration: '0s' } }), 'writeSuspend.maxDuration', '0s', 'greater than zero'],
    ['negative standby restart', (p) => ({ ...p, standby: { restartTime: '-5m' } }), 'standby.restartTime', '-5m', 'a duration'],
    ['zero recovery restart', (p) => ({ ...p, recovery: { ...p.recovery, restartTime: '0m' } }), 'recovery.restartTime', '0m', 'greater than zero'],
    ['zero standby takeover', (p) => ({ ...p, recovery: { ...p.recovery, standbyTakeoverTime: '0s' } }), 'recovery.standbyTakeoverTime', '0s', 'greater than zero'],
  ];
  test.each(durations)('%s', (_, edit, propPath, value, allowed) => {
    expectSanDrError(() => declare(edit), { scope: BACKUP, propPath, value, allowed: [allowed] });
  });

  test('zero copy and tape rates', () => {
    expectSanDrError(() => declare((p) => ({ ...p, pointInTimeCopy: { rate: '0MB/s' } })), {
      scope: BACKUP,
      propPath: 'pointInTimeCopy.rate',
      value: '0MB/s',
      allowed: ['a data rate greater than zero'],
    });
    expectSanDrError(() => declare((p) => ({ ...p, tape: { rate: '-100MB/s' } })), {
      scope: BACKUP,
      propPath: 'tape.rate',
      value: '-100MB/s',
      allowed: ['a data rate'],
    });
  });

  test('an unknown DatabaseContent', () => {
    expectSanDrError(() => declare(withVolume(0, (v) => ({ ...v, holds: ['redo-logs'] }))), {
      scope: BACKUP,
      propPath: 'volumes[0].holds[0]',
      value: 'redo-logs',
      allowed: ['one of "database-logs", "bootstrap-data-set", "icf-catalog", "user-catalog", "catalog-and-directory", "table-spaces", "index-spaces"'],
    });
  });

  test('an unknown recovery path and second copy start', () => {
    expectSanDrError(() => declare((p) => ({ ...p, recovery: { ...p.recovery, path: 'tape' } })), {
      scope: BACKUP,
      propPath: 'recovery.path',
      value: 'tape',
      allowed: ['one of "read-only-standby", "last-backup", "point-in-time"'],
    });
    expectSanDrError(() => declare((p) => ({ ...p, pointInTimeCopy: { rate: '200MB/s', secondCopyStart: 'immediately' } })), {
      scope: BACKUP,
      propPath: 'pointInTimeCopy.secondCopyStart',
      value: 'immediately',
      allowed: ['one of "physical-complete", "logical-complete"'],
    });
  });

  test('an LSS id that is not hexadecimal', () => {
    expectSanDrError(() => declare(withVolume(0, (v) => ({ ...v, logicalSubsystem: { ...v.logicalSubsystem, live: 'LSS1' } }))), {
      scope: BACKUP,
      propPath: 'volumes[0].logicalSubsystem.live',
      value: 'LSS1',
      allowed: ['1-4 hexadecimal digits'],
    });
  });

  test('zero ports', () => {
    expectSanDrError(() => declare(withProp('ports', { count: 0 })), {
      scope: BACKUP,
      propPath: 'ports.count',
      value: 0,
      allowed: ['a whole number of at least 1'],
    });
  });

  test('declared outside a DisasterRecoveryPlan', () => {
    const stack = newStack();
    const link = syncLink(stack);
    expectSanDrError(() => new SplitMirrorBackup(stack, 'Backup', backupProps(link)), {
      scope: 'test/Backup',
      propPath: 'scope',
      value: 'test/Backup',
      allowed: ['a scope inside a DisasterRecoveryPlan', 'SplitMirrorBackup'],
    });
  });
});

describe('SplitMirrorBackup synthesis', () => {
  const tempDirs: string[] = [];
  afterAll(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  function synthesizeInto(stack: TerraformStack, outdir: string): void {
    stack.synthesizer.synthesize({ outdir, manifest: new Manifest('stubbed', outdir, false) });
  }

  test('a valid design writes dr-plan.json with the split mirror, its 22-step cycle and write-suspend window', () => {
    const { stack } = declare();
    const outdir = Testing.fullSynth(stack);
    tempDirs.push(outdir);
    const doc = planDocumentSchema.parse(JSON.parse(readIn(outdir, stack, PLAN_JSON_FILE)));
    expect(doc.verdict).toBe('pass');
    expect(doc.findingCounts.errors).toBe(0);
    const [plan] = doc.plans;
    expect(plan.id).toBe(PLAN);
    expect(plan.splitMirrors).toHaveLength(1);
    const [backup] = plan.splitMirrors;
    expect(backup.id).toBe(BACKUP);
    expect(backup.link).toBe('test/Pprc');
    expect(backup.cycle).toHaveLength(22);
    expect(backup.cycle[0].id).toBe('suspend-log-pairs');
    expect(backup.cycle[21].id).toBe('verify-tape-dump');
    // Backlog 1.876e10 B as in the fixture; at 0.99, 1.876e8 B remain and drain in 1.876 s, within one query.
    // Window: default command 30 s + query 30 s + default split 15 s + command 30 s = 105 s.
    expect(backup.writeSuspend.remainingBytes).toBe(187_600_000);
    expect(backup.writeSuspend.parts).toEqual([
      { number: 4, what: 'Suspend database writes (log suspend, not a checkpoint)', seconds: 30 },
      { number: 4, what: 'Query the pairs until the remaining tracks are copied and every pair is in sync', seconds: 30 },
      { number: 5, what: 'Split the mirror: suspend every pair DBt2 -> DBt0 and confirm by query', seconds: 15 },
      { number: 6, what: 'Resume database writes', seconds: 30 },
    ]);
    expect(backup.writeSuspend.windowSeconds).toBe(105);
    expect(backup.writeSuspend.withinLimit).toBe(true);
    expect(backup.fitsInterval).toBe(true);
    expect(readIn(outdir, stack, PLAN_MARKDOWN_FILE).length).toBeGreaterThan(0);
  });

  test('a log volume declared with only an average fails synthesis with SDR-SYNC-PEAK-DECLARED; a peak or a profile passes', () => {
    const averageOnly = (props: SplitMirrorBackupProps) => ({
      ...props,
      volumes: props.volumes.map((v) => (v.name === 'LOG1' ? volume('LOG1', 0, [DatabaseContent.DATABASE_LOGS], '1MB/s') : v)),
    });
    const message = (thrownBy(() => Testing.fullSynth(declare(averageOnly).stack)) as Error).message;
    expect(message).toContain('SDR-SYNC-PEAK-DECLARED');
    expect(message).toContain('Backup Backup mirrors volume LOG1 synchronously all the time over link Pprc');
    // A profile gives the peak: 24 hourly rates, the busiest 2 MB/s.
    const profiled = (props: SplitMirrorBackupProps) => ({
      ...props,
      volumes: props.volumes.map((v) =>
        v.name === 'LOG1' ? { ...v, changeRate: ChangeRate.daily(Array.from({ length: 24 }, (_, hour) => (hour === 2 ? '2MB/s' : '1MB/s'))) } : v,
      ),
    });
    const { plan } = declare(profiled);
    expect(plan.analysis().findings.map((f) => f.ruleId)).not.toContain('SDR-SYNC-PEAK-DECLARED');
    expect(plan.analysis().splitMirrors[0].logMirrorPeakBytesPerSecond).toBe(2e6);
  });

  test("secondCopyStart 'logical-complete' fails synthesis with SDR-PIT-COPY-OVERLAP", () => {
    const logical = (props: SplitMirrorBackupProps) => ({
      ...props,
      pointInTimeCopy: { ...props.pointInTimeCopy, secondCopyStart: SecondCopyStart.LOGICAL_COMPLETE },
    });
    const error = thrownBy(() => Testing.fullSynth(declare(logical).stack));
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('SDR-PIT-COPY-OVERLAP');
    expect(message).toContain(BACKUP);
    // 498.1702 + 200 = 698.1702 s (11m 38.2s) against a start at 588.1702 s (9m 48.2s), as in the fixture:
    // the split (15 s instead of 10 s) moves both by the same 5 s, so 9m 53.2s and 11m 43.2s.
    expect(message).toContain('step 10 (copy-to-tape-staging, DBt1 -> DBt1P) starts 9m 53.2s into the cycle');
    expect(message).toContain('physically completed at 11m 43.2s');
    expect(message).toContain('DBt1 would be in two point-in-time-copy relationships for 1m 50s');

    // Into an outdir that holds the plan of the valid design: the failed synthesis replaces it with a
    // failing plan and removes the cdk.tf.json, so nothing from the passing design is left.
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-san-dr-split-mirror.'));
    tempDirs.push(outdir);
    const good = declare();
    synthesizeInto(good.stack, outdir);
    expect(fs.existsSync(path.join(stackDir(outdir, good.stack), PLAN_JSON_FILE))).toBe(true);
    expect(fs.existsSync(path.join(stackDir(outdir, good.stack), 'cdk.tf.json'))).toBe(true);
    const bad = declare(logical);
    expect(bad.stack.node.id).toBe(good.stack.node.id);
    expect(() => synthesizeInto(bad.stack, outdir)).toThrow(/SDR-PIT-COPY-OVERLAP/);
    const failed = JSON.parse(fs.readFileSync(path.join(stackDir(outdir, bad.stack), PLAN_JSON_FILE), 'utf8'));
    expect([failed.verdict, failed.terraform]).toEqual(['fail', null]);
    expect(failed.plans[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('SDR-PIT-COPY-OVERLAP');
    expect(fs.existsSync(path.join(stackDir(outdir, bad.stack), 'cdk.tf.json'))).toBe(false);
  });
});
