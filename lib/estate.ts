import { circuitKey, computeRpoBudgets, logMirrorPeakBytesPerSecond, syncCircuitPeaks, type CircuitCopyTraffic, type RpoBudget } from './analysis/rpo';
import { analyzeRecovery, type RecoveryAnalysis } from './analysis/recovery';
import { analyzeSplitMirror, type SplitMirrorAnalysis } from './analysis/split-mirror';
import { planSteps, type Step } from './analysis/steps';
import type { EstateDecl, LinkDecl, PlanDecl } from './model/design';
import { applySuppressions, checkRules, RULES, type Finding, type Rule } from './rules';

/**
 * The top layer: the whole check of an estate. `analysis/` computes (budgets, steps, backup
 * cycles), `rules/` judges what it computed, and this module runs both over every plan. It sits
 * above both so that each of them reads top-down.
 */

export interface PlanAnalysis {
  readonly plan: PlanDecl;
  readonly budgets: readonly RpoBudget[];
  readonly steps: readonly Step[];
  /** Backup cycles, write-suspend windows and recovery scenarios of the plan's split mirrors. */
  readonly splitMirrors: readonly SplitMirrorAnalysis[];
  /** Failover, drill and failback procedures, and the split mirrors' recovery scenarios as procedures. */
  readonly recovery: RecoveryAnalysis;
  readonly findings: readonly Finding[];
}

/**
 * RPO budgets (links and circuits are shared across plans and stacks), deployment steps and
 * rule findings per plan, for everything the App (or the `estate` command) declares. Pure: same
 * input, same output, no cdktf.
 */
export function analyzeEstate(estate: EstateDecl, rules: readonly Rule[] = RULES): PlanAnalysis[] {
  const linksById = new Map(estate.links.map((link) => [link.id, link]));
  const names = new Map<string, string>();
  for (const link of estate.links) names.set(link.id, link.name);
  for (const plan of estate.plans) {
    names.set(plan.id, plan.name);
    for (const item of [...plan.sites, ...plan.volumes, ...plan.schedules, ...(plan.splitMirrors ?? [])]) names.set(item.id, item.name);
  }
  const nameOf = (id: string) => names.get(id) ?? id;

  const alone = analyzeSplitMirrors(estate, linksById);
  const spans = new Map<string, number>();
  const budgets = computeRpoBudgets(estate, copyTrafficOf(alone), spans);
  const splitMirrorsByPlan = delayedBySnapshots(estate, alone, spans);
  const budgetsByPlan = new Map<string, RpoBudget[]>();
  for (const budget of budgets) {
    const list = budgetsByPlan.get(budget.planId) ?? [];
    list.push(budget);
    budgetsByPlan.set(budget.planId, list);
  }

  const analyses = estate.plans.map((plan) => {
    const budgets = budgetsByPlan.get(plan.id) ?? [];
    const splitMirrors = splitMirrorsByPlan.get(plan.id) ?? [];
    const recovery = analyzeRecovery(plan, budgets, splitMirrors, linksById);
    return {
      plan,
      budgets,
      steps: planSteps(plan, linksById),
      splitMirrors,
      recovery,
      findings: checkRules({ estate, plan, budgets, splitMirrors, recovery, linksById, nameOf }, rules),
    };
  });
  if (!estate.suppressions?.length) return analyses;
  const findings = applySuppressions(analyses, estate.suppressions);
  return analyses.map((analysis, index) => ({ ...analysis, findings: findings[index] }));
}

/**
 * The RPO budgets alone, as analyzeEstate computes them: every schedule with every other user of
 * its circuit, split mirrors' resync copies included. For callers that ask "what if" of a
 * changed estate (the estate command's move-or-cut advice).
 */
export function estateBudgets(estate: EstateDecl): RpoBudget[] {
  const linksById = new Map(estate.links.map((link) => [link.id, link]));
  return computeRpoBudgets(estate, copyTrafficOf(analyzeSplitMirrors(estate, linksById)));
}

/** Per plan, its split mirrors' backup cycles: they depend on the synchronous writes on their circuit, not on the budgets. */
function analyzeSplitMirrors(estate: EstateDecl, linksById: ReadonlyMap<string, LinkDecl>): Map<string, SplitMirrorAnalysis[]> {
  const syncPeaks = syncCircuitPeaks(estate, linksById);
  const result = new Map<string, SplitMirrorAnalysis[]>();
  for (const plan of estate.plans) {
    const splitMirrors = (plan.splitMirrors ?? []).map((decl) => {
      const link = linksById.get(decl.linkId);
      if (!link) return analyzeSplitMirror(decl, undefined);
      // The other synchronous writes on the circuit (schedules, other split mirrors' logs) go
      // first: the mirror's logs, resync and copy back get what they leave.
      const own = logMirrorPeakBytesPerSecond(decl.volumes) / link.compressionRatio;
      const others = Math.max(0, (syncPeaks.get(circuitKey(link)) ?? own) - own);
      return analyzeSplitMirror(decl, withOtherLoad(link, others));
    });
    result.set(plan.id, splitMirrors);
  }
  return result;
}

/**
 * The split mirrors again where snapshot schedules on their circuit delay their copies: by the
 * span the budgets found (with the schedules going first) less the span with the link to itself.
 */
function delayedBySnapshots(
  estate: EstateDecl,
  alone: ReadonlyMap<string, readonly SplitMirrorAnalysis[]>,
  spans: ReadonlyMap<string, number>,
): Map<string, SplitMirrorAnalysis[]> {
  const result = new Map<string, SplitMirrorAnalysis[]>();
  for (const plan of estate.plans) {
    result.set(
      plan.id,
      (alone.get(plan.id) ?? []).map((analysis) => {
        const span = spans.get(analysis.splitMirror.id);
        const own = analysis.linkCopy?.spanSeconds;
        if (span === undefined || own === undefined || !analysis.link || !(span > own)) return analysis;
        return analyzeSplitMirror(analysis.splitMirror, analysis.link, span - own);
      }),
    );
  }
  return result;
}

/** Each circuit's split-mirror resync copies, which the snapshot schedules on it share the line with. */
function copyTrafficOf(splitMirrors: ReadonlyMap<string, readonly SplitMirrorAnalysis[]>): Map<string, CircuitCopyTraffic[]> {
  const traffic = new Map<string, CircuitCopyTraffic[]>();
  for (const analyses of splitMirrors.values()) {
    for (const { splitMirror, link, linkCopy } of analyses) {
      if (!link || !linkCopy) continue;
      const key = circuitKey(link);
      traffic.set(key, [...(traffic.get(key) ?? []), { ...linkCopy, id: splitMirror.id, name: splitMirror.name }]);
    }
  }
  return traffic;
}

function withOtherLoad(link: LinkDecl, bytesPerSecond: number): LinkDecl {
  if (bytesPerSecond <= 0) return link;
  return { ...link, otherTrafficBytesPerSecond: (link.otherTrafficBytesPerSecond ?? 0) + bytesPerSecond };
}

export type { RpoBudget, RpoFix, RpoVerdict } from './analysis/rpo';
export type { Step, StepAction, StepPhase } from './analysis/steps';
export type { Procedure, ProcedureKind, RecoveryAction, RecoveryAnalysis, RecoveryStep } from './analysis/recovery';
export type {
  CopyOverlap,
  CopyRelationship,
  CycleStep,
  ScenarioEstimate,
  SplitMirrorAnalysis,
  WriteSuspendEstimate,
} from './analysis/split-mirror';
