import type { PlanDocument, PlanDocumentBudget, PlanDocumentFinding, PlanDocumentSplitMirror } from '../plan/document';
import { terminalText as t } from '../escape';
import { appendAll, counts, signed } from '../plan/markdown-parts';
import { bitRate, seconds } from '../rules/explain';

/** The plan as plain text, for terminals and logs: verdicts, budgets, findings and steps. */
export function renderPlanText(doc: PlanDocument): string {
  const lines: string[] = [
    `Stack ${t(doc.stack)}: ${doc.verdict.toUpperCase()} (${counts(doc.findingCounts)}; plan schema v${doc.schemaVersion})`,
  ];
  for (const plan of doc.plans) {
    const rto = plan.rtoSeconds === null ? 'no RTO declared' : `RTO ${seconds(plan.rtoSeconds)}`;
    lines.push('', `Plan ${t(plan.name)} (${t(plan.id)}): ${plan.verdict.toUpperCase()}, RPO ${seconds(plan.rpoSeconds)}, ${rto}`);
    lines.push('  RPO budgets:');
    if (plan.rpoBudgets.length === 0) lines.push('    none');
    for (const budget of plan.rpoBudgets) lines.push(`    ${budgetLine(budget, plan.schedules)}`);
    for (const sm of plan.splitMirrors) appendAll(lines, splitMirrorLines(sm).map((line) => `  ${line}`));
    if ((plan.procedures ?? []).length > 0) {
      lines.push('  Recovery procedures (steps in dr-runbook.md):');
      for (const p of plan.procedures) {
        const check = p.kind === 'failover' && plan.recovery?.meetsRto != null ? (plan.recovery.meetsRto ? ', meets the RTO' : ', BREACHES the RTO') : '';
        lines.push(`    ${t(p.title)}: ${p.steps.length} steps, ${p.totalSeconds === null ? 'never ends' : seconds(p.totalSeconds)} on the critical path${check}`);
      }
    }
    const suppressed = plan.findings.filter((f) => f.suppression).length;
    lines.push(`  Findings (${counts(plan.findingCounts)}${suppressed ? `; ${suppressed} suppressed` : ''}):`);
    if (plan.findings.length === 0) lines.push('    none');
    for (const finding of plan.findings) appendAll(lines, findingLines(finding).map((line) => `    ${line}`));
    lines.push(`  Deployment steps (${plan.steps.length}):`);
    const orderOf = new Map(plan.steps.map((step) => [step.id, step.order]));
    for (const step of plan.steps) {
      const after = step.dependsOn.map((id) => orderOf.get(id) ?? 0).sort((a, b) => a - b);
      lines.push(
        `    ${step.order}. ${t(step.title)}` +
          (after.length ? ` [after ${after.join(', ')}]` : '') +
          ` (run by: ${step.command === null ? 'operator' : t(step.command)})`,
      );
    }
  }
  if (doc.links.length > 0) {
    lines.push('', 'Replication links:');
    for (const link of doc.links) {
      lines.push(
        `  ${t(link.name)} (${t(link.id)}): ${link.mode} ${bitRate(link.lineRateBitsPerSecond)} x ${link.efficiency}, ` +
          `compression ${link.compressionRatio}:1, write order ${link.preservesWriteOrder ? 'preserved' : 'NOT preserved'}, ` +
          `used by ${link.usedBy.map(t).join(', ') || 'nothing'}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function budgetLine(budget: PlanDocumentBudget, schedules: readonly { id: string; name: string }[]): string {
  const name = t(schedules.find((s) => s.id === budget.schedule)?.name ?? budget.schedule);
  const worst = budget.worstCaseSeconds === null ? 'unbounded' : seconds(budget.worstCaseSeconds);
  const margin = budget.marginSeconds === null ? '' : `, margin ${signed(budget.marginSeconds)}`;
  return (
    `${name}: ${budget.verdict === 'meets' ? 'meets' : budget.verdict.toUpperCase()}, worst case ${worst} against ${seconds(budget.targetSeconds)}${margin} ` +
    `(interval ${seconds(budget.intervalSeconds)}, snapshot ${seconds(budget.snapshotSeconds)}, transfer ${budget.transferSeconds === null ? 'unbounded' : seconds(budget.transferSeconds)})`
  );
}

function splitMirrorLines(sm: PlanDocumentSplitMirror): string[] {
  const at = (value: number | null) => (value === null ? 'never' : seconds(value));
  return [
    `Split-mirror backup ${t(sm.name)}: cycle ${at(sm.cycleSeconds)} every ${seconds(sm.intervalSeconds)} (${sm.fitsInterval ? 'fits' : 'DOES NOT FIT'}), ` +
      `write suspend ${at(sm.writeSuspend.windowSeconds)} of at most ${seconds(sm.writeSuspend.maxSeconds)} (${sm.writeSuspend.withinLimit ? 'within' : 'TOO LONG'})`,
    ...sm.scenarios.map(
      (s) =>
        `  ${t(s.kind)}${s.chosen ? ' (recovery path)' : ''}: RPO ${at(s.rpoSeconds)} against ${seconds(s.rpoTargetSeconds)}` +
        `, RTO ${at(s.rtoSeconds)}${s.rtoTargetSeconds === null ? '' : ` against ${seconds(s.rtoTargetSeconds)}`}`,
    ),
  ];
}

function findingLines(f: PlanDocumentFinding): string[] {
  const lines = [`[${f.level}${f.suppression ? ', suppressed' : ''}] ${t(f.ruleId)} ${t(f.path)}: ${t(f.message)}`, `  Fix: ${t(f.fix)}`];
  if (f.suppression) lines.push(`  Suppressed on ${t(f.suppression.path)}: ${t(f.suppression.reason)}`);
  return lines;
}


