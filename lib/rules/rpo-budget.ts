import type { Rule, Violation } from './rule';
import { budgetBreakdown, budgetFix, scheduleFamily, seconds } from './explain';

export const rpoBudget: Rule = {
  id: 'SDR-RPO-BUDGET',
  level: 'error',
  title: 'Worst-case recovery point exceeds the RPO',
  rationale:
    'Seed 000: the snapshot schedule decides whether the RPO is met, and the time to take a snapshot and to ' +
    'transfer it to the recovery site counts too. An interval shorter than the RPO is not enough.',
  fix:
    'Shorten the interval to the longest one the finding gives, or raise the link\'s line rate (or ' +
    'compression) to the rate it gives. Not suppressible: if the business accepts a longer recovery ' +
    'point, declare that RPO instead.',
  suppressible: false,
  check({ plan, budgets, linksById, nameOf }) {
    const violations: Violation[] = [];
    for (const budget of budgets) {
      if (budget.verdict !== 'breaches') continue;
      const link = linksById.get(budget.linkId)!;
      const schedule = nameOf(budget.scheduleId);
      violations.push({
        path: budget.scheduleId,
        message:
          `Schedule ${schedule} cannot meet the ${seconds(plan.rpoSeconds)} RPO: ` +
          `${budgetBreakdown(budget, link, scheduleFamily(plan, budget.scheduleId))}, ${seconds(-budget.marginSeconds)} over the target.`,
        fix: budgetFix(budget, link, schedule),
      });
    }
    return violations;
  },
};
