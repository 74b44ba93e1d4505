import { readFileSync } from 'fs';
import { join } from 'path';
import { withRulesTable } from '../../lib/rules/catalog-table';
import { cli } from '../cli/helpers';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('lists exactly the rules of the catalog (run `npm run docs` after changing a rule)', () => {
    expect(readme).toBe(withRulesTable(readme));
  });

  it('shows the two commands a newcomer runs after cloning', () => {
    expect(readme).toContain('npm install && npm run synth');
    expect(readme).toContain('npm test');
  });

  it('documents the command, its flags and exit codes as main() implements them', () => {
    expect(readme).toContain('npx cdktf-san-dr report --format text cdktf.out');
    expect(readme).toContain('npx cdktf-san-dr diff --fail-on error base/cdktf.out cdktf.out');
    expect(readme).toContain('**0** success, **1** the gate\nfailed, **2** a usage or input error');
    expect(cli('report', '--help').stdout).toContain('--format');
    expect(cli('diff', '--help').stdout).toContain('--fail-on <level>');
    expect(readme).toContain('DrSuppressions.add(plan, [');
    expect(readme).toContain('npm run proof:cdktn');
  });
});
