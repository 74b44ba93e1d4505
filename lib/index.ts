// Constructs: what users declare.
export { DisasterRecoveryPlan, type DisasterRecoveryPlanProps, type RecoveryTimesProps } from './constructs/disaster-recovery-plan';
export { DataCenter, type DataCenterProps, type ServerProps } from './constructs/data-center';
export {
  ReplicatedVolume,
  type AverageChangeRate,
  type MountedOn,
  type Placement,
  type ReplicatedVolumeProps,
} from './constructs/replicated-volume';
export { SanVolumePair, type SanVolumePairProps } from './constructs/san-volume-pair';
export { TranlogVolume, type TranlogVolumeProps } from './constructs/tranlog-volume';
export { ReplicationLink, type ReplicationLinkProps } from './constructs/replication-link';
export { SnapshotSchedule, type SnapshotScheduleProps } from './constructs/snapshot-schedule';
export {
  SplitMirrorBackup,
  type LogicalSubsystemPlacement,
  type MirrorPortsProps,
  type MirrorVolumeProps,
  type PointInTimeCopyProps,
  type SplitMirrorBackupProps,
  type SplitMirrorRecoveryProps,
  type VolumeSetProps,
  type VolumeSetsProps,
  type WriteSuspendProps,
} from './constructs/split-mirror-backup';
export {
  CycleMode,
  DatabaseContent,
  LinkMode,
  LinkSharing,
  MirroringMode,
  NfsVersion,
  RecoveryScenario,
  RuntimeData,
  SecondCopyStart,
  ServerRole,
  SiteRole,
  TranlogStore,
} from './constructs/enums';
export type { StepCommandBuilder, StepCommands, StepInvocation, StepSelection } from './constructs/step-resources';
export { shellCommand, shellQuote } from './escape/shell';
export { DrSuppressions, type DrSuppression, type DrSuppressionOptions } from './constructs/suppressions';

// Units and errors.
export * from './units';
export { DrDesignFailedError, SanDrError, type FailedStack } from './errors';

// The pure analysis, for tools and tests that work without cdktf.
export { analyzeEstate, type PlanAnalysis, type RpoBudget, type RpoFix, type RpoVerdict, type Step, type StepAction, type StepPhase } from './estate';
export { computeRpoBudgets } from './analysis/rpo';
export { changedBytesInWindow } from './analysis/change';
export { analyzeRecovery, RECOVERY_ACTIONS, type Procedure, type ProcedureKind, type RecoveryAction, type RecoveryAnalysis, type RecoveryStep } from './analysis/recovery';
export { analyzeSplitMirror, type CopyOverlap, type CopyRelationship, type CycleStep, type ScenarioEstimate, type SplitMirrorAnalysis, type WriteSuspendEstimate } from './analysis/split-mirror';
export type * from './model/design';
export type { MirrorVolumeDecl, RecoveryScenarioKind, SplitMirrorDecl, VolumeSetDecl, VolumeSetRole } from './model/split-mirror';
export { RULES, checkRules, type Finding, type FindingLevel, type Rule, type RuleContext, type Violation } from './rules';
export { CATALOG, applySuppressions, suppressionMatches, type FindingSuppression, type RuleInfo } from './rules';

// The plan files.
export { buildPlanDocument, planDocumentSchema, PLAN_SCHEMA_VERSION, type PlanDocument } from './plan/document';
export { READABLE_PLAN_SCHEMA_VERSIONS } from './plan/document';
export { renderPlanMarkdown } from './plan/markdown';
export { PLAN_JSON_FILE, PLAN_MARKDOWN_FILE, RUNBOOK_FILE } from './plan/files';
export { renderRunbookMarkdown } from './plan/runbook-markdown';

// The review tools behind the cdktf-san-dr command.
export { diffPlans, gateFailures, renderDiffMarkdown, type PlanDiff } from './cli/diff';
export { CliError, loadPlans, parsePlanDocument, readPlanFile, type LoadedPlans } from './cli/load';
export { renderPlanText } from './cli/text';
