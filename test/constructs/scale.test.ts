import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import {
  DataCenter,
  DisasterRecoveryPlan,
  LinkMode,
  PLAN_JSON_FILE,
  PLAN_MARKDOWN_FILE,
  ReplicationLink,
  RuntimeData,
  SanVolumePair,
  ServerRole,
  SiteRole,
  SnapshotSchedule,
  planDocumentSchema,
} from '../../lib';
import { main } from '../../lib/cli/main';

/**
 * Issue 12, finding 5: at about 14,000 volumes in one plan the Markdown overflowed the call stack
 * (`push(...lines)`) after cdk.tf.json and dr-plan.json were written, and the CLI said PASS.
 * test/plan/markdown-scale.test.ts reproduces the overflow itself in seconds (mounted volumes,
 * five steps each); here the whole synthesis runs, with volumes mounted on no server to keep it
 * to one step per volume. Logs and data share a pool, so SDR-LOG-DATA-PLACEMENT is checked at
 * scale too (one finding, not one per pair).
 */
const VOLUMES = 20_000;

test(`${VOLUMES.toLocaleString('en')} volumes in one plan: synthesis completes and writes all three files`, () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-scale.'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'scale');
    const plan = new DisasterRecoveryPlan(stack, 'Plan', { rpo: '1h' });
    const servers = (suffix: string) => [{ name: `db${suffix}`, role: ServerRole.DATABASE, host: `db${suffix}.example.com` }];
    new DataCenter(plan, 'Primary', { role: SiteRole.PRIMARY, servers: servers('1') });
    new DataCenter(plan, 'Recovery', { role: SiteRole.RECOVERY, servers: servers('1-dr') });
    const volumes = Array.from(
      { length: VOLUMES },
      (_, i) =>
        new SanVolumePair(plan, `V${String(i).padStart(5, '0')}`, {
          holds: [i % 100 === 0 ? RuntimeData.DATABASE_LOGS : RuntimeData.DATABASE_DATA],
          capacity: '1GiB',
          changeRate: { average: '1MiB/h' },
          mountPath: `/data/v${i}`,
          mountedOn: { primary: [], recovery: [] },
          placement: { primary: 'pool-a', recovery: 'dr-pool-a' },
        }),
    );
    const link = new ReplicationLink(stack, 'Wan', { mode: LinkMode.ASYNC, bandwidth: '10Gbps', roundTrip: '10ms' });
    new SnapshotSchedule(plan, 'All', { volumes, link, interval: '15m', snapshotTime: '1m', retention: 2 });
    app.synth();

    const dir = path.join(outdir, 'stacks', 'scale');
    for (const file of ['cdk.tf.json', PLAN_JSON_FILE, PLAN_MARKDOWN_FILE]) expect(fs.existsSync(path.join(dir, file))).toBe(true);
    const doc = planDocumentSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, PLAN_JSON_FILE), 'utf8')));
    expect(doc.plans[0].volumes).toHaveLength(VOLUMES);
    expect(doc.plans[0].findings.filter((f) => f.ruleId === 'SDR-LOG-DATA-PLACEMENT')).toHaveLength(1);
    const markdown = fs.readFileSync(path.join(dir, PLAN_MARKDOWN_FILE), 'utf8');
    expect(markdown).toContain(`| V${VOLUMES - 1} |`);
    let stdout = '';
    const code = main(['report', '--format', 'text', outdir], { stdout: (t) => (stdout += t), stderr: () => undefined });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^Stack scale: PASS/);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}, 600_000);
