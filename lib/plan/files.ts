import * as fs from 'fs';
import * as path from 'path';
import type { PlanDocument } from './document';
import { renderPlanMarkdown } from './markdown';
import { renderRunbookMarkdown } from './runbook-markdown';

export const PLAN_JSON_FILE = 'dr-plan.json';
export const PLAN_MARKDOWN_FILE = 'dr-plan.md';
export const RUNBOOK_FILE = 'dr-runbook.md';

/** Every file the library writes into a stack's directory. */
export const PLAN_FILES: readonly string[] = [PLAN_JSON_FILE, PLAN_MARKDOWN_FILE, RUNBOOK_FILE];

/** A failed synthesis must not leave an earlier plan (or runbook) behind that still claims success. */
export function removePlanFiles(directory: string): void {
  for (const name of PLAN_FILES) fs.rmSync(path.join(directory, name), { force: true });
}

export function writePlanFiles(directory: string, document: PlanDocument): void {
  fs.mkdirSync(directory, { recursive: true });
  writePlanJson(path.join(directory, PLAN_JSON_FILE), document);
  fs.writeFileSync(path.join(directory, PLAN_MARKDOWN_FILE), renderPlanMarkdown(document));
  fs.writeFileSync(path.join(directory, RUNBOOK_FILE), renderRunbookMarkdown(document));
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
