import type { Rule, Violation } from './rule';
import { budgetFix, scheduleFamily, seconds, transferDetail } from './explain';

export const scheduleSustainable: Rule = {
  id: 'SDR-SCHEDULE-SUSTAINABLE',
  level: 'error',
  title: 'Snapshot and transfer do not fit in the interval of a fixed schedule',
  rationale:
    'A fixed schedule starts a snapshot every interval. When taking and shipping one takes longer than the ' +
    'interval, every cycle adds to a backlog that never drains, and the recovery point grows without bound.',
  fix:
    'Lengthen the interval past the time a snapshot takes to be taken and shipped, speed up the link, or ' +
    'declare the schedule continuous so that the next cycle waits for the last. Not suppressible: the ' +
    'backlog has no bound.',
  suppressible: false,
  check({ plan, budgets, linksById, nameOf }) {
    const violations: Violation[] = [];
    for (const budget of budgets) {
      if (budget.verdict !== 'unsustainable' || budget.mode !== 'periodic') continue;
      const link = linksById.get(budget.linkId)!;
      const schedule = nameOf(budget.scheduleId);
      violations.push({
        path: budget.scheduleId,
        message:
          `Schedule ${schedule} is unsustainable: snapshot ${seconds(budget.snapshotSeconds)} + transfer ` +
          `${seconds(budget.transferSeconds)} = ${seconds(budget.completionSeconds)}, longer than its ` +
          `${seconds(budget.intervalSeconds)} interval (${transferDetail(budget, link, scheduleFamily(plan, budget.scheduleId))}), so the backlog grows ` +
          `without bound.`,
        fix: `${budgetFix(budget, link, schedule)} A continuous cycle (cycle: CycleMode.CONTINUOUS) would stretch instead of falling behind.`,
      });
    }
    return violations;
  },
};
