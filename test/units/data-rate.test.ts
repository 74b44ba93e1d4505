import { SanDrError } from '../../lib/errors';
import { DataRate, Duration, Size } from '../../lib/units';
import { expectRejection } from './expect-rejection';

/** Rates come from divisions; different but equivalent operation orders differ in the last bits. */
function expectNear(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}

describe('DataRate factories', () => {
  test.each([
    // [rate, bits per second, arithmetic]
    [DataRate.bitsPerSecond(100), 100, '100 bps'],
    [DataRate.kilobitsPerSecond(64), 64_000, '64 * 1000'],
    [DataRate.megabitsPerSecond(622), 622_000_000, '622 * 10^6'],
    [DataRate.gigabitsPerSecond(10), 10_000_000_000, '10 * 10^9'],
    [DataRate.bytesPerSecond(100), 800, '100 B/s * 8 bits'],
    [DataRate.kilobytesPerSecond(5), 40_000, '5 * 1000 * 8'],
    [DataRate.megabytesPerSecond(5), 40_000_000, '5 * 10^6 * 8'],
    [DataRate.gigabytesPerSecond(1), 8_000_000_000, '10^9 * 8'],
    [DataRate.mebibytesPerSecond(1), 8_388_608, '2^20 * 8'],
    [DataRate.megabitsPerSecond(0), 0, 'zero is allowed'],
  ])('%s = %d bps (%s)', (rate, bps) => {
    expect(rate.toBitsPerSecond()).toBe(bps);
  });

  test.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['negative', -1],
    ['a string', '622' as unknown as number],
  ])('rejects %s', (_label, bad) => {
    expectRejection(() => DataRate.megabitsPerSecond(bad), bad, 'finite number >= 0 of megabits per second');
  });
});

describe('DataRate conversions', () => {
  test('toBytesPerSecond', () => {
    // 8 Mbps = 8e6 / 8 = 1e6 B/s
    expect(DataRate.megabitsPerSecond(8).toBytesPerSecond()).toBe(1_000_000);
  });

  test('toMegabitsPerSecond', () => {
    // 5 MB/s = 5e6 * 8 = 40e6 bps = 40 Mbps
    expect(DataRate.megabytesPerSecond(5).toMegabitsPerSecond()).toBe(40);
    // 622 Mbps stays 622 exactly
    expect(DataRate.megabitsPerSecond(622).toMegabitsPerSecond()).toBe(622);
  });

  test('conversions are floats, not rounded', () => {
    // 1 bps = 0.125 B/s = 0.000001 Mbps
    expect(DataRate.bitsPerSecond(1).toBytesPerSecond()).toBe(0.125);
    expect(DataRate.bitsPerSecond(1).toMegabitsPerSecond()).toBe(1e-6);
  });
});

describe('DataRate.per', () => {
  test('20 GiB per hour', () => {
    // 20 GiB = 20 * 2^30 B = 21474836480 B; * 8 / 3600 s = 47721858.8444... bps
    const rate = DataRate.per(Size.gibibytes(20), Duration.hours(1));
    expectNear(rate.toBitsPerSecond(), (21_474_836_480 * 8) / 3600);
    expect(rate.toBitsPerSecond()).toBeCloseTo(47_721_858.8444, 3);
    expect(rate.toString()).toBe('20GiB/h');
  });

  test('a period of one minute keeps the size unit', () => {
    // 500 MiB / 60 s = 500 * 2^20 * 8 / 60 = 69905066.67 bps
    const rate = DataRate.per(Size.mebibytes(500), Duration.minutes(1));
    expect(rate.toString()).toBe('500MiB/min');
    expectNear(rate.toBitsPerSecond(), (500 * 2 ** 20 * 8) / 60);
  });

  test('a period that is not one unit of time falls back to bits per second', () => {
    // 90 GB / 90 min = 90e9 * 8 / 5400 s = 133333333.33 bps
    const rate = DataRate.per(Size.gigabytes(90), Duration.minutes(90));
    expectNear(rate.toBitsPerSecond(), (90e9 * 8) / 5400);
    expect(rate.toString()).toMatch(/^133333333\.3+\d*bps$/);
  });

  test('accepts text for both arguments', () => {
    // "100GB" per "1d" = 100e9 * 8 / 86400 = 9259259.259... bps
    const rate = DataRate.per('100GB', '1d');
    expect(rate.toString()).toBe('100GB/d');
    expectNear(rate.toBitsPerSecond(), (100e9 * 8) / 86_400);
  });

  test('rejects a zero duration', () => {
    const zero = Duration.seconds(0);
    expectRejection(() => DataRate.per(Size.gibibytes(1), zero), zero, 'longer than zero');
  });

  test('rejects non-size / non-duration arguments with SanDrError', () => {
    expectRejection(() => DataRate.per(5 as unknown as Size, Duration.hours(1)), 5, 'a Size or');
    expectRejection(() => DataRate.per(Size.bytes(1), 3600 as unknown as Duration), 3600, 'a Duration or');
  });

  test('zero size gives a zero rate', () => {
    expect(DataRate.per(Size.bytes(0), Duration.hours(1)).isZero()).toBe(true);
  });
});

describe('DataRate.parse', () => {
  test.each([
    // [text, bits per second, arithmetic]
    ['622Mbps', 622e6, '622 * 10^6'],
    ['10Gbps', 10e9, '10 * 10^9'],
    ['64kbps', 64e3, '64 * 1000'],
    ['64Kbps', 64e3, 'capital K accepted for kilobits'],
    ['1.5Gb/s', 1.5e9, '1.5 * 10^9'],
    ['100bps', 100, '100 bps'],
    ['1Tbps', 1e12, '10^12'],
    ['5MB/s', 40e6, '5 * 10^6 B * 8'],
    ['100MBps', 800e6, '100 * 10^6 B * 8 (capital B = bytes)'],
    ['10GBps', 80e9, '10 * 10^9 B * 8'],
    ['622 Mbps', 622e6, 'space between number and unit'],
    ['  10Gbps  ', 10e9, 'surrounding whitespace'],
  ])('%s = %d bps (%s)', (text, bps) => {
    expect(DataRate.parse(text).toBitsPerSecond()).toBe(bps);
  });

  test.each([
    // [text, bits per second, arithmetic]
    ['20GiB/h', (20 * 2 ** 30 * 8) / 3600, '20 * 2^30 B * 8 / 3600 s'],
    ['100GB/d', (100e9 * 8) / 86_400, '100 * 10^9 B * 8 / 86400 s'],
    ['500MiB/min', (500 * 2 ** 20 * 8) / 60, '500 * 2^20 B * 8 / 60 s'],
    ['500MiB/m', (500 * 2 ** 20 * 8) / 60, '"m" is minutes too'],
    ['1TiB/d', (2 ** 40 * 8) / 86_400, '2^40 B * 8 / 86400 s'],
    ['512KB/s', 512e3 * 8, '512 * 1000 B * 8'],
  ])('%s = %d bps (%s)', (text, bps) => {
    expectNear(DataRate.parse(text).toBitsPerSecond(), bps);
  });

  test.each([
    ['empty', ''],
    ['missing unit', '622'],
    ['unknown unit', '622Xbps'],
    ['size without a time unit', '5MB'],
    ['unknown time unit', '20GiB/week'],
    ['lower-case giga', '10gbps'],
    ['negative', '-5Mbps'],
    ['NaN', 'NaNMbps'],
    ['Infinity', 'InfinityMbps'],
    ['exponent', '1e3Mbps'],
  ])('rejects %s (%j)', (_label, text) => {
    const err = expectRejection(() => DataRate.parse(text), text, '"622Mbps"', '"20GiB/h"');
    expect(err).toBeInstanceOf(SanDrError);
  });
});

describe('DataRate.of', () => {
  test('returns a DataRate as is and parses text', () => {
    const r = DataRate.megabitsPerSecond(622);
    expect(DataRate.of(r)).toBe(r);
    expect(DataRate.of('10Gbps').toBitsPerSecond()).toBe(10e9);
  });

  test.each([
    ['a number', 622, 'got 622'],
    ['an object', { mbps: 622 }, 'got an object'],
    ['undefined', undefined, 'got undefined'],
  ])('rejects %s with SanDrError, not TypeError', (_label, bad, rendered) => {
    expectRejection(() => DataRate.of(bad as unknown as string), bad, rendered, 'a DataRate or', '"622Mbps"');
  });
});

describe('DataRate comparison', () => {
  test('compareTo across units', () => {
    // 1 Gbps = 10^9 bps = 125 MB/s
    expect(DataRate.gigabitsPerSecond(1).compareTo(DataRate.megabytesPerSecond(125))).toBe(0);
    expect(DataRate.gigabitsPerSecond(1).compareTo('126MB/s')).toBe(-1);
    expect(DataRate.gigabitsPerSecond(1).compareTo('999Mbps')).toBe(1);
  });

  test('isZero', () => {
    expect(DataRate.bitsPerSecond(0).isZero()).toBe(true);
    expect(DataRate.bitsPerSecond(0.001).isZero()).toBe(false);
  });
});

describe('DataRate.toString', () => {
  test.each([
    [DataRate.megabitsPerSecond(622), '622Mbps'],
    [DataRate.parse('20GiB/h'), '20GiB/h'],
    [DataRate.parse('64Kbps'), '64Kbps'],
    [DataRate.mebibytesPerSecond(1.5), '1.5MiB/s'],
    [DataRate.bitsPerSecond(1e-7), '0.0000001bps'],
  ])('%s keeps the unit it was built with', (rate, text) => {
    expect(rate.toString()).toBe(text);
  });

  test.each([
    DataRate.megabitsPerSecond(622),
    DataRate.parse('20GiB/h'),
    DataRate.parse('500MiB/min'),
    DataRate.per(Size.gigabytes(90), Duration.minutes(90)),
    DataRate.bitsPerSecond(1e-7),
    DataRate.gigabytesPerSecond(0),
  ])('round trip through parse: %s', (rate) => {
    expect(DataRate.parse(rate.toString()).toBitsPerSecond()).toBe(rate.toBitsPerSecond());
  });
});

describe('DataRate.toHuman and formatters', () => {
  test.each([
    // [rate, text, arithmetic]
    [DataRate.megabitsPerSecond(622), '622 Mbps', 'already 3 significant digits'],
    [DataRate.gigabitsPerSecond(1.2), '1.2 Gbps', '1.20 with the trailing zero dropped'],
    [DataRate.parse('20GiB/h'), '47.7 Mbps', '47721858.84 bps -> 47.7 Mbps'],
    [DataRate.bitsPerSecond(1_234_567), '1.23 Mbps', '3 significant digits'],
    [DataRate.kilobitsPerSecond(64), '64 kbps', 'kilobits'],
    [DataRate.bitsPerSecond(0), '0 bps', 'zero'],
  ])('%s -> %s (%s)', (rate, text) => {
    expect(rate.toHuman()).toBe(text);
  });

  test('formatBitsPerSecond carries into the next unit when rounding reaches it', () => {
    // 999.7 Mbps -> 3 significant digits = 1000 Mbps -> 1 Gbps
    expect(DataRate.formatBitsPerSecond(999.7e6)).toBe('1 Gbps');
    expect(DataRate.formatBitsPerSecond(Infinity)).toBe('unbounded');
  });

  test('formatBytesPerSecond in binary units for rates declared in KiB..PiB', () => {
    // 2 GiB/h = 2 * 2^30 / 3600 = 596,523.2 B/s = 582.5 KiB/s -> 583 KiB/s (597 KB/s in decimal).
    expect(DataRate.formatBytesPerSecond((2 * 2 ** 30) / 3600, 'binary')).toBe('583 KiB/s');
    expect(DataRate.formatBytesPerSecond((2 * 2 ** 30) / 3600)).toBe('597 KB/s');
    // 20 GiB/h = 5,965,232.4 B/s = 5.689 MiB/s -> 5.69 MiB/s.
    expect(DataRate.formatBytesPerSecond((20 * 2 ** 30) / 3600, 'binary')).toBe('5.69 MiB/s');
  });

  test('the unit family a rate was declared in: binary only for KiB..PiB per unit of time', () => {
    expect(['2GiB/h', '5MB/s', '100Mbps', '10MBps', '1TiB/d', '512B/s'].map((text) => DataRate.parse(text).unitFamily())).toEqual([
      'binary',
      'decimal',
      'decimal',
      'decimal',
      'binary',
      'decimal',
    ]);
  });

  test('formatBytesPerSecond uses decimal byte units', () => {
    expect(DataRate.formatBytesPerSecond(11.6e6)).toBe('11.6 MB/s');
    // 20 GiB/h = 21474836480 / 3600 = 5965232.36 B/s -> 5.97 MB/s
    expect(DataRate.formatBytesPerSecond(21_474_836_480 / 3600)).toBe('5.97 MB/s');
    expect(DataRate.formatBytesPerSecond(512)).toBe('512 B/s');
    expect(DataRate.formatBytesPerSecond(Infinity)).toBe('unbounded');
  });

  test.each([
    ['NaN', NaN],
    ['negative', -1],
  ])('formatters reject %s', (_label, bad) => {
    expectRejection(() => DataRate.formatBitsPerSecond(bad), bad, 'bits per second');
    expectRejection(() => DataRate.formatBytesPerSecond(bad), bad, 'bytes per second');
  });
});
