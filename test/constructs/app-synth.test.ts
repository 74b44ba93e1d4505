import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataCenter, DisasterRecoveryPlan, PLAN_JSON_FILE, PLAN_MARKDOWN_FILE, SanDrError } from '../../lib';
import { buildDesign, newStack, stackDir, thrownBy } from './helpers';

/**
 * Through App.synth(), as `cdktf synth` runs it: the step resources are created in the stack's
 * prepareStack(), before cdktf's preparing resolve, as resources a user declares are.
 */
describe('App.synth()', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-app-synth-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('wires a cross-stack reference in a bound command through remote state', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    const hosts = new TerraformStack(app, 'hosts');
    new NullProvider(hosts, 'null');
    const host = new NullResource(hosts, 'host', {});
    const stack = new TerraformStack(app, 'dr');
    buildDesign(stack, {
      plan: { commands: { 'create-mount-directory': ({ params }) => ['ssh', host.id, 'mkdir', '-p', params.path] } },
    });
    app.synth();
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir(outdir, stack), 'cdk.tf.json'), 'utf8'));
    const commands = Object.values(tf.resource.null_resource as Record<string, { provisioner?: { 'local-exec': { command: string } }[] }>)
      .flatMap((r) => r.provisioner ?? [])
      .map((p) => p['local-exec'].command);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toContain('${data.terraform_remote_state.cross-stack-reference-input-hosts');
    expect(Object.keys(tf.data.terraform_remote_state)).toHaveLength(1);
  });

  it('a command that throws fails synthesis with its own error and leaves no earlier plan file', () => {
    const outdir = tempDir();
    const good = new App({ outdir });
    buildDesign(new TerraformStack(good, 'dr'), {});
    good.synth();
    const dir = path.join(outdir, 'stacks', 'dr');
    expect(fs.existsSync(path.join(dir, PLAN_JSON_FILE))).toBe(true);

    const bad = new App({ outdir });
    buildDesign(new TerraformStack(bad, 'dr'), {
      plan: {
        commands: {
          'mount-san-volume': () => {
            throw new Error('no inventory for this host');
          },
        },
      },
    });
    expect(() => bad.synth()).toThrow(/commands\["mount-san-volume"\].*no inventory for this host/s);
    for (const file of [PLAN_JSON_FILE, PLAN_MARKDOWN_FILE]) expect(fs.existsSync(path.join(dir, file))).toBe(false);
  });

  it('a declaration error is not remembered: once the design is fixed, the analysis runs', () => {
    const plan = new DisasterRecoveryPlan(newStack(), 'Plan', { rpo: '30m' });
    new DataCenter(plan, 'Primary', { role: 'primary', servers: [{ name: 'db1', role: 'database' }] });
    expect(thrownBy(() => plan.analysis())).toBeInstanceOf(SanDrError);
    new DataCenter(plan, 'Recovery', { role: 'recovery', servers: [{ name: 'db1-dr', role: 'database' }] });
    expect(plan.analysis().plan.sites).toHaveLength(2);
  });
});
