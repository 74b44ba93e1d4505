import { TerraformStack, type IStackSynthesizer, type ISynthesisSession } from 'cdktf';
import type { IConstruct } from 'constructs';
import { DrDesignFailedError, type FailedStack } from '../errors';
import type { PlanDocument } from '../plan/document';
import { PLAN_MARKDOWN_FILE } from '../plan/files';

/**
 * App.synth() synthesizes the stacks one after another and stops at the first that throws, so
 * the errors of a second failing stack would only show in the next CI run. A stack whose design
 * fails records it here instead, and the app's last stack throws every failure of the run at
 * once. Outside App.synth() (Testing.fullSynth, or a synthesizer called directly) there is no
 * run, and a failing stack throws at once.
 */
class SynthesisRun {
  public failures: FailedStack[] = [];
  /** Set by App.synth()'s prepareStack() pass, which runs before any stack is synthesized. */
  public active = false;

  public take(): FailedStack[] {
    const failures = this.failures;
    this.failures = [];
    this.active = false;
    return failures;
  }
}

const RUNS = new WeakMap<IConstruct, SynthesisRun>();

function stacksOf(root: IConstruct): TerraformStack[] {
  // The order in which App.synth() synthesizes them.
  return root.node.findAll().filter(TerraformStack.isStack);
}

/** Called from a stack's prepareStack(), i.e. by App.synth() before it synthesizes any stack. */
export function beginSynthesisRun(stack: TerraformStack): void {
  const root = stack.node.root;
  let run = RUNS.get(root);
  if (!run) {
    run = new SynthesisRun();
    RUNS.set(root, run);
  }
  run.active = true;
  const last = stacksOf(root).at(-1)!;
  if (!(last.synthesizer instanceof ReportRunFailures)) last.synthesizer = new ReportRunFailures(last.synthesizer, run);
}

/**
 * `stack`'s design failed (its plan files are written): throws every failure of the run now, or,
 * when a later stack of the same App.synth() is still to be synthesized, once that one is done.
 */
export function failStack(stack: TerraformStack, document: PlanDocument, workingDirectory: string): void {
  const failure: FailedStack = {
    stack: stack.node.id,
    planMarkdown: `${workingDirectory}/${PLAN_MARKDOWN_FILE}`,
    findings: document.plans.flatMap((plan) =>
      plan.findings
        .filter((finding) => finding.level === 'error' && !finding.suppression)
        .map((finding) => `[${finding.ruleId}] ${finding.path}: ${finding.message} Fix: ${finding.fix}`),
    ),
  };
  const root = stack.node.root;
  const run = RUNS.get(root);
  if (run?.active && stacksOf(root).at(-1) !== stack) {
    run.failures.push(failure);
    return;
  }
  throw new DrDesignFailedError([...(run?.take() ?? []), failure]);
}

/** Wraps the synthesizer of the app's last stack: after it, the run's failures are thrown. */
class ReportRunFailures implements IStackSynthesizer {
  public constructor(
    private readonly inner: IStackSynthesizer,
    private readonly run: SynthesisRun,
  ) {}

  public synthesize(session: ISynthesisSession): void {
    try {
      this.inner.synthesize(session);
    } catch (error) {
      const failures = this.run.take();
      if (failures.length === 0 || error instanceof DrDesignFailedError) throw error;
      throw new DrDesignFailedError(failures, error);
    }
    const failures = this.run.take();
    if (failures.length > 0) throw new DrDesignFailedError(failures);
  }
}
