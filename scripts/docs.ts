// Regenerates the rules table in README.md from the rule catalog (npm run docs).
import { readFileSync, writeFileSync } from 'node:fs';
import { withRulesTable } from '../lib/rules/catalog-table';

writeFileSync('README.md', withRulesTable(readFileSync('README.md', 'utf8')));
