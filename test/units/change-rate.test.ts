import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChangeRate, SanDrError } from '../../lib';
import { busiestWindow } from '../../lib/analysis/change';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdr-change-rate-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function csv(name: string, lines: readonly string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** `count` hourly rows from 2026-11-02T00:00Z, each writing `bytes(i)`. */
function hourly(count: number, bytes: (i: number) => string = () => '3600'): string[] {
  const start = Date.UTC(2026, 10, 2) / 1000;
  return Array.from({ length: count }, (_, i) => `${new Date((start + i * 3600) * 1000).toISOString()},${bytes(i)}`);
}

const options = { timeColumn: 'time', valueColumn: 'written', unit: 'B' };

function errorOf(build: () => unknown): SanDrError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(SanDrError);
    return error as SanDrError;
  }
  throw new Error('expected a SanDrError');
}

describe('ChangeRate.daily', () => {
  test('24 hourly rates: mean and peak in bytes per second', () => {
    // 23 h at 3600 B/h (1 B/s) and one at 36,000 B/h (10 B/s): mean (23 + 10) / 24 = 1.375 B/s.
    const rate = ChangeRate.daily([...new Array(23).fill('3600B/h'), '36000B/h']);
    expect(rate.averageBytesPerSecond()).toBeCloseTo(1.375, 12);
    expect(rate.peakBytesPerSecond()).toBeCloseTo(10, 12);
    expect(rate.summary()).toMatchObject({ shape: 'daily', stepSeconds: 3600, steps: 24, kind: 'changed' });
  });

  test.each([
    ['7 values (a day is not 7 equal whole-second steps... it is: 12342.857 s)', 7],
    ['no values', 0],
  ])('refuses %s', (_what, count) => {
    const error = errorOf(() => ChangeRate.daily(new Array(count).fill('1MB/s')));
    expect(error.propPath).toBe('rates');
    expect(error.allowed).toContain('divides a day into whole seconds');
  });

  test('names the bad element', () => {
    const error = errorOf(() => ChangeRate.daily(['1MB/s', '-1MB/s']));
    expect(error.propPath).toBe('rates[1]');
  });

  test('refuses an unknown kind', () => {
    expect(errorOf(() => ChangeRate.daily(['1MB/s'], { kind: 'writes' as never })).propPath).toBe('options.kind');
  });
});

describe('ChangeRate.fromSamples', () => {
  const start = Date.UTC(2026, 10, 2) / 1000;

  test('{ time, bytes } rows at a fixed step become rates; times may be numbers, Dates or ISO text', () => {
    // 96 quarter-hours: 900 B each = 1 B/s, except the first, 9000 B = 10 B/s.
    const samples = Array.from({ length: 96 }, (_, i) => ({
      time: i % 3 === 0 ? start + i * 900 : i % 3 === 1 ? new Date((start + i * 900) * 1000) : new Date((start + i * 900) * 1000).toISOString(),
      bytes: i === 0 ? 9000 : 900,
    }));
    const rate = ChangeRate.fromSamples(samples, { kind: 'host-writes' });
    expect(rate.summary()).toMatchObject({ shape: 'measured', stepSeconds: 900, steps: 96, kind: 'host-writes' });
    expect(rate.peakBytesPerSecond()).toBe(10);
  });

  test('{ time, rate } rows', () => {
    const rate = ChangeRate.fromSamples(Array.from({ length: 24 }, (_, i) => ({ time: start + i * 3600, rate: '2MB/s' })));
    expect(rate.averageBytesPerSecond()).toBe(2e6);
  });

  test.each<[string, unknown[], string, string]>([
    ['less than a day', Array.from({ length: 23 }, (_, i) => ({ time: i * 3600, bytes: 1 })), 'samples[22]', 'at least one day'],
    ['a gap', [{ time: 0, bytes: 1 }, { time: 60, bytes: 1 }, { time: 180, bytes: 1 }], 'samples[2].time', 'a gap of 60 s'],
    ['a duplicate time', [{ time: 0, bytes: 1 }, { time: 60, bytes: 1 }, { time: 60, bytes: 1 }], 'samples[2].time', 'duplicate'],
    ['times out of order', [{ time: 60, bytes: 1 }, { time: 0, bytes: 1 }], 'samples[1].time', 'out of order'],
    ['a step that does not divide the day', [{ time: 0, bytes: 1 }, { time: 7, bytes: 1 }], 'samples[1].time', 'divides the day'],
    ['negative bytes', [{ time: 0, bytes: -1 }], 'samples[0].bytes', '>= 0'],
    ['both bytes and rate', [{ time: 0, bytes: 1, rate: '1MB/s' }], 'samples[0]', 'exactly one of bytes or rate'],
    ['a bad time', [{ time: 'yesterday', bytes: 1 }], 'samples[0].time', 'ISO 8601'],
    ['mixed forms', [{ time: 0, bytes: 1 }, { time: 60, rate: '1MB/s' }], 'samples[1]', 'same form as the first'],
  ])('refuses %s', (_what, samples, propPath, allowed) => {
    const error = errorOf(() => ChangeRate.fromSamples(samples as never));
    expect(error.propPath).toBe(propPath);
    expect(error.allowed).toContain(allowed);
  });

  test('refuses more rows than maxRows, saying where the limit is', () => {
    const samples = Array.from({ length: 5 }, (_, i) => ({ time: i * 3600, bytes: 1 }));
    const error = errorOf(() => ChangeRate.fromSamples(samples, { maxRows: 4 }));
    expect(error.propPath).toBe('samples[4]');
    expect(error.allowed).toContain('at most 4 rows (option maxRows');
  });
});

describe('ChangeRate.fromCsv', () => {
  test('reads a day of hourly bytes; a header in any column order, spaces and a BOM are fine', () => {
    const file = csv('day.csv', ['\uFEFFhost, written ,time', ...hourly(24, (i) => (i === 2 ? '36000' : '3600')).map((row) => `db1, ${row.split(',')[1]} ,${row.split(',')[0]}`)]);
    const rate = ChangeRate.fromCsv(file, { ...options, valueColumn: 'written' });
    // 23 h at 1 B/s and one at 10 B/s.
    expect(rate.averageBytesPerSecond()).toBeCloseTo(33 / 24, 12);
    expect(rate._profile).toMatchObject({ shape: 'measured', stepSeconds: 3600, source: 'day.csv', startEpochSeconds: Date.UTC(2026, 10, 2) / 1000 });
  });

  test('a rate unit: KiB/s', () => {
    const rate = ChangeRate.fromCsv(csv('kib.csv', ['time,written', ...hourly(24, () => '2')]), { ...options, unit: 'KiB/s' });
    expect(rate.averageBytesPerSecond()).toBe(2048);
  });

  test('times without a zone are UTC, and offsets are honoured', () => {
    const rows = hourly(24).map((row) => row.replace('Z', ''));
    expect(ChangeRate.fromCsv(csv('naive.csv', ['time,written', ...rows]), options)._profile.startEpochSeconds).toBe(Date.UTC(2026, 10, 2) / 1000);
    const offset = hourly(24).map((row) => row.replace('.000Z', '+01:00'));
    expect(ChangeRate.fromCsv(csv('offset.csv', ['time,written', ...offset]), options)._profile.startEpochSeconds).toBe(Date.UTC(2026, 10, 2) / 1000 - 3600);
  });

  test.each<[string, string[], Partial<typeof options>, string, string]>([
    ['a missing column', ['time,bytes', ...hourly(24)], {}, 'bad.csv line 1', 'a header row with a column "written" (columns found: "time", "bytes")'],
    ['a non-numeric value', ['time,written', ...hourly(24, (i) => (i === 4 ? 'n/a' : '1'))], {}, 'bad.csv line 6, column 2 "written"', 'a number'],
    ['a negative value', ['time,written', ...hourly(24, (i) => (i === 4 ? '-5' : '1'))], {}, 'bad.csv line 6, column 2 "written"', 'an amount >= 0'],
    ['a gap', ['time,written', ...hourly(26).filter((_, i) => i !== 10)], {}, 'bad.csv line 12, column 1 "time"', 'a gap of 3600 s'],
    ['a duplicate time', ['time,written', ...hourly(24).flatMap((row, i) => (i === 3 ? [row, row] : [row]))], {}, 'bad.csv line 6, column 1 "time"', 'duplicate'],
    ['unsorted times', ['time,written', ...[...hourly(24)].reverse()], {}, 'bad.csv line 3, column 1 "time"', 'out of order'],
    ['a step that does not divide the day', ['time,written', '0,1', '7,1', '14,1'], {}, 'bad.csv line 3, column 1 "time"', 'divides the day'],
    ['less than a day', ['time,written', ...hourly(23)], {}, 'bad.csv line 24', 'at least one day'],
    ['a bad time', ['time,written', 'noon,1', ...hourly(24)], {}, 'bad.csv line 2, column 1 "time"', 'ISO 8601'],
    ['more rows than maxRows', ['time,written', ...hourly(30)], { maxRows: 25 } as never, 'bad.csv line 27', 'at most 25 rows (option maxRows'],
    ['a bad unit', ['time,written', ...hourly(24)], { unit: 'bytes' }, 'bad.csv: option unit', 'a size unit'],
    ['a row with a missing field', ['time,written', '2026-11-02T00:00:00Z'], {}, 'bad.csv line 2', 'well-formed CSV'],
  ])('refuses %s, naming the file, the line and the column', (_what, lines, extra, where, allowed) => {
    const error = errorOf(() => ChangeRate.fromCsv(csv('bad.csv', lines), { ...options, ...extra }));
    expect(error.propPath).toBe(where);
    expect(error.allowed).toContain(allowed);
  });

  test('line numbers count physical lines: blank lines and a quoted field over two lines', () => {
    // Line 1 header, line 2 a row whose note spans lines 2-3, line 4 blank, then one row a line
    // from line 5: the 4th row after the first (hour 4) is on line 5 + 3 = 8.
    const rows = hourly(24, (i) => (i === 4 ? 'n/a' : '1')).map((row, i) => (i === 0 ? `${row},"batch\nstart"` : `${row},`));
    const lines = ['time,written,note', rows[0], '', ...rows.slice(1)];
    const error = errorOf(() => ChangeRate.fromCsv(csv('lines.csv', lines), options));
    expect(error.propPath).toBe('lines.csv line 8, column 2 "written"');
  });

  test('CRLF line endings and another delimiter', () => {
    const file = path.join(dir, 'crlf.csv');
    fs.writeFileSync(file, `${['time;written', ...hourly(24).map((row) => row.replace(',', ';'))].join('\r\n')}\r\n`);
    const rate = ChangeRate.fromCsv(file, { ...options, delimiter: ';' });
    expect(rate.summary()).toMatchObject({ steps: 24, stepSeconds: 3600, averageBytesPerSecond: 1 });
    // On CRLF the line count is the same: hour 4 is on line 6.
    fs.writeFileSync(file, `${['time;written', ...hourly(24, (i) => (i === 4 ? 'x' : '1')).map((row) => row.replace(',', ';'))].join('\r\n')}\r\n`);
    expect(errorOf(() => ChangeRate.fromCsv(file, { ...options, delimiter: ';' })).propPath).toBe('crlf.csv line 6, column 2 "written"');
  });

  test.each<[string, string[], string, string]>([
    ['a stray quote', ['time,written', ...hourly(3), '"2026-11-02T03:00:00Z"x,1', ...hourly(24).slice(4)], 'bad.csv line 5', 'well-formed CSV (Trailing quote'],
    ['an unclosed quote', ['time,written', ...hourly(2), '2026-11-02T02:00:00Z,"1', ...hourly(24).slice(3)], 'bad.csv line 4', 'well-formed CSV (Quoted field unterminated)'],
    ['a row with an extra field', ['time,written', ...hourly(2), '2026-11-02T02:00:00Z,1,1', ...hourly(24).slice(3)], 'bad.csv line 4', "every row has the header's 2 fields"],
  ])('refuses %s with its line', (_what, lines, where, allowed) => {
    const error = errorOf(() => ChangeRate.fromCsv(csv('bad.csv', lines), options));
    expect(error.propPath).toBe(where);
    expect(error.allowed).toContain(allowed);
  });

  test('refuses a delimiter the parser would have to guess', () => {
    const error = errorOf(() => ChangeRate.fromCsv(csv('day.csv', ['time,written', ...hourly(24)]), { ...options, delimiter: '"' }));
    expect(error.propPath).toBe('options.delimiter');
  });

  test('a file that cannot be read', () => {
    expect(errorOf(() => ChangeRate.fromCsv(path.join(dir, 'missing.csv'), options)).propPath).toBe('path');
  });
});

describe('end-stamped samples (timestamps: "end")', () => {
  const midnight = Date.UTC(2026, 10, 2) / 1000;
  /** 24 hourly rows, 3600 B each but 36,000 B in the hour from 02:00, stamped at `offset` seconds into their hour. */
  const day = (offset: number) => Array.from({ length: 24 }, (_, i) => ({ time: midnight + i * 3600 + offset, bytes: i === 2 ? 36_000 : 3600 }));

  test('a row stamped at the end of its hour holds the hour before: the series starts one step earlier', () => {
    const start = ChangeRate.fromSamples(day(0));
    const end = ChangeRate.fromSamples(day(3600), { timestamps: 'end' });
    // First row stamped 01:00 with a 1-hour step: its step is 00:00-01:00.
    expect(end._profile.startEpochSeconds).toBe(midnight);
    expect(end._profile).toEqual(start._profile);
    // Read as start stamps, the same export would begin at 01:00 and put the batch hour at 03:00.
    expect(ChangeRate.fromSamples(day(3600))._profile.startEpochSeconds).toBe(midnight + 3600);
  });

  test('a series stamped at the end and one stamped at the start share one time base: one busiest window, exact', () => {
    const end = ChangeRate.fromSamples(day(3600), { timestamps: 'end' });
    const start = ChangeRate.fromSamples(day(0));
    const volume = (rate: ChangeRate) => ({ capacityBytes: 1e12, averageChangeBytesPerSecond: rate.averageBytesPerSecond(), changeProfile: rate._profile });
    const window = busiestWindow([volume(end), volume(start)], 3600);
    // Both batch hours are 02:00-03:00: 36,000 B + 36,000 B in the busiest hour.
    expect(window).toMatchObject({ basis: 'exact', startSeconds: midnight + 2 * 3600, bytes: 72_000 });
  });

  test('fromCsv takes the option too', () => {
    const lines = ['time,written', ...day(3600).map((row) => `${new Date(row.time * 1000).toISOString()},${row.bytes}`)];
    const rate = ChangeRate.fromCsv(csv('end.csv', lines), { ...options, timestamps: 'end' });
    expect(rate._profile.startEpochSeconds).toBe(midnight);
    expect(rate.peakBytesPerSecond()).toBe(10);
  });

  test('refuses anything but "start" or "end"', () => {
    const error = errorOf(() => ChangeRate.fromSamples(day(0), { timestamps: 'middle' as never }));
    expect(error.propPath).toBe('options.timestamps');
    expect(error.allowed).toContain('"end"');
  });
});
