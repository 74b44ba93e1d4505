import { analyzeEstate, type PlanAnalysis } from '../../lib/estate';
import type { EstateDecl, PlanDecl } from '../../lib/model/design';
import type { Finding } from '../../lib/rules';

/** The analysis of the first (or only) plan of an estate. */
export function analyzeFirst(estate: EstateDecl): PlanAnalysis {
  const [first] = analyzeEstate(estate);
  if (!first) throw new Error('estate has no plan');
  return first;
}

/** Findings of one rule, for the first plan of the estate. */
export function findingsOf(estate: EstateDecl, ruleId: string): Finding[] {
  return analyzeFirst(estate).findings.filter((finding) => finding.ruleId === ruleId);
}

/** The one finding of a rule; fails the test if there is none or more than one. */
export function onlyFinding(estate: EstateDecl, ruleId: string): Finding {
  const findings = findingsOf(estate, ruleId);
  expect(findings).toHaveLength(1);
  return findings[0];
}

/** Every rule ID found for the first plan, in report order. */
export function ruleIdsOf(estate: EstateDecl): string[] {
  return analyzeFirst(estate).findings.map((finding) => finding.ruleId);
}

/**
 * A copy of `plan` whose construct ids start with `prefix` instead of the plan's own id, so a
 * second plan can live in the same estate (links are kept: they are estate-wide).
 */
export function rebasePlan(plan: PlanDecl, prefix: string, name: string): PlanDecl {
  const rebase = (id: string) => (id === plan.id || id.startsWith(`${plan.id}/`) ? prefix + id.slice(plan.id.length) : id);
  return {
    ...plan,
    id: rebase(plan.id),
    name,
    sites: plan.sites.map((site) => ({ ...site, id: rebase(site.id) })),
    volumes: plan.volumes.map((volume) => ({ ...volume, id: rebase(volume.id) })),
    schedules: plan.schedules.map((schedule) => ({
      ...schedule,
      id: rebase(schedule.id),
      volumeIds: schedule.volumeIds.map(rebase),
    })),
  };
}
