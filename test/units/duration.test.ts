import { SanDrError } from '../../lib/errors';
import { Duration } from '../../lib/units';
import { expectRejection } from './expect-rejection';

describe('Duration factories', () => {
  test('millis', () => {
    // 250 ms stays 250 ms; 250 ms = 0.25 s
    expect(Duration.millis(250).toMilliseconds()).toBe(250);
    expect(Duration.millis(250).toSeconds({ integral: false })).toBe(0.25);
  });

  test('seconds', () => {
    // 90 s = 90 * 1000 ms = 90000 ms
    expect(Duration.seconds(90).toMilliseconds()).toBe(90_000);
  });

  test('minutes', () => {
    // 15 m = 15 * 60 s = 900 s
    expect(Duration.minutes(15).toSeconds()).toBe(900);
  });

  test('hours', () => {
    // 1.5 h = 1.5 * 3600 s = 5400 s
    expect(Duration.hours(1.5).toSeconds()).toBe(5400);
  });

  test('days', () => {
    // 2 d = 2 * 24 h = 48 h
    expect(Duration.days(2).toHours()).toBe(48);
  });

  test('zero is allowed', () => {
    expect(Duration.minutes(0).toSeconds()).toBe(0);
    expect(Duration.minutes(0).isZero()).toBe(true);
    expect(Duration.millis(1).isZero()).toBe(false);
  });

  test.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['negative', -1],
  ])('rejects %s', (_label, bad) => {
    expectRejection(() => Duration.minutes(bad), bad, 'finite number >= 0 of minutes');
  });

  test('rejects a string passed to a numeric factory (JavaScript callers)', () => {
    expectRejection(() => Duration.minutes('15' as unknown as number), '15', 'of minutes');
  });

  test('rejects an amount whose milliseconds overflow to Infinity', () => {
    // 1e306 d * 86400000 ms/d > Number.MAX_VALUE
    expectRejection(() => Duration.days(1e306), 1e306, 'milliseconds');
  });
});

describe('Duration conversions', () => {
  test('every conversion of one day', () => {
    // 1 d = 24 h = 1440 m = 86400 s = 86400000 ms
    const day = Duration.days(1);
    expect(day.toDays()).toBe(1);
    expect(day.toHours()).toBe(24);
    expect(day.toMinutes()).toBe(1440);
    expect(day.toSeconds()).toBe(86_400);
    expect(day.toMilliseconds()).toBe(86_400_000);
  });

  test('refuses a fractional result by default', () => {
    // 90 s / 60 = 1.5 m, not whole
    const err = expectRejection(() => Duration.seconds(90).toMinutes(), '1m30s', 'whole number of minutes');
    expect(err.allowed).toContain('{ integral: false }');
    expect(err.allowed).toContain('1.5');
  });

  test('{ integral: false } returns the exact float', () => {
    // 90 s / 60 = 1.5 m; 36 h / 24 = 1.5 d
    expect(Duration.seconds(90).toMinutes({ integral: false })).toBe(1.5);
    expect(Duration.hours(36).toDays({ integral: false })).toBe(1.5);
  });

  test('{ integral: true } is the default made explicit', () => {
    expect(() => Duration.millis(1500).toSeconds({ integral: true })).toThrow(SanDrError);
  });

  test('the unit it was built in converts back exactly', () => {
    // stored as 1.5 h, so toHours gives 1.5 without a round trip through ms
    expect(Duration.hours(1.5).toHours({ integral: false })).toBe(1.5);
  });

  test('float noise is rounded away before the integral test', () => {
    // 0.1 h = 0.1 * 3600 s = 360 s (0.1 * 3600000 is 360000.00000000006 in floats)
    expect(Duration.hours(0.1).toSeconds()).toBe(360);
    // 0.7 m = 0.7 * 60 s = 42 s
    expect(Duration.minutes(0.7).toSeconds()).toBe(42);
    // 1/3 m = 20 s
    expect(Duration.minutes(1 / 3).toSeconds()).toBe(20);
    // 1.1 h = 3960 s (1.1 * 3600000 is 3960000.0000000005 in floats)
    expect(Duration.hours(1.1).toSeconds()).toBe(3960);
    // 4.35 m = 261 s (4.35 * 60000 is 260999.99999999997 in floats)
    expect(Duration.minutes(4.35).toSeconds()).toBe(261);
    expect(Duration.minutes(4.35).toString()).toBe('4m21s');
  });

  test('a genuinely fractional value is not rounded to an integer', () => {
    // 1 ms / 1000 = 0.001 s
    expect(Duration.millis(1).toSeconds({ integral: false })).toBe(0.001);
  });

  test('rejects a bad integral option instead of guessing', () => {
    expectRejection(
      () => Duration.seconds(1).toSeconds({ integral: 'no' as unknown as boolean }),
      'no',
      'true',
      'false',
    );
  });
});

describe('Duration arithmetic and comparison', () => {
  test('plus', () => {
    // 1 h + 30 m = 90 m
    expect(Duration.hours(1).plus(Duration.minutes(30)).toMinutes()).toBe(90);
    // same unit: 0.1 m + 0.2 m = 0.3 m = 18 s
    expect(Duration.minutes(0.1).plus(Duration.minutes(0.2)).toSeconds()).toBe(18);
    // text is accepted too: 1 m + "30s" = 90 s
    expect(Duration.minutes(1).plus('30s').toSeconds()).toBe(90);
  });

  test('minus', () => {
    // 1 h - 15 m = 45 m
    expect(Duration.hours(1).minus(Duration.minutes(15)).toMinutes()).toBe(45);
    // 10 m - 10 m = 0
    expect(Duration.minutes(10).minus(Duration.seconds(600)).isZero()).toBe(true);
  });

  test('minus refuses a negative result', () => {
    const longer = Duration.minutes(10);
    expectRejection(() => Duration.minutes(5).minus(longer), longer, 'no longer than 5m');
  });

  test('times', () => {
    // 15 m * 4 = 60 m = 1 h
    expect(Duration.minutes(15).times(4).toHours()).toBe(1);
    // 90 s * 0 = 0
    expect(Duration.seconds(90).times(0).isZero()).toBe(true);
  });

  test.each([
    ['negative', -2],
    ['NaN', NaN],
    ['Infinity', Infinity],
  ])('times rejects a %s factor', (_label, bad) => {
    expectRejection(() => Duration.minutes(1).times(bad), bad, 'finite factor >= 0');
  });

  test('times rejects a product that overflows', () => {
    // 1e300 d * 1e10 = 1e310 d, beyond Number.MAX_VALUE
    expectRejection(() => Duration.days(1e300).times(1e10), 1e10, 'milliseconds');
  });

  test('compareTo', () => {
    // 60 m = 1 h; 59 m < 1 h; 61 m > 1 h
    expect(Duration.minutes(60).compareTo(Duration.hours(1))).toBe(0);
    expect(Duration.minutes(59).compareTo(Duration.hours(1))).toBe(-1);
    expect(Duration.minutes(61).compareTo(Duration.hours(1))).toBe(1);
  });

  test('compareTo ignores float noise', () => {
    // 0.1 ms + 0.2 ms = 0.30000000000000004 ms in floats, still equal to 0.3 ms
    expect(Duration.millis(0.1).plus(Duration.millis(0.2)).compareTo(Duration.millis(0.3))).toBe(0);
  });

  test('arithmetic rejects a non-duration argument with SanDrError, not TypeError', () => {
    expectRejection(() => Duration.minutes(1).plus(5 as unknown as Duration), 5, 'a Duration');
    expectRejection(() => Duration.minutes(1).compareTo(null as unknown as Duration), null, 'a Duration');
  });
});

describe('Duration.parse', () => {
  test.each([
    // [text, milliseconds, arithmetic]
    ['250ms', 250, '250 ms'],
    ['90s', 90_000, '90 * 1000 ms'],
    ['15m', 900_000, '15 * 60000 ms'],
    ['1.5h', 5_400_000, '1.5 * 3600000 ms'],
    ['2d', 172_800_000, '2 * 86400000 ms'],
    ['1h30m', 5_400_000, '3600000 + 30 * 60000 ms'],
    ['2m30s', 150_000, '2 * 60000 + 30 * 1000 ms'],
    ['1d2h3m4s5ms', 93_784_005, '86400000 + 7200000 + 180000 + 4000 + 5 ms'],
    ['  15m\t', 900_000, 'surrounding whitespace'],
    ['15 m', 900_000, 'space between number and unit'],
    ['1h 30m', 5_400_000, 'space between parts, as toHuman prints'],
    ['0s', 0, 'zero'],
  ])('%s = %d ms (%s)', (text, ms) => {
    expect(Duration.parse(text).toMilliseconds()).toBe(ms);
  });

  test.each([
    ['empty', ''],
    ['blank', '   '],
    ['unknown unit', '15x'],
    ['long unit name', '15mins'],
    ['missing unit', '15'],
    ['negative', '-5m'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['exponent', '1e3s'],
    ['units out of order', '30m1h'],
    ['unit repeated', '1h1h'],
    ['dangling point', '1.h'],
    ['number with no digits before the point', '.5h'],
    ['unit only', 'h'],
    ['upper-case unit', '15M'],
    ['digits that overflow to Infinity', `${'9'.repeat(400)}s`],
  ])('rejects %s (%j)', (_label, text) => {
    const err = expectRejection(() => Duration.parse(text), text, '"15m"', 'units: ms, s, m, h, d');
    expect(err).toBeInstanceOf(SanDrError);
  });

  test('rejects a non-string from JavaScript callers', () => {
    expectRejection(() => Duration.parse(15 as unknown as string), 15, '"15m"');
  });
});

describe('Duration.of', () => {
  test('returns a Duration as is', () => {
    const d = Duration.minutes(5);
    expect(Duration.of(d)).toBe(d);
  });

  test('parses text', () => {
    // "2m30s" = 150 s
    expect(Duration.of('2m30s').toSeconds()).toBe(150);
  });

  test.each([
    ['a number', 15, 'got 15'],
    ['an object', { minutes: 15 }, 'got an object'],
    ['undefined', undefined, 'got undefined'],
    ['null', null, 'got null'],
  ])('rejects %s with SanDrError, not TypeError', (_label, bad, rendered) => {
    expectRejection(() => Duration.of(bad as unknown as string), bad, rendered, 'a Duration or', '"15m"');
  });
});

describe('Duration.toString', () => {
  test.each([
    // [duration, text, arithmetic]
    [Duration.seconds(5400), '1h30m', '5400 s = 1 h + 1800 s = 1 h + 30 m'],
    [Duration.seconds(90), '1m30s', '90 s = 60 s + 30 s'],
    [Duration.millis(1500), '1s500ms', '1500 ms = 1000 ms + 500 ms'],
    [Duration.millis(0), '0s', 'zero'],
    [Duration.hours(48), '2d', '48 h = 2 * 24 h'],
    [Duration.hours(0.1), '6m', '0.1 h = 360 s = 6 m (float noise snapped)'],
    [Duration.millis(0.5), '0.5ms', 'sub-millisecond'],
    [Duration.seconds(0.0005), '0.5ms', '0.0005 s = 0.5 ms, shorter than "0.0005s"'],
    [Duration.millis(1e-7), '0.0000001ms', 'no exponent, which parse would refuse'],
  ])('%s -> %s (%s)', (duration, text) => {
    expect(duration.toString()).toBe(text);
  });

  test.each([
    Duration.minutes(90),
    Duration.hours(1.5),
    Duration.millis(93_784_005),
    Duration.days(365),
    Duration.millis(0.5),
    Duration.millis(1000.1),
    Duration.seconds(0.0005),
    Duration.millis(1e-7),
    Duration.hours(0.1),
    Duration.millis(0),
  ])('round trip through parse: %s', (duration) => {
    const back = Duration.parse(duration.toString());
    expect(back.compareTo(duration)).toBe(0);
    expect(back.toMilliseconds({ integral: false })).toBe(duration.toMilliseconds({ integral: false }));
  });
});

describe('Duration.toHuman and formatSeconds', () => {
  test.each([
    // [duration, text, arithmetic]
    [Duration.seconds(5400), '1h 30m', '5400 s = 1 h 30 m, zero seconds omitted'],
    [Duration.seconds(997), '16m 37s', '997 s = 16 * 60 + 37'],
    [Duration.seconds(125.5), '2m 5.5s', '125.5 s = 2 * 60 + 5.5'],
    [Duration.seconds(41.2), '41.2s', 'under a minute'],
    [Duration.millis(41_234), '41.2s', '41.234 s rounded to 0.1 s'],
    [Duration.millis(0), '0s', 'zero'],
    [Duration.hours(51), '2d 3h', '51 h = 2 * 24 h + 3 h'],
    [Duration.millis(59_960), '1m', '59.96 s rounds to 60.0 s = 1 m, not "60s"'],
  ])('%s -> %s (%s)', (duration, text) => {
    expect(duration.toHuman()).toBe(text);
  });

  test('formatSeconds on plain numbers', () => {
    // 997.04 s -> 997.0 s = 16 m 37 s
    expect(Duration.formatSeconds(997.04)).toBe('16m 37s');
    expect(Duration.formatSeconds(Infinity)).toBe('unbounded');
    expect(Duration.formatSeconds(0)).toBe('0s');
  });

  test.each([
    ['NaN', NaN],
    ['negative', -1],
    ['a string', '5' as unknown as number],
  ])('formatSeconds rejects %s', (_label, bad) => {
    expectRejection(() => Duration.formatSeconds(bad), bad, 'seconds, or Infinity');
  });
});
