import { diffPlans, gateFailures, renderDiffMarkdown } from '../../lib/cli/diff';
import type { EstateDecl, SuppressionDecl } from '../../lib/model/design';
import { dataVolume, estate, logVolume, plan, schedule, site, tranlogVolume } from '../fixtures/estate';
import { rebasePlan } from '../rules/helpers';
import { documentOf } from './helpers';

const at = (intervalSeconds: number, suppressions?: SuppressionDecl[]): EstateDecl => ({
  ...estate({ schedules: [schedule({ intervalSeconds })] }),
  suppressions,
});

/** Two plans sharing link Wan (half of it each); plan Baw's interval varies, plan Aaa's does not. */
const twoPlans = (bawInterval: number): EstateDecl => {
  const baw = plan({ schedules: [schedule({ intervalSeconds: bawInterval })] });
  return { plans: [rebasePlan(plan(), 'app/Aaa', 'Aaa'), baw], links: estate().links };
};

describe('diffPlans', () => {
  test('identical plans: no change anywhere, every budget listed as unchanged', () => {
    const diff = diffPlans([documentOf(estate())], [documentOf(estate())]);
    expect(diff.budgets.map((b) => [b.schedule, b.verdictChanged, b.changed])).toEqual([['app/Baw/RuntimeData', false, false]]);
    expect(diff.steps).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.findings).toEqual({ new: [], fixed: [], suppressed: [], unsuppressed: [], stillSuppressed: 0 });
    expect(diff.design).toEqual({ added: [], removed: [] });
    expect(renderDiffMarkdown(diff)).toContain('No change to the disaster-recovery plan.');
  });

  test('a longer interval within the RPO: budget changed, margin warning new, schedule step changed', () => {
    // 25m + 1m + 154 s (1.67 GiB sent over 11.625 MB/s) = 1714 s: meets by 86 s, under 10% of 30m.
    const diff = diffPlans([documentOf(at(900))], [documentOf(at(1500))]);
    expect(diff.budgets).toHaveLength(1);
    expect(diff.budgets[0]).toMatchObject({ verdictChanged: false, changed: true });
    expect(diff.budgets[0].after!.worstCaseSeconds).toBeCloseTo(1714.0, 0);
    expect(diff.findings.new.map((f) => [f.finding.level, f.finding.ruleId, f.finding.path])).toEqual([
      ['warning', 'SDR-RPO-MARGIN', 'app/Baw/RuntimeData'],
    ]);
    // Step parameters in human units: intervalSeconds "900" → "1500" reads interval 15m → 25m.
    expect(diff.steps.changed.map((c) => [c.step.id, c.changes.filter((t) => t.startsWith('interval'))])).toEqual([
      ['schedule.enable-snapshot-schedule.RuntimeData', ['interval: 15m → 25m']],
    ]);
    expect(diff.inputs.map((i) => [i.kind, i.id, i.input, i.before, i.after])).toEqual([
      ['schedule', 'app/Baw/RuntimeData', 'interval', '15m', '25m'],
    ]);
    // The verdict did not get worse (meets → meets): no causes are named.
    expect(diff.budgets[0].causes).toEqual([]);
    expect(gateFailures(diff, 'error')).toEqual([]);
    expect(gateFailures(diff, 'warning').map((f) => f.finding.ruleId)).toEqual(['SDR-RPO-MARGIN']);
  });

  test('a verdict change sorts first, ahead of budgets that sort earlier by path', () => {
    // Half of Wan each (5,812,500 B/s). Aaa at 15m: 900 + 60 + 1 GiB / 5,812,500 (184.7 s) = 19m 4.7s.
    // Baw at 25m: 1500 + 60 + 1.67 GiB / 5,812,500 (307.9 s) = 31m 7.9s > 30m.
    const diff = diffPlans([documentOf(twoPlans(900))], [documentOf(twoPlans(1500))]);
    expect(diff.budgets.map((b) => [b.schedule, b.before!.verdict, b.after!.verdict, b.changed])).toEqual([
      ['app/Baw/RuntimeData', 'meets', 'breaches', true],
      ['app/Aaa/RuntimeData', 'meets', 'meets', false],
    ]);
    const md = renderDiffMarkdown(diff, { base: 'main', head: 'pr' });
    const lines = md.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '## Disaster-recovery plan changes',
      '',
      'Comparing `main` (before) with `pr` (after).',
      '',
      '### RPO verdict changes (1)',
      '',
    ]);
    expect(lines[6]).toMatch(/^- `app\/Baw\/RuntimeData`: meets → \*\*BREACHES\*\*, worst case 19m 4\.7s → 31m 7\.9s against 30m$/);
    expect(md).toContain('- Stack `app`: PASS → **FAIL** (0 → 1 error(s), 0 warning(s), 0 note(s))');
    const rows = lines.filter((l) => l.startsWith('| `app/'));
    expect(rows[0]).toMatch(/^\| `app\/Baw\/RuntimeData` \| meets → \*\*BREACHES\*\* \| /);
    expect(rows[1]).toMatch(/^\| `app\/Aaa\/RuntimeData` \| meets \| 19m 4\.7s \| 30m \| /);
    expect(gateFailures(diff, 'error').map((f) => f.finding.ruleId)).toEqual(['SDR-RPO-BUDGET']);
  });

  test('findings newly suppressed (with the reason), fixed, and no longer suppressed', () => {
    const reason = 'Both pools are on one all-flash array with no shared spindles.';
    const placement = (suppressed: boolean): EstateDecl => ({
      ...estate({ volumes: [dataVolume(), logVolume({ placement: { primary: 'pool-data' } }), tranlogVolume()] }),
      suppressions: suppressed ? [{ ruleId: 'SDR-LOG-DATA-PLACEMENT', path: 'app/Baw/DatabaseLogs', reason, applyToChildren: false }] : [],
    });
    const suppressedNow = diffPlans([documentOf(placement(false))], [documentOf(placement(true))]);
    expect(suppressedNow.findings.suppressed.map((f) => [f.finding.ruleId, f.finding.suppression?.reason, f.before?.ruleId])).toEqual([
      ['SDR-LOG-DATA-PLACEMENT', reason, 'SDR-LOG-DATA-PLACEMENT'],
    ]);
    expect(suppressedNow.findings.new).toEqual([]);
    expect(renderDiffMarkdown(suppressedNow)).toContain(`**Suppressed** on \`app/Baw/DatabaseLogs\`: ${reason}`);

    const unsuppressed = diffPlans([documentOf(placement(true))], [documentOf(placement(false))]);
    expect(unsuppressed.findings.unsuppressed.map((f) => f.finding.ruleId)).toEqual(['SDR-LOG-DATA-PLACEMENT']);
    expect(gateFailures(unsuppressed, 'warning').map((f) => f.finding.ruleId)).toEqual(['SDR-LOG-DATA-PLACEMENT']);

    const still = diffPlans([documentOf(placement(true))], [documentOf(placement(true))]);
    expect(still.findings.stillSuppressed).toBe(1);
    expect(gateFailures(still, 'warning')).toEqual([]);

    const fixed = diffPlans([documentOf(placement(false))], [documentOf(estate())]);
    expect(fixed.findings.fixed.map((f) => f.finding.ruleId)).toEqual(['SDR-LOG-DATA-PLACEMENT']);
    expect(renderDiffMarkdown(fixed)).toContain('### Fixed findings (1)');
  });

  test('an existing finding that head still has does not fail the gate', () => {
    const nfs3 = estate({ volumes: [dataVolume(), logVolume(), tranlogVolume({ fileSystem: { protocol: 'nfs3', mountOptions: ['hard'] } })] });
    const diff = diffPlans([documentOf(nfs3)], [documentOf(nfs3)]);
    expect(gateFailures(diff, 'error')).toEqual([]);
    expect(gateFailures(diffPlans([documentOf(estate())], [documentOf(nfs3)]), 'error').map((f) => f.finding.ruleId)).toEqual([
      'SDR-TRANLOG-LOCKING',
    ]);
  });

  test('a server and a volume removed: steps removed, design items removed, steps that depended on them changed', () => {
    const smaller = estate({
      sites: [
        site('primary', { servers: site('primary').servers.filter((s) => s.name !== 'was2') }),
        site('recovery', { servers: site('recovery').servers.filter((s) => s.name !== 'was2-dr') }),
      ],
      volumes: [dataVolume(), logVolume(), tranlogVolume({ mountedOn: { primary: ['was1'], recovery: ['was1-dr'] } })],
    });
    const diff = diffPlans([documentOf(estate())], [documentOf(smaller)]);
    expect(diff.steps.removed.map((s) => s.step.id)).toEqual([
      'primary.was2.configure-transaction-service.Tranlogs',
      'primary.was2.create-mount-directory./opt/ibm/WebSphere/tranlogs',
      'primary.was2.mount-san-volume.Tranlogs',
      'recovery.was2-dr.create-mount-directory./opt/ibm/WebSphere/tranlogs',
      'recovery.was2-dr.load-recovery-scripts.Tranlogs',
    ]);
    expect(diff.steps.added).toEqual([]);
    expect(diff.steps.changed.map((c) => c.step.id)).toContain('schedule.enable-snapshot-schedule.RuntimeData');
    expect(diff.design).toEqual({ added: [], removed: [] });

    const noLogs = estate({ volumes: [dataVolume(), tranlogVolume()], schedules: [schedule({ volumeIds: ['app/Baw/DatabaseData', 'app/Baw/Tranlogs'] })] });
    const volumeDiff = diffPlans([documentOf(estate())], [documentOf(noLogs)]);
    expect(volumeDiff.design.removed).toEqual([{ kind: 'volume', id: 'app/Baw/DatabaseLogs', name: 'DatabaseLogs' }]);
    expect(renderDiffMarkdown(volumeDiff)).toContain('### Removed from the design (1)\n\n- volume DatabaseLogs (`app/Baw/DatabaseLogs`)');
  });

  test('a stack that only one side has: its plan, sites, volumes, schedule and link are added', () => {
    const diff = diffPlans([documentOf(estate())], [documentOf(estate()), documentOf(estate(), 'other')]);
    // Construct paths are the same in both stacks' fixtures, so only the stack itself is new here.
    expect(diff.stacks.map((s) => [s.stack, s.before, s.after])).toEqual([
      ['app', 'pass', 'pass'],
      ['other', null, 'pass'],
    ]);
    const fromNothing = diffPlans([], [documentOf(estate())]);
    expect(fromNothing.design.added.map((d) => d.kind)).toEqual(['plan', 'site', 'site', 'volume', 'volume', 'volume', 'schedule', 'link']);
    expect(fromNothing.budgets.map((b) => [b.before, b.after?.verdict])).toEqual([[null, 'meets']]);
    expect(fromNothing.steps.added).toHaveLength(24);
    expect(renderDiffMarkdown(fromNothing)).toContain('- Stack `app` is new: **PASS**');
    expect(renderDiffMarkdown(diffPlans([documentOf(estate())], []))).toContain('- Stack `app` was removed (it was PASS)');
  });
});
