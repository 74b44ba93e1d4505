import { analyzeEstate } from '../../lib/analysis';
import type { EstateDecl, SuppressionDecl } from '../../lib/model/design';
import { buildPlanDocument, planDocumentSchema } from '../../lib/plan/document';
import { renderPlanMarkdown } from '../../lib/plan/markdown';
import { suppressionMatches } from '../../lib/rules/suppressions';
import { dataVolume, estate, link, logVolume, tranlogVolume } from '../fixtures/estate';
import { rebasePlan } from './helpers';

const REASON = 'The SAN team placed both volumes on one all-flash pool; the arms argument does not apply.';

/** Database logs in the data pool (a warning) and transaction logs on NFSv3 (an error, suppressible). */
function findingsDesign(suppressions: SuppressionDecl[] = []): EstateDecl {
  return {
    ...estate({
      volumes: [
        dataVolume(),
        logVolume({ placement: { primary: 'pool-data', recovery: 'dr-pool-data' } }),
        tranlogVolume({ fileSystem: { protocol: 'nfs3', mountOptions: ['hard'] } }),
      ],
    }),
    suppressions,
  };
}

const suppress = (ruleId: string, path: string, applyToChildren = false, reason = REASON): SuppressionDecl => ({
  ruleId,
  path,
  reason,
  applyToChildren,
});

const summary = (design: EstateDecl) =>
  analyzeEstate(design)[0].findings.map((f) => [f.level, f.ruleId, f.path, f.suppression?.path ?? null]);

describe('suppressionMatches', () => {
  test('the same path, or a path below it with applyToChildren; never a sibling that shares a prefix', () => {
    const finding = { ruleId: 'SDR-X', path: 'app/Baw/Logs' };
    expect(suppressionMatches(suppress('SDR-X', 'app/Baw/Logs'), finding)).toBe(true);
    expect(suppressionMatches(suppress('SDR-Y', 'app/Baw/Logs'), finding)).toBe(false);
    expect(suppressionMatches(suppress('SDR-X', 'app/Baw'), finding)).toBe(false);
    expect(suppressionMatches(suppress('SDR-X', 'app/Baw', true), finding)).toBe(true);
    expect(suppressionMatches(suppress('SDR-X', 'app/Ba', true), finding)).toBe(false);
    expect(suppressionMatches(suppress('SDR-X', 'app/Baw/Logs/Inner', true), finding)).toBe(false);
  });
});

describe('applying suppressions in the analysis', () => {
  test('without suppressions the design has one error and one warning, none suppressed', () => {
    expect(summary(findingsDesign())).toEqual([
      ['error', 'SDR-TRANLOG-LOCKING', 'app/Baw/Tranlogs', null],
      ['warning', 'SDR-LOG-DATA-PLACEMENT', 'app/Baw/DatabaseLogs', null],
    ]);
  });

  test('a suppression on the finding’s construct marks it with the path and reason, and keeps it in place', () => {
    const [analysis] = analyzeEstate(findingsDesign([suppress('SDR-LOG-DATA-PLACEMENT', 'app/Baw/DatabaseLogs')]));
    expect(analysis.findings.map((f) => f.ruleId)).toEqual(['SDR-TRANLOG-LOCKING', 'SDR-LOG-DATA-PLACEMENT']);
    expect(analysis.findings[1].suppression).toEqual({ path: 'app/Baw/DatabaseLogs', reason: REASON });
    expect(analysis.findings[0].suppression).toBeUndefined();
  });

  test('on the plan: only with applyToChildren; without it the suppression is unused and reported', () => {
    expect(summary(findingsDesign([suppress('SDR-TRANLOG-LOCKING', 'app/Baw', true)]))).toEqual([
      ['error', 'SDR-TRANLOG-LOCKING', 'app/Baw/Tranlogs', 'app/Baw'],
      ['warning', 'SDR-LOG-DATA-PLACEMENT', 'app/Baw/DatabaseLogs', null],
    ]);
    const [analysis] = analyzeEstate(findingsDesign([suppress('SDR-TRANLOG-LOCKING', 'app/Baw')]));
    expect(analysis.findings.map((f) => [f.level, f.ruleId, f.path, f.suppression ?? null])).toEqual([
      ['error', 'SDR-TRANLOG-LOCKING', 'app/Baw/Tranlogs', null],
      ['warning', 'SDR-LOG-DATA-PLACEMENT', 'app/Baw/DatabaseLogs', null],
      ['warning', 'SDR-UNUSED-SUPPRESSION', 'app/Baw', null],
    ]);
    expect(analysis.findings[2]).toEqual({
      ruleId: 'SDR-UNUSED-SUPPRESSION',
      level: 'warning',
      title: 'Suppression that matches no finding',
      path: 'app/Baw',
      message: `The suppression of SDR-TRANLOG-LOCKING on app/Baw matches no finding: SDR-TRANLOG-LOCKING reports nothing at app/Baw. Its reason was: "${REASON}"`,
      fix: 'Remove the suppression of SDR-TRANLOG-LOCKING from app/Baw.',
    });
  });

  test('the suppression declared closest to the finding wins, and the other one is then unused', () => {
    const near = suppress('SDR-LOG-DATA-PLACEMENT', 'app/Baw/DatabaseLogs', false, 'Near: the pool is all flash, so no arms are shared.');
    const far = suppress('SDR-LOG-DATA-PLACEMENT', 'app', true);
    const [analysis] = analyzeEstate(findingsDesign([far, near]));
    const placement = analysis.findings.find((f) => f.ruleId === 'SDR-LOG-DATA-PLACEMENT')!;
    expect(placement.suppression).toEqual({ path: 'app/Baw/DatabaseLogs', reason: near.reason });
    expect(analysis.findings.filter((f) => f.ruleId === 'SDR-UNUSED-SUPPRESSION').map((f) => f.path)).toEqual(['app']);
  });

  test('a suppression outside every plan that matches nothing is reported once, in the first plan by path', () => {
    const base = findingsDesign();
    const design: EstateDecl = {
      plans: [rebasePlan(base.plans[0], 'app/Zed', 'Zed'), base.plans[0]],
      links: base.links,
      suppressions: [suppress('SDR-WRITE-ORDER', 'app/Wan'), suppress('SDR-RPO-MARGIN', 'app/Zed/RuntimeData')],
    };
    const [zed, baw] = analyzeEstate(design);
    const unused = (findings: readonly { ruleId: string; path: string }[]) =>
      findings.filter((f) => f.ruleId === 'SDR-UNUSED-SUPPRESSION').map((f) => f.path);
    expect(unused(baw.findings)).toEqual(['app/Wan']);
    expect(unused(zed.findings)).toEqual(['app/Zed/RuntimeData']);
  });

  test('a link finding shared by two plans is suppressed in both by one suppression on the link', () => {
    const base = estate({}, { preservesWriteOrder: false });
    const design: EstateDecl = {
      plans: [base.plans[0], rebasePlan(base.plans[0], 'app/Other', 'Other')],
      links: [link({ preservesWriteOrder: false })],
      suppressions: [suppress('SDR-WRITE-ORDER', 'app/Wan')],
    };
    const analyses = analyzeEstate(design);
    expect(analyses.map((a) => a.findings.map((f) => [f.ruleId, f.suppression?.path]))).toEqual([
      [['SDR-WRITE-ORDER', 'app/Wan']],
      [['SDR-WRITE-ORDER', 'app/Wan']],
    ]);
  });
});

describe('suppressed findings in the plan document', () => {
  const document = (design: EstateDecl) => buildPlanDocument('app', analyzeEstate(design), design.links);

  test('a suppressed error no longer fails the verdict or counts, but stays in the findings with its reason', () => {
    expect(document(findingsDesign()).verdict).toBe('fail');
    const doc = document(
      findingsDesign([suppress('SDR-TRANLOG-LOCKING', 'app/Baw/Tranlogs', false, 'Locking is handled by GPFS leases, not by NFS.')]),
    );
    expect(planDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.verdict).toBe('pass');
    expect(doc.findingCounts).toEqual({ errors: 0, warnings: 1, infos: 0 });
    expect(doc.plans[0].verdict).toBe('pass');
    expect(doc.plans[0].findings[0]).toMatchObject({
      ruleId: 'SDR-TRANLOG-LOCKING',
      level: 'error',
      suppression: { path: 'app/Baw/Tranlogs', reason: 'Locking is handled by GPFS leases, not by NFS.' },
    });
    expect('suppression' in doc.plans[0].findings[1]).toBe(false);
  });

  test('dr-plan.md marks the suppressed finding, gives the reason and counts it apart', () => {
    const md = renderPlanMarkdown(document(findingsDesign([suppress('SDR-LOG-DATA-PLACEMENT', 'app/Baw/DatabaseLogs')])));
    expect(md).toContain('Verdict: **FAIL** (1 error(s), 0 warning(s), 0 note(s); 1 suppressed).');
    expect(md).toMatch(/\| warning \(suppressed\) \| SDR-LOG-DATA-PLACEMENT \| DatabaseLogs \| .* \*\*Suppressed\*\* on DatabaseLogs: The SAN team placed/);
    expect(renderPlanMarkdown(document(findingsDesign()))).not.toContain('suppressed');
  });

  test('a version 1 document (before suppressions) is still read; version 4 is not', () => {
    const { terraform: _terraform, ...doc } = document(findingsDesign());
    expect(planDocumentSchema.safeParse({ ...doc, schemaVersion: 1 }).success).toBe(true);
    expect(planDocumentSchema.safeParse({ ...doc, schemaVersion: 4 }).success).toBe(false);
    // Version 3 added the cdk.tf.json fingerprint, and requires it (null when none was written).
    expect(planDocumentSchema.safeParse({ ...doc, schemaVersion: 3 }).success).toBe(false);
    expect(planDocumentSchema.safeParse({ ...doc, schemaVersion: 3, terraform: null }).success).toBe(true);
  });
});
