import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { SanDrError } from '../errors';
import type { SuppressionDecl } from '../model/design';
import { CATALOG } from '../rules';
import { parseProps } from './props';
import { StackEstate } from './stack-estate';

/** One acknowledged finding: the rule's ID and why the finding is accepted here. */
export interface DrSuppression {
  /** A rule ID from the catalog, e.g. `SDR-LOG-DATA-PLACEMENT`. */
  readonly id: string;
  /**
   * Why the finding is accepted, for the reviewer: at least one sentence (20 characters or more,
   * at least three words, ending with ".", "!" or "?").
   */
  readonly reason: string;
}

export interface DrSuppressionOptions {
  /**
   * Also suppress the rule's findings on every construct below the scope.
   * @default false
   */
  readonly applyToChildren?: boolean;
}

const SUPPRESSIONS = new WeakMap<IConstruct, SuppressionDecl[]>();

const REASON_TEXT = 'a reason of at least one sentence: 20 characters or more, at least three words, ending with ".", "!" or "?"';
const suppressibleIds = CATALOG.filter((rule) => rule.suppressible).map((rule) => rule.id);

const idSchema = z.string({ error: `a rule ID: ${CATALOG.map((r) => r.id).join(', ')}` }).superRefine((id, ctx) => {
  const rule = CATALOG.find((r) => r.id === id);
  if (!rule) {
    ctx.addIssue({ code: 'custom', message: `a rule ID from the catalog: ${CATALOG.map((r) => r.id).join(', ')}` });
  } else if (!rule.suppressible) {
    ctx.addIssue({
      code: 'custom',
      message:
        `the ID of a rule whose findings may be suppressed (${suppressibleIds.join(', ')}); ` +
        `${rule.id} (${rule.level}) cannot be suppressed. ${rule.fix}`,
    });
  }
});

const reasonSchema = z
  .string({ error: REASON_TEXT })
  .refine((reason) => isSentence(reason), { message: REASON_TEXT });

const addSchema = z.strictObject({
  suppressions: z
    .array(z.strictObject({ id: idSchema, reason: reasonSchema }), { error: 'an array of { id, reason }' })
    .min(1, { error: 'at least one { id, reason }' }),
  options: z.strictObject({ applyToChildren: z.boolean({ error: 'true or false' }).default(false) }).default({ applyToChildren: false }),
});

/** A reason a reviewer can act on: a sentence, not a ticket number or "ok". */
export function isSentence(reason: string): boolean {
  const text = reason.trim();
  return text.length >= 20 && text.split(/\s+/).length >= 3 && /[.!?]$/.test(text);
}

/**
 * Acknowledges findings, in the manner of cdk-nag's `NagSuppressions`: a suppressed finding no
 * longer fails synthesis (for errors whose rule allows it) and is not counted, but stays in
 * `dr-plan.json` and `dr-plan.md`, marked with its reason. A suppression that matches no finding
 * is reported as `SDR-UNUSED-SUPPRESSION`.
 */
export class DrSuppressions {
  /**
   * Suppresses the given rules' findings on `scope` (a construct path, matched against each
   * finding's path) and, with `applyToChildren`, on every construct below it.
   * Suppressions are collected when the stack's plans are analysed; in a stack without a
   * DisasterRecoveryPlan there is nothing to match, and nothing reports them.
   * @throws SanDrError for an unknown rule ID, a rule that cannot be suppressed, a reason that is
   * not a sentence, a rule already suppressed on `scope`, or a stack that was already analysed.
   */
  public static add(scope: IConstruct, suppressions: readonly DrSuppression[], options: DrSuppressionOptions = {}): void {
    try {
      TerraformStack.of(scope);
    } catch {
      throw new SanDrError({
        propPath: 'scope',
        value: scope.node.path || `the ${scope.constructor.name}`,
        allowed: 'a construct inside a TerraformStack (suppressions are collected per stack)',
        scope: scope.node.path || undefined,
      });
    }
    StackEstate.assertOpenFor(scope);
    const parsed = parseProps(addSchema, { suppressions, options }, scope);
    const existing = SUPPRESSIONS.get(scope) ?? [];
    const added: SuppressionDecl[] = [];
    parsed.suppressions.forEach(({ id, reason }, index) => {
      if ([...existing, ...added].some((s) => s.ruleId === id)) {
        throw new SanDrError({
          propPath: `suppressions[${index}].id`,
          value: id,
          allowed: `a rule not already suppressed on ${scope.node.path} (one reason per rule and construct)`,
          scope: scope.node.path,
        });
      }
      added.push({ path: scope.node.path, ruleId: id, reason: reason.trim(), applyToChildren: parsed.options.applyToChildren });
    });
    SUPPRESSIONS.set(scope, [...existing, ...added]);
  }

  /** The suppressions added on `scope` itself. */
  public static of(scope: IConstruct): readonly SuppressionDecl[] {
    return SUPPRESSIONS.get(scope) ?? [];
  }
}

/** Every suppression added on `root` or below it, in construct-path order. */
export function suppressionsIn(root: IConstruct): SuppressionDecl[] {
  return root.node.findAll().flatMap((construct) => SUPPRESSIONS.get(construct) ?? []);
}
