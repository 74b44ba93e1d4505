import { analyzeEstate } from '../../lib/estate';
import { computeRpoBudgets } from '../../lib/analysis/rpo';
import { CATALOG, checkRules, RULES, type FindingLevel, type Rule, type RuleContext } from '../../lib/rules';
import { renderRulesTable } from '../../lib/rules/catalog-table';
import { unusedSuppression } from '../../lib/rules/unused-suppression';
import { consistencyGroup } from '../../lib/rules/consistency-group';
import { logDataPlacement } from '../../lib/rules/log-data-placement';
import { mountParity } from '../../lib/rules/mount-parity';
import { rpoBudget } from '../../lib/rules/rpo-budget';
import { rpoMargin } from '../../lib/rules/rpo-margin';
import { FINDING_LEVELS } from '../../lib/rules/rule';
import { runtimeDataCoverage } from '../../lib/rules/runtime-data-coverage';
import { scheduleSustainable } from '../../lib/rules/schedule-sustainable';
import { syncBandwidth } from '../../lib/rules/sync-bandwidth';
import { syncCircuitPriority } from '../../lib/rules/sync-circuit-priority';
import { syncPeakDeclared } from '../../lib/rules/sync-peak-declared';
import { syncReach } from '../../lib/rules/sync-reach';
import { tranlogEveryServer } from '../../lib/rules/tranlog-every-server';
import { tranlogLocking } from '../../lib/rules/tranlog-locking';
import { writeOrder } from '../../lib/rules/write-order';
import { backupCycleFits } from '../../lib/rules/backup-cycle-fits';
import { copyOverlap } from '../../lib/rules/copy-overlap';
import { deferredDataMirroring } from '../../lib/rules/deferred-data-mirroring';
import { logMirrorBandwidth } from '../../lib/rules/log-mirror-bandwidth';
import { logMirroring } from '../../lib/rules/log-mirroring';
import { lssBalance } from '../../lib/rules/lss-balance';
import { portPaths } from '../../lib/rules/port-paths';
import { recoveryPathRpo } from '../../lib/rules/recovery-path-rpo';
import { recoveryPathRto } from '../../lib/rules/recovery-path-rto';
import { writeSuspendWindow } from '../../lib/rules/write-suspend-window';
import { archiveLogs } from '../../lib/rules/archive-logs';
import { failbackWindow } from '../../lib/rules/failback-window';
import { peerRecovery } from '../../lib/rules/peer-recovery';
import { rtoBudget } from '../../lib/rules/rto-budget';
import { tranlogDatabase } from '../../lib/rules/tranlog-database';
import type { EstateDecl } from '../../lib/model/design';
import { dataVolume, estate, logVolume, schedule, tranlogVolume } from '../fixtures/estate';
import { analyzeFirst } from './helpers';

/** What the README lists, in its order. */
const EXPECTED_IDS = [
  'SDR-RPO-BUDGET',
  'SDR-SCHEDULE-SUSTAINABLE',
  'SDR-RPO-MARGIN',
  'SDR-SYNC-REACH',
  'SDR-SYNC-BANDWIDTH',
  'SDR-SYNC-CIRCUIT-PRIORITY',
  'SDR-SYNC-PEAK-DECLARED',
  'SDR-CONSISTENCY-GROUP',
  'SDR-WRITE-ORDER',
  'SDR-MOUNT-PARITY',
  'SDR-TRANLOG-LOCKING',
  'SDR-TRANLOG-EVERY-SERVER',
  'SDR-LOG-DATA-PLACEMENT',
  'SDR-RUNTIME-DATA-COVERAGE',
  'SDR-RTO-BUDGET',
  'SDR-PEER-RECOVERY',
  'SDR-TRANLOG-DATABASE-GROUP',
  'SDR-FAILBACK-WINDOW',
  'SDR-PIT-COPY-OVERLAP',
  'SDR-WRITE-SUSPEND-WINDOW',
  'SDR-BACKUP-CYCLE-FITS',
  'SDR-LOG-MIRRORING',
  'SDR-LOG-MIRROR-BANDWIDTH',
  'SDR-RECOVERY-PATH-RPO',
  'SDR-RECOVERY-PATH-RTO',
  'SDR-ARCHIVE-LOGS',
  'SDR-PORT-PATHS',
  'SDR-LSS-BALANCE',
  'SDR-DATA-MIRROR-DEFERRED',
];

/** A context for checkRules built the way analyzeEstate builds it, for the estate's first plan. */
function contextOf(design: EstateDecl): RuleContext {
  const plan = design.plans[0];
  return {
    estate: design,
    plan,
    budgets: computeRpoBudgets(design).filter((b) => b.planId === plan.id),
    linksById: new Map(design.links.map((l) => [l.id, l])),
    nameOf: (id) => id.split('/').pop() ?? id,
  };
}

/** A rule that reports one violation per path, whatever the design. */
function stub(id: string, level: FindingLevel, paths: string[]): Rule {
  return {
    id,
    level,
    title: `${id} title`,
    rationale: 'Test rule.',
    fix: 'Fix it.',
    suppressible: true,
    check: () => paths.map((path) => ({ path, message: `${id} at ${path}`, fix: 'Fix it.' })),
  };
}

describe('rule catalog', () => {
  test('RULES holds every rule module, once, in the documented order', () => {
    expect(RULES).toEqual([
      rpoBudget,
      scheduleSustainable,
      rpoMargin,
      syncReach,
      syncBandwidth,
      syncCircuitPriority,
      syncPeakDeclared,
      consistencyGroup,
      writeOrder,
      mountParity,
      tranlogLocking,
      tranlogEveryServer,
      logDataPlacement,
      runtimeDataCoverage,
      rtoBudget,
      peerRecovery,
      tranlogDatabase,
      failbackWindow,
      copyOverlap,
      writeSuspendWindow,
      backupCycleFits,
      logMirroring,
      logMirrorBandwidth,
      recoveryPathRpo,
      recoveryPathRto,
      archiveLogs,
      portPaths,
      lssBalance,
      deferredDataMirroring,
    ]);
    expect(RULES.map((r) => r.id)).toEqual(EXPECTED_IDS);
  });

  test('rule IDs are unique', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each(RULES.map((rule) => [rule.id, rule] as const))('%s: ID, level, title and rationale', (_id, rule) => {
    expect(rule.id).toMatch(/^SDR-[A-Z-]+$/);
    expect(rule.id).not.toMatch(/-$/);
    expect(FINDING_LEVELS).toContain(rule.level);
    expect(rule.title.trim()).not.toBe('');
    expect(rule.title).toBe(rule.title.trim());
    // At least one sentence: a capitalised run of several words ending in a full stop.
    expect(rule.rationale).toMatch(/[A-Z][^.]*\s\S[^.]*\.(\s|$)/);
    expect(rule.rationale.trim()).toMatch(/\.$/);
    expect(typeof rule.check).toBe('function');
  });

  test.each(CATALOG.map((rule) => [rule.id, rule] as const))('%s: a fix of at least one sentence', (_id, rule) => {
    expect(rule.fix).toMatch(/^[A-Z][^.]*\s\S[^.]*\./);
    expect(rule.fix.trim()).toMatch(/\.$/);
    expect(rule.fix).not.toBe(rule.rationale);
  });

  test('CATALOG is the design rules followed by the check of unused suppressions', () => {
    expect(CATALOG).toEqual([...RULES, unusedSuppression]);
    expect(new Set(CATALOG.map((r) => r.id)).size).toBe(CATALOG.length);
    expect(unusedSuppression).toMatchObject({ id: 'SDR-UNUSED-SUPPRESSION', level: 'warning', suppressible: false });
    expect('check' in unusedSuppression).toBe(false);
  });

  test('every warning and note of the design rules is suppressible; of the errors, only the reviewed four', () => {
    for (const rule of RULES) if (rule.level !== 'error') expect([rule.id, rule.suppressible]).toEqual([rule.id, true]);
    expect(RULES.filter((r) => r.level === 'error' && r.suppressible).map((r) => r.id)).toEqual([
      'SDR-SYNC-REACH',
      'SDR-SYNC-CIRCUIT-PRIORITY',
      'SDR-MOUNT-PARITY',
      'SDR-TRANLOG-LOCKING',
    ]);
    // The unsuppressible errors say why in their fix, so the README table explains the refusal.
    for (const rule of RULES.filter((r) => !r.suppressible)) expect(rule.fix).toContain('Not suppressible');
  });

  test('the README table has one row per catalog entry with its level, suppressibility and fix', () => {
    const rows = renderRulesTable().split('\n');
    expect(rows[0]).toBe('| ID | Level | Suppressible | What it catches | Why | Fix |');
    expect(rows).toHaveLength(2 + CATALOG.length);
    expect(rows[2 + RULES.indexOf(rpoBudget)]).toMatch(/^\| `SDR-RPO-BUDGET` \| error \| no \| /);
    expect(rows[2 + RULES.indexOf(syncReach)]).toMatch(/^\| `SDR-SYNC-REACH` \| error \| yes \| /);
    expect(rows[rows.length - 1]).toContain(`| ${unusedSuppression.fix} |`);
  });

  test('the levels are error, warning, info, in that order of severity', () => {
    expect(FINDING_LEVELS).toEqual(['error', 'warning', 'info']);
  });

  test('every rule passes the unmodified fixture', () => {
    const context = contextOf(estate());
    for (const rule of RULES) expect(rule.check(context)).toEqual([]);
    expect(analyzeFirst(estate()).findings).toEqual([]);
  });
});

describe('checkRules', () => {
  test('findings carry the rule ID, level and title', () => {
    const [finding] = checkRules(contextOf(estate({}, { preservesWriteOrder: false })));
    expect(finding).toEqual({
      ruleId: writeOrder.id,
      level: writeOrder.level,
      title: writeOrder.title,
      path: 'app/Wan',
      message: 'Asynchronous link Wan is declared with preservesWriteOrder: false.',
      fix: expect.stringContaining('preservesWriteOrder: true'),
    });
  });

  test('errors come before warnings even when a warning rule is listed first', () => {
    // SDR-RPO-MARGIN (warning, third in RULES) fires at a 25 min interval (margin 86 s < 180 s);
    // SDR-WRITE-ORDER, SDR-TRANLOG-LOCKING (errors, later in RULES) and SDR-LOG-DATA-PLACEMENT (warning) fire too.
    const design = estate(
      {
        volumes: [
          dataVolume(),
          logVolume({ placement: { primary: 'pool-data' } }),
          tranlogVolume({ fileSystem: { protocol: 'nfs3', mountOptions: ['hard'] } }),
        ],
        schedules: [schedule({ intervalSeconds: 1500 })],
      },
      { preservesWriteOrder: false },
    );
    const findings = analyzeFirst(design).findings;
    expect(findings.map((f) => [f.level, f.ruleId])).toEqual([
      ['error', 'SDR-WRITE-ORDER'],
      ['error', 'SDR-TRANLOG-LOCKING'],
      ['warning', 'SDR-RPO-MARGIN'],
      ['warning', 'SDR-LOG-DATA-PLACEMENT'],
    ]);
    expect(checkRules(contextOf(design))).toEqual(findings);
  });

  test('order: level, then rule order, then path', () => {
    const rules = [
      stub('SDR-NOTE', 'info', ['a']),
      stub('SDR-WARN-B', 'warning', ['z', 'b']),
      stub('SDR-ERR-LATE', 'error', ['y', 'x']),
      stub('SDR-WARN-A', 'warning', ['a']),
      stub('SDR-ERR-LAST', 'error', ['a']),
    ];
    const findings = checkRules(contextOf(estate()), rules);
    expect(findings.map((f) => `${f.level} ${f.ruleId} ${f.path}`)).toEqual([
      'error SDR-ERR-LATE x',
      'error SDR-ERR-LATE y',
      'error SDR-ERR-LAST a',
      'warning SDR-WARN-B b',
      'warning SDR-WARN-B z',
      'warning SDR-WARN-A a',
      'info SDR-NOTE a',
    ]);
  });

  test('analyzeEstate checks only the rules it is given', () => {
    const design = estate({}, { preservesWriteOrder: false });
    expect(analyzeEstate(design)[0].findings.map((f) => f.ruleId)).toEqual(['SDR-WRITE-ORDER']);
    expect(analyzeEstate(design, [rpoBudget])[0].findings).toEqual([]);
    expect(analyzeEstate(design, [stub('SDR-ONLY', 'info', ['p'])])[0].findings.map((f) => f.ruleId)).toEqual(['SDR-ONLY']);
  });
});
