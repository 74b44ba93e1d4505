import * as fs from 'fs';
import { renderPlanMarkdown } from '../../lib/plan/markdown';
import { renderPlanText } from '../../lib/cli/text';
import { version } from '../../lib/cli/main';
import { dataVolume, estate, logVolume, schedule, tranlogVolume } from '../fixtures/estate';
import { cli, documentOf, tempDir, writeFile } from './helpers';

const pkg = JSON.parse(fs.readFileSync(`${__dirname}/../../package.json`, 'utf8'));

describe('the npm bin', () => {
  test('package.json maps cdktf-san-dr to the built lib/cli/bin.ts, which starts with a node shebang', () => {
    expect(pkg.bin).toEqual({ 'cdktf-san-dr': 'dist/cli/bin.js' });
    expect(fs.readFileSync(`${__dirname}/../../lib/cli/bin.ts`, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});

describe('cdktf-san-dr --help and usage', () => {
  test.each([['--help'], ['-h'], ['help']])('%s prints the commands to stdout, exit 0', (...argv) => {
    const run = cli(...argv);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: cdktf-san-dr <command> \[options\]\n/);
    expect(run.stdout).toContain('  report <plan>');
    expect(run.stdout).toContain('  diff <base> <head>');
    expect(run.stdout).toContain('Exit codes: 0 success; 1 the --fail-on gate failed; 2 usage or input error.');
  });

  test.each([
    ['report', '--help'],
    ['report', '-h'],
    ['help', 'report'],
  ])('%s %s prints the report help', (...argv) => {
    const run = cli(...argv);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: cdktf-san-dr report \[options\] <plan>\n/);
    expect(run.stdout).toContain('-f, --format <format>');
  });

  test.each([
    ['diff', '--help'],
    ['help', 'diff'],
  ])('%s %s prints the diff help', (...argv) => {
    const run = cli(...argv);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: cdktf-san-dr diff \[options\] <base> <head>\n/);
    expect(run.stdout).toContain('--fail-on <level>');
  });

  test('--version prints the package version', () => {
    expect(cli('--version')).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(version()).toBe(pkg.version);
  });

  test('no command: the help on stderr, exit 2', () => {
    const run = cli();
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: cdktf-san-dr/);
  });

  test.each([
    [['lint'], 'cdktf-san-dr: unknown command "lint" (see \'cdktf-san-dr --help\')'],
    [['help', 'lint'], 'cdktf-san-dr: help: unknown command "lint" (see \'cdktf-san-dr --help\')'],
    [['report'], "cdktf-san-dr: report: expected one <plan>, got 0 (see 'cdktf-san-dr report --help')"],
    [['report', 'a', 'b'], "cdktf-san-dr: report: expected one <plan>, got 2 (see 'cdktf-san-dr report --help')"],
    [['report', '--format', 'html', 'x'], 'cdktf-san-dr: report: --format must be one of markdown, json, text; got "html" (see \'cdktf-san-dr report --help\')'],
    [['report', '--colour', 'x'], "cdktf-san-dr: report: Unknown option '--colour' (see 'cdktf-san-dr report --help')"],
    [['diff', 'a'], "cdktf-san-dr: diff: expected <base> and <head>, got 1 path(s) (see 'cdktf-san-dr diff --help')"],
    [['diff', '--fail-on', 'info', 'a', 'b'], 'cdktf-san-dr: diff: --fail-on must be one of error, warning; got "info" (see \'cdktf-san-dr diff --help\')'],
  ])('%j: one line on stderr, exit 2', (argv, line) => {
    const run = cli(...argv);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });
});

describe('cdktf-san-dr report', () => {
  const doc = documentOf(estate());

  test('Markdown by default: the same text as dr-plan.md', () => {
    const file = writeFile(doc);
    expect(cli('report', file)).toEqual({ code: 0, stdout: renderPlanMarkdown(doc), stderr: '' });
    expect(cli('report', '--format', 'markdown', file).stdout).toBe(renderPlanMarkdown(doc));
  });

  test('JSON: the validated document, and an array for several stacks', () => {
    const file = writeFile(doc);
    expect(JSON.parse(cli('report', '-f', 'json', file).stdout)).toEqual(doc);
    const out = tempDir();
    writeFile(doc, 'stacks/app/dr-plan.json', out);
    writeFile({ ...doc, stack: 'b' }, 'stacks/b/dr-plan.json', out);
    expect(JSON.parse(cli('report', '--format=json', out).stdout).map((d: { stack: string }) => d.stack)).toEqual(['app', 'b']);
  });

  test('text: verdict, budgets, findings with suppressions, steps', () => {
    const design = {
      ...estate({
        volumes: [dataVolume(), logVolume({ placement: { primary: 'pool-data' } }), tranlogVolume()],
        schedules: [schedule({ intervalSeconds: 1500 })],
      }),
      suppressions: [
        { ruleId: 'SDR-LOG-DATA-PLACEMENT', path: 'app/Baw', reason: 'One all-flash array serves both pools here.', applyToChildren: true },
      ],
    };
    const text = cli('report', '-f', 'text', writeFile(documentOf(design))).stdout;
    expect(text).toBe(renderPlanText(documentOf(design)));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Stack app: PASS (0 error(s), 1 warning(s), 0 note(s); plan schema v4)');
    // 25m: 8 GiB/h x 1500 s = 3.33 GiB changed, 1.67 GiB sent over 11,625,000 B/s = 153.9 s.
    expect(text).toContain(
      '    RuntimeData: meets, worst case 28m 33.9s against 30m, margin +1m 26.1s (interval 25m, snapshot 1m, transfer 2m 33.9s)',
    );
    expect(text).toContain('  Findings (0 error(s), 1 warning(s), 0 note(s); 1 suppressed):');
    expect(text).toContain('    [warning, suppressed] SDR-LOG-DATA-PLACEMENT app/Baw/DatabaseLogs: ');
    expect(text).toContain('      Suppressed on app/Baw: One all-flash array serves both pools here.');
    expect(text).toContain('  Deployment steps (24):');
    expect(text).not.toContain('|');
  });

  test('text: a breaching budget and its error stand out in capitals', () => {
    const breach = documentOf(estate({ schedules: [schedule({ intervalSeconds: 1620 })] }));
    const text = cli('report', '-f', 'text', writeFile(breach)).stdout;
    expect(text.split('\n')[0]).toBe('Stack app: FAIL (1 error(s), 0 warning(s), 0 note(s); plan schema v4)');
    expect(text).toContain('    RuntimeData: BREACHES, worst case 30m 46.3s against 30m, margin -46.3s (interval 27m,');
    expect(text).toContain('    [error] SDR-RPO-BUDGET app/Baw/RuntimeData: Schedule RuntimeData cannot meet the 30m RPO');
    expect(text).toContain('      Fix: Set the interval of RuntimeData to at most 26m 18s');
  });

  test('malformed input: one line naming the file, exit 2', () => {
    const file = writeFile('not json at all');
    const run = cli('report', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^cdktf-san-dr: ${file}: not valid JSON \\([^\\n]+\\)\\n$`));
  });
});

describe('cdktf-san-dr diff', () => {
  test('prints Markdown, and --fail-on gates on new findings with exit 1 and one line on stderr', () => {
    const base = writeFile(documentOf(estate()));
    const head = writeFile(documentOf(estate({ schedules: [schedule({ intervalSeconds: 1500 })] })));
    const plain = cli('diff', base, head);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^## Disaster-recovery plan changes\n/);
    expect(plain.stdout).toContain('### New findings (1)');
    expect(cli('diff', '--fail-on', 'error', base, head)).toEqual({ code: 0, stdout: plain.stdout, stderr: '' });
    const gated = cli('diff', '--fail-on', 'warning', base, head);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toBe(plain.stdout);
    expect(gated.stderr).toBe(
      'cdktf-san-dr: --fail-on warning: 1 new finding(s) at warning level or above: SDR-RPO-MARGIN at app/Baw/RuntimeData\n',
    );
  });

  test('a missing head: one line, exit 2, nothing on stdout', () => {
    const base = writeFile(documentOf(estate()));
    expect(cli('diff', base, '/nonexistent/cdktf.out')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdktf-san-dr: /nonexistent/cdktf.out: no such file or directory\n',
    });
  });

  test('an unknown schema version in base: one line, exit 2', () => {
    const base = writeFile({ ...documentOf(estate()), schemaVersion: 9 });
    const head = writeFile(documentOf(estate()));
    const run = cli('diff', base, head);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `cdktf-san-dr: ${base}: plan schema version 9 is not supported; this cdktf-san-dr reads versions 1, 2, 3, 4 (a newer plan needs a newer cdktf-san-dr)\n`,
    );
  });
});
