import { analyzeEstate } from '../../lib/estate';
import { buildPlanDocument } from '../../lib/plan/document';
import { renderPlanMarkdown } from '../../lib/plan/markdown';
import type { EstateDecl, LinkDecl, PlanDecl, VolumeDecl } from '../../lib/model/design';
import { mirrorLink, splitMirrorPlan, SPLIT_MIRROR_ID } from '../fixtures/split-mirror';

/**
 * A split mirror's resync copies and a snapshot schedule on one circuit (the split-mirror
 * fixture's 800 Mbps x 1 PPRC link, and an async link with the same circuitId).
 *
 * The split mirror alone (test/analysis/split-mirror.test.ts): resync from 120 s with a backlog
 * of 1.876e10 B, writes 1.3e6 B/s, link 1e8 B/s; the log pairs are in sync again at 588.1702 s,
 * so its copies span S0 = 468.1702 s of each daily cycle (T = 86,400 s). Each byte another user
 * sends first delays them by 1 / (1e8 - 1.3e6) = 1 / 9.87e7 s (its own time on the wire, and the
 * writes the resync then chases).
 *
 * The schedule: one volume writing 1e6 B/s, no compression, every 600 s, snapshot 0 s, RPO 12m.
 * The circuit's synchronous writes (LOG1's 1e6 B/s) leave it 1e8 - 1e6 = 9.9e7 B/s.
 * Alone: 6e8 B / 9.9e7 = 6.0606 s, worst case 606.0606 s, meets 720 s.
 */
const CIRCUIT = 'DC1-DC2';

function volume(): VolumeDecl {
  return {
    id: 'app/Plan/Data',
    name: 'Data',
    kind: 'san-volume',
    capacityBytes: 1e12,
    averageChangeBytesPerSecond: 1e6,
    holds: ['database-data'],
    mountPath: '/data',
    mountedOn: { primary: ['db1'], recovery: ['db1-dr'] },
    placement: {},
  };
}

function schedulePlan(rpoSeconds = 720): PlanDecl {
  return {
    id: 'app/Plan',
    name: 'Plan',
    rpoSeconds,
    rpoMarginWarningRatio: 0,
    sites: [
      { id: 'app/Plan/Primary', name: 'Primary', role: 'primary', servers: [{ name: 'db1', role: 'database', host: 'db1', extraMountPaths: [] }] },
      { id: 'app/Plan/Recovery', name: 'Recovery', role: 'recovery', servers: [{ name: 'db1-dr', role: 'database', host: 'db1-dr', extraMountPaths: [] }] },
    ],
    volumes: [volume()],
    schedules: [
      { id: 'app/Plan/Snapshots', name: 'Snapshots', volumeIds: ['app/Plan/Data'], linkId: 'net/Async', intervalSeconds: 600, snapshotSeconds: 0, retention: 2, cycle: 'fixed' },
    ],
  };
}

function asyncLink(overrides: Partial<LinkDecl> = {}): LinkDecl {
  return { ...mirrorLink(), id: 'net/Async', name: 'Async', mode: 'async', circuitId: CIRCUIT, ...overrides };
}

function estate(options: { shareCircuit?: boolean; sharing?: 'any' | 'per-schedule' } = {}): EstateDecl {
  const shared = options.shareCircuit ?? true;
  return {
    plans: [schedulePlan(), splitMirrorPlan()],
    links: [asyncLink({ sharing: options.sharing ?? 'any', ...(shared ? {} : { circuitId: 'elsewhere' }) }), mirrorLink({ circuitId: CIRCUIT })],
  };
}

const budgetOf = (design: EstateDecl) => analyzeEstate(design)[0].budgets[0];

describe('a split mirror\'s resync copies on a circuit that a snapshot schedule uses too', () => {
  test('on another circuit the schedule has its link to itself: 606 s, meets', () => {
    const budget = budgetOf(estate({ shareCircuit: false }));
    // Nothing synchronous on the async link's own circuit: 6e8 / 1e8 = 6 s.
    expect(budget.transferSeconds).toBeCloseTo(6, 9);
    expect(budget.verdict).toBe('meets');
    expect(budget.resyncOf).toBeUndefined();
  });

  test('on the same circuit the copies count in the wait, with the span of the cycle they run in: 801.8629 s, breaches', () => {
    // Round 1, S = S0 = 468.1702 s: the burst is 1.876e10 + 1.3e6 x 468.1702 = 1.9368621e10 B;
    //   ceil((R + 468.17) / 86400) = 1 of them; R = (6e8 + 1.9368621e10) / 9.9e7 = 201.7032 s.
    //   The schedule's snapshots in the span: ceil((468.1702 + 201.7032) / 600) = 2, 1.2e9 B, delaying
    //   the copies by 1.2e9 / 9.87e7 = 12.1581 s: S = 480.3283 s.
    // Round 2, S = 480.3283: burst 1.876e10 + 1.3e6 x 480.3283 = 1.93844267e10 B;
    //   R = (6e8 + 1.93844267e10) / 9.9e7 = 201.8629 s; ceil((480.3283 + 201.8629) / 600) = 2 again: S stays.
    // Worst case 600 + 0 + 201.8629 = 801.8629 s > 720 s.
    const budget = budgetOf(estate());
    expect(budget.resyncOf).toEqual(['Backup']);
    expect(budget.linkSharing).toBe('any');
    expect(budget.interferenceBytes).toBeCloseTo(1.93844267e10, -2);
    expect(budget.transferSeconds).toBeCloseTo(201.8629, 3);
    expect(budget.worstCaseSeconds).toBeCloseTo(801.8629, 3);
    expect(budget.verdict).toBe('breaches');
    const [finding] = analyzeEstate(estate())[0].findings.filter((f) => f.ruleId === 'SDR-RPO-BUDGET');
    expect(finding.message).toContain('the resync copies of backup Backup on the circuit');
  });

  test('dr-plan.md names the resync copies the sole schedule of its link waits behind, not "all of" the link', () => {
    const design = estate();
    const analyses = analyzeEstate(design);
    const document = buildPlanDocument('app', [analyses[0]], design.links, new Map(), analyses);
    expect(document.plans[0].rpoBudgets[0].resyncOf).toEqual(['Backup']);
    const markdown = renderPlanMarkdown(document);
    expect(markdown).toMatch(/\(all of Async after up to [^)]+ of the resync copies of backup Backup \([^)]+\), whatever the array's sharing discipline\)/);
    // On another circuit the schedule has the link to itself, and the plan says so.
    const apart = estate({ shareCircuit: false });
    const alone = analyzeEstate(apart);
    expect(renderPlanMarkdown(buildPlanDocument('app', [alone[0]], apart.links, new Map(), alone))).toContain('(all of Async)');
  });

  test('the split mirror\'s own estimates grow by the delay the snapshots cause: 480.3283 - 468.1702 = 12.1581 s', () => {
    const [, db] = analyzeEstate(estate());
    const [backup] = db.splitMirrors;
    // Alone (test/analysis/split-mirror.test.ts): window 100 s, cycle 1358.1702 s, logs in sync again at 588.1702 s.
    expect(backup.writeSuspend.windowSeconds).toBeCloseTo(112.1581, 3);
    expect(backup.writeSuspend.withinLimit).toBe(true);
    expect(backup.cycleSeconds).toBeCloseTo(1370.3283, 3);
    expect(backup.scenarios.find((x) => x.kind === 'point-in-time')!.rpoSeconds).toBeCloseTo(600.3283, 3);
    expect(backup.steps.find((x) => x.id === 'wait-pairs-synchronized')!.title).toContain(
      '(up to 12.2s more while snapshot transfers on the circuit go first)',
    );
    // Drain budget 120 - 10 - 60 - 12.1581 = 37.8419 s: 1.876e8 B x 8 / 37.8419 s = 3.9660e7 bit/s -> 39.7 Mbps.
    expect(backup.writeSuspend.requiredLineRateBitsPerSecond).toBe(39_700_000);
    // On another circuit nothing changes.
    const [, apart] = analyzeEstate(estate({ shareCircuit: false }));
    expect(apart.splitMirrors[0].writeSuspend.windowSeconds).toBe(100);
  });

  test('an array that shares per schedule does not share per schedule with a PPRC resync: the bound for any discipline applies', () => {
    expect(budgetOf(estate({ sharing: 'per-schedule' })).transferSeconds).toBeCloseTo(201.8629, 3);
  });

  test('the line rate the fix asks for, once declared on the circuit, passes', () => {
    const required = budgetOf(estate()).fix.requiredLineRateBitsPerSecond!;
    expect(required).toBeGreaterThan(800e6);
    const faster = estate();
    const fixed = { ...faster, links: faster.links.map((l) => ({ ...l, lineRateBitsPerSecond: required })) };
    expect(budgetOf(fixed).verdict).toBe('meets');
  });

  test('the longest interval the fix gives passes with the copies\' span found again', () => {
    const longest = budgetOf(estate()).fix.longestIntervalSeconds;
    expect(longest).not.toBeNull();
    const design = estate();
    const plans = [{ ...design.plans[0], schedules: [{ ...design.plans[0].schedules[0], intervalSeconds: longest! }] }, design.plans[1]];
    expect(budgetOf({ ...design, plans }).verdict).toBe('meets');
  });

  test('a backup cycle whose copies, delayed by the snapshots, outlast its interval leaves the schedule without a bound', () => {
    // Backups every 500 s: backlog 1.2e8 + 5e7 + 1e8 = 2.7e8 B, the copies span S0 = 282.7 s (the
    // same steps, a 2.7 s resync). The schedule now writes 5e7 B/s and ships 3e9 B every 60 s (30.3 s
    // each): ceil((282.7 + 30.3) / 60) = 6 snapshots, 1.8e10 B, delay the copies by 182.4 s, S = 465.1 s;
    // then ceil((465.1 + 30.3) / 60) = 9, 2.7e10 B, 273.6 s: S = 556.3 s > 500 s.
    const design = estate();
    const plans = [
      {
        ...design.plans[0],
        volumes: [{ ...volume(), averageChangeBytesPerSecond: 5e7 }],
        schedules: [{ ...design.plans[0].schedules[0], intervalSeconds: 60 }],
      },
      splitMirrorPlan({ intervalSeconds: 500 }),
    ];
    const alone = budgetOf({ ...design, plans: [plans[0]] });
    expect(alone.verdict).toBe('meets');
    const [schedule, db] = analyzeEstate({ ...design, plans });
    expect(schedule.budgets[0].verdict).toBe('unsustainable');
    expect(schedule.budgets[0].starvedBy).toBe(SPLIT_MIRROR_ID);
    // The backup's cycle, delayed past its interval, does not fit it either.
    expect(db.splitMirrors[0].cycleSeconds).toBeGreaterThan(500);
    expect(db.findings.map((f) => f.ruleId)).toContain('SDR-BACKUP-CYCLE-FITS');
  });

  test('a backup cycle whose span fits its interval but whose steps 1-9 do not leaves the schedule without a bound too', () => {
    // Backups every 350 s: backlog 1.2e8 (LOG1, 1e6 B/s for the 120 s before the resync) + 3e5 B/s
    // x 350 s of data writes = 2.25e8 B, S0 = 282.2568 s. The schedule's one 6e8 B snapshot ahead
    // delays the copies by 6e8 / 9.87e7 = 6.0790 s: S = 288.3359 s <= 350 s. But the resync starts
    // 120 s into the cycle (steps 1-2), so steps 1-9 take 408.3359 s > 350 s: the next cycle starts
    // late with more than one interval's writes to copy, bursts the bound does not cover.
    const design = estate();
    const plans = [design.plans[0], splitMirrorPlan({ intervalSeconds: 350 })];
    const [schedule, db] = analyzeEstate({ ...design, plans });
    expect(db.splitMirrors[0].linkCopy).toMatchObject({ leadSeconds: 120, backlogBytes: 2.25e8 });
    expect(db.splitMirrors[0].linkCopy!.spanSeconds).toBeCloseTo(282.2568, 3);
    expect(schedule.budgets[0].verdict).toBe('unsustainable');
    expect(schedule.budgets[0].starvedBy).toBe(SPLIT_MIRROR_ID);
    expect(schedule.budgets[0].starvedByBackup).toBe('Backup');
    const finding = schedule.findings.find((f) => f.ruleId === 'SDR-SCHEDULE-SUSTAINABLE')!;
    expect(finding.message).toContain('the backup cycle of Backup (steps 1-9) outlasts its interval');
    expect(db.findings.map((f) => f.ruleId)).toContain('SDR-BACKUP-CYCLE-FITS');
  });
});

describe('two split mirrors on the circuit', () => {
  test('each backup\'s copies wait for the other\'s too, so both spans, and the schedule\'s wait, grow', () => {
    const one = analyzeEstate(estate());
    const second = splitMirrorPlan({}, { id: 'db2/Plan', name: 'Plan2' });
    const renamed = JSON.parse(JSON.stringify(second).replaceAll('"db/Plan', '"db2/Plan'));
    const two = analyzeEstate({ ...estate(), plans: [...estate().plans, renamed] });
    // The schedule waits behind both bursts: more than with one.
    expect(two[0].budgets[0].transferSeconds).toBeGreaterThan(one[0].budgets[0].transferSeconds + 190);
    expect(two[0].budgets[0].resyncOf).toEqual(['Backup', 'Backup']);
    // Each backup's delay now counts the other's burst (about 1.94e10 B / 9.87e7 B/s = 196 s more than with one backup).
    const delay = (a: typeof one) => a.flatMap((p) => p.splitMirrors)[0].writeSuspend.windowSeconds - 100;
    expect(delay(two)).toBeGreaterThan(delay(one) + 190);
  });
});

describe('two split mirrors on a circuit without snapshot schedules', () => {
  test('each backup\'s copies wait for the other\'s burst: S = S0 + (1.876e10 + 1.3e6 S) / (link - writes)', () => {
    // Each backup's link carries the other's log writes (1e6 B/s): 9.9e7 B/s for it, 9.9e7 - 1.3e6
    // = 9.77e7 B/s gained on the backlog. Its resync waits 0.99 x 1.876e10 / 9.77e7 = 190.0962 s
    // (188.1702 s alone), so S0 = 468.1702 + 1.9260 = 470.0962 s.
    // Both alike: S = S0 + ceil((S + S) / 86400) x (backlog + writes x S) / (link - writes)
    //   = 470.0962 + (1.876e10 + 1.3e6 S) / 9.77e7, so S (1 - 1.3e6 / 9.77e7) = 470.0962 + 192.0164,
    //   S = 662.1126 / 0.986694 = 671.0416 s; the delay S - S0 = 200.9454 s joins each write-suspend window.
    const second = JSON.parse(JSON.stringify(splitMirrorPlan()).replaceAll('"db/Plan', '"db2/Plan'));
    const analyses = analyzeEstate({ plans: [splitMirrorPlan(), second], links: [mirrorLink()] });
    for (const { splitMirrors } of analyses) {
      expect(splitMirrors[0].writeSuspend.windowSeconds).toBeCloseTo(100 + 200.9454, 2);
      expect(splitMirrors[0].writeSuspend.withinLimit).toBe(false);
    }
    // One backup alone keeps its 100 s window.
    expect(analyzeEstate({ plans: [splitMirrorPlan()], links: [mirrorLink()] })[0].splitMirrors[0].writeSuspend.windowSeconds).toBe(100);
  });
});
