import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import {
  DataCenter,
  DisasterRecoveryPlan,
  LinkMode,
  PLAN_JSON_FILE,
  PLAN_MARKDOWN_FILE,
  ReplicationLink,
  RUNBOOK_FILE,
  RuntimeData,
  SanVolumePair,
  ServerRole,
  SiteRole,
  SnapshotSchedule,
  TranlogVolume,
  type ReplicatedVolume,
} from '../../lib';

fc.configureGlobal({ seed: Number(process.env.SDR_SEED ?? 20261122), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });

/**
 * Issue 12, finding 7: two data volumes on one server declared A,B then B,A changed the
 * `dataPaths` trigger (Terraform would re-run the step) and the order of findings. Several
 * volumes of each kind on several servers, every list declared in any order: the same files.
 */
interface Orders {
  readonly servers: readonly number[];
  readonly volumes: readonly number[];
  readonly schedule: readonly number[];
  readonly mountedOn: readonly number[];
  readonly holds: readonly number[];
}

const SERVERS = [
  { name: 'was1', role: ServerRole.APPLICATION },
  { name: 'was2', role: ServerRole.APPLICATION },
  { name: 'db1', role: ServerRole.DATABASE },
  { name: 'db2', role: ServerRole.DATABASE },
];

type Volume = { id: string; kind: 'san' | 'tranlog'; holds: RuntimeData[]; on: string[]; pool: string };
const VOLUMES: Volume[] = [
  { id: 'DataA', kind: 'san', holds: [RuntimeData.DATABASE_DATA, RuntimeData.MESSAGING_STORES], on: ['db1', 'db2'], pool: 'pool-1' },
  { id: 'DataB', kind: 'san', holds: [RuntimeData.DATABASE_DATA], on: ['db1', 'db2'], pool: 'pool-2' },
  { id: 'LogsA', kind: 'san', holds: [RuntimeData.DATABASE_LOGS], on: ['db1', 'db2'], pool: 'pool-1' },
  { id: 'LogsB', kind: 'san', holds: [RuntimeData.DATABASE_LOGS], on: ['db1'], pool: 'pool-2' },
  { id: 'TranA', kind: 'tranlog', holds: [RuntimeData.TRANSACTION_LOGS, RuntimeData.COMPENSATION_LOGS], on: ['was1', 'was2'], pool: 'pool-3' },
  { id: 'TranB', kind: 'tranlog', holds: [RuntimeData.TRANSACTION_LOGS], on: ['was1', 'was2'], pool: 'pool-3' },
];

const permuted = <T>(items: readonly T[], order: readonly number[]): T[] => order.map((i) => items[i % items.length]).filter((x, i, all) => all.indexOf(x) === i);

function synthesize(orders: Orders): Record<string, string> {
  const stack = new TerraformStack(Testing.app(), 'order');
  const plan = new DisasterRecoveryPlan(stack, 'Plan', { rpo: '30m', commands: { 'configure-database-storage': ({ params }) => ['db-config', params.dataPaths, params.logPaths] } });
  const site = (id: string, role: SiteRole, suffix: string) =>
    new DataCenter(plan, id, {
      role,
      servers: permuted(SERVERS, orders.servers).map((s) => ({ name: `${s.name}${suffix}`, role: s.role, host: `${s.name}${suffix}.example.com` })),
    });
  site('Primary', SiteRole.PRIMARY, '');
  site('Recovery', SiteRole.RECOVERY, '-dr');
  const link = new ReplicationLink(stack, 'Wan', { mode: LinkMode.ASYNC, bandwidth: '1Gbps', roundTrip: '10ms' });
  const declared = new Map<string, ReplicatedVolume>();
  for (const v of permuted(VOLUMES, orders.volumes)) {
    const common = {
      holds: permuted(v.holds, orders.holds),
      capacity: '10GiB',
      changeRate: { average: '1GiB/h' },
      mountPath: `/srv/${v.id.toLowerCase()}`,
      mountedOn: { primary: permuted(v.on, orders.mountedOn), recovery: permuted(v.on, orders.mountedOn).map((s) => `${s}-dr`) },
      placement: { primary: v.pool, recovery: `dr-${v.pool}` },
    };
    declared.set(v.id, v.kind === 'san' ? new SanVolumePair(plan, v.id, common) : new TranlogVolume(plan, v.id, common));
  }
  new SnapshotSchedule(plan, 'All', {
    volumes: permuted(VOLUMES, orders.schedule).map((v) => declared.get(v.id)!),
    link,
    interval: '10m',
    snapshotTime: '1m',
    retention: 2,
  });
  const outdir = Testing.fullSynth(stack);
  try {
    const dir = path.join(outdir, 'stacks', 'order');
    return Object.fromEntries(['cdk.tf.json', PLAN_JSON_FILE, PLAN_MARKDOWN_FILE, RUNBOOK_FILE].map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const identity = (n: number) => Array.from({ length: n }, (_, i) => i);
const order = (n: number) => fc.shuffledSubarray(identity(n), { minLength: n, maxLength: n });

test('several volumes per kind and per server, every list in any order: byte-identical cdk.tf.json, dr-plan.json, dr-plan.md, dr-runbook.md', () => {
  const reference = synthesize({ servers: identity(4), volumes: identity(6), schedule: identity(6), mountedOn: identity(2), holds: identity(2) });
  const plan = JSON.parse(reference[PLAN_JSON_FILE]);
  // The design has what the property is about: two data paths on one server, several findings.
  const storage = plan.plans[0].steps.find((s: { action: string; server: string }) => s.action === 'configure-database-storage' && s.server === 'db1');
  expect(storage.params.dataPaths).toBe('/srv/dataa,/srv/datab');
  expect(plan.plans[0].findings.length).toBeGreaterThan(1);
  fc.assert(
    fc.property(order(4), order(6), order(6), order(2), order(2), (servers, volumes, schedule, mountedOn, holds) => {
      const files = synthesize({ servers, volumes, schedule, mountedOn, holds });
      for (const file of Object.keys(reference)) expect(files[file]).toBe(reference[file]);
    }),
    { numRuns: 6 },
  );
});
