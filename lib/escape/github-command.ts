import { showHidden } from './characters';

/**
 * GitHub Actions workflow commands (`::error title=...::message`), the language of the
 * `check --format github` output. A runner reads one command per line: a user string that
 * brought its own newline would end the command and could start another (`::add-mask::`,
 * `::stop-commands::`). The escaping is the one @actions/core applies (toCommandValue,
 * escapeData, escapeProperty), which the runner decodes.
 */

/** The message after `::`: `%`, CR and LF are percent-encoded. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`title=...`): as data, plus `:` and `,`, which end a property or the list. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type WorkflowCommandLevel = 'error' | 'warning' | 'notice';

/**
 * One annotation command, every user string escaped for where it stands. Hidden characters are
 * shown by name first (as in every output language): the runner decodes %0A and %1B-free text
 * into the log, so an ESC or a line break from a user string must not reach it raw.
 */
export function workflowCommand(
  level: WorkflowCommandLevel,
  properties: Readonly<Record<string, string>>,
  message: string,
): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeCommandProperty(showHidden(value))}`)
    .join(',');
  return `::${level}${props ? ` ${props}` : ''}::${escapeCommandData(showHidden(message))}`;
}
