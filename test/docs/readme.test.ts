import { readFileSync } from 'fs';
import { join } from 'path';
import { withRulesTable } from '../../lib/rules/catalog-table';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('lists exactly the rules of the catalog (run `npm run docs` after changing a rule)', () => {
    expect(readme).toBe(withRulesTable(readme));
  });

  it('shows the two commands a newcomer runs after cloning', () => {
    expect(readme).toContain('npm install && npm run synth');
    expect(readme).toContain('npm test');
  });
});
