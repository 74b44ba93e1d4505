import { archiveLogs } from './archive-logs';
import { backupCycleFits } from './backup-cycle-fits';
import { consistencyGroup } from './consistency-group';
import { copyOverlap } from './copy-overlap';
import { deferredDataMirroring } from './deferred-data-mirroring';
import { failbackWindow } from './failback-window';
import { logDataPlacement } from './log-data-placement';
import { logMirrorBandwidth } from './log-mirror-bandwidth';
import { logMirroring } from './log-mirroring';
import { lssBalance } from './lss-balance';
import { mountParity } from './mount-parity';
import { peerRecovery } from './peer-recovery';
import { portPaths } from './port-paths';
import { recoveryPathRpo } from './recovery-path-rpo';
import { recoveryPathRto } from './recovery-path-rto';
import { rpoBudget } from './rpo-budget';
import { rpoMargin } from './rpo-margin';
import { compareText } from '../analysis/steps';
import { rtoBudget } from './rto-budget';
import { FINDING_LEVELS, type Finding, type Rule, type RuleContext, type RuleInfo } from './rule';
import { runtimeDataCoverage } from './runtime-data-coverage';
import { scheduleSustainable } from './schedule-sustainable';
import { syncBandwidth } from './sync-bandwidth';
import { syncCircuitPriority } from './sync-circuit-priority';
import { syncPeakDeclared } from './sync-peak-declared';
import { syncReach } from './sync-reach';
import { tranlogDatabase } from './tranlog-database';
import { tranlogEveryServer } from './tranlog-every-server';
import { tranlogLocking } from './tranlog-locking';
import { unusedSuppression } from './unused-suppression';
import { writeOrder } from './write-order';
import { writeSuspendWindow } from './write-suspend-window';

export type { Finding, FindingLevel, FindingSuppression, Rule, RuleContext, RuleInfo, Violation } from './rule';
export { applySuppressions, suppressionMatches } from './suppressions';

/** Every rule the library checks, in the order the README lists them. */
export const RULES: readonly Rule[] = [
  rpoBudget,
  scheduleSustainable,
  rpoMargin,
  syncReach,
  syncBandwidth,
  syncCircuitPriority,
  syncPeakDeclared,
  consistencyGroup,
  writeOrder,
  mountParity,
  tranlogLocking,
  tranlogEveryServer,
  logDataPlacement,
  runtimeDataCoverage,
  // The way back: recovery procedures, peer recovery and failback.
  rtoBudget,
  peerRecovery,
  tranlogDatabase,
  failbackWindow,
  // Seed 003: split-mirror backup with synchronous log mirroring.
  copyOverlap,
  writeSuspendWindow,
  backupCycleFits,
  logMirroring,
  logMirrorBandwidth,
  recoveryPathRpo,
  recoveryPathRto,
  archiveLogs,
  portPaths,
  lssBalance,
  deferredDataMirroring,
];

/** Every ID a finding can carry: the design rules, then the check of the suppressions themselves. */
export const CATALOG: readonly RuleInfo[] = [...RULES, unusedSuppression];

/** All findings for one plan, errors first, then by rule and path, so plans diff cleanly. */
export function checkRules(context: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const violation of rule.check(context)) {
      findings.push({ ruleId: rule.id, level: rule.level, title: rule.title, ...violation });
    }
  }
  return findings.sort(
    (a, b) =>
      FINDING_LEVELS.indexOf(a.level) - FINDING_LEVELS.indexOf(b.level) ||
      rules.findIndex((r) => r.id === a.ruleId) - rules.findIndex((r) => r.id === b.ruleId) ||
      compareText(a.path, b.path) ||
      // Two findings of one rule on one construct: by what they say, not by declaration order.
      compareText(a.message, b.message),
  );
}
