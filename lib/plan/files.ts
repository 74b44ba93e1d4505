import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeJsonText } from '../escape/json';
import type { PlanDocument, TerraformFingerprint } from './document';
import { writePlanMarkdown } from './markdown';
import { writeRunbookMarkdown } from './runbook-markdown';

export const PLAN_JSON_FILE = 'dr-plan.json';
export const PLAN_MARKDOWN_FILE = 'dr-plan.md';
export const RUNBOOK_FILE = 'dr-runbook.md';
/** Every file a plan consists of: each is removed before a synthesis and written only by a complete one. */
export const PLAN_FILES: readonly string[] = [PLAN_JSON_FILE, PLAN_MARKDOWN_FILE, RUNBOOK_FILE];
/** cdktf's name for a stack's Terraform configuration, beside the plan files. */
export const TERRAFORM_FILE = 'cdk.tf.json';
/** cdktf writes each stack's files to `<outdir>/stacks/<stack id>/`. */
export const STACKS_DIRECTORY = 'stacks';

/** The key in cdk.tf.json's top-level "//" comment that says a plan belongs beside it. */
export const TERRAFORM_MARKER = 'cdktf-san-dr';

/** True for a parsed cdk.tf.json that the library marked: its stack must have a plan. */
export function isPlannedTerraform(config: unknown): boolean {
  const comment = (config as { '//'?: unknown } | null)?.['//'];
  return typeof comment === 'object' && comment !== null && TERRAFORM_MARKER in comment;
}

/** A failed synthesis must not leave an earlier plan (or runbook) behind that still claims success. */
export function removePlanFiles(directory: string): void {
  for (const name of PLAN_FILES) fs.rmSync(path.join(directory, name), { force: true });
}

/**
 * Removes the plan files of every stack under `outdir`. The library calls it when a program
 * declares its first DR construct, before any prop is checked, so that a program that then
 * throws, or fails in another stack, leaves no earlier plan that reads as current (the CLI then
 * finds cdk.tf.json without its plan, and says so).
 */
export function removeEarlierPlanFiles(outdir: string): void {
  const stacks = path.join(outdir, STACKS_DIRECTORY);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(stacks, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) if (entry.isDirectory()) removePlanFiles(path.join(stacks, entry.name));
}

/** The sha256 of cdk.tf.json as written, recorded in the plan so that a reader can tell they belong together. */
export function fingerprintOf(file: string): TerraformFingerprint {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return { cdkTfJsonSha256: hash.digest('hex') };
}

/**
 * Writes the plan files of one stack, each atomically (a temporary file in the same directory,
 * then a rename), the JSON last: a reader finds either no plan or a complete one, and never a
 * dr-plan.json whose Markdown is missing or cut short. Each is written in pieces of about one plan,
 * never as one string (an estate's plan is tens of megabytes: README "Performance").
 */
export function writePlanFiles(directory: string, document: PlanDocument, terraform: TerraformFingerprint | null): void {
  fs.mkdirSync(directory, { recursive: true });
  const complete: PlanDocument = { ...document, terraform };
  writeTextAtomically(path.join(directory, PLAN_MARKDOWN_FILE), (write) => writePlanMarkdown(complete, write));
  writeTextAtomically(path.join(directory, RUNBOOK_FILE), (write) => writeRunbookMarkdown(complete, write));
  writeTextAtomically(path.join(directory, PLAN_JSON_FILE), (write) => writePlanJson(complete, write));
}

/**
 * A design with unsuppressed errors: its plan is written with verdict fail and `terraform: null`,
 * so that the reviewer reads the findings and the numbers in the pull request, and `terraformFile`
 * (an earlier cdk.tf.json, or one cdktf wrote when validations were skipped) is removed first, so
 * that nothing deployable is left for a design that failed.
 */
export function writeFailedPlanFiles(directory: string, document: PlanDocument, terraformFile: string): void {
  if (document.verdict !== 'fail') throw new Error(`writeFailedPlanFiles: stack ${document.stack} passed`);
  fs.rmSync(terraformFile, { force: true });
  writePlanFiles(directory, document, null);
}

/**
 * Writes `file` through a temporary file beside it that is renamed over it once complete; a
 * failure removes the temporary file and leaves `file` as it was. `produce` hands the text over in
 * pieces, which reach the disk in writes of about a megabyte.
 */
export function writeTextAtomically(file: string, produce: (write: (chunk: string) => void) => void): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temporary, 'w');
  try {
    let chunks: string[] = [];
    let size = 0;
    const flush = () => {
      if (chunks.length > 0) fs.writeSync(fd, chunks.join(''));
      chunks = [];
      size = 0;
    };
    produce((chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= 1 << 20) flush();
    });
    flush();
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temporary, file);
}

/**
 * Hands over exactly `JSON.stringify(document, null, 2)` and a newline (with lib/escape/json's
 * escapes), a plan, a step or a link at a time.
 */
export function writePlanJson(document: PlanDocument, write: (chunk: string) => void): void {
  writeJsonText(document, write);
  write('\n');
}
