import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeEstate } from '../../lib/analysis';
import { main } from '../../lib/cli/main';
import type { EstateDecl } from '../../lib/model/design';
import { buildPlanDocument, type PlanDocument } from '../../lib/plan/document';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-san-dr-cli.'));
  dirs.push(dir);
  return dir;
}

/** The plan document of a pure design, as synthesis would build it for stack "app" (no commands). */
export function documentOf(design: EstateDecl, stack = 'app'): PlanDocument {
  return buildPlanDocument(stack, analyzeEstate(design), design.links);
}

/** Writes `content` (JSON-encoded unless a string) to a new file and returns its path. */
export function writeFile(content: unknown, name = 'dr-plan.json', dir = tempDir()): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  // Synthesis writes a plan's Markdown beside it, and the CLI refuses a stack's plan without it.
  if (path.basename(file) === 'dr-plan.json') fs.writeFileSync(path.join(path.dirname(file), 'dr-plan.md'), '# plan\n');
  return file;
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process. */
export function cli(...argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}
