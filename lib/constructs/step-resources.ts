import { TerraformElement, TerraformStack, Token, ref, type ITerraformDependable } from 'cdktf';
import type { Construct, Node } from 'constructs';
import type { Step, StepAction, StepPhase } from '../analysis/steps';
import { recoveryCommandKey, type Procedure, type RecoveryAction } from '../analysis/recovery';
import { SanDrError } from '../errors';
import { shellCommand, terraformLiteral, terraformLiteralRecord } from '../escape';

/** What a bound command receives: the step as the plan shows it. */
export interface StepInvocation {
  readonly id: string;
  readonly action: StepAction | RecoveryAction;
  readonly title: string;
  /** The step's parameters (site, server, host, path, volume, ...), all strings. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Builds the argv of the command that performs a step. Each element is shell-quoted, so a
 * value can never become a second command.
 */
export type StepCommandBuilder = (step: StepInvocation) => readonly string[];

/**
 * Commands per action; deployment actions left out are recorded in Terraform state and left to an
 * operator. Commands of recovery actions are never run: the runbook lists them for the operator.
 */
export type StepCommands = { readonly [A in StepAction | RecoveryAction]?: StepCommandBuilder };

/** Which steps `DisasterRecoveryPlan.stepDependencies()` returns; both set means both must match. */
export interface StepSelection {
  /**
   * Only the steps of this phase.
   * @default - every phase
   */
  readonly phase?: StepPhase;
  /**
   * Only the steps of this action.
   * @default - every action
   */
  readonly action?: StepAction;
}

/** The Terraform type of every step resource. */
const STEP_RESOURCE_TYPE = 'null_resource';

interface RenderedStep {
  readonly step: Step;
  /** The resource name: what a `null_resource` construct at `<element path>/<constructId>` would get. */
  readonly logicalId: string;
  readonly constructId: string;
  readonly command: string | undefined;
}

/**
 * The step `null_resource`s of one plan, rendered by one Terraform element.
 *
 * One `null_resource` construct per step would cost, per step, a construct, a token for its
 * address and one for each `depends_on` entry, each with a captured stack trace: most of the
 * synthesis time and memory at estate scale (README "Performance"). The library knows every
 * address, so it writes them as literals. The output is byte for byte what one `null_resource`
 * construct per step at `<this path>/<step id>` writes (test/constructs/step-emission.test.ts):
 * the same resource names (the stack's logical ids of those paths), triggers (the step's
 * parameters and action, so a change re-runs exactly the steps that use it), `depends_on`,
 * `local-exec` provisioner and `//` metadata. The steps whose strings hold a token stay as they
 * are until cdktf resolves this element, so a token in a bound command is wired (across stacks
 * through remote state) as it is in any resource; the others, which cdktf's resolve would leave
 * unchanged, are streamed into cdk.tf.json by the library (lib/constructs/terraform-file.ts).
 */
export class StepResources extends TerraformElement {
  private readonly rendered: readonly RenderedStep[];
  /** The steps with a token in a string: all that cdktf's resolve needs to see. */
  private readonly withTokens: readonly RenderedStep[];
  private readonly logicalIds = new Map<string, string>();

  /** `commands`: each step's bound shell command, from bindStepCommands() (which may throw: call it first). */
  public constructor(scope: Construct, id: string, steps: readonly Step[], commands: ReadonlyMap<string, string | undefined>) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    if (!STEP_RESOURCES.has(stack)) STEP_RESOURCES.set(stack, []);
    STEP_RESOURCES.get(stack)!.push(this);
    const scopes = this.node.scopes;
    this.rendered = steps.map((step) => {
      const command = commands.get(step.id);
      const constructId = constructIdOf(step.id);
      // The stack names a resource from its construct path; it is given that path without the construct.
      const logicalId = stack.getLogicalId({ scopes: [...scopes, { node: { id: constructId } }] } as unknown as Node);
      this.logicalIds.set(step.id, logicalId);
      return { step, logicalId, constructId, command };
    });
    this.withTokens = this.rendered.filter(
      ({ step, constructId, command }) => mayHoldToken(constructId) || (command !== undefined && mayHoldToken(command)) || Object.values(step.params).some(mayHoldToken),
    );
  }

  /**
   * What `dependsOn` accepts for the given steps, in plan order. Each is the resource's address
   * as cdktf's own resources give it (a reference to the stack that holds it), so a resource in
   * another stack depends on it through cdktf's cross-stack handling, as it would on a construct.
   */
  public dependables(selection: StepSelection = {}): ITerraformDependable[] {
    const stack = TerraformStack.of(this);
    return this.rendered
      .filter(({ step }) => (selection.phase === undefined || step.phase === selection.phase) && (selection.action === undefined || step.action === selection.action))
      .map(({ logicalId }) => ({ fqn: Token.asString(ref(`${STEP_RESOURCE_TYPE}.${logicalId}`, stack)) }));
  }

  public override toTerraform(): Record<string, unknown> {
    // cdktf's preparing resolve only looks for tokens (to wire cross-stack references) and
    // discards what it resolved; and when the library writes cdk.tf.json, cdktf resolves only the
    // steps that hold a token, and the rest is streamed into the file (writeStepResources).
    const steps = TOKEN_STEPS_ONLY.has(TerraformStack.of(this)) ? this.withTokens : this.rendered;
    const resources: Record<string, unknown> = {};
    for (const rendered of steps) resources[rendered.logicalId] = this.blockOf(rendered);
    return { resource: { [STEP_RESOURCE_TYPE]: resources } };
  }

  /**
   * The names of the step resources that hold no token, and each one's block, built when it is
   * asked for: what cdktf's resolve would have left unchanged.
   * @internal
   */
  public _literalResources(): { readonly names: string[]; block(name: string): Record<string, unknown> } {
    const withTokens = new Set(this.withTokens);
    const byName = new Map(this.rendered.filter((rendered) => !withTokens.has(rendered)).map((rendered) => [rendered.logicalId, rendered]));
    return { names: [...byName.keys()], block: (name) => this.blockOf(byName.get(name)!) };
  }

  private blockOf({ step, logicalId, constructId, command }: RenderedStep): Record<string, unknown> {
    const block: Record<string, unknown> = {
      triggers: terraformLiteralRecord({ action: step.action, ...step.params }),
      // Written even when empty, as a resource construct given `dependsOn: []` writes it.
      depends_on: step.dependsOn.map((id) => `${STEP_RESOURCE_TYPE}.${this.logicalIds.get(id)!}`),
    };
    if (command) block.provisioner = [{ 'local-exec': { command: terraformLiteral(command) } }];
    block['//'] = { metadata: { path: `${this.node.path}/${constructId}`, uniqueId: logicalId } };
    return block;
  }

  public override toHclTerraform(): Record<string, unknown> {
    throw new SanDrError({
      propPath: 'App.hclOutput',
      value: true,
      allowed: `false (the default): the step resources of ${this.node.path} are written to cdk.tf.json only`,
      scope: this.node.path,
    });
  }
}

const TOKEN_STEPS_ONLY = new WeakSet<TerraformStack>();
const STEP_RESOURCES = new WeakMap<TerraformStack, StepResources[]>();

/** The step resources of every plan in `stack`. */
export function stepResourcesOf(stack: TerraformStack): readonly StepResources[] {
  return STEP_RESOURCES.get(stack) ?? [];
}

/**
 * Runs `synthesize` (cdktf's preparing resolve in prepareStack(), or cdktf's writing of
 * cdk.tf.json) with the step resources of `stack` showing cdktf only the steps whose strings may
 * hold a token: the preparing resolve is only there to find cross-stack references, and the other
 * steps are written by writeStepResources.
 */
export function withTokenStepsOnly(stack: TerraformStack, synthesize: () => void): void {
  TOKEN_STEPS_ONLY.add(stack);
  try {
    synthesize();
  } finally {
    TOKEN_STEPS_ONLY.delete(stack);
  }
}

/**
 * cdktf's resolve replaces string tokens (`${TfToken[...]}`) and numbers encoded in strings; a
 * number token's text matches this pattern of cdktf's (as do some plain strings, which only
 * means the step is resolved once more than needed).
 */
const NUMBER_LIKE = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

/** True for a string that may hold a cdktf token (string or number); a false positive only costs a resolve. */
export function mayHoldToken(text: string): boolean {
  return Token.isUnresolved(text) || NUMBER_LIKE.test(text);
}

/** Construct ids may not contain "/"; step ids encode "|" in their parts, so "|" can only stand for "/". */
export function constructIdOf(stepId: string): string {
  return stepId.replace(/\//g, '|');
}

/** The shell command bound to each step (undefined: left to an operator); refuses a builder's bad answer. */
export function bindStepCommands(planPath: string, steps: readonly Step[], commands: StepCommands): Map<string, string | undefined> {
  return new Map(steps.map((step) => [step.id, commandFor(planPath, step, commands[step.action])]));
}

/**
 * The commands bound to recovery steps, quoted like the deployment steps' but never run: added to
 * `into` under `recoveryCommandKey`, for the plan document and the runbook.
 */
export function bindRecoveryCommands(
  planPath: string,
  procedures: readonly Procedure[],
  commands: StepCommands,
  into: Map<string, string | undefined>,
): void {
  for (const procedure of procedures) {
    for (const step of procedure.steps) {
      const command = commandFor(planPath, { ...step, id: `${procedure.id}/${step.id}` }, commands[step.action]);
      if (command !== undefined) into.set(recoveryCommandKey(procedure.id, step.id), command);
    }
  }
}

function commandFor(planPath: string, step: Pick<StepInvocation, 'id' | 'action' | 'title' | 'params'>, build: StepCommandBuilder | undefined): string | undefined {
  if (!build) return undefined;
  const propPath = `commands["${step.action}"]`;
  let argv: unknown;
  try {
    argv = build({ id: step.id, action: step.action, title: step.title, params: { ...step.params } });
  } catch (error) {
    throw new SanDrError({
      propPath,
      value: error instanceof Error ? error.message : error,
      allowed: `a function that returns the argv for every step of its action; it threw that for step ${step.id}`,
      scope: planPath,
    });
  }
  if (
    !Array.isArray(argv) ||
    argv.length === 0 ||
    !argv.every((arg) => typeof arg === 'string' && !arg.includes('\0'))
  ) {
    throw new SanDrError({
      propPath,
      value: argv,
      allowed: `a function returning a non-empty array of strings without NUL characters (the argv) for step ${step.id}`,
      scope: planPath,
    });
  }
  return shellCommand(argv);
}
