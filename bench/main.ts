/**
 * `npm run bench`: synthesis at estate scale, this library side by side with bare cdktf.
 *
 * Every measurement runs in a fresh `node` process on the JavaScript that `tsc -p
 * tsconfig.bench.json` compiled into .bench-out (no tsx, no source maps: both would distort
 * cdktf's stack-trace capture, which dominates its cost). For each estate size, the two sides
 * alternate, `--runs` times each, and the table shows the medians.
 *
 *   npm run bench                 # 1,000 / 3,000 / 10,000 volume pairs, 3 runs each, + analysis
 *                                 # + a week of one-second change samples + npm run synth
 *   npm run bench -- --quick      # small sizes, 1 run: a smoke test of the benchmark itself
 *   npm run bench -- --runs 5 --sizes 10x100,100x100 --no-synth
 *   npm run bench -- --aspect     # also bare cdktf declared from an aspect (see synth-child.ts)
 *   npm run bench -- --series     # only the week of one-second change samples (5 runs, medians)
 *   npm run bench -- --large      # ours only, one App of 1, 3 and 10 stacks of 10,000 pairs each
 *                                 # (100,000 pairs at the end; several minutes): linear, under 8 GiB?
 *   npm run bench -- --large --stacks 1,10 --runs 1
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { linkCount, volumePairs, type EstateSize } from './estate';
import { writeSeriesCsv } from './profile-child';
import type { ChildResult, Side } from './synth-child';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};

const quick = flag('quick');
const runs = Number(option('runs') ?? (quick ? 1 : 3));
const sizes: EstateSize[] = (option('sizes') ?? (quick ? '2x50,6x50' : flag('large') ? '100x100' : '10x100,30x100,100x100')).split(',').map((text) => {
  const [plans, volumesPerPlan] = text.split('x').map(Number);
  if (!(plans > 0 && volumesPerPlan >= 3)) throw new Error(`--sizes: expected PLANSxVOLUMES such as 100x100, got ${text}`);
  return { plans, volumesPerPlan };
});
const seriesOnly = flag('series');
const withSynth = !flag('no-synth') && !quick && !seriesOnly;
/** The target for loading and analysing a week of one-second samples: "well under a second". */
const SERIES_TARGET_MS = 1000;
const sides: Side[] = flag('aspect') ? ['ours', 'bare', 'bare-aspect'] : ['ours', 'bare'];
const childDir = __dirname;
const repo = path.resolve(__dirname, '..', '..');
const env = { ...process.env, CHECKPOINT_DISABLE: '1' };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function runChild(side: Side, size: EstateSize, out: string, stacks = 1): ChildResult {
  const result = spawnSync(
    process.execPath,
    [path.join(childDir, 'synth-child.js'), '--side', side, '--plans', String(size.plans), '--volumes', String(size.volumesPerPlan), '--stacks', String(stacks), '--out', out],
    { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`${side} child failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as ChildResult;
}

interface Shape {
  resources: number;
  dependsOn: number;
  provisioners: number;
}

/** What both sides must have written alike: the count of resources, dependencies and commands. */
function shapeOf(out: string): Shape {
  const tf = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'estate', 'cdk.tf.json'), 'utf8'));
  const resources = Object.values(tf.resource?.null_resource ?? {}) as { depends_on?: string[]; provisioner?: unknown[] }[];
  return {
    resources: resources.length,
    dependsOn: resources.reduce((n, r) => n + (r.depends_on?.length ?? 0), 0),
    provisioners: resources.reduce((n, r) => n + (r.provisioner?.length ?? 0), 0),
  };
}

const fmtInt = (n: number) => n.toLocaleString('en-US');
const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fmtMiB = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const fmtRatio = (r: number) => r.toFixed(2);

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model ?? 'unknown CPU';
  return `${cpus.length} x ${model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function main(): void {
  if (seriesOnly) {
    console.log(`cdktf-san-dr benchmark, measured series only; ${machine()}`);
    series();
    return;
  }
  console.log(`cdktf-san-dr benchmark: ${runs} run(s) per side and size, medians; ${machine()}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-bench-'));
  const rows: string[][] = [];
  const aspectRows: string[][] = [];
  const medians: { pairs: number; ours: number; bare: number; oursCpu: number; bareCpu: number }[] = [];
  try {
    for (const size of sizes) {
      const samples: Record<Side, ChildResult[]> = { ours: [], bare: [], 'bare-aspect': [] };
      let shape: Shape | undefined;
      for (let run = 0; run < runs; run++) {
        for (const side of sides) {
          const out = path.join(work, `${side}-${size.plans}x${size.volumesPerPlan}-${run}`);
          const result = runChild(side, size, out);
          samples[side].push(result);
          if (run === 0) {
            const sideShape = shapeOf(out);
            if (side === 'ours') {
              shape = sideShape;
              if (!fs.existsSync(path.join(out, 'stacks', 'estate', 'dr-plan.md'))) throw new Error('ours: no dr-plan.md written');
            } else if (JSON.stringify(sideShape) !== JSON.stringify(shape)) {
              throw new Error(`the sides differ: ours ${JSON.stringify(shape)}, ${side} ${JSON.stringify(sideShape)}`);
            }
          }
          fs.rmSync(out, { recursive: true, force: true });
          process.stderr.write(
            `  ${fmtInt(volumePairs(size))} pairs, run ${run + 1}/${runs}, ${side}: ${fmtS(result.totalMs)} (synth ${fmtS(result.synthMs)}, CPU ${fmtS(result.cpuMs)}), ${fmtMiB(result.maxRssBytes)}, load ${os.loadavg()[0].toFixed(1)}\n`,
          );
        }
      }
      const m = (side: Side, key: 'totalMs' | 'synthMs' | 'cpuMs' | 'maxRssBytes') => median(samples[side].map((s) => s[key]));
      medians.push({
        pairs: volumePairs(size),
        ours: m('ours', 'totalMs'),
        bare: m('bare', 'totalMs'),
        oursCpu: m('ours', 'cpuMs'),
        bareCpu: m('bare', 'cpuMs'),
      });
      rows.push([
        fmtInt(volumePairs(size)),
        `${size.plans} x ${size.volumesPerPlan}, ${linkCount(size)} link(s)`,
        fmtInt(shape!.resources),
        fmtS(m('ours', 'totalMs')),
        fmtS(m('bare', 'totalMs')),
        fmtRatio(m('ours', 'totalMs') / m('bare', 'totalMs')),
        fmtS(m('ours', 'cpuMs')),
        fmtS(m('bare', 'cpuMs')),
        fmtRatio(m('ours', 'cpuMs') / m('bare', 'cpuMs')),
        fmtMiB(m('ours', 'maxRssBytes')),
        fmtMiB(m('bare', 'maxRssBytes')),
        fmtRatio(m('ours', 'maxRssBytes') / m('bare', 'maxRssBytes')),
      ]);
      if (sides.includes('bare-aspect')) {
        aspectRows.push([
          fmtInt(volumePairs(size)),
          fmtS(m('bare-aspect', 'totalMs')),
          fmtRatio(m('ours', 'totalMs') / m('bare-aspect', 'totalMs')),
          fmtS(m('bare-aspect', 'cpuMs')),
          fmtRatio(m('ours', 'cpuMs') / m('bare-aspect', 'cpuMs')),
          fmtMiB(m('bare-aspect', 'maxRssBytes')),
          fmtRatio(m('ours', 'maxRssBytes') / m('bare-aspect', 'maxRssBytes')),
        ]);
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  console.log(
    '\nSynthesis, medians. Time: wall clock from process start to the end of app.synth(). CPU: user + system time of\n' +
      `the process (all threads) over the same span. Peak RSS of the process. Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}.\n`,
  );
  console.log(
    table(
      ['Volume pairs', 'Plans x volumes', 'null_resources', 'Ours', 'Bare cdktf', 'Time ratio', 'Ours CPU', 'Bare CPU', 'CPU ratio', 'Ours peak RSS', 'Bare peak RSS', 'Memory ratio'],
      rows,
    ),
  );
  if (aspectRows.length > 0) {
    console.log(
      '\nAgainst bare cdktf whose resources a stack aspect creates (cdktf then skips its preparing resolve of\n' +
        'them, see bench/synth-child.ts), as this library did before it hooked prepareStack().\n',
    );
    console.log(
      table(['Volume pairs', 'Bare (aspect)', 'Time ratio', 'Bare (aspect) CPU', 'CPU ratio', 'Bare (aspect) peak RSS', 'Memory ratio'], aspectRows),
    );
  }
  if (medians.length > 1) {
    const first = medians[0];
    const last = medians[medians.length - 1];
    console.log(
      `\nScaling from ${fmtInt(first.pairs)} to ${fmtInt(last.pairs)} pairs (${fmtRatio(last.pairs / first.pairs)}x): ` +
        `time ours ${fmtRatio(last.ours / first.ours)}x, bare ${fmtRatio(last.bare / first.bare)}x; ` +
        `CPU ours ${fmtRatio(last.oursCpu / first.oursCpu)}x, bare ${fmtRatio(last.bareCpu / first.bareCpu)}x.`,
    );
  }

  const analysis = spawnSync(process.execPath, [path.join(childDir, 'analysis-child.js')], { env, encoding: 'utf8' });
  if (analysis.status !== 0) throw new Error(`analysis child failed:\n${analysis.stderr}`);
  const a = JSON.parse(analysis.stdout.trim());
  console.log(
    `\nPure analysis, 1,000 schedules sharing 10 links (fresh process; warm = median of 9):\n` +
      `  RPO budgets:      ${a.coldBudgetsMs.toFixed(1)} ms cold, ${a.budgetsMs.toFixed(1)} ms warm\n` +
      `  whole analysis:   ${a.coldAnalysisMs.toFixed(1)} ms cold, ${a.analysisMs.toFixed(1)} ms warm (budgets, deployment steps and rules of 1,000 plans)`,
  );

  series();

  if (withSynth) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      execFileSync('npm', ['run', 'synth', '--silent'], { cwd: repo, env, stdio: 'ignore' });
      times.push(performance.now() - start);
    }
    console.log(`\n\`npm run synth\` of the examples, end to end (cdktf CLI + tsx): median ${fmtS(median(times))} of ${runs}`);
  }
}

/**
 * --large: one App of several stacks, each an estate of the first --sizes entry (100 x 100 by
 * default), ours only (bare cdktf would take many minutes at 100,000 pairs, and its ratio is the
 * table above). Every stack must have its cdk.tf.json and its three plan files.
 */
function large(): void {
  const size = sizes[0];
  const stackCounts = (option('stacks') ?? '1,3,10').split(',').map(Number);
  const largeRuns = Number(option('runs') ?? 1);
  console.log(`cdktf-san-dr benchmark, --large: ${largeRuns} run(s) per size, medians; ${machine()}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-bench-large-'));
  const rows: { pairs: number; stacks: number; totalMs: number; cpuMs: number; rss: number; megabytes: number }[] = [];
  try {
    for (const stacks of stackCounts) {
      const samples: ChildResult[] = [];
      let megabytes = 0;
      for (let run = 0; run < largeRuns; run++) {
        const out = path.join(work, `large-${stacks}-${run}`);
        const result = runChild('ours', size, out, stacks);
        const directories = fs.readdirSync(path.join(out, 'stacks'));
        if (directories.length !== stacks) throw new Error(`--large: ${stacks} stacks declared, ${directories.length} written`);
        megabytes = 0;
        for (const directory of directories) {
          for (const file of ['cdk.tf.json', 'dr-plan.json', 'dr-plan.md', 'dr-runbook.md']) {
            const stat = fs.statSync(path.join(out, 'stacks', directory, file), { throwIfNoEntry: false });
            if (!stat) throw new Error(`--large: stack ${directory} has no ${file}`);
            megabytes += stat.size / 1e6;
          }
        }
        fs.rmSync(out, { recursive: true, force: true });
        samples.push(result);
        process.stderr.write(
          `  ${fmtInt(volumePairs(size) * stacks)} pairs in ${stacks} stack(s), run ${run + 1}/${largeRuns}: ${fmtS(result.totalMs)} (CPU ${fmtS(result.cpuMs)}), ${fmtMiB(result.maxRssBytes)}, load ${os.loadavg()[0].toFixed(1)}\n`,
        );
      }
      rows.push({
        pairs: volumePairs(size) * stacks,
        stacks,
        totalMs: median(samples.map((s) => s.totalMs)),
        cpuMs: median(samples.map((s) => s.cpuMs)),
        rss: median(samples.map((s) => s.maxRssBytes)),
        megabytes,
      });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nOne App, stacks of ${size.plans} x ${size.volumesPerPlan}, ours only. Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}.\n`);
  console.log(
    table(
      ['Volume pairs', 'Stacks', 'Files written', 'Time', 'CPU', 'Peak RSS', 'Time per 1,000 pairs', 'CPU per 1,000 pairs', 'Peak RSS per 1,000 pairs', 'Under 8 GiB'],
      rows.map((r) => [
        fmtInt(r.pairs),
        String(r.stacks),
        `${Math.round(r.megabytes)} MB`,
        fmtS(r.totalMs),
        fmtS(r.cpuMs),
        fmtMiB(r.rss),
        fmtS((r.totalMs / r.pairs) * 1000),
        fmtS((r.cpuMs / r.pairs) * 1000),
        fmtMiB((r.rss / r.pairs) * 1000),
        r.rss < 8 * 2 ** 30 ? 'yes' : '**no**',
      ]),
    ),
  );
  if (rows.length > 1) {
    const first = rows[0];
    const last = rows[rows.length - 1];
    console.log(
      `\nScaling from ${fmtInt(first.pairs)} to ${fmtInt(last.pairs)} pairs (${fmtRatio(last.pairs / first.pairs)}x): ` +
        `time ${fmtRatio(last.totalMs / first.totalMs)}x, CPU ${fmtRatio(last.cpuMs / first.cpuMs)}x, peak RSS ${fmtRatio(last.rss / first.rss)}x.`,
    );
  }
}

interface SeriesRun {
  rows: number;
  megabytes: number;
  loadMs: number;
  loadCpuMs: number;
  analyseMs: number;
  analyseCpuMs: number;
}

/**
 * A week of one-second change samples, loaded and analysed: each run a fresh process, and the
 * medians of at least five, since other work on a shared machine moves single runs by half.
 */
function series(): void {
  const count = quick ? 1 : Math.max(runs, 5);
  const results: SeriesRun[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-bench-series-'));
  const loadBefore = os.loadavg()[0];
  try {
    const file = path.join(dir, 'week.csv');
    writeSeriesCsv(file);
    for (let run = 0; run < count; run++) {
      const child = spawnSync(process.execPath, [path.join(childDir, 'profile-child.js'), '--file', file], { env, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`profile child failed:\n${child.stderr}`);
      results.push(JSON.parse(child.stdout.trim()) as SeriesRun);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = os.loadavg()[0];
  const m = (pick: (r: SeriesRun) => number) => median(results.map(pick));
  const total = m((r) => r.loadMs + r.analyseMs);
  const totalCpu = m((r) => r.loadCpuMs + r.analyseCpuMs);
  const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
  const { rows, megabytes } = results[0];
  console.log(
    `\nA measured series, ${rows.toLocaleString('en-US')} one-second rows (a week, ${megabytes.toFixed(1)} MB of CSV), ` +
      `median of ${count} fresh processes, load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after:\n` +
      `  load     ChangeRate.fromCsv  ${ms(m((r) => r.loadMs))} wall, ${ms(m((r) => r.loadCpuMs))} CPU  (read, Papa Parse, validation, rates)\n` +
      `  analyse  RPO budget          ${ms(m((r) => r.analyseMs))} wall, ${ms(m((r) => r.analyseCpuMs))} CPU  (busiest window, longest interval, line rate, summary)\n` +
      `  total                        ${ms(total)} wall, ${ms(totalCpu)} CPU  against the target, well under ${SERIES_TARGET_MS} ms ` +
      `(taken as at most half): ${(total / SERIES_TARGET_MS).toFixed(2)} of it, ${total <= SERIES_TARGET_MS / 2 ? 'met' : 'NOT MET'}\n` +
      `  each run (load + analyse, wall): ${results.map((r) => (r.loadMs + r.analyseMs).toFixed(0)).join(', ')} ms`,
  );
}

if (flag('large')) large();
else main();
