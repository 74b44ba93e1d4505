/**
 * JSON read by people too (`dr-plan.json` in a diff, `report --format json` on a terminal).
 * JSON.stringify escapes only C0 controls; C1 controls (0x9B starts a terminal sequence),
 * DEL, line separators and bidirectional or zero-width marks are written as `\uXXXX` here too,
 * which every JSON reader decodes to the same string.
 */
const HIDDEN_IN_JSON = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    HIDDEN_IN_JSON,
    (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
