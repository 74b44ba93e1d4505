import { Duration, DurationLike } from './duration';
import {
  QuantityUnit,
  compareAmounts,
  formatScaled,
  plainNumber,
  reject,
  requireAmount,
  requireDisplayable,
  requireText,
  scanQuantity,
} from './quantity';
import { SIZE_UNITS, Size, SizeLike, type UnitFamily } from './size';

/** A DataRate, or text that `DataRate.parse` accepts. */
export type DataRateLike = DataRate | string;

function unit(label: string, factor: number, name: string): QuantityUnit {
  return { label, factor, name };
}

const BPS = unit('bps', 1, 'bits per second');
const KBPS = unit('kbps', 1e3, 'kilobits per second');
const MBPS = unit('Mbps', 1e6, 'megabits per second');
const GBPS = unit('Gbps', 1e9, 'gigabits per second');
const TBPS = unit('Tbps', 1e12, 'terabits per second');

/** Bit-rate spellings: link speeds are quoted both as `Mbps` and `Mb/s`, and `kbps` as `Kbps`. */
const BIT_UNITS: readonly QuantityUnit[] = [
  BPS,
  KBPS,
  MBPS,
  GBPS,
  TBPS,
  unit('Kbps', 1e3, 'kilobits per second'),
  unit('b/s', 1, 'bits per second'),
  unit('kb/s', 1e3, 'kilobits per second'),
  unit('Kb/s', 1e3, 'kilobits per second'),
  unit('Mb/s', 1e6, 'megabits per second'),
  unit('Gb/s', 1e9, 'gigabits per second'),
  unit('Tb/s', 1e12, 'terabits per second'),
];

/** Capital B = bytes, the `MBps` spelling some storage vendors use. */
const BYTE_PS_UNITS: readonly QuantityUnit[] = [
  unit('Bps', 8, 'bytes per second'),
  unit('KBps', 8e3, 'kilobytes per second'),
  unit('MBps', 8e6, 'megabytes per second'),
  unit('GBps', 8e9, 'gigabytes per second'),
  unit('TBps', 8e12, 'terabytes per second'),
];

const TIME_UNITS: readonly { readonly label: string; readonly seconds: number; readonly name: string }[] = [
  { label: 's', seconds: 1, name: 'second' },
  { label: 'm', seconds: 60, name: 'minute' },
  { label: 'min', seconds: 60, name: 'minute' },
  { label: 'h', seconds: 3600, name: 'hour' },
  { label: 'd', seconds: 86400, name: 'day' },
];

/** `<size unit>/<time unit>`: replication budgets are usually "so many GiB per hour". */
const SIZE_PER_TIME_UNITS: readonly QuantityUnit[] = SIZE_UNITS.flatMap((size) =>
  TIME_UNITS.map((time) =>
    unit(`${size.label}/${time.label}`, (size.factor * 8) / time.seconds, `${size.name} per ${time.name}`),
  ),
);

const ALL_UNITS: readonly QuantityUnit[] = [...BIT_UNITS, ...BYTE_PS_UNITS, ...SIZE_PER_TIME_UNITS];
const LABELS = ALL_UNITS.map((u) => u.label);

function unitFor(label: string): QuantityUnit {
  return ALL_UNITS.find((u) => u.label === label)!;
}

const BYTES_PER_SECOND = unitFor('B/s');
const KILOBYTES_PER_SECOND = unitFor('KB/s');
const MEGABYTES_PER_SECOND = unitFor('MB/s');
const GIGABYTES_PER_SECOND = unitFor('GB/s');
const MEBIBYTES_PER_SECOND = unitFor('MiB/s');

/** Display scales, ascending. Byte rates are shown in decimal units, like link speeds. */
const BIT_DISPLAY: readonly QuantityUnit[] = [BPS, KBPS, MBPS, GBPS, TBPS];
const BYTE_DISPLAY: readonly QuantityUnit[] = [
  unit('B/s', 1, ''),
  unit('KB/s', 1e3, ''),
  unit('MB/s', 1e6, ''),
  unit('GB/s', 1e9, ''),
  unit('TB/s', 1e12, ''),
];
const BINARY_BYTE_DISPLAY: readonly QuantityUnit[] = [
  unit('B/s', 1, ''),
  unit('KiB/s', 2 ** 10, ''),
  unit('MiB/s', 2 ** 20, ''),
  unit('GiB/s', 2 ** 30, ''),
  unit('TiB/s', 2 ** 40, ''),
];

const PARSE_ALLOWED =
  'a data rate such as "622Mbps", "1.5Gb/s", "64kbps", "20GiB/h", "5MB/s" or "100GB/d" ' +
  '(bit rates: bps, kbps, Mbps, Gbps, Tbps or b/s, Mb/s, ...; byte rates: a size unit B, KB, MB, GB, TB, PB, ' +
  'KiB, MiB, GiB, TiB, PiB followed by /s, /m, /min, /h or /d, or Bps, KBps, MBps, GBps, TBps)';

/** Three significant digits: enough to tell 622 Mbps from 1 Gbps, no false precision. */
function threeSignificant(x: number): number {
  return Number(x.toPrecision(3));
}

/**
 * An immutable, non-negative data rate, stored in bits per second as floats (rates come from
 * divisions, so whole numbers are not expected), but kept as the amount and unit it was given
 * so `toString` can say `"20GiB/h"` rather than a long decimal.
 */
export class DataRate {
  /** `amount` bits per second; rejects anything but a finite number >= 0. */
  public static bitsPerSecond(amount: number): DataRate {
    return DataRate.make(amount, BPS);
  }

  /** `amount` kilobits (1000 bits) per second; rejects anything but a finite number >= 0. */
  public static kilobitsPerSecond(amount: number): DataRate {
    return DataRate.make(amount, KBPS);
  }

  /** `amount` megabits (10^6 bits) per second; rejects anything but a finite number >= 0. */
  public static megabitsPerSecond(amount: number): DataRate {
    return DataRate.make(amount, MBPS);
  }

  /** `amount` gigabits (10^9 bits) per second; rejects anything but a finite number >= 0. */
  public static gigabitsPerSecond(amount: number): DataRate {
    return DataRate.make(amount, GBPS);
  }

  /** `amount` bytes per second; rejects anything but a finite number >= 0. */
  public static bytesPerSecond(amount: number): DataRate {
    return DataRate.make(amount, BYTES_PER_SECOND);
  }

  /** `amount` kilobytes (1000 B) per second; rejects anything but a finite number >= 0. */
  public static kilobytesPerSecond(amount: number): DataRate {
    return DataRate.make(amount, KILOBYTES_PER_SECOND);
  }

  /** `amount` megabytes (10^6 B) per second; rejects anything but a finite number >= 0. */
  public static megabytesPerSecond(amount: number): DataRate {
    return DataRate.make(amount, MEGABYTES_PER_SECOND);
  }

  /** `amount` gigabytes (10^9 B) per second; rejects anything but a finite number >= 0. */
  public static gigabytesPerSecond(amount: number): DataRate {
    return DataRate.make(amount, GIGABYTES_PER_SECOND);
  }

  /** `amount` mebibytes (2^20 B) per second; rejects anything but a finite number >= 0. */
  public static mebibytesPerSecond(amount: number): DataRate {
    return DataRate.make(amount, MEBIBYTES_PER_SECOND);
  }

  /**
   * `size` transferred every `duration`, e.g. 20 GiB per hour; rejects a zero duration
   * (no finite rate) and arguments that are not a Size/Duration or their text.
   */
  public static per(size: SizeLike, duration: DurationLike): DataRate {
    const amount = Size.of(size);
    const period = Duration.of(duration);
    if (period.isZero()) reject(duration, 'a duration longer than zero to divide the size by');
    // When the period is exactly one unit of time, keep the size's own unit ("20GiB/h").
    const sizeToken = scanQuantity(amount.toString(), SIZE_UNITS.map((u) => u.label))!;
    const one = TIME_UNITS.filter((t) => t.label !== 'm').find((t) => period.compareTo(Duration.seconds(t.seconds)) === 0);
    if (one) return new DataRate(sizeToken.amount, unitFor(`${sizeToken.label}/${one.label}`), duration);
    const seconds = period.toSeconds({ integral: false });
    return new DataRate((amount.toBytes() * 8) / seconds, BPS, duration);
  }

  /**
   * Parse bit rates (`"622Mbps"`, `"1.5Gb/s"`, `"64kbps"`) or byte rates (`"20GiB/h"`,
   * `"5MB/s"`, `"500MiB/min"`, `"100MBps"`); rejects unknown or missing units, signs, NaN.
   */
  public static parse(text: string): DataRate {
    requireText(text, PARSE_ALLOWED);
    const token = scanQuantity(text, LABELS);
    if (!token) reject(text, PARSE_ALLOWED);
    return new DataRate(token.amount, unitFor(token.label), text);
  }

  /** A DataRate as is, or parsed text; rejects numbers, objects and undefined (units would be a guess). */
  public static of(value: DataRateLike): DataRate {
    if (value instanceof DataRate) return value;
    if (typeof value === 'string') return DataRate.parse(value);
    return reject(value, `a DataRate or ${PARSE_ALLOWED}`);
  }

  /** Render bits per second as a link speed (`"622 Mbps"`, `"1.2 Gbps"`); `Infinity` gives `"unbounded"`; rejects NaN and negatives. */
  public static formatBitsPerSecond(bitsPerSecond: number): string {
    return formatScaled(requireDisplayable(bitsPerSecond, 'bits per second'), BIT_DISPLAY, threeSignificant);
  }

  /**
   * Render bytes per second in decimal units (`"11.6 MB/s"`) or binary ones (`"583 KiB/s"`);
   * `Infinity` gives `"unbounded"`; rejects NaN and negatives.
   */
  public static formatBytesPerSecond(bytesPerSecond: number, family: UnitFamily = 'decimal'): string {
    const units = family === 'binary' ? BINARY_BYTE_DISPLAY : BYTE_DISPLAY;
    return formatScaled(requireDisplayable(bytesPerSecond, 'bytes per second'), units, threeSignificant);
  }

  private static make(amount: number, rateUnit: QuantityUnit): DataRate {
    return new DataRate(requireAmount(amount, rateUnit.name), rateUnit, amount);
  }

  private readonly amount: number;
  private readonly unit: QuantityUnit;
  private readonly bps: number;

  private constructor(amount: number, rateUnit: QuantityUnit, given: unknown) {
    const bps = amount * rateUnit.factor;
    if (!Number.isFinite(bps)) reject(given, 'a data rate small enough to count in bits per second');
    this.amount = amount;
    this.unit = rateUnit;
    this.bps = bps;
  }

  /** The rate in bits per second (a float, never rounded). */
  public toBitsPerSecond(): number {
    return this.bps;
  }

  /** The rate in bytes per second (a float, never rounded). */
  public toBytesPerSecond(): number {
    return this.bps / 8;
  }

  /** The rate in megabits per second (a float, never rounded). */
  public toMegabitsPerSecond(): number {
    return this.unit.factor === MBPS.factor ? this.amount : this.bps / MBPS.factor;
  }

  /** Whether nothing moves at this rate. */
  public isZero(): boolean {
    return this.bps === 0;
  }

  /** -1, 0 or 1 as this is slower than, equal to (within float noise) or faster than `other`. */
  public compareTo(other: DataRateLike): -1 | 0 | 1 {
    return compareAmounts(this.bps, DataRate.of(other).bps);
  }

  /** Canonical text in the unit it was built with, which `parse` reads back exactly: `"622Mbps"`, `"20GiB/h"`. */
  public toString(): string {
    return `${plainNumber(this.amount)}${this.unit.label}`;
  }

  /** Binary for a rate given in KiB..PiB per unit of time; decimal for all others (bit rates, KB/s, MBps, ...). */
  public unitFamily(): UnitFamily {
    return /^[KMGTP]iB\//.test(this.unit.label) ? 'binary' : 'decimal';
  }

  /** Text for reports as a link speed, 3 significant digits: `"622 Mbps"`, `"1.2 Gbps"`. */
  public toHuman(): string {
    return DataRate.formatBitsPerSecond(this.bps);
  }
}
