import { markdownTable } from '../escape';
import { seconds } from '../rules/explain';

/** Building blocks of the plan's renderings (Markdown and the CLI's text and diff), shared by their sections. */

/** A GFM table of cells already rendered as Markdown (user strings escaped by the caller). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return markdownTable(header, rows);
}

/**
 * Appends `items` to `lines` one by one: `lines.push(...items)` passes every item as an argument
 * and overflows the call stack once a plan has some ten thousand volumes.
 */
export function appendAll<T>(lines: T[], items: Iterable<T>): T[] {
  for (const item of items) lines.push(item);
  return lines;
}

export function counts(c: { errors: number; warnings: number; infos: number }): string {
  return `${c.errors} error(s), ${c.warnings} warning(s), ${c.infos} note(s)`;
}

/** A margin with its sign: "+12m 27.6s" or "-46.3s". */
export function signed(value: number): string {
  return value < 0 ? `-${seconds(-value)}` : `+${seconds(value)}`;
}
