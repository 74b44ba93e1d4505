import { Construct } from 'constructs';
import { z } from 'zod';
import { SanDrError } from '../errors';
import {
  LOG_CONTENTS,
  VOLUME_SET_ROLES,
  type MirrorVolumeDecl,
  type SplitMirrorDecl,
  type VolumeSetRole,
} from '../model/split-mirror';
import { Duration, type DataRateLike, type DurationLike, type SizeLike } from '../units';
import { DatabaseContent, MirroringMode, RecoveryScenario, SecondCopyStart } from './enums';
import { DisasterRecoveryPlan } from './disaster-recovery-plan';
import {
  constructProp,
  changeRateProp,
  enumProp,
  nameProp,
  parseProps,
  positiveDataRateProp,
  positiveDurationProp,
  positiveSizeProp,
} from './props';
import type { ChangeRate } from '../units/change-rate';
import type { AverageChangeRate } from './replicated-volume';
import { ReplicationLink } from './replication-link';
import { StackEstate } from './stack-estate';

/** The logical subsystem (LSS) of a volume's copy in each volume set. */
export type LogicalSubsystemPlacement = { readonly [R in VolumeSetRole]: string };

export interface MirrorVolumeProps {
  /** The volume's serial as the storage administrator names it, e.g. "DB2L01". */
  readonly name: string;
  /** What the volume holds; logs, the bootstrap data set and catalogs make it a log volume. */
  readonly holds: readonly DatabaseContent[];
  /**
   * `constant`: synchronous mirroring all the time; `backup-only`: resynchronised for backups.
   * @default 'constant' for a volume holding logs, the bootstrap data set or a catalog, else 'backup-only'
   */
  readonly mirroring?: MirroringMode;
  /** Capacity of the logical volume, e.g. "2.8GB" for a 3390-3. */
  readonly capacity: SizeLike;
  /**
   * How fast the volume's data changes: `{ average, peak? }`, or a `ChangeRate` profile. The
   * resync copies what changed in the busiest window since the split; while it and the log
   * mirror run, a profiled volume is taken to write at its busiest step (the backup's time of
   * day is not declared), a bare average at its average; the log mirror is sized on the peak,
   * which a constantly mirrored volume must give (`peak`, or a profile: SDR-SYNC-PEAK-DECLARED).
   */
  readonly changeRate: Omit<AverageChangeRate, 'kind'> | ChangeRate;
  /** Its LSS in each volume set. A set used twice (safety copy and standby) has one LSS per volume. */
  readonly logicalSubsystem: LogicalSubsystemPlacement;
}

export interface VolumeSetProps {
  /** The set's name, e.g. "DBt0". Two roles with the same name are the same volumes. */
  readonly name: string;
  /** The logical subsystems the set is spread over, e.g. ["20", "21", ...]. */
  readonly logicalSubsystems: readonly string[];
}

export interface VolumeSetsProps {
  /** The live database (seed 003: DBt2), at the primary storage system. */
  readonly live: VolumeSetProps;
  /** Its synchronous mirror (DBt0), split for each backup. */
  readonly mirror: VolumeSetProps;
  /** Point-in-time copy of the mirror taken before each resync (DBt1). */
  readonly safetyCopy: VolumeSetProps;
  /** Point-in-time copy of the split mirror the standby runs on (DBt1; may be the safety copy's set). */
  readonly standby: VolumeSetProps;
  /** Second point-in-time copy, dumped to tape (DBt1'). */
  readonly tapeStaging: VolumeSetProps;
}

export interface WriteSuspendProps {
  /** argv that suspends database writes, e.g. ["db2", "-SET LOG SUSPEND"]. */
  readonly command: readonly string[];
  /** argv that resumes them, e.g. ["db2", "-SET LOG RESUME"]. */
  readonly resumeCommand: readonly string[];
  /** Longest the application may wait on suspended writes. */
  readonly maxDuration: DurationLike;
  /**
   * Share of the resynchronisation done when writes are suspended.
   * @default 0.99 (seed 003)
   */
  readonly switchPoint?: number;
}

export interface PointInTimeCopyProps {
  /** Background copy rate of one whole set, e.g. "400MiB/s": how soon a copy physically completes. */
  readonly rate: DataRateLike;
  /**
   * When the second copy (standby -> tape staging) starts.
   * @default SecondCopyStart.PHYSICAL_COMPLETE (seed 003: a volume takes part in one copy at a time)
   */
  readonly secondCopyStart?: SecondCopyStart;
}

export interface SplitMirrorRecoveryProps {
  /** The scenario the plan relies on; its RPO and RTO are checked against the plan's. */
  readonly path: RecoveryScenario;
  /** Normal restart of the database on copied-back volumes. */
  readonly restartTime: DurationLike;
  /** Rate at which a conditional restart applies the logs since the backup. */
  readonly logApplyRate: DataRateLike;
  /**
   * Pointing users at the read-only standby.
   * @default Duration.minutes(5)
   */
  readonly standbyTakeoverTime?: DurationLike;
}

export interface MirrorPortsProps {
  /** Ports (physical links) between the storage systems that carry the mirror; seed 003 uses 4. */
  readonly count: number;
  /**
   * Logical paths one port carries.
   * @default 64 (an ESCON port)
   */
  readonly maxLogicalPathsPerPort?: number;
}

export interface SplitMirrorBackupProps {
  /** The synchronous link between the live and the secondary storage system (PPRC). */
  readonly link: ReplicationLink;
  /** How often a backup cycle starts, e.g. "24h". The whole cycle must fit in it. */
  readonly interval: DurationLike;
  /** The database's logical volumes. */
  readonly volumes: readonly MirrorVolumeProps[];
  readonly volumeSets: VolumeSetsProps;
  readonly writeSuspend: WriteSuspendProps;
  readonly pointInTimeCopy: PointInTimeCopyProps;
  /** Throughput of the tape dump, e.g. "300MiB/s". */
  readonly tape: { readonly rate: DataRateLike };
  /** Restart of the standby database after each backup. */
  readonly standby: { readonly restartTime: DurationLike };
  readonly recovery: SplitMirrorRecoveryProps;
  /**
   * From issuing the split of every pair until a query confirms them all suspended.
   * @default Duration.seconds(15)
   */
  readonly splitTime?: DurationLike;
  /**
   * Issuing one storage command set (under ICKDSF or TSO batch) and having it accepted.
   * @default Duration.seconds(30)
   */
  readonly commandTime?: DurationLike;
  /**
   * One wait-and-verify round: a query of the pairs or copies and the scan of its output.
   * @default Duration.seconds(30)
   */
  readonly queryTime?: DurationLike;
  /** @default { count: 4, maxLogicalPathsPerPort: 64 } */
  readonly ports?: MirrorPortsProps;
}

const LSS = z.string({ error: 'a logical subsystem id such as "10"' }).regex(/^[0-9A-Fa-f]{1,4}$/, {
  error: 'a logical subsystem id of 1-4 hexadecimal digits, such as "10"',
});
const ARGV_TEXT = 'a non-empty argv array of strings, such as ["db2", "-SET LOG SUSPEND"]';
const argvProp = () =>
  z
    .array(z.string({ error: ARGV_TEXT }), { error: ARGV_TEXT })
    .min(1, { error: ARGV_TEXT })
    // zod runs refinements after a failed min(1) too: an empty array is min(1)'s to report.
    .refine((argv) => argv.length === 0 || typeof argv[0] !== 'string' || argv[0].trim() !== '', { error: `${ARGV_TEXT}, whose program (the first element) is not empty` });
const volumeSetProp = () =>
  z.strictObject(
    { name: nameProp(), logicalSubsystems: z.array(LSS, { error: 'an array of LSS ids' }).min(1, { error: 'at least one LSS id' }) },
    { error: 'an object { name, logicalSubsystems }' },
  );
const COUNT_TEXT = 'a whole number of at least 1';

const splitMirrorPropsSchema = z.strictObject({
  link: constructProp(ReplicationLink, 'a ReplicationLink with mode "sync"'),
  interval: positiveDurationProp(),
  volumes: z
    .array(
      z.strictObject(
        {
          name: nameProp(),
          holds: z.array(enumProp(Object.values(DatabaseContent))).min(1, { error: 'at least one DatabaseContent' }),
          mirroring: enumProp(Object.values(MirroringMode)).optional(),
          capacity: positiveSizeProp(),
          changeRate: changeRateProp(),
          logicalSubsystem: z.strictObject(
            Object.fromEntries(VOLUME_SET_ROLES.map((role) => [role, LSS])) as Record<VolumeSetRole, typeof LSS>,
            { error: `an object with the LSS of each set: ${VOLUME_SET_ROLES.join(', ')}` },
          ),
        },
        { error: 'a volume { name, holds, capacity, changeRate, logicalSubsystem }' },
      ),
      { error: 'an array of volumes' },
    )
    .min(1, { error: 'at least one volume' }),
  volumeSets: z.strictObject(
    Object.fromEntries(VOLUME_SET_ROLES.map((role) => [role, volumeSetProp()])) as Record<VolumeSetRole, ReturnType<typeof volumeSetProp>>,
    { error: `an object with a set for each of ${VOLUME_SET_ROLES.join(', ')}` },
  ),
  writeSuspend: z.strictObject(
    {
      command: argvProp(),
      resumeCommand: argvProp(),
      maxDuration: positiveDurationProp(),
      switchPoint: z
        .number({ error: 'a share greater than 0 and less than 1, such as 0.99' })
        .gt(0, { error: 'a share greater than 0 and less than 1, such as 0.99' })
        .lt(1, { error: 'a share greater than 0 and less than 1, such as 0.99' })
        .default(0.99),
    },
    { error: 'an object { command, resumeCommand, maxDuration, switchPoint? }' },
  ),
  pointInTimeCopy: z.strictObject(
    {
      rate: positiveDataRateProp(),
      secondCopyStart: enumProp(Object.values(SecondCopyStart)).default('physical-complete'),
    },
    { error: 'an object { rate, secondCopyStart? }' },
  ),
  tape: z.strictObject({ rate: positiveDataRateProp() }, { error: 'an object { rate }' }),
  standby: z.strictObject({ restartTime: positiveDurationProp() }, { error: 'an object { restartTime }' }),
  recovery: z.strictObject(
    {
      path: enumProp(Object.values(RecoveryScenario)),
      restartTime: positiveDurationProp(),
      logApplyRate: positiveDataRateProp(),
      standbyTakeoverTime: positiveDurationProp().default(Duration.minutes(5)),
    },
    { error: 'an object { path, restartTime, logApplyRate, standbyTakeoverTime? }' },
  ),
  splitTime: positiveDurationProp().default(Duration.seconds(15)),
  commandTime: positiveDurationProp().default(Duration.seconds(30)),
  queryTime: positiveDurationProp().default(Duration.seconds(30)),
  ports: z
    .strictObject(
      {
        count: z.number({ error: COUNT_TEXT }).int({ error: COUNT_TEXT }).min(1, { error: COUNT_TEXT }),
        maxLogicalPathsPerPort: z.number({ error: COUNT_TEXT }).int({ error: COUNT_TEXT }).min(1, { error: COUNT_TEXT }).default(64),
      },
      { error: 'an object { count, maxLogicalPathsPerPort? }' },
    )
    .default({ count: 4, maxLogicalPathsPerPort: 64 }),
});

/**
 * Seed 003's split-mirror backup of a database: log volumes mirrored synchronously all the
 * time, data volumes resynchronised only for a backup, and a cycle of point-in-time copies
 * that gives a safety copy, a standby system and a tape dump. Declare it inside a
 * DisasterRecoveryPlan; synthesis fails when the cycle cannot work (see the SDR rules).
 */
export class SplitMirrorBackup extends Construct {
  public readonly interval: Duration;
  private readonly declared: Omit<SplitMirrorDecl, 'id' | 'name'>;

  public constructor(scope: Construct, id: string, props: SplitMirrorBackupProps) {
    super(scope, id);
    StackEstate.of(this); // before the props are checked: removes stale plan files
    const plan = DisasterRecoveryPlan.of(this);
    const p = parseProps(splitMirrorPropsSchema, props, this);
    const fail = (propPath: string, value: unknown, allowed: string): never => {
      throw new SanDrError({ propPath, value, allowed, scope: this.node.path });
    };
    if (p.link.mode !== 'sync') fail('link', `${p.link.node.path} (mode "${p.link.mode}")`, 'a ReplicationLink with mode "sync": the log volumes are mirrored synchronously');
    if (p.link.node.root !== this.node.root) fail('link', p.link.node.path, 'a ReplicationLink of the same App (declared in any of its stacks); for a circuit shared with another App, declare a link with the same circuitId in this App');

    const sets = p.volumeSets;
    // Seed 003 takes the safety copy and the standby on one set (DBt1); every other role needs its own volumes.
    VOLUME_SET_ROLES.forEach((role, i) => {
      for (const other of VOLUME_SET_ROLES.slice(i + 1)) {
        if (sets[role].name !== sets[other].name) continue;
        if (!(role === 'safetyCopy' && other === 'standby')) {
          fail(`volumeSets.${other}.name`, sets[other].name, `a name other than volumeSets.${role}'s: only safetyCopy and standby may be the same set`);
        }
        if ([...sets[role].logicalSubsystems].sort().join() !== [...sets[other].logicalSubsystems].sort().join()) {
          fail(`volumeSets.${other}.logicalSubsystems`, sets[other].logicalSubsystems, `the same LSS ids as volumeSets.${role}, which is the same set ${sets[role].name}`);
        }
      }
    });

    const names = new Set<string>();
    const volumes = p.volumes.map((v, i): MirrorVolumeDecl => {
      if (names.has(v.name)) fail(`volumes[${i}].name`, v.name, 'a volume name not used by another volume of this backup');
      names.add(v.name);
      for (const role of VOLUME_SET_ROLES) {
        const lss = v.logicalSubsystem[role];
        if (!sets[role].logicalSubsystems.includes(lss)) {
          fail(`volumes[${i}].logicalSubsystem.${role}`, lss, `one of the LSS ids of volume set ${sets[role].name}: ${sets[role].logicalSubsystems.join(', ')}`);
        }
      }
      if (sets.safetyCopy.name === sets.standby.name && v.logicalSubsystem.safetyCopy !== v.logicalSubsystem.standby) {
        fail(`volumes[${i}].logicalSubsystem.standby`, v.logicalSubsystem.standby, `LSS ${v.logicalSubsystem.safetyCopy}, as for safetyCopy: both are set ${sets.standby.name}`);
      }
      return {
        name: v.name,
        holds: v.holds,
        mirroring: v.mirroring ?? (v.holds.some((content) => LOG_CONTENTS.includes(content)) ? 'constant' : 'backup-only'),
        capacityBytes: v.capacity.toBytes(),
        averageChangeBytesPerSecond: v.changeRate.average.toBytesPerSecond(),
        peakChangeBytesPerSecond: v.changeRate.peak?.toBytesPerSecond() ?? v.changeRate.profile?.peakBytesPerSecond(),
        changeProfile: v.changeRate.profile?._profile,
        logicalSubsystem: v.logicalSubsystem,
      };
    });

    const seconds = (d: Duration) => d.toSeconds({ integral: false });
    this.interval = p.interval;
    this.declared = {
      linkId: p.link.node.path,
      intervalSeconds: seconds(p.interval),
      volumes,
      volumeSets: Object.fromEntries(
        VOLUME_SET_ROLES.map((role) => [role, { role, name: sets[role].name, logicalSubsystems: sets[role].logicalSubsystems }]),
      ) as unknown as SplitMirrorDecl['volumeSets'],
      writeSuspend: {
        command: p.writeSuspend.command,
        resumeCommand: p.writeSuspend.resumeCommand,
        maxSeconds: seconds(p.writeSuspend.maxDuration),
        switchPoint: p.writeSuspend.switchPoint,
      },
      splitSeconds: seconds(p.splitTime),
      commandSeconds: seconds(p.commandTime),
      querySeconds: seconds(p.queryTime),
      copyBytesPerSecond: p.pointInTimeCopy.rate.toBytesPerSecond(),
      secondCopyStart: p.pointInTimeCopy.secondCopyStart,
      tapeBytesPerSecond: p.tape.rate.toBytesPerSecond(),
      standbyRestartSeconds: seconds(p.standby.restartTime),
      recovery: {
        path: p.recovery.path,
        restartSeconds: seconds(p.recovery.restartTime),
        logApplyBytesPerSecond: p.recovery.logApplyRate.toBytesPerSecond(),
        standbyTakeoverSeconds: seconds(p.recovery.standbyTakeoverTime),
      },
      ports: p.ports,
    };
    plan._addSplitMirror(this);
  }

  /** @internal */
  public _declaration(): SplitMirrorDecl {
    return { id: this.node.path, name: this.node.id, ...this.declared };
  }
}
