import { analyzeEstate } from '../../lib/estate';
import type { Procedure } from '../../lib/analysis/recovery';
import type { PlanDecl } from '../../lib/model/design';
import { peersOf } from '../../lib/model/peers';
import { estate, GiB, perHour, plan, site, RECOVERY_TIMES } from '../fixtures/estate';
import { splitMirrorEstate } from '../fixtures/split-mirror';

const TIMES = RECOVERY_TIMES;

function recoveryOf(overrides: Partial<PlanDecl> = {}) {
  const [analysis] = analyzeEstate(estate({ recoveryTimes: TIMES, ...overrides }));
  return analysis.recovery;
}

function procedure(overrides: Partial<PlanDecl>, id: string): Procedure {
  const found = recoveryOf(overrides).procedures.find((p) => p.id === id);
  if (!found) throw new Error(`no procedure ${id}`);
  return found;
}

const step = (p: Procedure, id: string) => {
  const found = p.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

// The fixture (test/fixtures/estate.ts): was1, was2 and db1 at the primary site, was1-dr, was2-dr and db1-dr at
// the recovery site; DatabaseData and DatabaseLogs on db1, Tranlogs (NFSv4 DFS) on both application servers;
// one schedule RuntimeData, snapshot 60 s, every 15 min over Wan (11,625,000 B/s, 2:1 compression).
describe('failover (seed 000)', () => {
  const failover = procedure({}, 'failover');

  test('six numbered steps, per server (in name order) where the seed says so', () => {
    expect(failover.steps.map((s) => `${s.number} ${s.id}`)).toEqual([
      '1 declare-and-fence',
      '2 make-snapshot-writable.RuntimeData',
      '3 run-recovery-scripts.db1-dr',
      '3 run-recovery-scripts.was1-dr',
      '3 run-recovery-scripts.was2-dr',
      '4 start-database.db1-dr',
      '5 start-application-server.was1-dr',
      '5 start-application-server.was2-dr',
      '6 verify-and-redirect',
    ]);
  });

  test('the critical path of the design, computed by hand', () => {
    // declare and fence 600 s (0-600); snapshot writable 60 s, as long as taking one (600-660); every server mounts
    // in parallel, 120 s (660-780); the database restarts once db1-dr has mounted, 300 s (780-1080); each application
    // server waits for its own mount (780) and for the database (1080), 240 s (1080-1320); verification waits for
    // both, 900 s (1320-2220). Total 600 + 60 + 120 + 300 + 240 + 900 = 2220 s.
    expect(failover.totalSeconds).toBe(2220);
    expect(failover.criticalPath).toEqual([
      'declare-and-fence',
      'make-snapshot-writable.RuntimeData',
      'run-recovery-scripts.db1-dr',
      'start-database.db1-dr',
      'start-application-server.was1-dr',
      'verify-and-redirect',
    ]);
    expect([step(failover, 'start-application-server.was2-dr').startSeconds, step(failover, 'start-application-server.was2-dr').endSeconds]).toEqual([1080, 1320]);
    expect(step(failover, 'run-recovery-scripts.was1-dr')).toMatchObject({ startSeconds: 660, endSeconds: 780, critical: false });
    expect(step(failover, 'verify-and-redirect')).toMatchObject({ startSeconds: 1320, endSeconds: 2220, critical: true });
    expect(recoveryOf().failover).toEqual({ totalSeconds: 2220, rtoSeconds: 4 * 3600, meetsRto: true });
  });

  test('a slower mount on one server moves the path only when it ends after the database', () => {
    // Mount 400 s: the database starts at 660 + 400 = 1060 and ends 1360; application servers 1360-1600; verify to 2500.
    expect(procedure({ recoveryTimes: { ...TIMES, mountVolumesSeconds: 400 } }, 'failover').totalSeconds).toBe(2500);
  });

  test('each recovery application server recovers the logs of the primary server it replaces', () => {
    expect(step(failover, 'start-application-server.was1-dr').params).toMatchObject({
      recoversServer: 'was1',
      logDirectory: '/opt/ibm/WebSphere/tranlogs/was1',
      compensationLogDirectory: '/opt/ibm/WebSphere/tranlogs/was1/compensation',
    });
    // Declared crosswise: was1-dr replaces was2, so was2-dr takes was1 (the primary server left at its position).
    const recovery = site('recovery');
    const crossed = { ...recovery, servers: recovery.servers.map((s) => (s.name === 'was1-dr' ? { ...s, replaces: 'was2' } : s)) };
    const swapped = procedure({ sites: [site('primary'), crossed] }, 'failover');
    expect(step(swapped, 'start-application-server.was1-dr').params.logDirectory).toBe('/opt/ibm/WebSphere/tranlogs/was2');
    expect(step(swapped, 'start-application-server.was2-dr').params.logDirectory).toBe('/opt/ibm/WebSphere/tranlogs/was1');
    expect(step(swapped, 'start-application-server.was1-dr').title).toContain('recover the transaction and compensation logs of was2');
  });

  test('transaction logs in the database: recovered from its tables, no log directory', () => {
    const p = procedure({ tranlogStore: 'database' }, 'failover');
    expect(step(p, 'start-application-server.was1-dr').params).toEqual(expect.objectContaining({ recoversServer: 'was1', logStore: 'database' }));
    expect(step(p, 'start-application-server.was1-dr').params.logDirectory).toBeUndefined();
    expect(step(p, 'start-database.db1-dr').title).toContain('transaction-log tables');
  });

  test('no failover procedure without a snapshot schedule', () => {
    expect(recoveryOf({ schedules: [] }).procedures).toEqual([]);
    expect(recoveryOf({ schedules: [] }).failover).toBeUndefined();
  });
});

describe('peer recovery assignments', () => {
  const withRecovery = (servers: PlanDecl['sites'][number]['servers']) => plan({ sites: [site('primary'), { ...site('recovery'), servers }] });
  const server = (name: string, role: 'application' | 'database', replaces?: string) => ({
    name, role, host: `${name}.example.com`, extraMountPaths: [], ...(replaces ? { replaces } : {}),
  });

  test('by position among servers of the same role, declarations first', () => {
    const peers = peersOf(withRecovery([server('b', 'application', 'was1'), server('a', 'application'), server('d', 'database')]));
    expect(peers.assignments.map((a) => [a.recoveryServer.name, a.primaryServer.name, a.declared])).toEqual([
      ['b', 'was1', true],
      ['a', 'was2', false],
      ['d', 'db1', false],
    ]);
    expect(peers.unreplaced).toEqual([]);
    expect(peers.problems).toEqual([]);
  });

  test('a primary application server nobody replaces, and declarations that cannot hold', () => {
    const short = peersOf(withRecovery([server('a', 'application'), server('d', 'database')]));
    expect(short.unreplaced.map((s) => s.name)).toEqual(['was2']);
    const bad = peersOf(withRecovery([
      server('a', 'application', 'was9'),
      server('b', 'application', 'db1'),
      server('c', 'application', 'was1'),
      server('e', 'application', 'was1'),
      server('f', 'application', 'c'),
    ]));
    expect(bad.problems.map((p) => [p.index, p.value])).toEqual([[0, 'was9'], [1, 'db1'], [3, 'was1'], [4, 'c']]);
    expect(bad.problems[0].allowed).toBe('the name of a application server of primary site Primary (was1, was2)');
    expect(bad.problems[1].allowed).toBe('a primary application server (was1, was2); db1 is a database server');
    expect(bad.problems[2].allowed).toBe('a primary server no other recovery server replaces (c already replaces was1)');
    expect(bad.problems[3].allowed).toContain('c is a server of recovery site Recovery');
  });
});

describe('drill', () => {
  const drill = procedure({}, 'drill');

  test('on a copy of the replica, isolated, with replication left running; its time by hand', () => {
    // Copy 60 s (as long as a snapshot), mount 120, database 300, application servers 240, verify 900, tear down 300:
    // 60 + 120 + 300 + 240 + 900 + 300 = 1920 s.
    expect(drill.totalSeconds).toBe(1920);
    expect(drill.steps.map((s) => s.action)).not.toContain('declare-and-fence');
    expect(step(drill, 'create-drill-copy.RuntimeData').params.network).toBe('isolated');
    expect(drill.notes[0]).toMatch(/^The drill does not touch the RPO: replication from Primary keeps running/);
    expect(drill.notes[0]).toContain('RuntimeData: worst case 17m 32.4s against the 30m RPO, as without the drill');
  });

  test('snapshot space: replica blocks overwritten while the copy exists, and the drill\'s own writes', () => {
    // 8 GiB/h of changes (5 + 1 + 2) for 1920 s = 8 x 1920 / 3600 = 4.2667 GiB, no volume saturated; twice that.
    const cost = recoveryOf().drill!;
    expect(cost.preservedBytes).toBeCloseTo((8 * GiB * 1920) / 3600, 3);
    expect(cost.snapshotSpaceBytes).toBeCloseTo((2 * 8 * GiB * 1920) / 3600, 3);
  });
});

describe('failback', () => {
  test('reverse, resync every volume in full by default, then a planned switch-over', () => {
    // 400 + 100 + 20 GiB = 520 GiB; 260 GiB sent at 2:1 = 279,172,874,240 B over 11,625,000 B/s, while the recovery
    // site writes 8 GiB/h / 2 = 1,193,046.47 B/s on the wire: 279,172,874,240 / (11,625,000 - 1,193,046.47) = 26,761.32 s.
    const failback = procedure({}, 'failback');
    const [resync] = recoveryOf().failback!.resyncs;
    expect(resync).toMatchObject({ full: true, changedBytes: 520 * GiB, sentBytes: 260 * GiB });
    expect(resync.seconds).toBeCloseTo((260 * GiB) / (11_625_000 - perHour(8) / 2), 6);
    expect(resync.seconds).toBeCloseTo(26_761.32, 2);
    // Then: stop 300, last snapshot 60 + transfer 92.365 (the RPO budget's completion), writable 60, mount 120,
    // database 300, application servers 240, verify 900.
    expect(failback.totalSeconds).toBeCloseTo(60 + resync.seconds + 300 + 60 + 1073741824 / 11_625_000 + 60 + 120 + 300 + 240 + 900, 6);
    expect(step(failback, 'start-application-server.was1').params.logDirectory).toBe('/opt/ibm/WebSphere/tranlogs/was1');
  });

  test('failbackAfter: only what changed at either site since the last snapshot that reached the replica', () => {
    // 3600 s at the recovery site + the RPO worst case 1052.3649 s = 4652.3649 s of 8 GiB/h, no volume saturated.
    const worst = 900 + 60 + 1073741824 / 11_625_000;
    const [resync] = recoveryOf({ failbackAfterSeconds: 3600 }).failback!.resyncs;
    expect(resync.full).toBe(false);
    expect(resync.changedBytes).toBeCloseTo(perHour(8) * (3600 + worst), 3);
    expect(resync.seconds).toBeCloseTo(resync.changedBytes / 2 / (11_625_000 - perHour(8) / 2), 6);
  });

  test('a link the recovery site\'s writes use up never finishes the resync', () => {
    // 10 Mbps x 0.93 / 8 = 1,162,500 B/s, less than the 8 GiB/h / 2 = 1,193,046 B/s the recovery site's writes put on the wire.
    const [analysis] = analyzeEstate(estate({}, { lineRateBitsPerSecond: 10e6 }));
    expect(analysis.recovery.failback!.resyncs[0].seconds).toBe(Infinity);
    expect(analysis.recovery.procedures.find((p) => p.kind === 'failback')!.totalSeconds).toBe(Infinity);
  });
});

describe('split-mirror scenarios as procedures (seed 003)', () => {
  test('the same parts, so the same times, as the scenarios\' RTOs', () => {
    const [analysis] = analyzeEstate(splitMirrorEstate());
    const byKind = new Map(analysis.splitMirrors[0].scenarios.map((s) => [s.kind, s]));
    const procedures = analysis.recovery.procedures;
    expect(procedures.map((p) => [p.id, p.steps.map((s) => s.action)])).toEqual([
      ['Backup.read-only-standby', ['take-over-standby']],
      ['Backup.last-backup', ['copy-back', 'restart-database']],
      ['Backup.point-in-time', ['copy-back', 'apply-logs', 'restart-database']],
    ]);
    for (const p of procedures) expect(p.totalSeconds).toBe(byKind.get(p.kind as never)!.rtoSeconds);
    // Point in time: 400 + 8682 + 600 = 9682 s (test/analysis/split-mirror.test.ts).
    expect(procedures[2].totalSeconds).toBeCloseTo(9682, 6);
    expect(procedures[2].notes[0]).toContain('archive logs must be available at the recovery site');
    expect(procedures[2].title).toContain("(the plan's recovery path)");
  });
});
