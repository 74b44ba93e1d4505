import { NullProvider } from '@cdktf/provider-null/lib/provider';
import type { IConstruct } from 'constructs';
import { Aspects, DefaultTokenResolver, StringConcat, TerraformStack, Tokenization, type IStackSynthesizer, type ISynthesisSession } from 'cdktf';
import * as path from 'path';
import type { PlanAnalysis } from '../estate';
import { SanDrError } from '../errors';
import type { LinkDecl, PlanDecl } from '../model/design';
import { buildPlanDocument, type PlanDocument } from '../plan/document';
import { fingerprintOf, removePlanFiles, writeFailedPlanFiles, writePlanFiles } from '../plan/files';
import { forgetEarlierPlans, markAsPlanned } from './plan-lifecycle';
import { reservedChildId } from './reserved-ids';
import { suppressionsIn } from './suppressions';
import { AppEstate, type StackDeclarations } from './app-estate';
import { mayHoldToken, withTokenStepsOnly } from './step-resources';
import { writeStepResources } from './terraform-file';
import { beginSynthesisRun, failStack } from './synthesis-run';

/** What a DisasterRecoveryPlan gives the estate. */
export interface EstatePlan {
  readonly node: IConstruct['node'];
  _declaration(): PlanDecl;
  /** Creates the plan's step resources and annotations; returns the command bound to each step. */
  _materialize(analysis: PlanAnalysis): ReadonlyMap<string, string | undefined>;
}

/** What a ReplicationLink gives the estate. */
export interface EstateLink {
  readonly node: IConstruct['node'];
  _declaration(): LinkDecl;
}

const ESTATES = new WeakMap<TerraformStack, StackEstate>();

/**
 * Everything the library declared in one stack, analysed once per synthesis.
 *
 * The analysis must see the whole stack, because links are shared across plans, and it must
 * run after the user's program has declared everything: the stack's prepareStack() (the first
 * thing App.synth() does) or else an aspect on the stack (cdktf runs aspects before validations
 * in both `cdktf synth` and `Testing`) turns the declaration into step resources, and a wrapped
 * stack synthesizer adds the step resources without a token to the `cdk.tf.json` cdktf has
 * validated and written (lib/constructs/terraform-file.ts), then writes the plan files.
 * This is the only place that hooks into synthesis.
 */
export class StackEstate {
  public static of(scope: IConstruct): StackEstate {
    let stack: TerraformStack;
    try {
      stack = TerraformStack.of(scope);
    } catch {
      throw new SanDrError({
        propPath: 'scope',
        value: scope.node.path,
        allowed: 'a scope inside a TerraformStack',
        scope: scope.node.path,
      });
    }
    let estate = ESTATES.get(stack);
    if (!estate) {
      // Every DR construct gets here before its props are checked: stale plans go first.
      forgetEarlierPlans(stack);
      estate = new StackEstate(stack);
      ESTATES.set(stack, estate);
    }
    return estate;
  }

  /** Refuses `member` if its stack was already analysed (without creating an estate for it). */
  public static assertOpenFor(member: IConstruct): void {
    ESTATES.get(TerraformStack.of(member))?.assertOpen(member);
  }

  private readonly plans: EstatePlan[] = [];
  private readonly links: EstateLink[] = [];
  private analyses: PlanAnalysis[] | undefined;
  private readonly commands = new Map<string, ReadonlyMap<string, string | undefined>>();
  private document: PlanDocument | undefined;
  private failure: { readonly error: unknown } | undefined;

  private constructor(private readonly stack: TerraformStack) {
    AppEstate.of(stack).register(this);
    markAsPlanned(stack);
    // The plan document is built here too, with the step resources, rather than when the files are
    // written: then it adds to a small heap instead of to the peak that cdktf reaches while it
    // resolves and writes cdk.tf.json (README "Performance").
    Aspects.of(stack).add({ visit: (node) => (node === stack ? this.planDocument() : undefined) });
    // App.synth() runs prepareStack() on every stack before it invokes any aspect. Creating the step
    // resources there lets cdktf's preparing resolve see them, as it sees resources a user declares:
    // it wires cross-stack references (a token in a bound command), and its peak memory stays that
    // of bare cdktf (README "Performance"). Testing.synth() skips prepareStack(); the aspect covers it.
    const prepareStack = stack.prepareStack.bind(stack);
    stack.prepareStack = () => {
      beginSynthesisRun(stack);
      try {
        this.planDocument();
      } catch {
        // The synthesizer throws it again, once stale plan files are removed.
      }
      withTokenStepsOnly(stack, prepareStack);
    };
    stack.synthesizer = new PlanFileSynthesizer(stack.synthesizer, stack, () => this.planDocument());
  }

  public addPlan(plan: EstatePlan): void {
    this.assertOpen(plan);
    this.plans.push(plan);
  }

  public addLink(link: EstateLink): void {
    this.assertOpen(link);
    this.links.push(link);
  }

  /** Once per stack: analyse, then create the step resources. Later calls return the same result. */
  public materialize(): readonly PlanAnalysis[] {
    if (this.analyses) return this.analyses;
    // An attempt that failed while creating the step resources may have created part of them:
    // never retry it, rethrow. A failure before (the declaration, the analysis) creates nothing.
    if (this.failure) throw this.failure.error;
    const ids = new Set(this.plans.map((plan) => plan.node.path));
    const analyses = AppEstate.of(this.stack).analyses().filter((analysis) => ids.has(analysis.plan.id));
    try {
      if (this.plans.length > 0 && !this.stack.node.findAll().some((c) => c instanceof NullProvider)) {
        new NullProvider(this.stack, reservedChildId(this.stack, 'san-dr-null-provider', 'the null provider of its step resources'));
      }
      analyses.forEach((analysis, index) => this.commands.set(analysis.plan.id, this.plans[index]._materialize(analysis)));
      this.analyses = analyses;
      return analyses;
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  public planDocument(): PlanDocument {
    const analyses = this.materialize();
    const app = AppEstate.of(this.stack);
    this.document ??= buildPlanDocument(this.stack.node.id, analyses, app.links(), this.commands, app.analyses(), {
      appStacks: app.stacks(),
      suppressions: app.declarationsOf(this.stack.node.id)?.suppressions ?? [],
    });
    return this.document;
  }

  public analysisOf(plan: EstatePlan): PlanAnalysis {
    return this.materialize()[this.plans.indexOf(plan)];
  }

  /** @internal What the App-wide analysis needs of this stack. */
  public _declarations(): StackDeclarations {
    return {
      stack: this.stack.node.id,
      plans: this.plans.map((plan) => plan._declaration()),
      links: this.links.map((link) => link._declaration()),
      suppressions: suppressionsIn(this.stack),
    };
  }

  /** Members declared after the analysis would be silently left out of the plan: refuse them. */
  public assertOpen(member: { node: IConstruct['node'] }): void {
    if (!this.analyses && !AppEstate.of(this.stack).analysed) return;
    throw new SanDrError({
      propPath: 'scope',
      value: member.node.path,
      allowed: `a construct declared before stack ${this.stack.node.id} was synthesized; the plan was already analysed`,
      scope: member.node.path,
    });
  }
}

/** The resolver cdktf resolves a stack's configuration with. */
const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());

class PlanFileSynthesizer implements IStackSynthesizer {
  public constructor(
    private readonly inner: IStackSynthesizer,
    private readonly stack: TerraformStack,
    private readonly document: () => PlanDocument,
  ) {}

  public synthesize(session: ISynthesisSession): void {
    const manifest = session.manifest.forStack(this.stack);
    const directory = path.join(session.outdir, manifest.workingDirectory);
    const terraformFile = path.join(session.outdir, manifest.synthesizedStackPath);
    removePlanFiles(directory);
    // A declaration the analysis cannot read throws here: then no plan is written.
    const document = resolvedTokens(this.document(), (text) => Tokenization.resolve(text, { scope: this.stack, preparing: false, resolver: TOKEN_RESOLVER }));
    if (document.verdict === 'fail') {
      // Whatever session.skipValidation says: the plan says FAIL, and no cdk.tf.json is left.
      writeFailedPlanFiles(directory, document, terraformFile);
      failStack(this.stack, document, manifest.workingDirectory);
      return;
    }
    // Throws on any other validation error, before cdk.tf.json is written; then no plan is written either.
    // cdktf writes the configuration with the steps that hold a token; the others are streamed in after.
    withTokenStepsOnly(this.stack, () => this.inner.synthesize(session));
    writeStepResources(this.stack, terraformFile);
    writePlanFiles(directory, document, fingerprintOf(terraformFile));
  }
}

/**
 * `value` with every string that holds a cdktf token (a bound command such as `ssh ${host.id}`,
 * or a parameter taken from another resource) replaced by what cdktf resolves it to in this stack:
 * the Terraform expression that cdk.tf.json holds, e.g. `${null_resource.host.id}`, or across
 * stacks `${data.terraform_remote_state.cross-stack-reference-input-hosts.outputs....}`. The
 * placeholder itself (`${TfToken[TOKEN.12]}`) numbers tokens in creation order within the process,
 * so it would make the same program write different plans. Unchanged parts are shared, not copied.
 */
function resolvedTokens<T>(value: T, resolve: (text: string) => unknown): T {
  if (typeof value === 'string') {
    if (!mayHoldToken(value)) return value;
    const resolved = resolve(value);
    return (typeof resolved === 'string' ? resolved : JSON.stringify(resolved)) as T;
  }
  if (typeof value !== 'object' || value === null) return value;
  const original = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(original)) {
    const resolved = resolvedTokens(original[key], resolve);
    if (resolved === original[key]) continue;
    copy ??= (Array.isArray(original) ? [...original] : { ...original }) as Record<string, unknown>;
    copy[key] = resolved;
  }
  return (copy ?? value) as T;
}
