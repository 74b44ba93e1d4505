import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MAX_PLAN_FILE_BYTES } from '../../lib/cli/load';
import { PLAN_JSON_FILE } from '../../lib/plan/files';
import { cli, documentOf, tempDir, writeFile } from './helpers';
import { estate } from '../fixtures/estate';

/** Issue 12, finding 8: the CLI reads only regular files of a bounded size and prints paths escaped. */
describe('CLI file handling', () => {
  test('a dr-plan.json that links to /dev/zero is refused without reading it', () => {
    const dir = tempDir();
    fs.symlinkSync('/dev/zero', path.join(dir, PLAN_JSON_FILE));
    expect(cli('report', path.join(dir, PLAN_JSON_FILE))).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdktf-san-dr: ${dir}/dr-plan.json: not a regular file (a character device); the CLI reads only regular files\n`,
    });
  });

  test('a FIFO is refused at once instead of waiting for a writer', () => {
    const dir = tempDir();
    const fifo = path.join(dir, PLAN_JSON_FILE);
    execFileSync('mkfifo', [fifo]);
    expect(cli('report', fifo)).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdktf-san-dr: ${fifo}: not a regular file (a FIFO); the CLI reads only regular files\n`,
    });
  });

  test('a file over the size limit names the limit', () => {
    const file = writeFile('');
    fs.truncateSync(file, MAX_PLAN_FILE_BYTES + 1);
    expect(cli('report', file).stderr).toBe(
      `cdktf-san-dr: ${file}: ${MAX_PLAN_FILE_BYTES + 1} bytes, more than the ${MAX_PLAN_FILE_BYTES} bytes (256 MiB) the CLI reads from a plan file\n`,
    );
  });

  test('a path with a newline or ESC is printed escaped, on one line', () => {
    const dir = tempDir();
    const run = cli('report', path.join(dir, 'bad\nname\u001b[2K.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cdktf-san-dr: ${dir}/bad\\nname\\x1B[2K.json: no such file or directory\n`);
  });

  test('the diff comment shows paths with backticks and newlines inside their code span', () => {
    const dir = tempDir();
    const named = path.join(dir, 'base`\nx');
    fs.mkdirSync(named);
    const base = writeFile(documentOf(estate()), PLAN_JSON_FILE, named);
    const head = writeFile(documentOf(estate()));
    const run = cli('diff', base, head);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[2]).toBe(`Comparing \`\`${dir}/base\`\\nx/dr-plan.json\`\` (before) with \`${head}\` (after).`);
  });

  test('a link slow enough to round to 0 B/s still writes a plan the CLI reads', () => {
    // 1 bit/s x efficiency 0.001 = 0.000125 B/s: millisecond rounding made it 0, which the schema refuses.
    const doc = documentOf(estate({}, { lineRateBitsPerSecond: 1, efficiency: 0.001 }));
    expect(doc.links[0].effectiveBytesPerSecond).toBe(0.000125);
    const run = cli('report', '--format', 'json', writeFile(doc));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('a dr-plan.json at the root of a synth output beside stacks/ is refused, not preferred to the stacks', () => {
    const out = tempDir();
    writeFile(documentOf(estate()), 'stacks/app/dr-plan.json', out);
    writeFile(documentOf(estate(), 'stray'), PLAN_JSON_FILE, out);
    expect(cli('report', out)).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdktf-san-dr: ${out}/dr-plan.json: a plan outside stacks/ beside the stacks of ${out}; no stack writes one there (remove it)\n`,
    });
  });

  test('a plan that says no cdk.tf.json was written, beside one: stale (exit 2); without one: read', () => {
    const out = tempDir();
    const file = writeFile({ ...documentOf(estate()), verdict: 'fail', terraform: null }, 'stacks/app/dr-plan.json', out);
    expect(cli('report', out).code).toBe(0);
    fs.writeFileSync(path.join(path.dirname(file), 'cdk.tf.json'), '{}');
    expect(cli('report', out).stderr).toBe(
      `cdktf-san-dr: ${out}/stacks/app: dr-plan.json says no cdk.tf.json was written, but there is one: one of them is stale; run cdktf synth again\n`,
    );
  });

  test('--format json writes bidi marks and C1 controls as \\u escapes', () => {
    const doc = documentOf(estate({ name: 'Baw\u202e\u009b2K' }));
    const run = cli('report', '--format', 'json', writeFile(doc));
    expect(run.stdout).toContain('"name": "Baw\\u202E\\u009B2K"');
    expect(JSON.parse(run.stdout).plans[0].name).toBe('Baw\u202e\u009b2K');
  });
});

