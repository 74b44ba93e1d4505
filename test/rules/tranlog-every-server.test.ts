import { tranlogEveryServer } from '../../lib/rules/tranlog-every-server';
import { dataVolume, estate, logVolume, site, tranlogVolume } from '../fixtures/estate';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-TRANLOG-EVERY-SERVER';

const mountedOn = (primary: string[], recovery: string[]) =>
  estate({ volumes: [dataVolume(), logVolume(), tranlogVolume({ mountedOn: { primary, recovery } })] });

describe('SDR-TRANLOG-EVERY-SERVER', () => {
  test('is an error', () => {
    expect(tranlogEveryServer.id).toBe(ID);
    expect(tranlogEveryServer.level).toBe('error');
  });

  test('the unmodified fixture mounts the transaction logs on every application server', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('one application server missing at the primary site', () => {
    const finding = onlyFinding(mountedOn(['was1'], ['was1-dr', 'was2-dr']), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe('app/Baw/Tranlogs');
    expect(finding.message).toBe(
      'Transaction-log volume Tranlogs is not mounted on application server(s) was2 at primary site Primary.',
    );
    expect(finding.fix).toBe('Leave mountedOn.primary unset (every application server) or add was2.');
  });

  test('both application servers missing at the recovery site', () => {
    const finding = onlyFinding(mountedOn(['was1', 'was2'], []), ID);
    expect(finding.message).toBe(
      'Transaction-log volume Tranlogs is not mounted on application server(s) was1-dr, was2-dr at recovery site Recovery.',
    );
    expect(finding.fix).toBe('Leave mountedOn.recovery unset (every application server) or add was1-dr, was2-dr.');
  });

  test('missing at both sites: one finding per site', () => {
    const findings = findingsOf(mountedOn(['was2'], ['was2-dr']), ID);
    expect(findings).toHaveLength(2);
    expect(findings.map((f) => f.path)).toEqual(['app/Baw/Tranlogs', 'app/Baw/Tranlogs']);
    const messages = findings.map((f) => f.message).join('\n');
    expect(messages).toContain('was1 at primary site Primary');
    expect(messages).toContain('was1-dr at recovery site Recovery');
  });

  test('the database server does not need the transaction logs', () => {
    // The fixture's tranlog volume is on was1 and was2 only; db1 is a database server.
    expect(tranlogVolume().mountedOn.primary).not.toContain('db1');
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('a third application server must mount them too', () => {
    const primary = site('primary');
    const servers = [
      ...primary.servers,
      { name: 'was3', role: 'application' as const, host: 'was3.example.com', extraMountPaths: [] },
    ];
    const finding = onlyFinding(estate({ sites: [site('primary', { servers }), site('recovery')] }), ID);
    expect(finding.message).toContain('application server(s) was3 at primary site Primary');
  });

  test('database volumes are not checked', () => {
    // The data volume is mounted on db1 only, and holds no transaction logs.
    const design = estate({
      volumes: [dataVolume({ mountedOn: { primary: ['db1'], recovery: ['db1-dr'] } }), logVolume(), tranlogVolume()],
    });
    expect(findingsOf(design, ID)).toEqual([]);
  });
});
