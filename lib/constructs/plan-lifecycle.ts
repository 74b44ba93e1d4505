import { App, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { SanDrError } from '../errors';
import { PLAN_JSON_FILE, removeEarlierPlanFiles, TERRAFORM_MARKER } from '../plan/files';

/** Apps whose output directory was already cleared of earlier plans in this process. */
const CLEARED = new WeakSet<IConstruct>();

/**
 * Called with the stack of the first DR construct, before its props are checked. Refuses a
 * stack id that would put the plan outside `stacks/`, then, once per App, removes every
 * stack's earlier plan files, so that nothing written by an earlier run reads as current.
 */
export function forgetEarlierPlans(stack: TerraformStack): void {
  const id = stack.node.id;
  if (id === '' || id === '.' || id === '..' || /[\\/\0]/.test(id)) {
    throw new SanDrError({
      propPath: 'id',
      value: id,
      allowed: 'a stack id that names a directory inside stacks/ (not "", "." or "..", and without "/", "\\" or NUL)',
      scope: stack.node.path,
    });
  }
  const root = stack.node.root;
  if (CLEARED.has(root)) return;
  CLEARED.add(root);
  if (root instanceof App) removeEarlierPlanFiles(root.outdir);
}

/**
 * Marks the stack's cdk.tf.json as one that has a plan beside it, in the top-level "//" object
 * that Terraform ignores: the CLI then refuses a cdk.tf.json whose plan is missing (a run that
 * failed after writing it, or a stale one from an earlier run) instead of passing over it.
 */
export function markAsPlanned(stack: TerraformStack): void {
  stack.addOverride(`//.${TERRAFORM_MARKER}`, { plan: PLAN_JSON_FILE });
}
