import { LocalBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  DatabaseContent,
  DataCenter,
  DisasterRecoveryPlan,
  Duration,
  LinkMode,
  RecoveryScenario,
  ReplicationLink,
  SecondCopyStart,
  ServerRole,
  SiteRole,
  Size,
  SplitMirrorBackup,
  type DataRateLike,
  type MirrorVolumeProps,
} from 'cdktf-san-dr';

export interface Db2SplitMirrorStackProps {
  /**
   * Background rate of the point-in-time copies (FlashCopy) of one whole volume set.
   * @default "400MiB/s"
   */
  readonly copyRate?: DataRateLike;
  /**
   * When the second copy starts.
   * @default SecondCopyStart.PHYSICAL_COMPLETE
   */
  readonly secondCopyStart?: SecondCopyStart;
  /**
   * Longest the database may keep writes suspended. The window counts everything from the suspend
   * command to the resume command: 30s + one 30s query (the 384.61 MiB left drain in 4.3s) + the
   * 15s split + 30s = 1m 45s.
   * @default "2m"
   */
  readonly maxWriteSuspend?: string;
}

/** A 3390-3 logical volume: 3,339 cylinders of 15 tracks of 56,664 bytes. */
const VOLUME_3390_3 = Size.bytes(3339 * 15 * 56_664);

/** Eight LSSs per cluster; with 48 volumes each holds six of every set, as in seed 003. */
const LIVE_LSS = ['10', '11', '12', '13', '14', '15', '16', '17'];
const SECONDARY_LSS = ['20', '21', '22', '23', '24', '25', '26', '27'];

/**
 * Seed 003 as code: the SAP R/3 database on DB2, 48 logical volumes spread over 8 logical
 * subsystems, the logs, bootstrap data set and catalogs mirrored synchronously all the time,
 * and a daily split-mirror backup giving a safety copy, a standby system and a tape dump.
 */
export class Db2SplitMirrorStack extends TerraformStack {
  public readonly plan: DisasterRecoveryPlan;
  public readonly backup: SplitMirrorBackup;

  public constructor(scope: Construct, id: string, props: Db2SplitMirrorStackProps = {}) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });

    // Recovering to a point close to the disaster loses only what the log mirror had not copied.
    this.plan = new DisasterRecoveryPlan(this, 'R3Database', { rpo: Duration.minutes(15), rto: Duration.hours(1) });
    new DataCenter(this.plan, 'Live', {
      role: SiteRole.PRIMARY,
      servers: [{ name: 'db2prod', role: ServerRole.DATABASE, host: 'db2prod.example.com' }],
    });
    new DataCenter(this.plan, 'Secondary', {
      role: SiteRole.RECOVERY,
      servers: [{ name: 'db2standby', role: ServerRole.DATABASE, host: 'db2standby.example.com' }],
    });

    // Peer-to-Peer Remote Copy over four ESCON connections (200 Mbit/s each) between the storage systems.
    const pprc = new ReplicationLink(this, 'Pprc', {
      mode: LinkMode.SYNC,
      bandwidth: '800Mbps',
      roundTrip: '0.4ms',
      distanceKm: 20,
    });

    this.backup = new SplitMirrorBackup(this.plan, 'DailyBackup', {
      link: pprc,
      interval: '24h',
      volumes: layoutVolumes(),
      volumeSets: {
        live: { name: 'DBt2', logicalSubsystems: LIVE_LSS },
        mirror: { name: 'DBt0', logicalSubsystems: SECONDARY_LSS },
        safetyCopy: { name: 'DBt1', logicalSubsystems: SECONDARY_LSS },
        standby: { name: 'DBt1', logicalSubsystems: SECONDARY_LSS },
        // Seed 003 calls it DBt1'; names here are letters, digits, ".", "_" and "-".
        tapeStaging: { name: 'DBt1P', logicalSubsystems: SECONDARY_LSS },
      },
      writeSuspend: {
        command: ['db2cmd', '-SET LOG SUSPEND'],
        resumeCommand: ['db2cmd', '-SET LOG RESUME'],
        maxDuration: props.maxWriteSuspend ?? '2m',
      },
      pointInTimeCopy: {
        rate: props.copyRate ?? '400MiB/s',
        secondCopyStart: props.secondCopyStart ?? SecondCopyStart.PHYSICAL_COMPLETE,
      },
      tape: { rate: '240MiB/s' },
      standby: { restartTime: '10m' },
      recovery: { path: RecoveryScenario.POINT_IN_TIME, restartTime: '10m', logApplyRate: '50MiB/s' },
      ports: { count: 4 },
    });
  }
}

/**
 * 48 volumes: ten with the logs, the bootstrap data set and the catalogs, 38 with the DB2
 * catalog and directory and the R/3 table and index spaces. Volume i sits on LSS i mod 8 in
 * every set, so each LSS holds six volumes of each set.
 */
function layoutVolumes(): MirrorVolumeProps[] {
  // The constantly mirrored volumes (logs, bootstrap data set, catalogs) give their peak too: the
  // synchronous log mirror must carry the busiest minute, not the hour's mean. DB2's log writes
  // come in commit bursts; in the night batch the busiest minute of the array's statistics runs at
  // about ten times the daily hourly mean, hence 3 GiB/h for a 300 MiB/h log volume.
  const kinds: { prefix: string; count: number; holds: DatabaseContent[]; changeRate: string; peak?: string }[] = [
    { prefix: 'LOG', count: 6, holds: [DatabaseContent.DATABASE_LOGS], changeRate: '300MiB/h', peak: '3GiB/h' },
    { prefix: 'BSDS', count: 2, holds: [DatabaseContent.BOOTSTRAP_DATA_SET], changeRate: '10MiB/h', peak: '100MiB/h' },
    { prefix: 'ICF', count: 1, holds: [DatabaseContent.ICF_CATALOG], changeRate: '10MiB/h', peak: '100MiB/h' },
    { prefix: 'UCAT', count: 1, holds: [DatabaseContent.USER_CATALOG], changeRate: '10MiB/h', peak: '100MiB/h' },
    { prefix: 'CAT', count: 2, holds: [DatabaseContent.CATALOG_AND_DIRECTORY], changeRate: '20MiB/h' },
    { prefix: 'TS', count: 24, holds: [DatabaseContent.TABLE_SPACES], changeRate: '50MiB/h' },
    { prefix: 'IX', count: 12, holds: [DatabaseContent.INDEX_SPACES], changeRate: '30MiB/h' },
  ];
  const volumes: MirrorVolumeProps[] = [];
  for (const kind of kinds) {
    for (let n = 1; n <= kind.count; n++) {
      const i = volumes.length;
      const secondary = SECONDARY_LSS[i % 8];
      volumes.push({
        name: `DB2${kind.prefix}${String(n).padStart(2, '0')}`,
        holds: kind.holds,
        capacity: VOLUME_3390_3,
        changeRate: kind.peak ? { average: kind.changeRate, peak: kind.peak } : { average: kind.changeRate },
        logicalSubsystem: {
          live: LIVE_LSS[i % 8],
          mirror: secondary,
          safetyCopy: secondary,
          standby: secondary,
          tapeStaging: secondary,
        },
      });
    }
  }
  return volumes;
}
