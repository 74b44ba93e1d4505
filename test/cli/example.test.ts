import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { DrSuppressions } from '../../lib';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import { cli, tempDir, writeFile } from './helpers';

/**
 * The "done when" of issues 4 and 13, on the real example: `report` and `diff` between real synth
 * output directories with a changed interval. At 27 minutes the example breaches its RPO:
 * synthesis fails, but writes the plan with verdict FAIL (and no cdk.tf.json), so the pull
 * request diffs two real plans, verdict change first and its cause, the interval, next.
 */
function synthesized(interval: string | undefined, configure?: (stack: WebSphereBawStack) => void): string {
  const stack = new WebSphereBawStack(Testing.app(), 'websphere-baw', { interval });
  configure?.(stack);
  return Testing.fullSynth(stack);
}

function failingSynthesis(interval: string): string {
  const outdir = tempDir();
  const app = new App({ outdir, stackTraces: false });
  new WebSphereBawStack(app, 'websphere-baw', { interval });
  expect(() => app.synth()).toThrow(/SDR-RPO-BUDGET/);
  expect(fs.existsSync(path.join(outdir, 'stacks', 'websphere-baw', 'cdk.tf.json'))).toBe(false);
  return outdir;
}

describe('report and diff on the WebSphere BAW example', () => {
  let base: string;
  beforeAll(() => {
    base = synthesized(undefined);
  });

  test('report prints the synthesized dr-plan.md for the synth output directory', () => {
    const run = cli('report', base);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(fs.readFileSync(path.join(base, 'stacks', 'websphere-baw', 'dr-plan.md'), 'utf8'));
    expect(cli('report', '-f', 'text', base).stdout).toContain('RuntimeData: meets, worst case 19m 17s against 30m');
  });

  test('interval 15m → 27m: the verdict change comes first, then its cause, the interval; the new error gates CI', () => {
    const head = failingSynthesis('27m');
    const run = cli('diff', '--fail-on', 'error', base, head);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'cdktf-san-dr: --fail-on error: 1 new finding(s) at error level or above: SDR-RPO-BUDGET at websphere-baw/Baw/RuntimeData\n',
    );
    const lines = run.stdout.split('\n');
    expect(lines[4]).toBe('### RPO verdict changes (1)');
    // 15m: 19m 17s; 27m: 27m + 1m + 5m 22.1s (the busiest 27 minutes, 3.49 GiB sent over 11.625 MB/s) = 33m 22.1s
    // (see test/example/websphere-baw.test.ts).
    expect(lines[6]).toBe('- `websphere-baw/Baw/RuntimeData`: meets → **BREACHES**, worst case 19m 17s → 33m 22.1s against 30m');
    expect(lines[7]).toBe('  - caused by: interval of schedule RuntimeData: 15m → 27m');
    expect(lines.slice(8, 12)).toEqual([
      '',
      '### Declared inputs changed (1)',
      '',
      '- interval of schedule RuntimeData: 15m → 27m (`websphere-baw/Baw/RuntimeData`)',
    ]);
    expect(run.stdout.indexOf('### RPO verdict changes')).toBeLessThan(run.stdout.indexOf('### RPO budgets'));
    expect(run.stdout).toContain('- Stack `websphere-baw`: PASS → **FAIL** (0 → 1 error(s), 0 warning(s), 0 note(s))');
    expect(run.stdout).toContain(
      '| `websphere-baw/Baw/RuntimeData` | meets → **BREACHES** | 19m 17s → 33m 22.1s | 30m | +10m 43s → -3m 22.1s | 15m → 27m | 3m 17s → 5m 22.1s |',
    );
    expect(run.stdout).toMatch(/### New findings \(1\)\n\n.*\n.*\n\| error \| SDR-RPO-BUDGET \| `websphere-baw\/Baw\/RuntimeData` \| .*at most 24m 7s/);
    // Step parameters in human units too, never raw seconds.
    expect(run.stdout).toContain('interval: 15m → 27m');
    expect(run.stdout).not.toMatch(/"900"|"1620"/);
  });

  test('interval 15m → 23m with the margin warning suppressed: both synthesize; the diff shows the suppression and its reason', () => {
    const reason = 'The link is being upgraded to 1 Gbps next quarter; the thin margin is accepted until then.';
    const head = synthesized('23m', (stack) => DrSuppressions.add(stack.plan, [{ id: 'SDR-RPO-MARGIN', reason }], { applyToChildren: true }));
    const plan = JSON.parse(fs.readFileSync(path.join(head, 'stacks', 'websphere-baw', 'dr-plan.json'), 'utf8'));
    expect(plan.plans[0].findings).toEqual([
      expect.objectContaining({ ruleId: 'SDR-RPO-MARGIN', suppression: { path: 'websphere-baw/Baw', reason } }),
    ]);
    const run = cli('diff', '--fail-on', 'warning', base, head);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('### RPO verdict changes');
    expect(run.stdout).toContain('### Newly suppressed findings (1)');
    expect(run.stdout).toContain(`**Suppressed** on \`websphere-baw/Baw\`: ${reason}`);
    expect(run.stdout).toContain('| `websphere-baw/Baw/RuntimeData` | meets | 19m 17s → 28m 40.4s |');
  });
});

describe('the cdktf-san-dr command, as a process', () => {
  const tsx = require.resolve('tsx/cli');
  const bin = path.join(__dirname, '..', '..', 'lib', 'cli', 'bin.ts');
  const run = (...args: string[]) => spawnSync(process.execPath, [tsx, bin, ...args], { encoding: 'utf8', timeout: 60_000 });

  test('malformed input: exactly one line on stderr, no stack trace, exit 2', () => {
    const dir = tempDir();
    const file = writeFile('{ "schema": "cdktf-san-dr/plan", "schemaVersion": 2, ', 'dr-plan.json', dir);
    const result = run('report', file);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^cdktf-san-dr: ${file}: not valid JSON \\(`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('--help exits 0 with the usage on stdout', () => {
    const result = run('diff', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cdktf-san-dr diff/);
  });
});
