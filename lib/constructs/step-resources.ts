import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { Construct } from 'constructs';
import { recoveryCommandKey, type Procedure, type RecoveryAction } from '../analysis/recovery';
import type { Step, StepAction } from '../analysis/steps';
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

/**
 * One null_resource per step. Triggers hold the step's parameters (and its action), so a change
 * to a volume's path re-runs exactly the steps that use that path; depends_on mirrors the plan.
 */
export function createStepResources(
  scope: Construct,
  steps: readonly Step[],
  commands: StepCommands,
): Map<string, string | undefined> {
  const resources = new Map<string, NullResource>();
  const commandsById = new Map<string, string | undefined>();
  for (const step of steps) {
    const command = commandFor(scope, step, commands[step.action]);
    commandsById.set(step.id, command);
    const resource = new NullResource(scope, constructIdOf(step.id), {
      triggers: terraformLiteralRecord({ action: step.action, ...step.params }),
      dependsOn: step.dependsOn.map((id) => resources.get(id)!),
      provisioners: command ? [{ type: 'local-exec', command: terraformLiteral(command) }] : undefined,
    });
    resources.set(step.id, resource);
  }
  return commandsById;
}

/** Construct ids may not contain "/"; step ids encode "|" in their parts, so "|" can only stand for "/". */
function constructIdOf(stepId: string): string {
  return stepId.replace(/\//g, '|');
}

/**
 * The commands bound to recovery steps, quoted like the deployment steps' but not run: added to
 * `into` under `recoveryCommandKey`, for the plan document and the runbook.
 */
export function bindRecoveryCommands(
  scope: Construct,
  procedures: readonly Procedure[],
  commands: StepCommands,
  into: Map<string, string | undefined>,
): void {
  for (const procedure of procedures) {
    for (const step of procedure.steps) {
      const command = commandFor(scope, { ...step, id: `${procedure.id}/${step.id}` }, commands[step.action], scope.node.path);
      if (command !== undefined) into.set(recoveryCommandKey(procedure.id, step.id), command);
    }
  }
}

type Invocable = Pick<StepInvocation, 'id' | 'action' | 'title' | 'params'>;

function commandFor(scope: Construct, step: Invocable, build: StepCommandBuilder | undefined, errorScope = scope.node.scope?.node.path): string | undefined {
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
      scope: errorScope,
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
      scope: errorScope,
    });
  }
  return shellCommand(argv);
}
