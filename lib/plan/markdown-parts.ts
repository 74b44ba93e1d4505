import { seconds } from '../rules/explain';

/** Building blocks of the plan's renderings (Markdown and the CLI's text and diff), shared by their sections. */

/** Table cells must not break the row: pipes and newlines are escaped. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Mermaid labels live in double quotes; its own entity codes keep quotes from ending them. */
export function label(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ');
}

export function counts(c: { errors: number; warnings: number; infos: number }): string {
  return `${c.errors} error(s), ${c.warnings} warning(s), ${c.infos} note(s)`;
}

/** A margin with its sign: "+12m 27.6s" or "-46.3s". */
export function signed(value: number): string {
  return value < 0 ? `-${seconds(-value)}` : `+${seconds(value)}`;
}

/**
 * Text from the design (construct ids, titles) in running Markdown: every character Markdown
 * could read as markup is backslash-escaped, and line breaks become spaces.
 */
export function markdownText(text: string): string {
  // Parentheses, "!" and "+" only act next to "[" or at a line's start, both of which are escaped here.
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`);
}

/** A code span that shows `text` as written: its fence is longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A Mermaid Gantt task or section name: its syntax ends a name at ":" and reads "#" and ";" as
 * entities and separators, so anything beyond plain words becomes "_".
 */
export function ganttTaskName(text: string): string {
  return text.replace(/[^A-Za-z0-9 ._,()'/+-]/g, '_');
}
