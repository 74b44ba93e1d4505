import * as fs from 'fs';
import * as path from 'path';
import {
  fingerprintOf,
  isPlannedTerraform,
  PLAN_JSON_FILE,
  PLAN_MARKDOWN_FILE,
  STACKS_DIRECTORY,
  TERRAFORM_FILE,
} from '../plan/files';
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
  /** The dr-plan.json each document was read from. */
  readonly files: readonly string[];
}

/** The largest plan file the CLI reads: an estate of 20,000 volumes writes some 40 MB. */
export const MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Reads the plans named by `input`: a `dr-plan.json` file, a stack directory holding one, or a
 * synth output directory (`cdktf.out`) whose `stacks/<stack>/` hold them. Every document is
 * validated against the plan schema, and checked against the files beside it: its Markdown must
 * be there, and the cdk.tf.json beside it must be the one written with it (a dr-plan.json file
 * named on its own, with neither beside it, is read as it is). A stack whose
 * cdk.tf.json the library marked but that has no plan is an error too. Any problem is a CliError
 * with one line that names the file.
 */
export function loadPlans(input: string): LoadedPlans {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (error) {
    throw new CliError(`${input}: ${fsProblem(error)}`);
  }
  if (!stat.isDirectory()) {
    // A dr-plan.json on its own (a base branch's plan, kept as an artifact) is read as it is;
    // beside a stack's other files it must be their plan.
    const directory = path.dirname(input);
    const alone = [PLAN_MARKDOWN_FILE, TERRAFORM_FILE].every((name) => !fs.existsSync(path.join(directory, name)));
    return { input, documents: [alone ? readPlanFile(input) : readStackPlan(directory, input)], files: [input] };
  }

  const stacks = path.join(input, STACKS_DIRECTORY);
  const direct = path.join(input, PLAN_JSON_FILE);
  if (isDirectory(stacks)) {
    if (fs.existsSync(direct)) {
      throw new CliError(`${direct}: a plan outside ${STACKS_DIRECTORY}/ beside the stacks of ${input}; no stack writes one there (remove it)`);
    }
  } else if (fs.existsSync(direct) || fs.existsSync(path.join(input, TERRAFORM_FILE))) {
    return { input, documents: [readStackPlan(input, direct)], files: [direct] };
  }
  const directories = isDirectory(stacks)
    ? fs
        .readdirSync(stacks)
        .sort()
        .map((stack) => path.join(stacks, stack))
        .filter((dir) => fs.existsSync(path.join(dir, PLAN_JSON_FILE)) || isPlannedStack(dir))
    : [];
  if (directories.length === 0) {
    throw new CliError(
      `${input}: no ${PLAN_JSON_FILE} in this directory or in its ${STACKS_DIRECTORY}/*/ (run cdktf synth first; a failed synthesis writes none)`,
    );
  }
  const files = directories.map((dir) => path.join(dir, PLAN_JSON_FILE));
  const documents = directories.map((dir, index) => readStackPlan(dir, files[index]));
  const seen = new Set<string>();
  for (const [index, doc] of documents.entries()) {
    if (seen.has(doc.stack)) throw new CliError(`${files[index]}: a second plan for stack ${doc.stack} in ${input}`);
    seen.add(doc.stack);
  }
  return { input, documents, files };
}

/**
 * Reads the plan of the stack in `directory` and checks that it is the current one: written in
 * the same synthesis as the cdk.tf.json beside it, with its Markdown. A plan from before the
 * fingerprint (schema 1 and 2) is read as it is.
 */
function readStackPlan(directory: string, file: string): PlanDocument {
  const terraformFile = path.join(directory, TERRAFORM_FILE);
  const hasTerraform = fs.existsSync(terraformFile);
  if (!fs.existsSync(file)) {
    if (hasTerraform) {
      throw new CliError(
        `${directory}: ${TERRAFORM_FILE} without ${PLAN_JSON_FILE}: the synthesis that wrote it failed or is stale; run cdktf synth again`,
      );
    }
    throw new CliError(`${file}: no such file or directory`);
  }
  const document = readPlanFile(file);
  if (document.terraform === undefined) return document;
  const markdown = path.join(directory, PLAN_MARKDOWN_FILE);
  if (!fs.existsSync(markdown)) {
    throw new CliError(`${directory}: ${PLAN_JSON_FILE} without ${PLAN_MARKDOWN_FILE}: the plan is incomplete; run cdktf synth again`);
  }
  if (document.terraform === null) {
    if (hasTerraform) {
      throw new CliError(`${directory}: ${PLAN_JSON_FILE} says no ${TERRAFORM_FILE} was written, but there is one: one of them is stale; run cdktf synth again`);
    }
    return document;
  }
  if (!hasTerraform) {
    throw new CliError(`${directory}: ${PLAN_JSON_FILE} was written with a ${TERRAFORM_FILE} that is not there; run cdktf synth again`);
  }
  assertRegularFile(terraformFile);
  if (fingerprintOf(terraformFile).cdkTfJsonSha256 !== document.terraform.cdkTfJsonSha256) {
    throw new CliError(`${directory}: ${TERRAFORM_FILE} is not the one ${PLAN_JSON_FILE} was written with (sha256 differs): one of them is stale; run cdktf synth again`);
  }
  return document;
}

/** A stack directory whose cdk.tf.json the library marked as having a plan. */
function isPlannedStack(directory: string): boolean {
  const file = path.join(directory, TERRAFORM_FILE);
  try {
    return isPlannedTerraform(JSON.parse(readRegularFile(file, Number.MAX_SAFE_INTEGER)));
  } catch {
    // Unreadable or not JSON: not ours to judge; a stack with a plan is checked in full.
    return false;
  }
}

/** Reads and validates one plan file. */
export function readPlanFile(file: string): PlanDocument {
  const text = readRegularFile(file, MAX_PLAN_FILE_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${oneLine((error as Error).message)})`);
  }
  return parsePlanDocument(raw, file);
}

/**
 * Reads a regular file of at most `limit` bytes. A device (a link to /dev/zero) or a FIFO is
 * refused without reading from it: the file is opened without blocking and checked through its
 * descriptor, so what is checked is what is read.
 */
function readRegularFile(file: string, limit: number): string {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw new CliError(`${file}: ${fsProblem(error)}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new CliError(`${file}: not a regular file (${fileKind(stat)}); the CLI reads only regular files`);
    if (stat.size > limit) {
      throw new CliError(`${file}: ${stat.size} bytes, more than the ${limit} bytes (${limit / 1024 / 1024} MiB) the CLI reads from a plan file`);
    }
    const buffer = Buffer.alloc(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: ${fsProblem(error)}`);
  } finally {
    fs.closeSync(fd);
  }
}

function assertRegularFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new CliError(`${file}: ${fsProblem(error)}`);
  }
  if (!stat.isFile()) throw new CliError(`${file}: not a regular file (${fileKind(stat)}); the CLI reads only regular files`);
}

function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
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
        `versions ${READABLE_PLAN_SCHEMA_VERSIONS.join(', ')} (a newer plan needs a newer cdktf-san-dr)`,
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
