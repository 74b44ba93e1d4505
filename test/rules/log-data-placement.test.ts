import { logDataPlacement } from '../../lib/rules/log-data-placement';
import { dataVolume, estate, logVolume, tranlogVolume, volume } from '../fixtures/estate';
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

  test('several logs and data in one pool: one finding for the pool, listing its volumes by name', () => {
    const pool = { primary: 'pool-a' };
    const design = estate({
      volumes: [
        volume('Logs2', { holds: ['database-logs'], placement: pool }),
        volume('Data1', { placement: pool }),
        volume('Logs1', { holds: ['database-logs'], placement: pool }),
        volume('Data2', { placement: pool }),
        tranlogVolume(),
      ],
      schedules: [],
    });
    const finding = onlyFinding(design, ID);
    expect(finding.path).toBe('app/Baw/Logs1');
    expect(finding.message).toBe('Database-log volumes Logs1, Logs2 and data volumes Data1, Data2 are all placed in primary pool-a.');
    expect(finding.fix).toBe('Place Logs1, Logs2 in another pool or disk group than Data1, Data2.');
  });

  test('two pools that share different volumes are told apart in one finding', () => {
    const design = estate({
      volumes: [
        volume('Logs', { holds: ['database-logs'], placement: { primary: 'p', recovery: 'r' } }),
        volume('DataP', { placement: { primary: 'p' } }),
        volume('DataR', { placement: { recovery: 'r' } }),
        tranlogVolume(),
      ],
      schedules: [],
    });
    expect(onlyFinding(design, ID).message).toBe(
      'Database-log volume Logs and data volume DataP are both placed in primary p. ' +
        'Database-log volume Logs and data volume DataR are both placed in recovery r.',
    );
  });

  test('1,200 volumes in one pool make one finding, not one per pair (270,000 before)', () => {
    const pool = { primary: 'pool-a', recovery: 'dr-pool-a' };
    const volumes = Array.from({ length: 1200 }, (_, i) =>
      volume(`V${String(i).padStart(4, '0')}`, { holds: [i % 2 === 0 ? 'database-logs' : 'database-data'], placement: pool }),
    );
    const findings = findingsOf(estate({ volumes: [...volumes, tranlogVolume()], schedules: [] }), ID);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^Database-log volumes V0000, V0002, .* are all placed in primary pool-a and recovery dr-pool-a\.$/);
  });
});
