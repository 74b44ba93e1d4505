import * as fs from 'fs';
import * as path from 'path';
import { CliError, loadPlans, readPlanFile } from '../../lib/cli/load';
import { estate } from '../fixtures/estate';
import { documentOf, tempDir, writeFile } from './helpers';

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a CliError');
}

describe('loadPlans', () => {
  const doc = documentOf(estate());

  test('a dr-plan.json file', () => {
    const file = writeFile(doc);
    expect(loadPlans(file).documents).toEqual([doc]);
  });

  test('a stack directory, and a synth output directory with several stacks (in stack order)', () => {
    const out = tempDir();
    writeFile({ ...doc, stack: 'zeta' }, 'stacks/zeta/dr-plan.json', out);
    writeFile({ ...doc, stack: 'alpha' }, 'stacks/alpha/dr-plan.json', out);
    fs.mkdirSync(path.join(out, 'stacks', 'no-plan'));
    expect(loadPlans(out).documents.map((d) => d.stack)).toEqual(['alpha', 'zeta']);
    expect(loadPlans(path.join(out, 'stacks', 'zeta')).documents.map((d) => d.stack)).toEqual(['zeta']);
  });

  test('a missing file', () => {
    expect(problem(() => loadPlans('/nonexistent/dr-plan.json'))).toBe('/nonexistent/dr-plan.json: no such file or directory');
  });

  test('a directory without plans', () => {
    const dir = tempDir();
    expect(problem(() => loadPlans(dir))).toBe(
      `${dir}: no dr-plan.json in this directory or in its stacks/*/ (run cdktf synth first; a failed synthesis writes none)`,
    );
  });

  test('two plans of one stack in one synth output', () => {
    const out = tempDir();
    writeFile(doc, 'stacks/a/dr-plan.json', out);
    writeFile(doc, 'stacks/b/dr-plan.json', out);
    expect(problem(() => loadPlans(out))).toBe(`${path.join(out, 'stacks/b/dr-plan.json')}: a second plan for stack app in ${out}`);
  });
});

describe('readPlanFile: one clear line for each kind of bad input', () => {
  const doc = documentOf(estate());

  test('malformed JSON', () => {
    const file = writeFile('{"schema": "cdktf-san-dr/plan",');
    expect(problem(() => readPlanFile(file))).toMatch(new RegExp(`^${file}: not valid JSON \\(.+\\)$`));
  });

  test.each([
    ['an array', []],
    ['another tool’s JSON', { name: 'something else' }],
    ['null', null],
  ])('not a plan: %s', (_case, content) => {
    const file = writeFile(content);
    expect(problem(() => readPlanFile(file))).toBe(
      `${file}: not a cdktf-san-dr plan (expected a JSON object with "schema": "cdktf-san-dr/plan")`,
    );
  });

  test.each([5, 0, '2', undefined])('an unknown schema version: %p', (schemaVersion) => {
    const file = writeFile({ ...doc, schemaVersion });
    expect(problem(() => readPlanFile(file))).toBe(
      `${file}: plan schema version ${JSON.stringify(schemaVersion)} is not supported; this cdktf-san-dr reads versions 1, 2, 3, 4 ` +
        '(a newer plan needs a newer cdktf-san-dr)',
    );
  });

  test('a document that breaks the schema names the first problem and counts the rest', () => {
    const broken = structuredClone(doc) as unknown as { plans: { rpoBudgets: Record<string, unknown>[]; name: unknown }[] };
    broken.plans[0].rpoBudgets[0].verdict = 'fine';
    const file = writeFile(broken);
    expect(problem(() => readPlanFile(file))).toMatch(
      new RegExp(`^${file}: invalid plan: plans\\[0\\]\\.rpoBudgets\\[0\\]\\.verdict: .*"meets"`),
    );
    broken.plans[0].name = 7;
    fs.writeFileSync(file, JSON.stringify(broken));
    expect(problem(() => readPlanFile(file))).toMatch(/^.*: invalid plan: plans\[0\]\.name: .* \(and 1 more problem\)$/);
  });

  test('a version 1 document written before suppressions existed is read', () => {
    const file = writeFile({ ...doc, schemaVersion: 1 });
    expect(readPlanFile(file).schemaVersion).toBe(1);
  });

  test('a version 2 document, written before plans recorded their cdk.tf.json, is read without terraform', () => {
    const { terraform: _, ...v2 } = doc;
    const read = readPlanFile(writeFile({ ...v2, schemaVersion: 2 }));
    expect(read.schemaVersion).toBe(2);
    expect(read.terraform).toBeUndefined();
  });

  test('a version 3 document, written before plans carried their declaration, is read without it', () => {
    const { declaration: _, ...v3 } = doc;
    const read = readPlanFile(writeFile({ ...v3, schemaVersion: 3 }));
    expect(read.schemaVersion).toBe(3);
    expect(read.declaration).toBeUndefined();
  });

  test('a version 4 document must carry its declaration, valid to the field', () => {
    const { declaration: _, ...without } = doc;
    expect(problem(() => readPlanFile(writeFile(without)))).toMatch(
      /: invalid plan: declaration: a plan of schema version 4 or later records its declaration \(for cdktf-san-dr estate\)$/,
    );
    const broken = JSON.parse(JSON.stringify(doc));
    broken.declaration.plans[0].schedules[0].intervalSeconds = -1;
    expect(problem(() => readPlanFile(writeFile(broken)))).toMatch(
      /: invalid plan: declaration\.plans\[0\]\.schedules\[0\]\.intervalSeconds: a number > 0$/,
    );
  });

  test('a version 3 document must say which cdk.tf.json it belongs to, and a failing one none', () => {
    const { terraform: _, ...without } = doc;
    expect(problem(() => readPlanFile(writeFile(without)))).toMatch(/: invalid plan: terraform: a plan of schema version 3 or later records terraform/);
    const failing = { ...doc, verdict: 'fail', terraform: { cdkTfJsonSha256: 'a'.repeat(64) } };
    expect(problem(() => readPlanFile(writeFile(failing)))).toMatch(/: invalid plan: terraform: must be null when the verdict is fail/);
    expect(problem(() => readPlanFile(writeFile({ ...doc, terraform: { cdkTfJsonSha256: 'ABC' } })))).toMatch(
      /: invalid plan: terraform\.cdkTfJsonSha256: a sha256 in hex$/,
    );
  });
});
