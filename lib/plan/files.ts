import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { PlanDocument } from './document';
import { renderPlanMarkdown } from './markdown';

export const PLAN_JSON_FILE = 'dr-plan.json';
export const PLAN_MARKDOWN_FILE = 'dr-plan.md';

/** A failed synthesis must not leave an earlier plan behind that still claims success. */
export function removePlanFiles(directory: string): void {
  for (const name of [PLAN_JSON_FILE, PLAN_MARKDOWN_FILE]) fs.rmSync(path.join(directory, name), { force: true });
}

/**
 * Writes the plan of a synthesis that wrote `terraformFile` (the stack's cdk.tf.json), recording
 * that file's sha256 so that a reader can tell the plan belongs to it.
 */
export function writePlanFiles(directory: string, document: PlanDocument, terraformFile: string): void {
  const cdkTfJsonSha256 = createHash('sha256').update(fs.readFileSync(terraformFile)).digest('hex');
  writeFiles(directory, { ...document, terraform: { cdkTfJsonSha256 } });
}

/**
 * A design with unsuppressed errors: its plan is written with verdict fail, so that the reviewer
 * reads the findings and the numbers in the pull request, and `terraformFile` (an earlier
 * cdk.tf.json, or one cdktf wrote when validations were skipped) is removed, so that nothing
 * deployable is left for a design that failed.
 */
export function writeFailedPlanFiles(directory: string, document: PlanDocument, terraformFile: string): void {
  if (document.verdict !== 'fail') throw new Error(`writeFailedPlanFiles: stack ${document.stack} passed`);
  fs.rmSync(terraformFile, { force: true });
  writeFiles(directory, { ...document, terraform: null });
}

function writeFiles(directory: string, document: PlanDocument): void {
  fs.mkdirSync(directory, { recursive: true });
  writePlanJson(path.join(directory, PLAN_JSON_FILE), document);
  fs.writeFileSync(path.join(directory, PLAN_MARKDOWN_FILE), renderPlanMarkdown(document));
}

/**
 * Writes exactly `JSON.stringify(document, null, 2)` and a newline, one plan at a time: an
 * estate's plan is tens of megabytes, and one string of it would raise the peak memory of
 * synthesis (benchmark, README "Performance"). JSON.stringify puts a raw newline only between
 * tokens (a newline inside a string is escaped), so indenting a nested value is a replace.
 */
export function writePlanJson(file: string, document: PlanDocument): void {
  const fd = fs.openSync(file, 'w');
  try {
    const indented = (value: unknown, indent: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
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
  } finally {
    fs.closeSync(fd);
  }
}
