import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App, TerraformStack, Token } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planDocumentSchema, type PlanDocument } from '../../lib/plan/document';
import { buildDesign } from './helpers';

/**
 * A bound command (or any plan string) that holds a cdktf token is recorded as the Terraform
 * expression cdktf resolves it to, not as cdktf's placeholder `${TfToken[TOKEN.n]}`, whose
 * number counts the tokens created earlier in the process: the same program must write the same
 * plan files, whatever ran before it.
 */
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function synthesize(crossStack: boolean): Map<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-tokens-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const dr = new TerraformStack(app, 'dr');
  const hosts = crossStack ? new TerraformStack(app, 'hosts') : dr;
  new NullProvider(hosts, 'null');
  const host = new NullResource(hosts, 'host', {});
  const port = Token.asNumber(new NullResource(hosts, 'port', {}).id);
  buildDesign(dr, {
    plan: {
      commands: {
        'create-mount-directory': ({ params }) => ['ssh', host.id, 'mkdir', '-p', params.path],
        'establish-replication-pair': ({ params }) => ['pair', `--port=${port}`, params.volume],
        'start-database': ({ params }) => ['ssh', host.id, 'db2start', params.server ?? ''],
      },
    },
  });
  app.synth();
  const dir = path.join(outdir, 'stacks', 'dr');
  return new Map(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

const documentOf = (files: Map<string, string>): PlanDocument => planDocumentSchema.parse(JSON.parse(files.get('dr-plan.json')!));
const commandsOf = (document: PlanDocument) => [
  ...document.plans.flatMap((plan) => plan.steps.map((step) => step.command)),
  ...document.plans.flatMap((plan) => plan.procedures.flatMap((procedure) => procedure.steps.map((step) => step.command))),
].filter((command): command is string => command !== null);

describe.each([
  ['in the same stack', false, '${null_resource.host.id}', '${null_resource.port.id}'],
  [
    'across stacks (through remote state)',
    true,
    '${data.terraform_remote_state.cross-stack-reference-input-hosts.outputs.cross-stack-output-null_resourcehostid.',
    '${data.terraform_remote_state.cross-stack-reference-input-hosts.outputs.cross-stack-output-null_resourceportid',
  ],
])('a token in a bound command, %s', (_, crossStack, hostExpression, portExpression) => {
  it('is recorded as its Terraform expression in every plan file', () => {
    const files = synthesize(crossStack);
    const commands = commandsOf(documentOf(files));
    const mkdir = commands.filter((command) => command.includes('mkdir'));
    const pair = commands.filter((command) => command.startsWith('pair '));
    const start = commands.filter((command) => command.includes('db2start'));
    // Not vacuous: a mkdir per mount, a pair per volume and a database start at the recovery site.
    expect(mkdir.length).toBeGreaterThan(0);
    expect(pair.length).toBeGreaterThan(0);
    expect(start.length).toBeGreaterThan(0);
    for (const command of mkdir) expect(command).toContain(hostExpression.slice(0, -1));
    // A recovery command never reaches cdk.tf.json (the runbook lists it): it names the attribute
    // in the stack that declares it, as that stack's configuration would.
    for (const command of start) expect(command).toMatch(/^ssh '\$\{null_resource\.host\.id\}' db2start db1/);
    for (const command of pair) expect(command).toContain(`--port=${portExpression}`);
    for (const [name, text] of files) expect({ name, placeholder: /TfToken|-1\.8881545897087\d*e\+289/.test(text) }).toEqual({ name, placeholder: false });
    // The plan records the command Terraform runs: cdk.tf.json's provisioner, whose token Terraform
    // evaluates (not escaped into a literal `$${...}`).
    const provisioned = Object.values(JSON.parse(files.get('cdk.tf.json')!).resource.null_resource as Record<string, { provisioner?: { 'local-exec': { command: string } }[] }>)
      .flatMap((resource) => resource.provisioner ?? [])
      .map((p) => p['local-exec'].command);
    expect(provisioned.filter((command) => command.includes('mkdir')).sort()).toEqual([...mkdir].sort());
    for (const command of provisioned) expect(command).not.toContain('$${');
  });

  it('is the same whatever tokens the process created before', () => {
    const first = synthesize(crossStack);
    // More tokens in between: a placeholder's number would move.
    for (let i = 0; i < 25; i++) Token.asString({ resolve: () => i });
    const second = synthesize(crossStack);
    for (const name of ['dr-plan.json', 'dr-plan.md', 'dr-runbook.md', 'cdk.tf.json']) expect({ name, text: second.get(name) }).toEqual({ name, text: first.get(name) });
  });
});
