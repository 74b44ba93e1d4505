import { runtimeDataCoverage } from '../../lib/rules/runtime-data-coverage';
import { dataVolume, estate, logVolume, site, tranlogVolume } from '../fixtures/estate';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-RUNTIME-DATA-COVERAGE';

describe('SDR-RUNTIME-DATA-COVERAGE', () => {
  test('is a warning', () => {
    expect(runtimeDataCoverage.id).toBe(ID);
    expect(runtimeDataCoverage.level).toBe('warning');
  });

  test('the unmodified fixture holds transaction logs, database data and database logs', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('no volume holds transaction logs', () => {
    const design = estate({ volumes: [dataVolume(), logVolume(), tranlogVolume({ holds: ['compensation-logs'] })] });
    const finding = onlyFinding(design, ID);
    expect(finding.level).toBe('warning');
    expect(finding.path).toBe('app/Baw');
    expect(finding.message).toBe(
      'No volume of plan Baw holds transaction-logs: without them at the recovery site, in-doubt transactions cannot be recovered.',
    );
    expect(finding.fix).toBe('Add transaction-logs to the holds of the volume that keeps them, or declare that volume.');
  });

  test('no volume holds database logs', () => {
    const design = estate({ volumes: [dataVolume(), logVolume({ holds: ['other'] }), tranlogVolume()] });
    const finding = onlyFinding(design, ID);
    expect(finding.message).toContain('holds database-logs');
    expect(finding.message).toContain('the database cannot roll forward to the snapshot instant');
  });

  test('only transaction logs declared: database data and logs are both missing', () => {
    const design = estate({ volumes: [tranlogVolume()] });
    const findings = findingsOf(design, ID);
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.path === 'app/Baw')).toBe(true);
    const messages = findings.map((f) => f.message).join('\n');
    expect(messages).toContain('holds database-data: without them at the recovery site, the application has no database to restart on');
    expect(messages).toContain('holds database-logs');
  });

  test('kinds may be held anywhere: one volume holding everything covers them', () => {
    const design = estate({
      volumes: [dataVolume({ holds: ['database-data', 'database-logs', 'transaction-logs'] })],
    });
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('a plain database plan (no application servers, no TranlogVolume) is not asked for transaction logs', () => {
    const databaseOnly = (role: 'primary' | 'recovery') =>
      site(role, { servers: site(role).servers.filter((server) => server.role === 'database') });
    const design = estate({ sites: [databaseOnly('primary'), databaseOnly('recovery')], volumes: [dataVolume(), logVolume()] });
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('a TranlogVolume makes it a WebSphere plan even without application servers declared', () => {
    const databaseOnly = (role: 'primary' | 'recovery') =>
      site(role, { servers: site(role).servers.filter((server) => server.role === 'database') });
    const design = estate({
      sites: [databaseOnly('primary'), databaseOnly('recovery')],
      volumes: [dataVolume(), logVolume(), tranlogVolume({ holds: ['compensation-logs'], mountedOn: { primary: ['db1'], recovery: ['db1-dr'] } })],
    });
    expect(onlyFinding(design, ID).message).toContain('holds transaction-logs');
  });

  test('application servers without any transaction-log volume are asked for them', () => {
    const design = estate({ volumes: [dataVolume(), logVolume()] });
    expect(onlyFinding(design, ID).message).toContain('holds transaction-logs');
  });

  test('a plan with no volumes is left to SDR-CONSISTENCY-GROUP', () => {
    const design = estate({ volumes: [] });
    expect(findingsOf(design, ID)).toEqual([]);
    expect(findingsOf(design, 'SDR-CONSISTENCY-GROUP')).toHaveLength(1);
  });
});
