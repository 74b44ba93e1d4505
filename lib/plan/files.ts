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

export function writePlanFiles(directory: string, document: PlanDocument): void {
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, PLAN_JSON_FILE), `${JSON.stringify(document, null, 2)}\n`);
  fs.writeFileSync(path.join(directory, PLAN_MARKDOWN_FILE), renderPlanMarkdown(document));
}
