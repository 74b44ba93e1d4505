import type { EstateDecl, PlanDecl } from '../model/design';
import { applySuppressions, checkRules, RULES, type Finding, type Rule } from '../rules';
import { analyzeRecovery, type RecoveryAnalysis } from './recovery';
import { computeRpoBudgets, type RpoBudget } from './rpo';
import { analyzeSplitMirror, type SplitMirrorAnalysis } from './split-mirror';
import { planSteps, type Step } from './steps';

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
 * The whole check of one stack's declarations: RPO budgets (links are shared across plans),
 * deployment steps and rule findings per plan. Pure: same input, same output, no cdktf.
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

  const budgetsByPlan = new Map<string, RpoBudget[]>();
  for (const budget of computeRpoBudgets(estate)) {
    const list = budgetsByPlan.get(budget.planId) ?? [];
    list.push(budget);
    budgetsByPlan.set(budget.planId, list);
  }

  const analyses = estate.plans.map((plan) => {
    const budgets = budgetsByPlan.get(plan.id) ?? [];
    const splitMirrors = (plan.splitMirrors ?? []).map((decl) => analyzeSplitMirror(decl, linksById.get(decl.linkId)));
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

export type { RpoBudget, RpoFix, RpoVerdict } from './rpo';
export type { Step, StepAction, StepPhase } from './steps';
export type { Procedure, ProcedureKind, RecoveryAction, RecoveryAnalysis, RecoveryStep } from './recovery';
export type {
  CopyOverlap,
  CopyRelationship,
  CycleStep,
  ScenarioEstimate,
  SplitMirrorAnalysis,
  WriteSuspendEstimate,
} from './split-mirror';
