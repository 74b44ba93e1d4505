import * as path from 'path';
import { LocalBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  ChangeRate,
  CycleMode,
  DataCenter,
  DisasterRecoveryPlan,
  Duration,
  LinkMode,
  ReplicationLink,
  RuntimeData,
  SanVolumePair,
  ServerRole,
  SiteRole,
  SnapshotSchedule,
  TranlogVolume,
  type DurationLike,
} from 'cdktf-san-dr';

export interface WebSphereBawStackProps {
  /**
   * Snapshot interval of the runtime-data schedule.
   * @default "15m"
   */
  readonly interval?: DurationLike;
  /**
   * Recovery time objective: the failover's critical path must fit in it (SDR-RTO-BUDGET).
   * @default "4h"
   */
  readonly rto?: DurationLike;
}

/**
 * Seed 000 as code: Business Automation Workflow on two WebSphere servers and one database
 * server, the database and transaction logs on SAN volumes replicated to a recovery data
 * center over a 100 Mbps WAN link, and a 30-minute RPO.
 */
export class WebSphereBawStack extends TerraformStack {
  public readonly plan: DisasterRecoveryPlan;

  public constructor(scope: Construct, id: string, props: WebSphereBawStackProps = {}) {
    super(scope, id);
    // A relative state path keeps cdk.tf.json the same in every checkout (the default is absolute).
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });

    this.plan = new DisasterRecoveryPlan(this, 'Baw', {
      rpo: Duration.minutes(30),
      // The failover takes 1h 41m with the default recovery times (dr-runbook.md): 30m to declare and fence,
      // 1m to make the snapshot writable, 5m to mount, 20m database restart, 15m peer recovery, 30m to verify.
      rto: props.rto ?? Duration.hours(4),
      // A full copy back of 520 GiB (260 GiB sent) takes about 8h 11m over the link while production writes on.
      failbackWindow: '12h',
      commands: {
        // Bound commands are shell-quoted argument by argument; unbound steps are left to an operator.
        'create-mount-directory': ({ params }) => ['ssh', params.host, 'mkdir', '-p', params.path],
      },
    });

    new DataCenter(this.plan, 'Primary', {
      role: SiteRole.PRIMARY,
      servers: [
        { name: 'was1', role: ServerRole.APPLICATION, host: 'was1.prod.example.com' },
        { name: 'was2', role: ServerRole.APPLICATION, host: 'was2.prod.example.com' },
        { name: 'db1', role: ServerRole.DATABASE, host: 'db1.prod.example.com' },
      ],
    });
    new DataCenter(this.plan, 'Recovery', {
      role: SiteRole.RECOVERY,
      servers: [
        { name: 'was1-dr', role: ServerRole.APPLICATION, host: 'was1.dr.example.com' },
        { name: 'was2-dr', role: ServerRole.APPLICATION, host: 'was2.dr.example.com' },
        { name: 'db1-dr', role: ServerRole.DATABASE, host: 'db1.dr.example.com' },
      ],
    });

    // The array's per-volume write statistics for one working day, exported every 5 minutes: a
    // night batch (01:00-02:30, its index rebuild 01:45-02:00 the busiest quarter-hour) and the
    // business-hours plateau (08:00-18:00). The analysis finds the busiest window itself.
    const data = new SanVolumePair(this.plan, 'DatabaseData', {
      holds: [RuntimeData.DATABASE_DATA, RuntimeData.MESSAGING_STORES],
      capacity: '400GiB',
      changeRate: ChangeRate.fromCsv(path.join(__dirname, 'database-data-writes.csv'), {
        timeColumn: 'time',
        valueColumn: 'write_mib',
        unit: 'MiB',
      }),
      mountPath: '/opt/ibm/WebSphere/database/data',
      placement: { primary: 'pool-data', recovery: 'dr-pool-data' },
    });
    // Seed 000: database logs may need other disk arms than the data.
    const logs = new SanVolumePair(this.plan, 'DatabaseLogs', {
      holds: [RuntimeData.DATABASE_LOGS],
      capacity: '100GiB',
      changeRate: { average: '1GiB/h', peak: '4GiB/h' },
      mountPath: '/opt/ibm/WebSphere/database/logs',
      placement: { primary: 'pool-logs', recovery: 'dr-pool-logs' },
    });
    const tranlogs = new TranlogVolume(this.plan, 'Tranlogs', {
      capacity: '20GiB',
      changeRate: { average: '2GiB/h', peak: '8GiB/h' },
      mountPath: '/opt/ibm/WebSphere/tranlogs',
    });

    const wan = new ReplicationLink(this, 'Wan', {
      mode: LinkMode.ASYNC,
      bandwidth: '100Mbps',
      roundTrip: '18ms',
      distanceKm: 900,
      compressionRatio: 2,
    });

    // Worst case at 15m: the busiest quarter-hour (01:45-02:00) changes 3 x 1200 MiB of data, plus
    // 0.25 GiB of database logs and 0.5 GiB of transaction logs = 4,580,179,968 B; sent at 2:1 over
    // 11.625 MB/s that is 197.0 s, so 15m + 1m + 3m 17s = 19m 17s. At the daily mean (1.02 MiB/s
    // of data) it would have looked like 15m + 1m + 1m 16.1s.
    new SnapshotSchedule(this.plan, 'RuntimeData', {
      volumes: [data, logs, tranlogs],
      link: wan,
      interval: props.interval ?? '15m',
      snapshotTime: '1m',
      retention: 4,
      cycle: CycleMode.FIXED,
    });
  }
}
