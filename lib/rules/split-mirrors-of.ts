import type { SplitMirrorAnalysis } from '../analysis/split-mirror';
import type { RuleContext } from './rule';

export { percent } from '../analysis/split-mirror';

/** The plan's split-mirror analyses; none for a plan that only ships snapshots. */
export function splitMirrorsOf(context: RuleContext): readonly SplitMirrorAnalysis[] {
  return context.splitMirrors ?? [];
}
