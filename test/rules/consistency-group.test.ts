import { consistencyGroup } from '../../lib/rules/consistency-group';
import { estate, schedule } from '../fixtures/estate';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-CONSISTENCY-GROUP';

const tranlogSchedule = schedule({
  id: 'app/Baw/TranlogSchedule',
  name: 'TranlogSchedule',
  volumeIds: ['app/Baw/Tranlogs'],
});

describe('SDR-CONSISTENCY-GROUP', () => {
  test('is an error', () => {
    expect(consistencyGroup.id).toBe(ID);
    expect(consistencyGroup.level).toBe('error');
  });

  test('the unmodified fixture captures all three volumes in one schedule', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('a volume in no schedule', () => {
    const design = estate({
      schedules: [schedule({ volumeIds: ['app/Baw/DatabaseData', 'app/Baw/Tranlogs'] })],
    });
    const finding = onlyFinding(design, ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe('app/Baw/DatabaseLogs');
    expect(finding.message).toBe(
      'Volume DatabaseLogs (database-logs) is in no snapshot schedule, so it never reaches the recovery site.',
    );
    expect(finding.fix).toBe('Add DatabaseLogs to the volumes of schedule RuntimeData.');
  });

  test('no schedule at all: every volume is reported, and the fix asks for a schedule', () => {
    const findings = findingsOf(estate({ schedules: [] }), ID);
    expect(findings.map((f) => f.path)).toEqual(['app/Baw/DatabaseData', 'app/Baw/DatabaseLogs', 'app/Baw/Tranlogs']);
    expect(findings[0].message).toContain('Volume DatabaseData (database-data, messaging-stores) is in no snapshot schedule');
    expect(findings[2].message).toContain('Volume Tranlogs (transaction-logs, compensation-logs)');
    expect(findings[1].fix).toBe(
      'Declare a SnapshotSchedule whose volumes include DatabaseLogs and every other volume of the plan.',
    );
  });

  test('runtime data split over two schedules', () => {
    const design = estate({
      schedules: [schedule({ volumeIds: ['app/Baw/DatabaseData', 'app/Baw/DatabaseLogs'] }), tranlogSchedule],
    });
    const finding = onlyFinding(design, ID);
    expect(finding.path).toBe('app/Baw');
    expect(finding.message).toBe(
      'Runtime data of plan Baw is split over 2 consistency groups ' +
        '(RuntimeData: DatabaseData, DatabaseLogs; TranlogSchedule: Tranlogs), captured at different instants.',
    );
    expect(finding.fix).toBe('Capture all 3 volumes in one SnapshotSchedule and remove the others.');
  });

  test('a split plus an uncaptured volume gives both findings', () => {
    const design = estate({
      schedules: [schedule({ volumeIds: ['app/Baw/DatabaseData'] }), tranlogSchedule],
    });
    const findings = findingsOf(design, ID);
    expect(findings.map((f) => f.path)).toEqual(['app/Baw', 'app/Baw/DatabaseLogs']);
    expect(findings[0].message).toContain('split over 2 consistency groups');
  });

  test('an extra schedule with no volumes does not split the group', () => {
    const design = estate({ schedules: [schedule(), { ...tranlogSchedule, volumeIds: [] }] });
    expect(findingsOf(design, ID)).toEqual([]);
  });

  test('a plan with no volumes at all', () => {
    const finding = onlyFinding(estate({ volumes: [] }), ID);
    expect(finding.path).toBe('app/Baw');
    expect(finding.message).toBe('Plan Baw declares no volumes, so no runtime data reaches the recovery site.');
    expect(finding.fix).toContain('SanVolumePair');
    expect(finding.fix).toContain('TranlogVolume');
  });
});
