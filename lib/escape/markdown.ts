import { showHidden } from './characters';

/**
 * CommonMark and GitHub-flavoured Markdown (dr-plan.md, the diff comment on a pull request).
 * A user string is always inline content: it can never end the line, start a block, open
 * emphasis, a link, an HTML tag, an entity, a table cell or GitHub math, and it never mentions
 * a person or links a URL.
 */

/** ASCII punctuation with a meaning somewhere inline (CommonMark, GFM tables, strikethrough, autolinks, math). */
const INLINE_SYNTAX = /[\\`*_[\]<&|~#$]/g;
/** At the start of a block these open one: a heading, quote, list, thematic break, fence, table, HTML or indented code. */
const BLOCK_START = /^(?:[#>+\-*=~]|\d+(?=[.)])| )/;
/** GFM links a bare "www." and any "scheme://". */
const WWW = /\b(www)\./gi;
const SCHEME = /:(?=\/\/)/g;

/** Text in a paragraph, heading, list item or table cell. */
export function markdownText(text: string): string {
  const shown = showHidden(text);
  let escaped = shown.replace(INLINE_SYNTAX, '\\$&').replace(WWW, '$1\\.').replace(SCHEME, '\\:');
  // The text may open a list item; what would start a block there is escaped (a space as its entity).
  const lead = BLOCK_START.exec(escaped);
  if (lead) {
    const rest = escaped.slice(lead[0].length);
    escaped = lead[0] === ' ' ? `&#32;${rest}` : /^\d/.test(lead[0]) ? `${lead[0]}\\${rest}` : `\\${lead[0]}${rest}`;
  }
  // GitHub turns "@name" into a mention and "a@b.c" into a mail link; a word joiner keeps the text and breaks both.
  return escaped.replace(/@/g, '@\u2060');
}

/**
 * A code span holding `text` verbatim, however many backticks it contains: the fence is one
 * backtick longer than the longest run inside, and padded when the content starts or ends
 * with a backtick or a space (CommonMark strips one space from each side).
 */
export function markdownCode(text: string): string {
  const shown = showHidden(text);
  const longest = (shown.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(shown) ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/**
 * A GFM table: the caller passes cells already rendered as Markdown (escaped text, code spans,
 * the library's own emphasis). Every pipe not already escaped is escaped, which GFM requires
 * inside code spans too, and every row has the header's number of cells.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(tableCell).join(' | ')} |`;
  const out = [line(header), `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) out.push(line(row));
  return out.join('\n');
}

function tableCell(markdown: string): string {
  // GFM splits a row on every pipe not preceded by a backslash, then turns "\|" into "|".
  const oneLine = markdown.replace(/\r\n|[\r\n]/g, ' ');
  return oneLine.replace(/\\\\|\\\||\|/g, (match) => (match === '|' ? '\\|' : match));
}
