import type { TerraformStack } from 'cdktf';
import {
  DataCenter,
  DisasterRecoveryPlan,
  LinkMode,
  ReplicationLink,
  RuntimeData,
  SanVolumePair,
  ServerRole,
  SiteRole,
  SnapshotSchedule,
  TranlogVolume,
  type ReplicatedVolume,
} from '../lib';

/**
 * A synthetic bank estate for the benchmark: `plans` applications, each with `volumesPerPlan`
 * replicated volumes (one transaction-log DFS on the two application servers, the rest SAN
 * volumes of the database server), one snapshot schedule per plan (one consistency group), and
 * one replication link per ten plans, so every link is shared by ten schedules.
 *
 * Every plan passes all rules with no finding (the numbers are sized so that the RPO is met
 * with room to spare and logs sit in other pools than data), so the benchmark measures
 * synthesis and not the reporting of failures.
 */
export interface EstateSize {
  readonly plans: number;
  readonly volumesPerPlan: number;
}

export const PLANS_PER_LINK = 10;

export function linkCount(size: EstateSize): number {
  return Math.max(1, Math.ceil(size.plans / PLANS_PER_LINK));
}

export function volumePairs(size: EstateSize): number {
  return size.plans * size.volumesPerPlan;
}

/** Plan i's names, shared by our side and the bare side so both write the same identifiers. */
export const planName = (i: number) => `App${String(i).padStart(3, '0')}`;
export const linkName = (i: number) => `Wan${String(i).padStart(2, '0')}`;
export const volumeName = (j: number) => (j === 0 ? 'Tranlogs' : `Vol${String(j).padStart(3, '0')}`);
/** Stack n (n >= 1) of a multi-stack App; stack 0 is `estate`. */
export const stackName = (n: number) => (n === 0 ? 'estate' : `estate-${String(n).padStart(2, '0')}`);
export const APP_SERVERS = ['was1', 'was2'] as const;
export const DB_SERVER = 'db1';
export const host = (server: string, plan: number, site: 'prod' | 'dr') => `${server}.app${plan}.${site}.example.com`;
/** Which runtime data volume j (j >= 1) holds: volumes 2, 6, 10, ... database logs, the rest data. */
export const holdsLogs = (j: number) => j % 4 === 2;
export const volumeMountPath = (j: number) =>
  j === 0 ? '/opt/ibm/WebSphere/tranlogs' : `/opt/ibm/WebSphere/database/${holdsLogs(j) ? 'logs' : 'data'}${j}`;
export const placement = (j: number) =>
  holdsLogs(j) ? { primary: 'pool-logs', recovery: 'dr-pool-logs' } : { primary: 'pool-data', recovery: 'dr-pool-data' };

/**
 * Declares the estate with this library's constructs in `stack`. `first` numbers its plans (and
 * links) from that plan on, so that the stacks of one App (bench --large) hold different names.
 */
export function declareEstate(stack: TerraformStack, size: EstateSize, first = 0): DisasterRecoveryPlan[] {
  if (size.volumesPerPlan < 3) throw new Error('volumesPerPlan must be at least 3 (tranlogs, data, logs)');
  const links = Array.from(
    { length: linkCount(size) },
    (_, i) =>
      new ReplicationLink(stack, linkName(Math.floor(first / PLANS_PER_LINK) + i), {
        mode: LinkMode.ASYNC,
        bandwidth: '10Gbps',
        roundTrip: '18ms',
        distanceKm: 900,
        compressionRatio: 2,
      }),
  );
  const plans: DisasterRecoveryPlan[] = [];
  for (let at = 0; at < size.plans; at++) {
    const i = first + at;
    const plan = new DisasterRecoveryPlan(stack, planName(i), {
      rpo: '30m',
      rto: '4h',
      commands: { 'create-mount-directory': ({ params }) => ['ssh', params.host, 'mkdir', '-p', params.path] },
    });
    new DataCenter(plan, 'Primary', {
      role: SiteRole.PRIMARY,
      servers: [
        ...APP_SERVERS.map((name) => ({ name, role: ServerRole.APPLICATION, host: host(name, i, 'prod') })),
        { name: DB_SERVER, role: ServerRole.DATABASE, host: host(DB_SERVER, i, 'prod') },
      ],
    });
    new DataCenter(plan, 'Recovery', {
      role: SiteRole.RECOVERY,
      servers: [
        ...APP_SERVERS.map((name) => ({ name: `${name}-dr`, role: ServerRole.APPLICATION, host: host(name, i, 'dr') })),
        { name: `${DB_SERVER}-dr`, role: ServerRole.DATABASE, host: host(DB_SERVER, i, 'dr') },
      ],
    });
    const volumes: ReplicatedVolume[] = [
      new TranlogVolume(plan, volumeName(0), {
        capacity: '20GiB',
        changeRate: { average: '1GiB/h', peak: '4GiB/h' },
        mountPath: volumeMountPath(0),
      }),
    ];
    for (let j = 1; j < size.volumesPerPlan; j++) {
      volumes.push(
        new SanVolumePair(plan, volumeName(j), {
          holds: holdsLogs(j) ? [RuntimeData.DATABASE_LOGS] : [RuntimeData.DATABASE_DATA],
          capacity: '100GiB',
          changeRate: { average: '0.2GiB/h', peak: '1GiB/h' },
          mountPath: volumeMountPath(j),
          placement: placement(j),
        }),
      );
    }
    new SnapshotSchedule(plan, 'RuntimeData', {
      volumes,
      link: links[Math.floor(at / PLANS_PER_LINK)],
      interval: '15m',
      snapshotTime: '1m',
      retention: 4,
    });
    plans.push(plan);
  }
  return plans;
}
