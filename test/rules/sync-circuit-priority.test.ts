import { analyzeEstate } from '../../lib/estate';
import type { EstateDecl, LinkDecl } from '../../lib/model/design';
import { syncCircuitPriority } from '../../lib/rules/sync-circuit-priority';
import { estate, link, plan, schedule } from '../fixtures/estate';
import { mirrorLink, splitMirrorEstate, splitMirrorPlan } from '../fixtures/split-mirror';

const ID = 'SDR-SYNC-CIRCUIT-PRIORITY';
const CIRCUIT = 'DC1-DC2';

/** Findings of the rule per plan, in plan order. */
const findingsPerPlan = (design: EstateDecl) =>
  analyzeEstate(design).map(({ findings }) => findings.filter((f) => f.ruleId === ID));

/**
 * The split-mirror fixture (PPRC link, synchronous: LOG1 writes 1e6 B/s at its peak, CAT1 0 B/s,
 * no compression, so 1 MB/s of synchronous writes) and the estate fixture's snapshot schedule
 * RuntimeData on an asynchronous link. Both links are one 800 Mbps x 1 circuit when `shared`.
 */
function sharedCircuit(options: { shared?: boolean; wan?: Partial<LinkDecl>; pprc?: Partial<LinkDecl> } = {}): EstateDecl {
  const circuitId = options.shared === false ? {} : { circuitId: CIRCUIT };
  return {
    plans: [plan(), splitMirrorPlan()],
    links: [
      link({ lineRateBitsPerSecond: 800e6, efficiency: 1, ...circuitId, ...options.wan }),
      mirrorLink({ ...circuitId, ...options.pprc }),
    ],
  };
}

describe('SDR-SYNC-CIRCUIT-PRIORITY', () => {
  test('is a suppressible error', () => {
    expect(syncCircuitPriority.id).toBe(ID);
    expect(syncCircuitPriority.level).toBe('error');
    expect(syncCircuitPriority.suppressible).toBe(true);
  });

  test('a snapshot schedule on the circuit of a backup\'s log mirroring: fires once, in the backup\'s plan, on its link', () => {
    const [schedulePlan, backupPlan] = findingsPerPlan(sharedCircuit());
    // The schedule's writes are the elastic ones: nothing of its own waits.
    expect(schedulePlan).toEqual([]);
    expect(backupPlan).toHaveLength(1);
    const [finding] = backupPlan;
    expect(finding.level).toBe('error');
    expect(finding.path).toBe('db/Pprc');
    expect(finding.message).toContain('Circuit DC1-DC2 carries the synchronous writes of Backup (peak 1 MB/s after compression)');
    expect(finding.message).toContain('the elastic transfers of RuntimeData (snapshot transfers)');
    expect(finding.message).toContain('Wan, Pprc do not declare synchronousPriority');
    expect(finding.fix).toContain('Declare synchronousPriority: true on Wan, Pprc');
    expect(finding.fix).toContain('move RuntimeData to another circuit');
    expect(finding.fix).toContain('replicate asynchronously');
  });

  test('does not fire when every link of the circuit declares the priority', () => {
    const design = sharedCircuit({ wan: { syncPriority: true }, pprc: { syncPriority: true } });
    expect(findingsPerPlan(design)).toEqual([[], []]);
  });

  test('one link declaring it is not enough: the circuit prioritises only if every link of it does', () => {
    const [, [finding]] = findingsPerPlan(sharedCircuit({ pprc: { syncPriority: true } }));
    expect(finding.message).toContain('Wan does not declare synchronousPriority');
    expect(finding.fix).toContain('Declare synchronousPriority: true on Wan ');
  });

  test('the schedule on a circuit of its own does not fire', () => {
    expect(findingsPerPlan(sharedCircuit({ shared: false }))).toEqual([[], []]);
  });

  test('a split mirror alone with its own resync next to its own log mirroring does not fire', () => {
    expect(findingsPerPlan(splitMirrorEstate())).toEqual([[]]);
  });

  test('a circuit with only asynchronous users does not fire', () => {
    // Two snapshot schedules on two async links of one circuit.
    const design: EstateDecl = {
      plans: [plan({ schedules: [schedule(), schedule({ id: 'app/Baw/Second', name: 'Second', linkId: 'app/Wan2' })] })],
      links: [link({ circuitId: CIRCUIT }), link({ id: 'app/Wan2', name: 'Wan2', circuitId: CIRCUIT })],
    };
    expect(findingsPerPlan(design)).toEqual([[]]);
  });

  test('another backup\'s resync copies next to synchronous schedule writes fire too', () => {
    // RuntimeData mirrored synchronously over a link of the backup's circuit: the backup's resync
    // copies are elastic transfers of another user. RuntimeData's writes are the fixture's averages
    // (5 + 1 + 2 GiB/h = 8 GiB/h = 2386092.942 B/s) at 2:1 compression, 1193046.471 B/s, plus
    // LOG1's 1e6 B/s: 2193046.471 B/s, shown as 2.19 MB/s.
    const design: EstateDecl = {
      plans: [plan(), splitMirrorPlan()],
      links: [
        link({ mode: 'sync', roundTripSeconds: 0.002, distanceKm: 50, lineRateBitsPerSecond: 800e6, efficiency: 1, circuitId: CIRCUIT }),
        mirrorLink({ circuitId: CIRCUIT }),
      ],
    };
    const [[inSchedulePlan], [inBackupPlan]] = findingsPerPlan(design);
    expect(inSchedulePlan.path).toBe('app/Wan');
    expect(inSchedulePlan.message).toContain('synchronous writes of RuntimeData, Backup (peak 2.19 MB/s after compression)');
    expect(inSchedulePlan.message).toContain('the elastic transfers of Backup (resync copies)');
    // The backup's own log mirroring waits only behind its own resync there: its plan has nothing to report.
    expect(inBackupPlan).toBeUndefined();
  });

  test('a suppression with a reason acknowledges it', () => {
    const design: EstateDecl = {
      ...sharedCircuit(),
      suppressions: [{ path: 'db/Pprc', ruleId: ID, reason: 'QoS class AF41 for PPRC on the DWDM', applyToChildren: false }],
    };
    const [, [finding]] = findingsPerPlan(design);
    expect(finding.suppression).toEqual({ path: 'db/Pprc', reason: 'QoS class AF41 for PPRC on the DWDM' });
  });

  test('the unmodified (asynchronous) fixture passes', () => {
    expect(findingsPerPlan(estate())).toEqual([[]]);
  });
});
