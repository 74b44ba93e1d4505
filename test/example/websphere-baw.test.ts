import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { planDocumentSchema } from '../../lib';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';

function synthesize(interval?: string): string {
  const stack = new WebSphereBawStack(Testing.app(), 'websphere-baw', { interval });
  return path.join(Testing.fullSynth(stack), 'stacks', 'websphere-baw');
}

describe('examples/websphere-baw', () => {
  const dir = synthesize();
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  // Reviewed snapshots: a change to the plan's wording, numbers or steps shows up here first.
  it('renders the reviewed dr-plan.md', () => {
    expect(read('dr-plan.md')).toMatchSnapshot();
  });

  it('writes the reviewed dr-plan.json, valid against its own schema', () => {
    const document = JSON.parse(read('dr-plan.json'));
    expect(planDocumentSchema.safeParse(document).success).toBe(true);
    expect(document).toMatchSnapshot();
  });

  it('meets its 30-minute RPO at a 15-minute interval', () => {
    const [budget] = planDocumentSchema.parse(JSON.parse(read('dr-plan.json'))).plans[0].rpoBudgets;
    // 900 s + 60 s + 1 GiB / 11,625,000 B/s (92.365 s) = 1052.365 s.
    expect(budget.worstCaseSeconds).toBe(1052.365);
    expect(budget.verdict).toBe('meets');
  });

  it('fails synthesis at 27 minutes, although interval + snapshot (28m) fit in the RPO', () => {
    expect(() => synthesize('27m')).toThrow(
      // 27m + 1m + 2m 46.3s = 30m 46.3s; longest interval 26m 18s; 139 Mbps needed (see test/analysis/rpo.test.ts).
      /SDR-RPO-BUDGET.*worst case 30m 46\.3s = interval 27m \+ snapshot 1m \+ transfer 2m 46\.3s.*at most 26m 18s.*at least 139 Mbps/s,
    );
  });
});
