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

/** One stack whose disaster-recovery design has unsuppressed error findings. */
export interface FailedStack {
  /** The stack's construct id. */
  readonly stack: string;
  /** Where its plan was written, relative to the synthesis output directory. */
  readonly planMarkdown: string;
  /** One line per unsuppressed error finding: `[RULE-ID] path: message Fix: fix`. */
  readonly findings: readonly string[];
}

/**
 * Synthesis failed because a design breaks a rule: the verdict of a review, not bad input. The
 * plan of every failing stack was written with verdict fail; no cdk.tf.json was, for them. The
 * message lists every failing stack of the run, so one CI run shows them all.
 */
export class DrDesignFailedError extends Error {
  public declare readonly stacks: readonly FailedStack[];
  /** A failure of another stack in the same run (not a design verdict), reported with these. */
  public declare readonly otherError: unknown;

  public constructor(stacks: readonly FailedStack[], otherError?: unknown) {
    super(formatDesignFailure(stacks, otherError));
    this.name = 'DrDesignFailedError';
    // Not enumerable: Node prints an uncaught error's own enumerable properties after the message,
    // which would repeat every finding in the CI log.
    Object.defineProperty(this, 'stacks', { value: stacks, enumerable: false });
    Object.defineProperty(this, 'otherError', { value: otherError, enumerable: false });
  }
}

function formatDesignFailure(stacks: readonly FailedStack[], otherError: unknown): string {
  const names = stacks.map((s) => s.stack).join(', ');
  const lines = [
    (stacks.length === 1
      ? `the disaster-recovery design fails in stack ${names}. Its plan is written with verdict FAIL`
      : `the disaster-recovery design fails in ${stacks.length} stacks (${names}). Each plan is written with verdict FAIL`) +
      ', the numbers and the fixes, and no cdk.tf.json: nothing deployable is left for a failing design ' +
      '(skipValidation does not change that).',
  ];
  for (const stack of stacks) {
    lines.push('', `Stack ${stack.stack} (read ${stack.planMarkdown}):`, ...stack.findings.map((finding) => `  ${finding}`));
  }
  if (otherError !== undefined) {
    lines.push('', `Synthesis also failed for another reason: ${otherError instanceof Error ? otherError.message : String(otherError)}`);
  }
  return lines.join('\n');
}
