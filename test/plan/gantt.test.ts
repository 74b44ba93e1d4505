import { ganttWallClock } from '../../lib/plan/split-mirror-markdown';

describe('Gantt wall-clock times', () => {
  // 32 min = 1920 s; 1 d + 1 s = 86,401 s.
  test.each([
    [0, '2001-01-15 00:00:00'],
    [30, '2001-01-15 00:00:30'],
    [1920, '2001-01-15 00:32:00'],
    [86_401, '2001-01-16 00:00:01'],
  ])('%d s into the cycle is %s', (seconds, text) => {
    expect(ganttWallClock(seconds)).toBe(text);
  });

  test('do not depend on the time zone of the machine that synthesizes', () => {
    const original = process.env.TZ;
    try {
      const seen = ['UTC', 'Asia/Kolkata', 'America/New_York', 'Pacific/Chatham'].map((zone) => {
        process.env.TZ = zone;
        return ganttWallClock(1920);
      });
      expect(new Set(seen)).toEqual(new Set(['2001-01-15 00:32:00']));
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
