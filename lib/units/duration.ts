import {
  QuantityUnit,
  compareAmounts,
  plainNumber,
  readOption,
  reject,
  requireAmount,
  requireDisplayable,
  requireText,
  scanQuantities,
  snap,
} from './quantity';

/** A Duration, or text that `Duration.parse` accepts. */
export type DurationLike = Duration | string;

/** Options for `Duration.toX()` conversions. */
export interface DurationConversionOptions {
  /**
   * Refuse (throw) when the result is not a whole number, so a schedule of 90 s does not
   * silently become "1 minute" somewhere that only takes whole minutes.
   * @default true
   */
  readonly integral?: boolean;
}

const MILLIS: QuantityUnit = { label: 'ms', factor: 1, name: 'milliseconds' };
const SECONDS: QuantityUnit = { label: 's', factor: 1000, name: 'seconds' };
const MINUTES: QuantityUnit = { label: 'm', factor: 60_000, name: 'minutes' };
const HOURS: QuantityUnit = { label: 'h', factor: 3_600_000, name: 'hours' };
const DAYS: QuantityUnit = { label: 'd', factor: 86_400_000, name: 'days' };

/** Largest first: the order compound text must use and the order `toString` emits. */
const UNITS_DESCENDING: readonly QuantityUnit[] = [DAYS, HOURS, MINUTES, SECONDS, MILLIS];
const LABELS = UNITS_DESCENDING.map((u) => u.label);

const PARSE_ALLOWED =
  'a duration such as "15m", "90s", "1.5h" or "1h30m" (units: ms, s, m, h, d; compound forms largest unit first)';

/**
 * An immutable, non-negative span of time (modelled on aws-cdk's Duration).
 *
 * Kept as the amount and unit it was given, so `Duration.hours(1.5)` converts back to exactly
 * 1.5 hours; comparisons and arithmetic go through milliseconds.
 */
export class Duration {
  /** `amount` milliseconds; rejects anything but a finite number >= 0. */
  public static millis(amount: number): Duration {
    return new Duration(requireAmount(amount, MILLIS.name), MILLIS, amount);
  }

  /** `amount` seconds; rejects anything but a finite number >= 0. */
  public static seconds(amount: number): Duration {
    return new Duration(requireAmount(amount, SECONDS.name), SECONDS, amount);
  }

  /** `amount` minutes; rejects anything but a finite number >= 0. */
  public static minutes(amount: number): Duration {
    return new Duration(requireAmount(amount, MINUTES.name), MINUTES, amount);
  }

  /** `amount` hours; rejects anything but a finite number >= 0. */
  public static hours(amount: number): Duration {
    return new Duration(requireAmount(amount, HOURS.name), HOURS, amount);
  }

  /** `amount` days; rejects anything but a finite number >= 0. */
  public static days(amount: number): Duration {
    return new Duration(requireAmount(amount, DAYS.name), DAYS, amount);
  }

  /**
   * Parse `"250ms"`, `"90s"`, `"15 m"`, `"1.5h"`, `"2d"` or compound `"1h30m"` (units largest
   * first, each once); rejects empty text, unknown or missing units, signs, exponents, NaN.
   */
  public static parse(text: string): Duration {
    requireText(text, PARSE_ALLOWED);
    const tokens = scanQuantities(text, LABELS);
    if (!tokens) reject(text, PARSE_ALLOWED);
    const units = tokens.map((t) => UNITS_DESCENDING.find((u) => u.label === t.label)!);
    // "30m1h" or "1h1h" is more likely a typo than a deliberate sum, so refuse it.
    for (let i = 1; i < units.length; i++) {
      if (units[i].factor >= units[i - 1].factor) reject(text, PARSE_ALLOWED);
    }
    if (tokens.length === 1) return new Duration(tokens[0].amount, units[0], text);
    const total = tokens.reduce((sum, t, i) => sum + t.amount * units[i].factor, 0);
    return new Duration(total, MILLIS, text);
  }

  /** A Duration as is, or parsed text; rejects numbers, objects and undefined (units would be a guess). */
  public static of(value: DurationLike): Duration {
    if (value instanceof Duration) return value;
    if (typeof value === 'string') return Duration.parse(value);
    return reject(value, `a Duration or ${PARSE_ALLOWED}`);
  }

  /**
   * Render a plain number of seconds like `toHuman` (`"1h 30m"`, `"2m 5.5s"`), for computed
   * floats in reports; `Infinity` gives `"unbounded"`; rejects NaN and negatives.
   */
  public static formatSeconds(seconds: number): string {
    const value = requireDisplayable(seconds, 'seconds');
    if (value === Infinity) return 'unbounded';
    // Display only: tenths of a second are as fine as a report needs to be.
    let tenths = Math.round(value * 10);
    if (tenths === 0) return '0s';
    const parts: string[] = [];
    for (const [label, size] of [['d', 864_000], ['h', 36_000], ['m', 600]] as const) {
      const count = Math.floor(tenths / size);
      if (count > 0) parts.push(`${plainNumber(count)}${label}`);
      tenths -= count * size;
    }
    if (tenths > 0) parts.push(`${tenths / 10}s`);
    return parts.join(' ');
  }

  private readonly amount: number;
  private readonly unit: QuantityUnit;
  /** Snapped to an integer when within float noise of one, so `hours(0.1)` is exactly 360000 ms. */
  private readonly ms: number;

  private constructor(amount: number, unit: QuantityUnit, given: unknown) {
    const ms = snap(amount * unit.factor);
    if (!Number.isFinite(ms)) reject(given, 'a duration small enough to count in milliseconds');
    this.amount = amount;
    this.unit = unit;
    this.ms = ms;
  }

  /** Whole milliseconds; rejects (throws) a fractional result unless `{ integral: false }`. */
  public toMilliseconds(options?: DurationConversionOptions): number {
    return this.convert(MILLIS, options);
  }

  /** Whole seconds; rejects (throws) a fractional result unless `{ integral: false }`. */
  public toSeconds(options?: DurationConversionOptions): number {
    return this.convert(SECONDS, options);
  }

  /** Whole minutes; rejects (throws) a fractional result unless `{ integral: false }`. */
  public toMinutes(options?: DurationConversionOptions): number {
    return this.convert(MINUTES, options);
  }

  /** Whole hours; rejects (throws) a fractional result unless `{ integral: false }`. */
  public toHours(options?: DurationConversionOptions): number {
    return this.convert(HOURS, options);
  }

  /** Whole days; rejects (throws) a fractional result unless `{ integral: false }`. */
  public toDays(options?: DurationConversionOptions): number {
    return this.convert(DAYS, options);
  }

  /** The sum; rejects a non-Duration, non-duration-text argument. */
  public plus(other: DurationLike): Duration {
    const that = Duration.of(other);
    if (that.unit === this.unit) return new Duration(this.amount + that.amount, this.unit, other);
    return new Duration(this.ms + that.ms, MILLIS, other);
  }

  /** The difference; rejects `other` when it is longer than this (durations are never negative). */
  public minus(other: DurationLike): Duration {
    const that = Duration.of(other);
    const order = compareAmounts(this.ms, that.ms);
    if (order < 0) reject(other, `a duration no longer than ${this.toString()}, so the difference is not negative`);
    if (order === 0) return new Duration(0, this.unit, other);
    if (that.unit === this.unit) return new Duration(this.amount - that.amount, this.unit, other);
    return new Duration(this.ms - that.ms, MILLIS, other);
  }

  /** This duration scaled by `factor`; rejects a factor that is not finite and >= 0. */
  public times(factor: number): Duration {
    if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 0) {
      reject(factor, 'a finite factor >= 0 to scale the duration by, e.g. 2 or 0.5');
    }
    return new Duration(this.amount * factor + 0, this.unit, factor);
  }

  /** -1, 0 or 1 as this is shorter than, equal to (within float noise) or longer than `other`. */
  public compareTo(other: DurationLike): -1 | 0 | 1 {
    return compareAmounts(this.ms, Duration.of(other).ms);
  }

  /** Whether this spans no time at all. */
  public isZero(): boolean {
    return this.ms === 0;
  }

  /**
   * Canonical text that `parse` reads back to the same value: `"1h30m"`, `"1s500ms"`, `"0s"`;
   * sub-millisecond values fall back to the shortest exact decimal, e.g. `"0.5ms"`.
   */
  public toString(): string {
    const ms = this.ms;
    if (ms === 0) return '0s';
    if (Number.isInteger(ms) && ms <= Number.MAX_SAFE_INTEGER) {
      const parts: string[] = [];
      let rest = ms;
      for (const unit of UNITS_DESCENDING) {
        const count = Math.floor(rest / unit.factor);
        if (count > 0) parts.push(`${count}${unit.label}`);
        rest -= count * unit.factor;
      }
      return parts.join('');
    }
    // The form it was built from always reads back exactly; a shorter exact one reads better.
    let best = `${plainNumber(this.amount)}${this.unit.label}`;
    for (const unit of UNITS_DESCENDING) {
      const text = `${plainNumber(ms / unit.factor)}${unit.label}`;
      const readsBack = Number(text.slice(0, -unit.label.length)) * unit.factor === ms;
      if (readsBack && text.length < best.length) best = text;
    }
    return best;
  }

  /** Text for reports: `"1h 30m"`, `"16m 37s"`, `"41.2s"` (rounded to 0.1 s, display only). */
  public toHuman(): string {
    return Duration.formatSeconds(this.ms / 1000);
  }

  private convert(target: QuantityUnit, options: DurationConversionOptions | undefined): number {
    const integral = readOption(options, 'integral', [true, false], true);
    const raw = target === this.unit ? this.amount : this.ms / target.factor;
    const snapped = snap(raw);
    if (Number.isInteger(snapped)) return snapped;
    if (integral) {
      reject(
        this.toString(),
        `a duration that is a whole number of ${target.name}; pass { integral: false } to get ${plainNumber(raw)}`,
      );
    }
    return raw;
  }
}
