import type { Rule, Violation } from './rule';
import { linksOfPlan } from './links-of-plan';

export const writeOrder: Rule = {
  id: 'SDR-WRITE-ORDER',
  level: 'error',
  title: 'Asynchronous link does not preserve write order',
  rationale:
    'Seed 000: the write order must be preserved in the snapshot and its replica. A replica that applies ' +
    'writes out of order can hold a log record without the data it describes, or the reverse, and the ' +
    'database and transaction recovery at the recovery site then start from a state that never existed.',
  fix:
    'Use a replication mode that preserves write order (consistency groups, journaled or snapshot-based ' +
    'shipping) and declare preservesWriteOrder: true. Not suppressible: seed 000 makes it a hard rule.',
  suppressible: false,
  check(context) {
    const violations: Violation[] = [];
    for (const link of linksOfPlan(context)) {
      if (link.mode !== 'async' || link.preservesWriteOrder) continue;
      violations.push({
        path: link.id,
        message: `Asynchronous link ${link.name} is declared with preservesWriteOrder: false.`,
        fix:
          `Use a replication mode that ships consistency-group snapshots or journals in write order ` +
          `(and declare preservesWriteOrder: true), or mirror synchronously.`,
      });
    }
    return violations;
  },
};
