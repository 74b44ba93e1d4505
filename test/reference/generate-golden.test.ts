jest.mock('../../lib/constructs/step-resources', () => require('../reference/byte-identity').switchedStepResources());

import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { declareEstate as declareBenchEstate } from '../../bench/estate';
import { Db2SplitMirrorStack } from '../../examples/db2-split-mirror/stack';
import { declareEstate as declareExampleEstate } from '../../examples/estate/stacks';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import { synthBothWays } from './byte-identity';

// One-off: writes the reference (construct-per-step) cdk.tf.json of each case as a golden fixture.
const golden = path.join(__dirname, '..', 'fixtures', 'golden');
const cwd = JSON.stringify(`${process.cwd()}${path.sep}`).slice(1, -1);

it.each([
  ['examples', (outdir: string) => {
    const app = new App({ outdir });
    new WebSphereBawStack(app, 'websphere-baw');
    new Db2SplitMirrorStack(app, 'db2-split-mirror');
    declareExampleEstate(app);
    app.synth();
  }],
  ['bench-estate', (outdir: string) => {
    const app = new App({ outdir });
    declareBenchEstate(new TerraformStack(app, 'estate'), { plans: 2, volumesPerPlan: 3 });
    app.synth();
  }],
])('%s', (name, program) => {
  const { reference, library } = synthBothWays(program);
  for (const [file, bytes] of reference) {
    if (!file.endsWith('cdk.tf.json')) continue;
    expect(library.get(file)!.equals(bytes)).toBe(true);
    const stack = path.basename(path.dirname(file));
    fs.mkdirSync(path.join(golden, name), { recursive: true });
    fs.writeFileSync(path.join(golden, name, `${stack}.cdk.tf.json`), bytes.toString('utf8').split(cwd).join(''));
  }
});
