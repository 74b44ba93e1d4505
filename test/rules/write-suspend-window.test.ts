import type { SplitMirrorDecl } from '../../lib/model/split-mirror';
import { writeSuspendWindow } from '../../lib/rules/write-suspend-window';
import { estate } from '../fixtures/estate';
import { SPLIT_MIRROR_ID, splitMirror, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-WRITE-SUSPEND-WINDOW';

/**
 * Fixture: backlog B = LOG1 min(10e9, 1e6 x 120) = 1.2e8 + CAT1 0 + DATA1 min(10e9, 1e5 x 86400) = 8.64e9
 * + DATA2 min(10e9, 2e5 x 86400) = 1e10 -> 1.876e10 B; link W = 800e6 / 8 x 1 = 1e8 B/s.
 * At the 0.99 switch point (1 - 0.99) x 1.876e10 = 1.876e8 B remain: drain 1.876 s + split 10 s = 11.876 s.
 */
const writeSuspend = (changes: Partial<SplitMirrorDecl['writeSuspend']>) => ({
  writeSuspend: { ...splitMirror().writeSuspend, ...changes },
});

describe('SDR-WRITE-SUSPEND-WINDOW', () => {
  test('is an error', () => {
    expect(writeSuspendWindow.id).toBe(ID);
    expect(writeSuspendWindow.level).toBe('error');
  });

  test('the unmodified fixture suspends writes for 11.876 s, within 20 s', () => {
    const w = analyzeFirst(splitMirrorEstate()).splitMirrors[0].writeSuspend;
    expect(w.remainingBytes).toBeCloseTo(1.876e8, 0);
    expect(w.drainSeconds).toBeCloseTo(1.876, 9);
    expect(w.windowSeconds).toBeCloseTo(11.876, 9);
    expect(w.withinLimit).toBe(true);
    // ceil4(1 - (20 - 10) x 1e8 / 1.876e10) = ceil4(0.946695) = 0.9467;
    // ceil3sig(1.876e8 / (20 - 10) x 8) = ceil3sig(150,080,000) = 151,000,000 bit/s.
    expect(w.requiredSwitchPoint).toBe(0.9467);
    expect(w.requiredLineRateBitsPerSecond).toBe(151_000_000);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('at most 11 s tolerated: 11.876 s is too long, and the fix names the switch point and line rate', () => {
    // Drain budget 11 - 10 = 1 s. Switch point: 1 - 1 x 1e8 / 1.876e10 = 0.99466951 -> ceil4 0.9947 = "99.47%".
    // Line rate: 1.876e8 B / 1 s x 8 = 1.5008e9 bit/s -> ceil3sig 1.51e9 = "1.51 Gbps".
    // Shown: window 11.876 s = "11.9s", drain 1.876 s = "1.9s", 1.876e8 B / 2^20 = 178.909 MiB = "178.91 MiB".
    const finding = onlyFinding(splitMirrorEstate(writeSuspend({ maxSeconds: 11 })), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: writes would be suspended for 11.9s = 1.9s to copy the 178.91 MiB left at the 99% ' +
        'switch point at 100 MB/s + split 10s; at most 11s is tolerated.',
    );
    expect(finding.fix).toContain('Suspend writes later: switchPoint at least 99.47%; or ');
    expect(finding.fix).toContain('give the link a line rate of at least 1.51 Gbps');
  });

  test('either fix the finding names is enough, and a step short of it is not', () => {
    // switchPoint 0.9947: 0.0053 x 1.876e10 = 9.9428e7 B, 0.994 s + 10 s = 10.994 s <= 11.
    // switchPoint 0.9946: 0.0054 x 1.876e10 = 1.01304e8 B, 1.013 s + 10 s = 11.013 s > 11.
    expect(findingsOf(splitMirrorEstate(writeSuspend({ maxSeconds: 11, switchPoint: 0.9947 })), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(writeSuspend({ maxSeconds: 11, switchPoint: 0.9946 })), ID)).toHaveLength(1);
    // 1.51 Gbps: W = 1.8875e8 B/s; the backlog is unchanged (LOG1 still counts 120 s), drain 1.876e8 / 1.8875e8
    // = 0.994 s + 10 s = 10.994 s <= 11.
    expect(findingsOf(splitMirrorEstate(writeSuspend({ maxSeconds: 11 }), {}, { lineRateBitsPerSecond: 1.51e9 }), ID)).toEqual([]);
  });

  test('a tolerance no longer than the split: no switch point or line rate helps, only a shorter split', () => {
    // max 10 s = split 10 s: drain budget 0. requiredSwitchPoint = ceil4(1 - 0) = 1 (not offered, < 1 fails);
    // no line rate (budget not > 0). Window 11.876 s > 10 s.
    const design = splitMirrorEstate(writeSuspend({ maxSeconds: 10 }));
    const w = analyzeFirst(design).splitMirrors[0].writeSuspend;
    expect(w.requiredSwitchPoint).toBe(1);
    expect(w.requiredLineRateBitsPerSecond).toBeNull();
    const finding = onlyFinding(design, ID);
    expect(finding.message).toBe(
      'Backup Backup: writes would be suspended for 11.9s = 1.9s to copy the 178.91 MiB left at the 99% ' +
        'switch point at 100 MB/s + split 10s; at most 10s is tolerated.',
    );
    // Only the split is offered, and it must leave room for the 1.876 s drain: 10 - 1.876 = 8.124 -> 8.1 s (down).
    expect(finding.fix).toBe('Split faster: splitTime at most 8.1s (now 10s).');
    expect(finding.fix).not.toContain('switchPoint');
    expect(finding.fix).not.toContain('line rate');
  });

  test('boundary: a tolerance exactly equal to the window passes, 0.1 s less fails', () => {
    // switchPoint 0.5: (1 - 0.5) x 1.876e10 = 9.38e9 B, drain 9.38e9 / 1e8 = 93.8 s, window 93.8 + 10 = 103.8 s.
    const equal = splitMirrorEstate(writeSuspend({ switchPoint: 0.5, maxSeconds: 103.8 }));
    const w = analyzeFirst(equal).splitMirrors[0].writeSuspend;
    expect(w.windowSeconds).toBe(103.8);
    expect(w.withinLimit).toBe(true);
    expect(findingsOf(equal, ID)).toEqual([]);

    // max 103.7 s: budget 93.7 s. Switch point 1 - 93.7 x 1e8 / 1.876e10 = 0.500533 -> 0.5006 = "50.06%";
    // line rate 9.38e9 / 93.7 x 8 = 800,853,789 bit/s -> ceil3sig "801 Mbps"; 9.38e9 B / 2^30 = 8.7357 GiB.
    const finding = onlyFinding(splitMirrorEstate(writeSuspend({ switchPoint: 0.5, maxSeconds: 103.7 })), ID);
    expect(finding.message).toBe(
      'Backup Backup: writes would be suspended for 1m 43.8s = 1m 33.8s to copy the 8.74 GiB left at the 50% ' +
        'switch point at 100 MB/s + split 10s; at most 1m 43.7s is tolerated.',
    );
    expect(finding.fix).toContain('Suspend writes later: switchPoint at least 50.06%; or give the link a line rate of at least 801 Mbps');
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(writeSuspend({ maxSeconds: 1 }), { splitMirrors: [] }), ID)).toEqual([]);
  });
});
