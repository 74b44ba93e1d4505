import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChangeRate, PLAN_JSON_FILE, ReplicationLink, type PlanDocument } from '../../lib';
import type { EstateReport } from '../../lib/cli/estate';
import { buildDesign, linkProps } from '../constructs/helpers';
import { cli } from './helpers';

/**
 * Done when #2: two separate synthesis outputs (two Apps, two repositories) that share a circuit
 * are judged by `estate` as one App holding both stacks is judged by synthesis.
 *
 * Each App is the WebSphere BAW design at 26m 18s over a 100 Mbps link (test/constructs/shared-link.test.ts):
 * alone, worst case 1578 + 60 + 161.9464 = 1799.9464 s (29m 59.9s) meets 30m;
 * sharing one circuit, each transfer waits for one snapshot of the other:
 * 1578 + 60 + 2 x 161.9464 = 1961.8929 s (32m 41.9s), a breach.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function outdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-estate-'));
  dirs.push(dir);
  return dir;
}

/** One App: a network stack with link Wan, and one application stack per name, synthesized to a new directory. */
function synthApp(appStacks: readonly string[], link: Record<string, unknown> = {}, data: Record<string, unknown> = {}): { outdir: string; error: unknown } {
  const dir = outdir();
  const app = new App({ outdir: dir });
  const wan = new ReplicationLink(new TerraformStack(app, 'network'), 'Wan', { ...linkProps(), ...link });
  for (const id of appStacks) buildDesign(new TerraformStack(app, id), { useLink: wan, schedule: { interval: '26m18s' }, data });
  try {
    app.synth();
    return { outdir: dir, error: undefined };
  } catch (error) {
    return { outdir: dir, error };
  }
}

const readPlan = (dir: string, stack: string): PlanDocument =>
  JSON.parse(fs.readFileSync(path.join(dir, 'stacks', stack, PLAN_JSON_FILE), 'utf8'));

describe('a circuit that declares synchronous priority', () => {
  // The rule SDR-SYNC-CIRCUIT-PRIORITY trusts the declaration; the estate table shows it beside
  // the circuit's rate, so a reviewer sees which circuits the verdict assumes QoS on.
  test('the circuit line says so, and the JSON report carries it; a circuit without it says nothing', () => {
    const declared = synthApp(['billing'], { synchronousPriority: true });
    const plain = synthApp(['billing']);
    const run = cli('estate', declared.outdir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('for replication, sharing any, synchronous writes first (declared)');
    const report = JSON.parse(cli('estate', '--format', 'json', declared.outdir).stdout) as EstateReport;
    expect(report.circuits.map((c) => c.synchronousPriority)).toEqual([true]);
    const without = cli('estate', plain.outdir);
    expect(without.stdout).not.toContain('synchronous writes first');
    expect((JSON.parse(cli('estate', '--format', 'json', plain.outdir).stdout) as EstateReport).circuits[0].synchronousPriority).toBe(false);
  });
});

describe('estate on two synthesis outputs that share a circuitId', () => {
  const billing = synthApp(['billing'], { circuitId: 'ATT-4711' });
  const payments = synthApp(['payments'], { circuitId: 'ATT-4711' });
  const together = synthApp(['billing', 'payments']);

  test('each App passes synthesis alone; one App holding both stacks fails', () => {
    expect(billing.error).toBeUndefined();
    expect(payments.error).toBeUndefined();
    expect((together.error as Error).message).toContain('SDR-RPO-BUDGET');
  });

  test('exits 1 with the finding synthesis gives one App holding both stacks: rule ID, schedule, numbers and fix', () => {
    const run = cli('estate', '--format', 'json', billing.outdir, payments.outdir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as EstateReport;
    expect(report.verdict).toBe('fail');
    const expected = ['billing', 'payments'].flatMap((stack) =>
      readPlan(together.outdir, stack).plans.flatMap((plan) => plan.findings.filter((f) => f.level === 'error')),
    );
    expect(expected.map((f) => [f.ruleId, f.path])).toEqual([
      ['SDR-RPO-BUDGET', 'billing/Plan/RuntimeData'],
      ['SDR-RPO-BUDGET', 'payments/Plan/RuntimeData'],
    ]);
    expect(report.findings.map(({ finding: { ruleId, path: at, message, fix } }) => ({ ruleId, path: at, message, fix }))).toEqual(
      expected.map(({ ruleId, path: at, message, fix }) => ({ ruleId, path: at, message, fix })),
    );
    expect(report.findings[0].finding.message).toContain('worst case 32m 41.9s = interval 26m 18s + snapshot 1m + transfer 5m 23.9s');
    expect(report.findings.map((f) => [f.stack, f.file])).toEqual([
      ['billing', path.join(billing.outdir, 'stacks', 'billing', PLAN_JSON_FILE)],
      ['payments', path.join(payments.outdir, 'stacks', 'payments', PLAN_JSON_FILE)],
    ]);
    // One circuit, both users, with the same budgets as the one-App synthesis.
    expect(report.circuits).toHaveLength(1);
    const [circuit] = report.circuits;
    expect(circuit).toMatchObject({ circuit: 'ATT-4711', circuitId: 'ATT-4711', lineRateBitsPerSecond: 100e6, efficiency: 0.93 });
    // Both outputs declare network/Wan: within the estate they are two links (namespaced), one circuit.
    expect(circuit.links.map((l) => [l.id.endsWith('#network/Wan'), l.stack])).toEqual([
      [true, 'network'],
      [true, 'network'],
    ]);
    expect(circuit.users.map((u) => [u.id, u.stack, u.verdict])).toEqual([
      ['billing/Plan/RuntimeData', 'billing', 'breaches'],
      ['payments/Plan/RuntimeData', 'payments', 'breaches'],
    ]);
    expect(circuit.users[0].worstCaseSeconds).toBeCloseTo(1961.8929, 3);
    // 1882627331.4 B sent per 1578 s.
    expect(circuit.users[0].sentBytes).toBeCloseTo(1882627331.4, 0);
    expect(circuit.users[0].busiestBytesPerSecond).toBeCloseTo(1193046.47, 1);
  });

  test('the text table names each user with its stack and plan file, its load, worst case and verdict, and the move-or-cut advice', () => {
    const run = cli('estate', billing.outdir, payments.outdir);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Estate of 2 input(s): FAIL (2 error(s), 0 warning(s); budgets recomputed across all plans)');
    expect(run.stdout).toContain('Circuit ATT-4711: async 100 Mbps x 0.93 = 11.6 MB/s for replication, sharing any');
    const row = lines.find((l) => l.includes('RuntimeData') && l.includes('billing'))!;
    expect(row).toMatch(/^ {2}RuntimeData +schedule +billing +\S+billing\/dr-plan\.json +1\.75 GiB per 26m 18s \(1\.19 MB\/s\) +32m 41\.9s +30m +BREACHES$/);
    // Without the other user each is back to 29m 59.9s; moving 1.19 MB/s costs less than the upgrade adds.
    // The upgrade the fix asks for: 100 -> 200 Mbps, 11.6 MB/s more payload; the other user's 1.19 MB/s is less.
    expect(run.stdout).toMatch(/^  link Wan \(network\/Wan, stack network\) in \S+\/stacks\/\w+\/dr-plan\.json$/m);
    expect(run.stdout).toMatch(/Move or cut: moving RuntimeData \(payments, 1\.19 MB\/s\) off circuit ATT-4711 makes RuntimeData \(billing\) meet: worst case 29m 59\.9s; the line-rate fix adds 11\.6 MB\/s$/m);
    expect(run.stdout).toContain('error SDR-RPO-BUDGET billing/Plan/RuntimeData (stack billing, ');
    expect(lines.at(-2)).toBe('estate: 2 unsuppressed error(s) with all users of each circuit counted');
  });

  test('one App synthesized once gives the same budgets through estate as through synthesis (the round trip is exact)', () => {
    const run = cli('estate', '--format', 'json', together.outdir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as EstateReport;
    const planned = readPlan(together.outdir, 'billing').plans[0].rpoBudgets[0];
    // The plan rounds to the millisecond; the estate recomputes from the declaration.
    expect(report.circuits[0].users[0].worstCaseSeconds).toBeCloseTo(planned.worstCaseSeconds!, 3);
    expect(report.circuits[0].links.map((l) => l.id)).toEqual(['network/Wan']);
  });
});

describe('a change profile longer than the plan stores', () => {
  test('the plan and the estate say that the estate judges its max-downsampled form', () => {
    // A day of 30-second steps (2,880) of 4 GiB/h, with one busier step: stored as 1,440 steps of 1m.
    const rates = Array.from({ length: 2880 }, (_, i) => (i === 100 ? '10GiB/h' : '4GiB/h'));
    const app = synthApp(['billing'], {}, { changeRate: ChangeRate.daily(rates) });
    expect(app.error).toBeUndefined();
    const markdown = fs.readFileSync(path.join(app.outdir, 'stacks', 'billing', 'dr-plan.md'), 'utf8');
    expect(markdown).toContain('## Stored for `cdktf-san-dr estate`');
    expect(markdown).toContain('| billing/Plan/Data | 2880 x 30s | 1440 x 1m |');
    const stored = readPlan(app.outdir, 'billing').declaration!.plans[0].volumes.find((v) => v.id === 'billing/Plan/Data')!.changeProfile!;
    expect(stored.bytesPerSecond).toHaveLength(1440);
    // Step 50 covers steps 100 and 101: the busier one, 10 GiB/h.
    expect(stored.bytesPerSecond[50]).toBeCloseTo((10 * 1073741824) / 3600, 6);
    const run = cli('estate', app.outdir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Coarser profiles: 1 change profile(s) longer than the plan stores are judged here on their max-downsampled form');
    expect(run.stdout).toContain(`  billing/Plan/Data (${path.join(app.outdir, 'stacks', 'billing', PLAN_JSON_FILE)}): 2880 steps of 30s stored as 1440 steps of 1m`);
  });
});

describe('estate on synthesis outputs that do not share a circuit', () => {
  test('exits 0: links without circuitId in different outputs are different circuits, even with the same link id', () => {
    const a = synthApp(['billing']);
    const b = synthApp(['payments']);
    const run = cli('estate', a.outdir, b.outdir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Estate of 2 input(s): PASS (0 error(s)');
    expect(run.stdout.match(/^Circuit /gm)).toHaveLength(2);
    expect(run.stdout).toContain('estate: every schedule meets its RPO with all 2 user(s) of 2 circuit(s) counted');
  });

  test('exits 0 with different circuitIds', () => {
    const a = synthApp(['billing'], { circuitId: 'ATT-4711' });
    const b = synthApp(['payments'], { circuitId: 'ATT-4712' });
    expect(cli('estate', a.outdir, b.outdir).code).toBe(0);
  });
});

describe('estate: bad input is one line on stderr naming the file and what is allowed, exit 2, nothing on stdout', () => {
  const a = synthApp(['billing'], { circuitId: 'ATT-4711' });
  const planFile = path.join(a.outdir, 'stacks', 'billing', PLAN_JSON_FILE);

  /** A copy of billing's plan, changed, on its own in a new directory (read as it is). */
  function alone(change: (doc: Record<string, any>) => unknown, name = PLAN_JSON_FILE): string {
    const file = path.join(outdir(), name);
    const changed = change(JSON.parse(fs.readFileSync(planFile, 'utf8')));
    fs.writeFileSync(file, typeof changed === 'string' ? changed : JSON.stringify(changed));
    return file;
  }

  function refused(...argv: string[]): string {
    const run = cli('estate', ...argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    return run.stderr;
  }

  test('a path that is no plan, stack directory or cdktf.out', () => {
    const empty = outdir();
    expect(refused(a.outdir, empty)).toBe(
      `cdktf-san-dr: ${empty}: no dr-plan.json in this directory or in its stacks/*/ (run cdktf synth first; a failed synthesis writes none)\n`,
    );
    expect(refused(path.join(empty, 'missing.json'))).toBe(`cdktf-san-dr: ${path.join(empty, 'missing.json')}: no such file or directory\n`);
  });

  test('a plan of an older schema, without the declaration', () => {
    const old = alone(({ declaration: _, ...doc }) => ({ ...doc, schemaVersion: 3 }));
    expect(refused(a.outdir, old)).toBe(
      `cdktf-san-dr: ${old}: plan schema version 3 has no declaration, which estate needs; synthesize it again with this ` +
        'cdktf-san-dr (plan schema 4); report, diff and check still read it\n',
    );
    // report still reads it.
    expect(cli('report', old).code).toBe(0);
  });

  test('a circuitId reused with another line rate in another output', () => {
    const other = synthApp(['payments'], { circuitId: 'ATT-4711', bandwidth: '1Gbps' });
    expect(refused(a.outdir, other.outdir)).toMatch(
      /^cdktf-san-dr: \S+\/stacks\/network\/dr-plan\.json: link network\/Wan declares circuitId "ATT-4711" with 1 Gbps x 0\.93, but link network\/Wan in \S+ declares it with 100 Mbps x 0\.93; links with one circuitId must declare the same bandwidth and efficiency/,
    );
  });

  test('two plans that claim one stack name', () => {
    const again = synthApp(['billing'], { circuitId: 'ATT-4711' });
    expect(refused(a.outdir, again.outdir)).toContain(`stack billing is also claimed by ${planFile}; each stack may be given once`);
  });

  test('malformed JSON, and a declaration that breaks the schema (the JSON path in one line)', () => {
    const broken = alone(() => '{ "schema": "cdktf-san-dr/plan", ');
    expect(refused(broken)).toMatch(new RegExp(`^cdktf-san-dr: ${broken}: not valid JSON \\(`));
    const invalid = alone((doc) => {
      doc.declaration.links[0].lineRateBitsPerSecond = 'fast';
      return doc;
    });
    expect(refused(invalid)).toBe(
      `cdktf-san-dr: ${invalid}: invalid plan: declaration.links[0].lineRateBitsPerSecond: Invalid input: expected number, received string\n`,
    );
  });

  test('help names the command, its input and its exit codes', () => {
    expect(cli('--help').stdout).toContain('  estate <plan>...     Join the plans of several synthesis outputs by circuit');
    const help = cli('help', 'estate');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cdktf-san-dr estate \[options\] <plan>\.\.\.\n/);
    expect(help.stdout).toContain('2 usage or input error');
  });

  test('usage: no input, an unknown format', () => {
    expect(refused()).toBe("cdktf-san-dr: estate: expected at least one <plan> (see 'cdktf-san-dr estate --help')\n");
    expect(refused('-f', 'markdown', a.outdir)).toBe(`cdktf-san-dr: estate: --format must be one of text, json; got "markdown" (see 'cdktf-san-dr estate --help')\n`);
  });
});
