import type { SuppressionDecl } from '../model/design';
import type { Finding, FindingLevel } from './rule';
import { FINDING_LEVELS } from './rule';
import { unusedSuppression } from './unused-suppression';

export type { SuppressionDecl } from '../model/design';

/** Whether a suppression covers a finding's construct path. */
export function suppressionMatches(suppression: SuppressionDecl, finding: { ruleId: string; path: string }): boolean {
  if (suppression.ruleId !== finding.ruleId) return false;
  if (finding.path === suppression.path) return true;
  return suppression.applyToChildren && finding.path.startsWith(`${suppression.path}/`);
}

/**
 * Marks the findings that a suppression covers and reports every suppression that covers none.
 *
 * A finding takes the suppression declared closest to it (the longest path), then the first in
 * path order. An unused suppression becomes an `SDR-UNUSED-SUPPRESSION` warning in the plan that
 * contains the construct it was added on, or, when it was added outside every plan (on the stack or
 * a link), in the first plan in path order. Pure: same input, same output.
 */
export function applySuppressions<P extends { readonly id: string }>(
  plans: readonly { readonly plan: P; readonly findings: readonly Finding[] }[],
  suppressions: readonly SuppressionDecl[],
): Finding[][] {
  const ordered = [...suppressions].sort((a, b) => b.path.length - a.path.length || compare(a.path, b.path) || compare(a.ruleId, b.ruleId));
  const used = new Set<SuppressionDecl>();
  const result = plans.map(({ findings }) =>
    findings.map((finding) => {
      const match = ordered.find((s) => suppressionMatches(s, finding));
      if (!match) return finding;
      used.add(match);
      return { ...finding, suppression: { path: match.path, reason: match.reason } };
    }),
  );
  if (plans.length === 0) return result;
  const planOrder = plans.map((p, index) => ({ id: p.plan.id, index })).sort((a, b) => compare(a.id, b.id));
  const unused = [...suppressions]
    .filter((s) => !used.has(s))
    .sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId));
  for (const suppression of unused) {
    const home =
      planOrder.find((p) => suppression.path === p.id || suppression.path.startsWith(`${p.id}/`)) ?? planOrder[0];
    result[home.index].push(unusedFinding(suppression));
  }
  // Stable: the rules' own order is kept within each level, unused suppressions end their level.
  return result.map((findings) => findings.sort((a, b) => levelIndex(a.level) - levelIndex(b.level)));
}

function unusedFinding(suppression: SuppressionDecl): Finding {
  const scope = suppression.applyToChildren ? `${suppression.path} or below it` : suppression.path;
  return {
    ruleId: unusedSuppression.id,
    level: unusedSuppression.level,
    title: unusedSuppression.title,
    path: suppression.path,
    message: `The suppression of ${suppression.ruleId} on ${suppression.path} matches no finding: ${suppression.ruleId} reports nothing at ${scope}. Its reason was: "${suppression.reason}"`,
    fix: `Remove the suppression of ${suppression.ruleId} from ${suppression.path}.`,
  };
}

function levelIndex(level: FindingLevel): number {
  return FINDING_LEVELS.indexOf(level);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
