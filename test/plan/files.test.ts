import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeEstate } from '../../lib/estate';
import { buildPlanDocument, type PlanDocument } from '../../lib/plan/document';
import { writePlanJson, writeTextAtomically } from '../../lib/plan/files';
import { estate, plan } from '../fixtures/estate';

/** dr-plan.json is written plan by plan; it must stay byte for byte what JSON.stringify writes. */
describe('writePlanJson', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-files-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const written = (document: PlanDocument) => {
    const file = path.join(dir, 'dr-plan.json');
    writeTextAtomically(file, (write) => writePlanJson(document, write));
    return fs.readFileSync(file, 'utf8');
  };

  it('writes JSON.stringify(document, null, 2) and a newline', () => {
    const design = estate();
    const twoPlans = { ...design, plans: [...design.plans, plan({ id: 'app/Other', name: 'Other\nwith a "newline"' })] };
    for (const declared of [design, twoPlans]) {
      const document = buildPlanDocument('app', analyzeEstate(declared), declared.links);
      expect(written(document)).toBe(`${JSON.stringify(document, null, 2)}\n`);
    }
  });

  it('writes empty lists as JSON.stringify does', () => {
    const document = buildPlanDocument('empty', [], []);
    expect(document.plans).toEqual([]);
    expect(written(document)).toBe(`${JSON.stringify(document, null, 2)}\n`);
  });
});
