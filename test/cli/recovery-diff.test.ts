import { diffPlans, renderDiffMarkdown } from '../../lib/cli/diff';
import { renderPlanText } from '../../lib/cli/text';
import { estate, RECOVERY_TIMES } from '../fixtures/estate';
import { documentOf } from './helpers';

const TIMES = RECOVERY_TIMES;

// The failover of the fixture with these times takes 2220 s (37m) on its critical path (test/analysis/recovery.test.ts).
describe('recovery in the CLI', () => {
  const base = documentOf(estate({ recoveryTimes: TIMES, rtoSeconds: 2400 }));

  test('the text report lists each procedure with its critical path and the RTO verdict', () => {
    const text = renderPlanText(base);
    expect(text).toContain('  Recovery procedures (steps in dr-runbook.md):\n');
    expect(text).toContain('    Failover of plan Baw to recovery site Recovery: 9 steps, 37m on the critical path, meets the RTO\n');
  });

  test('a slower verification breaks the RTO: an RTO verdict change, shown first, and the step that changed', () => {
    // Verification 900 -> 1200 s: 2220 + 300 = 2520 s (42m) > 2400 s (40m).
    const head = documentOf(estate({ recoveryTimes: { ...TIMES, verificationSeconds: 1200 }, rtoSeconds: 2400 }));
    const diff = diffPlans([base], [head]);
    expect(diff.recovery.rto).toEqual([
      {
        plan: 'app/Baw',
        before: { failoverSeconds: 2220, rtoSeconds: 2400, meetsRto: true },
        after: { failoverSeconds: 2520, rtoSeconds: 2400, meetsRto: false },
        verdictChanged: true,
      },
    ]);
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('### RTO verdict changes (1)\n\n- `app/Baw`: failover meets → **BREACHES**, 37m → 42m against 40m\n');
    expect(md.indexOf('### RTO verdict changes')).toBeLessThan(md.indexOf('- Stack `app`'));
    expect(md).toContain('- `app/Baw`: 37m of 40m (meets) → 42m of 40m (**BREACHES**)');
    // Failover and drill both verify (15m -> 20m); the failback too.
    expect(md).toContain('- Failover of plan Baw to recovery site Recovery (`app/Baw`: `failover`): critical path 37m → 42m; step `verify-and-redirect`: 15m → 20m');
    expect(diff.recovery.procedures.map((c) => c.id)).toEqual(['drill', 'failback', 'failover']);
    // The cause is a declared input of the plan.
    expect(diff.inputs.map((c) => [c.id, c.input, c.before, c.after])).toEqual([['app/Baw', 'verification time', '15m', '20m']]);
  });

  test('a new server at the recovery site is a step added to the procedures', () => {
    const sites = estate().plans[0].sites;
    const recovery = { ...sites[1], servers: [...sites[1].servers, { name: 'was3-dr', role: 'application' as const, host: 'was3-dr.example.com', extraMountPaths: [] }] };
    const head = documentOf(estate({ recoveryTimes: TIMES, rtoSeconds: 2400, sites: [sites[0], recovery] }));
    const failover = diffPlans([base], [head]).recovery.procedures.find((c) => c.id === 'failover')!;
    expect(failover.changes).toContain('step added: 5 `start-application-server.was3-dr` (4m)');
    expect(diffPlans([base], [head]).recovery.rto).toEqual([]);
  });

  test('unchanged plans show no recovery change, and an older plan without procedures reads as none', () => {
    expect(diffPlans([base], [base]).recovery).toEqual({ rto: [], procedures: [] });
    const old = { ...base, plans: base.plans.map((p) => ({ ...p, procedures: [], recovery: null })) };
    const diff = diffPlans([old], [base]);
    expect(diff.recovery.rto.map((c) => [c.before, c.verdictChanged])).toEqual([[null, false]]);
    expect(diff.recovery.procedures.map((c) => [c.id, c.before])).toEqual([['drill', null], ['failback', null], ['failover', null]]);
  });
});
