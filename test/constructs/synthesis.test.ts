import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createHash } from 'crypto';
import { App, Manifest, Testing, TerraformStack } from 'cdktf';
import {
  DataCenter,
  DisasterRecoveryPlan,
  DrDesignFailedError,
  PLAN_JSON_FILE,
  PLAN_MARKDOWN_FILE,
  ReplicationLink,
  SanDrError,
  SanVolumePair,
  SnapshotSchedule,
  planDocumentSchema,
  type PlanDocument,
  type StepCommands,
} from '../../lib';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import {
  dataProps,
  design,
  linkProps,
  planProps,
  primaryProps,
  readIn,
  scheduleTimingProps,
  stackDir,
  thrownBy,
  type Design,
} from './helpers';

const FILES = ['cdk.tf.json', PLAN_JSON_FILE, PLAN_MARKDOWN_FILE] as const;

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-san-dr-test.'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The real stack synthesizer (the library's wrapper around cdktf's), into a chosen outdir. */
function synthesizeInto(stack: TerraformStack, outdir: string): void {
  stack.synthesizer.synthesize({ outdir, manifest: new Manifest('stubbed', outdir, false) });
}

function fullSynth(stack: TerraformStack): string {
  const outdir = Testing.fullSynth(stack);
  tempDirs.push(outdir);
  return outdir;
}

function planDocumentIn(outdir: string, stack: TerraformStack): PlanDocument {
  return planDocumentSchema.parse(JSON.parse(readIn(outdir, stack, PLAN_JSON_FILE)));
}

function filesIn(outdir: string, stack: TerraformStack): Record<string, string> {
  return Object.fromEntries(FILES.map((file) => [file, readIn(outdir, stack, file)]));
}

describe('the WebSphere BAW example', () => {
  let stack: WebSphereBawStack;
  let outdir: string;

  beforeAll(() => {
    stack = new WebSphereBawStack(Testing.app(), 'websphere-baw');
    outdir = fullSynth(stack);
  });

  test('writes cdk.tf.json, dr-plan.json and dr-plan.md into stacks/<id>/', () => {
    const dir = path.join(outdir, 'stacks', 'websphere-baw');
    expect(fs.readdirSync(dir)).toEqual(expect.arrayContaining([...FILES]));
    const tf = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(tf.resource.null_resource)).toHaveLength(24);
    // The comment in the example: a relative state path, so cdk.tf.json is the same in every checkout.
    expect(tf.terraform.backend.local.path).toBe('terraform.websphere-baw.tfstate');
  });

  test('dr-plan.json is a valid plan document with verdict "pass"', () => {
    const raw: unknown = JSON.parse(readIn(outdir, stack, PLAN_JSON_FILE));
    const parsed = planDocumentSchema.safeParse(raw);
    expect(parsed.success).toBe(true);
    const doc = parsed.data!;
    expect(doc.stack).toBe('websphere-baw');
    expect(doc.verdict).toBe('pass');
    expect(doc.findingCounts.errors).toBe(0);
    expect(doc.plans).toHaveLength(1);
    const [plan] = doc.plans;
    expect(plan.verdict).toBe('pass');
    expect(plan.rpoSeconds).toBe(1800);
    expect(plan.steps).toHaveLength(24);
    expect(plan.rpoBudgets).toHaveLength(1);
    // 15m + 1m + 197.0 s transfer: the busiest 15m (01:45-02:00 in the example's CSV) changes
    // 4,580,179,968 B, sent at 2:1 over 11.625 MB/s (see test/example/websphere-baw.test.ts).
    expect(plan.rpoBudgets[0].verdict).toBe('meets');
    expect(plan.rpoBudgets[0].worstCaseSeconds).toBeCloseTo(900 + 60 + 4_580_179_968 / 2 / 11_625_000, 2);
  });

  test('dr-plan.json records the bound command of each step, and null for operator steps', () => {
    const [plan] = planDocumentIn(outdir, stack).plans;
    const dirStep = plan.steps.find((s) => s.action === 'create-mount-directory' && s.server === 'was1')!;
    expect(dirStep.command).toBe('ssh was1.prod.example.com mkdir -p /opt/ibm/WebSphere/tranlogs');
    for (const step of plan.steps) {
      if (step.action === 'create-mount-directory') expect(step.command).toMatch(/^ssh \S+ mkdir -p \/opt\/ibm\//);
      else expect(step.command).toBeNull();
    }
  });

  test('dr-plan.md is the readable plan with the passing verdict', () => {
    const md = readIn(outdir, stack, PLAN_MARKDOWN_FILE);
    expect(md.startsWith('# Disaster-recovery plan: stack websphere-baw\n')).toBe(true);
    expect(md).toContain('**Verdict: PASS**');
    expect(md).toContain('## Plan Baw');
    expect(md).toContain('`ssh was1.prod.example.com mkdir -p /opt/ibm/WebSphere/tranlogs`');
  });
});

describe('an RPO breach fails synthesis', () => {
  test('interval 27m: fullSynth throws SDR-RPO-BUDGET with the worst case and both fixes', () => {
    const stack = new WebSphereBawStack(Testing.app(), 'websphere-baw', { interval: '27m' });
    const error = thrownBy(() => Testing.fullSynth(stack));
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('SDR-RPO-BUDGET');
    // 27m + 1m + 322.1 s: 6.98 GiB changed in the busiest 27m (01:35-02:02), 3.49 GiB sent over 11.625 MB/s.
    expect(message).toContain('33m 22.1s');
    expect(message).toContain('busiest 27m window, 2026-11-02 01:35–02:02 UTC');
    expect(message).toContain('24m 7s');
    expect(message).toContain('269 Mbps');
    expect(message).toContain('websphere-baw/Baw/RuntimeData');
  });

  test('done-when: at 27m, interval + snapshot alone (28m) are still below the 30m RPO', () => {
    const stack = new WebSphereBawStack(Testing.app(), 'websphere-baw', { interval: '27m' });
    const schedule = stack.node.findAll().find((c): c is SnapshotSchedule => c instanceof SnapshotSchedule)!;
    const beforeTransfer = schedule.interval.toSeconds() + schedule.snapshotTime.toSeconds();
    expect(beforeTransfer).toBe(28 * 60);
    expect(beforeTransfer).toBeLessThan(stack.plan.rpo.toSeconds());
    // ... so only the transfer time makes it fail, and the budget says so.
    const [budget] = stack.plan.analysis().budgets;
    expect(budget.verdict).toBe('breaches');
    expect(budget.worstCaseSeconds).toBeGreaterThan(1800);
  });

  test('Testing.synth without validations still synthesizes the steps of a failing design', () => {
    const { stack } = design({ schedule: { interval: '27m' } });
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(() => Testing.synth(stack, true)).toThrow(/SDR-RPO-BUDGET/);
  });
});

describe('a failed synthesis leaves no plan file', () => {
  function expectPlanFiles(outdir: string, stack: TerraformStack, present: boolean): void {
    for (const file of [PLAN_JSON_FILE, PLAN_MARKDOWN_FILE]) {
      expect(fs.existsSync(path.join(stackDir(outdir, stack), file))).toBe(present);
    }
  }

  test('the same stack synthesized again into the same outdir, now failing validation', () => {
    const outdir = tempDir();
    const { stack } = design();
    let broken = false;
    stack.node.addValidation({ validate: () => (broken ? ['the design was changed and is now wrong'] : []) });

    synthesizeInto(stack, outdir);
    expectPlanFiles(outdir, stack, true);
    expect(planDocumentIn(outdir, stack).verdict).toBe('pass');

    broken = true;
    expect(() => synthesizeInto(stack, outdir)).toThrow(/the design was changed and is now wrong/);
    expectPlanFiles(outdir, stack, false);
  });

  test('the same stack id with an RPO-breaching design, into the same outdir: a FAIL plan replaces the passing one', () => {
    const outdir = tempDir();
    const good = design();
    synthesizeInto(good.stack, outdir);
    expectPlanFiles(outdir, good.stack, true);
    expect(fs.existsSync(path.join(stackDir(outdir, good.stack), 'cdk.tf.json'))).toBe(true);

    const bad = design({ schedule: { interval: '27m' } });
    expect(bad.stack.node.id).toBe(good.stack.node.id);
    expect(() => synthesizeInto(bad.stack, outdir)).toThrow(/SDR-RPO-BUDGET/);
    expectPlanFiles(outdir, bad.stack, true);
    expect(planDocumentIn(outdir, bad.stack)).toMatchObject({ verdict: 'fail', terraform: null });
    expect(fs.existsSync(path.join(stackDir(outdir, bad.stack), 'cdk.tf.json'))).toBe(false);
  });
});

describe('a failing design still writes its plan, and nothing deployable', () => {
  function app(options: { skipValidation?: boolean } = {}): { app: App; outdir: string } {
    const outdir = tempDir();
    return { app: new App({ outdir, skipValidation: options.skipValidation, stackTraces: false }), outdir };
  }
  const exists = (outdir: string, stack: string, file: string) => fs.existsSync(path.join(outdir, 'stacks', stack, file));
  const planOf = (outdir: string, stack: string) =>
    planDocumentSchema.parse(JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, PLAN_JSON_FILE), 'utf8')));

  test('interval 27m: synthesis throws the findings; dr-plan.json and dr-plan.md say FAIL with the numbers; no cdk.tf.json', () => {
    const { app: a, outdir } = app();
    new WebSphereBawStack(a, 'websphere-baw', { interval: '27m' });
    const error = thrownBy(() => a.synth());
    expect(error).toBeInstanceOf(DrDesignFailedError);
    const message = (error as Error).message;
    expect(message).toContain('fails in stack websphere-baw. Its plan is written with verdict FAIL');
    expect((error as DrDesignFailedError).stacks.map((s) => s.stack)).toEqual(['websphere-baw']);
    expect(message).toContain('read stacks/websphere-baw/dr-plan.md');
    // 27m + 1m + 322.1 s (as above).
    expect(message).toContain('[SDR-RPO-BUDGET] websphere-baw/Baw/RuntimeData: Schedule RuntimeData cannot meet the 30m RPO: worst case 33m 22.1s');
    expect(message).not.toMatch(/skipValidation: true/);

    const plan = planOf(outdir, 'websphere-baw');
    expect(plan).toMatchObject({ verdict: 'fail', terraform: null, findingCounts: { errors: 1 } });
    expect(plan.plans[0].rpoBudgets[0]).toMatchObject({ verdict: 'breaches', intervalSeconds: 1620 });
    expect(plan.plans[0].rpoBudgets[0].worstCaseSeconds).toBeCloseTo(2002.1, 1);
    const md = fs.readFileSync(path.join(outdir, 'stacks', 'websphere-baw', PLAN_MARKDOWN_FILE), 'utf8');
    expect(md).toContain('**Verdict: FAIL**');
    expect(md.indexOf('SDR-RPO-BUDGET')).toBeLessThan(md.indexOf('### RPO budget'));
    expect(md).toContain('| RuntimeData | Wan (sole user) | 27m | 1m | 5m 22.1s | 33m 22.1s | 30m | -3m 22.1s | **BREACHES** |');
    expect(exists(outdir, 'websphere-baw', 'cdk.tf.json')).toBe(false);
  });

  test('skipValidation: true does not skip the library\'s errors: synthesis fails and cdktf\'s cdk.tf.json is removed', () => {
    const { app: a, outdir } = app({ skipValidation: true });
    new WebSphereBawStack(a, 'websphere-baw', { interval: '27m' });
    expect(() => a.synth()).toThrow(/SDR-RPO-BUDGET/);
    expect(planOf(outdir, 'websphere-baw').verdict).toBe('fail');
    expect(exists(outdir, 'websphere-baw', 'cdk.tf.json')).toBe(false);
  });

  test('every failing stack of the run is listed in one error; the passing stacks are synthesized as usual', () => {
    const { app: a, outdir } = app();
    new WebSphereBawStack(a, 'a-fails', { interval: '27m' });
    new WebSphereBawStack(a, 'b-passes', { interval: '15m' });
    new WebSphereBawStack(a, 'c-fails', { interval: '28m' });
    new TerraformStack(a, 'd-no-plan'); // the last stack has no plan: the failures are still thrown
    const message = (thrownBy(() => a.synth()) as Error).message;
    expect(message).toContain('fails in 2 stacks (a-fails, c-fails)');
    expect(message).toContain('Stack a-fails (read stacks/a-fails/dr-plan.md):\n  [SDR-RPO-BUDGET] a-fails/Baw/RuntimeData');
    expect(message).toContain('Stack c-fails (read stacks/c-fails/dr-plan.md):\n  [SDR-RPO-BUDGET] c-fails/Baw/RuntimeData');
    expect([planOf(outdir, 'a-fails').verdict, planOf(outdir, 'b-passes').verdict, planOf(outdir, 'c-fails').verdict]).toEqual(['fail', 'pass', 'fail']);
    expect(['a-fails', 'b-passes', 'c-fails'].map((s) => exists(outdir, s, 'cdk.tf.json'))).toEqual([false, true, false]);
  });

  test('the last stack failing for another reason: its error is reported with the design failures, not instead of them', () => {
    const { app: a, outdir } = app();
    new WebSphereBawStack(a, 'a-fails', { interval: '27m' });
    const last = new TerraformStack(a, 'z-broken');
    last.node.addValidation({ validate: () => ['the user\'s own check failed'] });
    const error = thrownBy(() => a.synth());
    expect(error).toBeInstanceOf(DrDesignFailedError);
    const message = (error as Error).message;
    expect(message).toContain('fails in stack a-fails.');
    expect(message).toContain('[SDR-RPO-BUDGET] a-fails/Baw/RuntimeData');
    expect(message).toMatch(/Synthesis also failed for another reason: .*the user's own check failed/s);
    expect(planOf(outdir, 'a-fails').verdict).toBe('fail');
  });

  test('a passing plan records the sha256 of the cdk.tf.json written with it', () => {
    const { app: a, outdir } = app();
    new WebSphereBawStack(a, 'websphere-baw');
    a.synth();
    const tf = fs.readFileSync(path.join(outdir, 'stacks', 'websphere-baw', 'cdk.tf.json'));
    expect(planOf(outdir, 'websphere-baw').terraform).toEqual({ cdkTfJsonSha256: createHash('sha256').update(tf).digest('hex') });
  });
});

describe('a synthesized plan is complete: constructs declared afterwards are rejected', () => {
  // DisasterRecoveryPlan.analysis(): "Calling it completes the plan: constructs declared
  // afterwards are rejected." Otherwise a later synthesis would pass without them.
  let d: Design;
  beforeAll(() => {
    d = design();
    expect(d.plan.analysis().steps).toHaveLength(24);
  });

  function expectLate(fn: () => unknown, constructPath: string): void {
    const error = thrownBy(fn);
    expect(error).toBeInstanceOf(SanDrError);
    expect((error as SanDrError).propPath).toBe('scope');
    expect((error as SanDrError).value).toBe(constructPath);
    expect((error as SanDrError).message).toContain('already analysed');
  }

  test('a plan or a link', () => {
    expectLate(() => new DisasterRecoveryPlan(d.stack, 'LatePlan', planProps()), 'test/LatePlan');
    expectLate(() => new ReplicationLink(d.stack, 'LateLink', linkProps()), 'test/LateLink');
  });

  test('a volume', () => {
    expectLate(
      () => new SanVolumePair(d.plan, 'LateVolume', { ...dataProps(), mountPath: '/opt/late' }),
      'test/Plan/LateVolume',
    );
  });

  test('a data center', () => {
    expectLate(() => new DataCenter(d.plan, 'LateDataCenter', primaryProps()), 'test/Plan/LateDataCenter');
  });

  test('a snapshot schedule', () => {
    expectLate(
      () => new SnapshotSchedule(d.plan, 'LateSchedule', { volumes: [d.data], link: d.link, ...scheduleTimingProps() }),
      'test/Plan/LateSchedule',
    );
  });
});

describe('determinism', () => {
  test('two apps with the same program write byte-identical files', () => {
    const stacks = [1, 2].map(() => new WebSphereBawStack(Testing.app(), 'websphere-baw'));
    const [first, second] = stacks.map((stack) => filesIn(fullSynth(stack), stack));
    for (const file of FILES) expect(second[file]).toBe(first[file]);
    expect(first['cdk.tf.json'].length).toBeGreaterThan(1000);
  });

  test('declaring the volumes in another order gives the same plan files', () => {
    const a = design();
    const b = design({ volumeOrder: ['tranlogs', 'logs', 'data'], scheduleOrder: ['data', 'logs', 'tranlogs'] });
    const [first, second] = [a, b].map(({ stack }) => filesIn(fullSynth(stack), stack));
    expect(second[PLAN_JSON_FILE]).toBe(first[PLAN_JSON_FILE]);
    expect(second[PLAN_MARKDOWN_FILE]).toBe(first[PLAN_MARKDOWN_FILE]);
  });

  test('listing the consistency group in another order gives the same plan files (a group is a set)', () => {
    // dr-plan.json already lists each schedule's volumes sorted; the steps must agree with it.
    const a = design();
    const b = design({ volumeOrder: ['tranlogs', 'logs', 'data'] });
    const [first, second] = [a, b].map(({ stack }) => filesIn(fullSynth(stack), stack));
    expect(second[PLAN_JSON_FILE]).toBe(first[PLAN_JSON_FILE]);
    expect(second[PLAN_MARKDOWN_FILE]).toBe(first[PLAN_MARKDOWN_FILE]);
  });
});

describe('determinism under any declaration order (fast-check)', () => {
  test('any order of declaring the volumes and of listing them in the schedule: byte-identical cdk.tf.json, dr-plan.json, dr-plan.md', () => {
    const keys = ['data', 'logs', 'tranlogs'] as const;
    const commands: StepCommands = { 'mount-san-volume': ({ params }) => ['mount', params.path, "it's ${x}"] };
    const reference = design({ plan: { commands } });
    const expected = filesIn(fullSynth(reference.stack), reference.stack);
    fc.assert(
      fc.property(fc.shuffledSubarray([...keys], { minLength: 3 }), fc.shuffledSubarray([...keys], { minLength: 3 }), (volumeOrder, scheduleOrder) => {
        const d = design({ plan: { commands }, volumeOrder, scheduleOrder });
        const files = filesIn(fullSynth(d.stack), d.stack);
        for (const file of FILES) expect(files[file]).toBe(expected[file]);
      }),
      { numRuns: 8 },
    );
  });
});

describe('warnings', () => {
  test('database logs placed with the data: synthesis passes, dr-plan.json lists a warning', () => {
    const { stack } = design({ logs: { placement: { primary: 'pool-data', recovery: 'dr-pool-data' } } });
    const outdir = fullSynth(stack);
    const doc = planDocumentIn(outdir, stack);
    expect(doc.verdict).toBe('pass');
    expect(doc.findingCounts).toEqual({ errors: 0, warnings: 1, infos: 0 });
    expect(doc.plans[0].findings).toEqual([
      expect.objectContaining({ ruleId: 'SDR-LOG-DATA-PLACEMENT', level: 'warning', path: 'test/Plan/Logs' }),
    ]);
    expect(readIn(outdir, stack, PLAN_MARKDOWN_FILE)).toContain('SDR-LOG-DATA-PLACEMENT');
    // The warning also reaches cdktf as an annotation on the plan.
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const annotations: { constructPath: string; level: string; message: string }[] = manifest.stacks.test.annotations;
    expect(annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          constructPath: 'test/Plan',
          level: '@cdktf/warn',
          message: expect.stringContaining('[SDR-LOG-DATA-PLACEMENT] test/Plan/Logs'),
        }),
      ]),
    );
  });
});

describe('sizes and rates are shown in the unit family they were declared in', () => {
  test('a volume declared in GB and GB/h reads in decimal units; one declared in GiB and GiB/h in binary units', () => {
    const { stack } = design({ data: { capacity: '400GB', changeRate: { average: '5GB/h', peak: '20GB/h' } } });
    const outdir = fullSynth(stack);
    const doc = planDocumentIn(outdir, stack);
    const units = Object.fromEntries(doc.plans[0].volumes.map((v) => [v.name, v.units]));
    expect(units.Data).toEqual({ capacity: 'decimal', changeRate: 'decimal' });
    expect(units.Logs).toEqual({ capacity: 'binary', changeRate: 'binary' });
    const md = readIn(outdir, stack, PLAN_MARKDOWN_FILE);
    // 5 GB/h = 5e9 / 3600 = 1,388,888.9 B/s -> 1.39 MB/s; 20 GB/h -> 5.56 MB/s.
    expect(md).toMatch(/\| Data \| [^|]+ \| 400 GB \| 1\.39 MB\/s \/ 5\.56 MB\/s \|/);
    // 1 GiB/h = 2^30 / 3600 = 298,261.6 B/s = 291.3 KiB/s -> 291 KiB/s.
    expect(md).toMatch(/\| Logs \| [^|]+ \| 100 GiB \| 291 KiB\/s \/ /);
    expect(md).not.toMatch(/\| Logs \|[^\n]*KB\/s/);
  });
});
