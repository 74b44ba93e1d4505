import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import { escapeCommandData, escapeCommandProperty, workflowCommand } from '../../lib/escape';
import { CATALOG } from '../../lib/rules';
import { estate, schedule } from '../fixtures/estate';
import { cli, documentOf, tempDir, writeFile } from './helpers';

/** Synthesizes the WebSphere BAW example at `interval` into a new output directory (a failing design throws). */
function synthOut(interval: string, stack = 'websphere-baw'): string {
  const outdir = tempDir();
  const app = new App({ outdir, stackTraces: false });
  new WebSphereBawStack(app, stack, { interval });
  try {
    app.synth();
  } catch {
    // A failing design: its plan is written with verdict FAIL.
  }
  return outdir;
}

const passing = synthOut('15m');
const failing = synthOut('27m');
// 23m: worst case 28m 40.4s against 30m (its busiest 23 minutes), within the 10% margin (3m): SDR-RPO-MARGIN warns.
const warning = synthOut('23m');
const stackDir = (outdir: string) => path.join(outdir, 'stacks', 'websphere-baw');

describe('cdktf-san-dr check: the exit code is the gate', () => {
  test('a passing plan: exit 0, one line per stack and a summary', () => {
    const run = cli('check', passing);
    expect(run).toEqual({
      code: 0,
      stdout:
        'websphere-baw: PASS (0 error(s), 0 warning(s), 0 note(s))\n' +
        'check: no unsuppressed finding at error level or above in 1 stack(s)\n',
      stderr: '',
    });
  });

  test('a failing design (its plan written with verdict FAIL): exit 1 with the finding and its fix', () => {
    const run = cli('check', failing);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('websphere-baw: FAIL (1 error(s), 0 warning(s), 0 note(s))\n');
    expect(run.stdout).toContain(
      'error SDR-RPO-BUDGET websphere-baw/Baw/RuntimeData (stack websphere-baw): Schedule RuntimeData cannot meet the 30m RPO: worst case 33m 22.1s',
    );
    expect(run.stdout).toContain('Fix: Set the interval of RuntimeData to at most 24m 7s');
    expect(run.stdout).toMatch(/check: 1 unsuppressed finding\(s\) at error level or above\n$/);
  });

  test('warnings pass by default and fail with --fail-on warning', () => {
    expect(cli('check', warning).code).toBe(0);
    const run = cli('check', '--fail-on', 'warning', warning);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('warning SDR-RPO-MARGIN websphere-baw/Baw/RuntimeData');
  });

  test('exit 2 when there is no plan', () => {
    const run = cli('check', tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no dr-plan\.json in this directory or in its stacks\/\*\//);
  });

  // The checks are lib/cli/load.ts's (every command reads plans through it); check exits 2 on them.
  test.each<[string, string, (dir: string) => void, string]>([
    ['the cdk.tf.json of a planned stack without its plan', '15m', (dir) => fs.rmSync(path.join(dir, 'dr-plan.json')), 'stacks/websphere-baw: cdk.tf.json without dr-plan.json'],
    ['dr-plan.md missing', '15m', (dir) => fs.rmSync(path.join(dir, 'dr-plan.md')), 'dr-plan.json without dr-plan.md: the plan is incomplete'],
    ['cdk.tf.json changed since the plan was written', '15m', (dir) => fs.appendFileSync(path.join(dir, 'cdk.tf.json'), '\n'), 'cdk.tf.json is not the one dr-plan.json was written with (sha256 differs)'],
    [
      'a failing plan (terraform: null) beside a cdk.tf.json from an earlier run',
      '27m',
      (dir) => fs.copyFileSync(path.join(stackDir(passing), 'cdk.tf.json'), path.join(dir, 'cdk.tf.json')),
      'dr-plan.json says no cdk.tf.json was written, but there is one: one of them is stale',
    ],
  ])('exit 2 when a plan is missing or stale: %s', (_, interval, spoil, message) => {
    const out = tempDir();
    fs.cpSync(interval === '15m' ? passing : failing, out, { recursive: true });
    spoil(stackDir(out));
    const run = cli('check', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('the failing plan itself, with no cdk.tf.json, is accepted and gated (exit 1, not 2)', () => {
    expect(fs.existsSync(path.join(stackDir(failing), 'cdk.tf.json'))).toBe(false);
    expect(cli('check', failing).code).toBe(1);
  });

  test('bad options: exit 2', () => {
    expect(cli('check', '--format', 'junit', passing).stderr).toContain('--format must be one of text, github, sarif; got "junit"');
    expect(cli('check', '--fail-on', 'info', passing).code).toBe(2);
    expect(cli('check').code).toBe(2);
  });
});

describe('check --format github: workflow commands', () => {
  test('one ::error annotation per unsuppressed error, titled with the rule and the construct path', () => {
    const run = cli('check', '--format', 'github', failing);
    expect(run.code).toBe(1);
    const [annotation, summary] = run.stdout.trimEnd().split('\n');
    expect(annotation).toMatch(
      /^::error title=SDR-RPO-BUDGET websphere-baw\/Baw\/RuntimeData::Worst-case recovery point exceeds the RPO: Schedule RuntimeData cannot meet the 30m RPO: worst case 33m 22\.1s/,
    );
    // The message's own ":" and "," stay as they are in data; only the title escapes them.
    expect(annotation).toContain('(6.98 GiB changed in the busiest 27m window, 2026-11-02 01:35–02:02 UTC, 3.49 GiB sent after 2:1 compression');
    expect(summary).toBe('cdktf-san-dr check: 1 unsuppressed finding(s) at error level or above');
  });

  test('warnings are ::warning annotations', () => {
    expect(cli('check', '--format', 'github', warning).stdout).toMatch(/^::warning title=SDR-RPO-MARGIN websphere-baw\/Baw\/RuntimeData::/m);
  });

  test('escaping: data escapes %, CR and LF; properties also : and ,', () => {
    expect(escapeCommandData('100% done\r\n::add-mask::x')).toBe('100%25 done%0D%0A::add-mask::x');
    expect(escapeCommandProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    // A user string cannot start a second command on its own line, nor end the property list.
    // Hidden characters from a user string are shown by name, so neither a line break nor an ESC reaches the log.
    const command = workflowCommand('error', { title: 'SDR-X app/Plan,line=9\n' }, 'first\n::error::injected \x1b[31mred 100%');
    expect(command).toBe('::error title=SDR-X app/Plan%2Cline=9\\n::first\\n::error::injected \\x1B[31mred 100%25');
    expect(command.split('\n')).toHaveLength(1);
    expect(command).not.toContain('\x1b');
  });
});

describe('check --format sarif', () => {
  // The OASIS SARIF 2.1.0 schema (test/fixtures/schemas/README.md says where the file comes from).
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/schemas/sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  test('the vendored schema is the SARIF 2.1.0 one, and it rejects what is not SARIF 2.1.0', () => {
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    expect(validate({ version: '2.1.0', runs: [] })).toBe(true);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  test.each([
    ['a failing plan', failing, 1],
    ['a passing plan', passing, 0],
    ['a plan with a warning', warning, 0],
  ])('%s validates against the schema (exit %p)', (_, out, code) => {
    const run = cli('check', '--format', 'sarif', out);
    expect(run.code).toBe(code);
    const log = JSON.parse(run.stdout);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('a suppressed finding is reported with its suppression and reason, and validates', () => {
    // 25m: worst case 28m 33.9s, within 10% of 30m: SDR-RPO-MARGIN warns; here it is suppressed.
    const reason = 'Accepted: the 25m interval is a deliberate trade-off reviewed with the DR team.';
    const design = {
      ...estate({ schedules: [schedule({ intervalSeconds: 1500 })] }),
      suppressions: [{ ruleId: 'SDR-RPO-MARGIN', path: 'app/Baw/RuntimeData', reason, applyToChildren: false }],
    };
    const run = cli('check', '--format', 'sarif', '--fail-on', 'warning', writeFile(documentOf(design)));
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout);
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    const [result] = log.runs[0].results;
    expect(result.ruleId).toBe('SDR-RPO-MARGIN');
    expect(result.suppressions).toEqual([{ kind: 'inSource', state: 'accepted', justification: `${reason} (on app/Baw/RuntimeData)` }]);
  });

  test('one rule per catalog entry, with its help text; results point at the rule, the plan file and the construct', () => {
    const log = JSON.parse(cli('check', '--format', 'sarif', failing).stdout);
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('cdktf-san-dr');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(CATALOG.map((r) => r.id));
    const budget = run.tool.driver.rules.find((r: { id: string }) => r.id === 'SDR-RPO-BUDGET');
    const catalogEntry = CATALOG.find((r) => r.id === 'SDR-RPO-BUDGET')!;
    expect(budget.help.text).toContain(catalogEntry.rationale);
    expect(budget.help.text).toContain(`Fix: ${catalogEntry.fix}`);
    expect(budget.defaultConfiguration.level).toBe('error');
    const [result] = run.results;
    expect(result).toMatchObject({ ruleId: 'SDR-RPO-BUDGET', ruleIndex: CATALOG.findIndex((r) => r.id === 'SDR-RPO-BUDGET'), level: 'error' });
    expect(result.message.text).toContain('worst case 33m 22.1s');
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('websphere-baw/Baw/RuntimeData');
    // Relative to the working directory, never an absolute runner path.
    const uri = result.locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toMatch(/stacks\/websphere-baw\/dr-plan\.md$/);
    expect(uri.startsWith('/')).toBe(false);
  });
});
