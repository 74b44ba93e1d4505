// Runs after `cdktf synth` (npm run synth): says where each stack's plan was written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const stacks = join('cdktf.out', 'stacks');
const found = existsSync(stacks) ? readdirSync(stacks).sort() : [];
let plans = 0;
for (const stack of found) {
  const json = join(stacks, stack, 'dr-plan.json');
  if (!existsSync(json)) continue;
  plans += 1;
  const { verdict, findingCounts } = JSON.parse(readFileSync(json, 'utf8'));
  console.log(
    `${stack}: ${verdict} (${findingCounts.errors} errors, ${findingCounts.warnings} warnings)\n` +
      `  plan for review: ${join(stacks, stack, 'dr-plan.md')}\n` +
      `  plan as data:    ${json}\n` +
      `  runbook:         ${join(stacks, stack, 'dr-runbook.md')}\n` +
      `  terraform:       ${join(stacks, stack, 'cdk.tf.json')}`,
  );
}
if (plans === 0) {
  console.error('No dr-plan.json under cdktf.out/stacks: did synthesis fail?');
  process.exit(1);
}
