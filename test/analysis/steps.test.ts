import { planSteps, type Step } from '../../lib/analysis/steps';
import { estate, plan, site, tranlogVolume } from '../fixtures/estate';

const stepsOf = (p = plan()) => planSteps(p, new Map(estate().links.map((l) => [l.id, l])));
const byId = (steps: readonly Step[]) => new Map(steps.map((s) => [s.id, s]));

describe('deployment steps', () => {
  it('covers every step of seed 000 for the example', () => {
    const steps = stepsOf();
    const count = (action: string) => steps.filter((s) => s.action === action).length;
    // Primary: 4 directories (2 database paths on db1, the tranlog path on was1 and was2), 4 mounts,
    // 2 transaction-service configurations, 1 database configuration.
    // Replication: 3 pairs. Recovery: 4 directories, 4 recovery-script loads, 1 catalog. Schedule: 1.
    expect(count('create-mount-directory')).toBe(8);
    expect(count('mount-san-volume')).toBe(4);
    expect(count('configure-transaction-service')).toBe(2);
    expect(count('configure-database-storage')).toBe(1);
    expect(count('establish-replication-pair')).toBe(3);
    expect(count('load-recovery-scripts')).toBe(4);
    expect(count('configure-database-catalog')).toBe(1);
    expect(count('enable-snapshot-schedule')).toBe(1);
    expect(steps).toHaveLength(24);
  });

  it('lists every step after all the steps it depends on, phase by phase', () => {
    const steps = stepsOf();
    const position = new Map(steps.map((s, i) => [s.id, i]));
    for (const [index, step] of steps.entries()) {
      for (const dep of step.dependsOn) expect(position.get(dep)).toBeLessThan(index);
    }
    const phases = steps.map((s) => s.phase);
    expect(phases.indexOf('replication')).toBeGreaterThan(phases.lastIndexOf('primary'));
    expect(phases.indexOf('recovery')).toBeGreaterThan(phases.lastIndexOf('replication'));
    expect(phases.indexOf('schedule')).toBeGreaterThan(phases.lastIndexOf('recovery'));
  });

  it('mounts a volume only after its directory exists, and configures software only after the mount', () => {
    const steps = byId(stepsOf());
    const mount = steps.get('primary.was1.mount-san-volume.Tranlogs')!;
    expect(mount.dependsOn).toEqual(['primary.was1.create-mount-directory./opt/ibm/WebSphere/tranlogs']);
    expect(mount.params).toMatchObject({ fileSystem: 'nfs4', mountOptions: 'hard', path: '/opt/ibm/WebSphere/tranlogs' });
    const tranService = steps.get('primary.was1.configure-transaction-service.Tranlogs')!;
    expect(tranService.dependsOn).toEqual(['primary.was1.mount-san-volume.Tranlogs']);
    // Each server logs to its own directory so that a peer can recover it.
    expect(tranService.params.logDirectory).toBe('/opt/ibm/WebSphere/tranlogs/was1');
    const database = steps.get('primary.db1.configure-database-storage.database')!;
    expect(database.dependsOn).toEqual([
      'primary.db1.mount-san-volume.DatabaseData',
      'primary.db1.mount-san-volume.DatabaseLogs',
    ]);
    expect(database.params).toMatchObject({
      dataPaths: '/opt/ibm/WebSphere/database/data',
      logPaths: '/opt/ibm/WebSphere/database/logs',
    });
  });

  it('loads recovery scripts only once the pair exists, and enables the schedule last', () => {
    const steps = byId(stepsOf());
    expect(steps.get('recovery.was2-dr.load-recovery-scripts.Tranlogs')!.dependsOn).toEqual([
      'recovery.was2-dr.create-mount-directory./opt/ibm/WebSphere/tranlogs',
      'replication.establish-replication-pair.Tranlogs',
    ]);
    expect(steps.get('replication.establish-replication-pair.Tranlogs')!.dependsOn).toEqual([
      'primary.was1.mount-san-volume.Tranlogs',
      'primary.was2.mount-san-volume.Tranlogs',
    ]);
    const enable = steps.get('schedule.enable-snapshot-schedule.RuntimeData')!;
    expect(enable.dependsOn).toEqual(
      expect.arrayContaining([
        'replication.establish-replication-pair.DatabaseData',
        'primary.db1.configure-database-storage.database',
        'recovery.db1-dr.configure-database-catalog.database',
        'recovery.was1-dr.load-recovery-scripts.Tranlogs',
      ]),
    );
    expect(enable.params).toMatchObject({ intervalSeconds: '900', snapshotSeconds: '60', cycle: 'fixed', link: 'Wan' });
  });

  it('creates the extra mount paths a server declares', () => {
    const primary = site('primary');
    const servers = primary.servers.map((s) => (s.name === 'was1' ? { ...s, extraMountPaths: ['/opt/ibm/rm'] } : s));
    const steps = byId(stepsOf(plan({ sites: [{ ...primary, servers }, site('recovery')] })));
    expect(steps.has('primary.was1.create-mount-directory./opt/ibm/rm')).toBe(true);
  });

  it('changes only the parameters of steps that use a changed value', () => {
    const before = byId(stepsOf());
    const after = byId(stepsOf(plan({ volumes: [...plan().volumes.slice(0, 2), tranlogVolume({ mountPath: '/srv/tranlogs' })] })));
    expect(after.get('primary.was1.mount-san-volume.Tranlogs')!.params.path).toBe('/srv/tranlogs');
    expect(after.get('primary.db1.mount-san-volume.DatabaseData')!.params).toEqual(
      before.get('primary.db1.mount-san-volume.DatabaseData')!.params,
    );
  });

  it('gives the same steps whatever order the volumes are declared in', () => {
    const reversed = plan({ volumes: [...plan().volumes].reverse() });
    expect(stepsOf(reversed)).toEqual(stepsOf());
  });
});
