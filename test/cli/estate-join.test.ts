import { joinEstate, type EstateInput } from '../../lib/cli/estate-join';
import { estateReport } from '../../lib/cli/estate';
import { CliError } from '../../lib/cli/load';
import { analyzeEstate } from '../../lib/estate';
import type { EstateDecl, LinkDecl, PlanDecl } from '../../lib/model/design';
import { buildPlanDocument } from '../../lib/plan/document';
import { link, plan } from '../fixtures/estate';

/**
 * The join, without files: documents built as synthesis builds them, for Apps made of a
 * `network` stack (the link) and application stacks (one plan each).
 */

/** The fixture plan moved to `stack` (its ids are construct paths that start with the stack). */
function planIn(stack: string, linkId: string, overrides: Partial<PlanDecl> = {}): PlanDecl {
  const moved = JSON.parse(JSON.stringify(plan()).replaceAll('"app/', `"${stack}/`)) as PlanDecl;
  return { ...moved, stack, schedules: moved.schedules.map((s) => ({ ...s, linkId })), ...overrides };
}

/** Every stack's document of one App: the network stack, then one per application stack. */
function synthesizeApp(appStacks: readonly string[], wan: Partial<LinkDecl> = {}, dir = 'out', intervals: Record<string, number> = {}): EstateInput[] {
  const network = link({ id: 'network/Wan', stack: 'network', ...wan });
  const withInterval = (p: PlanDecl, stack: string) =>
    intervals[stack] === undefined ? p : { ...p, schedules: p.schedules.map((s) => ({ ...s, intervalSeconds: intervals[stack] })) };
  const design: EstateDecl = { plans: appStacks.map((s) => withInterval(planIn(s, network.id), s)), links: [network] };
  const analyses = analyzeEstate(design);
  const stacks = ['network', ...appStacks];
  return stacks.map((stack) => ({
    file: `${dir}/stacks/${stack}/dr-plan.json`,
    document: buildPlanDocument(
      stack,
      analyses.filter((a) => a.plan.stack === stack),
      design.links,
      new Map(),
      analyses,
      { appStacks: stacks },
    ),
  }));
}

function refusal(inputs: EstateInput[]): string {
  try {
    joinEstate(inputs);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error('expected a CliError');
}

describe('joinEstate', () => {
  test('one App: its stacks join back into the estate it declared, link ids as they were', () => {
    const joined = joinEstate(synthesizeApp(['billing', 'payments']));
    expect(joined.estate.plans.map((p) => [p.id, p.stack, p.schedules[0].linkId])).toEqual([
      ['billing/Baw', 'billing', 'network/Wan'],
      ['payments/Baw', 'payments', 'network/Wan'],
    ]);
    // Listed by all three documents, the link is one link.
    expect(joined.estate.links.map((l) => l.id)).toEqual(['network/Wan']);
    expect(joined.plans.get('payments/Baw')).toEqual({ stack: 'payments', file: 'out/stacks/payments/dr-plan.json' });
  });

  test('two Apps that both declare network/Wan: two links, each namespaced by its output, each App\'s plan on its own', () => {
    const joined = joinEstate([...synthesizeApp(['billing'], {}, 'a'), ...synthesizeApp(['payments'], {}, 'b')]);
    expect(joined.estate.links.map((l) => l.id)).toEqual(['a#network/Wan', 'b#network/Wan']);
    expect(joined.estate.plans.map((p) => p.schedules[0].linkId)).toEqual(['a#network/Wan', 'b#network/Wan']);
    expect(joined.links.get('b#network/Wan')).toMatchObject({ declaredId: 'network/Wan', stack: 'network' });
    // The two network stacks have no plans: both may be given.
    const budgets = analyzeEstate(joined.estate).flatMap((a) => a.budgets);
    expect(budgets.map((b) => b.linkSharedBy)).toEqual([1, 1]);
  });

  test('a suppression on a link whose id was namespaced follows it; others keep their path', () => {
    const withSuppressions = (inputs: EstateInput[]) =>
      inputs.map((input) => ({
        ...input,
        document: {
          ...input.document,
          declaration: {
            ...input.document.declaration!,
            suppressions:
              input.document.stack === 'network'
                ? [{ path: 'network/Wan', ruleId: 'SDR-SYNC-REACH', reason: 'The carrier guarantees the round trip.', applyToChildren: true }]
                : [{ path: `${input.document.stack}/Baw`, ruleId: 'SDR-RPO-MARGIN', reason: 'The margin is accepted by the owner.', applyToChildren: true }],
          },
        },
      }));
    const joined = joinEstate([...withSuppressions(synthesizeApp(['billing'], {}, 'a')), ...withSuppressions(synthesizeApp(['payments'], {}, 'b'))]);
    expect(joined.estate.suppressions.map((s) => s.path).sort()).toEqual(['a#network/Wan', 'b#network/Wan', 'billing/Baw', 'payments/Baw']);
  });

  test('two Apps whose links share a circuitId: one circuit, both schedules count against it', () => {
    const joined = joinEstate([...synthesizeApp(['billing'], { circuitId: 'ATT-4711' }, 'a'), ...synthesizeApp(['payments'], { circuitId: 'ATT-4711' }, 'b')]);
    expect(analyzeEstate(joined.estate).flatMap((a) => a.budgets).map((b) => b.linkSharedBy)).toEqual([2, 2]);
  });

  test('refuses a circuitId with two line rates across outputs, naming both files and links', () => {
    const message = refusal([
      ...synthesizeApp(['billing'], { circuitId: 'ATT-4711' }, 'a'),
      ...synthesizeApp(['payments'], { circuitId: 'ATT-4711', lineRateBitsPerSecond: 200e6 }, 'b'),
    ]);
    expect(message).toBe(
      'b/stacks/network/dr-plan.json: link network/Wan declares circuitId "ATT-4711" with 200 Mbps x 0.93, but link ' +
        'network/Wan in a/stacks/network/dr-plan.json declares it with 100 Mbps x 0.93; links with one circuitId must ' +
        'declare the same bandwidth and efficiency (one circuit has one line rate)',
    );
    expect(refusal([...synthesizeApp(['billing'], { circuitId: 'X' }, 'a'), ...synthesizeApp(['payments'], { circuitId: 'X', efficiency: 0.9 }, 'b')])).toContain(
      'with 100 Mbps x 0.9, but link network/Wan in a/',
    );
  });

  test('refuses two plans that claim one stack name, naming both files', () => {
    expect(refusal([...synthesizeApp(['billing'], {}, 'a'), ...synthesizeApp(['billing', 'ledger'], {}, 'b')])).toBe(
      'b/stacks/billing/dr-plan.json: stack billing is also claimed by a/stacks/billing/dr-plan.json; each stack may be given once ' +
        '(stacks of different repositories need different names: construct paths, and so findings, start with the stack name)',
    );
    const [, billing] = synthesizeApp(['billing']);
    expect(refusal([billing, billing])).toBe('out/stacks/billing/dr-plan.json: given twice; give each plan, stack directory or cdktf.out once');
  });

  test('refuses an App given in part: a user of its link whose plan is missing would be left out (a false PASS)', () => {
    const [network, billing] = synthesizeApp(['billing', 'payments']);
    expect(refusal([network, billing])).toBe(
      'out/stacks/network/dr-plan.json: link network/Wan is also used by payments/Baw/RuntimeData (stack payments), whose plan was not ' +
        "given: its load would be left out; give the whole cdktf.out of that App, or that stack's directory too",
    );
  });

  test('refuses a link that two stacks of one App declare differently: one of them is stale', () => {
    const [network, billing] = synthesizeApp(['billing']);
    const stale = { ...billing, document: { ...billing.document, declaration: { ...billing.document.declaration!, links: [link({ id: 'network/Wan', stack: 'network', lineRateBitsPerSecond: 1e9 })] } } };
    expect(refusal([network, stale])).toBe(
      'out/stacks/billing/dr-plan.json: link network/Wan differs from the one in out/stacks/network/dr-plan.json, a plan of the same App: ' +
        'one of them is stale; synthesize the App again',
    );
  });

  test('refuses a plan of an older schema, which has no declaration', () => {
    const [, billing] = synthesizeApp(['billing']);
    const { declaration: _, ...v3 } = billing.document;
    expect(refusal([{ file: 'old/dr-plan.json', document: { ...v3, schemaVersion: 3 } }])).toBe(
      'old/dr-plan.json: plan schema version 3 has no declaration, which estate needs; synthesize it again with this cdktf-san-dr ' +
        '(plan schema 4); report, diff and check still read it',
    );
  });
});

describe('move-or-cut advice: only where moving a user asks the network for less than the line-rate fix', () => {
  // billing every I s and payments every 300 s (each 8 GiB/h, 2:1) on one 100 Mbps x 0.93 circuit.
  // Without payments, billing has the circuit to itself: at I = 1550 s it sends
  // 1550 x 1193046.47 = 1849222030 B in 159.07 s on 11,625,000 B/s: worst case 1550 + 60 + 159.07 = 1769.07 s, meets 30m.
  // Moving payments frees its 1193046.47 B/s (1.19 MB/s on the wire at its busiest).
  const advice = (interval: number) => {
    const report = estateReport(['out'], joinEstate(synthesizeApp(['billing', 'payments'], { circuitId: 'C' }, 'out', { billing: interval, payments: 300 })));
    return { users: report.circuits[0].users, advice: report.circuits[0].advice };
  };

  test('at 1550 s the fix asks for 117 Mbps, 17 Mbps x 0.93 / 8 = 1,976,250 B/s more: moving payments (1.19 MB/s) is cheaper', () => {
    const { users, advice: [a, ...more] } = advice(1550);
    expect(users.map((u) => u.verdict)).toEqual(['breaches', 'meets']);
    expect(more).toEqual([]);
    expect(a).toMatchObject({ schedule: 'billing/Baw/RuntimeData', move: 'payments/Baw/RuntimeData', moveStack: 'payments', lineRateFixAddsBytesPerSecond: 1976250 });
    expect(a.moveBytesPerSecond).toBeCloseTo(1193046.47, 1);
    expect(a.worstCaseSeconds).toBeCloseTo(1769.07, 2);
  });

  test('at 1530 s the fix asks for 105 Mbps, 581,250 B/s more: the upgrade is cheaper, so no move is advised', () => {
    const { users, advice: none } = advice(1530);
    expect(users.map((u) => u.verdict)).toEqual(['breaches', 'meets']);
    expect(none).toEqual([]);
  });
});

describe('circuit mates in one App', () => {
  test('a stack\'s plan lists the other links of its circuits with their users, so an App given in part is refused', () => {
    // billing ships over network/WanA, payments over payments/WanB: one circuit "C" by circuitId.
    const wanA = link({ id: 'network/WanA', name: 'WanA', stack: 'network', circuitId: 'C' });
    const wanB = link({ id: 'payments/WanB', name: 'WanB', stack: 'payments', circuitId: 'C' });
    const design: EstateDecl = { plans: [planIn('billing', wanA.id), planIn('payments', wanB.id)], links: [wanA, wanB] };
    const analyses = analyzeEstate(design);
    const stacks = ['network', 'billing', 'payments'];
    const documentOf = (stack: string) =>
      buildPlanDocument(stack, analyses.filter((a) => a.plan.stack === stack), design.links, new Map(), analyses, { appStacks: stacks });
    const billing = documentOf('billing');
    expect(billing.links.map((l) => [l.id, l.users.map((u) => u.id)])).toEqual([
      ['network/WanA', ['billing/Baw/RuntimeData']],
      ['payments/WanB', ['payments/Baw/RuntimeData']],
    ]);
    expect(billing.declaration!.links.map((l) => l.id)).toEqual(['network/WanA', 'payments/WanB']);
    expect(refusal([{ file: 'out/stacks/billing/dr-plan.json', document: billing }])).toContain(
      'link payments/WanB is also used by payments/Baw/RuntimeData (stack payments), whose plan was not given',
    );
    // Given whole, the estate counts both users on the one circuit.
    const joined = joinEstate(stacks.map((stack) => ({ file: `out/stacks/${stack}/dr-plan.json`, document: documentOf(stack) })));
    expect(analyzeEstate(joined.estate).flatMap((a) => a.budgets).map((b) => b.linkSharedBy)).toEqual([2, 2]);
  });
});
