import type { PlanDocumentPlan, PlanDocumentProcedure } from '../plan/document';
import { markdownCode as code, markdownText as text } from '../escape';
import { seconds } from '../rules/explain';

/**
 * What changed in the way back between two sets of plans: the failover against the RTO (a
 * verdict), and the procedures step by step, keyed by (plan, procedure id) and step id. Pure.
 */
export interface RtoChange {
  readonly plan: string;
  readonly before: RtoFigures | null;
  readonly after: RtoFigures | null;
  /** Both sides check the RTO and the outcome flipped. */
  readonly verdictChanged: boolean;
}

export interface RtoFigures {
  readonly failoverSeconds: number | null;
  readonly rtoSeconds: number | null;
  readonly meetsRto: boolean | null;
}

export interface ProcedureChange {
  readonly plan: string;
  readonly id: string;
  readonly title: string;
  readonly before: PlanDocumentProcedure | null;
  readonly after: PlanDocumentProcedure | null;
  /** e.g. `step start-database.db1-dr: 20m → 10m`, `step added: ...`. */
  readonly changes: readonly string[];
}

export interface RecoveryDiff {
  /** Plans whose failover time, RTO or verdict changed; verdict changes first. */
  readonly rto: readonly RtoChange[];
  readonly procedures: readonly ProcedureChange[];
}

export function diffRecovery(base: ReadonlyMap<string, PlanDocumentPlan>, head: ReadonlyMap<string, PlanDocumentPlan>): RecoveryDiff {
  const figures = (plan: PlanDocumentPlan | undefined): RtoFigures | null =>
    plan?.recovery && plan.recovery.failoverSeconds !== null
      ? { failoverSeconds: plan.recovery.failoverSeconds, rtoSeconds: plan.recovery.rtoSeconds, meetsRto: plan.recovery.meetsRto }
      : null;
  const rto = union(base.keys(), head.keys())
    .map((plan): RtoChange => {
      const [before, after] = [figures(base.get(plan)), figures(head.get(plan))];
      return {
        plan,
        before,
        after,
        verdictChanged: before?.meetsRto != null && after?.meetsRto != null && before.meetsRto !== after.meetsRto,
      };
    })
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after))
    .sort((a, b) => Number(b.verdictChanged) - Number(a.verdictChanged) || compare(a.plan, b.plan));

  const proceduresOf = (side: ReadonlyMap<string, PlanDocumentPlan>) =>
    new Map([...side.values()].flatMap((plan) => (plan.procedures ?? []).map((p) => [`${plan.id}\n${p.id}` as string, { plan: plan.id, procedure: p }] as const)));
  const [before, after] = [proceduresOf(base), proceduresOf(head)];
  const procedures = union(before.keys(), after.keys())
    .map((key): ProcedureChange => {
      const b = before.get(key);
      const a = after.get(key);
      const ref = (a ?? b)!;
      return {
        plan: ref.plan,
        id: ref.procedure.id,
        title: ref.procedure.title,
        before: b?.procedure ?? null,
        after: a?.procedure ?? null,
        changes: b && a ? procedureChanges(b.procedure, a.procedure) : [],
      };
    })
    .filter((c) => c.before === null || c.after === null || c.changes.length > 0);
  return { rto, procedures };
}

function procedureChanges(before: PlanDocumentProcedure, after: PlanDocumentProcedure): string[] {
  const changes: string[] = [];
  if (before.totalSeconds !== after.totalSeconds) changes.push(`critical path ${at(before.totalSeconds)} → ${at(after.totalSeconds)}`);
  const [b, a] = [new Map(before.steps.map((s) => [s.id, s])), new Map(after.steps.map((s) => [s.id, s]))];
  for (const id of union(b.keys(), a.keys())) {
    const [x, y] = [b.get(id), a.get(id)];
    if (!x) changes.push(`step added: ${y!.number} ${code(id)} (${at(y!.durationSeconds)})`);
    else if (!y) changes.push(`step removed: ${x.number} ${code(id)}`);
    else {
      const parts: string[] = [];
      if (x.durationSeconds !== y.durationSeconds) parts.push(`${at(x.durationSeconds)} → ${at(y.durationSeconds)}`);
      if (x.title !== y.title) parts.push('instruction changed');
      if (x.command !== y.command) parts.push(y.command === null ? 'command removed' : x.command === null ? 'command bound' : 'command changed');
      for (const key of union(Object.keys(x.params), Object.keys(y.params))) {
        if (x.params[key] !== y.params[key]) parts.push(`${text(key)}: ${show(x.params[key])} → ${show(y.params[key])}`);
      }
      if (JSON.stringify(x.dependsOn) !== JSON.stringify(y.dependsOn)) parts.push('dependencies changed');
      if (x.critical !== y.critical) parts.push(y.critical ? 'now on the critical path' : 'off the critical path');
      if (parts.length > 0) changes.push(`step ${code(id)}: ${parts.join(', ')}`);
    }
  }
  return changes;
}

/** The RTO verdict changes, for the top of a pull-request comment; none when nothing flipped. */
export function renderRtoVerdictChanges(diff: RecoveryDiff): string[] {
  const flipped = diff.rto.filter((c) => c.verdictChanged);
  if (flipped.length === 0) return [];
  return [
    `### RTO verdict changes (${flipped.length})`,
    '',
    ...flipped.map((c) => `- ${code(c.plan)}: failover ${verdict(c.before!)} → ${verdict(c.after!)}, ${at(c.before!.failoverSeconds)} → ${at(c.after!.failoverSeconds)} against ${at(c.after!.rtoSeconds)}`),
    '',
  ];
}

/** The failover against the RTO before and after, and every procedure that changed. */
export function renderRecoveryChanges(diff: RecoveryDiff): string[] {
  const lines: string[] = [];
  if (diff.rto.length > 0) {
    lines.push('### Failover against the RTO', '');
    for (const c of diff.rto) {
      const side = (f: RtoFigures | null) => (f === null ? 'none' : `${at(f.failoverSeconds)} of ${f.rtoSeconds === null ? 'no RTO' : at(f.rtoSeconds)} (${verdict(f)})`);
      lines.push(`- ${code(c.plan)}: ${side(c.before)} → ${side(c.after)}`);
    }
    lines.push('');
  }
  if (diff.procedures.length > 0) {
    lines.push(`### Recovery procedures changed (${diff.procedures.length})`, '');
    for (const c of diff.procedures) {
      const what = c.before === null ? 'new' : c.after === null ? 'removed' : c.changes.join('; ');
      lines.push(`- ${text(c.title)} (${code(c.plan)}: ${code(c.id)}): ${what}`);
    }
    lines.push('');
  }
  return lines;
}

function verdict(f: RtoFigures): string {
  return f.meetsRto === null ? 'not checked' : f.meetsRto ? 'meets' : '**BREACHES**';
}

function at(value: number | null): string {
  return value === null ? 'never' : seconds(value);
}

function show(value: string | undefined): string {
  return value === undefined ? 'none' : code(JSON.stringify(value));
}

function union(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
