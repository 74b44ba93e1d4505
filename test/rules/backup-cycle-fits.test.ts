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

  test('the unmodified fixture: a cycle of 1270.0462 s in a daily interval', () => {
    // Tape 40e9 / 100e6 = 400 s from 840.0462 (staging physically complete 640.0462 + 200) to 1240.0462,
    // verify +30 s: 1270.0462 s <= 86400 s.
    const analysis = analyzeFirst(splitMirrorEstate()).splitMirrors[0];
    expect(analysis.steps).toHaveLength(21);
    expect(analysis.cycleSeconds).toBeCloseTo(1270.0462, 4);
    expect(analysis.resync.converges).toBe(true);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('a tape of 400 kB/s: the dump alone takes 100,000 s, longer than a day', () => {
    // Dump 40e9 / 4e5 = 100,000 s (1d 3h 46m 40s) from 840.0462 s: cycle 100,840.0462 + 30 = 100,870.0462 s
    // (1d 4h 1m 10s). Longest steps: dump 100,000 s, restart-standby 300 s (5m), wait-switch-point 188.1702 s
    // (3m 8.2s; it beats wait-tape-staging-physical 170 s). Fix: ceil(100,870.0462 / 60) = 1682 min
    // = 100,920 s = 1d 4h 2m.
    const design = splitMirrorEstate({ tapeBytesPerSecond: 4e5 });
    expect(analyzeFirst(design).splitMirrors[0].cycleSeconds).toBeCloseTo(100_870.0462, 4);
    const finding = onlyFinding(design, ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: one cycle takes 1d 4h 1m 10s (longest steps: dump-to-tape 1d 3h 46m 40s, restart-standby 5m, ' +
        'wait-switch-point 3m 8.2s) but a backup starts every 1d.',
    );
    expect(finding.fix).toBe(
      'Make the interval at least 1d 4h 2m, or shorten the longest steps (faster point-in-time copies or tape, ' +
        'a faster link for the resynchronisation).',
    );
  });

  test('the interval the fix names is enough', () => {
    // At 100,920 s DATA1 changes min(10e9, 1e5 x 100,920) = 10e9: backlog 1.2e8 + 1e10 + 1e10 = 2.012e10,
    // wait-switch-point 0.99 x 2.012e10 / 9.87e7 = 201.8116 s, ending 351.8116; drain 2.012 s; split to 363.8236;
    // then as in the fixture: copy-to-standby 60 + verify 30 + re-establish 30 + log wait 30 (to 513.8236), standby
    // copy physical 423.8236 + 200 = 623.8236, staging copy + verify to 683.8236, staging physical 853.8236,
    // dump 100,000 s + verify 30 s: cycle 100,883.8236 s <= 100,920 s.
    const design = splitMirrorEstate({ tapeBytesPerSecond: 4e5, intervalSeconds: 100_920 });
    expect(analyzeFirst(design).splitMirrors[0].cycleSeconds).toBeCloseTo(100_883.8236, 3);
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('boundary: a cycle exactly as long as the interval fits, one second more does not', () => {
    // No writes: switch point at 150 s, drain 0, split 150-160, copy-to-standby 160-220, verify 250,
    // re-establish 280, log pairs in sync 310, standby copy physical 220 + 200 = 420, tape-staging copy 420-450,
    // verify 480, staging physical 650, dump 650-1050, verify 1080: cycle 1080 s (18m).
    const fits = splitMirrorEstate({ volumes: quietVolumes(), intervalSeconds: 1080 });
    expect(analyzeFirst(fits).splitMirrors[0].cycleSeconds).toBe(1080);
    expect(findingsOf(fits, ID)).toEqual([]);

    const finding = onlyFinding(splitMirrorEstate({ volumes: quietVolumes(), intervalSeconds: 1079 }), ID);
    // Longest: dump 400 s, restart-standby 300 s, wait-tape-staging-physical 650 - 480 = 170 s.
    expect(finding.message).toBe(
      'Backup Backup: one cycle takes 18m (longest steps: dump-to-tape 6m 40s, restart-standby 5m, ' +
        'wait-tape-staging-physical 2m 50s) but a backup starts every 17m 59s.',
    );
    expect(finding.fix).toContain('Make the interval at least 18m, ');
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
