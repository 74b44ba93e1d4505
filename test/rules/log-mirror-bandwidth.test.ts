import type { MirrorVolumeDecl } from '../../lib/model/split-mirror';
import { logMirrorBandwidth } from '../../lib/rules/log-mirror-bandwidth';
import { estate } from '../fixtures/estate';
import { mirrorVolumes, SPLIT_MIRROR_ID, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-LOG-MIRROR-BANDWIDTH';

/** The fixture's volumes with volume `name` changed. */
function withVolume(name: string, changes: Partial<MirrorVolumeDecl>): MirrorVolumeDecl[] {
  const volumes = mirrorVolumes();
  expect(volumes.some((v) => v.name === name)).toBe(true);
  return volumes.map((v) => (v.name === name ? { ...v, ...changes } : v));
}

/** LOG1 with a declared peak write rate (bytes per second). */
const logPeak = (peak: number) => ({ volumes: withVolume('LOG1', { peakChangeBytesPerSecond: peak }) });

describe('SDR-LOG-MIRROR-BANDWIDTH', () => {
  test('is an error', () => {
    expect(logMirrorBandwidth.id).toBe(ID);
    expect(logMirrorBandwidth.level).toBe('error');
  });

  test('the unmodified fixture: 1 MB/s of log writes (its declared peak) over a 100 MB/s link', () => {
    // Constant volumes LOG1 1e6 + CAT1 0 = 1e6 B/s; link 800e6 / 8 x 1 = 1e8 B/s.
    expect(analyzeFirst(splitMirrorEstate()).splitMirrors[0].logMirrorPeakBytesPerSecond).toBe(1e6);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('a log peak of 150 MB/s over a 100 MB/s link', () => {
    // Required line rate: 150e6 x 8 / 1 = 1.2e9 bit/s -> "1.2 Gbps".
    const finding = onlyFinding(splitMirrorEstate(logPeak(150e6)), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: the constantly mirrored volumes write up to 150 MB/s (after compression) but link Pprc moves 100 MB/s.',
    );
    expect(finding.fix).toBe('Give link Pprc a line rate of at least 1.2 Gbps.');
  });

  test('the peaks of all constant volumes add up, and the link efficiency enters the fix', () => {
    // LOG1 peak 30e6 + CAT1 peak 30e6 = 60e6 B/s; link 800e6 / 8 x 0.5 = 50e6 B/s.
    // Required: 60e6 x 8 / 0.5 = 9.6e8 bit/s -> "960 Mbps".
    const volumes = mirrorVolumes().map((v) => (v.mirroring === 'constant' ? { ...v, peakChangeBytesPerSecond: 30e6 } : v));
    const finding = onlyFinding(splitMirrorEstate({ volumes }, {}, { efficiency: 0.5 }), ID);
    expect(finding.message).toBe(
      'Backup Backup: the constantly mirrored volumes write up to 60 MB/s (after compression) but link Pprc moves 50 MB/s.',
    );
    expect(finding.fix).toBe('Give link Pprc a line rate of at least 960 Mbps.');
  });

  test('boundary: a peak exactly equal to the link passes, one byte per second more fails', () => {
    // 1e8 B/s <= 1e8 B/s; 1e8 + 1 > 1e8 (required (1e8 + 1) x 8 = 800,000,008 bit/s -> ceil3sig "801 Mbps").
    expect(findingsOf(splitMirrorEstate(logPeak(1e8)), ID)).toEqual([]);
    expect(onlyFinding(splitMirrorEstate(logPeak(1e8 + 1)), ID).fix).toBe('Give link Pprc a line rate of at least 801 Mbps.');
  });

  test('compression divides the peak: 150 MB/s at 2:1 sends 75 MB/s', () => {
    const design = splitMirrorEstate(logPeak(150e6), {}, { compressionRatio: 2 });
    expect(analyzeFirst(design).splitMirrors[0].logMirrorPeakBytesPerSecond).toBe(75e6);
    expect(findingsOf(design, ID)).toEqual([]);
    // 300 MB/s at 2:1 sends 150 MB/s > 100 MB/s: the same 1.2 Gbps as uncompressed 150 MB/s.
    expect(onlyFinding(splitMirrorEstate(logPeak(300e6), {}, { compressionRatio: 2 }), ID).fix).toBe(
      'Give link Pprc a line rate of at least 1.2 Gbps.',
    );
  });

  test('the peaks of volumes mirrored only for backups do not count', () => {
    const design = splitMirrorEstate({ volumes: withVolume('DATA1', { peakChangeBytesPerSecond: 1e9 }) });
    expect(analyzeFirst(design).splitMirrors[0].logMirrorPeakBytesPerSecond).toBe(1e6);
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(logPeak(150e6), { splitMirrors: [] }), ID)).toEqual([]);
  });
});
