import fc from 'fast-check';
import { changedBytesInWindow } from '../../lib/analysis/change';
import { analyzeEstate } from '../../lib/estate';
import type { ChangeProfileDecl } from '../../lib/model/design';
import { coarsenedProfiles, coarsenProfile, declarationEntry, declarationSchema, estateOfDeclaration, MAX_STORED_PROFILE_STEPS } from '../../lib/plan/declaration';
import { dataVolume, estate, GiB, link, logVolume, plan, tranlogVolume } from '../fixtures/estate';

const measured = (rates: readonly number[], stepSeconds = 60): ChangeProfileDecl => ({
  shape: 'measured',
  stepSeconds,
  bytesPerSecond: Float64Array.from(rates),
  startEpochSeconds: 1_700_000_000,
  source: 'writes.csv',
});

describe('coarsenProfile: a profile longer than the plan stores, max-downsampled', () => {
  test('at most 1,440 steps: stored as declared', () => {
    const profile = measured(Array.from({ length: 1440 }, (_, i) => i));
    expect(coarsenProfile(profile)).toBe(profile);
  });

  test('a daily profile of 2,880 x 30s: 1,440 x 1m, each the larger of its two steps', () => {
    // Steps 2i and 2i+1 hold i and 1000 - i: the maximum is max(i, 1000 - i).
    const rates = Array.from({ length: 2880 }, (_, j) => (j % 2 === 0 ? j / 2 : 1000 - (j - 1) / 2));
    const coarse = coarsenProfile({ ...measured(rates, 30), shape: 'daily', startEpochSeconds: null });
    expect(coarse.stepSeconds).toBe(60);
    expect(coarse.bytesPerSecond.length).toBe(1440);
    expect(coarse.bytesPerSecond[0]).toBe(1000);
    expect(coarse.bytesPerSecond[700]).toBe(700);
    expect(coarse.coarsenedFrom).toEqual({ stepSeconds: 30, steps: 2880 });
    expect(coarse.startEpochSeconds).toBeNull();
  });

  test('a measured series of 1,441 x 1m: pairs of 2m, the last (partial) step holds the series maximum', () => {
    // ceil(1441 / 1440) = 2 steps per stored step; 2m divides the day. 721 stored steps, the
    // last covers step 1440 alone and stands for the wrap to the start: the maximum, 9.
    const rates = Array.from({ length: 1441 }, (_, i) => (i === 10 ? 9 : 1));
    const coarse = coarsenProfile(measured(rates));
    expect(coarse.stepSeconds).toBe(120);
    expect(coarse.bytesPerSecond.length).toBe(721);
    expect(coarse.bytesPerSecond[5]).toBe(9);
    expect(coarse.bytesPerSecond[6]).toBe(1);
    expect(coarse.bytesPerSecond[720]).toBe(9);
  });

  test('a step that does not divide into the day evenly is widened until it does: 7,000 x 1m becomes 5m steps', () => {
    // ceil(7000 / 1440) = 5 (5m divides the day): 1,400 steps.
    expect(coarsenProfile(measured(new Array(7000).fill(1))).stepSeconds).toBe(300);
    // ceil(100000 / 1440) = 70 minutes does not divide the day; 72 minutes does: 1,389 steps.
    const long = coarsenProfile(measured(new Array(100_000).fill(1)));
    expect(long.stepSeconds).toBe(72 * 60);
    expect(long.bytesPerSecond.length).toBe(Math.ceil(100_000 / 72));
  });

  test('never optimistic: every window changes at least as much in the stored profile as in the declared one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: MAX_STORED_PROFILE_STEPS + 1, maxLength: 4000 }),
        fc.array(fc.integer({ min: 1, max: 8 * 86_400 }), { minLength: 1, maxLength: 6 }),
        (rates, windows) => {
          const fine = [{ capacityBytes: 1e18, averageChangeBytesPerSecond: 0, changeProfile: measured(rates) }];
          const coarse = [{ ...fine[0], changeProfile: coarsenProfile(fine[0].changeProfile) }];
          for (const w of windows) expect(changedBytesInWindow(coarse, w)).toBeGreaterThanOrEqual(changedBytesInWindow(fine, w) * (1 - 1e-12));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the declaration section', () => {
  test('round trip: written as JSON, read with the schema, the analysis gives the same budgets and findings', () => {
    const profile = measured(Array.from({ length: 1440 }, (_, i) => (i % 60 === 0 ? 20 : 1) * 100_000));
    const design = estate({
      volumes: [dataVolume({ changeProfile: profile }), logVolume({ changeProfile: profile }), tranlogVolume()],
    });
    const written = JSON.parse(JSON.stringify(declarationEntry({ appStacks: ['app'], plans: design.plans, links: design.links, suppressions: [] })));
    const read = estateOfDeclaration(declarationSchema.parse(written));
    const [before] = analyzeEstate(design);
    const [after] = analyzeEstate(read);
    expect(after.budgets.map((b) => [b.worstCaseSeconds, b.fix.longestIntervalSeconds, b.fix.requiredLineRateBitsPerSecond])).toEqual(
      before.budgets.map((b) => [b.worstCaseSeconds, b.fix.longestIntervalSeconds, b.fix.requiredLineRateBitsPerSecond]),
    );
    expect(after.findings).toEqual(before.findings);
    expect(coarsenedProfiles(written)).toEqual([]);
  });

  test('a link\'s synchronousPriority survives the round trip, so the estate command judges the circuit as the App did', () => {
    const links = [link({ circuitId: 'DC1-DC2', syncPriority: true }), link({ id: 'app/Other', name: 'Other', circuitId: 'DC1-DC2' })];
    const written = JSON.parse(JSON.stringify(declarationEntry({ appStacks: ['app'], plans: [plan()], links, suppressions: [] })));
    const read = estateOfDeclaration(declarationSchema.parse(written));
    // Written sorted by id: app/Other, then app/Wan.
    expect(read.links.map((l) => [l.id, l.syncPriority])).toEqual([['app/Other', undefined], ['app/Wan', true]]);
    // A declaration written before the field existed still reads.
    delete written.links[1].syncPriority;
    expect(estateOfDeclaration(declarationSchema.parse(written)).links[1].syncPriority).toBeUndefined();
  });

  test('a longer profile is listed as coarsened, and the analysis of it is never better than of the declared one', () => {
    // 2 days of minutes with a 30-minute burst: 2880 x 1m stored as 1440 x 2m.
    const rates = Array.from({ length: 2880 }, (_, i) => (i >= 1000 && i < 1030 ? 40 : 1) * (GiB / 3600));
    const design = estate({ volumes: [dataVolume({ changeProfile: measured(rates) }), logVolume(), tranlogVolume()] });
    const written = declarationEntry({ appStacks: ['app'], plans: design.plans, links: design.links, suppressions: [] });
    expect(coarsenedProfiles(written)).toEqual([{ volume: 'app/Baw/DatabaseData', from: { stepSeconds: 60, steps: 2880 }, stepSeconds: 120, steps: 1440 }]);
    const [before] = analyzeEstate(design);
    const [after] = analyzeEstate(estateOfDeclaration(declarationSchema.parse(JSON.parse(JSON.stringify(written)))));
    expect(after.budgets[0].worstCaseSeconds).toBeGreaterThanOrEqual(before.budgets[0].worstCaseSeconds);
  });

  test('lists that are sets are written in one order; a recovery server records whom it replaces, so sorting keeps the pairs', () => {
    const p = plan();
    const [primary, recovery] = p.sites;
    const shuffled = plan({
      sites: [
        { ...recovery, servers: [...recovery.servers].reverse() },
        { ...primary, servers: [...primary.servers].reverse() },
      ],
      volumes: [...p.volumes].reverse(),
      schedules: [{ ...p.schedules[0], volumeIds: [...p.schedules[0].volumeIds].reverse() }],
    });
    const entry = (plans: typeof p[]) => JSON.stringify(declarationEntry({ appStacks: ['b', 'a'], plans, links: estate().links, suppressions: [] }));
    expect(entry([shuffled])).toBe(entry([p]));
    const written = JSON.parse(entry([p]));
    expect(written.appStacks).toEqual(['a', 'b']);
    // was1-dr replaces was1 by position (the second application server replaces the second).
    expect(written.plans[0].sites[1].servers.map((s: { name: string; replaces?: string }) => [s.name, s.replaces])).toEqual([
      ['db1-dr', 'db1'],
      ['was1-dr', 'was1'],
      ['was2-dr', 'was2'],
    ]);
  });
});
