import type { PlanDocumentFinding } from '../plan/document';
import { CATALOG, type RuleInfo } from '../rules';
import type { FindingLevel } from '../rules/rule';
import type { CheckedStack } from './check';

/** SARIF's names for the finding levels. */
const SARIF_LEVEL: Record<FindingLevel, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

const INFORMATION_URI = 'https://www.npmjs.com/package/cdktf-san-dr';

/**
 * The plans' findings as a SARIF 2.1.0 log (one run, one rule per catalog entry with its help
 * text), for GitHub code scanning and other SARIF viewers. A finding's location is the stack's
 * dr-plan.md (the artifact a reviewer opens) and, as a logical location, its construct path.
 * Suppressed findings are reported with their suppression, as SARIF intends, so that viewers
 * hide them but keep the reason. Pure: the caller serializes it (JSON, so no further escaping).
 */
export function renderSarif(stacks: readonly CheckedStack[], toolVersion: string, rules: readonly RuleInfo[] = CATALOG): object {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = stacks.flatMap(({ document, planMarkdown }) =>
    document.plans.flatMap((plan) => plan.findings.map((finding) => result(finding, planMarkdown, ruleIndex))),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdktf-san-dr',
            version: toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: ruleName(rule.id),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.rationale },
              help: {
                text: `${rule.rationale}\n\nFix: ${rule.fix}\n\n${suppressibility(rule)}`,
                markdown: `${rule.rationale}\n\n**Fix:** ${rule.fix}\n\n${suppressibility(rule)}`,
              },
              defaultConfiguration: { level: SARIF_LEVEL[rule.level] },
              properties: { suppressible: rule.suppressible, tags: ['disaster-recovery'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function result(finding: PlanDocumentFinding, planMarkdown: string, ruleIndex: ReadonlyMap<string, number>): object {
  const index = ruleIndex.get(finding.ruleId);
  return {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: SARIF_LEVEL[finding.level],
    message: { text: `${finding.message} Fix: ${finding.fix}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: planMarkdown }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: finding.path, kind: 'resource' }],
      },
    ],
    // Stable across runs, so code scanning tracks one finding rather than a new one each time.
    partialFingerprints: { 'cdktfSanDr/v1': `${finding.ruleId}:${finding.path}` },
    ...(finding.suppression
      ? { suppressions: [{ kind: 'inSource', state: 'accepted', justification: `${finding.suppression.reason} (on ${finding.suppression.path})` }] }
      : {}),
  };
}

/** `SDR-RPO-BUDGET` → `RpoBudget`: SARIF's rule name is an identifier-like label. */
function ruleName(id: string): string {
  return id
    .replace(/^SDR-/, '')
    .toLowerCase()
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function suppressibility(rule: RuleInfo): string {
  return rule.suppressible
    ? 'A finding of this rule may be suppressed with DrSuppressions.add and a reason.'
    : 'A finding of this rule cannot be suppressed.';
}
