import { SanDrError } from '../../lib/errors';
import { Size } from '../../lib/units';
import { expectRejection } from './expect-rejection';

describe('Size factories', () => {
  test.each([
    // [size, bytes, arithmetic]
    [Size.bytes(512), 512, '512 B'],
    [Size.kilobytes(2), 2000, '2 * 1000'],
    [Size.megabytes(3), 3_000_000, '3 * 1000^2'],
    [Size.gigabytes(1.5), 1_500_000_000, '1.5 * 1000^3'],
    [Size.terabytes(2), 2e12, '2 * 1000^4'],
    [Size.petabytes(1), 1e15, '1 * 1000^5'],
    [Size.kibibytes(0.5), 512, '0.5 * 1024'],
    [Size.mebibytes(20), 20_971_520, '20 * 1048576'],
    [Size.gibibytes(500), 536_870_912_000, '500 * 1073741824'],
    [Size.tebibytes(2), 2_199_023_255_552, '2 * 1099511627776'],
    [Size.pebibytes(1), 1_125_899_906_842_624, '1 * 2^50'],
    [Size.gigabytes(2.01), 2_010_000_000, '2.01 * 1e9 is 2009999999.9999998 in floats, snapped'],
    [Size.bytes(0), 0, 'zero is allowed'],
  ])('%s = %d bytes (%s)', (size, bytes) => {
    expect(size.toBytes()).toBe(bytes);
  });

  test('rejects a fraction of a byte', () => {
    expectRejection(() => Size.bytes(1.5), 1.5, 'whole number of bytes');
    // 0.3 KiB = 0.3 * 1024 = 307.2 bytes
    expectRejection(() => Size.kibibytes(0.3), 0.3, 'whole number of bytes', '307.2 bytes');
  });

  test('rejects more than Number.MAX_SAFE_INTEGER bytes', () => {
    // 8 PiB = 2^53 bytes = MAX_SAFE_INTEGER + 1
    expectRejection(() => Size.pebibytes(8), 8, String(Number.MAX_SAFE_INTEGER));
  });

  test.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['negative', -1],
    ['a string', '5' as unknown as number],
  ])('rejects %s', (_label, bad) => {
    expectRejection(() => Size.gibibytes(bad), bad, 'finite number >= 0 of gibibytes');
  });
});

describe('Size conversions', () => {
  test('every conversion of a value whole in all units', () => {
    // Whole in both TiB and TB needs a multiple of 2^40 * 5^12 B, beyond 2^53; so 1 TiB for binary...
    const tib = Size.tebibytes(1);
    expect(tib.toTebibytes()).toBe(1);
    expect(tib.toGibibytes()).toBe(1024);
    expect(tib.toMebibytes()).toBe(1024 ** 2);
    expect(tib.toKibibytes()).toBe(1024 ** 3);
    // ...and 1 TB = 10^12 B for decimal units
    const tb = Size.terabytes(1);
    expect(tb.toTerabytes()).toBe(1);
    expect(tb.toGigabytes()).toBe(1000);
    expect(tb.toMegabytes()).toBe(1e6);
    expect(tb.toKilobytes()).toBe(1e9);
  });

  test("refuses a fractional result by default ('fail')", () => {
    // 1 GB = 1e9 B = 1e9 / 2^30 GiB = 0.9313225746154785 GiB
    const err = expectRejection(() => Size.gigabytes(1).toGibibytes(), '1GB', 'whole number of gibibytes');
    expect(err.allowed).toContain("rounding: 'floor'");
    expect(err.allowed).toContain('0.9313225746154785');
  });

  test("'floor' rounds down", () => {
    // 1.5 GiB = 1536 MiB = 1.5 GiB -> floor 1
    expect(Size.gibibytes(1.5).toGibibytes({ rounding: 'floor' })).toBe(1);
    // 1 TB = 1e12 / 2^40 TiB = 0.909... -> floor 0
    expect(Size.terabytes(1).toTebibytes({ rounding: 'floor' })).toBe(0);
  });

  test("'none' returns the float", () => {
    // 1536 MiB / 1024 = 1.5 GiB
    expect(Size.mebibytes(1536).toGibibytes({ rounding: 'none' })).toBe(1.5);
    // 1 GB = 1e9 / 2^30 GiB
    expect(Size.gigabytes(1).toGibibytes({ rounding: 'none' })).toBe(1e9 / 2 ** 30);
  });

  test("'floor' snaps float noise first instead of losing a whole unit", () => {
    // 2.01 MB = 2010000 B = 2010 KB, though 2.01 * 1e6 is 2009999.9999999998 in floats
    expect(Size.megabytes(2.01).toKilobytes({ rounding: 'floor' })).toBe(2010);
    // same unit: 2.03 KB read back in KB is 2.03 -> floor 2 (a real fraction, not noise)
    expect(Size.kilobytes(2.03).toKilobytes({ rounding: 'floor' })).toBe(2);
  });

  test('rejects an unknown rounding option', () => {
    expectRejection(
      () => Size.bytes(1).toKilobytes({ rounding: 'round' as unknown as 'floor' }),
      'round',
      '"fail", "floor", "none"',
    );
  });
});

describe('Size arithmetic and comparison', () => {
  test('plus', () => {
    // 1 GiB + 512 MiB = 1536 MiB
    expect(Size.gibibytes(1).plus(Size.mebibytes(512)).toMebibytes()).toBe(1536);
    // same unit: 1 KB + "2KB" = 3 KB
    expect(Size.kilobytes(1).plus('2KB').toKilobytes()).toBe(3);
  });

  test('plus rejects a total beyond Number.MAX_SAFE_INTEGER bytes', () => {
    const big = Size.pebibytes(5);
    // 5 PiB + 5 PiB = 10 * 2^50 > 2^53
    expectRejection(() => big.plus(big), big, 'at most');
  });

  test('compareTo and isZero', () => {
    // 1 KiB = 1024 B > 1 KB = 1000 B
    expect(Size.kibibytes(1).compareTo(Size.kilobytes(1))).toBe(1);
    expect(Size.kilobytes(1).compareTo(Size.kibibytes(1))).toBe(-1);
    expect(Size.kibibytes(1).compareTo(Size.bytes(1024))).toBe(0);
    expect(Size.bytes(0).isZero()).toBe(true);
    expect(Size.bytes(1).isZero()).toBe(false);
  });

  test('arithmetic rejects a non-size argument with SanDrError', () => {
    expectRejection(() => Size.bytes(1).plus(1024 as unknown as Size), 1024, 'a Size or');
  });
});

describe('Size.parse', () => {
  test.each([
    // [text, bytes, arithmetic]
    ['500GiB', 536_870_912_000, '500 * 2^30'],
    ['1.5 TB', 1.5e12, '1.5 * 10^12'],
    ['512B', 512, '512 B'],
    ['20MiB', 20_971_520, '20 * 2^20'],
    ['1KB', 1000, '10^3'],
    ['2MB', 2e6, '2 * 10^6'],
    ['3GB', 3e9, '3 * 10^9'],
    ['1PB', 1e15, '10^15'],
    ['4KiB', 4096, '4 * 1024'],
    ['1TiB', 2 ** 40, '2^40'],
    ['1PiB', 2 ** 50, '2^50'],
    [' 0.5KiB ', 512, '0.5 * 1024, whitespace trimmed'],
  ])('%s = %d bytes (%s)', (text, bytes) => {
    expect(Size.parse(text).toBytes()).toBe(bytes);
  });

  test.each([
    ['gigabits', '500Gb'],
    ['lower-case', '500gb'],
    ['lower-case kilo', '4kb'],
  ])('rejects bits (%s: %j) with a hint that sizes are in bytes', (_label, text) => {
    const err = expectRejection(() => Size.parse(text), text, '"500GiB"');
    expect(err.allowed).toContain('sizes are in bytes');
  });

  test.each([
    ['empty', ''],
    ['missing unit', '500'],
    ['unknown unit', '500XB'],
    ['lower-case i', '500Gib'],
    ['negative', '-5GiB'],
    ['NaN', 'NaN'],
    ['Infinity', 'InfinityGiB'],
    ['exponent', '1e3GiB'],
    ['two quantities', '1GiB 2GiB'],
  ])('rejects %s (%j)', (_label, text) => {
    const err = expectRejection(() => Size.parse(text), text, '"500GiB"', 'KiB, MiB, GiB');
    expect(err).toBeInstanceOf(SanDrError);
  });

  test('rejects a parsed fraction of a byte', () => {
    expectRejection(() => Size.parse('1.5B'), '1.5B', 'whole number of bytes');
  });
});

describe('Size.of', () => {
  test('returns a Size as is and parses text', () => {
    const s = Size.gibibytes(1);
    expect(Size.of(s)).toBe(s);
    expect(Size.of('2GiB').toGibibytes()).toBe(2);
  });

  test.each([
    ['a number', 1024, 'got 1024'],
    ['an object', { bytes: 1 }, 'got an object'],
    ['undefined', undefined, 'got undefined'],
  ])('rejects %s with SanDrError, not TypeError', (_label, bad, rendered) => {
    expectRejection(() => Size.of(bad as unknown as string), bad, rendered, 'a Size or', '"500GiB"');
  });
});

describe('Size.toString', () => {
  test.each([
    // [size, text, reason]
    [Size.gibibytes(500), '500GiB', 'keeps its binary unit'],
    [Size.mebibytes(2048), '2GiB', '2048 MiB = 2 GiB, largest whole binary unit'],
    [Size.gibibytes(1.5), '1536MiB', '1.5 GiB is not whole in GiB; 1.5 * 1024 = 1536 MiB'],
    [Size.kibibytes(0.5), '512B', '0.5 KiB = 512 B, not whole in KiB'],
    [Size.terabytes(1.5), '1500GB', '1.5 TB = 1500 GB, largest whole decimal unit'],
    [Size.bytes(2000), '2KB', 'built from bytes: decimal family, 2000 B = 2 KB'],
    [Size.bytes(1024), '1024B', 'not whole in KB'],
    [Size.gibibytes(0), '0B', 'zero'],
  ])('%s -> %s (%s)', (size, text) => {
    expect(size.toString()).toBe(text);
  });

  test.each([
    Size.gibibytes(500),
    Size.gibibytes(1.5),
    Size.terabytes(1.5),
    Size.bytes(123_456_789),
    Size.kibibytes(0.5),
    Size.bytes(Number.MAX_SAFE_INTEGER),
    Size.bytes(0),
  ])('round trip through parse: %s', (size) => {
    expect(Size.parse(size.toString()).toBytes()).toBe(size.toBytes());
  });
});

describe('Size.toHuman and formatBytes', () => {
  test.each([
    // [size, text, arithmetic]
    [Size.gibibytes(1.25), '1.25 GiB', '1.25 * 2^30 B'],
    [Size.bytes(512), '512 B', 'under 1 KiB'],
    [Size.bytes(1536), '1.5 KiB', '1536 / 1024'],
    // Shown in the family it was declared in: decimal stays decimal.
    [Size.gigabytes(1), '1 GB', 'declared in GB'],
    [Size.parse('1.5TB'), '1.5 TB', 'declared in TB'],
    [Size.tebibytes(3), '3 TiB', 'whole'],
    [Size.bytes(0), '0 B', 'zero'],
  ])('%s -> %s (%s)', (size, text) => {
    expect(size.toHuman()).toBe(text);
  });

  test('formatBytes in either family; 1 GB is 953.67 MiB, 1 GiB is 1.07 GB', () => {
    // 1e9 / 2^20 = 953.674... -> 953.67; 2^30 / 1e9 = 1.0737... -> 1.07.
    expect(Size.formatBytes(1e9)).toBe('953.67 MiB');
    expect(Size.formatBytes(1e9, 'decimal')).toBe('1 GB');
    expect(Size.formatBytes(2 ** 30, 'decimal')).toBe('1.07 GB');
  });

  test('the unit family a size was declared in', () => {
    expect(['500GiB', '1.5TB', '512B', '20 KiB', '3 MB'].map((text) => Size.parse(text).unitFamily())).toEqual([
      'binary',
      'decimal',
      'binary',
      'binary',
      'decimal',
    ]);
  });

  test('formatBytes carries into the next unit when rounding reaches it', () => {
    // 1048575 B = 1023.999 KiB -> rounds to 1024.00 KiB, shown as 1 MiB
    expect(Size.formatBytes(1_048_575)).toBe('1 MiB');
    expect(Size.formatBytes(Infinity)).toBe('unbounded');
  });

  test.each([
    ['NaN', NaN],
    ['negative', -1],
  ])('formatBytes rejects %s', (_label, bad) => {
    expectRejection(() => Size.formatBytes(bad), bad, 'of bytes');
  });
});
