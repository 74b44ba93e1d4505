jest.mock('../../lib/constructs/step-resources', () => require('../reference/byte-identity').switchedStepResources());

import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App, TerraformStack, Token } from 'cdktf';
import fc from 'fast-check';
import * as path from 'path';
import { declareEstate } from '../../bench/estate';
import { Db2SplitMirrorStack } from '../../examples/db2-split-mirror/stack';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import { synthBothWays } from '../reference/byte-identity';
import { configureProperties, hostileString } from '../escape/hostile';
import type { DisasterRecoveryPlan } from '../../lib';
import { buildDesign } from './helpers';

/**
 * Issue 15: the step resources are rendered by one Terraform element per plan instead of one
 * null_resource construct per step. Every file a synthesis writes must stay byte for byte what
 * the construct-per-step emission (test/reference/construct-per-step.ts) writes.
 */
function expectSameBytes(program: (outdir: string) => void, compared: (file: string) => boolean = () => true): Map<string, Buffer> {
  const { reference, library } = synthBothWays(program);
  expect([...library.keys()]).toEqual([...reference.keys()]);
  for (const [file, bytes] of reference) {
    if (!compared(file)) continue;
    // Compared as text first, for a readable diff, then as bytes.
    expect({ file, text: library.get(file)!.toString('utf8') }).toEqual({ file, text: bytes.toString('utf8') });
    expect(library.get(file)!.equals(bytes)).toBe(true);
  }
  return library;
}

const tfOf = (files: Map<string, Buffer>, stack: string) => JSON.parse(files.get(path.join('stacks', stack, 'cdk.tf.json'))!.toString('utf8'));
type NullResources = Record<string, { depends_on: string[]; triggers: Record<string, string>; provisioner?: { 'local-exec': { command: string } }[] }>;

describe('step emission, byte for byte', () => {
  it('writes both examples as the construct-per-step emission did', () => {
    const files = expectSameBytes((outdir) => {
      const app = new App({ outdir });
      new WebSphereBawStack(app, 'websphere-baw');
      new Db2SplitMirrorStack(app, 'db2-split-mirror');
      app.synth();
    });
    // Not vacuous: both stacks' step resources, their dependencies and the plans are in the compared files.
    const resources = tfOf(files, 'websphere-baw').resource.null_resource as NullResources;
    expect(Object.keys(resources).length).toBeGreaterThan(20);
    expect(Object.values(resources).some((r) => r.depends_on.length > 1)).toBe(true);
    expect(Object.values(resources).some((r) => r.depends_on.length === 0)).toBe(true);
    expect(Object.keys(tfOf(files, 'db2-split-mirror').resource.null_resource).length).toBeGreaterThan(20);
    expect(files.has(path.join('stacks', 'db2-split-mirror', 'dr-plan.json'))).toBe(true);
  });

  it('writes a generated bench estate (12 plans of 5 volumes, 2 shared links, bound commands) alike', () => {
    const files = expectSameBytes((outdir) => {
      const app = new App({ outdir });
      declareEstate(new TerraformStack(app, 'estate'), { plans: 12, volumesPerPlan: 5 });
      app.synth();
    });
    const resources = Object.values(tfOf(files, 'estate').resource.null_resource as NullResources);
    // 12 plans x (5 steps per volume x 5 + 9 per plan), as test/bench/estate.test.ts counts them.
    expect(resources).toHaveLength(12 * (5 * 5 + 9));
    expect(resources.filter((r) => r.provisioner).length).toBeGreaterThan(0);
  });

  it('wires a cross-stack token in a bound command through remote state, as before', () => {
    const files = expectSameBytes((outdir) => {
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
    for (const { 'local-exec': { command } } of commands) expect(command).toContain("'${data.terraform_remote_state.cross-stack-reference-input-hosts");
    expect(Object.keys(tfOf(files, 'hosts').output)).toHaveLength(1);
  });

  it('wires a cross-stack number token (a number interpolated into an argument) alike', () => {
    const files = expectSameBytes((outdir) => {
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

  it('writes the same with App({ hclOutput: true }) (cdktf 0.21 writes JSON into cdk.tf there too)', () => {
    const files = expectSameBytes((outdir) => {
      const app = new App({ outdir, hclOutput: true });
      buildDesign(new TerraformStack(app, 'dr'), { plan: { commands: { 'create-mount-directory': ({ params }) => ['mkdir', '-p', `\${x}${params.path}`] } } });
      app.synth();
    });
    const tf = JSON.parse(files.get(path.join('stacks', 'dr', 'cdk.tf'))!.toString('utf8'));
    const commands = Object.values(tf.resource.null_resource as NullResources).flatMap((r) => r.provisioner ?? []);
    expect(commands.map((p) => p['local-exec'].command)).toContain(`mkdir -p '$\${x}/opt/ibm/WebSphere/tranlogs'`);
  });

  it('writes hostile construct ids and commands alike (resource names, triggers, escaping)', () => {
    configureProperties();
    fc.assert(
      fc.property(hostileString(), hostileString(), (id, arg) => {
        expectSameBytes((outdir) => {
          const app = new App({ outdir });
          buildDesign(new TerraformStack(app, 'dr'), {
            planId: `Plan${id}`,
            ids: { data: `Data${id}`, tranlogs: `Tranlogs${arg}` },
            plan: {
              commands: {
                'create-mount-directory': ({ params }) => ['ssh', params.host, arg, params.path],
                'mount-san-volume': ({ params }) => ['mount', `${params.volume}${arg}`],
              },
            },
          });
          app.synth();
        });
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

  it('returns the addresses of one phase, written as a resource construct would have been depended on', () => {
    const files = expectSameBytes(program({ phase: 'replication' }, false));
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
    const byAction = deployOf(expectSameBytes(program({ action: 'create-mount-directory' }, false)), 'dr').depends_on;
    // One directory per mount: Data and Logs on db1, Tranlogs on was1 and was2, at each of the 2 sites.
    expect(byAction).toHaveLength(8);
    expect(byAction.filter((a) => a.startsWith('null_resource.Plan_Steps_primary'))).toHaveLength(4);
    expect(byAction.filter((a) => a.startsWith('null_resource.Plan_Steps_recovery'))).toHaveLength(4);
    const both = deployOf(expectSameBytes(program({ phase: 'recovery', action: 'create-mount-directory' }, false)), 'dr').depends_on;
    expect(both).toEqual(byAction.filter((a) => a.startsWith('null_resource.Plan_Steps_recovery')));
  });

  it('returns every step without a selection', () => {
    const files = expectSameBytes(program(undefined, false));
    const steps = Object.keys(tfOf(files, 'dr').resource.null_resource).filter((name) => name !== 'deploy-application');
    expect([...deployOf(files, 'dr').depends_on].sort()).toEqual(steps.map((name) => `null_resource.${name}`).sort());
  });

  it('from another stack, goes through cdktf cross-stack references exactly as a resource construct did', () => {
    const files = expectSameBytes(program({ phase: 'schedule' }, true));
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
