import { Construct } from 'constructs';
import { z } from 'zod';
import { SanDrError } from '../errors';
import {
  DATABASE_DATA_KINDS,
  TRANSACTION_LOG_KINDS,
  type FileSystemDecl,
  type RuntimeData as RuntimeDataValue,
  type SiteDecl,
  type VolumeDecl,
} from '../model/design';
import { holdsAny } from '../model/mounts';
import type { DataRateLike, Size, SizeLike } from '../units';
import type { ChangeKind, ChangeRate } from '../units/change-rate';
import { DisasterRecoveryPlan } from './disaster-recovery-plan';
import { RuntimeData } from './enums';
import { absolutePathProp, changeRateProp, enumProp, nameProp, positiveSizeProp, type ParsedChangeRate } from './props';
import { StackEstate } from './stack-estate';

/** A change rate given as one number (see `ChangeRate` for daily profiles and measured series). */
export interface AverageChangeRate {
  /**
   * Rate at which the volume's data changes (e.g. "6GiB/h"), taken as constant all day: the
   * analysis ships average x interval per snapshot. A load with a daily shape is better given
   * as a `ChangeRate` profile, whose busiest window the analysis finds itself.
   */
  readonly average: DataRateLike;
  /**
   * Peak write rate, which synchronous mirroring must carry as it happens.
   * @default - none: a synchronous link over the volume is then an error asking for it
   */
  readonly peak?: DataRateLike;
  /**
   * What the rates count: changed data, or host writes (which a link's grain may amplify).
   * @default 'changed'
   */
  readonly kind?: ChangeKind;
}

export interface MountedOn {
  /**
   * Server names at the primary site that mount the volume.
   * @default - by what the volume holds: every application server for transaction and
   * compensation logs, every database server for database data, logs and messaging stores
   */
  readonly primary?: readonly string[];
  /**
   * Server names at the recovery site that mount the replica after failover.
   * @default - chosen by what the volume holds, as for `primary`
   */
  readonly recovery?: readonly string[];
}

export interface Placement {
  /** Pool or disk group of the volume at the primary site. @default - not declared */
  readonly primary?: string;
  /** Pool or disk group of the replica at the recovery site. @default - not declared */
  readonly recovery?: string;
}

/** Props every replicated volume has. */
export interface ReplicatedVolumeProps {
  /** Provisioned size of the volume; it also bounds the data that can change in one interval. */
  readonly capacity: SizeLike;
  /**
   * How fast the volume's data changes: `{ average, peak? }`, or a profile from
   * `ChangeRate.daily`, `ChangeRate.fromSamples` or `ChangeRate.fromCsv`.
   */
  readonly changeRate: AverageChangeRate | ChangeRate;
  /**
   * Average size of one host write. With a host-write rate and a link `grain`, the analysis
   * bounds the changed data by writes x grain (every random write dirties a whole grain).
   * @default - not declared: the rate is shipped as it is
   */
  readonly writeSize?: SizeLike;
  /** Absolute directory the volume is mounted at, the same at both sites. */
  readonly mountPath: string;
  /** @default - chosen by what the volume holds (see MountedOn) */
  readonly mountedOn?: MountedOn;
  /** @default - not declared; log-versus-data placement is then checked only per volume */
  readonly placement?: Placement;
}

export const replicatedVolumeShape = {
  capacity: positiveSizeProp(),
  changeRate: changeRateProp(),
  writeSize: positiveSizeProp().optional(),
  mountPath: absolutePathProp(),
  mountedOn: z
    .strictObject({
      primary: z.array(nameProp(), { error: 'an array of server names' }).optional(),
      recovery: z.array(nameProp(), { error: 'an array of server names' }).optional(),
    })
    .default({}),
  placement: z.strictObject({ primary: nameProp().optional(), recovery: nameProp().optional() }).default({}),
};

export const holdsProp = () =>
  z
    .array(enumProp(Object.values(RuntimeData)), { error: 'an array of runtime-data kinds' })
    .min(1, { error: `at least one runtime-data kind: ${Object.values(RuntimeData).join(', ')}` });

export interface ParsedVolume {
  readonly capacity: Size;
  readonly changeRate: ParsedChangeRate;
  readonly writeSize?: Size;
  readonly holds: readonly RuntimeDataValue[];
  readonly mountPath: string;
  readonly mountedOn: { readonly primary?: readonly string[]; readonly recovery?: readonly string[] };
  readonly placement: { readonly primary?: string; readonly recovery?: string };
  readonly fileSystem?: FileSystemDecl;
}

/**
 * A volume at the primary site and its replica at the recovery site. SanVolumePair and
 * TranlogVolume are the two kinds the seed names; snapshot schedules take either.
 */
export abstract class ReplicatedVolume extends Construct {
  public readonly capacity: Size;
  public readonly mountPath: string;
  public readonly holds: readonly RuntimeDataValue[];
  /** @internal */
  public readonly _plan: DisasterRecoveryPlan;
  private readonly parsed: ParsedVolume;
  private readonly kind: VolumeDecl['kind'];

  protected constructor(scope: Construct, id: string, kind: VolumeDecl['kind'], parse: (self: Construct) => ParsedVolume) {
    super(scope, id);
    StackEstate.of(this); // before the props are checked: removes stale plan files
    this.parsed = parse(this);
    this.kind = kind;
    this.capacity = this.parsed.capacity;
    this.mountPath = this.parsed.mountPath;
    this.holds = this.parsed.holds;
    this._plan = DisasterRecoveryPlan.of(this);
    this._plan._addVolume(this);
  }

  /** @internal */
  public _declaration(primary: SiteDecl, recovery: SiteDecl): VolumeDecl {
    const p = this.parsed;
    return {
      id: this.node.path,
      name: this.node.id,
      kind: this.kind,
      capacityBytes: p.capacity.toBytes(),
      averageChangeBytesPerSecond: p.changeRate.average.toBytesPerSecond(),
      peakChangeBytesPerSecond: p.changeRate.peak?.toBytesPerSecond() ?? p.changeRate.profile?.peakBytesPerSecond(),
      changeProfile: p.changeRate.profile?._profile,
      changeKind: p.changeRate.kind,
      writeSizeBytes: p.writeSize?.toBytes(),
      holds: p.holds,
      mountPath: p.mountPath,
      mountedOn: {
        primary: this.serversAt(primary, p.mountedOn.primary, 'mountedOn.primary'),
        recovery: this.serversAt(recovery, p.mountedOn.recovery, 'mountedOn.recovery'),
      },
      placement: p.placement,
      fileSystem: p.fileSystem,
      units: { capacity: p.capacity.unitFamily(), changeRate: p.changeRate.average.unitFamily() },
    };
  }

  private serversAt(site: SiteDecl, declared: readonly string[] | undefined, propPath: string): string[] {
    if (declared) {
      declared.forEach((name, index) => {
        if (site.servers.some((server) => server.name === name)) return;
        throw new SanDrError({
          propPath: `${propPath}[${index}]`,
          value: name,
          allowed: `a server of data center ${site.name}: ${site.servers.map((s) => s.name).join(', ')}`,
          scope: this.node.path,
        });
      });
      return [...declared];
    }
    const logs = holdsAny(this.holds, TRANSACTION_LOG_KINDS);
    const database = holdsAny(this.holds, DATABASE_DATA_KINDS);
    if (!logs && !database) {
      throw new SanDrError({
        propPath,
        value: undefined,
        allowed: `the server names at ${site.name}: a volume holding only ${this.holds.join(', ')} has no default servers`,
        scope: this.node.path,
      });
    }
    return site.servers
      .filter((server) => (logs && server.role === 'application') || (database && server.role === 'database'))
      .map((server) => server.name);
  }
}
