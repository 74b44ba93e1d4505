import { LocalBackend, TerraformStack, type App } from 'cdktf';
import type { Construct } from 'constructs';
import {
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
  type DataRateLike,
  type DurationLike,
} from 'cdktf-san-dr';

/**
 * A bank's estate: the network team's stack declares the two circuits between the data centers,
 * and each application team's stack ships its snapshots over one of them. Every budget pools all
 * users of a circuit, whichever stack they are in.
 */
export class NetworkStack extends TerraformStack {
  /** 155 Mbps, shared with nightly backups of up to 20 Mbps. */
  public readonly circuitA: ReplicationLink;
  /** 100 Mbps, replication only. */
  public readonly circuitB: ReplicationLink;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    this.circuitA = new ReplicationLink(this, 'CircuitA', {
      mode: LinkMode.ASYNC,
      bandwidth: '155Mbps',
      otherTraffic: '20Mbps',
      circuitId: 'DC1-DC2-A',
      roundTrip: '18ms',
      distanceKm: 900,
      compressionRatio: 2,
    });
    this.circuitB = new ReplicationLink(this, 'CircuitB', {
      mode: LinkMode.ASYNC,
      bandwidth: '100Mbps',
      circuitId: 'DC1-DC2-B',
      roundTrip: '20ms',
      distanceKm: 950,
      compressionRatio: 2,
    });
  }
}

export interface ApplicationStackProps {
  readonly link: ReplicationLink;
  /** Average change rate of the database volume over its busiest interval. */
  readonly dataChangeRate: DataRateLike;
  readonly interval: DurationLike;
}

/** One application team's stack: database and transaction logs, a 30-minute RPO. */
export class ApplicationStack extends TerraformStack {
  public readonly plan: DisasterRecoveryPlan;

  public constructor(scope: Construct, id: string, props: ApplicationStackProps) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    this.plan = new DisasterRecoveryPlan(this, 'Plan', { rpo: Duration.minutes(30), rto: Duration.hours(4) });
    new DataCenter(this.plan, 'Primary', {
      role: SiteRole.PRIMARY,
      servers: [
        { name: 'app1', role: ServerRole.APPLICATION, host: `app1.${id}.prod.example.com` },
        { name: 'db1', role: ServerRole.DATABASE, host: `db1.${id}.prod.example.com` },
      ],
    });
    new DataCenter(this.plan, 'Recovery', {
      role: SiteRole.RECOVERY,
      servers: [
        { name: 'app1-dr', role: ServerRole.APPLICATION, host: `app1.${id}.dr.example.com` },
        { name: 'db1-dr', role: ServerRole.DATABASE, host: `db1.${id}.dr.example.com` },
      ],
    });
    const data = new SanVolumePair(this.plan, 'Database', {
      holds: [RuntimeData.DATABASE_DATA, RuntimeData.DATABASE_LOGS],
      capacity: '400GiB',
      changeRate: { average: props.dataChangeRate },
      mountPath: '/srv/db',
    });
    const tranlogs = new TranlogVolume(this.plan, 'Tranlogs', {
      capacity: '20GiB',
      changeRate: { average: '1GiB/h' },
      mountPath: '/srv/tranlogs',
    });
    new SnapshotSchedule(this.plan, 'RuntimeData', {
      volumes: [data, tranlogs],
      link: props.link,
      interval: props.interval,
      snapshotTime: '1m',
      retention: 4,
      cycle: CycleMode.FIXED,
    });
  }
}

/**
 * The network stack and three applications. Circuit A: 155 Mbps x 0.93 / 8 = 18,018,750 B/s,
 * less 20 Mbps (2,500,000 B/s) of backups = 15,518,750 B/s. Billing and payments each send
 * 5 GiB/h x 15m / 2 = 671,088,640 B (43.2 s); each waits for one snapshot of the other, so each
 * lands within 86.5 s: worst case 15m + 1m + 1m 26.5s.
 */
export function declareEstate(app: App): { network: NetworkStack; applications: ApplicationStack[] } {
  const network = new NetworkStack(app, 'network');
  const applications = [
    new ApplicationStack(app, 'billing', { link: network.circuitA, dataChangeRate: '4GiB/h', interval: '15m' }),
    new ApplicationStack(app, 'payments', { link: network.circuitA, dataChangeRate: '4GiB/h', interval: '15m' }),
    new ApplicationStack(app, 'hr', { link: network.circuitB, dataChangeRate: '2GiB/h', interval: '15m' }),
  ];
  // Ledger passes on its own: at 24m it sends 21 GiB/h x 24m / 2 = 4.2 GiB (290.6 s on circuit A),
  // worst case 24m + 1m + 4m 50.6s = 29m 50.6s. On circuit A it also waits for one snapshot each
  // of billing and payments (86.5 s) and misses the 30m RPO by about a minute (SDR-RPO-BUDGET):
  // applications.push(new ApplicationStack(app, 'ledger', { link: network.circuitA, dataChangeRate: '20GiB/h', interval: '24m' }));
  return { network, applications };
}
