import { analyzeEstate } from '../../lib/analysis';
import { buildPlanDocument } from '../../lib/plan/document';
import { renderPlanMarkdown } from '../../lib/plan/markdown';
import { renderPlanText } from '../../lib/cli/text';
import { estate, schedule, tranlogVolume, volume } from '../fixtures/estate';

/**
 * Issue 12, finding 5, without cdktf: `lines.push(...renderPlan(plan))` passed every line of a
 * plan as an argument and overflowed the call stack at about 14,000 volumes.
 */
test('20,000 volumes in one plan render as Markdown and text', () => {
  const volumes = Array.from({ length: 20_000 }, (_, i) =>
    volume(`V${String(i).padStart(5, '0')}`, { mountPath: `/data/v${i}` }),
  );
  const design = estate({ volumes: [...volumes, tranlogVolume()], schedules: [schedule({ volumeIds: [...volumes, tranlogVolume()].map((v) => v.id) })] });
  const document = buildPlanDocument('app', analyzeEstate(design), design.links);
  const markdown = renderPlanMarkdown(document);
  expect(markdown).toContain('| V19999 |');
  expect(renderPlanText(document)).toContain('Stack app');
});
