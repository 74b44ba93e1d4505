import { showHidden } from './characters';

/**
 * Terminal text (the CLI's text report and its messages on stderr): a user string can never
 * send a control sequence (ESC, OSC titles, carriage returns that overwrite a line) or reorder
 * the line (bidirectional overrides); each such character is shown by name instead.
 */
export function terminalText(text: string): string {
  return showHidden(text);
}

/** A message of several lines: each line's content is escaped, the line breaks between them kept. */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalText).join('\n');
}
