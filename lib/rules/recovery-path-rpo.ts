import type { Rule, Violation } from './rule';
import type { RecoveryScenarioKind } from '../model/split-mirror';
import { capitalize, seconds } from './explain';
import { splitMirrorsOf } from './split-mirrors-of';

export const recoveryPathRpo: Rule = {
  id: 'SDR-RECOVERY-PATH-RPO',
  level: 'error',
  title: 'The chosen recovery scenario loses more than the RPO',
  rationale:
    'Seed 003: what a recovery loses depends on the scenario. The read-only standby and the last backup lose ' +
    'the work since that backup, up to a whole interval plus the cycle; applying the logs loses only what the ' +
    'log mirror had not yet copied. The scenario the plan relies on must meet its RPO.',
  fix:
    'Rely on a recovery scenario that meets the RPO, or shorten what it loses (the backup interval, or ' +
    'the log mirror\'s gap). Not suppressible: if the business accepts more loss, declare that RPO ' +
    'instead.',
  suppressible: false,
  check(context) {
    const violations: Violation[] = [];
    for (const { splitMirror, scenarios, cycleSeconds } of splitMirrorsOf(context)) {
      const chosen = scenarios.find((s) => s.kind === splitMirror.recovery.path)!;
      if (chosen.rpoSeconds <= context.plan.rpoSeconds) continue;
      const better = scenarios.filter((s) => s.rpoSeconds <= context.plan.rpoSeconds).map((s) => s.kind);
      violations.push({
        path: splitMirror.id,
        message:
          `Backup ${splitMirror.name}: recovery path ${chosen.kind} loses up to ${seconds(chosen.rpoSeconds)} ` +
          `(${chosen.rpoBasis}); the plan's RPO is ${seconds(context.plan.rpoSeconds)}.`,
        fix: fixText(
          better,
          shorterLoss(chosen.kind, chosen.rpoSeconds, splitMirror.intervalSeconds, cycleSeconds, context.plan.rpoSeconds),
        ),
      });
    }
    return violations;
  },
};

/**
 * Restoring a backup loses the interval plus the time until that backup is usable, and that time
 * only shrinks with the interval (less to resync): an interval of RPO minus it is enough, if the
 * cycle still fits in it. The point-in-time path loses the log mirror's gap in the cycle, which
 * the interval barely moves.
 */
function shorterLoss(
  kind: RecoveryScenarioKind,
  lossSeconds: number,
  intervalSeconds: number,
  cycleSeconds: number,
  rpoSeconds: number,
): { readonly option?: string; readonly why?: string } {
  if (kind === 'point-in-time') {
    return {
      option: `shorten the gap in log mirroring (now ${seconds(lossSeconds)}, from suspending the log pairs until they are in sync again) with faster commands and queries or a faster link`,
    };
  }
  const untilUsable = lossSeconds - intervalSeconds;
  const longestInterval = Math.floor(rpoSeconds - untilUsable);
  if (longestInterval >= cycleSeconds) return { option: `shorten the backup interval to at most ${seconds(longestInterval)}` };
  return {
    why:
      `No backup interval makes ${kind} meet it: the interval would have to be at most ${seconds(Math.max(0, longestInterval))}, ` +
      `shorter than the ${seconds(cycleSeconds)} cycle, because a backup is usable only ${seconds(untilUsable)} after its consistency point`,
  };
}

function fixText(better: readonly RecoveryScenarioKind[], shorter: { readonly option?: string; readonly why?: string }): string {
  const options = [...(better.length > 0 ? [`choose recovery path ${better.join(' or ')}`] : []), ...(shorter.option ? [shorter.option] : [])];
  return [...(options.length > 0 ? [`${capitalize(options.join('; or '))}.`] : []), ...(shorter.why ? [`${shorter.why}.`] : [])].join(' ');
}
