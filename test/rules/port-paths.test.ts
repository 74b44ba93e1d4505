import type { MirrorVolumeDecl, SplitMirrorDecl, VolumeSetRole } from '../../lib/model/split-mirror';
import { portPaths } from '../../lib/rules/port-paths';
import { estate } from '../fixtures/estate';
import { GB, mirrorVolume, mirrorVolumes, SPLIT_MIRROR_ID, splitMirror, splitMirrorEstate } from '../fixtures/split-mirror';
import { analyzeFirst, findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-PORT-PATHS';

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/**
 * `pairs` volumes, volume i on live LSS hex(i) and on mirror LSS hex(0x80 + i) in every secondary set, and
 * every set listing exactly the LSS ids its volumes use: `pairs` distinct live -> mirror LSS pairs.
 * Volumes are small (1 GB, no writes) so that only the paths differ from the fixture.
 */
function lssPairsDesign(pairs: number, ports: Partial<SplitMirrorDecl['ports']> = {}): Partial<SplitMirrorDecl> {
  const live = Array.from({ length: pairs }, (_, i) => hex(i));
  const secondary = Array.from({ length: pairs }, (_, i) => hex(0x80 + i));
  const volumes: MirrorVolumeDecl[] = live.map((lss, i) =>
    mirrorVolume(`V${i}`, i, {
      capacityBytes: GB,
      holds: i === 0 ? ['database-logs'] : ['table-spaces'],
      mirroring: i === 0 ? 'constant' : 'backup-only',
      logicalSubsystem: { live: lss, mirror: secondary[i], safetyCopy: secondary[i], standby: secondary[i], tapeStaging: secondary[i] },
    }),
  );
  const sets = splitMirror().volumeSets;
  const withLss = (role: VolumeSetRole) => ({ ...sets[role], logicalSubsystems: role === 'live' ? live : secondary });
  return {
    volumes,
    volumeSets: {
      live: withLss('live'),
      mirror: withLss('mirror'),
      safetyCopy: withLss('safetyCopy'),
      standby: withLss('standby'),
      tapeStaging: withLss('tapeStaging'),
    },
    ports: { ...splitMirror().ports, ...ports },
  };
}

describe('SDR-PORT-PATHS', () => {
  test('is an error', () => {
    expect(portPaths.id).toBe(ID);
    expect(portPaths.level).toBe('error');
  });

  test('the unmodified fixture: two LSS pairs (10->20, 11->21), two paths on each port', () => {
    const analysis = analyzeFirst(splitMirrorEstate()).splitMirrors[0];
    expect(analysis.lssPairs).toEqual(['10->20', '11->21']);
    expect(analysis.logicalPathsPerPort).toBe(2);
    expect(findingsOf(splitMirrorEstate(), ID)).toEqual([]);
  });

  test('boundary: exactly 64 LSS pairs pass on 64-path ports', () => {
    const design = splitMirrorEstate(lssPairsDesign(64));
    const analysis = analyzeFirst(design).splitMirrors[0];
    expect(analysis.lssPairs).toHaveLength(64);
    expect(analysis.logicalPathsPerPort).toBe(64);
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('65 LSS pairs need 65 paths on each port: one too many', () => {
    const design = splitMirrorEstate(lssPairsDesign(65));
    expect(analyzeFirst(design).splitMirrors[0].logicalPathsPerPort).toBe(65);
    const finding = onlyFinding(design, ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe(SPLIT_MIRROR_ID);
    expect(finding.message).toBe(
      'Backup Backup: 65 pairs of logical subsystems (live -> mirror) need 65 logical paths on each of the 2 ports; ' +
        'a port carries at most 64.',
    );
    // 65 live LSSs, more than the 64 paths a port carries: spreading over fewer live LSSs is the only remapping that helps.
    expect(finding.fix).toBe(
      'Spread the live set over at most 64 logical subsystems, each mirrored to a single one; or use ports that carry more logical paths.',
    );
  });

  test('ports that carry more paths take the 65 pairs', () => {
    expect(findingsOf(splitMirrorEstate(lssPairsDesign(65, { maxLogicalPathsPerPort: 65 })), ID)).toEqual([]);
  });

  test('volumes sharing an LSS pair share its path', () => {
    // 65 volumes, all on 10 -> 20: one pair.
    const volumes = Array.from({ length: 65 }, (_, i) => mirrorVolume(`V${i}`, 0, { capacityBytes: GB }));
    const design = splitMirrorEstate({ volumes });
    expect(analyzeFirst(design).splitMirrors[0].lssPairs).toEqual(['10->20']);
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('a port of one path and the fixture\'s two pairs', () => {
    const finding = onlyFinding(splitMirrorEstate({ ports: { count: 4, maxLogicalPathsPerPort: 1 } }), ID);
    expect(finding.message).toBe(
      'Backup Backup: 2 pairs of logical subsystems (live -> mirror) need 2 logical paths on each of the 4 ports; ' +
        'a port carries at most 1.',
    );
    // Two live LSSs need two pairs whatever they map onto, and a port carries one path.
    expect(finding.fix).toBe(
      'Spread the live set over at most 1 logical subsystem, each mirrored to a single one; or use ports that carry more logical paths.',
    );
  });

  test('scattered mappings: fewer pairs by mirroring each live LSS to one mirror LSS', () => {
    // The fixture's four volumes all on live LSS 10, mapped to mirror LSS 20 and 21: 2 pairs from 1 live LSS; limit 1.
    const volumes = mirrorVolumes().map((v) => ({ ...v, logicalSubsystem: { ...v.logicalSubsystem, live: '10' } }));
    const finding = onlyFinding(splitMirrorEstate({ volumes, ports: { count: 4, maxLogicalPathsPerPort: 1 } }), ID);
    expect(finding.fix).toBe(
      'Mirror each live logical subsystem to a single mirror logical subsystem, as in seed 003 (1 pair); or use ports that carry more logical paths.',
    );
  });

  test('plans without split mirrors produce no finding', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
    expect(findingsOf(splitMirrorEstate(lssPairsDesign(65), { splitMirrors: [] }), ID)).toEqual([]);
  });
});
