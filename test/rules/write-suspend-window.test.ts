import type { SplitMirrorDecl } from '../../lib/model/split-mirror';
import { writeSuspendWindow } from '../../lib/rules/write-suspend-window';
import { estate } from '../fixtures/estate';
import { SPLIT_MIRROR_ID, splitMirror, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-WRITE-SUSPEND-WINDOW';

/**
 * Fixture: backlog B = LOG1 min(10e9, 1e6 x 120) = 1.2e8 + CAT1 0 + DATA1 min(10e9, 1e5 x 86400) = 8.64e9
 * + DATA2 min(10e9, 2e5 x 86400) = 1e10 -> 1.876e10 B; link W = 800e6 / 8 x 1 = 1e8 B/s.
 * At the 0.99 switch point (1 - 0.99) x 1.876e10 = 1.876e8 B remain: drain 1.876 s, shorter than one 30 s query.
 * Window = suspend command 30 s + wait 30 s + split 10 s + resume command 30 s = 100 s, at most 120 s tolerated.
 */
const writeSuspend = (changes: Partial<SplitMirrorDecl['writeSuspend']>) => ({
  writeSuspend: { ...splitMirror().writeSuspend, ...changes },
});

describe('SDR-WRITE-SUSPEND-WINDOW', () => {
  test('is an error', () => {
    expect(writeSuspendWindow.id).toBe(ID);
    expect(writeSuspendWindow.level).toBe('error');
  });

  test('the unmodified fixture suspends writes for 100 s, within 120 s', () => {
    const w = analyzeFirst(splitMirrorEstate()).splitMirrors[0].writeSuspend;
    expect(w.remainingBytes).toBeCloseTo(1.876e8, 0);
    expect(w.drainSeconds).toBeCloseTo(1.876, 9);
    expect(w.windowSeconds).toBe(100);
    expect(w.withinLimit).toBe(true);
    // Drain budget 120 - 10 - 2 x 30 = 50 s: ceil4(1 - 50 x 1e8 / 1.876e10) = ceil4(0.733475) = 0.7335;
    // ceil3sig(1.876e8 / 50 x 8) = ceil3sig(30,016,000) = 30,100,000 bit/s.
    expect(w.requiredSwitchPoint).toBe(0.7335);
    expect(w.requiredLineRateBitsPerSecond).toBe(30_100_000);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('the message counts every command and query while writes wait, in the seed\'s order', () => {
    // At most 99 s: 100 s is too long. The wait is one query, so no switch point or link helps
    // (99 - 10 - 60 = 29 s < one 30 s query); a shorter split would need 99 - 90 = 9 s.
    // Shown: 1.876e8 B / 2^20 = 178.909 MiB = "178.91 MiB"; drain 1.876 s = "1.9s".
    const finding = onlyFinding(splitMirrorEstate(writeSuspend({ maxSeconds: 99 })), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: writes would be suspended for 1m 40s = suspend command 30s (step 4) + wait until every pair is in sync 30s ' +
        '(one query; the 178.91 MiB left at the 99% switch point cross the link at 100 MB/s in 1.9s) + split 10s (step 5) + ' +
        'resume command 30s (step 6); at most 1m 39s is tolerated.',
    );
    expect(finding.fix).toBe(
      'Split faster: splitTime at most 9s (now 10s); or automate the commands and queries: each command (commandTime 30s) ' +
        'and query (queryTime 30s) runs while writes wait.',
    );
  });

  test('a drain longer than one query: the fix names the switch point and the line rate', () => {
    // Switch point 0.5: (1 - 0.5) x 1.876e10 = 9.38e9 B, drain 93.8 s; window 30 + 93.8 + 10 + 30 = 163.8 s > 120 s.
    // Budget 50 s. Switch point: 1 - 50 x 1e8 / 1.876e10 = 0.733475 -> 0.7335 = "73.35%".
    // Line rate: 9.38e9 / 50 x 8 = 1.5008e9 bit/s -> ceil3sig 1.51e9 = "1.51 Gbps". 9.38e9 B / 2^30 = 8.7357 GiB.
    const finding = onlyFinding(splitMirrorEstate(writeSuspend({ switchPoint: 0.5 })), ID);
    expect(finding.message).toBe(
      'Backup Backup: writes would be suspended for 2m 43.8s = suspend command 30s (step 4) + wait until every pair is in sync 1m 33.8s ' +
        '(the 8.74 GiB left at the 50% switch point crossing the link at 100 MB/s) + split 10s (step 5) + resume command 30s (step 6); ' +
        'at most 2m is tolerated.',
    );
    expect(finding.fix).toContain('Suspend writes later: switchPoint at least 73.35%; or give the link a line rate of at least 1.51 Gbps');
  });

  test('either fix the finding names is enough, and a step short of it is not', () => {
    // switchPoint 0.7335: 0.2665 x 1.876e10 = 4.99954e9 B, 49.9954 s; window 119.9954 s <= 120.
    // switchPoint 0.7334: 0.2666 x 1.876e10 = 5.001416e9 B, 50.01416 s; window 120.01416 s > 120.
    expect(findingsOf(splitMirrorEstate(writeSuspend({ switchPoint: 0.7335 })), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(writeSuspend({ switchPoint: 0.7334 })), ID)).toHaveLength(1);
    // 1.51 Gbps at switch point 0.5: W = 1.8875e8 B/s, drain 9.38e9 / 1.8875e8 = 49.695 s; window 119.695 s <= 120.
    expect(findingsOf(splitMirrorEstate(writeSuspend({ switchPoint: 0.5 }), {}, { lineRateBitsPerSecond: 1.51e9 }), ID)).toEqual([]);
    // The split the first finding names (9 s at most 99 s): 30 + 30 + 9 + 30 = 99 s.
    expect(findingsOf(splitMirrorEstate({ ...writeSuspend({ maxSeconds: 99 }), splitSeconds: 9 }), ID)).toEqual([]);
  });

  test('boundary: a tolerance exactly equal to the window passes, 0.1 s less fails', () => {
    // switchPoint 0.5: window 163.8 s.
    const equal = splitMirrorEstate(writeSuspend({ switchPoint: 0.5, maxSeconds: 163.8 }));
    const w = analyzeFirst(equal).splitMirrors[0].writeSuspend;
    expect(w.windowSeconds).toBeCloseTo(163.8, 9);
    expect(w.withinLimit).toBe(true);
    expect(findingsOf(equal, ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(writeSuspend({ switchPoint: 0.5, maxSeconds: 163.7 })), ID)).toHaveLength(1);
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(writeSuspend({ maxSeconds: 1 }), { splitMirrors: [] }), ID)).toEqual([]);
  });
});
