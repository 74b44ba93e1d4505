import type { RpoBudget } from '../analysis/rpo';
import type { SplitMirrorAnalysis } from '../analysis/split-mirror';
import type { EstateDecl, LinkDecl, PlanDecl } from '../model/design';

export type FindingLevel = 'error' | 'warning' | 'info';

/** Errors fail synthesis; warnings and notes are only reported in the plan. */
export const FINDING_LEVELS: readonly FindingLevel[] = ['error', 'warning', 'info'];

/** What a rule sees: one plan, with the analysis already done and the stack's links. */
export interface RuleContext {
  readonly estate: EstateDecl;
  readonly plan: PlanDecl;
  /** RPO budgets of this plan's schedules. */
  readonly budgets: readonly RpoBudget[];
  /** Analyses of this plan's split-mirror backups (seed 003). */
  readonly splitMirrors?: readonly SplitMirrorAnalysis[];
  readonly linksById: ReadonlyMap<string, LinkDecl>;
  /** Short display name of any construct id in the estate. */
  nameOf(id: string): string;
}

/** One place where a design breaks a rule. */
export interface Violation {
  /** Construct path of what must change. */
  readonly path: string;
  /** What is wrong, with the numbers. */
  readonly message: string;
  /** What would make it right, with the numbers. */
  readonly fix: string;
}

/**
 * A design rule, in the manner of cdk-nag: a stable ID that never changes meaning, a level,
 * and a pure check. The rationale is what a storage architect would say when asked why.
 */
export interface Rule {
  readonly id: string;
  readonly level: FindingLevel;
  readonly title: string;
  readonly rationale: string;
  check(context: RuleContext): readonly Violation[];
}

export interface Finding extends Violation {
  readonly ruleId: string;
  readonly level: FindingLevel;
  readonly title: string;
}
