import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import {
  DataCenter,
  DisasterRecoveryPlan,
  PLAN_JSON_FILE,
  PLAN_MARKDOWN_FILE,
  SanDrError,
  SanVolumePair,
  ServerRole,
  SplitMirrorBackup,
  SiteRole,
  planDocumentSchema,
} from '../../lib';
import { cli } from '../cli/helpers';
import { terraformStoredValue } from '../../lib/escape';
import { buildDesign, dataProps, design, logsProps, synthJson, thrownBy } from './helpers';
import { backupProps, declarePlan, syncLink } from './split-mirror-helpers';

/** Issue 12's findings, each reproduced as it was reported. */

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-issue12.'));
  dirs.push(dir);
  return dir;
}


/** Every string value of a cdk.tf.json (Terraform ignores the "//" comments), with where it is. */
function strings(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${at}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([key]) => key !== '//')
      .flatMap(([key, item]) => strings(item, `${at}.${key}`));
  }
  return [];
}

describe('1. Terraform templates in triggers', () => {
  test('a volume id with ${...} is stored by Terraform as written, in triggers and in the plan', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'app');
    buildDesign(stack, { ids: { data: 'DB ${file("secrets.txt")}' } });
    app.synth();
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/app/cdk.tf.json'), 'utf8'));
    for (const [where, text] of strings(tf)) {
      expect({ where, stored: terraformStoredValue(text) }).not.toEqual({ where, stored: undefined });
    }
    const triggers = Object.values(tf.resource.null_resource as Record<string, { triggers: Record<string, string> }>).map((r) => r.triggers);
    const volumes = triggers.filter((t) => t.volume !== undefined).map((t) => terraformStoredValue(t.volume));
    expect(volumes).toContain('DB ${file("secrets.txt")}');
    const plan = planDocumentSchema.parse(JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/app', PLAN_JSON_FILE), 'utf8')));
    const planVolumes = plan.plans[0].steps.map((s) => s.params.volume).filter(Boolean);
    expect(planVolumes).toContain('DB ${file("secrets.txt")}');
  });

  test('a write-suspend argv with ${DB2INSTANCE} reaches the trigger as the literal the shell expands', () => {
    const stack = new TerraformStack(new App({ outdir: tempDir() }), 'app');
    const plan = declarePlan(stack);
    const props = backupProps(syncLink(stack));
    new SplitMirrorBackup(plan, 'Backup', {
      ...props,
      writeSuspend: { ...props.writeSuspend, command: ['sh', '-c', 'db2 -SET LOG SUSPEND ${DB2INSTANCE}'] },
    });
    const resources = Object.values(synthJson(stack).resource?.null_resource ?? {});
    const cycle = resources.find((r) => r.triggers?.writeSuspendCommand !== undefined)!;
    expect(cycle.triggers!.writeSuspendCommand).toBe('["sh","-c","db2 -SET LOG SUSPEND $${DB2INSTANCE}"]');
    expect(terraformStoredValue(cycle.triggers!.writeSuspendCommand)).toBe(JSON.stringify(['sh', '-c', 'db2 -SET LOG SUSPEND ${DB2INSTANCE}']));
  });
});

describe('2. Markdown and HTML injection', () => {
  test('a schedule id with \\r and an HTML comment hides nothing after it', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'app');
    buildDesign(stack, {});
    // The schedule id of the report: declared as a second plan's schedule would need a link; rename via a plan id instead.
    const other = new TerraformStack(app, 'other');
    const hostile = 'RuntimeData\r\r<!--';
    buildDesign(other, { planId: hostile });
    app.synth();
    const markdown = fs.readFileSync(path.join(outdir, 'stacks/other', PLAN_MARKDOWN_FILE), 'utf8');
    expect(markdown).not.toContain('\r');
    expect(markdown).not.toMatch(/(^|[^\\])<!--/m);
    expect(markdown).toContain('## Plan RuntimeData\\\\r\\\\r\\<!--');
    expect(markdown).toContain('### Findings');
    expect(markdown).toContain('### Deployment steps');
  });

  test('a bound argv with a newline, backticks, a heading and a mention stays inside its code span', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'app');
    buildDesign(stack, { plan: { commands: { 'create-mount-directory': (step) => ['mkdir', '-p', `${step.params.path}\n# Pwned\n@admin \`\`\` `] } } });
    app.synth();
    const markdown = fs.readFileSync(path.join(outdir, 'stacks/app', PLAN_MARKDOWN_FILE), 'utf8');
    expect(markdown).not.toMatch(/^# Pwned/m);
    expect(markdown).not.toMatch(/^@admin/m);
    expect(markdown).toContain("Run by: ````mkdir -p '/opt/ibm/WebSphere/database/data\\n# Pwned\\n@admin ``` '````.");
  });
});

describe('3. Terminal injection', () => {
  test('report --format text shows ESC and OSC sequences from names instead of sending them', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    buildDesign(new TerraformStack(app, 'app'), { planId: 'Plan\u001b]0;owned\u0007\u001b[2K' });
    app.synth();
    const run = cli('report', '--format', 'text', outdir);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(run.stdout).toContain('Plan Plan\\x1B]0;owned\\x07\\x1B[2K');
  });
});

describe('4. Stale plans', () => {
  test('a synthesis that throws at construction leaves no earlier plan: report exits 2 without PASS', () => {
    const outdir = tempDir();
    const good = new App({ outdir });
    buildDesign(new TerraformStack(good, 'app'));
    good.synth();
    expect(cli('report', outdir).code).toBe(0);

    const bad = new App({ outdir });
    expect(() => buildDesign(new TerraformStack(bad, 'app'), { plan: { rpo: 'soon' } })).toThrow(SanDrError);
    expect(fs.existsSync(path.join(outdir, 'stacks/app', PLAN_JSON_FILE))).toBe(false);
    expect(fs.existsSync(path.join(outdir, 'stacks/app', PLAN_MARKDOWN_FILE))).toBe(false);
    const run = cli('report', outdir);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdktf-san-dr: ${path.join(outdir, 'stacks/app')}: cdk.tf.json without dr-plan.json: the synthesis that wrote it failed or is stale; run cdktf synth again\n`,
    });
  });

  test('with several stacks, a failure in one leaves none of the others\' old plans', () => {
    const outdir = tempDir();
    const good = new App({ outdir });
    buildDesign(new TerraformStack(good, 'a'));
    buildDesign(new TerraformStack(good, 'b'));
    good.synth();

    const bad = new App({ outdir });
    expect(() => buildDesign(new TerraformStack(bad, 'a'), { schedule: { interval: 'often' } })).toThrow(SanDrError);
    for (const stack of ['a', 'b']) expect(fs.existsSync(path.join(outdir, 'stacks', stack, PLAN_JSON_FILE))).toBe(false);
    expect(cli('report', path.join(outdir, 'stacks/b')).code).toBe(2);
  });

  test('a stack named ".." is refused before it can write outside stacks/', () => {
    const app = new App({ outdir: tempDir() });
    const error = thrownBy(() => design({}, '..'));
    expect(error).toBeInstanceOf(SanDrError);
    expect((error as Error).message).toContain('a stack id that names a directory inside stacks/');
    void app;
  });

  test('a cdk.tf.json that does not match the plan\'s fingerprint, and a plan without its Markdown: exit 2', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    buildDesign(new TerraformStack(app, 'app'));
    app.synth();
    const dir = path.join(outdir, 'stacks/app');
    const tf = path.join(dir, 'cdk.tf.json');
    fs.writeFileSync(tf, fs.readFileSync(tf, 'utf8').replace('"was1"', '"was9"'));
    expect(cli('report', outdir).stderr).toBe(
      `cdktf-san-dr: ${dir}: cdk.tf.json is not the one dr-plan.json was written with (sha256 differs): one of them is stale; run cdktf synth again\n`,
    );
    fs.rmSync(path.join(dir, PLAN_MARKDOWN_FILE));
    expect(cli('report', outdir)).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdktf-san-dr: ${dir}: dr-plan.json without dr-plan.md: the plan is incomplete; run cdktf synth again\n`,
    });
  });
});

describe('6. Typed errors from valid input', () => {
  test.each([
    ['a plan child with id "Steps"', 'plan', 'Steps', 'reserves it for the deployment steps of the plan'],
    ['a stack child with id "san-dr-null-provider"', 'stack', 'san-dr-null-provider', 'reserves it for the null provider'],
  ] as const)('%s is refused with a SanDrError', (_case, parent, id, why) => {
    const built = design();
    new Construct(built[parent], id);
    const error = thrownBy(() => built.plan.analysis());
    expect(error).toBeInstanceOf(SanDrError);
    expect((error as Error).message).toContain(`an id other than "${id}"`);
    expect((error as Error).message).toContain(why);
  });

  test('a user\'s own NullProvider is used, whatever its id', () => {
    const built = design();
    new NullProvider(built.stack, 'mine');
    expect(() => built.plan.analysis()).not.toThrow();
  });

  test('dotted names that collide once joined make two different steps', () => {
    const stack = new TerraformStack(new App({ outdir: tempDir() }), 'app');
    const plan = new DisasterRecoveryPlan(stack, 'Plan', { rpo: '30m' });
    new DataCenter(plan, 'Primary', {
      role: SiteRole.PRIMARY,
      servers: [
        { name: 'a', role: ServerRole.DATABASE, host: 'a.example.com' },
        { name: 'a.mount-san-volume.b', role: ServerRole.DATABASE, host: 'b.example.com' },
      ],
    });
    new DataCenter(plan, 'Recovery', {
      role: SiteRole.RECOVERY,
      servers: [{ name: 'r', role: ServerRole.DATABASE, host: 'r.example.com' }],
    });
    new SanVolumePair(plan, 'b.mount-san-volume.c', { ...dataProps(), mountPath: '/d1', mountedOn: { primary: ['a'], recovery: ['r'] } });
    new SanVolumePair(plan, 'c', { ...logsProps(), mountPath: '/d2', mountedOn: { primary: ['a.mount-san-volume.b'], recovery: ['r'] } });
    const steps = plan.analysis().steps.map((s) => s.id);
    expect(new Set(steps).size).toBe(steps.length);
    expect(steps).toContain('primary.a.mount-san-volume.b%2Emount-san-volume%2Ec');
    expect(steps).toContain('primary.a%2Emount-san-volume%2Eb.mount-san-volume.c');
  });
});
