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

/** An object whose keys are given in the order they are written, each value built when it is written. */
export class LazyJsonObject {
  public constructor(
    public readonly keys: readonly string[],
    public readonly valueOf: (key: string) => unknown,
  ) {}
}

/** How a streamed JSON text is laid out (two spaces of indentation in both). */
interface JsonStyle {
  /** Keys sorted by UTF-16 code units; an empty array or object written across two lines. */
  readonly stable: boolean;
  readonly text: (value: unknown) => string;
  /** Containers this deep or deeper are written whole (one `text` call), not member by member. */
  readonly wholeFromDepth: number;
}

/**
 * Writes `jsonText(value, 2)` in pieces of one member each down to `wholeFromDepth`, then a
 * subtree at a time: a plan of an estate is tens of megabytes, and one string of it would raise
 * the peak memory of synthesis (README "Performance").
 */
export function writeJsonText(value: unknown, write: (chunk: string) => void, wholeFromDepth = 3): void {
  writeJson(value, '', 0, write, { stable: false, text: (v) => jsonText(v, 2), wholeFromDepth });
}

/**
 * Writes `value` as cdktf writes `cdk.tf.json`, json-stable-stringify(value, { space: 2 }): keys
 * sorted (as Array.prototype.sort does), an empty array or object across two lines, members whose
 * value is undefined or a function left out (in an array: null), strings as JSON.stringify
 * writes them. A LazyJsonObject's keys must be sorted already.
 */
export function writeStableJson(value: unknown, write: (chunk: string) => void): void {
  writeJson(value, '', 0, write, { stable: true, text: (v) => JSON.stringify(v), wholeFromDepth: Infinity });
}

function writeJson(value: unknown, indent: string, depth: number, write: (chunk: string) => void, style: JsonStyle): void {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') {
    write(style.text(value) ?? 'null');
    return;
  }
  if (depth >= style.wholeFromDepth && !(value instanceof LazyJsonObject)) {
    write(style.text(value).replace(/\n/g, `\n${indent}`));
    return;
  }
  const inner = `${indent}  `;
  const lazy = value instanceof LazyJsonObject ? value : undefined;
  const array = Array.isArray(value);
  const keys = lazy ? lazy.keys : array ? (value as unknown[]).map((_, index) => index) : style.stable ? Object.keys(value).sort() : Object.keys(value);
  const valueOf = lazy ? lazy.valueOf : (key: string | number) => (value as Record<string | number, unknown>)[key];
  let first = true;
  for (const key of keys) {
    let member = valueOf(key as string);
    if (!rendersAsJson(member)) {
      if (!array) continue;
      member = null;
    }
    write(`${first ? (array ? '[' : '{') : ','}\n${inner}${array ? '' : `${style.text(String(key))}: `}`);
    writeJson(member, inner, depth + 1, write, style);
    first = false;
  }
  if (first) write(array ? '[' : '{');
  write(first && !style.stable ? (array ? ']' : '}') : `\n${indent}${array ? ']' : '}'}`);
}

function rendersAsJson(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
