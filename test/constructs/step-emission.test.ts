import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { declareEstate as declareBenchEstate } from '../../bench/estate';
import { Db2SplitMirrorStack } from '../../examples/db2-split-mirror/stack';
import { declareEstate as declareExampleEstate } from '../../examples/estate/stacks';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import { constructIdOf } from '../../lib/constructs/step-resources';
import { terraformStoredValue } from '../../lib/escape';
import { configureProperties, hostileString } from '../escape/hostile';
import type { DisasterRecoveryPlan } from '../../lib';
import { buildDesign } from './helpers';

/**
 * Issue 15: the step resources are rendered by one Terraform element per plan, and those without
 * a token are streamed into cdk.tf.json by the library, instead of one null_resource construct per
 * step. test/fixtures/golden holds the cdk.tf.json that the construct-per-step emission wrote for
 * both examples, the estate example and a small bench estate (the old code was run beside the new
 * one on these, and on the cases below, until it was deleted); the library must write them byte
 * for byte. The local backend's absolute state path (the working directory) is left out of them.
 *
 * A change that is meant to change these files (a new step, a new trigger) rewrites them with
 * `UPDATE_GOLDEN=1 npx jest test/constructs/step-emission.test.ts`; the diff is then reviewed
 * like any other, and it must show only that change.
 */
const GOLDEN = path.join(__dirname, '..', 'fixtures', 'golden');
const CWD = JSON.stringify(`${process.cwd()}${path.sep}`).slice(1, -1);

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Runs `program` into a fresh outdir; returns every file it wrote, by path relative to the outdir. */
function synthesize(program: (outdir: string) => void): Map<string, Buffer> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-emission-'));
  outdirs.push(outdir);
  program(outdir);
  const files = new Map<string, Buffer>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else files.set(path.relative(outdir, full), fs.readFileSync(full));
    }
  };
  visit(outdir);
  return files;
}

/** Every cdk.tf.json written is the golden one of its stack, and every golden one was written. */
function expectGolden(name: string, files: Map<string, Buffer>): void {
  const written = [...files.keys()].filter((file) => file.endsWith('cdk.tf.json'));
  if (process.env.UPDATE_GOLDEN) {
    fs.rmSync(path.join(GOLDEN, name), { recursive: true, force: true });
    fs.mkdirSync(path.join(GOLDEN, name), { recursive: true });
    for (const file of written) fs.writeFileSync(path.join(GOLDEN, name, `${path.basename(path.dirname(file))}.cdk.tf.json`), files.get(file)!.toString('utf8').split(CWD).join(''));
  }
  const golden = fs.readdirSync(path.join(GOLDEN, name)).sort();
  expect(written.map((file) => `${path.basename(path.dirname(file))}.cdk.tf.json`).sort()).toEqual(golden);
  for (const file of written) {
    const expected = fs.readFileSync(path.join(GOLDEN, name, `${path.basename(path.dirname(file))}.cdk.tf.json`), 'utf8');
    // Compared as text, for a readable diff; the text is all the bytes (UTF-8, no BOM).
    expect({ file, text: files.get(file)!.toString('utf8').split(CWD).join('') }).toEqual({ file, text: expected });
  }
}

const tfOf = (files: Map<string, Buffer>, stack: string) => JSON.parse(files.get(path.join('stacks', stack, 'cdk.tf.json'))!.toString('utf8'));
type NullResources = Record<string, { depends_on: string[]; triggers: Record<string, string>; provisioner?: { 'local-exec': { command: string } }[]; '//': { metadata: { path: string } } }>;

describe('step emission, byte for byte', () => {
  it('writes the examples as the construct-per-step emission did', () => {
    const files = synthesize((outdir) => {
      const app = new App({ outdir });
      new WebSphereBawStack(app, 'websphere-baw');
      new Db2SplitMirrorStack(app, 'db2-split-mirror');
      declareExampleEstate(app);
      app.synth();
    });
    expectGolden('examples', files);
    // Not vacuous: both stacks' step resources and their dependencies are in the compared files.
    const resources = tfOf(files, 'websphere-baw').resource.null_resource as NullResources;
    expect(Object.keys(resources).length).toBeGreaterThan(20);
    expect(Object.values(resources).some((r) => r.depends_on.length > 1)).toBe(true);
    expect(Object.values(resources).some((r) => r.depends_on.length === 0)).toBe(true);
    expect(Object.keys(tfOf(files, 'db2-split-mirror').resource.null_resource).length).toBeGreaterThan(20);
  });

  it('writes a generated bench estate (2 plans of 3 volumes on a shared link, bound commands) alike', () => {
    const files = synthesize((outdir) => {
      const app = new App({ outdir });
      declareBenchEstate(new TerraformStack(app, 'estate'), { plans: 2, volumesPerPlan: 3 });
      app.synth();
    });
    expectGolden('bench-estate', files);
    const resources = Object.values(tfOf(files, 'estate').resource.null_resource as NullResources);
    // 2 plans x (5 steps per volume x 3 + 9 per plan), as test/bench/estate.test.ts counts them.
    expect(resources).toHaveLength(2 * (5 * 3 + 9));
    expect(resources.filter((r) => r.provisioner).length).toBeGreaterThan(0);
  });

  it('wires a cross-stack token in a bound command through remote state', () => {
    const files = synthesize((outdir) => {
      const app = new App({ outdir });
      const hosts = new TerraformStack(app, 'hosts');
      new NullProvider(hosts, 'null');
      const host = new NullResource(hosts, 'host', {});
      const stack = new TerraformStack(app, 'dr');
      buildDesign(stack, { plan: { commands: { 'create-mount-directory': ({ params }) => ['ssh', host.id, 'mkdir', '-p', params.path] } } });
      app.synth();
    });
    const dr = tfOf(files, 'dr');
    const commands = Object.values(dr.resource.null_resource as NullResources).flatMap((r) => r.provisioner ?? []);
    expect(commands.length).toBeGreaterThan(0);
    for (const { 'local-exec': { command } } of commands) expect(command).toMatch(/^ssh '\$\{data\.terraform_remote_state\.cross-stack-reference-input-hosts\.outputs\.cross-stack-output-null_resourcehostid\}' mkdir -p \//);
    expect(Object.keys(tfOf(files, 'hosts').output)).toEqual(['cross-stack-output-null_resourcehostid']);
    expect(Object.keys(dr.data.terraform_remote_state)).toEqual(['cross-stack-reference-input-hosts']);
  });

  it('wires a cross-stack number token (a number interpolated into an argument) alike', () => {
    const files = synthesize((outdir) => {
      const app = new App({ outdir });
      const hosts = new TerraformStack(app, 'hosts');
      new NullProvider(hosts, 'null');
      const port = Token.asNumber(new NullResource(hosts, 'port', {}).id);
      buildDesign(new TerraformStack(app, 'dr'), {
        plan: { commands: { 'establish-replication-pair': ({ params }) => ['pair', `--port=${port}`, params.volume] } },
      });
      app.synth();
    });
    const commands = Object.values(tfOf(files, 'dr').resource.null_resource as NullResources).flatMap((r) => r.provisioner ?? []);
    expect(commands.length).toBeGreaterThan(0);
    for (const { 'local-exec': { command } } of commands) expect(command).toMatch(/^pair --port=\$\{data\.terraform_remote_state\.cross-stack-reference-input-hosts\.outputs\./);
  });

  it('writes the same bytes with App({ hclOutput: true }) (cdktf 0.21 writes JSON into cdk.tf there too)', () => {
    const program = (hclOutput: boolean) => (outdir: string) => {
      const app = new App({ outdir, hclOutput });
      buildDesign(new TerraformStack(app, 'dr'), { plan: { commands: { 'create-mount-directory': ({ params }) => ['mkdir', '-p', `\${x}${params.path}`] } } });
      app.synth();
    };
    const hcl = synthesize(program(true)).get(path.join('stacks', 'dr', 'cdk.tf'))!;
    expect(hcl.equals(synthesize(program(false)).get(path.join('stacks', 'dr', 'cdk.tf.json'))!)).toBe(true);
    const commands = Object.values(JSON.parse(hcl.toString('utf8')).resource.null_resource as NullResources).flatMap((r) => r.provisioner ?? []);
    expect(commands.map((p) => p['local-exec'].command)).toContain(`mkdir -p '$\${x}/opt/ibm/WebSphere/tranlogs'`);
  });

  it('writes hostile construct ids and commands as a construct per step would be named, with the values the plan records', () => {
    configureProperties();
    fc.assert(
      fc.property(hostileString(), hostileString(), (id, arg) => {
        let plan: DisasterRecoveryPlan | undefined;
        const files = synthesize((outdir) => {
          const app = new App({ outdir });
          plan = buildDesign(new TerraformStack(app, 'dr'), {
            planId: `Plan${id}`,
            ids: { data: `Data${id}`, tranlogs: `Tranlogs${arg}` },
            plan: {
              commands: {
                'create-mount-directory': ({ params }) => ['ssh', params.host, arg, params.path],
                'mount-san-volume': ({ params }) => ['mount', `${params.volume}${arg}`],
              },
            },
          }).plan;
          app.synth();
        });
        const resources = tfOf(files, 'dr').resource.null_resource as NullResources;
        const document = JSON.parse(files.get(path.join('stacks', 'dr', 'dr-plan.json'))!.toString('utf8'));
        const steps = document.plans[0].steps as { id: string; action: string; params: Record<string, string>; dependsOn: string[]; command: string | null }[];
        // The name cdktf gives a construct at <plan>/Steps/<step id with "/" as "|">, from a scratch stack.
        const scratch = new TerraformStack(new App(), 'dr');
        const stepsScope = new Construct(new Construct(scratch, plan!.node.id), 'Steps');
        const names = new Map(steps.map((step) => [step.id, scratch.getLogicalId(new Construct(stepsScope, constructIdOf(step.id)).node)]));
        const nameOf = (stepId: string) => names.get(stepId)!;
        expect(Object.keys(resources).sort()).toEqual(steps.map((step) => nameOf(step.id)).sort());
        for (const step of steps) {
          const resource = resources[nameOf(step.id)];
          expect(resource['//'].metadata.path).toBe(`dr/${plan!.node.id}/Steps/${constructIdOf(step.id)}`);
          expect(Object.fromEntries(Object.entries(resource.triggers).map(([key, value]) => [key, terraformStoredValue(value)]))).toEqual({ action: step.action, ...step.params });
          expect(resource.depends_on).toEqual(step.dependsOn.map((dependency) => `null_resource.${nameOf(dependency)}`));
          expect(resource.provisioner?.map((p) => terraformStoredValue(p['local-exec'].command)) ?? null).toEqual(step.command === null ? null : [step.command]);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('DisasterRecoveryPlan.stepDependencies()', () => {
  /** The design of helpers.ts with an application resource that waits for some of its steps. */
  function program(selection: Parameters<DisasterRecoveryPlan['stepDependencies']>[0], crossStack: boolean) {
    return (outdir: string) => {
      const app = new App({ outdir });
      const dr = new TerraformStack(app, 'dr');
      const { plan } = buildDesign(dr);
      const appStack = crossStack ? new TerraformStack(app, 'application') : dr;
      if (crossStack) new NullProvider(appStack, 'null');
      new NullResource(appStack, 'deploy-application', { dependsOn: plan.stepDependencies(selection) });
      app.synth();
    };
  }
  const deployOf = (files: Map<string, Buffer>, stack: string) => tfOf(files, stack).resource.null_resource['deploy-application'] as { depends_on: string[] };

  it('returns the addresses of one phase, as literals in depends_on', () => {
    const files = synthesize(program({ phase: 'replication' }, false));
    const resources = tfOf(files, 'dr').resource.null_resource as NullResources;
    const { depends_on } = deployOf(files, 'dr');
    // The helpers' design replicates three volumes: one pair of replication steps or more each.
    expect(depends_on.length).toBeGreaterThan(2);
    for (const address of depends_on) {
      expect(address).toMatch(/^null_resource\.Plan_Steps_replication/);
      expect(resources[address.slice('null_resource.'.length)]).toBeDefined();
    }
  });

  it('selects by action across phases, and by both', () => {
    const byAction = deployOf(synthesize(program({ action: 'create-mount-directory' }, false)), 'dr').depends_on;
    // One directory per mount: Data and Logs on db1, Tranlogs on was1 and was2, at each of the 2 sites.
    expect(byAction).toHaveLength(8);
    expect(byAction.filter((a) => a.startsWith('null_resource.Plan_Steps_primary'))).toHaveLength(4);
    expect(byAction.filter((a) => a.startsWith('null_resource.Plan_Steps_recovery'))).toHaveLength(4);
    const both = deployOf(synthesize(program({ phase: 'recovery', action: 'create-mount-directory' }, false)), 'dr').depends_on;
    expect(both).toEqual(byAction.filter((a) => a.startsWith('null_resource.Plan_Steps_recovery')));
  });

  it('returns every step without a selection', () => {
    const files = synthesize(program(undefined, false));
    const steps = Object.keys(tfOf(files, 'dr').resource.null_resource).filter((name) => name !== 'deploy-application');
    expect([...deployOf(files, 'dr').depends_on].sort()).toEqual(steps.map((name) => `null_resource.${name}`).sort());
  });

  it('from another stack, goes through cdktf cross-stack references as a resource construct does', () => {
    const files = synthesize(program({ phase: 'schedule' }, true));
    // cdktf exports the address from the plan's stack and reads it through remote state; Terraform
    // accepts no attribute in depends_on, so across stacks the README says to order the stacks instead.
    expect(deployOf(files, 'application').depends_on).toEqual([
      'data.terraform_remote_state.cross-stack-reference-input-dr.outputs.cross-stack-output-null_resourcePlan_Steps_scheduleenable-snapshot-scheduleRuntimeData_A5A1717A',
    ]);
    expect(tfOf(files, 'dr').output).toEqual({
      'cross-stack-output-null_resourcePlan_Steps_scheduleenable-snapshot-scheduleRuntimeData_A5A1717A': {
        sensitive: true,
        value: '${null_resource.Plan_Steps_scheduleenable-snapshot-scheduleRuntimeData_A5A1717A}',
      },
    });
  });

  it('refuses an unknown phase or action with the allowed values', () => {
    const { plan } = buildDesign(new TerraformStack(new App(), 'dr'));
    expect(() => plan.stepDependencies({ phase: 'failover' as never })).toThrow(/phase: got "failover"; expected a step phase: primary, replication, recovery, schedule/);
    expect(() => plan.stepDependencies({ action: 'reboot' as never })).toThrow(/action: got "reboot"; expected a step action: /);
  });
});
