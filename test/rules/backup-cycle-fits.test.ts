import type { MirrorVolumeDecl } from '../../lib/model/split-mirror';
import { backupCycleFits } from '../../lib/rules/backup-cycle-fits';
import { estate } from '../fixtures/estate';
import { mirrorVolumes, SPLIT_MIRROR_ID, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-BACKUP-CYCLE-FITS';

/** The fixture's volumes with no writes: backlog 0, so every instant of the cycle is a whole second. */
const quietVolumes = (): MirrorVolumeDecl[] => mirrorVolumes().map((v) => ({ ...v, averageChangeBytesPerSecond: 0 }));

describe('SDR-BACKUP-CYCLE-FITS', () => {
  test('is an error', () => {
    expect(backupCycleFits.id).toBe(ID);
    expect(backupCycleFits.level).toBe('error');
  });

  test('the unmodified fixture: a cycle of 1358.1702 s in a daily interval', () => {
    // Tape 40e9 / 100e6 = 400 s from 928.1702 (staging physically complete 728.1702 + 200) to 1328.1702,
    // verify +30 s: 1358.1702 s <= 86400 s.
    const analysis = analyzeFirst(splitMirrorEstate()).splitMirrors[0];
    expect(analysis.steps).toHaveLength(22);
    expect(analysis.cycleSeconds).toBeCloseTo(1358.1702, 4);
    expect(analysis.resync.converges).toBe(true);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('a tape of 400 kB/s: the dump alone takes 100,000 s, longer than a day', () => {
    // Dump 40e9 / 4e5 = 100,000 s (1d 3h 46m 40s) from 928.1702 s: cycle 100,928.1702 + 30 = 100,958.1702 s
    // (1d 4h 2m 38.2s). Longest steps: dump 100,000 s, restart-standby 300 s (5m), wait-switch-point 188.1702 s
    // (3m 8.2s; it beats wait-tape-staging-physical 170 s). Fix: ceil(100,958.1702 / 60) = 1683 min
    // = 100,980 s = 1d 4h 3m.
    const design = splitMirrorEstate({ tapeBytesPerSecond: 4e5 });
    expect(analyzeFirst(design).splitMirrors[0].cycleSeconds).toBeCloseTo(100_958.1702, 4);
    const finding = onlyFinding(design, ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: one cycle takes 1d 4h 2m 38.2s (longest steps: dump-to-tape 1d 3h 46m 40s, restart-standby 5m, ' +
        'wait-switch-point 3m 8.2s) but a backup starts every 1d.',
    );
    expect(finding.fix).toBe(
      'Make the interval at least 1d 4h 3m, or shorten the longest steps (faster point-in-time copies or tape, ' +
        'a faster link for the resynchronisation).',
    );
  });

  test('the interval the fix names is enough', () => {
    // At 100,980 s DATA1 changes min(10e9, 1e5 x 100,980) = 10e9: backlog 1.2e8 + 1e10 + 1e10 = 2.012e10,
    // wait-switch-point 0.99 x 2.012e10 / 9.87e7 = 201.8116 s, ending 351.8116; suspend 30 s, one query 30 s
    // (the drain takes 2.012 s), split 10 s, resume 30 s: writes resume at 451.8116; then as in the fixture: step 7
    // 30 s, copy-to-standby 30 s (copying from 511.8116, physical at 711.8116), verify, re-establish, log wait
    // (to 601.8116), wait for the standby copy to 711.8116, staging copy + verify to 771.8116, staging physical
    // 941.8116, dump 100,000 s + verify 30 s: cycle 100,971.8116 s <= 100,980 s.
    const design = splitMirrorEstate({ tapeBytesPerSecond: 4e5, intervalSeconds: 100_980 });
    expect(analyzeFirst(design).splitMirrors[0].cycleSeconds).toBeCloseTo(100_971.8116, 3);
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('boundary: a cycle exactly as long as the interval fits, one second more does not', () => {
    // No writes: switch point at 150 s, suspend 150-180, one query 180-210, split 210-220, resume 220-250,
    // step 7 250-280, copy-to-standby 280-310, verify 340, re-establish 370, log pairs in sync 400, standby copy
    // physical 310 + 200 = 510, tape-staging copy 510-540, verify 570, staging physical 740, dump 740-1140,
    // verify 1170: cycle 1170 s (19m 30s).
    const fits = splitMirrorEstate({ volumes: quietVolumes(), intervalSeconds: 1170 });
    expect(analyzeFirst(fits).splitMirrors[0].cycleSeconds).toBe(1170);
    expect(findingsOf(fits, ID)).toEqual([]);

    const finding = onlyFinding(splitMirrorEstate({ volumes: quietVolumes(), intervalSeconds: 1169 }), ID);
    // Longest: dump 400 s, restart-standby 300 s, wait-tape-staging-physical 740 - 570 = 170 s.
    expect(finding.message).toBe(
      'Backup Backup: one cycle takes 19m 30s (longest steps: dump-to-tape 6m 40s, restart-standby 5m, ' +
        'wait-tape-staging-physical 2m 50s) but a backup starts every 19m 29s.',
    );
    // The interval offered is rounded up to whole minutes: 1170 s -> 20m.
    expect(finding.fix).toContain('Make the interval at least 20m, ');
  });

  test('a resynchronisation that never catches up: link 8 Mbps (1 MB/s) against 1.3 MB/s of writes', () => {
    // Writes 1e6 + 0 + 1e5 + 2e5 = 1.3e6 B/s; link 8e6 / 8 x 1 x 1 = 1e6 B/s <= 1.3e6: never converges.
    const design = splitMirrorEstate({}, {}, { lineRateBitsPerSecond: 8e6 });
    const analysis = analyzeFirst(design).splitMirrors[0];
    expect(analysis.resync.converges).toBe(false);
    expect(analysis.cycleSeconds).toBe(Infinity);
    const finding = onlyFinding(design, ID);
    expect(finding.message).toBe(
      'Backup Backup: the resynchronisation never catches up: the volumes change at 1.3 MB/s and the link copies 1 MB/s.',
    );
    expect(finding.fix).toBe(
      'Give the link more than 1.3 MB/s of changed data per second (line rate x efficiency x compression).',
    );
  });

  test('boundary: a link exactly as fast as the writes never catches up either', () => {
    // 10.4e6 bit/s / 8 = 1.3e6 B/s = the writes: (link - writes) = 0.
    const finding = onlyFinding(splitMirrorEstate({}, {}, { lineRateBitsPerSecond: 10.4e6 }), ID);
    expect(finding.message).toContain('never catches up');
    expect(finding.message).toContain('the link copies 1.3 MB/s');
  });

  test('compression counts towards what the link copies', () => {
    // 8e6 / 8 x 1 x 2 = 2e6 B/s > 1.3e6: converges (and no "never catches up" finding).
    const analysis = analyzeFirst(splitMirrorEstate({}, {}, { lineRateBitsPerSecond: 8e6, compressionRatio: 2 })).splitMirrors[0];
    expect(analysis.resync.linkBytesPerSecond).toBe(2e6);
    expect(analysis.resync.converges).toBe(true);
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate({ tapeBytesPerSecond: 4e5 }, { splitMirrors: [] }), ID)).toEqual([]);
  });
});
