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

describe('writeTextAtomically', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-atomic-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes every piece, across its one-megabyte buffer, in order', () => {
    const file = path.join(dir, 'big.txt');
    // 3,000 pieces of 1,000 characters: 3 MB, so the buffer is flushed more than once.
    const pieces = Array.from({ length: 3000 }, (_, i) => String(i % 10).repeat(1000));
    writeTextAtomically(file, (write) => pieces.forEach(write));
    expect(fs.readFileSync(file, 'utf8')).toBe(pieces.join(''));
  });

  it('leaves the earlier file as it was, and no temporary file, when producing the text fails half way', () => {
    const file = path.join(dir, 'dr-plan.json');
    fs.writeFileSync(file, 'the earlier plan');
    expect(() =>
      writeTextAtomically(file, (write) => {
        write('x'.repeat(2 << 20));
        throw new Error('the document could not be written');
      }),
    ).toThrow('the document could not be written');
    expect(fs.readFileSync(file, 'utf8')).toBe('the earlier plan');
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
