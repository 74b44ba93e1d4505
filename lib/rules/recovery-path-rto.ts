import type { Rule, Violation } from './rule';
import { seconds } from './explain';
import { splitMirrorsOf } from './split-mirrors-of';

export const recoveryPathRto: Rule = {
  id: 'SDR-RECOVERY-PATH-RTO',
  level: 'error',
  title: 'The chosen recovery scenario takes longer than the RTO',
  rationale:
    'Seed 003: the read-only standby is fast, going back to the last backup copies the volumes back and ' +
    'restarts, and recovering to a point in time also applies the logs in a conditional restart, which can ' +
    'take very long. The scenario the plan relies on must bring the database back within its RTO.',
  fix:
    'Rely on a faster recovery scenario, or speed up its longest part (the copy back, the log apply, the ' +
    'restart). Not suppressible: if the business accepts a longer outage, declare that RTO instead.',
  suppressible: false,
  check(context) {
    const violations: Violation[] = [];
    const rto = context.plan.rtoSeconds;
    if (rto === undefined) return violations;
    for (const { splitMirror, scenarios } of splitMirrorsOf(context)) {
      const chosen = scenarios.find((s) => s.kind === splitMirror.recovery.path)!;
      if (chosen.rtoSeconds <= rto) continue;
      const parts = chosen.rtoParts.map((part) => `${part.what} ${seconds(part.seconds)}`).join(' + ');
      const better = scenarios.filter((s) => s.rtoSeconds <= rto).map((s) => s.kind);
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: recovery path ${chosen.kind} takes ${seconds(chosen.rtoSeconds)} = ${parts}; ` +
          `the plan's RTO is ${seconds(rto)}.`,
        fix:
          (better.length > 0 ? `Choose recovery path ${better.join(' or ')}, or s` : 'S') +
          `peed up its longest part (a faster link for the copy back, a faster log apply, a shorter backup interval ` +
          `so that fewer logs are applied).`,
      });
    }
    return violations;
  },
};
