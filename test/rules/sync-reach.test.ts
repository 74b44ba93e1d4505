import type { LinkDecl } from '../../lib/model/design';
import { syncReach } from '../../lib/rules/sync-reach';
import { estate, link, plan } from '../fixtures/estate';
import { splitMirrorEstate } from '../fixtures/split-mirror';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-SYNC-REACH';

/** The fixture with a synchronous link: 5 ms round trip over 100 km unless overridden. */
const sync = (overrides: Partial<LinkDecl> = {}) =>
  estate({}, { mode: 'sync', roundTripSeconds: 0.005, distanceKm: 100, ...overrides });

describe('SDR-SYNC-REACH', () => {
  test('is an error', () => {
    expect(syncReach.id).toBe(ID);
    expect(syncReach.level).toBe('error');
  });

  test('the unmodified fixture is asynchronous: 18 ms and 900 km do not matter', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('a synchronous link within 300 km and 10 ms passes', () => {
    expect(findingsOf(sync(), ID)).toEqual([]);
  });

  describe('round trip', () => {
    test('exactly 10 ms passes', () => {
      expect(findingsOf(sync({ roundTripSeconds: 0.01 }), ID)).toEqual([]);
    });

    test('10.5 ms fails', () => {
      const finding = onlyFinding(sync({ roundTripSeconds: 0.0105 }), ID);
      expect(finding.level).toBe('error');
      expect(finding.path).toBe('app/Wan');
      expect(finding.message).toBe('Synchronous link Wan: round trip 10.5 ms exceeds 10 ms. Every write would wait that long.');
      expect(finding.fix).toContain("Use mode 'async'");
      expect(finding.fix).toContain('within 300 km and 10 ms');
    });

    test('a vendor-certified longer round trip may be declared', () => {
      // IBM IP partnerships: 80 ms on 1 Gbps.
      expect(findingsOf(sync({ roundTripSeconds: 0.05, maxSyncRoundTripSeconds: 0.08 }), ID)).toEqual([]);
      const finding = onlyFinding(sync({ roundTripSeconds: 0.081, maxSyncRoundTripSeconds: 0.08 }), ID);
      expect(finding.message).toContain('round trip 81 ms exceeds 80 ms');
      expect(finding.fix).toContain('within 300 km and 80 ms');
    });
  });

  describe('distance', () => {
    test('exactly 300 km passes', () => {
      expect(findingsOf(sync({ distanceKm: 300 }), ID)).toEqual([]);
    });

    test('301 km fails', () => {
      const finding = onlyFinding(sync({ distanceKm: 301 }), ID);
      expect(finding.path).toBe('app/Wan');
      expect(finding.message).toBe('Synchronous link Wan: distance 301 km exceeds 300 km. Every write would wait that long.');
    });

    test('a raised maximum distance is honoured', () => {
      expect(findingsOf(sync({ distanceKm: 301, maxSyncDistanceKm: 400 }), ID)).toEqual([]);
      const finding = onlyFinding(sync({ distanceKm: 401, maxSyncDistanceKm: 400 }), ID);
      expect(finding.message).toContain('distance 401 km exceeds 400 km');
      expect(finding.fix).toContain('within 400 km and 10 ms');
    });
  });

  describe('only the distance given: the fibre round trip is derived (1 ms per 100 km)', () => {
    test('900 km is over the distance limit, while its 9 ms fibre round trip is within 10 ms', () => {
      const finding = onlyFinding(sync({ roundTripSeconds: undefined, distanceKm: 900 }), ID);
      expect(finding.message).toBe('Synchronous link Wan: distance 900 km exceeds 300 km. Every write would wait that long.');
    });

    test('900 km with the maximum distance raised to 1000 km passes: 9 ms <= 10 ms', () => {
      expect(findingsOf(sync({ roundTripSeconds: undefined, distanceKm: 900, maxSyncDistanceKm: 1000 }), ID)).toEqual([]);
    });

    test('900 km against an 8 ms limit: the derived 9 ms round trip is reported', () => {
      const finding = onlyFinding(
        sync({ roundTripSeconds: undefined, distanceKm: 900, maxSyncDistanceKm: 1000, maxSyncRoundTripSeconds: 0.008 }),
        ID,
      );
      expect(finding.message).toBe(
        'Synchronous link Wan: 900 km of fibre alone takes a 9 ms round trip, over 8 ms. Every write would wait that long.',
      );
      expect(finding.fix).toContain('within 1000 km and 8 ms');
    });

    test('1000 km of fibre is exactly 10 ms and passes', () => {
      expect(findingsOf(sync({ roundTripSeconds: undefined, distanceKm: 1000, maxSyncDistanceKm: 2000 }), ID)).toEqual([]);
    });

    test('1100 km of fibre is 11 ms and fails, even with the maximum distance raised', () => {
      const finding = onlyFinding(sync({ roundTripSeconds: undefined, distanceKm: 1100, maxSyncDistanceKm: 2000 }), ID);
      expect(finding.path).toBe('app/Wan');
      expect(finding.message).toContain('1100 km of fibre alone takes a 11 ms round trip, over 10 ms');
      expect(finding.message).not.toContain('exceeds');
    });

    test('a measured round trip takes precedence over the derived one', () => {
      // 1100 km would derive 11 ms, but a measured 9 ms is what the writes wait.
      expect(
        findingsOf(sync({ roundTripSeconds: 0.009, distanceKm: 1100, maxSyncDistanceKm: 2000 }), ID),
      ).toEqual([]);
    });
  });

  test('round trip and distance both over: one finding naming both', () => {
    // The fixture's WAN (18 ms, 900 km) made synchronous.
    const finding = onlyFinding(estate({}, { mode: 'sync' }), ID);
    expect(finding.message).toBe(
      'Synchronous link Wan: round trip 18 ms exceeds 10 ms; distance 900 km exceeds 300 km. Every write would wait that long.',
    );
  });

  test('a synchronous link no schedule of the plan uses is not checked', () => {
    const far = link({ id: 'app/Far', name: 'Far', mode: 'sync', roundTripSeconds: 0.05, distanceKm: 3000 });
    expect(findingsOf({ plans: [plan()], links: [link(), far] }, ID)).toEqual([]);
  });

  test("a split-mirror backup's log mirror is bound by the same limits (seed 003)", () => {
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
    const finding = onlyFinding(splitMirrorEstate({}, {}, { distanceKm: 400, roundTripSeconds: 0.004 }), ID);
    expect(finding.path).toBe('db/Pprc');
    expect(finding.message).toBe('Synchronous link Pprc: distance 400 km exceeds 300 km. Every write would wait that long.');
  });
});
