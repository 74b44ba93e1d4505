/**
 * One measurement, in a fresh process: declare the estate (ours or bare cdktf), synthesize it
 * with app.synth() into --out, and print one JSON line with the time since the process started
 * (node start-up and module loading included, the same for both sides) and the peak RSS.
 *
 *   node .bench-out/bench/synth-child.js --side ours|bare|bare-aspect --plans 100 --volumes 100 --out DIR
 *   node .bench-out/bench/synth-child.js --side ours --plans 100 --volumes 100 --stacks 10 --out DIR
 *
 * --stacks N (ours only) declares N stacks of that size in one App: `estate`, `estate-01`, ...
 *
 * bare-aspect declares the bare resources from a stack aspect, as this library did before it
 * hooked prepareStack(). cdktf's App.synth() runs its preparing resolve (prepareStack) over the
 * stack before it invokes the aspects, so resources an aspect creates skip that pass and are
 * resolved in one go later, which raises the peak memory (README "Performance").
 */
import { App, Aspects, TerraformStack } from 'cdktf';
import { performance } from 'perf_hooks';
import { declareBareEstate } from './bare';
import { declareEstate, stackName } from './estate';

export interface ChildResult {
  readonly side: Side;
  /** Milliseconds from process start to the end of app.synth(). */
  readonly totalMs: number;
  /** Milliseconds spent declaring constructs and synthesizing (module loading excluded). */
  readonly synthMs: number;
  /**
   * CPU time of the process (user + system, all threads) from start to the end of app.synth():
   * less sensitive than wall time to other load on the machine.
   */
  readonly cpuMs: number;
  /** Peak resident set size, bytes. */
  readonly maxRssBytes: number;
}

function arg(name: string): string {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0 || at + 1 >= process.argv.length) throw new Error(`missing --${name}`);
  return process.argv[at + 1];
}

export type Side = 'ours' | 'bare' | 'bare-aspect';
const side = arg('side') as Side;
if (!['ours', 'bare', 'bare-aspect'].includes(side)) throw new Error(`--side must be ours, bare or bare-aspect, got ${side}`);
const size = { plans: Number(arg('plans')), volumesPerPlan: Number(arg('volumes')) };
const stacks = process.argv.includes('--stacks') ? Number(arg('stacks')) : 1;
if (!(Number.isInteger(stacks) && stacks >= 1) || (stacks > 1 && side !== 'ours')) throw new Error(`--stacks: a positive integer, and only for --side ours; got ${stacks}`);
const start = performance.now();
const app = new App({ outdir: arg('out') });
const stack = new TerraformStack(app, 'estate');
// Further stacks (bench --large) hold further plans of the same size, numbered on.
for (let n = 1; n < stacks; n++) declareEstate(new TerraformStack(app, stackName(n)), size, n * size.plans);
if (side === 'ours') declareEstate(stack, size);
else if (side === 'bare') declareBareEstate(stack, size);
else Aspects.of(stack).add({ visit: (node) => (node === stack ? declareBareEstate(stack, size) : undefined) });
app.synth();
const end = performance.now();
const cpu = process.cpuUsage();
const result: ChildResult = {
  side,
  totalMs: end,
  synthMs: end - start,
  cpuMs: (cpu.user + cpu.system) / 1000,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
