import { logDataPlacement } from '../../lib/rules/log-data-placement';
import { dataVolume, estate, logVolume, tranlogVolume } from '../fixtures/estate';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-LOG-DATA-PLACEMENT';

const withLogPlacement = (placement: { primary?: string; recovery?: string }) =>
  estate({ volumes: [dataVolume(), logVolume({ placement }), tranlogVolume()] });

describe('SDR-LOG-DATA-PLACEMENT', () => {
  test('is a warning', () => {
    expect(logDataPlacement.id).toBe(ID);
    expect(logDataPlacement.level).toBe('warning');
  });

  test('the unmodified fixture keeps logs and data in separate pools', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('logs in the data pool at the primary site', () => {
    const finding = onlyFinding(withLogPlacement({ primary: 'pool-data', recovery: 'dr-pool-logs' }), ID);
    expect(finding.level).toBe('warning');
    expect(finding.path).toBe('app/Baw/DatabaseLogs');
    expect(finding.message).toBe(
      'Database-log volume DatabaseLogs and data volume DatabaseData are both placed in primary pool-data.',
    );
    expect(finding.fix).toBe('Place DatabaseLogs in another pool or disk group than DatabaseData.');
  });

  test('logs in the data pool at both sites: one finding naming both', () => {
    const finding = onlyFinding(withLogPlacement({ primary: 'pool-data', recovery: 'dr-pool-data' }), ID);
    expect(finding.message).toContain('both placed in primary pool-data and recovery dr-pool-data');
  });

  test('only the recovery site shared', () => {
    const finding = onlyFinding(withLogPlacement({ primary: 'pool-logs', recovery: 'dr-pool-data' }), ID);
    expect(finding.message).toContain('both placed in recovery dr-pool-data');
    expect(finding.message).not.toContain('primary');
  });

  test('undeclared placement is not a shared placement', () => {
    expect(findingsOf(withLogPlacement({}), ID)).toEqual([]);
    expect(
      findingsOf(estate({ volumes: [dataVolume({ placement: {} }), logVolume({ placement: {} }), tranlogVolume()] }), ID),
    ).toEqual([]);
  });

  test('the same pool name at different sites does not count', () => {
    // Data is in pool-data at the primary site; logs in pool-data at the recovery site.
    expect(findingsOf(withLogPlacement({ primary: 'pool-logs', recovery: 'pool-data' }), ID)).toEqual([]);
  });

  test('one volume holding both data and logs', () => {
    const design = estate({
      volumes: [dataVolume({ holds: ['database-data', 'database-logs', 'messaging-stores'] }), tranlogVolume()],
      schedules: [],
    });
    const finding = onlyFinding(design, ID);
    expect(finding.path).toBe('app/Baw/DatabaseData');
    expect(finding.message).toBe('Volume DatabaseData holds both database data and database logs, on the same disk arms.');
    expect(finding.fix).toContain('volume of their own');
  });

  test('the transaction-log volume may share a pool with the data', () => {
    const design = estate({
      volumes: [dataVolume(), logVolume(), tranlogVolume({ placement: { primary: 'pool-data', recovery: 'dr-pool-data' } })],
    });
    expect(findingsOf(design, ID)).toEqual([]);
  });
});
