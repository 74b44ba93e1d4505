import { seconds } from './explain';
import type { Rule, Violation } from './rule';

export const failbackWindow: Rule = {
  id: 'SDR-FAILBACK-WINDOW',
  level: 'warning',
  title: 'Failback resynchronisation outlasts the failback window',
  rationale:
    'Before a planned switch-over back to the primary site, everything that changed since the failover ' +
    'must be copied back over the link, while production keeps writing at the recovery site. A resync ' +
    'longer than the window the business grants for failback leaves the application running without ' +
    'a recovery site, or the switch-over postponed.',
  fix:
    'Give the link more bandwidth for the failback, fail back sooner (a shorter failbackAfter copies less), ' +
    'or declare the failback window the business can really grant.',
  suppressible: true,
  check({ plan, recovery, nameOf }) {
    const violations: Violation[] = [];
    const window = plan.failbackWindowSeconds;
    if (window === undefined || !recovery?.failback) return violations;
    for (const resync of recovery.failback.resyncs) {
      if (resync.seconds <= window) continue;
      const duration = Number.isFinite(resync.seconds) ? seconds(resync.seconds) : 'forever';
      violations.push({
        path: resync.scheduleId,
        message:
          `Failback of ${nameOf(resync.scheduleId)} resynchronises ${resync.full ? 'every volume in full' : 'what changed since the failover'} ` +
          `in ${duration}; the failback window is ${seconds(window)}.`,
        fix: Number.isFinite(resync.seconds)
          ? `Give the link of ${nameOf(resync.scheduleId)} more bandwidth so that the resync fits in ${seconds(window)}, ` +
            `${resync.full ? 'declare failbackAfter if the primary\'s storage survives (a differential resync), ' : ''}or declare a failback window of at least ${seconds(resync.seconds)}.`
          : `The new writes at the recovery site use up the link: give the link more bandwidth than the writes need.`,
      });
    }
    return violations;
  },
};
