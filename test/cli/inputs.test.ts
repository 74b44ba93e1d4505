import { renderPlanMarkdown } from '../../lib/plan/markdown';
import { diffPlans, renderDiffMarkdown } from '../../lib/cli/diff';
import { humanParam } from '../../lib/cli/inputs';
import { dataVolume, estate, GiB, logVolume, perHour, schedule, tranlogVolume } from '../fixtures/estate';
import { documentOf } from './helpers';

describe('Declared inputs changed: the causes, next to the verdicts', () => {
  test('a link cut from 100 to 60 Mbps: the verdict change names the line rate, in Mbps', () => {
    // 60 Mbps x 0.93 / 8 = 6,975,000 B/s. At 27m: 3.6 GiB changed (8 GiB/h), 1.8 GiB sent after
    // 2:1 compression: 277.1 s; 27m + 1m + 4m 37.1s = 32m 37.1s > 30m: breaches.
    const base = documentOf(estate());
    const head = documentOf(estate({ schedules: [schedule({ intervalSeconds: 1620 })] }, { lineRateBitsPerSecond: 60e6 }));
    const diff = diffPlans([base], [head]);
    expect(diff.inputs.map((i) => [i.kind, i.input, i.before, i.after])).toEqual([
      ['schedule', 'interval', '15m', '27m'],
      ['link', 'line rate', '100 Mbps', '60 Mbps'],
    ]);
    expect(diff.inputs[1].feeds).toEqual(['app/Baw/RuntimeData']);
    const [budget] = diff.budgets;
    expect(budget.after!.verdict).toBe('breaches');
    expect(budget.causes.map((c) => c.input)).toEqual(['interval', 'line rate']);
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('  - caused by: interval of schedule RuntimeData: 15m → 27m; line rate of link Wan: 100 Mbps → 60 Mbps\n');
    expect(md).toContain('- line rate of link Wan: 100 Mbps → 60 Mbps (`app/Wan`)');
    // Causes come before effects: the inputs section precedes the budget table.
    expect(md.indexOf('### Declared inputs changed (2)')).toBeLessThan(md.indexOf('### RPO budgets'));
  });

  test('every kind of input that feeds a verdict: targets, timing, group membership, link and volume', () => {
    const base = documentOf(estate());
    const head = documentOf(
      estate(
        {
          rpoSeconds: 3600,
          rtoSeconds: undefined,
          volumes: [dataVolume({ capacityBytes: 800 * GiB, averageChangeBytesPerSecond: perHour(6) }), logVolume(), tranlogVolume()],
          schedules: [schedule({ snapshotSeconds: 120, cycle: 'continuous', volumeIds: ['app/Baw/DatabaseData', 'app/Baw/DatabaseLogs'] })],
        },
        { efficiency: 0.8, compressionRatio: 1, roundTripSeconds: 0.02, distanceKm: 950 },
      ),
    );
    const described = diffPlans([base], [head]).inputs.map((i) => `${i.kind} ${i.input}: ${i.before} → ${i.after}`);
    expect(described).toEqual([
      'plan RPO target: 30m → 1h',
      'plan RTO target: 4h → none',
      'schedule snapshot time: 1m → 2m',
      'schedule cycle mode: fixed → continuous',
      'schedule consistency group: DatabaseData, DatabaseLogs, Tranlogs → DatabaseData, DatabaseLogs',
      'link efficiency: 0.93 → 0.8',
      'link compression: 2:1 → 1:1',
      'link round trip: 18 ms → 20 ms',
      'link distance: 900 km → 950 km',
      'volume capacity: 400 GiB → 800 GiB',
      // 5 GiB/h = 1,491,308.1 B/s; 6 GiB/h = 1,789,569.7 B/s.
      'volume average change rate: 1.49 MB/s → 1.79 MB/s',
    ]);
  });

  test('a change rate declared in GiB/h is shown in binary units (KiB/s, MiB/s), one declared in decimal in decimal units', () => {
    const binary = { capacity: 'binary', changeRate: 'binary' } as const;
    const base = documentOf(estate({ volumes: [dataVolume({ units: binary }), logVolume(), tranlogVolume()] }));
    const head = documentOf(estate({ volumes: [dataVolume({ units: binary, averageChangeBytesPerSecond: perHour(6) }), logVolume(), tranlogVolume()] }));
    // 5 GiB/h = 1,491,308.1 B/s = 1.422 MiB/s; 6 GiB/h = 1,789,569.7 B/s = 1.707 MiB/s.
    expect(diffPlans([base], [head]).inputs.map((i) => `${i.input}: ${i.before} → ${i.after}`)).toEqual([
      'average change rate: 1.42 MiB/s → 1.71 MiB/s',
    ]);
  });

  test('a link\'s other traffic, sharing, circuit and grain (schema v3) are inputs too', () => {
    const base = documentOf(estate());
    const head = documentOf(
      estate({}, { otherTrafficBytesPerSecond: 1_250_000, sharing: 'per-schedule', circuitId: 'MPLS-0042', grainBytes: 262_144 }),
    );
    // 1,250,000 B/s = 10 Mbps of backups on the circuit, shown as a byte rate like the change rates;
    // 262,144 B = 256 KiB, the Spectrum Virtualize grain.
    expect(diffPlans([base], [head]).inputs.map((i) => `${i.kind} ${i.input}: ${i.before} → ${i.after}`)).toEqual([
      'link other traffic: none → 1.25 MB/s',
      'link sharing: any discipline → per schedule',
      'link circuit: none → MPLS-0042',
      'link replication grain: none → 256 KiB',
    ]);
  });

  test('a link\'s declared synchronous priority is an input too, and its absence reads as not declared', () => {
    const base = documentOf(estate());
    const head = documentOf(estate({}, { syncPriority: true }));
    expect(base.links[0]).not.toHaveProperty('syncPriority');
    expect(head.links[0].syncPriority).toBe(true);
    expect(diffPlans([base], [head]).inputs.map((i) => `${i.kind} ${i.input}: ${i.before} → ${i.after}`)).toEqual([
      'link synchronous priority: not declared → declared',
    ]);
  });

  test('the plan says the declared priority where a synchronous budget rests on it, and nothing when it is not declared', () => {
    const sync = { mode: 'sync' as const, roundTripSeconds: 0.002, distanceKm: 50 };
    const said = 'The circuit serves synchronous writes before the transfers sharing it (declared: synchronousPriority).';
    expect(renderPlanMarkdown(documentOf(estate({}, { ...sync, syncPriority: true })))).toContain(said);
    expect(renderPlanMarkdown(documentOf(estate({}, sync)))).not.toContain('synchronousPriority');
  });

  test('nothing changed: no inputs section', () => {
    const md = renderDiffMarkdown(diffPlans([documentOf(estate())], [documentOf(estate())]));
    expect(md).not.toContain('Declared inputs changed');
  });

  test.each([
    ['intervalSeconds', '900', 'interval', '15m'],
    ['capacityBytes', '21474836480', 'capacity', '20 GiB'],
    ['lineRateBitsPerSecond', '100000000', 'lineRate', '100 Mbps'],
    ['maxWriteSuspendSeconds', '30', 'maxWriteSuspend', '30s'],
    ['schedule', 'RuntimeData', 'schedule', '"RuntimeData"'],
    ['intervalSeconds', 'soon', 'intervalSeconds', '"soon"'],
  ])('step parameter %s = %s reads %s %s', (key, value, shownKey, shownValue) => {
    expect(humanParam(key, value)).toEqual({ key: shownKey, value: shownValue });
  });
});
