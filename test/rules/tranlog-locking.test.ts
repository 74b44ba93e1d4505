import { tranlogLocking } from '../../lib/rules/tranlog-locking';
import { dataVolume, estate, logVolume, tranlogVolume } from '../fixtures/estate';
import { findingsOf, onlyFinding } from './helpers';

const ID = 'SDR-TRANLOG-LOCKING';

const withTranlogs = (overrides: Parameters<typeof tranlogVolume>[0]) =>
  estate({ volumes: [dataVolume(), logVolume(), tranlogVolume(overrides)] });

describe('SDR-TRANLOG-LOCKING', () => {
  test('is an error', () => {
    expect(tranlogLocking.id).toBe(ID);
    expect(tranlogLocking.level).toBe('error');
  });

  test('the unmodified fixture uses NFSv4 with hard mounts', () => {
    expect(findingsOf(estate(), ID)).toEqual([]);
  });

  test('NFSv4 with more options than "hard" passes', () => {
    expect(findingsOf(withTranlogs({ fileSystem: { protocol: 'nfs4', mountOptions: ['hard', 'intr', 'timeo=600'] } }), ID)).toEqual([]);
  });

  test('NFSv3', () => {
    const finding = onlyFinding(withTranlogs({ fileSystem: { protocol: 'nfs3', mountOptions: ['hard'] } }), ID);
    expect(finding.level).toBe('error');
    expect(finding.path).toBe('app/Baw/Tranlogs');
    expect(finding.message).toBe("Transaction-log volume Tranlogs: NFSv3 holds a failed host's locks until it restarts.");
    expect(finding.fix).toContain('NfsVersion.NFS4');
    expect(finding.fix).toContain('"hard"');
  });

  test('soft mounts: both the missing "hard" and the "soft" are reported', () => {
    const finding = onlyFinding(withTranlogs({ fileSystem: { protocol: 'nfs4', mountOptions: ['soft', 'timeo=30'] } }), ID);
    expect(finding.path).toBe('app/Baw/Tranlogs');
    expect(finding.message).toBe(
      'Transaction-log volume Tranlogs: mount options (soft,timeo=30) lack "hard"; ' +
        '"soft" mounts can return errors for writes the server believes were made.',
    );
  });

  test('no mount options at all', () => {
    const finding = onlyFinding(withTranlogs({ fileSystem: { protocol: 'nfs4', mountOptions: [] } }), ID);
    expect(finding.message).toContain('mount options (none) lack "hard"');
  });

  test('NFSv3 with soft mounts: three problems in one finding', () => {
    const finding = onlyFinding(withTranlogs({ fileSystem: { protocol: 'nfs3', mountOptions: ['soft'] } }), ID);
    expect(finding.message.split('; ')).toHaveLength(3);
    expect(finding.message).toContain('NFSv3');
    expect(finding.message).toContain('(soft) lack "hard"');
    expect(finding.message).toContain('"soft" mounts');
  });

  test('transaction logs on a volume without a shared file system', () => {
    const finding = onlyFinding(withTranlogs({ kind: 'san-volume', fileSystem: undefined }), ID);
    expect(finding.path).toBe('app/Baw/Tranlogs');
    expect(finding.message).toBe(
      "Volume Tranlogs holds transaction logs but declares no shared file system, so no peer can take over a failed server's logs.",
    );
    expect(finding.fix).toContain('TranlogVolume');
  });

  test('compensation logs alone count as transaction logs', () => {
    const design = estate({
      volumes: [dataVolume(), logVolume({ holds: ['database-logs', 'compensation-logs'] }), tranlogVolume()],
    });
    const finding = onlyFinding(design, ID);
    expect(finding.path).toBe('app/Baw/DatabaseLogs');
    expect(finding.message).toContain('Volume DatabaseLogs holds transaction logs but declares no shared file system');
  });

  test('database volumes need no shared file system', () => {
    // The fixture's data and log volumes declare none, and are not reported.
    expect(dataVolume().fileSystem).toBeUndefined();
    expect(findingsOf(estate(), ID).filter((f) => f.path !== 'app/Baw/Tranlogs')).toEqual([]);
    expect(findingsOf(withTranlogs({ fileSystem: { protocol: 'nfs3', mountOptions: ['hard'] } }), ID).map((f) => f.path)).toEqual([
      'app/Baw/Tranlogs',
    ]);
  });
});
