import type { LinkDecl } from '../model/design';
import type { RuleContext } from './rule';

/** The links this plan's schedules and split mirrors use, each once, schedules first. */
export function linksOfPlan({ plan, linksById }: RuleContext): LinkDecl[] {
  const links = new Map<string, LinkDecl>();
  for (const { linkId } of [...plan.schedules, ...(plan.splitMirrors ?? [])]) {
    const link = linksById.get(linkId);
    if (link) links.set(link.id, link);
  }
  return [...links.values()];
}

/** Light in fibre covers about 200 km per millisecond: a round trip costs 1 ms per 100 km. */
export const ROUND_TRIP_SECONDS_PER_KM = 1 / 100_000;
