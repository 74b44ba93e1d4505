import { longestCriticalSteps } from '../analysis/recovery';
import { seconds } from './explain';
import type { Rule, Violation } from './rule';

/** How many of the critical path's steps the finding names. */
const LONGEST = 3;

export const rtoBudget: Rule = {
  id: 'SDR-RTO-BUDGET',
  level: 'error',
  title: 'Failover takes longer than the RTO',
  rationale:
    'The RTO is met only if the recovery can be done in time, not only if the data is there. The failover ' +
    'waits for its slowest chain of steps: declaring the disaster and fencing the primary, making the ' +
    'replica writable, mounting it, the database\'s crash recovery, the application servers\' peer recovery ' +
    'and the verification. A design whose critical path exceeds the RTO breaches it at every disaster.',
  fix:
    'Shorten the longest steps of the failover\'s critical path the finding names (automate the declaration ' +
    'and fencing, faster restarts, a scripted verification), and declare the times you have measured in ' +
    'recoveryTimes. Not suppressible: if the business accepts a longer outage, declare that RTO instead.',
  suppressible: false,
  check({ plan, recovery }) {
    const violations: Violation[] = [];
    const failover = recovery?.procedures.find((procedure) => procedure.kind === 'failover');
    const rto = plan.rtoSeconds;
    if (!failover || rto === undefined || failover.totalSeconds <= rto) return violations;
    const byId = new Map(failover.steps.map((step) => [step.id, step]));
    const chain = failover.criticalPath.map((id) => `${byId.get(id)!.id} ${seconds(byId.get(id)!.durationSeconds)}`).join(' + ');
    const over = failover.totalSeconds - rto;
    const longest = longestCriticalSteps(failover, LONGEST)
      .map((step) => `${step.id} (step ${step.number}, ${seconds(step.durationSeconds)}: ${step.basis})`)
      .join(', ');
    violations.push({
      path: plan.id,
      message:
        `Plan ${plan.name} cannot meet the ${seconds(rto)} RTO: the failover takes ${seconds(failover.totalSeconds)} on its ` +
        `critical path = ${chain}, ${seconds(over)} over the target. Longest steps: ${longest}.`,
      fix:
        `Shorten the longest steps of the critical path by ${seconds(over)} together (declare measured times in ` +
        `recoveryTimes, or automate them); or declare an RTO of at least ${seconds(failover.totalSeconds)}.`,
    });
    return violations;
  },
};
