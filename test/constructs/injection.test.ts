import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { Testing, TerraformStack } from 'cdktf';
import {
  DataCenter,
  DisasterRecoveryPlan,
  ReplicationLink,
  SanDrError,
  SanVolumePair,
  SnapshotSchedule,
  shellCommand,
  type StepCommands,
} from '../../lib';
import { STEP_ACTIONS } from '../../lib/analysis/steps';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import {
  dataProps,
  design,
  expectSanDrError,
  linkProps,
  nullResources,
  planProps,
  primaryProps,
  recoveryProps,
  scheduleTimingProps,
  type DesignOverrides,
} from './helpers';

/**
 * Every command the library generates reaches the program as exactly the argv the builder
 * returned, whatever the names, paths and arguments hold: first Terraform reads cdk.tf.json
 * (its `${...}` and `%{...}` template sequences), then local-exec hands the string to /bin/sh -c.
 * Both layers run for real here: the argv printer is node itself, and Terraform's own parser
 * reads the strings when `terraform` is on PATH (otherwise the test applies its escape rules).
 * Where `shellcheck` is on PATH, every generated command must also pass it.
 */

// A fixed seed makes CI reproducible; set SDR_SEED to explore others. No property may run over a minute.
fc.configureGlobal({ seed: Number(process.env.SDR_SEED ?? 20261122), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });

const onPath = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const HAS_TERRAFORM = onPath('terraform');
const HAS_SHELLCHECK = onPath('shellcheck');

const PRINT_ARGV = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';

/** Arguments a builder might pass along (secrets, patterns, user text): none may change the command. */
const TRICKY = [
  'a b', "it's", '"double"', '$(touch /tmp/sdr-pwned)', '`touch /tmp/sdr-pwned`', 'x; touch /tmp/sdr-pwned', 'x && y || z',
  'x | y', 'a > /tmp/sdr-pwned', '< /etc/passwd', 'tab\there', 'new\nline', '\r\n', '*', '?', '[a-z]', '~', '~root', '$HOME',
  '${HOME}', '${path.module}', '${file("/etc/passwd")}', '%{ if true }x%{ endif }', '$${x}', '%%{x}', '$', '%', '{}', '\\',
  '\\\'', "'", "''", '-rf', '--', '', ' ', '#not a comment', '!', 'ünïcödé ✓', '$\'\\x41\'', '&', '(', ')',
];

/** What Terraform makes of a JSON string: it is a template; `$${` and `%%{` are literal. */
function terraformStrings(values: readonly string[], useTerraform = HAS_TERRAFORM): string[] {
  if (useTerraform) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdr-tf.'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ locals: { values } }));
      const out = execFileSync('terraform', ['console'], {
        cwd: dir,
        input: 'base64encode(jsonencode(local.values))\n',
        encoding: 'utf8',
        env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      // terraform console prints a quoted string; base64 keeps it plain ASCII.
      return JSON.parse(Buffer.from(JSON.parse(out.trim()) as string, 'base64').toString('utf8')) as string[];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return values.map((value) => {
    let out = '';
    for (let i = 0; i < value.length; i++) {
      if (value.startsWith('$${', i) || value.startsWith('%%{', i)) {
        out += `${value[i]}{`;
        i += 2;
      } else if (value.startsWith('${', i) || value.startsWith('%{', i)) {
        throw new Error(`unescaped Terraform template sequence at ${i} in ${JSON.stringify(value)}`);
      } else out += value[i];
    }
    return out;
  });
}

function argvReceived(command: string): string[] {
  return JSON.parse(execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8' })) as string[];
}

function shellcheck(command: string): void {
  if (!HAS_SHELLCHECK) return;
  const result = spawnSync('shellcheck', ['--shell=sh', '--severity=warning', '-'], { input: `${command}\n`, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`shellcheck rejects ${JSON.stringify(command)}:\n${result.stdout}`);
}

/**
 * A shell function standing in for the program, for speed where many commands run: it prints
 * each argument as <byte length>:<bytes> (dash counts bytes), then a newline.
 */
const ARGV_FUNCTION = 'sdr_argv() { for a in "$@"; do printf "%s:%s" "${#a}" "$a"; done; printf "\\n"; }';

function parseArgvLines(output: Buffer): string[][] {
  const lines: string[][] = [];
  let args: string[] = [];
  let i = 0;
  while (i < output.length) {
    if (output[i] === 0x0a) {
      lines.push(args);
      args = [];
      i++;
      continue;
    }
    const colon = output.indexOf(0x3a, i);
    const length = Number(output.subarray(i, colon).toString('ascii'));
    args.push(output.subarray(colon + 1, colon + 1 + length).toString('utf8'));
    i = colon + 1 + length;
  }
  return lines;
}

/** Binds every step action to a program printing its argv: the given extras, then every step param. */
function printEverything(extra: readonly string[], program: readonly string[] = [process.execPath, '-e', PRINT_ARGV]): StepCommands {
  return Object.fromEntries(
    STEP_ACTIONS.map((action) => [
      action,
      ({ id, params }: { id: string; params: Readonly<Record<string, string>> }) => [
        ...program, id, ...extra, ...Object.keys(params).sort().map((key) => params[key]),
      ],
    ]),
  ) as StepCommands;
}

/** The commands in cdk.tf.json as Terraform reads them, with the argv each was meant to pass. */
function generatedCommands(
  overrides: DesignOverrides,
  extra: readonly string[],
  useTerraform = HAS_TERRAFORM,
  program?: readonly string[],
) {
  const { stack, plan } = design({ ...overrides, plan: { ...overrides.plan, commands: printEverything(extra, program) } });
  const resources = Object.values(nullResources(stack));
  const raw = resources.flatMap((r) => (r.provisioner ?? []).map((p) => p['local-exec'].command));
  const commands = terraformStrings(raw, useTerraform);
  const steps = plan.analysis().steps;
  expect(commands).toHaveLength(steps.length);
  return commands.map((command) => {
    const step = steps.find((s) => command.includes(s.id))!;
    const intended = [id(step), ...extra, ...Object.keys(step.params).sort().map((key) => step.params[key])];
    return { command, intended };
  });
  function id(step: { id: string }) {
    return step.id;
  }
}

describe(`every generated command passes exactly the intended argv (terraform ${HAS_TERRAFORM ? 'on PATH: its parser' : 'absent: its escape rules'}; shellcheck ${HAS_SHELLCHECK ? 'on PATH: checked' : 'absent: not checked'})`, () => {
  test('every step action of the example design, with hostile extra arguments', () => {
    const generated = generatedCommands({}, TRICKY);
    expect(new Set(generated.map((g) => g.intended[0])).size).toBe(generated.length);
    for (const { command, intended } of generated) {
      expect(argvReceived(command)).toEqual(intended);
      shellcheck(command);
    }
    expect(fs.existsSync('/tmp/sdr-pwned')).toBe(false);
  });

  test('random arguments, and names and paths using every character the props allow (fast-check)', () => {
    // Also every Terraform-hostile argument at once, through terraform's own parser when present.
    const all = generatedCommands({}, ['${HOME}', '%{ if true }x%{ endif }', '$${a}', '%%{b}', '$$${c}']);
    for (const { command, intended } of all.slice(0, 2)) expect(argvReceived(command)).toEqual(intended);

    const allowedName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/);
    const allowedSegment = fc.stringMatching(/^[A-Za-z0-9_+@%=:,.-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\0')), { maxLength: 4 }),
        allowedName,
        fc.array(allowedSegment, { minLength: 1, maxLength: 3 }),
        (extra, serverName, segments) => {
          const mountPath = `/${segments.join('/')}`;
          const servers = primaryProps().servers.map((s, i) => (i === 0 ? { ...s, name: serverName } : s));
          fc.pre(new Set(servers.map((s) => s.name)).size === servers.length);
          let generated;
          try {
            // Terraform's escape rules applied here (its real parser runs in the tests around this one).
            generated = generatedCommands({ primary: { servers }, data: { mountPath } }, extra, false, ['sdr_argv']);
          } catch (error) {
            // A valid-looking design can still be refused (same path as another volume): only as a SanDrError.
            if (error instanceof SanDrError) return;
            throw error;
          }
          const commands = generated.map((g) => g.command);
          // One shell run for all commands keeps the property fast.
          const script = [ARGV_FUNCTION, ...commands].join('\n');
          const received = parseArgvLines(execFileSync('/bin/sh', ['-c', script]));
          expect(received).toEqual(generated.map((g) => g.intended));
        },
      ),
      { numRuns: Number(process.env.SDR_INJECTION_RUNS ?? 40) },
    );
  });

  test('the example stack: its bound commands pass shellcheck and reach the shell as dr-plan.json records them', () => {
    const stack = new WebSphereBawStack(Testing.app(), 'websphere-baw');
    const outdir = Testing.fullSynth(stack);
    try {
      const dir = path.join(outdir, 'stacks', 'websphere-baw');
      const tf = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
      const plan = JSON.parse(fs.readFileSync(path.join(dir, 'dr-plan.json'), 'utf8'));
      const raw = Object.values(tf.resource.null_resource as Record<string, { provisioner?: { 'local-exec': { command: string } }[] }>)
        .flatMap((r) => (r.provisioner ?? []).map((p) => p['local-exec'].command));
      expect(raw.length).toBeGreaterThan(0);
      const recorded = (plan.plans as { steps: { command: string | null }[] }[])
        .flatMap((p) => p.steps.map((s) => s.command))
        .filter((c): c is string => c !== null);
      expect(terraformStrings(raw).sort()).toEqual([...recorded].sort());
      for (const command of recorded) shellcheck(command);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('construct ids (which name volumes, schedules and links in step params) with shell metacharacters are quoted', () => {
    // Construct ids are not props: the library does not restrict them, so they must be quoted.
    const ids = ['Data; touch /tmp/sdr-pwned', '$(touch /tmp/sdr-pwned)', '`id`', "it's", '${HOME}', '%{x}', 'a b*', '..'];
    for (const id of ids) {
      const stack = new TerraformStack(Testing.app(), 'test');
      const plan = new DisasterRecoveryPlan(stack, 'Plan', { ...planProps(), commands: printEverything([], ['sdr_argv']) });
      new DataCenter(plan, 'Primary', primaryProps());
      new DataCenter(plan, 'Recovery', recoveryProps());
      const volume = new SanVolumePair(plan, id, dataProps());
      const link = new ReplicationLink(stack, `Wan ${id}`, linkProps());
      new SnapshotSchedule(plan, `Schedule ${id}`, { volumes: [volume], link, ...scheduleTimingProps() });
      const raw = Object.values(nullResources(stack)).flatMap((r) => (r.provisioner ?? []).map((p) => p['local-exec'].command));
      const commands = terraformStrings(raw, false);
      const received = parseArgvLines(execFileSync('/bin/sh', ['-c', [ARGV_FUNCTION, ...commands].join('\n')]));
      const steps = plan.analysis().steps;
      const intended = commands.map((command) => {
        const step = steps.find((s) => shellCommand([s.id]) === command.split(' ')[1] || command.includes(shellCommand([s.id])))!;
        return [step.id, ...Object.keys(step.params).sort().map((key) => step.params[key])];
      });
      expect(received).toEqual(intended);
      expect(received.flat()).toContain(volume.node.id); // constructs turns "/" into "--"
    }
    expect(fs.existsSync('/tmp/sdr-pwned')).toBe(false);
  });

  test('an argument holding a NUL character (which no command line can carry) is a SanDrError', () => {
    const { stack } = design({ plan: { commands: { 'create-mount-directory': () => ['echo', 'a\0b'] } } });
    expectSanDrError(() => Testing.synth(stack), {
      scope: 'test/Plan',
      propPath: 'commands["create-mount-directory"]',
      value: ['echo', 'a\0b'],
      got: 'an array of 2',
      allowed: ['without NUL'],
    });
  });

  test('shellCommand itself: argv round trip through /bin/sh for random strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 16 }).filter((s) => !s.includes('\0')), { maxLength: 6 }), (args) => {
        const received = parseArgvLines(execFileSync('/bin/sh', ['-c', `${ARGV_FUNCTION}\n${shellCommand(['sdr_argv', ...args])}`]));
        expect(received).toEqual([args]);
      }),
      { numRuns: Number(process.env.SDR_FUZZ_RUNS ?? 150) },
    );
  });
});

describe('names and paths that could escape quoting or the intended directory are rejected', () => {
  const rows: [string, DesignOverrides, string, string, unknown][] = [
    ['a relative mount path', { data: { mountPath: 'opt/data' } }, 'test/Plan/Data', 'mountPath', 'opt/data'],
    ['a ".." segment', { data: { mountPath: '/opt/../etc' } }, 'test/Plan/Data', 'mountPath', '/opt/../etc'],
    ['a "." segment', { data: { mountPath: '/opt/./data' } }, 'test/Plan/Data', 'mountPath', '/opt/./data'],
    ['a newline in a mount path', { tranlogs: { mountPath: '/opt/tranlogs\n/etc' } }, 'test/Plan/Tranlogs', 'mountPath', '/opt/tranlogs\n/etc'],
    ['$(...) in a mount path', { data: { mountPath: '/opt/$(id)' } }, 'test/Plan/Data', 'mountPath', '/opt/$(id)'],
    ['a space in a mount path', { data: { mountPath: '/opt/my data' } }, 'test/Plan/Data', 'mountPath', '/opt/my data'],
    ['a glob in a mount path', { data: { mountPath: '/opt/*' } }, 'test/Plan/Data', 'mountPath', '/opt/*'],
    [
      'a ";" in a server name',
      { primary: { servers: [{ ...primaryProps().servers[0], name: 'was1;reboot' }, ...primaryProps().servers.slice(1)] } },
      'test/Plan/Primary',
      'servers[0].name',
      'was1;reboot',
    ],
    [
      'a backtick in a host',
      { primary: { servers: [{ ...primaryProps().servers[0], host: '`id`.example.com' }, ...primaryProps().servers.slice(1)] } },
      'test/Plan/Primary',
      'servers[0].host',
      '`id`.example.com',
    ],
    [
      'a relative extra mount path on a server',
      { primary: { servers: [{ ...primaryProps().servers[0], mountPaths: ['../x'] }, ...primaryProps().servers.slice(1)] } },
      'test/Plan/Primary',
      'servers[0].mountPaths[0]',
      '../x',
    ],
    ['a newline in a placement pool name', { data: { placement: { primary: 'pool\nx' } } }, 'test/Plan/Data', 'placement.primary', 'pool\nx'],
  ];
  test.each(rows)('%s', (_what, overrides, scope, propPath, value) => {
    expectSanDrError(() => design(overrides), { scope, propPath, value });
  });
});
