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
