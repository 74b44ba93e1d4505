import type { TerraformStack } from 'cdktf';
import {
  DatabaseContent,
  DataCenter,
  DisasterRecoveryPlan,
  LinkMode,
  RecoveryScenario,
  ReplicationLink,
  ServerRole,
  SiteRole,
  SplitMirrorBackup,
  type MirrorVolumeProps,
  type SplitMirrorBackupProps,
} from '../../lib';
import { newStack } from './helpers';

/**
 * A valid split-mirror backup shaped like test/fixtures/split-mirror.ts (seed 003): a sync 800 Mbps link at
 * efficiency 1 (100 MB/s), four 10 GB volumes (LOG1 1 MB/s average and peak, CAT1 idle, DATA1 100 kB/s, DATA2 200 kB/s),
 * copies at 200 MB/s, tape at 100 MB/s, daily backups, RPO 15m, RTO 4h. Every optional prop is left out,
 * so the defaults apply: split 15 s, command and query 30 s, switch point 0.99, ports { 4, 64 }.
 */
export const LIVE_LSS = ['10', '11'];
export const SECONDARY_LSS = ['20', '21'];

export function volume(name: string, i: number, holds: DatabaseContent[], average: string, peak?: string): MirrorVolumeProps {
  const secondary = SECONDARY_LSS[i % 2];
  return {
    name,
    holds,
    capacity: '10GB',
    changeRate: peak === undefined ? { average } : { average, peak },
    logicalSubsystem: { live: LIVE_LSS[i % 2], mirror: secondary, safetyCopy: secondary, standby: secondary, tapeStaging: secondary },
  };
}

export function backupProps(link: ReplicationLink): SplitMirrorBackupProps {
  const set = (name: string, lss: string[]) => ({ name, logicalSubsystems: lss });
  return {
    link,
    interval: '24h',
    volumes: [
      // The constantly mirrored volumes declare a peak (SDR-SYNC-PEAK-DECLARED), here their
      // average: a steady writer keeps the log mirror's figures round.
      volume('LOG1', 0, [DatabaseContent.DATABASE_LOGS], '1MB/s', '1MB/s'),
      volume('CAT1', 1, [DatabaseContent.ICF_CATALOG], '0MB/s', '0MB/s'),
      volume('DATA1', 2, [DatabaseContent.TABLE_SPACES], '100KB/s'),
      volume('DATA2', 3, [DatabaseContent.INDEX_SPACES], '200KB/s'),
    ],
    volumeSets: {
      live: set('DBt2', LIVE_LSS),
      mirror: set('DBt0', SECONDARY_LSS),
      safetyCopy: set('DBt1', SECONDARY_LSS),
      standby: set('DBt1', SECONDARY_LSS),
      tapeStaging: set('DBt1P', SECONDARY_LSS),
    },
    writeSuspend: { command: ['db2', '-SET LOG SUSPEND'], resumeCommand: ['db2', '-SET LOG RESUME'], maxDuration: '2m' },
    pointInTimeCopy: { rate: '200MB/s' },
    tape: { rate: '100MB/s' },
    standby: { restartTime: '5m' },
    recovery: { path: RecoveryScenario.POINT_IN_TIME, restartTime: '10m', logApplyRate: '10MB/s' },
  };
}

export function declarePlan(stack: TerraformStack): DisasterRecoveryPlan {
  const plan = new DisasterRecoveryPlan(stack, 'Plan', { rpo: '15m', rto: '4h' });
  new DataCenter(plan, 'Live', {
    role: SiteRole.PRIMARY,
    servers: [{ name: 'db2prod', role: ServerRole.DATABASE, host: 'db2prod.example.com' }],
  });
  new DataCenter(plan, 'Secondary', {
    role: SiteRole.RECOVERY,
    servers: [{ name: 'db2sb', role: ServerRole.DATABASE, host: 'db2sb.example.com' }],
  });
  return plan;
}

export function syncLink(scope: TerraformStack, id = 'Pprc', mode: LinkMode = LinkMode.SYNC): ReplicationLink {
  return new ReplicationLink(scope, id, { mode, bandwidth: '800Mbps', efficiency: 1, roundTrip: '0.4ms', distanceKm: 20 });
}

export interface Declared {
  readonly stack: TerraformStack;
  readonly plan: DisasterRecoveryPlan;
  readonly backup: SplitMirrorBackup;
}

/** A fresh stack "test" with the plan, link "Pprc" and backup "Backup", its props edited by `edit`. */
export function declare(edit: (props: SplitMirrorBackupProps) => unknown = (props) => props, link?: (stack: TerraformStack) => ReplicationLink): Declared {
  const stack = newStack();
  const plan = declarePlan(stack);
  const props = edit(backupProps(link ? link(stack) : syncLink(stack)));
  const backup = new SplitMirrorBackup(plan, 'Backup', props as SplitMirrorBackupProps);
  return { stack, plan, backup };
}

