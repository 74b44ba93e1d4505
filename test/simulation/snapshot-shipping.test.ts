import {
  DAY_MINUTES,
  maxWindowMean,
  scaleToContract,
  simulateCircuit,
  simulateLink,
  steadyProfile,
  writtenBytes,
  type SimBackup,
  type SimSchedule,
} from './snapshot-shipping';

/** The simulator checked on tiny cases computed by hand, before it is trusted to judge the analysis. */

const HOUR = 3600;

function schedule(options: Partial<SimSchedule> & { rate?: number; capacity?: number }): SimSchedule {
  return {
    intervalSeconds: options.intervalSeconds ?? 600,
    snapshotSeconds: options.snapshotSeconds ?? 60,
    cycle: options.cycle ?? 'fixed',
    volumes: options.volumes ?? [{ capacityBytes: options.capacity ?? 1e15, dailyProfile: steadyProfile(options.rate ?? 1000) }],
  };
}

describe('the snapshot-shipping simulator on hand-computed cases', () => {
  test('one fixed schedule alone on its link: worst lag = interval + snapshot + transfer', () => {
    // 1000 B/s for 600 s = 600,000 B; at 2000 B/s that is 300 s on the wire. The snapshot captured
    // at 600 s lands at 600 + 60 + 300 = 960 s; just before, the site still holds time 0: lag 960 s.
    const [result] = simulateLink({ effectiveBytesPerSecond: 2000, compressionRatio: 1 }, [schedule({})], 2 * HOUR);
    expect(result.arrivals[0]).toEqual({ capturedAt: 600, arrivedAt: 960, sentBytes: 600_000 });
    expect(result.arrivals[1]).toEqual({ capturedAt: 1200, arrivedAt: 1560, sentBytes: 600_000 });
    expect(result.worstLagSeconds).toBe(960);
    // Per minute: at 900 s (minute 15) nothing new has landed, lag 900; at 960 s (minute 16) the
    // snapshot of 600 s has landed, lag 360.
    expect(result.lagByMinute[15]).toBe(900);
    expect(result.lagByMinute[16]).toBe(360);
    // The per-minute record never sees the supremum, which is just before 960 s (and 1560 s, ...):
    // at whole minutes the lag peaks at 900 s. That is why the exact supremum is kept too.
    expect(Math.max(...result.lagByMinute)).toBe(900);
  });

  test('compression halves the bytes sent; capacity caps the bytes changed', () => {
    // At 2:1, 600,000 B changed are 300,000 B sent: 150 s. Worst 600 + 60 + 150 = 810 s.
    const [compressed] = simulateLink({ effectiveBytesPerSecond: 2000, compressionRatio: 2 }, [schedule({})], HOUR);
    expect(compressed.worstLagSeconds).toBe(810);
    // A 100,000 B volume cannot change more than 100,000 B per interval: 50 s. Worst 710 s.
    const [capped] = simulateLink({ effectiveBytesPerSecond: 2000, compressionRatio: 1 }, [schedule({ capacity: 100_000 })], HOUR);
    expect(capped.arrivals[0].sentBytes).toBe(100_000);
    expect(capped.worstLagSeconds).toBe(710);
  });

  test('two schedules transferring at once share the link equally; the one left alone speeds up', () => {
    // A changes 500 B/s x 600 s = 300,000 B, B 250 B/s x 600 s = 150,000 B. Both ready at 660 s,
    // each at 1000 B/s: B is done after 150 s (810 s); A has 150,000 B left and alone gets
    // 2000 B/s: 75 s more, so A lands at 885 s. Worst: A 885 s, B 810 s.
    const [a, b] = simulateLink(
      { effectiveBytesPerSecond: 2000, compressionRatio: 1 },
      [schedule({ rate: 500 }), schedule({ rate: 250 })],
      HOUR,
    );
    expect(a.arrivals[0].arrivedAt).toBeCloseTo(885, 9);
    expect(b.arrivals[0].arrivedAt).toBeCloseTo(810, 9);
    expect(a.worstLagSeconds).toBeCloseTo(885, 9);
    expect(b.worstLagSeconds).toBeCloseTo(810, 9);
    // Two equal schedules each get exactly half all the time: 300,000 B at 1000 B/s = 300 s, 960 s.
    const equal = simulateLink({ effectiveBytesPerSecond: 2000, compressionRatio: 1 }, [schedule({ rate: 500 }), schedule({ rate: 500 })], HOUR);
    for (const result of equal) expect(result.worstLagSeconds).toBeCloseTo(960, 9);
  });

  test('a fixed schedule that cannot keep up queues its snapshots and its lag keeps growing', () => {
    // 1000 B/s x 600 s = 600,000 B at 500 B/s: 1200 s per transfer for a 600 s interval.
    // Snapshot k (captured 600k) starts shipping at max(600k + 60, arrival of k-1): lands at
    // 660 + 1200k. Lag just before landing k+1 is 660 + 1200(k+1) - 600k = 1860 + 600k.
    const [result] = simulateLink({ effectiveBytesPerSecond: 500, compressionRatio: 1 }, [schedule({})], 4 * HOUR);
    expect(result.arrivals.slice(0, 3).map((a) => a.arrivedAt)).toEqual([1860, 3060, 4260]);
    expect(result.arrivals.slice(0, 3).map((a) => a.capturedAt)).toEqual([600, 1200, 1800]);
    // Within the 4 h horizon (14400 s) the last to land is k = 11 (660 + 1200 x 11 = 13860 s);
    // just before it the lag is 1860 + 600 x 10 = 7860 s; at the horizon it is 14400 - 6600 = 7800 s.
    expect(result.arrivals).toHaveLength(11);
    expect(result.worstLagSeconds).toBe(7860);
  });

  test('a continuous schedule stretches its cycle towards the fixed point P and its lag towards 2P', () => {
    // 1000 B/s, 2000 B/s link, snapshot 60 s, interval 60 s: P = 60 + P/2, P = 120 s, 2P = 240 s.
    // Capture 60 s: 60,000 B, 30 s, lands 150 s. Next capture max(120, 150) = 150 s: 90,000 B,
    // 45 s, lands 255 s (lag just before: 255 - 60 = 195 s). Next capture 255 s: 105,000 B,
    // 52.5 s, lands 367.5 s (lag 367.5 - 150 = 217.5 s). Period 60 + d/2 -> 120, lag -> 240.
    const [result] = simulateLink(
      { effectiveBytesPerSecond: 2000, compressionRatio: 1 },
      [schedule({ intervalSeconds: 60, cycle: 'continuous' })],
      2 * HOUR,
    );
    expect(result.arrivals.slice(0, 3).map((a) => a.capturedAt)).toEqual([60, 150, 255]);
    expect(result.arrivals.slice(0, 3).map((a) => a.arrivedAt)).toEqual([150, 255, 367.5]);
    expect(result.worstLagSeconds).toBeLessThanOrEqual(240);
    expect(result.worstLagSeconds).toBeGreaterThan(239.99);
  });

  test('a continuous schedule that keeps up runs at its interval', () => {
    // Same as the first fixed case: completion 360 s within the 600 s interval, worst 960 s.
    const [result] = simulateLink({ effectiveBytesPerSecond: 2000, compressionRatio: 1 }, [schedule({ cycle: 'continuous' })], HOUR);
    expect(result.arrivals.map((a) => a.capturedAt)).toEqual([600, 1200, 1800, 2400, 3000]);
    expect(result.worstLagSeconds).toBe(960);
  });
});

describe('change-rate profiles', () => {
  test('writtenBytes integrates the per-minute rates, across midnight', () => {
    const profile = steadyProfile(1);
    profile[DAY_MINUTES - 1] = 10; // the last minute of the day writes 10 B/s
    const volume = { capacityBytes: 1e15, dailyProfile: profile };
    // From 30 s before midnight to 30 s after: 30 s x 10 + 30 s x 1 = 330 B.
    expect(writtenBytes(volume, 86400 - 30, 86400 + 30)).toBeCloseTo(330, 9);
    // A whole day: 1439 min x 60 x 1 + 60 x 10 = 86,940 B; a week 7 times that.
    expect(writtenBytes(volume, 0, 86400)).toBeCloseTo(86_940, 6);
    expect(writtenBytes(volume, 0, 7 * 86400)).toBeCloseTo(7 * 86_940, 6);
  });

  test('maxWindowMean finds the busiest window at least as long as asked', () => {
    // One minute at 60 B/s a day, else 0: over windows of at least 10 minutes, the busiest holds
    // the peak minute and is as short as allowed: 60 x 60 B / 600 s = 6 B/s. Windows long enough
    // to hold two peaks (over a day) average far less.
    const profile = new Float64Array(DAY_MINUTES);
    profile[100] = 60;
    expect(maxWindowMean(profile, 10)).toBeCloseTo(6, 12);
    expect(maxWindowMean(profile, 1)).toBeCloseTo(60, 12);
    expect(maxWindowMean(steadyProfile(5), 30)).toBeCloseTo(5, 12);
  });

  test('scaleToContract makes the busiest interval-long window average the declared rate', () => {
    const profile = new Float64Array(DAY_MINUTES);
    profile[100] = 60;
    const scaled = scaleToContract(profile, 600, 3); // busiest 10-minute mean 6 -> 3: halve
    expect(scaled[100]).toBeCloseTo(30, 12);
    expect(maxWindowMean(scaled, 10)).toBeCloseTo(3, 12);
  });
});

describe('a split mirror\'s backup cycle on the link, by hand', () => {
  // Link 1e8 B/s, no compression. The backup: LOG (constantly mirrored) and DATA each write 1e6 B/s;
  // command 30 s, query 30 s, split 10 s, switch point 0.99, every hour from 3600 s.
  // Steps 1-2 take 2c + 2q = 120 s: the resync starts at t3 = 3720 s with DATA's writes since the
  // last cycle resumed them (one interval, 3.6e9 B) and LOG's since step 1 (120 s, 1.2e8 B): 3.72e9 B.
  // It chases 2e6 B/s, so it gains 9.8e7 B/s on the link to itself; the switch point (3.72e7 B
  // left) comes after (3.72e9 - 3.72e7) / 9.8e7 = 37.5796 s, past the command's 30 s.
  // Then suspend 30 s (the rest drains in 0.38 s), one query 30 s, split 10 s, resume 30 s: a 100 s
  // window. Steps 7-8 (2c + q = 90 s), then the log resync: 90 s of log writes (9e7 B) copy in
  // 0.91 s, in sync after its command and a query (60 s). Span 37.5796 + 100 + 90 + 60 = 287.5796 s;
  // the logs go unmirrored 120 s more: 407.5796 s.
  const backup: SimBackup = {
    intervalSeconds: 3600,
    firstStartSeconds: 3600,
    commandSeconds: 30,
    querySeconds: 30,
    splitSeconds: 10,
    switchPoint: 0.99,
    volumes: [
      { capacityBytes: 1e15, bytesPerSecond: 1e6, constant: true },
      { capacityBytes: 1e15, bytesPerSecond: 1e6, constant: false },
    ],
  };
  const link = { effectiveBytesPerSecond: 1e8, compressionRatio: 1 };

  test('alone: window 100 s, span 287.5796 s, logs unmirrored 407.5796 s', () => {
    const { backups } = simulateCircuit(link, [], [backup], 7000);
    expect(backups[0].writeSuspendSeconds).toHaveLength(1);
    expect(backups[0].writeSuspendSeconds[0]).toBeCloseTo(100, 6);
    expect(backups[0].spanSeconds[0]).toBeCloseTo(287.5796, 4);
    expect(backups[0].logsUnmirroredSeconds[0]).toBeCloseTo(407.5796, 4);
  });

  test.each([
    // Per schedule the snapshot gets half the link (1.2 s); per session a third (the resync copies
    // two pairs: 1.8 s); first come first served all of it, as it is ready with the resync (0.6 s),
    // but the next one, at 3780 s, waits behind the 2e6 B/s the caught-up resync chases: 6e7 / 9.8e7.
    ['per-schedule', 60 + 1.2],
    ['per-session', 60 + 1.8],
    ['fcfs', 60 + 6e7 / 9.8e7],
  ] as const)('with a schedule shipping 6e7 B every 60 s, shared %s: its worst lag %s s, the span 0.6122 s longer', (discipline, worstLag) => {
    // Before the cycle the mirrored log writes leave 9.9e7 B/s: 6e7 B take 0.6061 s. At 3720 s a
    // snapshot and the resync start together; the link stays busy until the switch point, which
    // now comes (6e7 + 3.6828e9) / 9.8e7 = 38.1918 s after 3720 s: 6e7 / 9.8e7 = 0.6122 s later
    // than alone, whatever the discipline.
    const snapshots = { intervalSeconds: 60, snapshotSeconds: 0, cycle: 'fixed' as const, volumes: [{ capacityBytes: 1e15, dailyProfile: steadyProfile(1e6) }] };
    const result = simulateCircuit({ ...link, discipline }, [snapshots], [backup], 7000);
    expect(result.schedules[0].worstLagSeconds).toBeCloseTo(worstLag, 6);
    expect(result.backups[0].writeSuspendSeconds[0]).toBeCloseTo(100, 6);
    expect(result.backups[0].spanSeconds[0]).toBeCloseTo(287.5796 + 6e7 / 9.8e7, 4);
  });
});
