import { diffPlans, renderDiffMarkdown } from '../../lib/cli/diff';
import { renderPlanText } from '../../lib/cli/text';
import { splitMirror, splitMirrorEstate } from '../fixtures/split-mirror';
import { documentOf } from './helpers';

// Fixture figures (test/analysis/split-mirror.test.ts): cycle 1358.1702 s (22m 38.2s), write suspend
// 100 s (1m 40s) of at most 120 s, point-in-time RPO 588.1702 s (9m 48.2s) and RTO 9682 s (2h 41m 22s).
describe('split-mirror backups in the CLI', () => {
  const base = documentOf(splitMirrorEstate());

  test('the text report gives the cycle, the write-suspend window and every scenario', () => {
    const text = renderPlanText(base);
    expect(text).toContain('  Split-mirror backup Backup: cycle 22m 38.2s every 1d (fits), write suspend 1m 40s of at most 2m (within)\n');
    expect(text).toContain('    point-in-time (recovery path): RPO 9m 48.2s against 15m, RTO 2h 41m 22s against 4h\n');
  });

  test('a write-suspend window that becomes too long is a verdict change, shown before the rest', () => {
    // At most 99 s: the 100 s window no longer fits (and synthesis would fail, so head is built from the API).
    const head = documentOf(splitMirrorEstate({ writeSuspend: { ...splitMirror().writeSuspend, maxSeconds: 99 } }));
    const diff = diffPlans([base], [head]);
    expect(diff.splitMirrors.map((c) => [c.id, c.verdictChanges])).toEqual([['db/Plan/Backup', ['write suspend: within → **TOO LONG**']]]);
    const md = renderDiffMarkdown(diff);
    expect(md.indexOf('### Split-mirror verdict changes (1)')).toBeGreaterThan(0);
    expect(md.indexOf('### Split-mirror verdict changes (1)')).toBeLessThan(md.indexOf('- Stack `app`'));
    expect(md).toContain('| `db/Plan/Backup` | 1d | 22m 38.2s | 1m 40s of 2m → 1m 40s of 1m 39s | point-in-time | 9m 48.2s | 2h 41m 22s |');
    // The cause, next to the verdict it changed, and in the inputs section.
    expect(diff.splitMirrors[0].causes.map((c) => [c.input, c.before, c.after])).toEqual([['maximum write suspend', '2m', '1m 39s']]);
    expect(md).toContain('- `db/Plan/Backup`: write suspend: within → **TOO LONG**\n  - caused by: maximum write suspend of split-mirror backup Backup: 2m → 1m 39s\n');
    expect(md.indexOf('### Declared inputs changed (1)')).toBeGreaterThan(md.indexOf('### Split-mirror verdict changes (1)'));
  });

  test('a verdict that got better names no causes', () => {
    const tight = documentOf(splitMirrorEstate({ writeSuspend: { ...splitMirror().writeSuspend, maxSeconds: 11 } }));
    const diff = diffPlans([tight], [base]);
    expect(diff.splitMirrors.map((c) => [c.verdictChanges, c.causes])).toEqual([[['write suspend: **TOO LONG** → within'], []]]);
  });

  test('an unchanged backup is not listed, and a new one is a design addition', () => {
    expect(diffPlans([base], [base]).splitMirrors).toEqual([]);
    expect(renderDiffMarkdown(diffPlans([base], [base]))).toContain('No change to the disaster-recovery plan.');
    const diff = diffPlans([documentOf(splitMirrorEstate({}, { splitMirrors: [] }))], [base]);
    expect(diff.design.added).toEqual([{ kind: 'split-mirror', id: 'db/Plan/Backup', name: 'Backup' }]);
    expect(diff.splitMirrors.map((c) => [c.before, c.verdictChanges])).toEqual([[null, []]]);
  });
});
