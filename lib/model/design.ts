import type { UnitFamily } from '../units/size';
import type { SplitMirrorDecl } from './split-mirror';

/**
 * The declared design as plain data: what the constructs collect and hand to the analysis.
 *
 * Everything here is numbers in base units (seconds, bytes, bytes per second, bits per second)
 * and identifiers (construct paths), so the analysis never needs cdktf or the unit classes and
 * can be tested, fuzzed and benchmarked on its own.
 */

export type SiteRole = 'primary' | 'recovery';

export type ServerRole = 'application' | 'database';

/** The kinds of runtime data that seed 000 says must reach the recovery site together. */
export type RuntimeData =
  | 'database-data'
  | 'database-logs'
  | 'transaction-logs'
  | 'compensation-logs'
  | 'messaging-stores'
  | 'other';

/** Runtime data that the database server keeps, as opposed to the application servers. */
export const DATABASE_DATA_KINDS: readonly RuntimeData[] = ['database-data', 'database-logs', 'messaging-stores'];

/** Runtime data that the application servers write through the transaction service. */
export const TRANSACTION_LOG_KINDS: readonly RuntimeData[] = ['transaction-logs', 'compensation-logs'];

export type LinkMode = 'sync' | 'async';

/**
 * How the array divides a link among the schedules that use it. `any`: nothing is assumed but
 * that the link never idles while data waits (per replication session, first come first served,
 * per schedule: all are covered). `per-schedule`: the array guarantees each schedule an equal
 * share while it transfers.
 */
export type LinkSharing = 'any' | 'per-schedule';

/**
 * `fixed`: a snapshot starts at every interval whatever happened to the last one.
 * `continuous`: the next cycle starts at the next interval or when the last one has reached
 * the recovery site, whichever is later (IBM Global Mirror with Change Volumes).
 */
export type CycleMode = 'fixed' | 'continuous';

export type NfsVersion = 'nfs3' | 'nfs4';

export interface ServerDecl {
  /** Unique within its site; used in step names. */
  readonly name: string;
  readonly role: ServerRole;
  /** Address the operator (or a bound command) reaches the server at. */
  readonly host: string;
  /** Directories this server needs besides the volumes' mount paths. */
  readonly extraMountPaths: readonly string[];
  /**
   * Recovery site only: the primary server whose transaction and compensation logs this one
   * recovers after a failover (peer recovery). Undeclared: the primary server of the same role
   * at the same position among the servers of that role (see `model/peers.ts`).
   */
  readonly replaces?: string;
}

export interface SiteDecl {
  readonly id: string;
  readonly name: string;
  readonly role: SiteRole;
  readonly servers: readonly ServerDecl[];
}

export interface FileSystemDecl {
  readonly protocol: NfsVersion;
  readonly mountOptions: readonly string[];
}

export interface VolumeDecl {
  readonly id: string;
  readonly name: string;
  readonly kind: 'san-volume' | 'tranlog-dfs';
  readonly capacityBytes: number;
  readonly averageChangeBytesPerSecond: number;
  /** Peak write rate, for synchronous mirroring: declared, or the busiest step of the profile. */
  readonly peakChangeBytesPerSecond?: number;
  /** The measured or declared shape of the load over time; absent for a bare `{ average }`. */
  readonly changeProfile?: ChangeProfileDecl;
  /**
   * What the rate counts: `changed` bytes as the array tracks them, or `host-writes` (bytes the
   * hosts write), which the link's replication grain may amplify.
   * @default 'changed'
   */
  readonly changeKind?: ChangeKind;
  /** Average size of one host write, for the replication-grain bound. */
  readonly writeSizeBytes?: number;
  readonly holds: readonly RuntimeData[];
  readonly mountPath: string;
  /** Server names at each site that mount the volume (recovery: after failover). */
  readonly mountedOn: { readonly primary: readonly string[]; readonly recovery: readonly string[] };
  /** Pool or disk group at each site, for log-versus-data placement. */
  readonly placement: { readonly primary?: string; readonly recovery?: string };
  /** Only for the transaction-log DFS volume. */
  readonly fileSystem?: FileSystemDecl;
  /**
   * The unit families the capacity and the change rate were declared in, to show them back in
   * the same family (`"2GiB/h"` as KiB/s, not KB/s). Absent: binary sizes, decimal rates.
   */
  readonly units?: VolumeUnits;
}

export interface VolumeUnits {
  readonly capacity: UnitFamily;
  readonly changeRate: UnitFamily;
}

export type ChangeKind = 'changed' | 'host-writes';

/**
 * A change rate that varies over time: piecewise constant, `stepSeconds` per value, repeating.
 * A `daily` profile starts at midnight and repeats every day. A `measured` series starts at
 * `startEpochSeconds`; the analysis treats it as repeating over its own span, so that a window
 * wrapping from its end to its start counts too (never less than the windows inside it).
 */
export interface ChangeProfileDecl {
  readonly shape: 'daily' | 'measured';
  readonly stepSeconds: number;
  /** Bytes per second in each step. Never mutated once built. */
  readonly bytesPerSecond: Float64Array;
  /** Measured series: time of the first step (seconds since 1970, UTC); daily profiles: null. */
  readonly startEpochSeconds: number | null;
  /** Where the series came from (a CSV file's name), for the plan; null when given in code. */
  readonly source: string | null;
}

export interface LinkDecl {
  readonly id: string;
  readonly name: string;
  readonly mode: LinkMode;
  readonly lineRateBitsPerSecond: number;
  /** Share of the line rate that carries payload (Dell sizing uses 0.93). */
  readonly efficiency: number;
  /** Bytes changed / bytes sent; 1 when uncompressed. */
  readonly compressionRatio: number;
  readonly roundTripSeconds?: number;
  readonly distanceKm?: number;
  readonly preservesWriteOrder: boolean;
  readonly maxSyncRoundTripSeconds: number;
  readonly maxSyncDistanceKm: number;
  /** Peak rate of traffic on the link that is not this library's replication, bytes per second. */
  readonly otherTrafficBytesPerSecond?: number;
  /** @default 'any' */
  readonly sharing?: LinkSharing;
  /** The physical circuit, as the carrier or network team names it; links with the same id are one circuit. */
  readonly circuitId?: string;
  /**
   * The network or array gives synchronous writes priority over elastic transfers on the circuit.
   * The circuit prioritises only when every link of it declares this. Absent: not declared.
   */
  readonly syncPriority?: boolean;
  /** The stack the link is declared in, when the estate spans several stacks. */
  readonly stack?: string;
  /** Unit the array tracks and ships changes in (e.g. 262144 for 256 KiB grains). */
  readonly grainBytes?: number;
}

export interface ScheduleDecl {
  readonly id: string;
  readonly name: string;
  /** Volume ids captured together: one consistency group. */
  readonly volumeIds: readonly string[];
  readonly linkId: string;
  readonly intervalSeconds: number;
  readonly snapshotSeconds: number;
  readonly retention: number;
  readonly cycle: CycleMode;
}

export interface PlanDecl {
  readonly id: string;
  readonly name: string;
  /** The stack the plan is declared in, when the estate spans several stacks. */
  readonly stack?: string;
  readonly rpoSeconds: number;
  readonly rtoSeconds?: number;
  /** Worst cases closer to the target than this share of it earn a warning. */
  readonly rpoMarginWarningRatio: number;
  readonly sites: readonly SiteDecl[];
  readonly volumes: readonly VolumeDecl[];
  readonly schedules: readonly ScheduleDecl[];
  /** Seed 003's split-mirror backups of the plan's database. */
  readonly splitMirrors?: readonly SplitMirrorDecl[];
  /** Times of the recovery steps the design cannot give; DEFAULT_RECOVERY_TIMES when absent. */
  readonly recoveryTimes?: RecoveryTimesDecl;
  /** Longest the failback's resynchronisation may take; no check when absent. */
  readonly failbackWindowSeconds?: number;
  /**
   * How long production runs at the recovery site before failing back. Absent: the failback
   * copies every volume in full (the primary's storage, or its change tracking, may be lost).
   */
  readonly failbackAfterSeconds?: number;
  /** Where the application servers keep their transaction logs; `file-system` when absent. */
  readonly tranlogStore?: TranlogStore;
}

/**
 * `file-system`: a shared file system (seed 000's DFS). `database`: tables in a relational
 * database (WebSphere 8.5.5 and later, and Liberty), which then replicates with the database.
 */
export type TranlogStore = 'file-system' | 'database';

/** Durations of the recovery steps that no declared size, rate or link can give, in seconds. */
export interface RecoveryTimesDecl {
  /** Deciding that the primary is lost, and stopping replication so no late write reaches the replica. */
  readonly declareAndFenceSeconds: number;
  /** Running one server's recovery scripts that mount its replicated volumes. */
  readonly mountVolumesSeconds: number;
  /** Starting the database on the replica and letting its crash recovery finish. */
  readonly databaseRestartSeconds: number;
  /** Starting one application server, including peer recovery and resolving in-doubt transactions. */
  readonly applicationServerStartSeconds: number;
  /** Stopping the application servers cleanly for a planned switch-over. */
  readonly applicationStopSeconds: number;
  /** Checking the application works, then redirecting clients (DNS, load balancer). */
  readonly verificationSeconds: number;
}

/**
 * What a plan assumes when it declares no recovery times: a team that practises its runbook,
 * not an automated one. Each is documented as the `@default` of `RecoveryTimesProps`.
 */
export const DEFAULT_RECOVERY_TIMES: RecoveryTimesDecl = {
  declareAndFenceSeconds: 30 * 60,
  mountVolumesSeconds: 5 * 60,
  databaseRestartSeconds: 20 * 60,
  applicationServerStartSeconds: 15 * 60,
  applicationStopSeconds: 10 * 60,
  verificationSeconds: 30 * 60,
};

/**
 * Everything the App declares (all of its stacks). Links live here rather than in a plan because
 * several applications' plans ship over the same WAN link and must share its bandwidth.
 */
export interface EstateDecl {
  readonly plans: readonly PlanDecl[];
  readonly links: readonly LinkDecl[];
  /** Findings the user acknowledged, anywhere in the stack. */
  readonly suppressions?: readonly SuppressionDecl[];
}

/** One acknowledged finding, as declared with `DrSuppressions.add` (plain data, no cdktf). */
export interface SuppressionDecl {
  /** Construct path the suppression was added on. */
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
  /** Also matches findings on constructs below `path`. */
  readonly applyToChildren: boolean;
}

