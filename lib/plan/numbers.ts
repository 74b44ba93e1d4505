/** Millisecond precision: enough for any review, and free of float noise that would churn diffs. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** JSON has no Infinity: an unbounded figure is null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? round(value) : null;
}
