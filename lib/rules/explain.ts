import type { RpoBudget } from '../analysis/rpo';
import type { LinkDecl, PlanDecl } from '../model/design';
import { DataRate } from '../units/data-rate';
import { Duration } from '../units/duration';
import { Size, type UnitFamily } from '../units/size';

/** Wording shared by the RPO rules and the plan report, so both say the same thing. */

export const seconds = (value: number): string => Duration.formatSeconds(value);
export const bytes = (value: number, family?: UnitFamily): string => Size.formatBytes(value, family);
export const bitRate = (bitsPerSecond: number): string => DataRate.formatBitsPerSecond(bitsPerSecond);
export const byteRate = (bytesPerSecond: number, family?: UnitFamily): string => DataRate.formatBytesPerSecond(bytesPerSecond, family);
/** Round trips read in milliseconds, to the microsecond. */
export const milliseconds = (value: number): string => `${Math.round(value * 1e6) / 1e3} ms`;

/**
 * The family a group's changed data is shown in: decimal when every volume declared its change
 * rate in decimal units, binary otherwise (the default). dr-plan.md and the rule messages agree.
 */
export function changeFamily(volumes: readonly { readonly units?: { readonly changeRate: UnitFamily } }[]): UnitFamily {
  return volumes.length > 0 && volumes.every((v) => v.units?.changeRate === 'decimal') ? 'decimal' : 'binary';
}

/** changeFamily of the volumes of one of the plan's schedules. */
export function scheduleFamily(plan: Pick<PlanDecl, 'schedules' | 'volumes'>, scheduleId: string): UnitFamily {
  const ids = plan.schedules.find((s) => s.id === scheduleId)?.volumeIds ?? [];
  return changeFamily(plan.volumes.filter((v) => ids.includes(v.id)));
}

/**
 * "worst case 30m 46s = interval 27m + snapshot 1m + transfer 2m 46s (...)", the data in
 * `family` (the one the schedule's volumes were declared in).
 */
export function budgetBreakdown(budget: RpoBudget, link: LinkDecl, family?: UnitFamily): string {
  const completion = `snapshot ${seconds(budget.snapshotSeconds)} + transfer ${seconds(budget.transferSeconds)}`;
  const worst =
    budget.periodSeconds === budget.intervalSeconds
      ? `worst case ${seconds(budget.worstCaseSeconds)} = interval ${seconds(budget.intervalSeconds)} + ${completion}`
      : `worst case ${seconds(budget.worstCaseSeconds)} = 2 x cycle ${seconds(budget.periodSeconds)}, the ` +
        `${seconds(budget.intervalSeconds)} interval having stretched to ${completion}`;
  return `${worst} (${transferDetail(budget, link, family)})`;
}

/** The data shipped and how it crosses the link; sizes in `family`, the link's rates as links are given. */
export function transferDetail(budget: RpoBudget, link: LinkDecl, family?: UnitFamily): string {
  const compression =
    link.compressionRatio === 1 ? '' : `, ${bytes(budget.sentBytes, family)} sent after ${link.compressionRatio}:1 compression`;
  const changed = `${bytes(budget.changedBytes, family)} changed in ${changeWindow(budget)}${compression}`;
  if ((budget.linkSharedBy > 1 || budget.resyncOf?.length) && budget.linkSharing === 'any') {
    return (
      `${changed}, over all of link ${link.name} (${linkCapacity(link)}) once the other users' data ahead of it ` +
      `has gone: ${waitText(budget, family)}`
    );
  }
  return `${changed}, over ${byteRate(budget.shareBytesPerSecond)}: ${linkShare(budget, link)}`;
}

/** "100 Mbps x 0.93 efficiency", less the other traffic when declared. */
export function linkCapacity(link: LinkDecl): string {
  const other = link.otherTrafficBytesPerSecond ? ` - ${byteRate(link.otherTrafficBytesPerSecond)} other traffic` : '';
  return `${bitRate(link.lineRateBitsPerSecond)} x ${link.efficiency} efficiency${other}`;
}

/** The wait behind the link's other users, for a link shared by any discipline. */
export function waitText(budget: RpoBudget, family?: UnitFamily): string {
  const others = budget.linkSharedBy - 1;
  const schedules = others > 0 ? [`${others} other schedule${others === 1 ? '' : 's'}`] : [];
  const resync = budget.resyncOf?.length ? [`the resync copies of backup ${budget.resyncOf.join(', ')}`] : [];
  const who = `${[...schedules, ...resync].join(' and ')} on the ${resync.length ? 'circuit' : 'link'}`;
  if (budget.starvedByBackup) {
    return `the backup cycle of ${budget.starvedByBackup} (steps 1-9) outlasts its interval once the circuit's snapshots delay its resync, so its copies may always go first`;
  }
  if (budget.starvedBy) return `the backlog of ${budget.starvedBy} grows without bound and may always go first`;
  return (
    `up to ${bytes(budget.interferenceBytes, family)} of the ${who} (${seconds(budget.waitSeconds)}), counting the ` +
    `snapshots they take meanwhile, whatever the array's sharing discipline`
  );
}

/**
 * Where the changed data comes from: the average rate, or the busiest window of the profile,
 * named by its time ("the busiest 1h window, 02:00–03:00"), and the grain's amplification.
 */
export function changeWindow(budget: RpoBudget): string {
  const load = budget.load;
  const period = seconds(budget.periodSeconds);
  if (!load || load.basis === 'average') return `${period} at the average rate${amplified(load?.amplification ?? 1)}`;
  const window = load.busiestWindow;
  const where = window.startSeconds === null ? '' : `, ${windowLabel(window.startSeconds, window.windowSeconds, window.shape)}`;
  const basis = load.basis === 'sum-of-maxima' ? ', the busiest windows of series on different time bases added (pessimistic)' : '';
  return `the busiest ${period} window${where}${basis}${amplified(load.amplification)}`;
}

function amplified(amplification: number): string {
  return amplification === 1 ? '' : `, host writes x${round3(amplification)} for whole replication grains`;
}

function round3(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/**
 * "02:00–02:15" for a daily profile, "2026-11-02 02:00–02:15 UTC" for a measured series; a
 * window of a day or more gives its start only.
 */
export function windowLabel(startSeconds: number, windowSeconds: number, shape: 'daily' | 'measured' | null): string {
  const clock = (t: number) => {
    const date = new Date(Math.round(t) * 1000);
    const text = date.toISOString();
    return date.getUTCSeconds() === 0 ? text.slice(11, 16) : text.slice(11, 19);
  };
  const day = (t: number) => new Date(Math.round(t) * 1000).toISOString().slice(0, 10);
  const end = startSeconds + windowSeconds;
  if (shape === 'measured') {
    const to = windowSeconds >= 86_400 || day(end) !== day(startSeconds) ? `${day(end)} ${clock(end)}` : clock(end);
    return `${day(startSeconds)} ${clock(startSeconds)}–${to} UTC`;
  }
  return windowSeconds >= 86_400 ? `from ${clock(startSeconds)}` : `${clock(startSeconds)}–${clock(end)}`;
}

export function linkShare(budget: RpoBudget, link: LinkDecl): string {
  const whole = linkCapacity(link);
  return budget.linkSharedBy === 1
    ? `all of link ${link.name} (${whole})`
    : `1/${budget.linkSharedBy} of link ${link.name} (${whole}), which ${budget.linkSharedBy} schedules share (sharing: per-schedule)`;
}

/** The two ways out the issue asks for: a shorter interval, or a faster link. */
export function budgetFix(budget: RpoBudget, link: LinkDecl, scheduleName: string): string {
  const options: string[] = [];
  const longest = budget.fix.longestIntervalSeconds;
  if (longest !== null) options.push(`set the interval of ${scheduleName} to at most ${seconds(longest)}`);
  const required = budget.fix.requiredLineRateBitsPerSecond;
  if (required !== null) {
    options.push(
      `give link ${link.name} a line rate of at least ${bitRate(required)} (now ${bitRate(link.lineRateBitsPerSecond)})`,
    );
  } else {
    options.push(
      `no bandwidth helps at the declared interval, because interval + snapshot alone ` +
        `(${seconds(budget.intervalSeconds + budget.snapshotSeconds)}) leave no time for the transfer`,
    );
  }
  if (longest === null) options.push(`relax the RPO: no interval meets ${seconds(budget.targetSeconds)} on this link`);
  return capitalize(options.join('; or ')) + '.';
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
