import { circuitKey, effectiveBytesPerSecond, logMirrorPeakBytesPerSecond, type RpoBudget } from '../analysis/rpo';
import { terminalText as t } from '../escape';
import { copyBurstBytes } from '../analysis/split-mirror';
import { analyzeEstate, estateBudgets, type PlanAnalysis } from '../estate';
import type { EstateDecl, LinkDecl, PlanDecl } from '../model/design';
import { bitRate, byteRate, bytes, seconds } from '../rules/explain';
import type { Finding } from '../rules';
import { joinEstate, type CoarsenedProfile, type EstateInput, type JoinedEstate, type Origin } from './estate-join';
import { loadPlans } from './load';

/**
 * `cdktf-san-dr estate`: the plans of several synthesis outputs, joined by circuit and judged
 * with the same pure analysis synthesis runs (lib/estate.ts), as one table per circuit.
 */

export interface EstateUser {
  readonly id: string;
  readonly name: string;
  readonly kind: 'schedule' | 'split-mirror';
  readonly plan: string;
  readonly stack: string | null;
  readonly file: string;
  /** The link it names (namespaced where ids of two outputs collide). */
  readonly link: string;
  /** Periodic schedules: bytes on the wire from the busiest window of one period. */
  readonly sentBytes: number | null;
  readonly periodSeconds: number | null;
  /** On the wire at its busiest: sent bytes per period, or the peak synchronous write rate. */
  readonly busiestBytesPerSecond: number;
  readonly worstCaseSeconds: number | null;
  readonly targetSeconds: number | null;
  readonly verdict: 'meets' | 'breaches' | 'unsustainable' | null;
  /** Split mirrors: what each backup cycle's resync copies put on the wire (link to itself), and how often. */
  readonly resync?: { readonly sentBytes: number; readonly intervalSeconds: number };
}

export interface EstateAdvice {
  /** The schedule that breaches. */
  readonly schedule: string;
  /** The user whose load, moved off the circuit or cut, makes it meet. */
  readonly move: string;
  readonly moveStack: string | null;
  readonly moveBytesPerSecond: number;
  /** The schedule's worst case without that user. */
  readonly worstCaseSeconds: number;
  /** What the line-rate fix adds to the circuit's payload rate, bytes per second; null when no line rate helps. */
  readonly lineRateFixAddsBytesPerSecond: number | null;
}

export interface EstateCircuit {
  /** The circuitId, or the one link's id. */
  readonly circuit: string;
  readonly circuitId: string | null;
  /** `id` is the link's id in the estate (namespaced where ids of two outputs collide), `declaredId` its construct path. */
  readonly links: readonly { readonly id: string; readonly declaredId: string; readonly name: string; readonly stack: string | null; readonly file: string }[];
  readonly mode: 'sync' | 'async';
  readonly lineRateBitsPerSecond: number;
  readonly efficiency: number;
  readonly otherTrafficBytesPerSecond: number;
  /** Line rate x efficiency less other traffic: what replication can use. */
  readonly effectiveBytesPerSecond: number;
  readonly sharing: 'any' | 'per-schedule';
  /** Every link of the circuit declares that it serves synchronous writes first (`synchronousPriority`). */
  readonly synchronousPriority: boolean;
  readonly users: readonly EstateUser[];
  /** Every user at its busiest at once: a pessimistic sum of peaks. */
  readonly busiestBytesPerSecond: number;
  readonly advice: readonly EstateAdvice[];
}

export interface EstateFinding {
  readonly stack: string | null;
  readonly file: string;
  readonly finding: Finding;
}

export interface EstateReport {
  readonly schema: 'cdktf-san-dr/estate';
  readonly verdict: 'pass' | 'fail';
  readonly inputs: readonly string[];
  readonly circuits: readonly EstateCircuit[];
  /** Unsuppressed error findings of the joined estate: they fail it. */
  readonly findings: readonly EstateFinding[];
  readonly warnings: number;
  readonly coarsenedProfiles: readonly CoarsenedProfile[];
}

/** Reads every input (as `report` does, stale plans refused), joins and judges them. */
export function estateOfInputs(paths: readonly string[]): EstateReport {
  const inputs: EstateInput[] = paths.flatMap((input) => {
    const { documents, files } = loadPlans(input);
    return documents.map((document, index) => ({ document, file: files[index] }));
  });
  return estateReport(paths, joinEstate(inputs));
}

/** Pure: the joined estate's analysis, tables, findings and advice. */
export function estateReport(inputs: readonly string[], joined: JoinedEstate): EstateReport {
  const analyses = analyzeEstate(joined.estate);
  const origin = (planId: string): Origin => joined.plans.get(planId)!;
  const findings = analyses.flatMap(({ plan, findings: found }) =>
    found
      .filter((f) => f.level === 'error' && !f.suppression)
      .map((finding) => ({ stack: origin(plan.id).stack, file: origin(plan.id).file, finding })),
  );
  const warnings = analyses.reduce((n, a) => n + a.findings.filter((f) => f.level === 'warning' && !f.suppression).length, 0);
  return {
    schema: 'cdktf-san-dr/estate',
    verdict: findings.length === 0 ? 'pass' : 'fail',
    inputs: [...inputs],
    circuits: circuitsOf(joined, analyses),
    findings,
    warnings,
    coarsenedProfiles: joined.coarsened,
  };
}

function circuitsOf(joined: JoinedEstate, analyses: readonly PlanAnalysis[]): EstateCircuit[] {
  const { estate } = joined;
  const byCircuit = new Map<string, LinkDecl[]>();
  for (const link of estate.links) byCircuit.set(circuitKey(link), [...(byCircuit.get(circuitKey(link)) ?? []), link]);
  const users = new Map<string, EstateUser[]>();
  const linksById = new Map(estate.links.map((link) => [link.id, link]));
  for (const { plan, budgets, splitMirrors } of analyses) {
    const from = joined.plans.get(plan.id)!;
    for (const budget of budgets) {
      const schedule = plan.schedules.find((s) => s.id === budget.scheduleId)!;
      const key = circuitKey(linksById.get(budget.linkId)!);
      users.set(key, [...(users.get(key) ?? []), scheduleUser(plan, schedule.name, budget, from)]);
    }
    for (const { splitMirror, linkCopy } of splitMirrors) {
      const link = linksById.get(splitMirror.linkId);
      if (!link) continue;
      const key = circuitKey(link);
      users.set(key, [
        ...(users.get(key) ?? []),
        {
          id: splitMirror.id,
          name: splitMirror.name,
          kind: 'split-mirror',
          plan: plan.id,
          stack: from.stack,
          file: from.file,
          link: link.id,
          sentBytes: null,
          periodSeconds: null,
          busiestBytesPerSecond: logMirrorPeakBytesPerSecond(splitMirror.volumes) / link.compressionRatio,
          worstCaseSeconds: null,
          targetSeconds: null,
          verdict: null,
          ...(linkCopy && Number.isFinite(linkCopy.spanSeconds)
            ? {
                resync: {
                  sentBytes: copyBurstBytes(linkCopy, linkCopy.spanSeconds),
                  intervalSeconds: linkCopy.intervalSeconds,
                },
              }
            : {}),
        },
      ]);
    }
  }
  const budgets = new Map(analyses.flatMap((a) => a.budgets).map((b) => [b.scheduleId, b]));
  return [...byCircuit.entries()]
    .filter(([key]) => users.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, links]) => {
      const first = links[0];
      const circuitUsers = users.get(key)!.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const other = Math.max(0, ...links.map((l) => l.otherTrafficBytesPerSecond ?? 0));
      return {
        circuit: first.circuitId ?? first.id,
        circuitId: first.circuitId ?? null,
        links: links.map((l) => {
          const { file, declaredId } = joined.links.get(l.id)!;
          return { id: l.id, declaredId, name: l.name, stack: l.stack ?? null, file };
        }),
        mode: first.mode,
        lineRateBitsPerSecond: first.lineRateBitsPerSecond,
        efficiency: first.efficiency,
        otherTrafficBytesPerSecond: other,
        effectiveBytesPerSecond: effectiveBytesPerSecond({ ...first, otherTrafficBytesPerSecond: other }),
        sharing: links.some((l) => (l.sharing ?? 'any') === 'any') ? 'any' : 'per-schedule',
        synchronousPriority: links.every((l) => l.syncPriority === true),
        users: circuitUsers,
        busiestBytesPerSecond: circuitUsers.reduce((sum, u) => sum + u.busiestBytesPerSecond, 0),
        advice: adviceFor(estate, key, circuitUsers, budgets, { ...first, otherTrafficBytesPerSecond: other }),
      };
    });
}

function scheduleUser(plan: PlanDecl, name: string, budget: RpoBudget, from: Origin): EstateUser {
  const periodic = budget.mode === 'periodic';
  return {
    id: budget.scheduleId,
    name,
    kind: 'schedule',
    plan: plan.id,
    stack: from.stack,
    file: from.file,
    link: budget.linkId,
    sentBytes: periodic ? budget.sentBytes : null,
    periodSeconds: periodic ? budget.periodSeconds : null,
    busiestBytesPerSecond: periodic ? (budget.periodSeconds > 0 ? budget.sentBytes / budget.periodSeconds : 0) : budget.peakSentBytesPerSecond ?? 0,
    worstCaseSeconds: Number.isFinite(budget.worstCaseSeconds) ? budget.worstCaseSeconds : null,
    targetSeconds: budget.targetSeconds,
    verdict: budget.verdict,
  };
}

/**
 * "Move or cut": for each schedule that fails on a shared circuit, the other users whose load,
 * taken off the circuit, lets it meet its RPO, found by running the same budget analysis on
 * the estate without that user. Shown where that is cheaper than the line-rate fix, which here
 * means: the load to move (its long-run rate on the wire at its busiest) is less than the
 * payload rate the line-rate fix adds to the circuit. Moving a user needs that much headroom on
 * another circuit (or that much less replication); the upgrade buys its increase for this
 * circuit. Where no line rate helps (interval + snapshot exceed the target), neither does moving.
 */
function adviceFor(
  estate: Required<EstateDecl>,
  key: string,
  users: readonly EstateUser[],
  budgets: ReadonlyMap<string, RpoBudget>,
  circuit: LinkDecl,
): EstateAdvice[] {
  if (users.length < 2) return [];
  const failing = users.filter((u) => u.kind === 'schedule' && (u.verdict === 'breaches' || u.verdict === 'unsustainable'));
  if (failing.length === 0) return [];
  const onCircuit = new Set(users.map((u) => u.plan));
  const reduced = { plans: estate.plans.filter((p) => onCircuit.has(p.id)), links: estate.links.filter((l) => circuitKey(l) === key) };
  const advice: EstateAdvice[] = [];
  for (const user of failing) {
    const required = budgets.get(user.id)!.fix.requiredLineRateBitsPerSecond;
    if (required === null) continue;
    const adds = Math.max(0, effectiveBytesPerSecond({ ...circuit, lineRateBitsPerSecond: required }) - effectiveBytesPerSecond(circuit));
    for (const other of users) {
      if (other.id === user.id || other.busiestBytesPerSecond >= adds) continue;
      const budget = estateBudgets(without(reduced, other)).find((b) => b.scheduleId === user.id);
      if (!budget || budget.verdict !== 'meets') continue;
      advice.push({
        schedule: user.id,
        move: other.id,
        moveStack: other.stack,
        moveBytesPerSecond: other.busiestBytesPerSecond,
        worstCaseSeconds: budget.worstCaseSeconds,
        lineRateFixAddsBytesPerSecond: adds,
      });
    }
  }
  return advice;
}

function without(estate: EstateDecl, user: EstateUser): EstateDecl {
  return {
    ...estate,
    plans: estate.plans.map((plan) =>
      plan.id !== user.plan
        ? plan
        : {
            ...plan,
            schedules: plan.schedules.filter((s) => s.id !== user.id),
            ...(plan.splitMirrors ? { splitMirrors: plan.splitMirrors.filter((s) => s.id !== user.id) } : {}),
          },
    ),
  };
}

// ---------------------------------------------------------------------------------------------

const VERDICT: Record<string, string> = { meets: 'meets', breaches: 'BREACHES', unsustainable: 'UNSUSTAINABLE' };

/** The estate for a terminal: one table per circuit, then what fails it and how to fix it. */
export function renderEstateText(report: EstateReport): string {
  const lines: string[] = [
    `Estate of ${report.inputs.length} input(s): ${report.verdict.toUpperCase()} ` +
      `(${report.findings.length} error(s), ${report.warnings} warning(s); budgets recomputed across all plans)`,
  ];
  if (report.coarsenedProfiles.length > 0) {
    lines.push(
      '',
      `Coarser profiles: ${report.coarsenedProfiles.length} change profile(s) longer than the plan stores are judged here on their ` +
        'max-downsampled form (each step the maximum of the steps it covers): pessimistic, so a budget here may be worse than synthesis showed, never better.',
    );
    for (const c of report.coarsenedProfiles) {
      lines.push(`  ${t(c.volume)} (${t(c.file)}): ${c.from.steps} steps of ${seconds(c.from.stepSeconds)} stored as ${c.steps} steps of ${seconds(c.stepSeconds)}`);
    }
  }
  for (const circuit of report.circuits) {
    const other = circuit.otherTrafficBytesPerSecond > 0 ? ` - ${byteRate(circuit.otherTrafficBytesPerSecond)} other traffic` : '';
    lines.push(
      '',
      `Circuit ${t(circuit.circuit)}: ${circuit.mode} ${bitRate(circuit.lineRateBitsPerSecond)} x ${circuit.efficiency}${other} = ` +
        `${byteRate(circuit.effectiveBytesPerSecond)} for replication, sharing ${circuit.sharing}` +
        (circuit.synchronousPriority ? ', synchronous writes first (declared)' : ''),
    );
    for (const link of circuit.links) lines.push(`  link ${t(link.name)} (${t(link.declaredId)}, stack ${t(link.stack ?? '-')}) in ${t(link.file)}`);
    const rows = circuit.users.map((u) => [
      u.name,
      u.kind === 'schedule' ? 'schedule' : 'split mirror',
      u.stack ?? '-',
      u.file,
      u.sentBytes !== null && u.periodSeconds !== null
        ? `${bytes(u.sentBytes)} per ${seconds(u.periodSeconds)} (${byteRate(u.busiestBytesPerSecond)})`
        : `${byteRate(u.busiestBytesPerSecond)} peak${u.resync ? ` + resync ${bytes(u.resync.sentBytes)} per ${seconds(u.resync.intervalSeconds)}` : ''}`,
      u.worstCaseSeconds === null ? (u.verdict === null ? '-' : 'unbounded') : seconds(u.worstCaseSeconds),
      u.targetSeconds === null ? '-' : seconds(u.targetSeconds),
      u.verdict === null ? '-' : VERDICT[u.verdict],
    ]);
    lines.push(...aligned(['User', 'Kind', 'Stack', 'Plan file', 'Load at its busiest', 'Worst case', 'RPO', 'Verdict'], rows).map((l) => `  ${l}`));
    const share = circuit.effectiveBytesPerSecond > 0 ? ` (${Math.round((100 * circuit.busiestBytesPerSecond) / circuit.effectiveBytesPerSecond)}%)` : '';
    lines.push(`  All users at their busiest at once: ${byteRate(circuit.busiestBytesPerSecond)} of ${byteRate(circuit.effectiveBytesPerSecond)}${share}`);
    for (const a of circuit.advice) {
      const user = (id: string) => circuit.users.find((u) => u.id === id)!;
      const moved = user(a.move);
      lines.push(
        t(
          `  Move or cut: moving ${moved.name} (${a.moveStack ?? '-'}, ${byteRate(a.moveBytesPerSecond)}) off circuit ${circuit.circuit} ` +
            `makes ${user(a.schedule).name} (${user(a.schedule).stack ?? '-'}) meet: worst case ${seconds(a.worstCaseSeconds)}` +
            (a.lineRateFixAddsBytesPerSecond === null ? '' : `; the line-rate fix adds ${byteRate(a.lineRateFixAddsBytesPerSecond)}`),
        ),
      );
    }
  }
  if (report.findings.length > 0) lines.push('', 'Findings that fail the estate:');
  for (const { stack, file, finding } of report.findings) {
    lines.push(t(`  error ${finding.ruleId} ${finding.path} (stack ${stack ?? '-'}, ${file}): ${finding.message} Fix: ${finding.fix}`));
  }
  lines.push(
    '',
    report.verdict === 'pass'
      ? `estate: every schedule meets its RPO with all ${report.circuits.reduce((n, c) => n + c.users.length, 0)} user(s) of ${report.circuits.length} circuit(s) counted`
      : `estate: ${report.findings.length} unsuppressed error(s) with all users of each circuit counted`,
  );
  return `${lines.join('\n')}\n`;
}

/** Columns padded to their widest cell; every cell escaped for the terminal first. */
function aligned(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cells = [header, ...rows].map((row) => row.map(t));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
}
