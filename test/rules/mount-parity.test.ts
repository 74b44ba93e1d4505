import type { ServerDecl } from '../../lib/model/design';
import { mountParity } from '../../lib/rules/mount-parity';
import { dataVolume, estate, logVolume, site, tranlogVolume } from '../fixtures/estate';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-MOUNT-PARITY';

/** The fixture's site with `paths` added to server `name`'s extra mount paths. */
function withExtraPaths(role: 'primary' | 'recovery', name: string, paths: string[]) {
  const base = site(role);
  const servers: ServerDecl[] = base.servers.map((server) =>
    server.name === name ? { ...server, extraMountPaths: paths } : server,
  );
  return site(role, { servers });
}

describe('SDR-MOUNT-PARITY', () => {
  test('is an error', () => {
    expect(mountParity.id).toBe(ID);
    expect(mountParity.level).toBe('error');
  });

  test('the unmodified fixture mounts every primary path at the recovery site', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('database logs not mounted at the recovery site', () => {
    const design = estate({
      volumes: [dataVolume(), logVolume({ mountedOn: { primary: ['db1'], recovery: [] } }), tranlogVolume()],
    });
    const finding = onlyFinding(design, ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe('app/Baw/Recovery');
    expect(finding.message).toBe(
      'Recovery site Recovery has no /opt/ibm/WebSphere/database/logs, which db1 mount at primary site Primary.',
    );
    expect(finding.fix).toContain('Mount /opt/ibm/WebSphere/database/logs on a recovery server of the same role');
  });

  test('transaction logs not mounted at the recovery site names both application servers', () => {
    const design = estate({
      volumes: [dataVolume(), logVolume(), tranlogVolume({ mountedOn: { primary: ['was1', 'was2'], recovery: [] } })],
    });
    const finding = onlyFinding(design, ID);
    expect(finding.message).toContain('has no /opt/ibm/WebSphere/tranlogs, which was1, was2 mount at primary site Primary');
  });

  test('a recovery mount on a server the recovery site does not have does not count', () => {
    const design = estate({
      volumes: [dataVolume({ mountedOn: { primary: ['db1'], recovery: ['db9-dr'] } }), logVolume(), tranlogVolume()],
    });
    const finding = onlyFinding(design, ID);
    expect(finding.message).toContain('has no /opt/ibm/WebSphere/database/data, which db1 mount');
  });

  test('an extra primary mount path missing at the recovery site', () => {
    const design = estate({ sites: [withExtraPaths('primary', 'db1', ['/opt/ibm/WebSphere/scripts']), site('recovery')] });
    const finding = onlyFinding(design, ID);
    expect(finding.path).toBe('app/Baw/Recovery');
    expect(finding.message).toContain('has no /opt/ibm/WebSphere/scripts, which db1 mount');
  });

  test('an extra mount path present at the recovery site passes', () => {
    const design = estate({
      sites: [
        withExtraPaths('primary', 'db1', ['/opt/ibm/WebSphere/scripts']),
        withExtraPaths('recovery', 'db1-dr', ['/opt/ibm/WebSphere/scripts']),
      ],
    });
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('each missing path is its own finding', () => {
    const design = estate({
      volumes: [
        dataVolume({ mountedOn: { primary: ['db1'], recovery: [] } }),
        logVolume({ mountedOn: { primary: ['db1'], recovery: [] } }),
        tranlogVolume(),
      ],
    });
    const findings = findingsOf(design, ID);
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.path === 'app/Baw/Recovery')).toBe(true);
    const messages = findings.map((f) => f.message).join('\n');
    expect(messages).toContain('/opt/ibm/WebSphere/database/data');
    expect(messages).toContain('/opt/ibm/WebSphere/database/logs');
  });

  test('the recovery site may have more paths than the primary', () => {
    const design = estate({ sites: [site('primary'), withExtraPaths('recovery', 'was1-dr', ['/opt/dr/scripts'])] });
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('without a recovery site there is nothing to compare', () => {
    const design = estate({
      sites: [site('primary')],
      volumes: [dataVolume({ mountedOn: { primary: ['db1'], recovery: [] } }), logVolume(), tranlogVolume()],
    });
    expect(findingsOf(design, ID)).toEqual([]);
  });
});
