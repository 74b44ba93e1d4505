import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { workflowCommand, type WorkflowCommandLevel } from '../escape/github-command';
import type { PlanDocument, PlanDocumentFinding } from '../plan/document';
import { PLAN_MARKDOWN_FILE } from '../plan/files';
import { FINDING_LEVELS, type FindingLevel } from '../rules/rule';
import { counts } from '../plan/markdown-parts';
import { CliError, loadPlans } from './load';

const TERRAFORM_FILE = 'cdk.tf.json';

/** One stack's plan as `check` read it. */
export interface CheckedStack {
  readonly document: PlanDocument;
  /** The stack's dr-plan.md, relative to the working directory, as a URI path (for SARIF). */
  readonly planMarkdown: string;
}

export interface FindingAt {
  readonly stack: string;
  readonly finding: PlanDocumentFinding;
}

/**
 * Reads every stack's plan under `input` (as `report` does) and refuses, as a CliError (exit 2),
 * a plan a reviewer must not trust: one without its dr-plan.md; one that records a cdk.tf.json
 * (by sha256) that is not the one beside it; and one of a failing design (`terraform: null`)
 * beside a cdk.tf.json, which an earlier run left and which this plan does not describe.
 */
export function readCheckedStacks(input: string, cwd: string = process.cwd()): CheckedStack[] {
  const { documents, files } = loadPlans(input);
  return documents.map((document, index) => {
    const directory = path.dirname(files[index]);
    const problem = staleness(document, directory);
    if (problem) throw new CliError(`${files[index]}: stale plan for stack ${document.stack}: ${problem} (synthesize again)`);
    const relative = path.relative(cwd, path.join(directory, PLAN_MARKDOWN_FILE)).split(path.sep);
    return { document, planMarkdown: relative.map(encodeURIComponent).join('/') };
  });
}

function staleness(document: PlanDocument, directory: string): string | undefined {
  if (!fs.existsSync(path.join(directory, PLAN_MARKDOWN_FILE))) return `no ${PLAN_MARKDOWN_FILE} beside it`;
  // Plans of schema version 1 and 2 do not record their cdk.tf.json.
  if (document.terraform === undefined) return undefined;
  const terraformFile = path.join(directory, TERRAFORM_FILE);
  const terraform = fs.existsSync(terraformFile) ? fs.readFileSync(terraformFile) : undefined;
  if (document.terraform === null) {
    return terraform === undefined ? undefined : `it records no ${TERRAFORM_FILE} (a failing design), but one is beside it`;
  }
  if (terraform === undefined) return `it records a ${TERRAFORM_FILE}, but none is beside it`;
  const sha256 = createHash('sha256').update(terraform).digest('hex');
  return sha256 === document.terraform.cdkTfJsonSha256 ? undefined : `the ${TERRAFORM_FILE} beside it is not the one it was written with`;
}

/** The unsuppressed findings at `failOn` or more severe, of every stack. */
export function gatingFindings(stacks: readonly CheckedStack[], failOn: FindingLevel): FindingAt[] {
  const threshold = FINDING_LEVELS.indexOf(failOn);
  return stacks.flatMap(({ document }) =>
    document.plans.flatMap((plan) =>
      plan.findings
        .filter((finding) => !finding.suppression && FINDING_LEVELS.indexOf(finding.level) <= threshold)
        .map((finding) => ({ stack: document.stack, finding })),
    ),
  );
}

/** Plain text for a terminal or a CI log: each stack's verdict, then the findings that fail the gate. */
export function renderCheckText(stacks: readonly CheckedStack[], failOn: FindingLevel): string {
  const failing = gatingFindings(stacks, failOn);
  const lines = stacks.map(({ document }) => `${document.stack}: ${document.verdict.toUpperCase()} (${counts(document.findingCounts)})`);
  for (const { stack, finding } of failing) {
    lines.push(`${finding.level} ${finding.ruleId} ${finding.path} (stack ${stack}): ${finding.message} Fix: ${finding.fix}`);
  }
  lines.push(
    failing.length === 0
      ? `check: no unsuppressed finding at ${failOn} level or above in ${stacks.length} stack(s)`
      : `check: ${failing.length} unsuppressed finding(s) at ${failOn} level or above`,
  );
  return `${lines.join('\n')}\n`;
}

const COMMAND_LEVEL: Record<FindingLevel, WorkflowCommandLevel> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub workflow commands: one annotation per unsuppressed finding (suppressed ones were
 * accepted in review and are not repeated), then a plain summary line.
 */
export function renderCheckGithub(stacks: readonly CheckedStack[], failOn: FindingLevel): string {
  const lines: string[] = [];
  for (const { document } of stacks) {
    for (const plan of document.plans) {
      for (const finding of plan.findings.filter((f) => !f.suppression)) {
        lines.push(
          workflowCommand(
            COMMAND_LEVEL[finding.level],
            { title: `${finding.ruleId} ${finding.path}` },
            `${finding.title}: ${finding.message} Fix: ${finding.fix}`,
          ),
        );
      }
    }
  }
  const failing = gatingFindings(stacks, failOn).length;
  lines.push(
    failing === 0
      ? `cdktf-san-dr check: no unsuppressed finding at ${failOn} level or above in ${stacks.length} stack(s)`
      : `cdktf-san-dr check: ${failing} unsuppressed finding(s) at ${failOn} level or above`,
  );
  return `${lines.join('\n')}\n`;
}
