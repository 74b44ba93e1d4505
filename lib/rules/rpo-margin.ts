import type { Rule, Violation } from './rule';
import { budgetBreakdown, scheduleFamily, seconds } from './explain';

export const rpoMargin: Rule = {
  id: 'SDR-RPO-MARGIN',
  level: 'warning',
  title: 'Worst-case recovery point is close to the RPO',
  rationale:
    'Change rates are averages and links are shared with traffic this design does not know of. A schedule ' +
    'that meets the RPO by a few percent breaches it at the first busy hour.',
  fix:
    'Shorten the interval or add bandwidth until the worst case leaves the declared margin ' +
    '(rpoMarginWarning, 10% of the RPO by default) in hand.',
  suppressible: true,
  check({ plan, budgets, linksById, nameOf }) {
    const violations: Violation[] = [];
    const wanted = plan.rpoMarginWarningRatio * plan.rpoSeconds;
    for (const budget of budgets) {
      if (budget.verdict !== 'meets' || budget.mode !== 'periodic' || budget.marginSeconds >= wanted) continue;
      const link = linksById.get(budget.linkId)!;
      violations.push({
        path: budget.scheduleId,
        message:
          `Schedule ${nameOf(budget.scheduleId)} meets the ${seconds(plan.rpoSeconds)} RPO by only ` +
          `${seconds(budget.marginSeconds)}: ${budgetBreakdown(budget, link, scheduleFamily(plan, budget.scheduleId))}.`,
        fix:
          `Keep at least ${seconds(wanted)} (${Math.round(plan.rpoMarginWarningRatio * 100)}% of the RPO) in hand` +
          (budget.fix.longestIntervalSeconds !== null
            ? `: the interval may be at most ${seconds(budget.fix.longestIntervalSeconds)} to meet the RPO at all, ` +
              `so shorten it well below that or add bandwidth.`
            : '.'),
      });
    }
    return violations;
  },
};
