import type { ChangeProfileDecl } from './design';
/**
 * Seed 003's split-mirror backup as plain data: the database's logical volumes, the volume
 * sets they are copied through, and the rates the backup cycle's estimates are made from.
 * Base units throughout (seconds, bytes, bytes per second).
 */

/** What a logical volume of the database holds. */
export type DatabaseContent =
  | 'database-logs'
  | 'bootstrap-data-set'
  | 'icf-catalog'
  | 'user-catalog'
  | 'catalog-and-directory'
  | 'table-spaces'
  | 'index-spaces';

/**
 * Seed 003: only the volumes with the logs, the bootstrap data set and the catalogs are
 * mirrored all the time; everything else is resynchronised for a backup only, so that a
 * logical error does not reach the mirror at once.
 */
export const LOG_CONTENTS: readonly DatabaseContent[] = ['database-logs', 'bootstrap-data-set', 'icf-catalog', 'user-catalog'];

/** `constant`: synchronous mirroring all the time. `backup-only`: resynchronised for each backup. */
export type MirroringMode = 'constant' | 'backup-only';

/** The volume sets of seed 003 (DBt2, DBt0, DBt1, DBt1'), by the part each plays. */
export type VolumeSetRole = 'live' | 'mirror' | 'safetyCopy' | 'standby' | 'tapeStaging';

export const VOLUME_SET_ROLES: readonly VolumeSetRole[] = ['live', 'mirror', 'safetyCopy', 'standby', 'tapeStaging'];

export interface VolumeSetDecl {
  readonly role: VolumeSetRole;
  /** Sets with the same name are the same volumes (seed 003 uses DBt1 as safety copy and standby). */
  readonly name: string;
  /** Logical subsystems the set may use, e.g. "10".."17". */
  readonly logicalSubsystems: readonly string[];
}

export interface MirrorVolumeDecl {
  readonly name: string;
  readonly holds: readonly DatabaseContent[];
  readonly mirroring: MirroringMode;
  readonly capacityBytes: number;
  /** Average over the backup interval: what a resynchronisation has to copy. */
  readonly averageChangeBytesPerSecond: number;
  /**
   * What synchronous mirroring must carry: declared, or the profile's busiest step. A constantly
   * mirrored volume with neither fails SDR-SYNC-PEAK-DECLARED; the average stands in for it only
   * so that the other figures of that failing plan can still be shown.
   */
  readonly peakChangeBytesPerSecond?: number;
  /** The load's shape over the day, when given as a ChangeRate profile. */
  readonly changeProfile?: ChangeProfileDecl;
  /** The logical subsystem of this volume's copy in each set. */
  readonly logicalSubsystem: Readonly<Record<VolumeSetRole, string>>;
}

export type RecoveryScenarioKind = 'read-only-standby' | 'last-backup' | 'point-in-time';

export const RECOVERY_SCENARIOS: readonly RecoveryScenarioKind[] = ['read-only-standby', 'last-backup', 'point-in-time'];

/** When the second point-in-time copy may start. */
export type SecondCopyStart = 'physical-complete' | 'logical-complete';

export interface SplitMirrorDecl {
  readonly id: string;
  readonly name: string;
  /** The synchronous link that mirrors the live set to the mirror set. */
  readonly linkId: string;
  readonly intervalSeconds: number;
  readonly volumes: readonly MirrorVolumeDecl[];
  readonly volumeSets: Readonly<Record<VolumeSetRole, VolumeSetDecl>>;
  readonly writeSuspend: {
    readonly command: readonly string[];
    readonly resumeCommand: readonly string[];
    readonly maxSeconds: number;
    /** Share of the resynchronisation done when writes are suspended (seed 003: 0.99). */
    readonly switchPoint: number;
  };
  /** From issuing the split of every pair until a query confirms all of them suspended. */
  readonly splitSeconds: number;
  /** Issuing one storage command set and having it accepted. */
  readonly commandSeconds: number;
  /** One wait-and-verify round: query the state and scan the answer. */
  readonly querySeconds: number;
  /** Background copy rate of a point-in-time copy, for a whole set. */
  readonly copyBytesPerSecond: number;
  readonly secondCopyStart: SecondCopyStart;
  readonly tapeBytesPerSecond: number;
  readonly standbyRestartSeconds: number;
  readonly recovery: {
    readonly path: RecoveryScenarioKind;
    /** Normal restart of the database on restored volumes. */
    readonly restartSeconds: number;
    /** Conditional restart: rate at which the logs since the backup are applied. */
    readonly logApplyBytesPerSecond: number;
    /** Pointing users at the read-only standby. */
    readonly standbyTakeoverSeconds: number;
  };
  readonly ports: {
    readonly count: number;
    readonly maxLogicalPathsPerPort: number;
  };
}
