import type { MirrorVolumeDecl } from '../../lib/model/split-mirror';
import { copyOverlap } from '../../lib/rules/copy-overlap';
import { estate } from '../fixtures/estate';
import { mirrorVolumes, SPLIT_MIRROR_ID, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-PIT-COPY-OVERLAP';

/**
 * Fixture timeline (seconds), copies at 200 MB/s: a 40 GB set takes 200 s to copy physically.
 * safety-copy (step 2) 60-90 (copying from 90, physically complete 290); writes resume at 438.1702, step 7
 * (make the mirror simplex) 438.1702-468.1702, copy-to-standby (step 8) 468.1702-498.1702 (physically complete
 * 698.1702); wait-log-pairs-synchronized (step 9) ends 588.1702; with 'physical-complete' the copy to the
 * tape-staging set (step 10) waits until 698.1702, so no two copies share a set at once.
 */

/** The fixture's volumes with no writes at all: every instant of the cycle is a whole second. */
const quietVolumes = (): MirrorVolumeDecl[] => mirrorVolumes().map((v) => ({ ...v, averageChangeBytesPerSecond: 0 }));

describe('SDR-PIT-COPY-OVERLAP', () => {
  test('is an error', () => {
    expect(copyOverlap.id).toBe(ID);
    expect(copyOverlap.level).toBe('error');
  });

  test('the unmodified fixture has no overlapping copies', () => {
    expect(analyzeFirst(splitMirrorEstate()).splitMirrors[0].overlaps).toEqual([]);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('copies at 100 MB/s: the safety copy still holds DBt0 when the copy to the standby starts', () => {
    // 40e9 B / 100e6 B/s = 400 s per copy. safety-copy (step 2) copies from 90 s: physically complete at 490 s.
    // copy-to-standby (step 8) starts at 468.1702 s (writes resume at 438.1702, step 7 takes one 30 s command),
    // using DBt0 -> DBt1: overlap 490 - 468.1702 = 21.8298 s (shown 21.8s); 468.1702 s shows as 7m 48.2s, 490 s as 8m 10s.
    // Fix: the safety copy must end in the 468.1702 - 90 = 378.1702 s (6m 18.2s) before step 8:
    // 40e9 / 378.1702 = 105,772,215 B/s -> "106 MB/s" (three significant digits).
    const design = splitMirrorEstate({ copyBytesPerSecond: 100e6 });
    const [overlap] = analyzeFirst(design).splitMirrors[0].overlaps;
    expect(overlap.first.stepId).toBe('safety-copy');
    expect(overlap.second.stepId).toBe('copy-to-standby');
    expect(overlap.setName).toBe('DBt0');
    expect(overlap.first.physicalCompleteSeconds).toBeCloseTo(490, 9);
    expect(overlap.second.startSeconds).toBeCloseTo(468.1702, 4);
    expect(overlap.overlapSeconds).toBeCloseTo(21.8298, 4);

    const finding = onlyFinding(design, ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: step 8 (copy-to-standby, DBt0 -> DBt1) starts 7m 48.2s into the cycle, but step 2 ' +
        '(safety-copy, DBt0 -> DBt1) holds DBt0 until it has physically completed at 8m 10s: DBt0 would be in ' +
        'two point-in-time-copy relationships for 21.8s.',
    );
    expect(finding.fix).toBe(
      "Raise the point-in-time copy rate to at least 106 MB/s, so that step 2's copy ends in the 6m 18.2s before step 8.",
    );
  });

  test('the copy rate the fix names (106 MB/s) clears the overlap, 105 MB/s does not', () => {
    // 40e9 / 106e6 = 377.36 s <= 378.1702 s; 40e9 / 105e6 = 380.95 s > 378.1702 s (overlap 2.78 s).
    expect(findingsOf(splitMirrorEstate({ copyBytesPerSecond: 106e6 }), ID)).toEqual([]);
    const [finding] = findingsOf(splitMirrorEstate({ copyBytesPerSecond: 105e6 }), ID);
    expect(finding.message).toContain('step 8 (copy-to-standby, DBt0 -> DBt1)');
    expect(finding.message).toContain('for 2.8s.');
  });

  test("secondCopyStart 'logical-complete': the copy to tape staging starts while the standby copy holds DBt1", () => {
    // copy-to-standby copies from 498.1702 s: physically complete at 498.1702 + 200 = 698.1702 s (11m 38.2s).
    // Without the wait, copy-to-tape-staging (step 10, DBt1 -> DBt1P) starts when the log pairs are in sync,
    // at 588.1702 s (9m 48.2s): DBt1 is in two relationships for 698.1702 - 588.1702 = 110 s (1m 50s).
    // The window before step 10 is 588.1702 - 498.1702 = 90 s (1m 30s).
    const design = splitMirrorEstate({ secondCopyStart: 'logical-complete' });
    const [overlap] = analyzeFirst(design).splitMirrors[0].overlaps;
    expect(overlap.first.stepId).toBe('copy-to-standby');
    expect(overlap.second.stepId).toBe('copy-to-tape-staging');
    expect(overlap.setName).toBe('DBt1');
    expect(overlap.overlapSeconds).toBeCloseTo(110, 9);

    const finding = onlyFinding(design, ID);
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: step 10 (copy-to-tape-staging, DBt1 -> DBt1P) starts 9m 48.2s into the cycle, but step 8 ' +
        '(copy-to-standby, DBt0 -> DBt1) holds DBt1 until it has physically completed at 11m 38.2s: DBt1 would be ' +
        'in two point-in-time-copy relationships for 1m 50s.',
    );
    // Both ways out, the wait first. The rate is rounded up: 40e9 / 90 s = 444.4 MB/s -> 445 MB/s.
    expect(finding.fix).toBe(
      "Set pointInTimeCopy.secondCopyStart to 'physical-complete', so that step 10 waits for step 8's copy to finish; " +
        "or raise the point-in-time copy rate to at least 445 MB/s, so that step 8's copy ends in the 1m 30s before step 10.",
    );
    // And the rate offered is enough: at 445 MB/s the copy to the standby completes within the 90 s.
    expect(findingsOf(splitMirrorEstate({ secondCopyStart: 'logical-complete', copyBytesPerSecond: 445e6 }), ID)).toEqual([]);
  });

  test('boundary: the second copy starting exactly when the first physically completes is no overlap', () => {
    // With no writes every instant is whole: backlog 0, so the resync reaches the switch point at once (150 s);
    // suspend command 150-180, one query 180-210 (the drain takes 0 s), split 210-220, resume 220-250, step 7
    // 250-280; copy-to-standby (step 8, DBt0 -> DBt1) starts at 280 s. The safety copy copies from 90 s, so it
    // must take at most 280 - 90 = 190 s: 40e9 / (40e9 / 190) = 190 s, physically complete at exactly 280 s.
    const at = (copyBytesPerSecond: number) => splitMirrorEstate({ volumes: quietVolumes(), copyBytesPerSecond });
    const copies = analyzeFirst(at(40e9 / 190)).splitMirrors[0].copies;
    expect(copies[0].physicalCompleteSeconds).toBe(280);
    expect(copies[1].startSeconds).toBe(280);
    expect(findingsOf(at(40e9 / 190), ID)).toEqual([]);
    // Half a second slower: 190.5 s, physically complete at 280.5 s (4m 40.5s): overlap 0.5 s.
    const finding = onlyFinding(at(40e9 / 190.5), ID);
    expect(finding.message).toBe(
      'Backup Backup: step 8 (copy-to-standby, DBt0 -> DBt1) starts 4m 40s into the cycle, but step 2 ' +
        '(safety-copy, DBt0 -> DBt1) holds DBt0 until it has physically completed at 4m 40.5s: DBt0 would be in ' +
        'two point-in-time-copy relationships for 0.5s.',
    );
    // 40e9 / 190 = 210,526,315.8 B/s -> rounded up to 211 MB/s; the window 280 - 90 = 190 s shows as 3m 10s.
    expect(finding.fix).toBe("Raise the point-in-time copy rate to at least 211 MB/s, so that step 2's copy ends in the 3m 10s before step 8.");
  });

  test('copies that overlap in time but share no set are not reported', () => {
    // 80 MB/s: 40e9 / 80e6 = 500 s per copy; 'logical-complete'. safety-copy physically complete 90 + 500 = 590 s;
    // copy-to-standby starts 468.1702 s (< 590, shares DBt0); copy-to-tape-staging starts 588.1702 s (< 590 and
    // < 498.1702 + 500 = 998.1702, the standby copy's end). With the fixture's sets the tape-staging copy reads
    // DBt1, the safety copy's target, so all three pairs overlap; with the standby on its own set DBt3 the
    // safety copy (DBt0 -> DBt1) and the tape-staging copy (DBt3 -> DBt1P) share nothing.
    const sets = splitMirrorEstate().plans[0].splitMirrors![0].volumeSets;
    const slow = { copyBytesPerSecond: 80e6, secondCopyStart: 'logical-complete' } as const;
    const pairs = (design: ReturnType<typeof splitMirrorEstate>) =>
      analyzeFirst(design).splitMirrors[0].overlaps.map((o) => [o.first.stepId, o.second.stepId, o.setName]);

    const shared = splitMirrorEstate(slow);
    expect(pairs(shared)).toEqual([
      ['safety-copy', 'copy-to-standby', 'DBt0'],
      ['safety-copy', 'copy-to-tape-staging', 'DBt1'],
      ['copy-to-standby', 'copy-to-tape-staging', 'DBt1'],
    ]);
    expect(findingsOf(shared, ID)).toHaveLength(3);

    const apart = splitMirrorEstate({ ...slow, volumeSets: { ...sets, standby: { ...sets.standby, name: 'DBt3' } } });
    expect(pairs(apart)).toEqual([
      ['safety-copy', 'copy-to-standby', 'DBt0'],
      ['copy-to-standby', 'copy-to-tape-staging', 'DBt3'],
    ]);
    expect(findingsOf(apart, ID)).toHaveLength(2);
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate({}, { splitMirrors: [] }), ID)).toEqual([]);
  });
});
