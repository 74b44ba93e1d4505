import {
  QuantityUnit,
  compareAmounts,
  formatScaled,
  plainNumber,
  readOption,
  reject,
  requireAmount,
  requireDisplayable,
  requireText,
  scanQuantity,
  snap,
} from './quantity';

/** A Size, or text that `Size.parse` accepts. */
export type SizeLike = Size | string;

/**
 * Powers of 1024 (KiB, MiB, ...) or of 1000 (KB, MB, ...): a size or rate is shown in the family
 * it was declared in, so a reviewer compares like with like.
 */
export type UnitFamily = 'binary' | 'decimal';

/** What a `Size.toX()` conversion does with a result that is not a whole number. */
export type SizeRounding = 'fail' | 'floor' | 'none';

/** Options for `Size.toX()` conversions. */
export interface SizeConversionOptions {
  /**
   * `'fail'` throws on a fractional result, `'floor'` rounds down, `'none'` returns the float.
   * @default 'fail'
   */
  readonly rounding?: SizeRounding;
}

const BYTES: QuantityUnit = { label: 'B', factor: 1, name: 'bytes' };
const KILOBYTES: QuantityUnit = { label: 'KB', factor: 1e3, name: 'kilobytes' };
const MEGABYTES: QuantityUnit = { label: 'MB', factor: 1e6, name: 'megabytes' };
const GIGABYTES: QuantityUnit = { label: 'GB', factor: 1e9, name: 'gigabytes' };
const TERABYTES: QuantityUnit = { label: 'TB', factor: 1e12, name: 'terabytes' };
const PETABYTES: QuantityUnit = { label: 'PB', factor: 1e15, name: 'petabytes' };
const KIBIBYTES: QuantityUnit = { label: 'KiB', factor: 2 ** 10, name: 'kibibytes' };
const MEBIBYTES: QuantityUnit = { label: 'MiB', factor: 2 ** 20, name: 'mebibytes' };
const GIBIBYTES: QuantityUnit = { label: 'GiB', factor: 2 ** 30, name: 'gibibytes' };
const TEBIBYTES: QuantityUnit = { label: 'TiB', factor: 2 ** 40, name: 'tebibytes' };
const PEBIBYTES: QuantityUnit = { label: 'PiB', factor: 2 ** 50, name: 'pebibytes' };

const DECIMAL_DESCENDING: readonly QuantityUnit[] = [PETABYTES, TERABYTES, GIGABYTES, MEGABYTES, KILOBYTES];
const BINARY_DESCENDING: readonly QuantityUnit[] = [PEBIBYTES, TEBIBYTES, GIBIBYTES, MEBIBYTES, KIBIBYTES];
const BINARY_ASCENDING: readonly QuantityUnit[] = [BYTES, ...[...BINARY_DESCENDING].reverse()];
const DECIMAL_ASCENDING: readonly QuantityUnit[] = [BYTES, ...[...DECIMAL_DESCENDING].reverse()];

/**
 * Every size unit, for DataRate's `<size unit>/<time unit>` labels.
 * @internal not re-exported from the package.
 */
export const SIZE_UNITS: readonly QuantityUnit[] = [BYTES, ...DECIMAL_DESCENDING, ...BINARY_DESCENDING];
const LABELS = SIZE_UNITS.map((u) => u.label);

const PARSE_ALLOWED =
  'a size such as "500GiB", "1.5 TB" or "512B" (units: B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB; ' +
  'sizes are in bytes with a capital B, so bit units like "Gb" are not accepted)';

/**
 * An immutable, non-negative whole number of bytes (modelled on aws-cdk's Size).
 *
 * Whole bytes because storage is allocated in bytes: `Size.bytes(1.5)` is a mistake, not a
 * size. Capped at Number.MAX_SAFE_INTEGER (about 8 PiB) so byte counts stay exact.
 */
export class Size {
  /** `amount` bytes; rejects non-numbers, NaN, Infinity, negatives and fractions of a byte. */
  public static bytes(amount: number): Size {
    return Size.make(amount, BYTES);
  }

  /** `amount` kilobytes (1000 B); rejects invalid amounts and fractions of a byte. */
  public static kilobytes(amount: number): Size {
    return Size.make(amount, KILOBYTES);
  }

  /** `amount` megabytes (1000^2 B); rejects invalid amounts and fractions of a byte. */
  public static megabytes(amount: number): Size {
    return Size.make(amount, MEGABYTES);
  }

  /** `amount` gigabytes (1000^3 B); rejects invalid amounts and fractions of a byte. */
  public static gigabytes(amount: number): Size {
    return Size.make(amount, GIGABYTES);
  }

  /** `amount` terabytes (1000^4 B); rejects invalid amounts and fractions of a byte. */
  public static terabytes(amount: number): Size {
    return Size.make(amount, TERABYTES);
  }

  /** `amount` petabytes (1000^5 B); rejects invalid amounts, fractions of a byte and > ~8 PiB. */
  public static petabytes(amount: number): Size {
    return Size.make(amount, PETABYTES);
  }

  /** `amount` kibibytes (1024 B); rejects invalid amounts and fractions of a byte. */
  public static kibibytes(amount: number): Size {
    return Size.make(amount, KIBIBYTES);
  }

  /** `amount` mebibytes (1024^2 B); rejects invalid amounts and fractions of a byte. */
  public static mebibytes(amount: number): Size {
    return Size.make(amount, MEBIBYTES);
  }

  /** `amount` gibibytes (1024^3 B); rejects invalid amounts and fractions of a byte. */
  public static gibibytes(amount: number): Size {
    return Size.make(amount, GIBIBYTES);
  }

  /** `amount` tebibytes (1024^4 B); rejects invalid amounts and fractions of a byte. */
  public static tebibytes(amount: number): Size {
    return Size.make(amount, TEBIBYTES);
  }

  /** `amount` pebibytes (1024^5 B); rejects invalid amounts, fractions of a byte and > ~8 PiB. */
  public static pebibytes(amount: number): Size {
    return Size.make(amount, PEBIBYTES);
  }

  /**
   * Parse `"500GiB"`, `"1.5 TB"`, `"512B"` (units case-sensitive); rejects bit units (`"Gb"`),
   * unknown or missing units, signs, exponents, NaN and fractions of a byte.
   */
  public static parse(text: string): Size {
    requireText(text, PARSE_ALLOWED);
    const token = scanQuantity(text, LABELS);
    if (!token) reject(text, PARSE_ALLOWED);
    return new Size(token.amount, SIZE_UNITS.find((u) => u.label === token.label)!, text);
  }

  /** A Size as is, or parsed text; rejects numbers, objects and undefined (units would be a guess). */
  public static of(value: SizeLike): Size {
    if (value instanceof Size) return value;
    if (typeof value === 'string') return Size.parse(value);
    return reject(value, `a Size or ${PARSE_ALLOWED}`);
  }

  /**
   * Render a plain byte count like `toHuman` (`"1.25 GiB"`), or in decimal units (`"1.34 GB"`);
   * `Infinity` gives `"unbounded"`; rejects NaN and negatives.
   */
  public static formatBytes(bytes: number, family: UnitFamily = 'binary'): string {
    const value = requireDisplayable(bytes, 'bytes');
    return formatScaled(value, family === 'decimal' ? DECIMAL_ASCENDING : BINARY_ASCENDING, (x) => Math.round(x * 100) / 100);
  }

  private static make(amount: number, unit: QuantityUnit): Size {
    return new Size(requireAmount(amount, unit.name), unit, amount);
  }

  private readonly amount: number;
  private readonly unit: QuantityUnit;
  private readonly byteCount: number;

  private constructor(amount: number, unit: QuantityUnit, given: unknown) {
    const raw = amount * unit.factor;
    const bytes = snap(raw);
    if (!Number.isInteger(bytes)) {
      const detail = unit === BYTES ? '' : ` (${plainNumber(amount)} ${unit.name} is ${plainNumber(raw)} bytes)`;
      reject(given, `a whole number of bytes${detail}, e.g. "512B" or "0.5KiB"`);
    }
    if (bytes > Number.MAX_SAFE_INTEGER) {
      reject(given, `a size of at most ${Number.MAX_SAFE_INTEGER} bytes (about 8 PiB)`);
    }
    this.amount = amount;
    this.unit = unit;
    this.byteCount = bytes;
  }

  /** The exact number of bytes (always whole). */
  public toBytes(): number {
    return this.byteCount;
  }

  /** In kilobytes (1000 B); rejects a fractional result unless `rounding` says otherwise. */
  public toKilobytes(options?: SizeConversionOptions): number {
    return this.convert(KILOBYTES, options);
  }

  /** In megabytes (1000^2 B); rejects a fractional result unless `rounding` says otherwise. */
  public toMegabytes(options?: SizeConversionOptions): number {
    return this.convert(MEGABYTES, options);
  }

  /** In gigabytes (1000^3 B); rejects a fractional result unless `rounding` says otherwise. */
  public toGigabytes(options?: SizeConversionOptions): number {
    return this.convert(GIGABYTES, options);
  }

  /** In terabytes (1000^4 B); rejects a fractional result unless `rounding` says otherwise. */
  public toTerabytes(options?: SizeConversionOptions): number {
    return this.convert(TERABYTES, options);
  }

  /** In kibibytes (1024 B); rejects a fractional result unless `rounding` says otherwise. */
  public toKibibytes(options?: SizeConversionOptions): number {
    return this.convert(KIBIBYTES, options);
  }

  /** In mebibytes (1024^2 B); rejects a fractional result unless `rounding` says otherwise. */
  public toMebibytes(options?: SizeConversionOptions): number {
    return this.convert(MEBIBYTES, options);
  }

  /** In gibibytes (1024^3 B); rejects a fractional result unless `rounding` says otherwise. */
  public toGibibytes(options?: SizeConversionOptions): number {
    return this.convert(GIBIBYTES, options);
  }

  /** In tebibytes (1024^4 B); rejects a fractional result unless `rounding` says otherwise. */
  public toTebibytes(options?: SizeConversionOptions): number {
    return this.convert(TEBIBYTES, options);
  }

  /** The sum; rejects a non-Size argument and a total above Number.MAX_SAFE_INTEGER bytes. */
  public plus(other: SizeLike): Size {
    const that = Size.of(other);
    if (that.unit === this.unit) return new Size(this.amount + that.amount, this.unit, other);
    return new Size(this.byteCount + that.byteCount, BYTES, other);
  }

  /** -1, 0 or 1 as this is smaller than, equal to or larger than `other`. */
  public compareTo(other: SizeLike): -1 | 0 | 1 {
    return compareAmounts(this.byteCount, Size.of(other).byteCount);
  }

  /** Whether this is zero bytes. */
  public isZero(): boolean {
    return this.byteCount === 0;
  }

  /**
   * Canonical text that `parse` reads back exactly: the largest unit of the family it was built
   * in (binary for KiB..PiB, decimal otherwise) in which the count is whole, e.g. `"500GiB"`.
   */
  public toString(): string {
    if (this.byteCount === 0) return '0B';
    const family = BINARY_DESCENDING.includes(this.unit) ? BINARY_DESCENDING : DECIMAL_DESCENDING;
    const unit = family.find((u) => this.byteCount % u.factor === 0) ?? BYTES;
    return `${this.byteCount / unit.factor}${unit.label}`;
  }

  /** Text for reports in the unit family it was given in, with at most 2 decimals: `"1.25 GiB"`, `"512 B"`. */
  public toHuman(): string {
    return Size.formatBytes(this.byteCount, this.unitFamily());
  }

  /** The family of the unit it was given in: decimal for KB..PB, binary for KiB..PiB and for bytes. */
  public unitFamily(): UnitFamily {
    return DECIMAL_DESCENDING.includes(this.unit) ? 'decimal' : 'binary';
  }

  private convert(target: QuantityUnit, options: SizeConversionOptions | undefined): number {
    const rounding = readOption<SizeRounding>(options, 'rounding', ['fail', 'floor', 'none'], 'fail');
    const raw = target === this.unit ? this.amount : this.byteCount / target.factor;
    // Snap first, so noise like 2.9999999999999996 floors to 3, not 2.
    const snapped = snap(raw);
    if (Number.isInteger(snapped)) return snapped;
    if (rounding === 'floor') return Math.floor(snapped);
    if (rounding === 'none') return raw;
    return reject(
      this.toString(),
      `a size that is a whole number of ${target.name}; pass { rounding: 'floor' } or { rounding: 'none' } ` +
        `to get ${plainNumber(raw)}`,
    );
  }
}
