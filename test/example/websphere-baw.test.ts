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
    // 900 s + 60 s + 1 GiB / 11,625,000 B/s (92.365 s) = 1052.365 s.
    expect(budget.worstCaseSeconds).toBe(1052.365);
    expect(budget.verdict).toBe('meets');
  });

  it('fails synthesis at 27 minutes, although interval + snapshot (28m) fit in the RPO', () => {
    expect(() => synthesize('27m')).toThrow(
      // 27m + 1m + 2m 46.3s = 30m 46.3s; longest interval 26m 18s; 139 Mbps needed (see test/analysis/rpo.test.ts).
      /SDR-RPO-BUDGET.*worst case 30m 46\.3s = interval 27m \+ snapshot 1m \+ transfer 2m 46\.3s.*at most 26m 18s.*at least 139 Mbps/s,
    );
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
    // The full copy back: 520 GiB, 260 GiB sent / (11,625,000 - 1,193,046.47 B/s) = 26,761.323 s, within 12 h.
    expect(plan.recovery!.failback!.resyncs[0]).toMatchObject({ full: true, seconds: 26_761.323, withinWindow: true });
  });

  it('fails synthesis with SDR-RTO-BUDGET and the longest steps when the RTO is below the critical path', () => {
    expect(() => synthesize(undefined, '1h')).toThrow(
      /SDR-RTO-BUDGET.*cannot meet the 1h RTO: the failover takes 1h 41m on its critical path.*41m over the target\. Longest steps: declare-and-fence \(step 1, 30m: recoveryTimes\.declareAndFence \(default\)\), verify-and-redirect \(step 6, 30m: recoveryTimes\.verification \(default\)\), start-database\.db1-dr \(step 4, 20m/s,
    );
  });
});
