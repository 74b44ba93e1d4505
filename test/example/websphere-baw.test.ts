import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { planDocumentSchema } from '../../lib';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';

function synthesize(interval?: string, rto?: string): string {
  const stack = new WebSphereBawStack(Testing.app(), 'websphere-baw', { interval, rto });
  return path.join(Testing.fullSynth(stack), 'stacks', 'websphere-baw');
}

describe('examples/websphere-baw', () => {
  const dir = synthesize();
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  // Reviewed snapshots: a change to the plan's wording, numbers or steps shows up here first.
  it('renders the reviewed dr-plan.md', () => {
    expect(read('dr-plan.md')).toMatchSnapshot();
  });

  it('writes the reviewed dr-plan.json, valid against its own schema', () => {
    const document = JSON.parse(read('dr-plan.json'));
    expect(planDocumentSchema.safeParse(document).success).toBe(true);
    expect(document).toMatchSnapshot();
  });

  it('meets its 30-minute RPO at a 15-minute interval', () => {
    const [budget] = planDocumentSchema.parse(JSON.parse(read('dr-plan.json'))).plans[0].rpoBudgets;
    // Busiest 15 minutes of the CSV: 01:45-02:00, three 5-minute rows of 1200 MiB = 3,774,873,600 B;
    // logs 1 GiB/h and tranlogs 2 GiB/h for 900 s add 268,435,456 + 536,870,912 B: 4,580,179,968 B.
    // Sent at 2:1: 2,290,089,984 B / 11,625,000 B/s = 196.997 s; 900 + 60 + 196.997 = 1156.997 s.
    expect(budget.changedBytes).toBe(4_580_179_968);
    expect(budget.worstCaseSeconds).toBe(1156.997);
    expect(budget.verdict).toBe('meets');
    expect(budget.load?.busiestWindow.label).toBe('2026-11-02 01:45–02:00 UTC');
  });

  it('draws the daily change profile with the link share as a line, and names the busiest window', () => {
    const md = read('dr-plan.md');
    expect(md).toContain('Busiest 15m window: 2026-11-02 01:45–02:00 UTC, 4.27 GiB.');
    expect(md).toContain('```mermaid\nxychart-beta\n  title "Change rate of RuntimeData by hour of the busiest day"');
    // Hour 01: (9 x 900 + 3 x 1200) MiB of data in 3600 s = 3.41 MB/s, plus logs 0.298 and tranlogs 0.597 MB/s = 4.3 MB/s.
    expect(md).toMatch(/ {2}bar \[1\.03, 4\.3, /);
    // The share of the link in changed data: 11,625,000 B/s x 2:1 = 23.25 MB/s, shown as 23.3.
    expect(md).toContain(`  line [${new Array(24).fill('23.3').join(', ')}]`);
    // The JSON carries the summary, never the 288 samples.
    const [budget] = planDocumentSchema.parse(JSON.parse(read('dr-plan.json'))).plans[0].rpoBudgets;
    expect(budget.load?.hourlyBytesPerSecond).toHaveLength(24);
    expect(read('dr-plan.json')).not.toContain('bytesPerSecond":[');
  });

  it('fails synthesis at 27 minutes, naming the busiest window, although interval + snapshot (28m) fit in the RPO', () => {
    expect(() => synthesize('27m')).toThrow(
      // Busiest 27m, 01:35-02:02: 2 rows of 900 + 3 of 1200 + 2 min at 900 MiB/5 min = 5760 MiB of data,
      // plus logs 0.45 GiB and tranlogs 0.9 GiB = 7,489,349,222.4 B; sent at 2:1 over 11,625,000 B/s:
      // 322.1 s. 27m + 1m + 5m 22.1s = 33m 22.1s. Line rate: 3,744,674,611.2 B x 8 / (0.93 x 120 s)
      // = 268.4 Mbps -> 269 Mbps.
      /SDR-RPO-BUDGET.*worst case 33m 22\.1s = interval 27m \+ snapshot 1m \+ transfer 5m 22\.1s \(6\.98 GiB changed in the busiest 27m window, 2026-11-02 01:35–02:02 UTC.*at most 24m 7s.*at least 269 Mbps/s,
    );
  });

  it('the longest interval of the fix is exact: 24m 7s meets the RPO, 24m 8s does not', () => {
    const worstAt = (interval: string) => {
      const dir = synthesize(interval);
      return planDocumentSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'dr-plan.json'), 'utf8'))).plans[0].rpoBudgets[0];
    };
    expect(worstAt('1447s').worstCaseSeconds).toBeLessThanOrEqual(1800);
    expect(() => synthesize('1448s')).toThrow(/SDR-RPO-BUDGET/);
  });

  it('writes dr-runbook.md: failover, drill and failback as checklists, the failover against the RTO', () => {
    const runbook = read('dr-runbook.md');
    expect(runbook).toMatchSnapshot();
    expect(runbook).toContain('### Failover of plan Baw to recovery site Recovery');
    expect(runbook).toContain('### Disaster-recovery drill of plan Baw at Recovery');
    expect(runbook).toContain('### Failback of plan Baw to primary site Primary');
    expect(runbook).toContain('```mermaid\ngantt\n');
    // 1h 41m = declare and fence 30m + snapshot writable 1m + mount 5m + database 20m + peer recovery 15m + verify 30m.
    expect(runbook).toContain('RPO 30m, RTO 4h. The failover takes 1h 41m on its critical path: **meets** the RTO with 2h 19m to spare.');
    const [plan] = planDocumentSchema.parse(JSON.parse(read('dr-plan.json'))).plans;
    const failover = plan.procedures.find((p) => p.kind === 'failover')!;
    const onPath = failover.steps.filter((step) => step.critical);
    expect(onPath.reduce((total, step) => total + step.durationSeconds!, 0)).toBe(failover.totalSeconds);
    expect(failover.totalSeconds).toBe(1800 + 60 + 300 + 1200 + 900 + 1800);
    // The full copy back: 520 GiB, 260 GiB (279,172,874,240 B) sent while the recovery site writes at the rate of
    // the measured day's busiest hour, 2,151,328.427 B/s on the wire at 2:1:
    // 279,172,874,240 / (11,625,000 - 2,151,328.427) = 29,468.287 s (8h 11m 8.3s), within 12 h.
    const [resync] = plan.recovery!.failback!.resyncs;
    expect(resync).toMatchObject({ full: true, sentBytes: 279_172_874_240, writeSentBytesPerSecond: 2_151_328.427, withinWindow: true });
    expect(resync.seconds).toBeCloseTo(279_172_874_240 / (11_625_000 - 2_151_328.427), 2);
  });

  it('fails synthesis with SDR-RTO-BUDGET and the longest steps when the RTO is below the critical path', () => {
    expect(() => synthesize(undefined, '1h')).toThrow(
      /SDR-RTO-BUDGET.*cannot meet the 1h RTO: the failover takes 1h 41m on its critical path.*41m over the target\. Longest steps: declare-and-fence \(step 1, 30m: recoveryTimes\.declareAndFence \(default\)\), verify-and-redirect \(step 6, 30m: recoveryTimes\.verification \(default\)\), start-database\.db1-dr \(step 4, 20m/s,
    );
  });
});
