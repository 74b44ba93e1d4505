import { showHidden } from './characters';

/**
 * Mermaid (the flowchart and Gantt blocks inside dr-plan.md). A label or title is text only:
 * quotes cannot end it, `%%` cannot start a comment or an `%%{init}` directive, `<` cannot
 * start HTML, backticks cannot make it a Markdown string or close the surrounding code fence,
 * `#` and `;` cannot end a Gantt title, nor `:` a task name. Mermaid's entity codes (`#35;`) show each as itself.
 */
const SPECIAL = /["#%<>&`;:]/g;

export function mermaidText(text: string): string {
  return showHidden(text).replace(SPECIAL, (char) => `#${char.charCodeAt(0)};`);
}
