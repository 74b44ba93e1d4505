import { Construct } from 'constructs';
import { didYouMean } from '../../lib/constructs/props';
import { App, Testing, TerraformStack } from 'cdktf';
import {
  DataCenter,
  DisasterRecoveryPlan,
  Duration,
  LinkMode,
  ReplicationLink,
  RuntimeData,
  SanDrError,
  SanVolumePair,
  SnapshotSchedule,
  TranlogVolume,
  type ReplicatedVolume,
} from '../../lib';
import {
  dataProps,
  design,
  expectSanDrError,
  linkProps,
  newStack,
  planProps,
  primaryProps,
  recoveryProps,
  scheduleTimingProps,
  thrownBy,
  type DesignOverrides,
} from './helpers';

const PLAN = 'test/Plan';
const PRIMARY = 'test/Plan/Primary';
const DATA = 'test/Plan/Data';
const LOGS = 'test/Plan/Logs';
const TRANLOGS = 'test/Plan/Tranlogs';
const LINK = 'test/Wan';
const SCHEDULE = 'test/Plan/RuntimeData';

const primaryWithFirstServer = (server: Record<string, unknown>) => ({
  servers: [{ ...primaryProps().servers[0], ...server }, ...primaryProps().servers.slice(1)],
});

/** [what, overrides, construct path, prop path, rejected value, fragments of `allowed`, rendering of the value] */
type Row = [string, DesignOverrides, string, string, unknown, (string | RegExp)[], string?];

/** Runs each row as its own test (objects, so that jest never mistakes a short row for a `done` callback). */
function rejectsEach(rows: readonly Row[]): void {
  const cases = rows.map(([what, overrides, scope, propPath, value, allowed, got]) => ({ what, overrides, scope, propPath, value, allowed, got }));
  test.each(cases)('$what', ({ overrides, scope, propPath, value, allowed, got }) => {
    expectSanDrError(() => design(overrides), { scope, propPath, value, allowed, got });
  });
}

describe('bad unit values are SanDrErrors naming the prop', () => {
  const rows: Row[] = [
    // Durations
    ['negative interval', { schedule: { interval: '-5m' } }, SCHEDULE, 'interval', '-5m', ['a duration such as "15m"']],
    ['zero interval', { schedule: { interval: '0m' } }, SCHEDULE, 'interval', '0m', ['greater than zero']],
    ['interval in an unknown unit', { schedule: { interval: '15 fortnights' } }, SCHEDULE, 'interval', '15 fortnights', ['units: ms, s, m, h, d']],
    ['NaN interval text', { schedule: { interval: 'NaNm' } }, SCHEDULE, 'interval', 'NaNm', ['a duration']],
    ['interval as a bare number', { schedule: { interval: 15 as never } }, SCHEDULE, 'interval', 15, ['a Duration or a duration']],
    ['negative snapshot time', { schedule: { snapshotTime: '-1m' } }, SCHEDULE, 'snapshotTime', '-1m', ['a duration']],
    ['NaN rpo', { plan: { rpo: NaN as never } }, PLAN, 'rpo', NaN, ['a Duration or a duration'], 'NaN'],
    ['negative rpo', { plan: { rpo: '-30m' } }, PLAN, 'rpo', '-30m', ['a duration']],
    ['zero rpo', { plan: { rpo: Duration.minutes(0) } }, PLAN, 'rpo', Duration.minutes(0), ['greater than zero'], 'Duration 0s'],
    ['rto in an unknown unit', { plan: { rto: '4 weeks' } }, PLAN, 'rto', '4 weeks', ['a duration']],
    ['negative round trip', { link: { roundTrip: '-18ms' } }, LINK, 'roundTrip', '-18ms', ['a duration']],
    ['zero maxRoundTrip', { link: { maxRoundTrip: '0ms' } }, LINK, 'maxRoundTrip', '0ms', ['greater than zero']],
    // Sizes
    ['capacity in bits', { data: { capacity: '500Gb' } }, DATA, 'capacity', '500Gb', ['bit units like "Gb" are not accepted']],
    ['negative capacity', { data: { capacity: '-400GiB' } }, DATA, 'capacity', '-400GiB', ['a size such as "500GiB"']],
    ['zero capacity', { tranlogs: { capacity: '0GiB' } }, TRANLOGS, 'capacity', '0GiB', ['a size greater than zero']],
    ['NaN capacity', { logs: { capacity: 'NaNGiB' } }, LOGS, 'capacity', 'NaNGiB', ['a size']],
    // Rates
    ['bandwidth "fast"', { link: { bandwidth: 'fast' } }, LINK, 'bandwidth', 'fast', ['a data rate such as "622Mbps"']],
    ['negative bandwidth', { link: { bandwidth: '-100Mbps' } }, LINK, 'bandwidth', '-100Mbps', ['a data rate']],
    ['zero bandwidth', { link: { bandwidth: '0Mbps' } }, LINK, 'bandwidth', '0Mbps', ['greater than zero']],
    ['change rate without a time unit', { data: { changeRate: { average: '5GiB' } } }, DATA, 'changeRate.average', '5GiB', ['a data rate']],
    ['negative peak change rate', { data: { changeRate: { average: '5GiB/h', peak: '-20GiB/h' } } }, DATA, 'changeRate.peak', '-20GiB/h', ['a data rate']],
  ];

  rejectsEach(rows);
});

describe('bad numbers, enums, names and paths are SanDrErrors naming the prop', () => {
  const rows: Row[] = [
    // Numbers
    ['efficiency 0', { link: { efficiency: 0 } }, LINK, 'efficiency', 0, ['greater than 0 and at most 1']],
    ['efficiency 1.5', { link: { efficiency: 1.5 } }, LINK, 'efficiency', 1.5, ['greater than 0 and at most 1']],
    ['efficiency NaN', { link: { efficiency: NaN } }, LINK, 'efficiency', NaN, ['greater than 0 and at most 1'], 'NaN'],
    ['efficiency as text', { link: { efficiency: '0.9' as never } }, LINK, 'efficiency', '0.9', ['a number']],
    ['compressionRatio 0.5', { link: { compressionRatio: 0.5 } }, LINK, 'compressionRatio', 0.5, ['a ratio of at least 1']],
    ['negative distance', { link: { distanceKm: -1 } }, LINK, 'distanceKm', -1, ['at least 0']],
    ['zero maxDistanceKm', { link: { maxDistanceKm: 0 } }, LINK, 'maxDistanceKm', 0, ['greater than 0']],
    ['retention 0', { schedule: { retention: 0 } }, SCHEDULE, 'retention', 0, ['a whole number of snapshots, at least 1']],
    ['retention 1.5', { schedule: { retention: 1.5 } }, SCHEDULE, 'retention', 1.5, ['a whole number of snapshots, at least 1']],
    ['rpoMarginWarning 2', { plan: { rpoMarginWarning: 2 } }, PLAN, 'rpoMarginWarning', 2, ['from 0 to 1']],
    // Unknown props
    ['unknown prop intervall', { schedule: { intervall: '15m' } }, SCHEDULE, 'intervall', '15m', ['no such prop; did you mean "interval"?; known props here:', 'interval, snapshotTime']],
    ['unknown prop rpoo', { plan: { rpoo: '30m' } }, PLAN, 'rpoo', '30m', ['no such prop; did you mean "rpo"?', 'rpo']],
    ['unknown nested prop changeRate.peek', { data: { changeRate: { average: '5GiB/h', peek: '20GiB/h' } as never } }, DATA, 'changeRate.peek', '20GiB/h', ['did you mean "peak"?; known props here: average, peak, kind']],
    ['unknown server prop hots', { primary: primaryWithFirstServer({ hots: 'was1' }) }, PRIMARY, 'servers[0].hots', 'was1', ['known props here: name, role, host, mountPaths']],
    ['mountOption instead of mountOptions', { tranlogs: { mountOption: ['hard'] } }, TRANLOGS, 'mountOption', ['hard'], ['mountOptions'], 'an array of 1'],
    // Enums
    ['link mode "semi-sync"', { link: { mode: 'semi-sync' as never } }, LINK, 'mode', 'semi-sync', ['one of "sync", "async"']],
    ['cycle "adaptive"', { schedule: { cycle: 'adaptive' as never } }, SCHEDULE, 'cycle', 'adaptive', ['one of "fixed", "continuous"']],
    ['data center role "backup"', { primary: { role: 'backup' as never } }, PRIMARY, 'role', 'backup', ['one of "primary", "recovery"']],
    ['server role "web"', { primary: primaryWithFirstServer({ role: 'web' }) }, PRIMARY, 'servers[0].role', 'web', ['one of "application", "database"']],
    ['runtime data "logs"', { data: { holds: ['logs' as never] } }, DATA, 'holds[0]', 'logs', ['"database-logs"']],
    ['no runtime data', { data: { holds: [] } }, DATA, 'holds', [], ['at least one runtime-data kind'], 'an array of 0'],
    ['protocol "nfs4.1"', { tranlogs: { protocol: 'nfs4.1' as never } }, TRANLOGS, 'protocol', 'nfs4.1', ['one of "nfs3", "nfs4"']],
    ['mount option with a ";"', { tranlogs: { mountOptions: ['hard', 'rw;reboot'] } }, TRANLOGS, 'mountOptions[1]', 'rw;reboot', ['a mount option such as "hard"']],
    // Names and hosts
    ['server name with a space', { primary: primaryWithFirstServer({ name: 'was 1' }) }, PRIMARY, 'servers[0].name', 'was 1', ['a name of letters, digits']],
    ['host with a space', { primary: primaryWithFirstServer({ host: 'was1 .example.com' }) }, PRIMARY, 'servers[0].host', 'was1 .example.com', ['a host name']],
    ['placement with a space', { data: { placement: { primary: 'pool data' } } }, DATA, 'placement.primary', 'pool data', ['a name of letters']],
    ['mountedOn name with a ";"', { data: { mountedOn: { primary: ['db1;reboot'] } } }, DATA, 'mountedOn.primary[0]', 'db1;reboot', ['a name of letters']],
    // Mount paths
    ['relative mount path', { tranlogs: { mountPath: 'tranlogs' } }, TRANLOGS, 'mountPath', 'tranlogs', ['an absolute path']],
    ['mount path with ".."', { tranlogs: { mountPath: '/opt/ibm/../../etc' } }, TRANLOGS, 'mountPath', '/opt/ibm/../../etc', ['no "." or ".." segments']],
    ['mount path with ";"', { tranlogs: { mountPath: '/opt/tranlogs;reboot' } }, TRANLOGS, 'mountPath', '/opt/tranlogs;reboot', ['no spaces or shell metacharacters']],
    ['mount path with a space', { data: { mountPath: '/opt/database data' } }, DATA, 'mountPath', '/opt/database data', ['no spaces']],
    ['mount path with a newline', { data: { mountPath: '/opt/data\nreboot' } }, DATA, 'mountPath', '/opt/data\nreboot', ['an absolute path'], '"/opt/data\\nreboot"'],
    ['mount path with $(...)', { logs: { mountPath: '/opt/$(reboot)' } }, LOGS, 'mountPath', '/opt/$(reboot)', ['shell metacharacters']],
    ['mount path with a trailing "/"', { logs: { mountPath: '/opt/logs/' } }, LOGS, 'mountPath', '/opt/logs/', ['no trailing "/"']],
    ['mount path "/"', { logs: { mountPath: '/' } }, LOGS, 'mountPath', '/', ['an absolute path']],
    ['relative server mount path', { primary: primaryWithFirstServer({ mountPaths: ['/opt/ok', 'opt/other'] }) }, PRIMARY, 'servers[0].mountPaths[1]', 'opt/other', ['an absolute path']],
  ];

  rejectsEach(rows);
});

describe('data centers', () => {
  test('duplicate server names', () => {
    const servers = [primaryProps().servers[0], { ...primaryProps().servers[2], name: 'was1' }];
    expectSanDrError(() => design({ primary: { servers } }), {
      scope: PRIMARY,
      propPath: 'servers[1].name',
      value: 'was1',
      allowed: ['a server name not used before in this data center'],
    });
  });

  test('an empty servers array', () => {
    expectSanDrError(() => design({ recovery: { servers: [] } }), {
      scope: 'test/Plan/Recovery',
      propPath: 'servers',
      value: [],
      got: 'an array of 0',
      allowed: ['at least one server'],
    });
  });

  test('a server name where the servers array is expected', () => {
    expectSanDrError(() => design({ primary: { servers: 'was1' as never } }), {
      scope: PRIMARY,
      propPath: 'servers',
      value: 'was1',
      allowed: ['an array of servers'],
    });
  });

  test('no props at all', () => {
    const plan = new DisasterRecoveryPlan(newStack(), 'Plan', planProps());
    expectSanDrError(() => new DataCenter(plan, 'Primary', undefined as never), {
      scope: PRIMARY,
      propPath: 'role',
      value: undefined,
      allowed: ['one of "primary", "recovery"'],
    });
  });
});

describe('links', () => {
  test('a sync link with neither roundTrip nor distanceKm', () => {
    const stack = newStack();
    expectSanDrError(() => new ReplicationLink(stack, 'Metro', { mode: LinkMode.SYNC, bandwidth: '10Gbps' }), {
      scope: 'test/Metro',
      propPath: 'roundTrip',
      value: undefined,
      allowed: ['a round-trip time or a distanceKm for a sync link'],
    });
    // Either one is enough.
    expect(() => new ReplicationLink(stack, 'ByDistance', { mode: LinkMode.SYNC, bandwidth: '10Gbps', distanceKm: 40 })).not.toThrow();
    expect(() => new ReplicationLink(stack, 'ByRoundTrip', { mode: LinkMode.SYNC, bandwidth: '10Gbps', roundTrip: '1ms' })).not.toThrow();
  });
});

describe('schedules', () => {
  test('a volume listed twice', () => {
    const d = design();
    expectSanDrError(
      () => new SnapshotSchedule(d.plan, 'Twice', { volumes: [d.data, d.logs, d.data], link: d.link, ...scheduleTimingProps() }),
      { scope: 'test/Plan/Twice', propPath: 'volumes[2]', value: DATA, allowed: ['each volume once'] },
    );
  });

  test('no volumes', () => {
    expectSanDrError(() => design({ schedule: { volumes: [] } }), {
      scope: SCHEDULE,
      propPath: 'volumes',
      value: [],
      got: 'an array of 0',
      allowed: ['at least one volume'],
    });
  });

  test('a string where the link construct is expected', () => {
    expectSanDrError(() => design({ schedule: { link: 'Wan' as never } }), {
      scope: SCHEDULE,
      propPath: 'link',
      value: 'Wan',
      allowed: ['a ReplicationLink construct'],
    });
  });

  test('a string where a volume construct is expected', () => {
    const d = design();
    expectSanDrError(
      () => new SnapshotSchedule(d.plan, 'ByName', { volumes: [d.data, 'Logs' as never], link: d.link, ...scheduleTimingProps() }),
      { scope: 'test/Plan/ByName', propPath: 'volumes[1]', value: 'Logs', allowed: ['a SanVolumePair or TranlogVolume construct'] },
    );
    expectSanDrError(
      () => new SnapshotSchedule(d.plan, 'NotAnArray', { volumes: 'Data' as never, link: d.link, ...scheduleTimingProps() }),
      { scope: 'test/Plan/NotAnArray', propPath: 'volumes', value: 'Data', allowed: ['an array of SanVolumePair or TranlogVolume constructs'] },
    );
  });

  test('another construct where the link is expected', () => {
    const d = design();
    expectSanDrError(
      () => new SnapshotSchedule(d.plan, 'WrongKind', { volumes: [d.data], link: d.data as never, ...scheduleTimingProps() }),
      { scope: 'test/Plan/WrongKind', propPath: 'link', value: d.data, got: 'SanVolumePair test/Plan/Data', allowed: ['a ReplicationLink construct'] },
    );
  });

  test('a link from another stack', () => {
    const d = design();
    const other = new TerraformStack(d.stack.node.scope as App, 'other');
    const foreign = new ReplicationLink(other, 'Wan', linkProps());
    expectSanDrError(
      () => new SnapshotSchedule(d.plan, 'Foreign', { volumes: [d.data], link: foreign, ...scheduleTimingProps() }),
      { scope: 'test/Plan/Foreign', propPath: 'link', value: 'other/Wan', allowed: ['a ReplicationLink of the same stack'] },
    );
  });

  test('a volume of another plan: fails at synthesis, naming volumes[0]', () => {
    const d = design();
    const other = new DisasterRecoveryPlan(d.stack, 'Other', planProps());
    new DataCenter(other, 'Primary', primaryProps());
    new DataCenter(other, 'Recovery', recoveryProps());
    new SnapshotSchedule(other, 'RuntimeData', { volumes: [d.data], link: d.link, ...scheduleTimingProps() });
    expectSanDrError(() => Testing.synth(d.stack), {
      scope: 'test/Other/RuntimeData',
      propPath: 'volumes[0]',
      value: DATA,
      allowed: ['a volume of plan test/Other (this one belongs to test/Plan)'],
    });
  });
});

describe('commands', () => {
  test('a builder that is not a function', () => {
    expectSanDrError(() => design({ plan: { commands: { 'create-mount-directory': 'ssh' as never } } }), {
      scope: PLAN,
      propPath: 'commands.create-mount-directory',
      value: 'ssh',
      allowed: ['a function (step) => argv'],
    });
  });

  test('an unknown step action lists the actions that exist', () => {
    const build = () => ['true'];
    expectSanDrError(() => design({ plan: { commands: { 'create-mount-dir': build } as never } }), {
      scope: PLAN,
      propPath: 'commands.create-mount-dir',
      value: build,
      got: 'a function',
      allowed: ['create-mount-directory', 'enable-snapshot-schedule'],
    });
  });
});

describe('constructs declared in the wrong place', () => {
  test('a volume outside any DisasterRecoveryPlan', () => {
    const stack = newStack();
    new DisasterRecoveryPlan(stack, 'Plan', planProps());
    expectSanDrError(() => new SanVolumePair(stack, 'Loose', dataProps()), {
      scope: 'test/Loose',
      propPath: 'scope',
      value: 'test/Loose',
      allowed: ['a scope inside a DisasterRecoveryPlan', 'SanVolumePair'],
    });
  });

  test('a plan outside any TerraformStack', () => {
    const app = Testing.app();
    expectSanDrError(() => new DisasterRecoveryPlan(app, 'Plan', planProps()), {
      scope: 'Plan',
      propPath: 'scope',
      value: 'Plan',
      allowed: ['a scope inside a TerraformStack'],
    });
  });

  test('a tranlog volume directly in the stack is rejected too (not a TypeError)', () => {
    const error = thrownBy(() => new TranlogVolume(newStack(), 'Tranlogs', { capacity: '1GiB', changeRate: { average: '1GiB/h' }, mountPath: '/t' }));
    expect(error).toBeInstanceOf(SanDrError);
    expect((error as SanDrError).propPath).toBe('scope');
    expect((error as SanDrError).value).toBe('test/Tranlogs');
  });
});

describe('design errors found when the plan is assembled (at synthesis)', () => {
  test('no recovery DataCenter: names the roles found', () => {
    const d = design({ recovery: { role: 'primary' } });
    expectSanDrError(() => Testing.synth(d.stack), {
      scope: PLAN,
      propPath: 'DataCenter',
      value: 'Primary (primary), Recovery (primary)',
      allowed: ['exactly one DataCenter with role "primary" and one with role "recovery"'],
    });
  });

  test('a single DataCenter, and none at all', () => {
    const one = newStack();
    const plan = new DisasterRecoveryPlan(one, 'Plan', planProps());
    new DataCenter(plan, 'Primary', primaryProps());
    expectSanDrError(() => Testing.synth(one), { scope: PLAN, propPath: 'DataCenter', value: 'Primary (primary)', allowed: ['"recovery"'] });

    const none = newStack();
    new DisasterRecoveryPlan(none, 'Plan', planProps());
    expectSanDrError(() => Testing.synth(none), { scope: PLAN, propPath: 'DataCenter', value: 'none', allowed: ['"primary"'] });
  });

  test('mountedOn.primary naming an unknown server', () => {
    const d = design({ data: { mountedOn: { primary: ['db1', 'db9'] } } });
    expectSanDrError(() => Testing.synth(d.stack), {
      scope: DATA,
      propPath: 'mountedOn.primary[1]',
      value: 'db9',
      allowed: ['a server of data center Primary: was1, was2, db1'],
    });
  });

  test('mountedOn.recovery naming a server of the primary site', () => {
    const d = design({ tranlogs: { mountedOn: { recovery: ['was1'] } } });
    expectSanDrError(() => Testing.synth(d.stack), {
      scope: TRANLOGS,
      propPath: 'mountedOn.recovery[0]',
      value: 'was1',
      allowed: ['a server of data center Recovery: was1-dr, was2-dr, db1-dr'],
    });
  });

  test('a volume holding only "other" data without mountedOn', () => {
    const d = design();
    const other = { holds: [RuntimeData.OTHER], capacity: '10GiB', changeRate: { average: '100MiB/h' }, mountPath: '/opt/other' };
    new SanVolumePair(d.plan, 'Other', other);
    expectSanDrError(() => Testing.synth(d.stack), {
      scope: 'test/Plan/Other',
      propPath: 'mountedOn.primary',
      value: undefined,
      allowed: ['a volume holding only other has no default servers'],
    });
  });

  test('a volume holding only "other" data with mountedOn.primary but not .recovery', () => {
    const d = design();
    new SanVolumePair(d.plan, 'Other', {
      holds: [RuntimeData.OTHER],
      capacity: '10GiB',
      changeRate: { average: '100MiB/h' },
      mountPath: '/opt/other',
      mountedOn: { primary: ['was1'] },
    });
    expectSanDrError(() => Testing.synth(d.stack), {
      scope: 'test/Plan/Other',
      propPath: 'mountedOn.recovery',
      value: undefined,
      allowed: ['the server names at Recovery'],
    });
  });

  test('two volumes at the same mount path on the same server', () => {
    const d = design({ logs: { mountPath: '/opt/ibm/WebSphere/database/data' } });
    expectSanDrError(() => Testing.synth(d.stack), {
      scope: LOGS,
      propPath: 'mountPath',
      value: '/opt/ibm/WebSphere/database/data',
      allowed: ['server db1 at Primary (volume Data mounts there)'],
    });
  });

  test('two volumes of one plan with the same construct id, in different sub-scopes', () => {
    // Construct ids only differ within a scope; steps and the plan name volumes by id, so the plan refuses it.
    const d = design();
    for (const group of ['GroupA', 'GroupB']) {
      new SanVolumePair(new Construct(d.plan, group), 'Archive', {
        holds: [RuntimeData.OTHER],
        capacity: '10GiB',
        changeRate: { average: '100MiB/h' },
        mountPath: `/opt/archive/${group.toLowerCase()}`,
        mountedOn: { primary: ['db1'], recovery: ['db1-dr'] },
      });
    }
    expectSanDrError(() => Testing.synth(d.stack), {
      scope: 'test/Plan/GroupB/Archive',
      propPath: 'id',
      value: 'Archive',
      allowed: ['a construct id no other volume, schedule or backup of plan Plan has (test/Plan/GroupA/Archive has it)'],
    });
  });

  test('the same mount path on different servers is allowed', () => {
    const d = design();
    const shared: ReplicatedVolume = new SanVolumePair(d.plan, 'Shared', {
      holds: [RuntimeData.OTHER],
      capacity: '10GiB',
      changeRate: { average: '100MiB/h' },
      mountPath: '/opt/ibm/WebSphere/database/data',
      mountedOn: { primary: ['was1'], recovery: ['was1-dr'] },
    });
    expect(shared.mountPath).toBe('/opt/ibm/WebSphere/database/data');
    expect(() => Testing.synth(d.stack)).not.toThrow();
  });
});

describe('did you mean', () => {
  // Distances: intervall→interval 1 (one deletion), secondCopyStrat→secondCopyStart 1 (swapped
  // neighbours), snapshottime→snapshotTime 0 (case is ignored), foo→rpo 2 > max(1, floor(3/3)).
  test.each([
    ['intervall', ['interval', 'snapshotTime'], '; did you mean "interval"?'],
    ['secondCopyStrat', ['rate', 'secondCopyStart'], '; did you mean "secondCopyStart"?'],
    ['snapshottime', ['interval', 'snapshotTime'], '; did you mean "snapshotTime"?'],
    ['foo', ['rpo', 'rto'], ''],
    ['recursive', ['applyToChildren'], ''],
  ])('%s among %j', (key, known, expected) => {
    expect(didYouMean(key, known)).toBe(expected);
  });

  test('no suggestion when two known props are equally close', () => {
    // "rp" is one insertion away from both "rpo" and "rpa".
    expect(didYouMean('rp', ['rpo', 'rpa'])).toBe('');
  });
});
