import { analyzeSplitMirror, type SplitMirrorAnalysis } from '../../lib/analysis/split-mirror';
import type { SplitMirrorDecl } from '../../lib/model/split-mirror';
import { mirrorLink, mirrorVolume, mirrorVolumes, splitMirror } from '../fixtures/split-mirror';

function analyze(overrides: Partial<SplitMirrorDecl> = {}, link = mirrorLink()): SplitMirrorAnalysis {
  return analyzeSplitMirror(splitMirror(overrides), link);
}

const step = (a: SplitMirrorAnalysis, id: string) => {
  const found = a.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

// The fixture (test/fixtures/split-mirror.ts): link 100,000,000 B/s; set 4 x 10 GB = 40 GB;
// command 30 s, query 30 s, split 10 s; copies 200 s a set, tape 400 s a set.
describe('split-mirror backup cycle (seed 003)', () => {
  const a = analyze();

  test('follows the seed: eleven steps numbered as the seed numbers them, each command that starts a copy followed by a query', () => {
    expect(a.steps.map((s) => `${s.number} ${s.kind} ${s.id}`)).toEqual([
      '1 command suspend-log-pairs',
      '1 verify verify-log-pairs-suspended',
      '2 command safety-copy',
      '2 verify verify-safety-copy',
      '3 command resync-all-pairs',
      '3 verify wait-switch-point',
      '4 command suspend-writes',
      '4 verify wait-pairs-synchronized',
      '5 command split-pairs',
      '6 command resume-writes',
      '7 command make-mirror-simplex',
      '8 command copy-to-standby',
      '8 verify verify-copy-to-standby',
      '9 command reestablish-log-mirroring',
      '9 verify wait-log-pairs-synchronized',
      '10 verify wait-standby-copy-physical',
      '10 command copy-to-tape-staging',
      '10 verify verify-copy-to-tape-staging',
      '11 command restart-standby',
      '11 verify wait-tape-staging-physical',
      '11 command dump-to-tape',
      '11 verify verify-tape-dump',
    ]);
  });

  test('nothing depends on a copy before the query that verifies it', () => {
    for (const id of ['safety-copy', 'resync-all-pairs', 'copy-to-standby', 'reestablish-log-mirroring', 'copy-to-tape-staging', 'dump-to-tape']) {
      const dependents = a.steps.filter((s) => s.dependsOn.includes(id));
      expect(dependents.map((s) => s.kind)).toEqual(['verify']);
    }
  });

  test('each step starts when the last step it waits for has ended', () => {
    const ends = new Map(a.steps.map((s) => [s.id, s.endSeconds]));
    for (const s of a.steps) {
      expect(s.startSeconds).toBeCloseTo(Math.max(0, ...s.dependsOn.map((id) => ends.get(id)!)), 9);
      expect(s.endSeconds).toBeCloseTo(s.startSeconds + s.durationSeconds, 9);
    }
  });

  test('the resync backlog: data changed in one interval, logs changed since their pairs were suspended', () => {
    // Resync starts at 120 s (two commands and two queries).
    // LOG1 min(10 GB, 1e6 x 120) = 1.2e8; CAT1 0; DATA1 min(10 GB, 1e5 x 86400 = 8.64e9) = 8.64e9;
    // DATA2 min(10 GB, 2e5 x 86400 = 1.728e10) = 1e10. Sum 1.876e10 B.
    expect(a.resync.backlogBytes).toBeCloseTo(1.876e10, 0);
    expect(a.resync.writeBytesPerSecond).toBe(1.3e6);
    expect(a.resync.linkBytesPerSecond).toBe(1e8);
    expect(a.resync.converges).toBe(true);
    // 0.99 x 1.876e10 / (1e8 - 1.3e6) = 1.85724e10 / 9.87e7 = 188.1702 s, from 150 s to 338.1702 s.
    expect(step(a, 'wait-switch-point').durationSeconds).toBeCloseTo(188.1702, 4);
    expect(step(a, 'suspend-writes').startSeconds).toBeCloseTo(338.1702, 4);
  });

  test('write-suspend window: every command and query from the suspend to the resume, in the seed\'s order', () => {
    // 1% of 1.876e10 = 1.876e8 B; / 1e8 B/s = 1.876 s of drain, shorter than the one query that sees it done.
    // Window = suspend command 30 s (step 4) + max(query 30 s, drain 1.876 s) (step 4) + split 10 s (step 5)
    // + resume command 30 s (step 6) = 100 s <= 120 s.
    expect(a.writeSuspend.remainingBytes).toBeCloseTo(1.876e8, 0);
    expect(a.writeSuspend.drainSeconds).toBeCloseTo(1.876, 9);
    expect(a.writeSuspend.parts.map((p) => [p.number, p.seconds])).toEqual([[4, 30], [4, 30], [5, 10], [6, 30]]);
    expect(a.writeSuspend.windowSeconds).toBe(100);
    expect(a.writeSuspend.withinLimit).toBe(true);
    // Drain budget: 120 - split 10 - two commands 60 = 50 s (>= the 30 s query).
    // Lowest switch point: 1 - 50 x 1e8 / 1.876e10 = 0.733475 -> 0.7335 (rounded up).
    expect(a.writeSuspend.requiredSwitchPoint).toBe(0.7335);
    // Line rate at 0.99: 1.876e8 B / 50 s x 8 = 3.0016e7 bit/s -> 30.1 Mbps (3 digits, up).
    expect(a.writeSuspend.requiredLineRateBitsPerSecond).toBe(30_100_000);
    // The window is the span from the write suspend's start to the resume's end in the timeline too.
    expect(step(a, 'resume-writes').endSeconds - step(a, 'suspend-writes').startSeconds).toBeCloseTo(100, 9);
  });

  test('a drain longer than one query counts in full', () => {
    // Switch point 0.5: 9.38e9 B left / 1e8 B/s = 93.8 s. Window 30 + 93.8 + 10 + 30 = 163.8 s > 120 s.
    const early = analyze({ writeSuspend: { ...splitMirror().writeSuspend, switchPoint: 0.5 } });
    expect(early.writeSuspend.windowSeconds).toBeCloseTo(163.8, 9);
    expect(early.writeSuspend.withinLimit).toBe(false);
  });

  test('a window longer than the maximum is reported with the figures', () => {
    const tight = analyze({ writeSuspend: { ...splitMirror().writeSuspend, maxSeconds: 99 } });
    expect(tight.writeSuspend.withinLimit).toBe(false);
    // 99 - 10 - 60 = 29 s left for the wait, less than one 30 s query: no switch point or link helps.
    expect(tight.writeSuspend.requiredSwitchPoint).toBeNull();
    expect(tight.writeSuspend.requiredLineRateBitsPerSecond).toBeNull();
    // 110 s leaves 40 s: 1 - 40 x 1e8 / 1.876e10 = 0.786780 -> 0.7868; 1.876e8 x 8 / 40 s = 3.752e7 -> 37.6 Mbps.
    const wider = analyze({ writeSuspend: { ...splitMirror().writeSuspend, maxSeconds: 110 } });
    expect(wider.writeSuspend.requiredSwitchPoint).toBe(0.7868);
    expect(wider.writeSuspend.requiredLineRateBitsPerSecond).toBe(37_600_000);
  });

  test('the second copy waits for the first to complete physically, and the tape for the second', () => {
    // Write suspend at 338.1702 s, window 100 s: writes resume at 438.1702 s. Step 7 (simplex) 30 s, step 8's copy
    // command issued at 468.1702 s, 30 s -> background copy from 498.1702 s, 200 s -> 698.1702 s.
    expect(step(a, 'make-mirror-simplex').startSeconds).toBeCloseTo(438.1702, 4);
    expect(step(a, 'copy-to-standby').startSeconds).toBeCloseTo(468.1702, 4);
    expect(step(a, 'copy-to-tape-staging').startSeconds).toBeCloseTo(698.1702, 4);
    // Second copy issued at 698.1702, copying from 728.1702 for 200 s -> 928.1702; tape 400 s -> 1328.1702; verify 30 s.
    expect(step(a, 'dump-to-tape').startSeconds).toBeCloseTo(928.1702, 4);
    expect(a.cycleSeconds).toBeCloseTo(1358.1702, 4);
    expect(a.overlaps).toEqual([]);
  });

  test('copies overlapping on a volume are found and named', () => {
    // At 100 MB/s a copy takes 400 s: the safety copy copies from 90 s to 490 s, but the copy to the
    // standby (step 8) starts at 468.1702 s, also from DBt0: 21.8298 s in two relationships.
    const slow = analyze({ copyBytesPerSecond: 100e6 });
    expect(slow.overlaps).toHaveLength(1);
    const [overlap] = slow.overlaps;
    expect([overlap.first.stepId, overlap.second.stepId, overlap.setName]).toEqual(['safety-copy', 'copy-to-standby', 'DBt0']);
    expect(overlap.second.number).toBe(8);
    expect(overlap.overlapSeconds).toBeCloseTo(21.8298, 4);

    // Without the wait, the second copy starts at 588.1702 s (log pairs in sync: reestablished at 528.1702 +
    // 30 s, then one 30 s query) from DBt1 while the first copies into it until 698.1702 s.
    const eager = analyze({ secondCopyStart: 'logical-complete' });
    expect(eager.steps.some((s) => s.id === 'wait-standby-copy-physical')).toBe(false);
    expect(eager.overlaps.map((o) => [o.first.stepId, o.second.stepId, o.setName])).toEqual([['copy-to-standby', 'copy-to-tape-staging', 'DBt1']]);
    expect(eager.overlaps[0].overlapSeconds).toBeCloseTo(110, 9);
  });

  test('a relationship holds its source too: copies to different sets still overlap on the set they read', () => {
    // Safety copy and standby on different sets, copies slow enough that step 2 still runs at step 7:
    // both read DBt0.
    const separate = analyze({
      copyBytesPerSecond: 100e6,
      volumeSets: { ...splitMirror().volumeSets, safetyCopy: { role: 'safetyCopy', name: 'DBt3', logicalSubsystems: ['20', '21'] } },
    });
    expect(separate.overlaps.map((o) => o.setName)).toEqual(['DBt0']);
  });

  test('recovery scenarios: RPO and RTO from the timeline and the declared rates', () => {
    const byKind = Object.fromEntries(a.scenarios.map((s) => [s.kind, s]));
    // Consistency point: the write suspend at 338.1702 s.
    // Read-only standby: usable once restarted at 1058.1702 s: 86400 + 1058.1702 - 338.1702 = 87120 s; RTO 120 s takeover.
    expect(byKind['read-only-standby'].rpoSeconds).toBeCloseTo(87120, 3);
    expect(byKind['read-only-standby'].rtoSeconds).toBe(120);
    // Last backup: usable once the second copy is logically complete at 758.1702 s: 86820 s.
    // RTO: copy back 40 GB / 1e8 B/s = 400 s, restart 600 s = 1000 s.
    expect(byKind['last-backup'].rpoSeconds).toBeCloseTo(86820, 3);
    expect(byKind['last-backup'].rtoSeconds).toBeCloseTo(1000, 9);
    // Point in time: the log mirror is interrupted from 0 s to 588.1702 s (log pairs in sync again).
    // RTO: 400 s copy back + logs of up to 86820 s at 1e6 B/s (8.682e10 B) / 1e7 B/s = 8682 s + 600 s = 9682 s.
    expect(byKind['point-in-time'].rpoSeconds).toBeCloseTo(588.1702, 4);
    expect(byKind['point-in-time'].rtoSeconds).toBeCloseTo(9682, 4);
    // 8.682e10 B / 2^30 = 80.857 GiB.
    expect(byKind['point-in-time'].rtoParts.map((p) => [p.action, p.what])).toEqual([
      ['copy-back', 'copy DBt0 back to DBt2 over the link'],
      ['apply-logs', 'apply up to 80.86 GiB of logs (conditional restart)'],
      ['restart-database', 'restart the database'],
    ]);
  });

  test('point in time: logs beyond the log volumes\' capacity must come from archive logs', () => {
    // LOG1 (the only database-log volume, 10 GB) writes 1e6 B/s x 86820 s = 8.682e10 B > 1e10 B.
    expect(a.logsToApply).toEqual({ bytes: expect.closeTo(8.682e10, 0), databaseLogBytes: expect.closeTo(8.682e10, 0), activeLogCapacityBytes: 1e10, needsArchiveLogs: true });
    const pit = a.scenarios.find((s) => s.kind === 'point-in-time')!;
    expect(pit.notes?.[0]).toContain('archive logs must be available at the recovery site');
    expect(pit.rtoParts[1].params.archiveLogs).toBe('required');
    // At 1e5 B/s the logs of 86820 s are 8.682e9 B, within 10 GB: no archive logs needed.
    const quiet = analyze({ volumes: mirrorVolumes().map((v) => (v.name === 'LOG1' ? { ...v, averageChangeBytesPerSecond: 1e5 } : v)) });
    expect(quiet.logsToApply.needsArchiveLogs).toBe(false);
    expect(quiet.scenarios.find((s) => s.kind === 'point-in-time')!.notes).toBeUndefined();
  });

  test('a resync slower than the writes never converges, and everything after it is unbounded', () => {
    // 8 Mbit/s x 1 = 1e6 B/s of link against 1.3e6 B/s of writes.
    const starved = analyze({}, mirrorLink({ lineRateBitsPerSecond: 8_000_000 }));
    expect(starved.resync.converges).toBe(false);
    expect(starved.cycleSeconds).toBe(Infinity);
    expect(step(starved, 'split-pairs').startSeconds).toBe(Infinity);
    expect(starved.scenarios.every((s) => s.rpoSeconds === Infinity)).toBe(true);
    expect(starved.scenarios.some((s) => Number.isNaN(s.rtoSeconds))).toBe(false);
  });

  test('a copy that never completes, with no log writes, leaves nothing to apply rather than NaN', () => {
    // A 5e-324 B/s copy rate: 40 GB / 5e-324 = Infinity, so the last backup is never usable; 0 B/s x Infinity is NaN.
    const idle = mirrorVolumes().map((v) => ({ ...v, averageChangeBytesPerSecond: 0 }));
    const stuck = analyze({ copyBytesPerSecond: 5e-324, volumes: idle });
    const pit = stuck.scenarios.find((s) => s.kind === 'point-in-time')!;
    expect(stuck.scenarios.find((s) => s.kind === 'last-backup')!.rpoSeconds).toBe(Infinity);
    expect(pit.rtoParts[1]).toMatchObject({ what: 'apply up to 0 B of logs (conditional restart)', seconds: 0 });
  });

  test('LSS balance per distinct set, and the logical paths each port needs', () => {
    const two = (a: string, b: string) => [{ lss: a, volumes: 2 }, { lss: b, volumes: 2 }];
    expect(a.lssBalance.map((b) => [b.setName, b.volumesPerLss, b.even])).toEqual([
      ['DBt2', two('10', '11'), true],
      ['DBt0', two('20', '21'), true],
      ['DBt1', two('20', '21'), true],
      ['DBt1P', two('20', '21'), true],
    ]);
    expect(a.lssPairs).toEqual(['10->20', '11->21']);
    expect(a.logicalPathsPerPort).toBe(2);

    const crowded = analyze({
      volumes: mirrorVolumes().map((v) => ({ ...v, logicalSubsystem: { ...v.logicalSubsystem, live: '10' } })),
    });
    expect(crowded.lssBalance[0]).toEqual({ setName: 'DBt2', volumesPerLss: [{ lss: '10', volumes: 4 }, { lss: '11', volumes: 0 }], even: false });
    expect(crowded.lssPairs).toEqual(['10->20', '10->21']);
  });

  test('the log mirror carries the peak writes of the constantly mirrored volumes, after compression', () => {
    const volumes = [
      mirrorVolume('LOG1', 0, { holds: ['database-logs'], mirroring: 'constant', averageChangeBytesPerSecond: 1e6, peakChangeBytesPerSecond: 6e6 }),
      mirrorVolume('BSDS1', 1, { holds: ['bootstrap-data-set'], mirroring: 'constant', averageChangeBytesPerSecond: 2e6 }),
      mirrorVolume('DATA1', 2, { averageChangeBytesPerSecond: 9e6, peakChangeBytesPerSecond: 9e7 }),
    ];
    // Peaks 6e6 + 2e6 (the average stands in) = 8e6 B/s; the data volume is not mirrored constantly; / 2:1 = 4e6.
    expect(analyze({ volumes }, mirrorLink({ compressionRatio: 2 })).logMirrorPeakBytesPerSecond).toBe(4e6);
  });
});
