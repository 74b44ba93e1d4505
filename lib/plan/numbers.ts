/** Millisecond precision: enough for any review, and free of float noise that would churn diffs. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** JSON has no Infinity: an unbounded figure is null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? round(value) : null;
}

/**
 * A rate that must stay positive: millisecond-style rounding would turn a very slow link into
 * 0 B/s, which the plan schema (rightly) refuses. Below 1 it keeps six significant digits.
 */
export function roundPositive(value: number): number {
  return Math.abs(value) >= 1 ? round(value) : Number(value.toPrecision(6));
}
