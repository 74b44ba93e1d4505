import type { RecoveryAnalysis } from '../analysis/recovery';
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
  /** Recovery procedures of this plan (failover, drill, failback, split-mirror scenarios). */
  readonly recovery?: RecoveryAnalysis;
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
 * What the catalog (and the README's rules table) says about a rule: a stable ID that never
 * changes meaning, a level, a title, the rationale a storage architect would give when asked
 * why, and the remedy in general terms (each finding carries its own fix with the numbers).
 */
export interface RuleInfo {
  readonly id: string;
  readonly level: FindingLevel;
  readonly title: string;
  readonly rationale: string;
  /** The usual remedy, in general terms. */
  readonly fix: string;
  /**
   * Whether a user may acknowledge a finding of this rule with `DrSuppressions.add` and a reason.
   * Warnings and notes are; an error only where breaking the rule can be a deliberate, reviewed
   * choice rather than a design that cannot work.
   */
  readonly suppressible: boolean;
}

/** A design rule, in the manner of cdk-nag: the catalog entry and a pure check. */
export interface Rule extends RuleInfo {
  check(context: RuleContext): readonly Violation[];
}

/** Where and why a user acknowledged a finding (see `DrSuppressions`). */
export interface FindingSuppression {
  /** Construct path the suppression was added on. */
  readonly path: string;
  readonly reason: string;
}

export interface Finding extends Violation {
  readonly ruleId: string;
  readonly level: FindingLevel;
  readonly title: string;
  /** Present when the finding was suppressed: it no longer fails synthesis, but stays in the plan. */
  readonly suppression?: FindingSuppression;
}
