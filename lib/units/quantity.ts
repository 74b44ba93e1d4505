/**
 * Private helpers shared by Duration, Size and DataRate. Not re-exported from the package:
 * the three classes are the public face, this file only keeps them from repeating each other.
 */
import { SanDrError } from '../errors';

/** One unit of a quantity: how it is written and how many base units it holds. */
export interface QuantityUnit {
  /** Exactly as written in text, e.g. `GiB`, `Mbps`, `m`. */
  readonly label: string;
  /** Base units (ms, bytes or bits per second) per one of this unit. */
  readonly factor: number;
  /** Plural English name for error messages, e.g. `minutes`. */
  readonly name: string;
}

/**
 * Relative tolerance under which a float counts as equal to its nearest integer (or to another
 * float). Products such as 0.1 * 3600000 carry noise around 1e-16 relative; input precision is
 * never anywhere near 1e-9, so anything closer than that is noise, not meaning.
 */
const NOISE = 1e-9;

/** Throw the library's error with an empty prop path; prop parsing (lib/constructs/props.ts) reports it under the prop's own path. */
export function reject(value: unknown, allowed: string): never {
  throw new SanDrError({ propPath: '', value, allowed });
}

/** The amount a factory accepts: a finite number >= 0 (-0 folded into 0 so it never prints as "-0"). */
export function requireAmount(value: unknown, unitName: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    reject(value, `a finite number >= 0 of ${unitName}`);
  }
  return value === 0 ? 0 : value;
}

/** A display input: a number >= 0 or Infinity (NaN and negatives are bugs upstream, not data). */
export function requireDisplayable(value: unknown, what: string): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    reject(value, `a number >= 0 of ${what}, or Infinity`);
  }
  return value === 0 ? 0 : value;
}

/** The nearest integer when `x` is within float noise of it, else `x` unchanged. */
export function snap(x: number): number {
  const rounded = Math.round(x);
  return Math.abs(x - rounded) <= NOISE * Math.abs(x) ? rounded : x;
}

/** Three-way comparison that treats values within float noise of each other as equal. */
export function compareAmounts(a: number, b: number): -1 | 0 | 1 {
  if (a === b) return 0;
  if (Math.abs(a - b) <= NOISE * Math.max(Math.abs(a), Math.abs(b))) return 0;
  return a < b ? -1 : 1;
}

/**
 * `String(x)` without exponent notation, so canonical strings stay parseable by our own grammar
 * (which refuses exponents). Only the decimal point moves, so the value is unchanged.
 */
export function plainNumber(x: number): string {
  const text = String(x);
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const digits = match[1] + (match[2] ?? '');
  const point = match[1].length + Number(match[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Plain decimals only: no sign, no exponent, no NaN/Infinity, no bare "." forms. */
const NUMBER = String.raw`\d+(?:\.\d+)?`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A scanned `<number><unit>` token. */
export interface QuantityToken {
  readonly amount: number;
  readonly label: string;
}

/**
 * Split `text` into `<number><unit>` tokens (whitespace allowed around and between them).
 * Returns undefined when anything is left over, so callers reject the input as a whole.
 */
export function scanQuantities(text: string, labels: readonly string[]): QuantityToken[] | undefined {
  const token = tokenPattern(labels);
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const tokens: QuantityToken[] = [];
  let position = 0;
  while (position < trimmed.length) {
    token.lastIndex = position;
    const match = token.exec(trimmed);
    if (!match) return undefined;
    const amount = Number(match[1]);
    // A few hundred digits parse to Infinity; that is not a quantity either.
    if (!Number.isFinite(amount)) return undefined;
    tokens.push({ amount, label: match[2] });
    position = token.lastIndex;
  }
  return tokens;
}

/**
 * The sticky token pattern for a set of unit labels, compiled once per set: an estate parses
 * tens of thousands of quantities, and compiling the pattern for each took over a second of a
 * 10,000-volume synthesis (README "Performance"). Callers set lastIndex before each exec.
 */
const TOKEN_PATTERNS = new Map<string, RegExp>();

function tokenPattern(labels: readonly string[]): RegExp {
  const key = labels.join('\n');
  let pattern = TOKEN_PATTERNS.get(key);
  if (!pattern) {
    // Longest labels first, so `ms` wins over `m` and `MiB/min` over `MiB/m`.
    const alternation = [...labels].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
    // The lookahead stops a unit from being a prefix of an unknown one (`15mins`, `20GiB/hr`).
    pattern = new RegExp(String.raw`\s*(${NUMBER})\s*(${alternation})(?![A-Za-z/])\s*`, 'y');
    TOKEN_PATTERNS.set(key, pattern);
  }
  return pattern;
}

/** Exactly one `<number><unit>` token, or undefined. */
export function scanQuantity(text: string, labels: readonly string[]): QuantityToken | undefined {
  const tokens = scanQuantities(text, labels);
  return tokens && tokens.length === 1 ? tokens[0] : undefined;
}

/** Parse entry guard: JavaScript callers can hand `parse` anything. */
export function requireText(value: unknown, allowed: string): string {
  if (typeof value !== 'string') reject(value, allowed);
  return value;
}

/**
 * Read one option out of an optional options object, rejecting unknown values instead of
 * silently falling back to the default (a typo in `rounding` should not mean "fail").
 */
export function readOption<T>(options: unknown, key: string, choices: readonly T[], fallback: T): T {
  if (options === undefined) return fallback;
  if (typeof options !== 'object' || options === null) {
    reject(options, `an options object such as { ${key}: ${JSON.stringify(choices[0])} }`);
  }
  const value = (options as Record<string, unknown>)[key];
  if (value === undefined) return fallback;
  if (!choices.includes(value as T)) {
    reject(value, `${key} to be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
  }
  return value as T;
}

/**
 * Render `value` (in base units) in the largest unit it reaches, rounded by `round`; when
 * rounding carries it up to the next unit (1023.999 KiB), use that unit instead.
 * `units` must be in ascending factor order.
 */
export function formatScaled(value: number, units: readonly QuantityUnit[], round: (x: number) => number): string {
  if (value === Infinity) return 'unbounded';
  let index = 0;
  while (index + 1 < units.length && value >= units[index + 1].factor) index++;
  let shown = round(value / units[index].factor);
  if (index + 1 < units.length && shown * units[index].factor >= units[index + 1].factor) {
    index++;
    shown = round(value / units[index].factor);
  }
  return `${plainNumber(shown)} ${units[index].label}`;
}
