import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { jsonText } from '../escape/json';
import type { PlanDocument, TerraformFingerprint } from './document';
import { writePlanMarkdown } from './markdown';
import { renderRunbookMarkdown } from './runbook-markdown';

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
 * dr-plan.json whose Markdown is missing or cut short.
 */
export function writePlanFiles(directory: string, document: PlanDocument, terraform: TerraformFingerprint | null): void {
  fs.mkdirSync(directory, { recursive: true });
  const complete: PlanDocument = { ...document, terraform };
  writeAtomically(path.join(directory, PLAN_MARKDOWN_FILE), (fd) => writePlanMarkdown(complete, (chunk) => fs.writeSync(fd, chunk)));
  writeAtomically(path.join(directory, RUNBOOK_FILE), (fd) => fs.writeSync(fd, renderRunbookMarkdown(complete)));
  writeAtomically(path.join(directory, PLAN_JSON_FILE), (fd) => writePlanJson(fd, complete));
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

/** Writes `file` through a temporary file beside it that is renamed over it once complete. */
export function writeAtomically(file: string, write: (fd: number) => void): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temporary, 'w');
  try {
    write(fd);
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
 * Writes exactly `JSON.stringify(document, null, 2)` and a newline (with lib/escape/json's escapes), one plan at a time: an
 * estate's plan is tens of megabytes, and one string of it would raise the peak memory of
 * synthesis (benchmark, README "Performance"). JSON.stringify puts a raw newline only between
 * tokens (a newline inside a string is escaped), so indenting a nested value is a replace.
 */
export function writePlanJson(fd: number, document: PlanDocument): void {
  const indented = (value: unknown, indent: string) => jsonText(value, 2).replace(/\n/g, `\n${indent}`);
  const entries = Object.entries(document).filter(([, value]) => value !== undefined);
  fs.writeSync(fd, '{');
  entries.forEach(([key, value], index) => {
    fs.writeSync(fd, `${index === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `);
    if (!Array.isArray(value) || value.length === 0) {
      fs.writeSync(fd, indented(value, '  '));
      return;
    }
    value.forEach((item, at) => fs.writeSync(fd, `${at === 0 ? '[' : ','}\n    ${indented(item ?? null, '    ')}`));
    fs.writeSync(fd, '\n  ]');
  });
  fs.writeSync(fd, entries.length === 0 ? '}\n' : '\n}\n');
}
