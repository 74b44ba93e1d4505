import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import type { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  APP_SERVERS,
  DB_SERVER,
  holdsLogs,
  host,
  linkCount,
  linkName,
  PLANS_PER_LINK,
  placement,
  planName,
  volumeMountPath,
  volumeName,
  type EstateSize,
} from './estate';

/**
 * The same estate written by hand in bare cdktf, as a cdktf user without this library would:
 * one null_resource per deployment step, with the same construct ids, triggers of the same
 * shape, `depends_on` by resource object and the same `local-exec` provisioners. No analysis,
 * no validation, no plan files. The benchmark checks that both sides write the same number of
 * resources, dependencies and provisioners.
 */
export function declareBareEstate(stack: TerraformStack, size: EstateSize): void {
  new NullProvider(stack, 'san-dr-null-provider');
  const links = Array.from({ length: linkCount(size) }, (_, i) => linkName(i));
  for (let i = 0; i < size.plans; i++) {
    const scope = new Construct(new Construct(stack, planName(i)), 'Steps');
    const step = (
      id: string,
      action: string,
      params: Record<string, string>,
      dependsOn: NullResource[],
      command?: string,
    ): NullResource =>
      new NullResource(scope, id.replace(/\//g, '|'), {
        triggers: { action, ...params },
        dependsOn,
        provisioners: command ? [{ type: 'local-exec', command }] : undefined,
      });
    const mkdir = (site: 'primary' | 'recovery', server: string, hostName: string, path: string) =>
      step(
        `${site}.${server}.create-mount-directory.${path}`,
        'create-mount-directory',
        { site: site === 'primary' ? 'Primary' : 'Recovery', server, host: hostName, path },
        [],
        `ssh ${hostName} mkdir -p ${path}`,
      );
    const link = links[Math.floor(i / PLANS_PER_LINK)];
    const sanVolumes = Array.from({ length: size.volumesPerPlan - 1 }, (_, k) => k + 1);
    const pathsOf = (logs: boolean) => sanVolumes.filter((j) => holdsLogs(j) === logs).map(volumeMountPath).join(',');

    // Primary site.
    const mounts = new Map<number, NullResource[]>();
    const primaryConfig = new Map<number, NullResource[]>();
    const add = (map: Map<number, NullResource[]>, j: number, r: NullResource) => map.set(j, [...(map.get(j) ?? []), r]);
    for (const server of APP_SERVERS) {
      const h = host(server, i, 'prod');
      const path = volumeMountPath(0);
      const dir = mkdir('primary', server, h, path);
      const common = { site: 'Primary', server, host: h, volume: volumeName(0) };
      const mount = step(`primary.${server}.mount-san-volume.Tranlogs`, 'mount-san-volume', { ...common, path, fileSystem: 'nfs4', mountOptions: 'hard' }, [dir]);
      add(mounts, 0, mount);
      add(primaryConfig, 0, step(`primary.${server}.configure-transaction-service.Tranlogs`, 'configure-transaction-service', { ...common, logDirectory: `${path}/${server}`, compensationLogDirectory: `${path}/${server}/compensation` }, [mount]));
    }
    const dbHost = host(DB_SERVER, i, 'prod');
    const dbMounts: NullResource[] = [];
    for (const j of sanVolumes) {
      const path = volumeMountPath(j);
      const dir = mkdir('primary', DB_SERVER, dbHost, path);
      const mount = step(`primary.${DB_SERVER}.mount-san-volume.${volumeName(j)}`, 'mount-san-volume', { site: 'Primary', server: DB_SERVER, host: dbHost, volume: volumeName(j), path }, [dir]);
      add(mounts, j, mount);
      dbMounts.push(mount);
    }
    const storage = step(`primary.${DB_SERVER}.configure-database-storage.database`, 'configure-database-storage', { site: 'Primary', server: DB_SERVER, host: dbHost, dataPaths: pathsOf(false), logPaths: pathsOf(true) }, dbMounts);
    for (const j of sanVolumes) add(primaryConfig, j, storage);

    // Replication.
    const pairs = new Map<number, NullResource>();
    for (let j = 0; j < size.volumesPerPlan; j++) {
      const where = j === 0 ? { primary: '', recovery: '' } : placement(j);
      pairs.set(j, step(`replication.establish-replication-pair.${volumeName(j)}`, 'establish-replication-pair', {
        volume: volumeName(j),
        capacityBytes: String((j === 0 ? 20 : 100) * 1024 ** 3),
        link,
        mode: 'async',
        primaryPlacement: where.primary,
        recoveryPlacement: where.recovery,
      }, mounts.get(j)!));
    }

    // Recovery site.
    const ready = new Map<number, NullResource[]>();
    for (const server of APP_SERVERS.map((s) => `${s}-dr`)) {
      const h = host(server.replace(/-dr$/, ''), i, 'dr');
      const path = volumeMountPath(0);
      const dir = mkdir('recovery', server, h, path);
      add(ready, 0, step(`recovery.${server}.load-recovery-scripts.Tranlogs`, 'load-recovery-scripts', { site: 'Recovery', server, host: h, volume: volumeName(0), path }, [dir, pairs.get(0)!]));
    }
    const drDb = `${DB_SERVER}-dr`;
    const drDbHost = host(DB_SERVER, i, 'dr');
    const loaded: NullResource[] = [];
    for (const j of sanVolumes) {
      const path = volumeMountPath(j);
      const dir = mkdir('recovery', drDb, drDbHost, path);
      loaded.push(step(`recovery.${drDb}.load-recovery-scripts.${volumeName(j)}`, 'load-recovery-scripts', { site: 'Recovery', server: drDb, host: drDbHost, volume: volumeName(j), path }, [dir, pairs.get(j)!]));
    }
    const catalog = step(`recovery.${drDb}.configure-database-catalog.database`, 'configure-database-catalog', { site: 'Recovery', server: drDb, host: drDbHost, dataPaths: pathsOf(false), logPaths: pathsOf(true) }, loaded);
    for (const j of sanVolumes) add(ready, j, catalog);

    // Protection: the schedule waits for every pair and both sites' configuration.
    const all = Array.from({ length: size.volumesPerPlan }, (_, j) => j);
    step('schedule.enable-snapshot-schedule.RuntimeData', 'enable-snapshot-schedule', {
      schedule: 'RuntimeData',
      consistencyGroup: all.map(volumeName).join(','),
      link,
      intervalSeconds: '900',
      snapshotSeconds: '60',
      retention: '4',
      cycle: 'fixed',
    }, [...new Set(all.flatMap((j) => [pairs.get(j)!, ...(primaryConfig.get(j) ?? []), ...(ready.get(j) ?? [])]))]);
  }
}
