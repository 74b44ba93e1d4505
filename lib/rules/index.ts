import { consistencyGroup } from './consistency-group';
import { logDataPlacement } from './log-data-placement';
import { mountParity } from './mount-parity';
import { rpoBudget } from './rpo-budget';
import { rpoMargin } from './rpo-margin';
import { FINDING_LEVELS, type Finding, type Rule, type RuleContext, type RuleInfo } from './rule';
import { runtimeDataCoverage } from './runtime-data-coverage';
import { scheduleSustainable } from './schedule-sustainable';
import { syncBandwidth } from './sync-bandwidth';
import { syncReach } from './sync-reach';
import { tranlogEveryServer } from './tranlog-every-server';
import { tranlogLocking } from './tranlog-locking';
import { unusedSuppression } from './unused-suppression';
import { writeOrder } from './write-order';

export type { Finding, FindingLevel, FindingSuppression, Rule, RuleContext, RuleInfo, Violation } from './rule';
export { applySuppressions, suppressionMatches } from './suppressions';

/** Every rule the library checks, in the order the README lists them. */
export const RULES: readonly Rule[] = [
  rpoBudget,
  scheduleSustainable,
  rpoMargin,
  syncReach,
  syncBandwidth,
  consistencyGroup,
  writeOrder,
  mountParity,
  tranlogLocking,
  tranlogEveryServer,
  logDataPlacement,
  runtimeDataCoverage,
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
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}
