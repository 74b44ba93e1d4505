import { RULES } from '.';
import type { Rule } from './rule';

export const RULES_TABLE_START = '<!-- rules:start (generated from lib/rules by `npm run docs`) -->';
export const RULES_TABLE_END = '<!-- rules:end -->';

/** The README's rules table, generated so that it cannot drift from the catalog. */
export function renderRulesTable(rules: readonly Rule[] = RULES): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| ID | Level | What it catches | Why |',
    '| --- | --- | --- | --- |',
    ...rules.map((rule) => `| \`${rule.id}\` | ${rule.level} | ${cell(rule.title)} | ${cell(rule.rationale)} |`),
  ].join('\n');
}

/** Replaces the generated section between the markers of a README. */
export function withRulesTable(readme: string, rules: readonly Rule[] = RULES): string {
  const start = readme.indexOf(RULES_TABLE_START);
  const end = readme.indexOf(RULES_TABLE_END);
  if (start < 0 || end < start) throw new Error('README has no rules table markers');
  return `${readme.slice(0, start + RULES_TABLE_START.length)}\n${renderRulesTable(rules)}\n${readme.slice(end)}`;
}
