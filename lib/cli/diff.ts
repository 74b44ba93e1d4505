import type {
  PlanDocument,
  PlanDocumentBudget,
  PlanDocumentFinding,
  PlanDocumentPlan,
  PlanDocumentSplitMirror,
  PlanDocumentStep,
} from '../plan/document';
import { FINDING_LEVELS, type FindingLevel } from '../rules/rule';
import { seconds } from '../rules/explain';
import { markdownCode as code, markdownText as text } from '../escape';
import { appendAll, counts, signed, table } from '../plan/markdown-parts';
import { diffRecovery, renderRecoveryChanges, renderRtoVerdictChanges, type RecoveryDiff } from './recovery-diff';
import { declaredInputChanges, describeInputChange, humanParam, type InputChange } from './inputs';

/**
 * The difference between two sets of plans (base and head of a pull request), keyed so that a
 * renamed file or a reordered list never shows as a change: stacks by name, plans, sites,
 * volumes, schedules and links by construct path, steps by (plan, step id), findings by
 * (plan, rule, construct path). Pure.
 */
export interface PlanDiff {
  readonly stacks: readonly StackChange[];
  /** Declared inputs that feed a verdict (targets, intervals, line rates, change rates, ...) and changed. */
  readonly inputs: readonly InputChange[];
  /** Every RPO budget of either side: verdict changes first, then added or removed, then changed, then the rest. */
  readonly budgets: readonly BudgetChange[];
  readonly steps: { readonly added: readonly StepRef[]; readonly removed: readonly StepRef[]; readonly changed: readonly StepChange[] };
  readonly findings: {
    /** Active (unsuppressed) in head, absent from base. */
    readonly new: readonly FindingRef[];
    /** In base (active or suppressed), absent from head. */
    readonly fixed: readonly FindingRef[];
    /** Suppressed in head, and active or absent in base. */
    readonly suppressed: readonly FindingRef[];
    /** Active in head, suppressed in base: the suppression was removed. */
    readonly unsuppressed: readonly FindingRef[];
    /** Suppressed on both sides. */
    readonly stillSuppressed: number;
  };
  /** Every split-mirror backup of either side: verdict changes first, then the others that changed. */
  readonly splitMirrors: readonly SplitMirrorChange[];
  /** The failover against the RTO, and the recovery procedures that changed. */
  readonly recovery: RecoveryDiff;
  readonly design: {
    readonly added: readonly DesignRef[];
    readonly removed: readonly DesignRef[];
  };
}

export interface SplitMirrorChange {
  /** Construct path of the SplitMirrorBackup. */
  readonly id: string;
  readonly before: PlanDocumentSplitMirror | null;
  readonly after: PlanDocumentSplitMirror | null;
  /** Checks whose outcome flipped, e.g. `write suspend: within → TOO LONG`. */
  readonly verdictChanges: readonly string[];
  readonly changed: boolean;
  /** When a check's outcome got worse: the changed inputs that feed this backup (its causes). */
  readonly causes: readonly InputChange[];
}

export interface StackChange {
  readonly stack: string;
  readonly before: PlanDocument['verdict'] | null;
  readonly after: PlanDocument['verdict'] | null;
  readonly countsBefore: PlanDocument['findingCounts'] | null;
  readonly countsAfter: PlanDocument['findingCounts'] | null;
}

export interface BudgetChange {
  /** Construct path of the schedule. */
  readonly schedule: string;
  readonly before: PlanDocumentBudget | null;
  readonly after: PlanDocumentBudget | null;
  readonly verdictChanged: boolean;
  readonly changed: boolean;
  /** When the verdict got worse: the changed inputs that feed this budget (its causes). */
  readonly causes: readonly InputChange[];
}

export interface StepRef {
  readonly plan: string;
  readonly step: PlanDocumentStep;
}

export interface StepChange extends StepRef {
  /** What changed, e.g. `params.intervalSeconds: "900" → "1500"`. */
  readonly changes: readonly string[];
}

export interface FindingRef {
  readonly plan: string;
  readonly finding: PlanDocumentFinding;
  /** The base side's finding, when there is one. */
  readonly before?: PlanDocumentFinding;
}

export interface DesignRef {
  readonly kind: 'plan' | 'site' | 'volume' | 'schedule' | 'split-mirror' | 'link';
  readonly id: string;
  readonly name: string;
}

interface Side {
  readonly stacks: Map<string, PlanDocument>;
  readonly plans: Map<string, PlanDocumentPlan>;
}

function side(documents: readonly PlanDocument[]): Side {
  const stacks = new Map(documents.map((doc) => [doc.stack, doc]));
  const plans = new Map(documents.flatMap((doc) => doc.plans.map((plan) => [plan.id, plan] as const)));
  return { stacks, plans };
}

export function diffPlans(baseDocuments: readonly PlanDocument[], headDocuments: readonly PlanDocument[]): PlanDiff {
  const base = side(baseDocuments);
  const head = side(headDocuments);

  const stacks = union(base.stacks.keys(), head.stacks.keys()).map((stack) => {
    const b = base.stacks.get(stack);
    const h = head.stacks.get(stack);
    return {
      stack,
      before: b?.verdict ?? null,
      after: h?.verdict ?? null,
      countsBefore: b?.findingCounts ?? null,
      countsAfter: h?.findingCounts ?? null,
    };
  });

  const inputs = declaredInputChanges(baseDocuments, headDocuments);

  const budgetsOf = (s: Side) =>
    new Map([...s.plans.values()].flatMap((plan) => plan.rpoBudgets.map((b) => [b.schedule, b] as const)));
  const [baseBudgets, headBudgets] = [budgetsOf(base), budgetsOf(head)];
  const rank = (c: BudgetChange) => (c.verdictChanged ? 0 : !c.before || !c.after ? 1 : c.changed ? 2 : 3);
  const budgets = union(baseBudgets.keys(), headBudgets.keys())
    .map((schedule): BudgetChange => {
      const before = baseBudgets.get(schedule) ?? null;
      const after = headBudgets.get(schedule) ?? null;
      const worse = before !== null && after !== null && BUDGET_SEVERITY.indexOf(after.verdict) > BUDGET_SEVERITY.indexOf(before.verdict);
      return {
        schedule,
        before,
        after,
        verdictChanged: before !== null && after !== null && before.verdict !== after.verdict,
        changed: JSON.stringify(before) !== JSON.stringify(after),
        causes: worse ? inputs.filter((input) => input.feeds.includes(schedule)) : [],
      };
    })
    .sort((a, b) => rank(a) - rank(b) || compare(a.schedule, b.schedule));

  const stepsOf = (s: Side) =>
    new Map([...s.plans.values()].flatMap((plan) => plan.steps.map((step) => [`${plan.id}\n${step.id}` as string, { plan: plan.id, step }] as const)));
  const [baseSteps, headSteps] = [stepsOf(base), stepsOf(head)];
  const stepKeys = union(baseSteps.keys(), headSteps.keys());
  const steps = {
    added: stepKeys.filter((k) => !baseSteps.has(k)).map((k) => headSteps.get(k)!),
    removed: stepKeys.filter((k) => !headSteps.has(k)).map((k) => baseSteps.get(k)!),
    changed: stepKeys
      .filter((k) => baseSteps.has(k) && headSteps.has(k))
      .map((k) => ({ ...headSteps.get(k)!, changes: stepChanges(baseSteps.get(k)!.step, headSteps.get(k)!.step) }))
      .filter((c) => c.changes.length > 0),
  };

  const findingsOf = (s: Side) =>
    new Map(
      [...s.plans.values()].flatMap((plan) =>
        plan.findings.map((finding) => [`${plan.id}\n${finding.ruleId}\n${finding.path}` as string, { plan: plan.id, finding }] as const),
      ),
    );
  const [baseFindings, headFindings] = [findingsOf(base), findingsOf(head)];
  const findingKeys = union(baseFindings.keys(), headFindings.keys());
  const findings = {
    new: [] as FindingRef[],
    fixed: [] as FindingRef[],
    suppressed: [] as FindingRef[],
    unsuppressed: [] as FindingRef[],
    stillSuppressed: 0,
  };
  for (const key of findingKeys) {
    const b = baseFindings.get(key);
    const h = headFindings.get(key);
    if (!h) findings.fixed.push(b!);
    else if (h.finding.suppression) {
      if (b?.finding.suppression) findings.stillSuppressed += 1;
      else findings.suppressed.push({ ...h, before: b?.finding });
    } else if (!b) findings.new.push(h);
    else if (b.finding.suppression) findings.unsuppressed.push({ ...h, before: b.finding });
  }
  const bySeverity = (a: FindingRef, b: FindingRef) =>
    FINDING_LEVELS.indexOf(a.finding.level) - FINDING_LEVELS.indexOf(b.finding.level);
  for (const list of [findings.new, findings.fixed, findings.suppressed, findings.unsuppressed]) list.sort(bySeverity);

  const designOf = (s: Side, documents: readonly PlanDocument[]) => {
    const items = new Map<string, DesignRef>();
    const add = (kind: DesignRef['kind'], id: string, name: string) => items.set(`${kind}\n${id}`, { kind, id, name });
    for (const doc of documents) for (const link of doc.links) add('link', link.id, link.name);
    for (const plan of s.plans.values()) {
      add('plan', plan.id, plan.name);
      for (const site of plan.sites) add('site', site.id, site.name);
      for (const volume of plan.volumes) add('volume', volume.id, volume.name);
      for (const schedule of plan.schedules) add('schedule', schedule.id, schedule.name);
      for (const splitMirror of plan.splitMirrors) add('split-mirror', splitMirror.id, splitMirror.name);
    }
    return items;
  };
  const [baseDesign, headDesign] = [designOf(base, baseDocuments), designOf(head, headDocuments)];
  const kinds: DesignRef['kind'][] = ['plan', 'site', 'volume', 'schedule', 'split-mirror', 'link'];
  const byKind = (a: DesignRef, b: DesignRef) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || compare(a.id, b.id);
  const design = {
    added: [...headDesign].filter(([k]) => !baseDesign.has(k)).map(([, v]) => v).sort(byKind),
    removed: [...baseDesign].filter(([k]) => !headDesign.has(k)).map(([, v]) => v).sort(byKind),
  };

  return { stacks, inputs, budgets, steps, findings, splitMirrors: splitMirrorChanges(base, head, inputs), recovery: diffRecovery(base.plans, head.plans), design };
}

/** The outcomes a reviewer judges a split-mirror backup by, each as "what: outcome". */
function splitMirrorVerdicts(sm: PlanDocumentSplitMirror): Map<string, string> {
  const chosen = sm.scenarios.find((s) => s.chosen);
  const verdicts = new Map([
    ['cycle', sm.fitsInterval ? 'fits' : '**DOES NOT FIT**'],
    ['write suspend', sm.writeSuspend.withinLimit ? 'within' : '**TOO LONG**'],
  ]);
  if (chosen) {
    verdicts.set(`${chosen.kind} RPO`, chosen.meetsRpo ? 'met' : '**MISSED**');
    if (chosen.meetsRto !== null) verdicts.set(`${chosen.kind} RTO`, chosen.meetsRto ? 'met' : '**MISSED**');
  }
  return verdicts;
}

function splitMirrorChanges(base: Side, head: Side, inputs: readonly InputChange[]): SplitMirrorChange[] {
  const of = (s: Side) => new Map([...s.plans.values()].flatMap((plan) => plan.splitMirrors.map((sm) => [sm.id, sm] as const)));
  const [before, after] = [of(base), of(head)];
  return union(before.keys(), after.keys())
    .map((id): SplitMirrorChange => {
      const b = before.get(id) ?? null;
      const a = after.get(id) ?? null;
      const verdictChanges: string[] = [];
      let worse = false;
      if (b && a) {
        const [vb, va] = [splitMirrorVerdicts(b), splitMirrorVerdicts(a)];
        for (const key of union(vb.keys(), va.keys())) {
          if (vb.get(key) === va.get(key)) continue;
          verdictChanges.push(`${key}: ${vb.get(key) ?? '-'} → ${va.get(key) ?? '-'}`);
          // Bold marks a failed check: an outcome that became bold got worse.
          worse ||= (va.get(key) ?? '').startsWith('**');
        }
      }
      const causes = worse ? inputs.filter((input) => input.feeds.includes(id)) : [];
      return { id, before: b, after: a, verdictChanges, changed: JSON.stringify(b) !== JSON.stringify(a), causes };
    })
    .filter((c) => c.changed)
    .sort((x, y) => Number(y.verdictChanges.length > 0) - Number(x.verdictChanges.length > 0) || compare(x.id, y.id));
}

function stepChanges(before: PlanDocumentStep, after: PlanDocumentStep): string[] {
  const changes: string[] = [];
  for (const field of ['phase', 'action', 'title', 'site', 'server', 'command'] as const) {
    if (before[field] !== after[field]) changes.push(`${field}: ${show(before[field])} → ${show(after[field])}`);
  }
  for (const key of union(Object.keys(before.params), Object.keys(after.params))) {
    if (before.params[key] !== after.params[key]) {
      const [was, now] = [humanParam(key, before.params[key] ?? null), humanParam(key, after.params[key] ?? null)];
      changes.push(`${was.key.length < now.key.length ? was.key : now.key}: ${was.value} → ${now.value}`);
    }
  }
  const dropped = before.dependsOn.filter((id) => !after.dependsOn.includes(id));
  const gained = after.dependsOn.filter((id) => !before.dependsOn.includes(id));
  if (gained.length) changes.push(`now after ${gained.join(', ')}`);
  if (dropped.length) changes.push(`no longer after ${dropped.join(', ')}`);
  return changes;
}

/**
 * The findings that fail a `--fail-on <level>` gate: active in head, at that level or more
 * severe, and not active in base (new, or no longer suppressed). Findings the base already had
 * do not fail a pull request that did not cause them.
 */
export function gateFailures(diff: PlanDiff, failOn: FindingLevel): FindingRef[] {
  const threshold = FINDING_LEVELS.indexOf(failOn);
  return [...diff.findings.new, ...diff.findings.unsuppressed].filter(
    (ref) => FINDING_LEVELS.indexOf(ref.finding.level) <= threshold,
  );
}

/** Budget verdicts from best to worst. */
const BUDGET_SEVERITY: readonly PlanDocumentBudget['verdict'][] = ['meets', 'breaches', 'unsustainable'];

const VERDICT: Record<string, string> = { meets: 'meets', breaches: '**BREACHES**', unsustainable: '**UNSUSTAINABLE**' };

/** Markdown for a pull-request comment: verdict changes first, then budgets, findings, steps, design. */
export function renderDiffMarkdown(diff: PlanDiff, labels: { base: string; head: string } = { base: 'base', head: 'head' }): string {
  const lines: string[] = ['## Disaster-recovery plan changes', '', `Comparing ${code(labels.base)} (before) with ${code(labels.head)} (after).`, ''];

  const verdictChanges = diff.budgets.filter((b) => b.verdictChanged);
  if (verdictChanges.length > 0) {
    lines.push(`### RPO verdict changes (${verdictChanges.length})`, '');
    for (const b of verdictChanges) {
      lines.push(
        `- ${code(b.schedule)}: ${VERDICT[b.before!.verdict]} → ${VERDICT[b.after!.verdict]}, worst case ` +
          `${worst(b.before!)} → ${worst(b.after!)} against ${seconds(b.after!.targetSeconds)}`,
      );
      if (b.causes.length > 0) lines.push(`  - caused by: ${text(b.causes.map(describeInputChange).join('; '))}`);
    }
    lines.push('');
  }

  lines.push(...renderRtoVerdictChanges(diff.recovery));

  const splitMirrorVerdictChanges = diff.splitMirrors.filter((c) => c.verdictChanges.length > 0);
  if (splitMirrorVerdictChanges.length > 0) {
    lines.push(`### Split-mirror verdict changes (${splitMirrorVerdictChanges.length})`, '');
    for (const c of splitMirrorVerdictChanges) {
      lines.push(`- ${code(c.id)}: ${c.verdictChanges.join('; ')}`);
      if (c.causes.length > 0) lines.push(`  - caused by: ${text(c.causes.map(describeInputChange).join('; '))}`);
    }
    lines.push('');
  }

  if (diff.inputs.length > 0) {
    lines.push(`### Declared inputs changed (${diff.inputs.length})`, '');
    for (const input of diff.inputs) lines.push(`- ${text(describeInputChange(input))} (${code(input.id)})`);
    lines.push('');
  }

  const stackLines = diff.stacks.map((s) => {
    if (s.before === null) return `- Stack ${code(s.stack)} is new: **${s.after!.toUpperCase()}** (${counts(s.countsAfter!)})`;
    if (s.after === null) return `- Stack ${code(s.stack)} was removed (it was ${s.before.toUpperCase()})`;
    const verdict = s.before === s.after ? s.after.toUpperCase() : `${s.before.toUpperCase()} → **${s.after.toUpperCase()}**`;
    return `- Stack ${code(s.stack)}: ${verdict} (${countChange(s.countsBefore!, s.countsAfter!)})`;
  });
  appendAll(lines, stackLines).push('');

  const nothing =
    diff.inputs.length === 0 &&
    !diff.budgets.some((b) => b.changed) &&
    diff.splitMirrors.length === 0 &&
    diff.recovery.rto.length + diff.recovery.procedures.length === 0 &&
    diff.steps.added.length + diff.steps.removed.length + diff.steps.changed.length === 0 &&
    diff.findings.new.length + diff.findings.fixed.length + diff.findings.suppressed.length + diff.findings.unsuppressed.length === 0 &&
    diff.design.added.length + diff.design.removed.length === 0;
  if (nothing) lines.push('No change to the disaster-recovery plan.', '');

  lines.push('### RPO budgets', '');
  if (diff.budgets.length === 0) lines.push('No snapshot schedules on either side.', '');
  else {
    lines.push(
      table(
        ['Schedule', 'Verdict', 'Worst case', 'Target', 'Margin', 'Interval', 'Transfer'],
        diff.budgets.map((b) => [
          `${code(b.schedule)}${b.before === null ? ' (new)' : b.after === null ? ' (removed)' : ''}`,
          change(b, (x) => VERDICT[x.verdict]),
          change(b, worst),
          change(b, (x) => seconds(x.targetSeconds)),
          change(b, (x) => (x.marginSeconds === null ? '-' : signed(x.marginSeconds))),
          change(b, (x) => seconds(x.intervalSeconds)),
          change(b, (x) => (x.transferSeconds === null ? 'unbounded' : seconds(x.transferSeconds))),
        ]),
      ),
      '',
    );
  }

  if (diff.splitMirrors.length > 0) {
    const at = (value: number | null) => (value === null ? 'never' : seconds(value));
    const cell = (c: SplitMirrorChange, show: (sm: PlanDocumentSplitMirror) => string) => {
      const [b, a] = [c.before && show(c.before), c.after && show(c.after)];
      return b === a ? a! : `${b ?? '-'} → ${a ?? '-'}`;
    };
    const chosen = (sm: PlanDocumentSplitMirror) => sm.scenarios.find((s) => s.chosen);
    lines.push(
      '### Split-mirror backups',
      '',
      table(
        ['Backup', 'Interval', 'Cycle', 'Write suspend', 'Recovery path', 'Path RPO', 'Path RTO'],
        diff.splitMirrors.map((c) => [
          `${code(c.id)}${c.before === null ? ' (new)' : c.after === null ? ' (removed)' : ''}`,
          cell(c, (sm) => seconds(sm.intervalSeconds)),
          cell(c, (sm) => at(sm.cycleSeconds)),
          cell(c, (sm) => `${at(sm.writeSuspend.windowSeconds)} of ${seconds(sm.writeSuspend.maxSeconds)}`),
          cell(c, (sm) => text(sm.recoveryPath)),
          cell(c, (sm) => at(chosen(sm)?.rpoSeconds ?? null)),
          cell(c, (sm) => at(chosen(sm)?.rtoSeconds ?? null)),
        ]),
      ),
      '',
    );
  }

  lines.push(...renderRecoveryChanges(diff.recovery));

  const findingSection = (title: string, refs: readonly FindingRef[], withReason: boolean) => {
    if (refs.length === 0) return;
    lines.push(`### ${title} (${refs.length})`, '');
    lines.push(
      table(
        ['Level', 'Rule', 'Where', withReason ? 'Finding, and why it is accepted' : 'Finding'],
        refs.map(({ finding }) => [
          finding.level,
          text(finding.ruleId),
          code(finding.path),
          withReason && finding.suppression
            ? `${text(finding.message)} **Suppressed** on ${code(finding.suppression.path)}: ${text(finding.suppression.reason)}`
            : `${text(finding.message)} Fix: ${text(finding.fix)}`,
        ]),
      ),
      '',
    );
  };
  findingSection('New findings', diff.findings.new, false);
  findingSection('No longer suppressed', diff.findings.unsuppressed, false);
  findingSection('Fixed findings', diff.findings.fixed, false);
  findingSection('Newly suppressed findings', diff.findings.suppressed, true);
  if (diff.findings.stillSuppressed > 0) lines.push(`${diff.findings.stillSuppressed} finding(s) remain suppressed as before.`, '');

  const stepList = (title: string, refs: readonly StepRef[]) => {
    if (refs.length === 0) return;
    lines.push(`### ${title} (${refs.length})`, '');
    for (const { plan, step } of refs) lines.push(`- ${text(step.title)} (${code(plan)}: ${code(step.id)})`);
    lines.push('');
  };
  stepList('Steps added', diff.steps.added);
  stepList('Steps removed', diff.steps.removed);
  if (diff.steps.changed.length > 0) {
    lines.push(`### Steps changed (${diff.steps.changed.length})`, '');
    for (const { plan, step, changes } of diff.steps.changed) {
      lines.push(`- ${text(step.title)} (${code(plan)}: ${code(step.id)}): ${changes.map(text).join('; ')}`);
    }
    lines.push('');
  }

  const designList = (title: string, refs: readonly DesignRef[]) => {
    if (refs.length === 0) return;
    lines.push(`### ${title} (${refs.length})`, '');
    for (const ref of refs) lines.push(`- ${ref.kind} ${text(ref.name)} (${code(ref.id)})`);
    lines.push('');
  };
  designList('Added to the design', diff.design.added);
  designList('Removed from the design', diff.design.removed);

  return `${lines.join('\n').trimEnd()}\n`;
}

function worst(b: PlanDocumentBudget): string {
  return b.worstCaseSeconds === null ? 'unbounded' : seconds(b.worstCaseSeconds);
}

function change(b: BudgetChange, show: (budget: PlanDocumentBudget) => string): string {
  const before = b.before === null ? null : show(b.before);
  const after = b.after === null ? null : show(b.after);
  if (before === after) return after!;
  return `${before ?? '-'} → ${after ?? '-'}`;
}


function countChange(before: PlanDocument['findingCounts'], after: PlanDocument['findingCounts']): string {
  const part = (b: number, a: number, what: string) => (b === a ? `${a} ${what}` : `${b} → ${a} ${what}`);
  return [part(before.errors, after.errors, 'error(s)'), part(before.warnings, after.warnings, 'warning(s)'), part(before.infos, after.infos, 'note(s)')].join(', ');
}

function show(value: string | null): string {
  return value === null ? 'none' : JSON.stringify(value);
}

function union(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
