import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../cli/helpers';

/**
 * examples/github-actions/dr-plan.yml cannot run here (no GitHub), so this reads it with the YAML
 * parser jest already installs (js-yaml, not a dependency of ours) and runs its comment script
 * against a fake GitHub client.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { safeLoad?: (text: string) => unknown; load: (text: string) => unknown };

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
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
  test('runs on pull requests, may write pull-request comments and nothing else', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  test('synthesizes the base branch and the pull request, then diffs them with the gate on errors', () => {
    expect(steps.filter((s) => s.uses === 'actions/checkout@v4').map((s) => s.with)).toEqual([
      { path: 'head' },
      { ref: '${{ github.event.pull_request.base.sha }}', path: 'base' },
    ]);
    expect(step('Synthesize the base branch').run).toContain('npx cdktf synth');
    expect(step('Synthesize the pull request').run).toContain('npx cdktf synth');
    expect(step('Diff the plans').run).toContain('npx --no-install cdktf-san-dr diff --fail-on error "$BASE_OUT" cdktf.out');
    expect(step('Fail on new errors or a failed synthesis').if).toBe("steps.diff.outputs.status != '0'");
  });

  test('every run block is valid bash', () => {
    const runs = steps.filter((s) => s.run);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const { name, run } of runs) {
      const check = spawnSync('bash', ['-n', '-c', run!], { encoding: 'utf8' });
      expect([name, check.status, check.stderr]).toEqual([name, 0, '']);
    }
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
      expect(sent).toMatch(/_Truncated: run `npx cdktf-san-dr diff` locally for the rest._\n$/);
    });
  });
});
