import { constants as bufferConstants } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseCsv } from 'papaparse';
import { SanDrError } from '../errors';
import type { ChangeKind, ChangeProfileDecl } from '../model/design';
import { DataRate, DataRateLike } from './data-rate';
import { Duration } from './duration';
import { SIZE_UNITS } from './size';

export type { ChangeKind } from '../model/design';

const DAY_SECONDS = 86_400;

/**
 * Rows a series may hold unless `maxRows` says otherwise: three weeks at one second. Each row
 * costs about 40 bytes once loaded and analysed (the rate, and the compensated prefix sums of
 * two periods), so the default keeps one series under 100 MB; the CSV text, read whole, adds
 * some 20 bytes a row while it loads.
 */
export const DEFAULT_MAX_ROWS = 2_000_000;

/** Options every profile factory takes. */
export interface ChangeRateOptions {
  /**
   * What the rates count. `host-writes`: bytes the hosts write (iostat, sar, array write
   * statistics); with a volume's `writeSize` and a link's `grain` the analysis bounds the
   * changed data by writes x grain. `changed`: changed data as the array ships it.
   * @default 'changed'
   */
  readonly kind?: ChangeKind;
}

/** One measured row: the bytes written in the step that starts (or, with `timestamps: 'end'`, ends) at `time`. */
export interface ChangeSampleBytes {
  /** Start of the step (its end with `timestamps: 'end'`): seconds since 1970 (UTC), a Date, or ISO 8601 text such as "2026-11-02T02:00:00Z". */
  readonly time: number | Date | string;
  /** Bytes written in the step (a number >= 0). */
  readonly bytes: number;
}

/** One measured row: the rate during the step that starts (or, with `timestamps: 'end'`, ends) at `time`. */
export interface ChangeSampleRate {
  /** Start of the step (its end with `timestamps: 'end'`): seconds since 1970 (UTC), a Date, or ISO 8601 text. */
  readonly time: number | Date | string;
  /** Rate during the step. */
  readonly rate: DataRateLike;
}

export type ChangeSample = ChangeSampleBytes | ChangeSampleRate;

/** What a sample's time marks: the start of its step, or its end. */
export type SampleTimestamps = 'start' | 'end';

export interface ChangeRateSamplesOptions extends ChangeRateOptions {
  /**
   * Most rows accepted; more is refused before the analysis allocates for them.
   * @default 2,000,000 (DEFAULT_MAX_ROWS: three weeks at one-second steps, under 100 MB)
   */
  readonly maxRows?: number;
  /**
   * What each row's time marks. `start`: the step begins then. `end`: the step ends then, as sar,
   * iostat's timed reports and most arrays' interval statistics stamp a sample when its interval
   * closes (a 5-minute row stamped 02:00 holds 01:55-02:00). Read as `start`, such a series puts
   * every window one step late, and lines up wrongly with a series stamped the other way.
   * @default 'start'
   */
  readonly timestamps?: SampleTimestamps;
}

export interface ChangeRateCsvOptions extends ChangeRateSamplesOptions {
  /** Header of the column with each row's time (seconds since 1970, or ISO 8601). */
  readonly timeColumn: string;
  /** Header of the column with each row's amount. */
  readonly valueColumn: string;
  /**
   * Unit of the value column: a size unit ("B", "KiB", "MB", ...) when each row holds the bytes
   * written in its step, or a rate unit ("KiB/s", "MB/s", "Mbps", ...) when it holds a rate.
   */
  readonly unit: string;
  /** @default ',' */
  readonly delimiter?: string;
}

/** What a profile's steps add up to, for reports and tests. */
export interface ChangeRateSummary {
  readonly shape: 'daily' | 'measured';
  readonly kind: ChangeKind;
  readonly stepSeconds: number;
  readonly steps: number;
  readonly averageBytesPerSecond: number;
  readonly peakBytesPerSecond: number;
}

/**
 * A change rate that varies over time, as storage teams measure it: a repeating day of
 * piecewise-constant rates, or a measured series. Immutable; built only through the factories,
 * which validate everything (a CSV is read once, here, not at synthesis).
 *
 * Pass it as a volume's `changeRate`. The analysis finds the busiest window of each schedule's
 * interval in it, so users give what monitoring shows rather than a hand-computed average.
 */
export class ChangeRate {
  /**
   * A repeating day: `rates[i]` holds from i x (1 day / rates.length) on. 24 hourly values, 96
   * quarter-hours, or any number of equal whole-second steps that divides the day.
   */
  public static daily(rates: readonly DataRateLike[], options?: ChangeRateOptions): ChangeRate {
    const kind = kindOption(options);
    if (!Array.isArray(rates) || rates.length === 0 || DAY_SECONDS % rates.length !== 0) {
      throw new SanDrError({
        propPath: 'rates',
        value: rates,
        allowed: 'an array of data rates whose length divides a day into whole seconds (24 hourly values, 96 quarter-hours, 1440 minutes, ...)',
      });
    }
    const values = new Float64Array(rates.length);
    rates.forEach((rate, index) => {
      values[index] = rateAt(rate, `rates[${index}]`);
    });
    return new ChangeRate(
      { shape: 'daily', stepSeconds: DAY_SECONDS / rates.length, bytesPerSecond: values, startEpochSeconds: null, source: null },
      kind,
    );
  }

  /**
   * A measured series at a fixed step, each row `{ time, bytes }` (bytes written in the step) or
   * `{ time, rate }`. Times rise by one step each row, the step divides the day, and the
   * series covers at least one day.
   */
  public static fromSamples(samples: readonly ChangeSample[], options?: ChangeRateSamplesOptions): ChangeRate {
    const kind = kindOption(options);
    const maxRows = maxRowsOption(options);
    if (!Array.isArray(samples)) {
      throw new SanDrError({ propPath: 'samples', value: samples, allowed: 'an array of { time, bytes } or { time, rate } rows' });
    }
    const builder = new SeriesBuilder(maxRows, timestampsOption(options), (row, column, value, allowed) => {
      throw new SanDrError({ propPath: column ? `samples[${row}].${column}` : `samples[${row}]`, value, allowed });
    });
    samples.forEach((sample, index) => {
      if (sample === null || typeof sample !== 'object') {
        throw new SanDrError({ propPath: `samples[${index}]`, value: sample, allowed: 'a { time, bytes } or { time, rate } row' });
      }
      const time = sampleTime(sample.time, `samples[${index}].time`);
      if ('bytes' in sample && !('rate' in sample)) {
        builder.add(index, time, sample.bytes, true, 'bytes');
      } else if ('rate' in sample && !('bytes' in sample)) {
        builder.add(index, time, rateAt(sample.rate, `samples[${index}].rate`), false, 'rate');
      } else {
        throw new SanDrError({ propPath: `samples[${index}]`, value: sample, allowed: 'a row with exactly one of bytes or rate' });
      }
    });
    return new ChangeRate(builder.finish(null), kind);
  }

  /**
   * A measured series read from a CSV export (array write statistics, iostat or sar turned into
   * CSV): one header row, then one row per step. Read once, now, with Papa Parse; blank lines are
   * skipped and quoted fields may hold delimiters and line breaks. Errors name the file, the
   * physical line and the column.
   *
   * Limits: at most `maxRows` rows (default DEFAULT_MAX_ROWS, 2,000,000: about 80 MB once
   * analysed), and a file Node can hold as one string (buffer.constants.MAX_STRING_LENGTH, about
   * 512 MiB on 64-bit Node 20; a one-second row takes some 20 bytes, so the row limit comes first).
   * How long a week of one-second rows takes: `npm run bench -- --series`.
   */
  public static fromCsv(path: string, options: ChangeRateCsvOptions): ChangeRate {
    if (typeof path !== 'string' || path === '') {
      throw new SanDrError({ propPath: 'path', value: path, allowed: 'the path of a CSV file' });
    }
    if (options === null || typeof options !== 'object') {
      throw new SanDrError({ propPath: 'options', value: options, allowed: 'an options object { timeColumn, valueColumn, unit }' });
    }
    for (const key of ['timeColumn', 'valueColumn', 'unit'] as const) {
      if (typeof options[key] !== 'string' || options[key] === '') {
        throw new SanDrError({ propPath: `options.${key}`, value: options[key], allowed: 'a non-empty string' });
      }
    }
    const kind = kindOption(options);
    const maxRows = maxRowsOption(options);
    const file = basename(path);
    const valueUnit = csvUnit(options.unit, `${file}: option unit`);

    const delimiter = options.delimiter ?? ',';
    if (typeof delimiter !== 'string' || delimiter === '' || /["\r\n\uFEFF]/.test(delimiter)) {
      throw new SanDrError({ propPath: 'options.delimiter', value: delimiter, allowed: 'a non-empty string without quotes or line breaks, such as "," or ";" or "\\t"' });
    }
    const text = readCsvText(path);
    const at = (line: number, column?: { name: string; index: number }) =>
      `${file} line ${line}${column ? `, column ${column.index + 1} "${column.name}"` : ''}`;
    // Rows are located by the offset where they start; the line is counted only for an error.
    let linebreak = '\n';
    const lineAt = (offset: number) => lineOfOffset(text, offset, linebreak);

    let header: string[] | undefined;
    let timeColumn = { name: options.timeColumn, index: -1 };
    let valueColumn = { name: options.valueColumn, index: -1 };
    const builder = new SeriesBuilder(maxRows, timestampsOption(options), (offset, column, value, allowed) => {
      const columnRef = column === 'time' ? timeColumn : column ? valueColumn : undefined;
      throw new SanDrError({ propPath: at(lineAt(offset), columnRef), value, allowed });
    });
    const perRow = valueUnit.perRow;
    const factor = valueUnit.factor;
    let rowStart = 0;
    parseCsv<string[]>(text, {
      delimiter,
      skipEmptyLines: true,
      // Papa Parse's fast mode splits the whole text into lines before it starts, which on a
      // week of one-second rows costs more than the parse; the quote-aware scan streams.
      fastMode: false,
      step({ data: record, errors, meta }) {
        const offset = rowStart;
        rowStart = meta.cursor;
        if (errors.length > 0) {
          linebreak = meta.linebreak;
          throw new SanDrError({
            propPath: at(lineAt(offset)),
            value: 'malformed CSV',
            allowed: `well-formed CSV (${errors[0].message})`,
          });
        }
        if (header === undefined) {
          linebreak = meta.linebreak;
          const names = record.map((name) => name.trim());
          header = names;
          timeColumn = { name: options.timeColumn, index: names.indexOf(options.timeColumn) };
          valueColumn = { name: options.valueColumn, index: names.indexOf(options.valueColumn) };
          const missing = timeColumn.index < 0 ? options.timeColumn : valueColumn.index < 0 ? options.valueColumn : undefined;
          if (missing !== undefined) {
            throw new SanDrError({
              propPath: at(lineAt(offset)),
              value: names.join(delimiter),
              allowed: `a header row with a column "${missing}" (columns found: ${names.map((c) => `"${c}"`).join(', ')})`,
            });
          }
          return;
        }
        if (record.length !== header.length) {
          throw new SanDrError({
            propPath: at(lineAt(offset)),
            value: `${record.length} field(s)`,
            allowed: `well-formed CSV (every row has the header's ${header.length} fields)`,
          });
        }
        // No closure or object per row: the error is built only when a field is bad.
        const timeText = record[timeColumn.index].trim();
        const time = csvTime(timeText);
        if (!Number.isFinite(time)) throw badCsvTime(at(lineAt(offset), timeColumn), timeText);
        const amountText = record[valueColumn.index].trim();
        const amount = csvNumber(amountText);
        if (!Number.isFinite(amount)) throw badCsvNumber(at(lineAt(offset), valueColumn), amountText);
        builder.add(offset, time, amount * factor, perRow, 'value');
      },
    });
    if (header === undefined) {
      throw new SanDrError({ propPath: `${file} line 1`, value: 'an empty file', allowed: `a header row with columns "${options.timeColumn}" and "${options.valueColumn}"` });
    }
    return new ChangeRate(builder.finish(file), kind);
  }

  /** @internal the profile as the analysis reads it. */
  public readonly _profile: ChangeProfileDecl;
  /** What the rates count. */
  public readonly kind: ChangeKind;
  private readonly average: number;
  private readonly peak: number;

  private constructor(profile: ChangeProfileDecl, kind: ChangeKind) {
    this._profile = profile;
    this.kind = kind;
    let sum = 0;
    let peak = 0;
    const rates = profile.bytesPerSecond;
    for (let i = 0; i < rates.length; i++) {
      sum += rates[i];
      if (rates[i] > peak) peak = rates[i];
    }
    this.average = sum / profile.bytesPerSecond.length;
    this.peak = peak;
  }

  /** Mean rate over the whole profile, bytes per second. */
  public averageBytesPerSecond(): number {
    return this.average;
  }

  /** Rate of the busiest step, bytes per second: what synchronous mirroring must carry. */
  public peakBytesPerSecond(): number {
    return this.peak;
  }

  public summary(): ChangeRateSummary {
    return {
      shape: this._profile.shape,
      kind: this.kind,
      stepSeconds: this._profile.stepSeconds,
      steps: this._profile.bytesPerSecond.length,
      averageBytesPerSecond: this.average,
      peakBytesPerSecond: this.peak,
    };
  }

  /** `"daily profile, 24 steps of 1h, mean 1.2 MB/s, peak 4 MB/s"` */
  public toString(): string {
    const p = this._profile;
    const what = p.shape === 'daily' ? 'daily profile' : `measured series${p.source ? ` from ${p.source}` : ''}`;
    return (
      `${what}, ${p.bytesPerSecond.length} steps of ${Duration.formatSeconds(p.stepSeconds)}, ` +
      `mean ${DataRate.formatBytesPerSecond(this.average)}, peak ${DataRate.formatBytesPerSecond(this.peak)}` +
      (this.kind === 'host-writes' ? ' (host writes)' : '')
    );
  }
}

type Reject = (row: number, column: 'time' | 'value' | 'bytes' | 'rate' | undefined, value: unknown, allowed: string) => never;

/**
 * Collects rows into rates, checking as they come: times rise by exactly one step (the first
 * two rows set it), amounts are finite and >= 0, and no more than `maxRows` arrive.
 */
class SeriesBuilder {
  private rates = new Float64Array(1024);
  private count = 0;
  private start = 0;
  private previous = 0;
  private step = 0;
  private lastRow = 0;
  /** Rows give bytes per step (divided by the step at the end) rather than rates. */
  private perRow: boolean | undefined;

  public constructor(
    private readonly maxRows: number,
    private readonly timestamps: SampleTimestamps,
    private readonly reject: Reject,
  ) {}

  /**
   * One row: `amount` is the bytes written in the step (`perRow`) or the rate during it. `row`
   * locates the row for an error (an index, or where a CSV row starts); it is not interpreted.
   */
  public add(row: number, time: number, amount: number, perRow: boolean, column: 'value' | 'bytes' | 'rate'): void {
    if (this.count >= this.maxRows) {
      this.reject(row, undefined, `row ${this.count + 1}`, `at most ${this.maxRows} rows (option maxRows; at about 40 bytes a row once analysed, the default ${DEFAULT_MAX_ROWS} keeps a series under 100 MB)`);
    }
    if (this.count === 0) {
      this.start = time;
    } else {
      const step = time - this.previous;
      if (step <= 0) {
        this.reject(row, 'time', time, `a time after the previous row's ${formatTime(this.previous)} (${step === 0 ? 'duplicate' : 'out of order'}; rows must be sorted by time)`);
      }
      if (this.count === 1) {
        if (!Number.isInteger(step) || DAY_SECONDS % step !== 0) {
          this.reject(row, 'time', formatTime(time), `a step (here ${step} s after the first row) of whole seconds that divides the day (1 s, 5 s, 1 min, 15 min, 1 h, ...)`);
        }
        this.step = step;
      } else if (step !== this.step) {
        this.reject(
          row,
          'time',
          formatTime(time),
          step > this.step
            ? `${formatTime(this.previous + this.step)}: one step of ${this.step} s after the previous row (a gap of ${step - this.step} s; fill missing samples, do not skip them)`
            : `${formatTime(this.previous + this.step)}: one step of ${this.step} s after the previous row`,
        );
      }
    }
    if (this.perRow !== undefined && perRow !== this.perRow) {
      this.reject(row, undefined, perRow ? 'bytes' : 'rate', `every row in the same form as the first (${this.perRow ? 'bytes' : 'rate'})`);
    }
    this.perRow = perRow;
    // Bytes per step are stored as they come and divided once the step is known (second row on).
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      this.reject(row, column === 'value' ? 'value' : column, amount, perRow ? 'a finite number of bytes >= 0' : 'a finite rate >= 0');
    }
    if (this.count === this.rates.length) {
      const grown = new Float64Array(Math.min(this.maxRows, this.rates.length * 2));
      grown.set(this.rates);
      this.rates = grown;
    }
    this.rates[this.count++] = amount;
    this.previous = time;
    this.lastRow = row;
  }

  public finish(source: string | null): ChangeProfileDecl {
    const span = this.count * this.step;
    if (this.count < 2 || span < DAY_SECONDS) {
      this.reject(
        this.lastRow,
        undefined,
        `${this.count} row(s)${this.count >= 2 ? ` covering ${Duration.formatSeconds(span)}` : ''}`,
        'at least one day of samples (a daily load has a night batch and a business-hours plateau; less than a day misses one of them)',
      );
    }
    const rates = this.rates.slice(0, this.count);
    if (this.perRow) for (let i = 0; i < rates.length; i++) rates[i] /= this.step;
    // The profile's time base is where its first step starts, however the export stamped it.
    const start = this.timestamps === 'end' ? this.start - this.step : this.start;
    return { shape: 'measured', stepSeconds: this.step, bytesPerSecond: rates, startEpochSeconds: start, source };
  }
}

/**
 * The text of a CSV file, read whole (the parse and the line numbers of errors need it all). A
 * file larger than Node's longest string cannot be read so; at about 19 bytes a one-second row
 * that is some 28 million rows, far past `maxRows`, so the row limit is the one that matters.
 */
function readCsvText(path: string): string {
  const unreadable = (error: unknown) =>
    new SanDrError({ propPath: 'path', value: path, allowed: `a readable CSV file (${(error as Error).message})` });
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw unreadable(error);
  }
  if (size > bufferConstants.MAX_STRING_LENGTH) {
    throw new SanDrError({
      propPath: 'path',
      value: `${path} (${size} bytes)`,
      allowed: `a CSV file of at most ${bufferConstants.MAX_STRING_LENGTH} bytes (the longest string Node holds; split the export or use a coarser step)`,
    });
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(error);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line of the row that starts at or after `offset`, past the blank lines the parser skips. */
function lineOfOffset(text: string, offset: number, linebreak: string): number {
  let line = 1;
  for (let at = text.indexOf(linebreak); at >= 0 && at < offset; at = text.indexOf(linebreak, at + linebreak.length)) line++;
  while (text.startsWith(linebreak, offset)) {
    offset += linebreak.length;
    line++;
  }
  return line;
}

function kindOption(options: ChangeRateOptions | undefined): ChangeKind {
  const kind = options?.kind ?? 'changed';
  if (kind !== 'changed' && kind !== 'host-writes') {
    throw new SanDrError({ propPath: 'options.kind', value: kind, allowed: 'one of "changed", "host-writes"' });
  }
  return kind;
}

function timestampsOption(options: ChangeRateSamplesOptions | undefined): SampleTimestamps {
  const timestamps = options?.timestamps ?? 'start';
  if (timestamps !== 'start' && timestamps !== 'end') {
    throw new SanDrError({ propPath: 'options.timestamps', value: timestamps, allowed: 'one of "start" (a row\'s time starts its step), "end" (it ends it: sar, iostat, array interval statistics)' });
  }
  return timestamps;
}

function maxRowsOption(options: ChangeRateSamplesOptions | undefined): number {
  const maxRows = options?.maxRows ?? DEFAULT_MAX_ROWS;
  if (!Number.isSafeInteger(maxRows) || maxRows < 2) {
    throw new SanDrError({ propPath: 'options.maxRows', value: maxRows, allowed: 'a whole number of rows, at least 2' });
  }
  return maxRows;
}

function rateAt(value: unknown, propPath: string): number {
  try {
    return DataRate.of(value as DataRateLike).toBytesPerSecond();
  } catch (error) {
    if (!(error instanceof SanDrError)) throw error;
    throw new SanDrError({ propPath, value, allowed: error.allowed });
  }
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const EPOCH = /^\d+(?:\.\d+)?$/;
const TIME_ALLOWED =
  'a time: seconds since 1970, or ISO 8601 such as "2026-11-02T02:00:00Z" (no zone: read as UTC)';

/** Seconds since 1970 from ISO 8601 text, or NaN. A time without a zone is read as UTC, never as the machine's zone. */
function isoSeconds(text: string): number {
  const m = ISO_TIME.exec(text);
  if (!m) return NaN;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCDate() !== day) return NaN; // 31 April and the like
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
  }
  return ms / 1000 + (m[7] ? Number(m[7]) : 0) - offset;
}

function sampleTime(value: unknown, propPath: string): number {
  let seconds = NaN;
  if (typeof value === 'number') seconds = value;
  else if (value instanceof Date) seconds = value.getTime() / 1000;
  else if (typeof value === 'string') seconds = EPOCH.test(value) ? Number(value) : isoSeconds(value);
  if (!Number.isFinite(seconds)) throw new SanDrError({ propPath, value, allowed: TIME_ALLOWED });
  return seconds;
}

/** Seconds since 1970 from a CSV field, or NaN. */
function csvTime(text: string): number {
  return EPOCH.test(text) ? Number(text) : isoSeconds(text);
}

function badCsvTime(where: string, text: string): SanDrError {
  return new SanDrError({ propPath: where, value: text, allowed: TIME_ALLOWED });
}

const NUMBER = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A non-negative amount from a CSV field, or NaN. */
function csvNumber(text: string): number {
  return NUMBER.test(text) ? Number(text) : NaN;
}

function badCsvNumber(where: string, text: string): SanDrError {
  const negative = /^-\s*\d/.test(text);
  return new SanDrError({
    propPath: where,
    value: text,
    allowed: negative ? 'an amount >= 0 (a volume cannot un-write data)' : 'a number such as 1048576 or 12.5',
  });
}

/** A CSV's unit: bytes per row (a size unit) or a rate (bytes per second per unit of the value). */
function csvUnit(unit: string, where: string): { perRow: boolean; factor: number } {
  const size = SIZE_UNITS.find((u) => u.label === unit);
  if (size) return { perRow: true, factor: size.factor };
  try {
    return { perRow: false, factor: DataRate.parse(`1${unit}`).toBytesPerSecond() };
  } catch {
    throw new SanDrError({
      propPath: where,
      value: unit,
      allowed:
        `a size unit for bytes per row (${SIZE_UNITS.map((u) => u.label).join(', ')}) or a rate unit such as ` +
        '"KiB/s", "MB/s", "GiB/h" or "Mbps"',
    });
  }
}

function formatTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().replace('.000Z', 'Z');
}
