import * as fs from 'fs';
import * as path from 'path';
import { PLAN_JSON_FILE } from '../plan/files';
import { planDocumentSchema, READABLE_PLAN_SCHEMA_VERSIONS, type PlanDocument } from '../plan/document';

/** A problem with the command line or its input: printed as one line, exit code 2. */
export class CliError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export interface LoadedPlans {
  /** What the user gave. */
  readonly input: string;
  /** One document per stack, in stack order. */
  readonly documents: readonly PlanDocument[];
}

/**
 * Reads the plans named by `input`: a `dr-plan.json` file, a stack directory holding one, or a
 * synth output directory (`cdktf.out`) whose `stacks/<stack>/` hold them. Every document is
 * validated against the plan schema; any problem is a CliError with one line that names the file.
 */
export function loadPlans(input: string): LoadedPlans {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (error) {
    throw new CliError(`${input}: ${fsProblem(error)}`);
  }
  if (!stat.isDirectory()) return { input, documents: [readPlanFile(input)] };

  const direct = path.join(input, PLAN_JSON_FILE);
  if (fs.existsSync(direct)) return { input, documents: [readPlanFile(direct)] };
  const stacks = path.join(input, 'stacks');
  const files = isDirectory(stacks)
    ? fs
        .readdirSync(stacks)
        .sort()
        .map((stack) => path.join(stacks, stack, PLAN_JSON_FILE))
        .filter((file) => fs.existsSync(file))
    : [];
  if (files.length === 0) {
    throw new CliError(
      `${input}: no ${PLAN_JSON_FILE} in this directory or in its stacks/*/ (run cdktf synth first; a failed synthesis writes none)`,
    );
  }
  const documents = files.map(readPlanFile);
  const seen = new Set<string>();
  for (const [index, doc] of documents.entries()) {
    if (seen.has(doc.stack)) throw new CliError(`${files[index]}: a second plan for stack ${doc.stack} in ${input}`);
    seen.add(doc.stack);
  }
  return { input, documents };
}

/** Reads and validates one plan file. */
export function readPlanFile(file: string): PlanDocument {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: ${fsProblem(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${oneLine((error as Error).message)})`);
  }
  return parsePlanDocument(raw, file);
}

/** Validates a parsed document; `source` names it in the error. */
export function parsePlanDocument(raw: unknown, source: string): PlanDocument {
  const header = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (!header || header.schema !== 'cdktf-san-dr/plan') {
    throw new CliError(`${source}: not a cdktf-san-dr plan (expected a JSON object with "schema": "cdktf-san-dr/plan")`);
  }
  const version = header.schemaVersion;
  if (typeof version !== 'number' || !READABLE_PLAN_SCHEMA_VERSIONS.includes(version)) {
    throw new CliError(
      `${source}: plan schema version ${JSON.stringify(version)} is not supported; this cdktf-san-dr reads ` +
        `versions ${listed(READABLE_PLAN_SCHEMA_VERSIONS)} (a newer plan needs a newer cdktf-san-dr)`,
    );
  }
  const result = planDocumentSchema.safeParse(raw);
  if (result.success) return result.data;
  const [issue, ...rest] = result.error.issues;
  const where = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
  throw new CliError(`${source}: invalid plan: ${where || '(document)'}: ${oneLine(issue.message)}${more}`);
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function fsProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return oneLine((error as Error)?.message ?? String(error));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** "1", "1 and 2", "1, 2 and 3". */
function listed(items: readonly unknown[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
