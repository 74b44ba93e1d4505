import * as path from 'path';
import { terminalText, workflowCommand, type WorkflowCommandLevel } from '../escape';
import type { PlanDocument, PlanDocumentFinding } from '../plan/document';
import { PLAN_MARKDOWN_FILE } from '../plan/files';
import { FINDING_LEVELS, type FindingLevel } from '../rules/rule';
import { counts } from '../plan/markdown-parts';
import { loadPlans } from './load';

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
 * Reads every stack's plan under `input` as `report` does: loadPlans refuses, as a CliError (exit
 * 2), a plan that is missing or stale (its Markdown missing, a cdk.tf.json other than the one it
 * records, a failing plan beside a cdk.tf.json from an earlier run).
 */
export function readCheckedStacks(input: string, cwd: string = process.cwd()): CheckedStack[] {
  const { documents, files } = loadPlans(input);
  return documents.map((document, index) => {
    const relative = path.relative(cwd, path.join(path.dirname(files[index]), PLAN_MARKDOWN_FILE)).split(path.sep);
    return { document, planMarkdown: relative.map(encodeURIComponent).join('/') };
  });
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
  const lines = stacks.map(({ document }) => `${terminalText(document.stack)}: ${document.verdict.toUpperCase()} (${counts(document.findingCounts)})`);
  for (const { stack, finding } of failing) {
    lines.push(
      terminalText(`${finding.level} ${finding.ruleId} ${finding.path} (stack ${stack}): ${finding.message} Fix: ${finding.fix}`),
    );
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
