import type { Rule, Violation } from './rule';
import { seconds } from './explain';
import { splitMirrorsOf } from './split-mirrors-of';

export const recoveryPathRpo: Rule = {
  id: 'SDR-RECOVERY-PATH-RPO',
  level: 'error',
  title: 'The chosen recovery scenario loses more than the RPO',
  rationale:
    'Seed 003: what a recovery loses depends on the scenario. The read-only standby and the last backup lose ' +
    'the work since that backup, up to a whole interval plus the cycle; applying the logs loses only what the ' +
    'log mirror had not yet copied. The scenario the plan relies on must meet its RPO.',
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, scenarios } of splitMirrorsOf(context)) {
      const chosen = scenarios.find((s) => s.kind === splitMirror.recovery.path)!;
      if (chosen.rpoSeconds <= context.plan.rpoSeconds) continue;
      const better = scenarios.filter((s) => s.rpoSeconds <= context.plan.rpoSeconds).map((s) => s.kind);
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: recovery path ${chosen.kind} loses up to ${seconds(chosen.rpoSeconds)} ` +
          `(${chosen.rpoBasis}); the plan's RPO is ${seconds(context.plan.rpoSeconds)}.`,
        fix:
          (better.length > 0 ? `Choose recovery path ${better.join(' or ')}, or s` : 'S') +
          `horten the backup interval so that ${chosen.kind} loses at most ${seconds(context.plan.rpoSeconds)}.`,
      });
    }
    return violations;
  },
};
