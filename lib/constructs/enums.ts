import type {
  CycleMode as CycleModeValue,
  LinkMode as LinkModeValue,
  LinkSharing as LinkSharingValue,
  NfsVersion as NfsVersionValue,
  RuntimeData as RuntimeDataValue,
  ServerRole as ServerRoleValue,
  SiteRole as SiteRoleValue,
  TranlogStore as TranlogStoreValue,
} from '../model/design';
import type {
  DatabaseContent as DatabaseContentValue,
  MirroringMode as MirroringModeValue,
  RecoveryScenarioKind,
  SecondCopyStart as SecondCopyStartValue,
} from '../model/split-mirror';

/** Named values for the string unions props accept; either spelling works. */

export const SiteRole = { PRIMARY: 'primary', RECOVERY: 'recovery' } as const satisfies Record<string, SiteRoleValue>;
export type SiteRole = SiteRoleValue;

export const ServerRole = {
  APPLICATION: 'application',
  DATABASE: 'database',
} as const satisfies Record<string, ServerRoleValue>;
export type ServerRole = ServerRoleValue;

export const RuntimeData = {
  DATABASE_DATA: 'database-data',
  DATABASE_LOGS: 'database-logs',
  TRANSACTION_LOGS: 'transaction-logs',
  COMPENSATION_LOGS: 'compensation-logs',
  MESSAGING_STORES: 'messaging-stores',
  OTHER: 'other',
} as const satisfies Record<string, RuntimeDataValue>;
export type RuntimeData = RuntimeDataValue;

export const LinkMode = { SYNC: 'sync', ASYNC: 'async' } as const satisfies Record<string, LinkModeValue>;
export type LinkMode = LinkModeValue;

export const CycleMode = { FIXED: 'fixed', CONTINUOUS: 'continuous' } as const satisfies Record<string, CycleModeValue>;
export type CycleMode = CycleModeValue;

export const NfsVersion = { NFS3: 'nfs3', NFS4: 'nfs4' } as const satisfies Record<string, NfsVersionValue>;
export type NfsVersion = NfsVersionValue;

export const DatabaseContent = {
  DATABASE_LOGS: 'database-logs',
  BOOTSTRAP_DATA_SET: 'bootstrap-data-set',
  ICF_CATALOG: 'icf-catalog',
  USER_CATALOG: 'user-catalog',
  CATALOG_AND_DIRECTORY: 'catalog-and-directory',
  TABLE_SPACES: 'table-spaces',
  INDEX_SPACES: 'index-spaces',
} as const satisfies Record<string, DatabaseContentValue>;
export type DatabaseContent = DatabaseContentValue;

export const MirroringMode = { CONSTANT: 'constant', BACKUP_ONLY: 'backup-only' } as const satisfies Record<
  string,
  MirroringModeValue
>;
export type MirroringMode = MirroringModeValue;

export const RecoveryScenario = {
  READ_ONLY_STANDBY: 'read-only-standby',
  LAST_BACKUP: 'last-backup',
  POINT_IN_TIME: 'point-in-time',
} as const satisfies Record<string, RecoveryScenarioKind>;
export type RecoveryScenario = RecoveryScenarioKind;

export const SecondCopyStart = {
  PHYSICAL_COMPLETE: 'physical-complete',
  LOGICAL_COMPLETE: 'logical-complete',
} as const satisfies Record<string, SecondCopyStartValue>;
export type SecondCopyStart = SecondCopyStartValue;

export const LinkSharing = {
  ANY: 'any',
  PER_SCHEDULE: 'per-schedule',
} as const satisfies Record<string, LinkSharingValue>;
export type LinkSharing = LinkSharingValue;
export const TranlogStore = {
  FILE_SYSTEM: 'file-system',
  DATABASE: 'database',
} as const satisfies Record<string, TranlogStoreValue>;
export type TranlogStore = TranlogStoreValue;
