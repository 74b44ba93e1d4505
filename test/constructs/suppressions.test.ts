import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { DrSuppressions, PLAN_JSON_FILE, SanDrError, PLAN_MARKDOWN_FILE, planDocumentSchema, type PlanDocument } from '../../lib';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import { design, expectSanDrError, readIn, thrownBy } from './helpers';

const PLACEMENT_REASON = 'Both pools sit on the same all-flash array, so logs and data share no spinning arms.';
const LOCKING_REASON = 'The tranlog file system is GPFS, whose own lease-based locks release a failed host.';

/** Database logs placed with the data (warning) and transaction logs on NFSv3 (error). */
const withFindings = () =>
  design({
    logs: { placement: { primary: 'pool-data', recovery: 'dr-pool-data' } },
    tranlogs: { protocol: 'nfs3' },
  });

function synthesizedPlan(stack: Parameters<typeof Testing.fullSynth>[0]): { outdir: string; doc: PlanDocument } {
  const outdir = Testing.fullSynth(stack);
  return { outdir, doc: planDocumentSchema.parse(JSON.parse(readIn(outdir, stack, PLAN_JSON_FILE))) };
}

describe('DrSuppressions.add', () => {
  test('without suppressions the NFSv3 error fails synthesis', () => {
    const { stack } = withFindings();
    expect(() => Testing.fullSynth(stack)).toThrow(/SDR-TRANLOG-LOCKING/);
  });

  test('a suppressed error and warning: synthesis passes and both stay in the plan with their reasons', () => {
    const d = withFindings();
    DrSuppressions.add(d.tranlogs, [{ id: 'SDR-TRANLOG-LOCKING', reason: LOCKING_REASON }]);
    DrSuppressions.add(d.plan, [{ id: 'SDR-LOG-DATA-PLACEMENT', reason: PLACEMENT_REASON }], { applyToChildren: true });
    const { outdir, doc } = synthesizedPlan(d.stack);
    expect(doc.verdict).toBe('pass');
    expect(doc.findingCounts).toEqual({ errors: 0, warnings: 0, infos: 0 });
    expect(doc.plans[0].findings.map((f) => [f.level, f.ruleId, f.path, f.suppression])).toEqual([
      ['error', 'SDR-TRANLOG-LOCKING', 'test/Plan/Tranlogs', { path: 'test/Plan/Tranlogs', reason: LOCKING_REASON }],
      ['warning', 'SDR-LOG-DATA-PLACEMENT', 'test/Plan/Logs', { path: 'test/Plan', reason: PLACEMENT_REASON }],
    ]);
    const md = readIn(outdir, d.stack, PLAN_MARKDOWN_FILE);
    expect(md).toContain(`**Suppressed** on Tranlogs: ${LOCKING_REASON}`);
    expect(md).toContain(`**Suppressed** on (plan): ${PLACEMENT_REASON}`);
    // A suppressed warning is not raised as a cdktf warning either.
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(JSON.stringify(manifest.stacks.test.annotations ?? [])).not.toContain('SDR-LOG-DATA-PLACEMENT');
  });

  test('on the example: a suppression that matches nothing is reported as a warning in the plan', () => {
    const stack = new WebSphereBawStack(Testing.app(), 'websphere-baw');
    DrSuppressions.add(stack.plan, [{ id: 'SDR-RPO-MARGIN', reason: 'The 30m RPO is contractual and already includes slack.' }]);
    const { outdir, doc } = synthesizedPlan(stack);
    expect(doc.verdict).toBe('pass');
    expect(doc.findingCounts.warnings).toBe(1);
    expect(doc.plans[0].findings).toEqual([
      expect.objectContaining({ ruleId: 'SDR-UNUSED-SUPPRESSION', level: 'warning', path: 'websphere-baw/Baw' }),
    ]);
    expect(doc.plans[0].findings[0].message).toContain('The 30m RPO is contractual and already includes slack.');
    expect(readIn(outdir, stack, PLAN_MARKDOWN_FILE)).toContain('SDR-UNUSED-SUPPRESSION');
  });

  test('two suppressions of different rules on one construct, in two calls', () => {
    const d = withFindings();
    DrSuppressions.add(d.plan, [{ id: 'SDR-TRANLOG-LOCKING', reason: LOCKING_REASON }], { applyToChildren: true });
    DrSuppressions.add(d.plan, [{ id: 'SDR-LOG-DATA-PLACEMENT', reason: PLACEMENT_REASON }], { applyToChildren: true });
    expect(DrSuppressions.of(d.plan).map((s) => s.ruleId)).toEqual(['SDR-TRANLOG-LOCKING', 'SDR-LOG-DATA-PLACEMENT']);
    expect(d.plan.analysis().findings.every((f) => f.suppression?.path === 'test/Plan')).toBe(true);
  });
});

describe('DrSuppressions.add rejects', () => {
  test('an unknown rule ID, listing the catalog', () => {
    const d = design();
    expectSanDrError(() => DrSuppressions.add(d.plan, [{ id: 'SDR-NOPE', reason: PLACEMENT_REASON }]), {
      scope: 'test/Plan',
      propPath: 'suppressions[0].id',
      value: 'SDR-NOPE',
      allowed: ['a rule ID from the catalog', 'SDR-RPO-BUDGET', 'SDR-UNUSED-SUPPRESSION'],
    });
  });

  test.each(['SDR-RPO-BUDGET', 'SDR-WRITE-ORDER', 'SDR-UNUSED-SUPPRESSION'])('%s, which cannot be suppressed, naming it', (id) => {
    const d = design();
    expectSanDrError(() => DrSuppressions.add(d.schedule, [{ id, reason: PLACEMENT_REASON }]), {
      scope: 'test/Plan/RuntimeData',
      propPath: 'suppressions[0].id',
      value: id,
      allowed: [`${id} (`, 'cannot be suppressed', 'SDR-SYNC-REACH, SDR-SYNC-CIRCUIT-PRIORITY, SDR-MOUNT-PARITY, SDR-TRANLOG-LOCKING'],
    });
  });

  test.each([
    ['too short', 'Accepted risk.'],
    ['no full stop', 'Both pools sit on the same all-flash array'],
    ['one long word', 'JIRA-12345-accepted-by-the-team.'],
    ['only spaces', '                          .'],
  ])('a reason that is not a sentence (%s)', (_case, reason) => {
    const d = design();
    expectSanDrError(() => DrSuppressions.add(d.logs, [{ id: 'SDR-LOG-DATA-PLACEMENT', reason }]), {
      scope: 'test/Plan/Logs',
      propPath: 'suppressions[0].reason',
      value: reason,
      allowed: ['at least one sentence', '20 characters'],
    });
  });

  test('a missing reason and an empty list', () => {
    const d = design();
    expectSanDrError(() => DrSuppressions.add(d.logs, [{ id: 'SDR-LOG-DATA-PLACEMENT' } as never]), {
      scope: 'test/Plan/Logs',
      propPath: 'suppressions[0].reason',
      value: undefined,
      allowed: ['at least one sentence'],
    });
    expectSanDrError(() => DrSuppressions.add(d.logs, []), {
      scope: 'test/Plan/Logs',
      propPath: 'suppressions',
      value: [],
      got: 'an array of 0',
      allowed: ['at least one'],
    });
  });

  test('options that are not { applyToChildren: boolean }', () => {
    const d = design();
    const ok = [{ id: 'SDR-LOG-DATA-PLACEMENT', reason: PLACEMENT_REASON }];
    expectSanDrError(() => DrSuppressions.add(d.plan, ok, { applyToChildren: 'yes' } as never), {
      scope: 'test/Plan',
      propPath: 'options.applyToChildren',
      value: 'yes',
      allowed: ['true or false'],
    });
    expectSanDrError(() => DrSuppressions.add(d.plan, ok, { recursive: true } as never), {
      scope: 'test/Plan',
      propPath: 'options.recursive',
      value: true,
      allowed: ['no such prop; known props here: applyToChildren'],
    });
    expect(DrSuppressions.of(d.plan)).toEqual([]);
  });

  test('the same rule twice on one construct', () => {
    const d = design();
    DrSuppressions.add(d.logs, [{ id: 'SDR-LOG-DATA-PLACEMENT', reason: PLACEMENT_REASON }]);
    expectSanDrError(() => DrSuppressions.add(d.logs, [{ id: 'SDR-LOG-DATA-PLACEMENT', reason: PLACEMENT_REASON }]), {
      scope: 'test/Plan/Logs',
      propPath: 'suppressions[0].id',
      value: 'SDR-LOG-DATA-PLACEMENT',
      allowed: ['not already suppressed on test/Plan/Logs'],
    });
  });

  test('a suppression added after the stack was analysed, which the plan would silently miss', () => {
    const d = design();
    d.plan.analysis();
    const error = thrownBy(() => DrSuppressions.add(d.logs, [{ id: 'SDR-LOG-DATA-PLACEMENT', reason: PLACEMENT_REASON }]));
    expect((error as Error).message).toContain('already analysed');
    expect(DrSuppressions.of(d.logs)).toEqual([]);
  });

  test('a scope outside any stack', () => {
    const app = Testing.app();
    const error = thrownBy(() => DrSuppressions.add(app, [{ id: 'SDR-LOG-DATA-PLACEMENT', reason: PLACEMENT_REASON }]));
    expect(error).toBeInstanceOf(SanDrError);
    expect((error as SanDrError).message).toBe(
      'scope: got "the App"; expected a construct inside a TerraformStack (suppressions are collected per stack)',
    );
  });
});
