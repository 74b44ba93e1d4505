import { Testing, TerraformStack } from 'cdktf';
import {
  DataCenter,
  DisasterRecoveryPlan,
  ReplicationLink,
  SanVolumePair,
  SnapshotSchedule,
  TranlogVolume,
} from '../../lib';

// The README's quick start, verbatim but for the app: the README promises it passes with one warning.
describe('README quick start', () => {
  it('synthesizes with a single SDR-LOG-DATA-PLACEMENT warning', () => {
    const stack = new TerraformStack(Testing.app(), 'orders-dr');
    const plan = new DisasterRecoveryPlan(stack, 'Orders', { rpo: '30m', rto: '4h' });
    new DataCenter(plan, 'Primary', {
      role: 'primary',
      servers: [
        { name: 'was1', role: 'application' },
        { name: 'was2', role: 'application' },
        { name: 'db1', role: 'database' },
      ],
    });
    new DataCenter(plan, 'Recovery', {
      role: 'recovery',
      servers: [
        { name: 'was1-dr', role: 'application' },
        { name: 'was2-dr', role: 'application' },
        { name: 'db1-dr', role: 'database' },
      ],
    });
    const database = new SanVolumePair(plan, 'Database', {
      holds: ['database-data', 'database-logs', 'messaging-stores'],
      capacity: '500GiB',
      changeRate: { average: '6GiB/h', peak: '20GiB/h' },
      mountPath: '/opt/ibm/WebSphere/database',
    });
    const tranlogs = new TranlogVolume(plan, 'Tranlogs', {
      capacity: '20GiB',
      changeRate: { average: '2GiB/h' },
      mountPath: '/opt/ibm/WebSphere/tranlogs',
    });
    const wan = new ReplicationLink(stack, 'Wan', { mode: 'async', bandwidth: '100Mbps', compressionRatio: 2 });
    new SnapshotSchedule(plan, 'RuntimeData', {
      volumes: [database, tranlogs],
      link: wan,
      interval: '15m',
      snapshotTime: '1m',
    });

    expect(() => Testing.fullSynth(stack)).not.toThrow();
    const findings = plan.analysis().findings;
    expect(findings.map((f) => `${f.level} ${f.ruleId}`)).toEqual(['warning SDR-LOG-DATA-PLACEMENT']);
    expect(plan.analysis().budgets[0].verdict).toBe('meets');
  });
});
