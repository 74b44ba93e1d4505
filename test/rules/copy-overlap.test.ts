import type { MirrorVolumeDecl } from '../../lib/model/split-mirror';
import { copyOverlap } from '../../lib/rules/copy-overlap';
import { estate } from '../fixtures/estate';
import { mirrorVolumes, SPLIT_MIRROR_ID, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-PIT-COPY-OVERLAP';

/**
 * Fixture timeline (seconds), copies at 200 MB/s: a 40 GB set takes 200 s to copy physically.
 * safety-copy 60-90 (copying from 90, physically complete 290); copy-to-standby 350.0462-410.0462
 * (physically complete 610.0462); wait-log-pairs-synchronized ends 500.0462; with 'physical-complete'
 * the copy to the tape-staging set waits until 610.0462, so no two copies share a set at once.
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
    // copy-to-standby (step 7) starts at 350.0462 s (the split ends 340.0462 + 10), using DBt0 -> DBt1:
    // overlap 490 - 350.0462 = 139.9538 s (shown 2m 20s); 350.0462 s shows as 5m 50s, 490 s as 8m 10s.
    // Fix: the safety copy must end in the 350.0462 - 90 = 260.0462 s (4m 20s) before step 7:
    // 40e9 / 260.0462 = 153,818,814 B/s -> "154 MB/s" (three significant digits).
    const design = splitMirrorEstate({ copyBytesPerSecond: 100e6 });
    const [overlap] = analyzeFirst(design).splitMirrors[0].overlaps;
    expect(overlap.first.stepId).toBe('safety-copy');
    expect(overlap.second.stepId).toBe('copy-to-standby');
    expect(overlap.setName).toBe('DBt0');
    expect(overlap.first.physicalCompleteSeconds).toBeCloseTo(490, 9);
    expect(overlap.second.startSeconds).toBeCloseTo(350.0462, 4);
    expect(overlap.overlapSeconds).toBeCloseTo(139.9538, 4);

    const finding = onlyFinding(design, ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: step 7 (copy-to-standby, DBt0 -> DBt1) starts 5m 50s into the cycle, but step 2 ' +
        '(safety-copy, DBt0 -> DBt1) holds DBt0 until it has physically completed at 8m 10s: DBt0 would be in ' +
        'two point-in-time-copy relationships for 2m 20s.',
    );
    expect(finding.fix).toBe(
      "Raise the point-in-time copy rate to at least 154 MB/s, so that step 2's copy ends in the 4m 20s before step 7.",
    );
  });

  test('the copy rate the fix names (154 MB/s) clears the overlap, 153 MB/s does not', () => {
    // 40e9 / 154e6 = 259.74 s <= 260.0462 s; 40e9 / 153e6 = 261.44 s > 260.0462 s (overlap 1.39 s).
    expect(findingsOf(splitMirrorEstate({ copyBytesPerSecond: 154e6 }), ID)).toEqual([]);
    const [finding] = findingsOf(splitMirrorEstate({ copyBytesPerSecond: 153e6 }), ID);
    expect(finding.message).toContain('step 7 (copy-to-standby, DBt0 -> DBt1)');
    expect(finding.message).toContain('for 1.4s.');
  });

  test("secondCopyStart 'logical-complete': the copy to tape staging starts while the standby copy holds DBt1", () => {
    // copy-to-standby copies from 410.0462 s: physically complete at 410.0462 + 200 = 610.0462 s (10m 10s).
    // Without the wait, copy-to-tape-staging (step 9, DBt1 -> DBt1P) starts when the log pairs are in sync,
    // at 500.0462 s (8m 20s): DBt1 is in two relationships for 610.0462 - 500.0462 = 110 s (1m 50s).
    // The window before step 9 is 500.0462 - 410.0462 = 90 s (1m 30s).
    const design = splitMirrorEstate({ secondCopyStart: 'logical-complete' });
    const [overlap] = analyzeFirst(design).splitMirrors[0].overlaps;
    expect(overlap.first.stepId).toBe('copy-to-standby');
    expect(overlap.second.stepId).toBe('copy-to-tape-staging');
    expect(overlap.setName).toBe('DBt1');
    expect(overlap.overlapSeconds).toBeCloseTo(110, 9);

    const finding = onlyFinding(design, ID);
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: step 9 (copy-to-tape-staging, DBt1 -> DBt1P) starts 8m 20s into the cycle, but step 7 ' +
        '(copy-to-standby, DBt0 -> DBt1) holds DBt1 until it has physically completed at 10m 10s: DBt1 would be ' +
        'in two point-in-time-copy relationships for 1m 50s.',
    );
    // Both ways out, the wait first. The rate is rounded up: 40e9 / 90 s = 444.4 MB/s -> 445 MB/s.
    expect(finding.fix).toBe(
      "Set pointInTimeCopy.secondCopyStart to 'physical-complete', so that step 9 waits for step 7's copy to finish; " +
        "or raise the point-in-time copy rate to at least 445 MB/s, so that step 7's copy ends in the 1m 30s before step 9.",
    );
    // And the rate offered is enough: at 445 MB/s the copy to the standby completes within the 90 s.
    expect(findingsOf(splitMirrorEstate({ secondCopyStart: 'logical-complete', copyBytesPerSecond: 445e6 }), ID)).toEqual([]);
  });

  test('boundary: the second copy starting exactly when the first physically completes is no overlap', () => {
    // With no writes every instant is whole: backlog 0, so the resync reaches the switch point at once (150 s),
    // the drain takes 0 s and the split 150-160 s; copy-to-standby (DBt0 -> DBt1) starts at 160 s. The safety
    // copy copies from 90 s, so it must take at most 160 - 90 = 70 s: 40e9 / (40e9 / 70) = 70 s, physically
    // complete at exactly 160 s.
    const at = (copyBytesPerSecond: number) => splitMirrorEstate({ volumes: quietVolumes(), copyBytesPerSecond });
    const copies = analyzeFirst(at(40e9 / 70)).splitMirrors[0].copies;
    expect(copies[0].physicalCompleteSeconds).toBe(160);
    expect(copies[1].startSeconds).toBe(160);
    expect(findingsOf(at(40e9 / 70), ID)).toEqual([]);
    // Half a second slower: 70.5 s, physically complete at 160.5 s (2m 40.5s): overlap 0.5 s.
    const finding = onlyFinding(at(40e9 / 70.5), ID);
    expect(finding.message).toBe(
      'Backup Backup: step 7 (copy-to-standby, DBt0 -> DBt1) starts 2m 40s into the cycle, but step 2 ' +
        '(safety-copy, DBt0 -> DBt1) holds DBt0 until it has physically completed at 2m 40.5s: DBt0 would be in ' +
        'two point-in-time-copy relationships for 0.5s.',
    );
    // 40e9 / 70 = 571,428,571.4 B/s -> rounded up to 572 MB/s; the window 160 - 90 = 70 s shows as 1m 10s.
    expect(finding.fix).toBe("Raise the point-in-time copy rate to at least 572 MB/s, so that step 2's copy ends in the 1m 10s before step 7.");
  });

  test('copies that overlap in time but share no set are not reported', () => {
    // 80 MB/s: 40e9 / 80e6 = 500 s per copy; 'logical-complete'. safety-copy physically complete 90 + 500 = 590 s;
    // copy-to-standby starts 350.0462 s (< 590, shares DBt0); copy-to-tape-staging starts 500.0462 s (< 590 and
    // < 410.0462 + 500 = 910.0462, the standby copy's end). With the fixture's sets the tape-staging copy reads
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
