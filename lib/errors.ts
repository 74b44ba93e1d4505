import { terminalText } from './escape/terminal';
/**
 * The one error type the library throws for bad input.
 *
 * Callers (and CI logs) need three things to fix a declaration without reading our source:
 * where the value was given (construct path and prop path), what was given, and what is
 * allowed. Every check that rejects input builds its message from those three parts.
 */
export class SanDrError extends Error {
  /** Dotted path of the offending prop inside the props object, e.g. `changeRate.average`. */
  public readonly propPath: string;
  /** The value that was rejected, as given. */
  public readonly value: unknown;
  /** What would have been accepted. */
  public readonly allowed: string;
  /** Construct path of the construct whose props were rejected, when known. */
  public readonly scope: string | undefined;

  public constructor(options: { propPath: string; value: unknown; allowed: string; scope?: string }) {
    super(formatMessage(options));
    this.name = 'SanDrError';
    this.propPath = options.propPath;
    this.value = options.value;
    this.allowed = options.allowed;
    this.scope = options.scope;
  }
}

function formatMessage(options: { propPath: string; value: unknown; allowed: string; scope?: string }): string {
  const where = [options.scope, options.propPath || undefined].filter(Boolean).join(': ');
  // Printed on a terminal by cdktf: construct paths and names may hold control characters.
  return terminalText(`${where ? `${where}: ` : ''}got ${describeValue(options.value)}; expected ${options.allowed}`);
}

/** A short, unambiguous rendering of any value for error messages (never throws). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return truncate(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') {
    const ctor = (value as object).constructor;
    const name = ctor && typeof ctor.name === 'string' && ctor.name !== 'Object' ? ctor.name : undefined;
    const text = safeToString(value);
    if (text && !text.startsWith('[object')) return truncate(name ? `${name} ${text}` : text);
    return name ? `a ${name}` : 'an object';
  }
  return typeof value;
}

function safeToString(value: object): string | undefined {
  try {
    return String(value);
  } catch {
    return undefined;
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
