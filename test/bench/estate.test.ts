import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { declareBareEstate } from '../../bench/bare';
import { declareEstate, linkCount, volumePairs } from '../../bench/estate';

/** The benchmark compares like with like only if both sides write the same Terraform. */
describe('benchmark estate', () => {
  const size = { plans: 11, volumesPerPlan: 4 };
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-bench-test-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function synth(side: 'ours' | 'bare') {
    const app = new App({ outdir: path.join(dir, side) });
    const stack = new TerraformStack(app, 'estate');
    const plans = side === 'ours' ? declareEstate(stack, size) : (declareBareEstate(stack, size), []);
    app.synth();
    const tf = JSON.parse(fs.readFileSync(path.join(dir, side, 'stacks', 'estate', 'cdk.tf.json'), 'utf8'));
    return { plans, resources: tf.resource.null_resource as Record<string, Record<string, unknown>> };
  }

  it('declares the requested size, with shared links, and passes every rule without a finding', () => {
    const { plans } = synth('ours');
    expect(plans).toHaveLength(11);
    expect(volumePairs(size)).toBe(44);
    expect(linkCount(size)).toBe(2);
    const analyses = plans.map((plan) => plan.analysis());
    expect(analyses.flatMap((a) => a.plan.volumes)).toHaveLength(44);
    expect(analyses.flatMap((a) => a.findings)).toEqual([]);
    expect(analyses.map((a) => a.budgets[0].linkSharedBy)).toEqual([...Array(10).fill(10), 1]);
  });

  it('writes the same null_resources in bare cdktf: ids, triggers, depends_on (in any order) and provisioners', () => {
    const comparable = (resources: Record<string, Record<string, unknown>>) =>
      Object.fromEntries(
        Object.entries(resources).map(([key, { triggers, depends_on, provisioner }]) => [
          key,
          { triggers, depends_on: [...((depends_on as string[] | undefined) ?? [])].sort(), provisioner },
        ]),
      );
    const ours = comparable(synth('ours').resources);
    const bare = comparable(synth('bare').resources);
    expect(Object.keys(ours)).toHaveLength(11 * (5 * 4 + 9));
    expect(bare).toEqual(ours);
  });
});
