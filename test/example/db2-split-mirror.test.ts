import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { planDocumentSchema } from '../../lib';
import { Db2SplitMirrorStack, type Db2SplitMirrorStackProps } from '../../examples/db2-split-mirror/stack';

function synthesize(props: Db2SplitMirrorStackProps = {}): string {
  const stack = new Db2SplitMirrorStack(Testing.app(), 'db2-split-mirror', props);
  return path.join(Testing.fullSynth(stack), 'stacks', 'db2-split-mirror');
}

// Hand computation for the example (examples/db2-split-mirror/stack.ts):
// - a 3390-3 volume is 3339 x 15 x 56,664 B = 2,838,016,440 B; 48 of them: 136,224,789,120 B a set;
// - PPRC link 800 Mbit/s x 0.93 / 8 = 93,000,000 B/s;
// - writes: logs 6 x 300 + BSDS/catalogs 4 x 10 + DB2 catalog 2 x 20 + table spaces 24 x 50 + index spaces
//   12 x 30 = 3440 MiB/h = 1,001,972.6 B/s;
// - backlog: data volumes change 38,400 MiB a day (40,265,318,400 B), log volumes 1840 MiB/h for the
//   120 s before the resync (64,312,661.3 B): 40,329,631,061.3 B;
// - the resync reaches the 99% switch point after 0.99 x 40,329,631,061.3 / (93,000,000 - 1,001,972.6)
//   = 433.991 s, from 150 s: writes are suspended at 583.991 s;
// - write suspend: 1% of the backlog (403,296,310.6 B) / 93,000,000 B/s = 4.3365 s, within one 30 s query; the
//   window counts the suspend command 30 s + that query 30 s + split 15 s + resume command 30 s = 105 s (at most 2m);
// - step 7 (make DBt0 simplex) 688.991-718.991 s, so the copy to the standby (step 8) starts at 718.991 s.
describe('examples/db2-split-mirror', () => {
  const dir = synthesize();
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const document = planDocumentSchema.parse(JSON.parse(read('dr-plan.json')));
  const [backup] = document.plans[0].splitMirrors;

  it('renders the reviewed dr-plan.md', () => {
    expect(read('dr-plan.md')).toMatchSnapshot();
  });

  it('writes the reviewed dr-plan.json', () => {
    expect(JSON.parse(read('dr-plan.json'))).toMatchSnapshot();
  });

  it("declares seed 003's layout: 48 volumes, six of every set on each of eight LSSs, ten log volumes", () => {
    expect(backup.volumes).toHaveLength(48);
    expect(backup.volumes.filter((v) => v.mirroring === 'constant').map((v) => v.name)).toEqual([
      'DB2LOG01', 'DB2LOG02', 'DB2LOG03', 'DB2LOG04', 'DB2LOG05', 'DB2LOG06', 'DB2BSDS01', 'DB2BSDS02', 'DB2ICF01', 'DB2UCAT01',
    ]);
    for (const balance of backup.lssBalance) {
      expect(balance.volumesPerLss.map((c) => c.volumes)).toEqual([6, 6, 6, 6, 6, 6, 6, 6]);
    }
    expect(backup.ports.logicalPathsPerPort).toBe(8);
  });

  it('estimates the write-suspend window within the 2 minutes the database tolerates', () => {
    expect(backup.resync.backlogBytes).toBe(40_329_631_061);
    expect(backup.writeSuspend.drainSeconds).toBe(4.337);
    expect(backup.writeSuspend.windowSeconds).toBe(105);
    expect(backup.writeSuspend.withinLimit).toBe(true);
  });

  it('shows the cycle as a Gantt chart with the write-suspend window marked critical, and the scenario table', () => {
    const md = read('dr-plan.md');
    expect(md).toContain('```mermaid\ngantt\n');
    // 583.991 s rounds to 584 s = 9 min 44 s into the cycle; the suspend command takes 30 s, to 10 min 14 s.
    expect(md).toMatch(/ {2}4 suspend-writes :crit, c7, 2001-01-15 00:09:44, 2001-01-15 00:10:14\n/);
    // Point in time: RPO = log pairs in sync again at 838.991 s (13m 59s); RTO = copy back 136,224,789,120 B / 93e6 B/s
    // = 1464.783 s + logs 535,938.8 B/s x (86400 + 1133.776 - 583.991) s = 46,599,767,408 B / 50 MiB/s = 888.820 s
    // + restart 600 s = 2953.603 s (49m 13.6s).
    expect(md).toContain('| Point in time close to the disaster (**recovery path**) | 13m 59s | 15m | 49m 13.6s | 1h | RPO met, RTO met |');
    expect(backup.cycle).toHaveLength(22);
    expect(backup.fitsInterval).toBe(true);
  });

  it('fails synthesis when the point-in-time copies overlap on a volume, and names the steps', () => {
    // At 100 MiB/s a set takes 136,224,789,120 / 104,857,600 = 1299.1 s to copy: the safety copy
    // copies from 1m 30s until 23m 9.1s, but the copy to the standby starts at 718.991 s = 11m 59s, also from DBt0.
    expect(() => synthesize({ copyRate: '100MiB/s' })).toThrow(
      /SDR-PIT-COPY-OVERLAP.*step 8 \(copy-to-standby, DBt0 -> DBt1\) starts 11m 59s into the cycle, but step 2 \(safety-copy, DBt0 -> DBt1\) holds DBt0 until it has physically completed at 23m 9\.1s/s,
    );
  });

  it('fails synthesis when the write-suspend window is longer than allowed, with the numbers', () => {
    expect(() => synthesize({ maxWriteSuspend: '100s' })).toThrow(
      /SDR-WRITE-SUSPEND-WINDOW.*writes would be suspended for 1m 45s = suspend command 30s \(step 4\) \+ wait until every pair is in sync 30s \(one query; the 384\.61 MiB left at the 99% switch point cross the link at 93 MB\/s in 4\.3s\) \+ split 15s \(step 5\) \+ resume command 30s \(step 6\); at most 1m 40s is tolerated\./s,
    );
  });

  it('writes dr-runbook.md with the three scenarios as procedures whose times add up to their RTOs', () => {
    const runbook = read('dr-runbook.md');
    expect(runbook).toMatchSnapshot();
    const procedures = document.plans[0].procedures;
    expect(procedures.map((p) => p.kind)).toEqual(['read-only-standby', 'last-backup', 'point-in-time']);
    for (const procedure of procedures) {
      const scenario = backup.scenarios.find((s) => s.kind === procedure.kind)!;
      expect(procedure.steps.reduce((total, step) => total + step.durationSeconds!, 0)).toBeCloseTo(scenario.rtoSeconds!, 2);
      expect(procedure.totalSeconds).toBeCloseTo(scenario.rtoSeconds!, 2);
    }
    // 49m 13.6s, as in the scenario table above; and the archive logs the conditional restart needs.
    expect(runbook).toContain('Backup DailyBackup recovers by point-in-time in 49m 13.6s: **meets** the RTO.');
    expect(runbook).toContain('archive logs must be available at the recovery site');
  });
});

describe('examples/db2-split-mirror: what dr-plan.md shows a reviewer', () => {
  const markdown = fs.readFileSync(path.join(synthesize(), 'dr-plan.md'), 'utf8');

  it('bolds only the recovery path; a scenario the plan does not rely on reads "not relied on"', () => {
    const rows = markdown.split('\n').filter((line) => /^\| .*\| (RPO|not relied on)/.test(line));
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.filter((r) => !r.includes('**recovery path**'))) {
      expect(row).not.toContain('**');
      if (row.includes('missed')) expect(row).toContain('not relied on (');
    }
    expect(markdown).not.toMatch(/not relied on[^|]*\*\*/);
  });

  it('draws the cycle on wall-clock times that read 00:00 onwards in any time zone', () => {
    const gantt = markdown.slice(markdown.indexOf('gantt'), markdown.indexOf('```', markdown.indexOf('gantt')));
    expect(gantt).toContain('dateFormat YYYY-MM-DD HH:mm:ss');
    expect(gantt).not.toContain('dateFormat X');
    // The first step starts at the start of the cycle: 0 s is 00:00:00 on the chart's day.
    expect(gantt).toMatch(/1 suspend-log-pairs :c1, 2001-01-15 00:00:00, 2001-01-15 00:00:30/);
  });
});
