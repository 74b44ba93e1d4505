import type { RuleInfo } from './rule';

/**
 * Not a check of the design but of its suppressions, so it has no `check`: it runs after every
 * rule, over all plans of the stack (see suppressions.ts). It cannot itself be suppressed.
 */
export const unusedSuppression: RuleInfo = {
  id: 'SDR-UNUSED-SUPPRESSION',
  level: 'warning',
  title: 'Suppression that matches no finding',
  rationale:
    'A suppression records that a reviewer accepted a specific risk. Once the design no longer has that ' +
    'finding, the stale suppression would silently accept the same risk if it came back later, unreviewed.',
  fix: 'Remove the suppression, or move it to the construct (or a parent, with applyToChildren) that has the finding.',
  suppressible: false,
};
