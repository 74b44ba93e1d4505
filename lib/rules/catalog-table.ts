import { CATALOG } from '.';
import type { RuleInfo } from './rule';

export const RULES_TABLE_START = '<!-- rules:start (generated from lib/rules by `npm run docs`) -->';
export const RULES_TABLE_END = '<!-- rules:end -->';

/** The README's rules table, generated so that it cannot drift from the catalog. */
export function renderRulesTable(rules: readonly RuleInfo[] = CATALOG): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| ID | Level | Suppressible | What it catches | Why | Fix |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rules.map(
      (rule) =>
        `| \`${rule.id}\` | ${rule.level} | ${rule.suppressible ? 'yes' : 'no'} | ${cell(rule.title)} | ` +
        `${cell(rule.rationale)} | ${cell(rule.fix)} |`,
    ),
  ].join('\n');
}

/** Replaces the generated section between the markers of a README. */
export function withRulesTable(readme: string, rules: readonly RuleInfo[] = CATALOG): string {
  const start = readme.indexOf(RULES_TABLE_START);
  const end = readme.indexOf(RULES_TABLE_END);
  if (start < 0 || end < start) throw new Error('README has no rules table markers');
  return `${readme.slice(0, start + RULES_TABLE_START.length)}\n${renderRulesTable(rules)}\n${readme.slice(end)}`;
}
