import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { validateWorkflow } from '@action-validator/core';
import { App } from 'cdktf';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import { tempDir } from '../cli/helpers';

/**
 * examples/github-actions/dr-plan.yml cannot run here (no GitHub), so this validates it against
 * SchemaStore's workflow schema (@action-validator/core), reads it with the YAML parser jest
 * already installs (js-yaml, not a dependency of ours), runs its diff and gate steps with bash
 * on real synth output, and runs its comment script against a fake GitHub client.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { safeLoad?: (text: string) => unknown; load: (text: string) => unknown };

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  'continue-on-error'?: boolean;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const text = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'github-actions', 'dr-plan.yml'), 'utf8');
const workflow = (yaml.safeLoad ?? yaml.load)(text) as Workflow;
const steps = workflow.jobs['dr-plan'].steps;
const step = (name: string) => {
  const found = steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step "${name}"`);
  return found;
};

describe('examples/github-actions/dr-plan.yml', () => {
  test('is a valid GitHub workflow (SchemaStore schema, through @action-validator/core)', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
    // The validator does catch a broken workflow.
    expect(validateWorkflow(text.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest')).errors.length).toBeGreaterThan(0);
  });

  test('runs on pull requests, may write pull-request comments and nothing else', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  test('checks out base and head without persisting credentials, on current action majors and the current Node LTS', () => {
    expect(steps.filter((s) => s.uses?.startsWith('actions/checkout')).map((s) => [s.uses, s.with])).toEqual([
      ['actions/checkout@v6', { path: 'head', 'persist-credentials': false }],
      ['actions/checkout@v6', { ref: '${{ github.event.pull_request.base.sha }}', path: 'base', 'persist-credentials': false }],
    ]);
    expect(steps.filter((s) => s.uses).map((s) => s.uses)).toEqual([
      'actions/checkout@v6',
      'actions/checkout@v6',
      'actions/setup-node@v6',
      'actions/github-script@v9',
    ]);
    expect(step('Set up Node.js (current LTS)').with!['node-version']).toBe('lts/*');
  });

  test('synthesizes base and head into clean output folders; a failing design does not stop the review', () => {
    for (const name of ['Synthesize the base commit', 'Synthesize the pull request']) {
      const synth = step(name);
      expect(synth.run).toMatch(/^rm -rf "\$OUT"\nmkdir -p "\$OUT"\n/);
      expect(synth.run).toContain('npx cdktf synth --output "$OUT"');
      expect(synth['continue-on-error']).toBe(true);
    }
  });

  test('comments only when the plan changed and the token may write (not from forks), never failing the job for it', () => {
    const comment = step('Post or update the comment');
    expect(comment.if).toBe("steps.diff.outputs.changed == 'true' && github.event.pull_request.head.repo.full_name == github.repository");
    expect(comment['continue-on-error']).toBe(true);
  });

  test('the gate is check --format github on the pull request\'s plan', () => {
    expect(step('Gate on the pull request\'s plan').run).toBe('"$SDR" check --format github head');
    expect(steps.at(-1)!.name).toBe("Gate on the pull request's plan");
  });

  test('every run block is valid bash', () => {
    const runs = steps.filter((s) => s.run);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const { name, run } of runs) {
      const check = spawnSync('bash', ['-n', '-c', run!], { encoding: 'utf8' });
      expect([name, check.status, check.stderr]).toEqual([name, 0, '']);
    }
  });

  describe('the diff and gate steps, run as the runner runs them on real synth output', () => {
    const ROOT = path.join(__dirname, '..', '..');
    /** The cdktf-san-dr command, from source (the workflow calls the installed one by $SDR). */
    function sdrCommand(dir: string): string {
      const file = path.join(dir, 'cdktf-san-dr');
      fs.writeFileSync(file, `#!/bin/sh\nexec "${path.join(ROOT, 'node_modules/.bin/tsx')}" "${path.join(ROOT, 'lib/cli/bin.ts')}" "$@"\n`, { mode: 0o755 });
      return file;
    }

    function synthInto(outdir: string, interval: string): void {
      const app = new App({ outdir, stackTraces: false });
      new WebSphereBawStack(app, 'websphere-baw', { interval });
      try {
        app.synth();
      } catch {
        // A failing design still writes its plan.
      }
    }

    /** Runs a step's script with bash -eo pipefail in `dr` (the workflow's runner.temp/dr). */
    function runStep(name: string, dr: string) {
      const tools = tempDir();
      const [output, summary] = [path.join(tools, 'output'), path.join(tools, 'summary')];
      fs.writeFileSync(output, '');
      fs.writeFileSync(summary, '');
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step(name).run!], {
        cwd: dr,
        encoding: 'utf8',
        env: { ...process.env, SDR: sdrCommand(tools), GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: 60_000,
      });
      return { result, output: fs.readFileSync(output, 'utf8'), summary: fs.readFileSync(summary, 'utf8') };
    }

    function expectClean(markdown: string, dr: string): void {
      expect(markdown).not.toMatch(/\x1b\[/); // no ANSI escape codes
      expect(markdown).not.toContain(dr); // no runner paths
      expect(markdown).not.toContain(os.tmpdir());
      expect(markdown).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m); // no stack trace
    }

    test('15m → 27m: summary and comment show the verdict change, then its cause; the gate fails with an ::error annotation', () => {
      const dr = tempDir();
      synthInto(path.join(dr, 'base'), '15m');
      synthInto(path.join(dr, 'head'), '27m');
      const { result, output, summary } = runStep('Diff the plans', dr);
      expect([result.status, result.stderr]).toEqual([0, '']);
      expect(output).toBe('changed=true\n');
      expect(summary).toContain('### RPO verdict changes (1)');
      expect(summary).toContain('  - caused by: interval of schedule RuntimeData: 15m → 27m');
      expect(summary).toContain('Comparing `base` (before) with `head` (after).');
      const comment = fs.readFileSync(path.join(dr, 'comment-with-marker.md'), 'utf8');
      expect(comment).toBe(`<!-- cdktf-san-dr -->\n${summary}`);
      expectClean(comment, dr);

      const gate = runStep("Gate on the pull request's plan", dr);
      expect(gate.result.status).toBe(1);
      expect(gate.result.stdout).toMatch(/^::error title=SDR-RPO-BUDGET websphere-baw\/Baw\/RuntimeData::/m);
    });

    test('no change: the summary says so and no comment is posted (changed=false); the gate passes', () => {
      const dr = tempDir();
      synthInto(path.join(dr, 'base'), '15m');
      synthInto(path.join(dr, 'head'), '15m');
      const { result, output, summary } = runStep('Diff the plans', dr);
      expect(result.status).toBe(0);
      expect(output).toBe('changed=false\n');
      expect(summary).toContain('No change to the disaster-recovery plan.');
      expect(runStep("Gate on the pull request's plan", dr).result.status).toBe(0);
    });

    test('a head that wrote no plan: a short note without the log; the gate fails (exit 2)', () => {
      const dr = tempDir();
      synthInto(path.join(dr, 'base'), '15m');
      fs.mkdirSync(path.join(dr, 'head'));
      const { result, output, summary } = runStep('Diff the plans', dr);
      expect(result.status).toBe(0);
      expect(output).toBe('changed=true\n');
      expect(summary).toContain('The pull request wrote no readable plan');
      expectClean(summary, dr);
      expect(runStep("Gate on the pull request's plan", dr).result.status).toBe(2);
    });

    test('a base without a plan: the whole head plan', () => {
      const dr = tempDir();
      fs.mkdirSync(path.join(dr, 'base'));
      synthInto(path.join(dr, 'head'), '15m');
      const { output, summary } = runStep('Diff the plans', dr);
      expect(output).toBe('changed=true\n');
      expect(summary).toMatch(/^_The base commit has no plan to compare with; this is the whole plan._\n\n# Disaster-recovery plan: stack websphere-baw\n/);
      expectClean(summary, dr);
    });
  });

  describe('the comment script', () => {
    const script = step('Post or update the comment').with!.script;
    type Comment = { id: number; user: { type: string }; body: string };

    async function runScript(existing: Comment[], body: string) {
      const file = path.join(tempDir(), 'comment.md');
      fs.writeFileSync(file, body);
      const calls: { op: string; args: Record<string, unknown> }[] = [];
      const record = (op: string) => async (args: Record<string, unknown>) => void calls.push({ op, args });
      const github = {
        paginate: async (_fn: unknown, args: Record<string, unknown>) => {
          calls.push({ op: 'list', args });
          return existing;
        },
        rest: { issues: { listComments: {}, createComment: record('create'), updateComment: record('update') } },
      };
      const context = { repo: { owner: 'acme', repo: 'dr' }, issue: { number: 42 } };
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
      const previous = process.env.COMMENT_FILE;
      process.env.COMMENT_FILE = file;
      try {
        await new AsyncFunction('github', 'context', 'require', script)(github, context, require);
      } finally {
        if (previous === undefined) delete process.env.COMMENT_FILE;
        else process.env.COMMENT_FILE = previous;
      }
      return calls;
    }

    test('creates the comment when the pull request has none of ours', async () => {
      const body = '<!-- cdktf-san-dr -->\n## Disaster-recovery plan changes\n';
      const calls = await runScript([{ id: 1, user: { type: 'User' }, body: '<!-- cdktf-san-dr --> quoted by a human' }], body);
      expect(calls).toEqual([
        { op: 'list', args: { owner: 'acme', repo: 'dr', issue_number: 42, per_page: 100 } },
        { op: 'create', args: { owner: 'acme', repo: 'dr', issue_number: 42, body } },
      ]);
    });

    test('updates the bot comment that carries the marker, and only it', async () => {
      const body = '<!-- cdktf-san-dr -->\nnew text\n';
      const calls = await runScript(
        [
          { id: 1, user: { type: 'Bot' }, body: 'another bot' },
          { id: 7, user: { type: 'Bot' }, body: '<!-- cdktf-san-dr -->\nold text\n' },
        ],
        body,
      );
      expect(calls.slice(1)).toEqual([{ op: 'update', args: { owner: 'acme', repo: 'dr', comment_id: 7, body } }]);
    });

    test('truncates a body over GitHub’s limit and says so', async () => {
      const calls = await runScript([], `<!-- cdktf-san-dr -->\n${'x'.repeat(70_000)}`);
      const sent = calls[1].args.body as string;
      expect(sent.length).toBeLessThan(65_536);
      expect(sent.startsWith('<!-- cdktf-san-dr -->')).toBe(true);
      expect(sent).toMatch(/_Truncated: the job summary has the whole diff._\n$/);
    });
  });
});
