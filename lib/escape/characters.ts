/**
 * Characters that no reader should receive raw from a user string: C0 and C1 controls and DEL
 * (line endings, ESC that starts terminal sequences, NUL), line and paragraph separators, format
 * characters (bidirectional overrides and isolates, zero-width characters, the byte-order mark)
 * and lone surrogates. Each output language shows them instead of sending them.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/**
 * Replaces every hidden character by a visible, ASCII-only name: `\r`, `\n`, `\t`, `\x1B` for
 * controls, `\u202E` for the others. The result holds no line ending and nothing a terminal or
 * a Markdown renderer acts on; the caller escapes the backslash for its language.
 */
export function showHidden(text: string): string {
  return text.replace(HIDDEN, (char) => {
    if (char === '\r') return '\\r';
    if (char === '\n') return '\\n';
    if (char === '\t') return '\\t';
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/** True when `text` holds a character that showHidden() would replace. */
export function hasHidden(text: string): boolean {
  HIDDEN.lastIndex = 0;
  const found = HIDDEN.test(text);
  HIDDEN.lastIndex = 0;
  return found;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}
