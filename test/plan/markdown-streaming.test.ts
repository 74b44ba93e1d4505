import fc from 'fast-check';
import { BlankLineCollapser, renderPlanMarkdown, writePlanMarkdown } from '../../lib/plan/markdown';
import type { PlanDocument } from '../../lib/plan/document';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import { Db2SplitMirrorStack } from '../../examples/db2-split-mirror/stack';
import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { configureProperties, hostileString } from '../escape/hostile';

/** The one-string rendering as it was before dr-plan.md was written in pieces (issue 15). */
function wholeCollapse(text: string): string {
  return `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function planOf(stack: WebSphereBawStack | Db2SplitMirrorStack): PlanDocument {
  const dir = path.join(Testing.fullSynth(stack), 'stacks', stack.node.id);
  return JSON.parse(fs.readFileSync(path.join(dir, 'dr-plan.json'), 'utf8'));
}

describe('dr-plan.md written in pieces', () => {
  it('writes the examples in more than one piece, and the pieces joined are the whole file', () => {
    for (const stack of [new WebSphereBawStack(Testing.app(), 'websphere-baw'), new Db2SplitMirrorStack(Testing.app(), 'db2-split-mirror')]) {
      const document = planOf(stack);
      const pieces: string[] = [];
      writePlanMarkdown(document, (piece) => pieces.push(piece));
      expect(pieces.length).toBeGreaterThan(2);
      expect(pieces.join('')).toBe(renderPlanMarkdown(document));
      expect(renderPlanMarkdown(document)).toBe(wholeCollapse(renderPlanMarkdown(document)));
    }
  });

  it('collapses blank lines across pieces exactly as over the whole string', () => {
    configureProperties();
    const edge = fc.constantFrom('\n', '\n\n', '\n\n\n', ' \n', '\n ', '\u2028', '\ufeff', '\t', '', 'a');
    fc.assert(
      fc.property(fc.array(fc.oneof(hostileString(), edge), { minLength: 1, maxLength: 8 }), (pieces) => {
        const written: string[] = [];
        const out = new BlankLineCollapser((chunk) => written.push(chunk));
        pieces.forEach((piece) => out.add(piece));
        out.end();
        expect(written.join('')).toBe(wholeCollapse(pieces.join('')));
      }),
      { numRuns: 500 },
    );
  });
});
