import type { Rule, Violation } from './rule';
import { bitRate, byteRate } from './explain';

export const syncBandwidth: Rule = {
  id: 'SDR-SYNC-BANDWIDTH',
  level: 'error',
  title: 'Synchronous link slower than the peak write rate',
  rationale:
    'Synchronous mirroring must carry every write as it happens, so it is sized for the peak write rate, not ' +
    'the average. When the peak exceeds the link, writes stall and the array suspends the mirror, leaving no ' +
    'recovery point at all.',
  fix:
    'Give the link a line rate (after efficiency and compression) above the sum of the peak write rates ' +
    'mirrored over it, or mirror fewer volumes synchronously. Not suppressible: the mirror suspends at ' +
    'the first peak.',
  suppressible: false,
  check({ budgets, linksById, nameOf }) {
    const violations: Violation[] = [];
    const seen = new Set<string>();
    for (const budget of budgets) {
      if (budget.mode !== 'synchronous' || budget.verdict !== 'unsustainable' || seen.has(budget.linkId)) continue;
      seen.add(budget.linkId);
      const link = linksById.get(budget.linkId)!;
      violations.push({
        path: link.id,
        message:
          `Synchronous link ${link.name} carries peak writes of ${byteRate(budget.peakSentBytesPerSecond ?? 0)} ` +
          `(after compression, all schedules on it, ${nameOf(budget.scheduleId)} among them) but moves only ` +
          `${byteRate(budget.linkEffectiveBytesPerSecond)} (${bitRate(link.lineRateBitsPerSecond)} x ${link.efficiency}).`,
        fix:
          `Give link ${link.name} a line rate of at least ${bitRate(budget.fix.requiredLineRateBitsPerSecond ?? 0)}, ` +
          `or replicate asynchronously with a schedule that meets the RPO.`,
      });
    }
    return violations;
  },
};
