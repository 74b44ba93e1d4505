import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LinkMode, PLAN_JSON_FILE, ReplicationLink, SanDrError, type PlanDocument } from '../../lib';
import { buildDesign, expectSanDrError, linkProps, stackDir, thrownBy } from './helpers';

/**
 * One link, one budget, across the stacks of an App: a `network` stack declares the link, two
 * application stacks ship over it. Each application is the WebSphere BAW design at 26m 18s,
 * the longest interval that meets its 30m RPO on the whole 100 Mbps link:
 * sent per snapshot 1578 s x 8 GiB/h / 2 = 1578 x 1193046.471 = 1882627331.4 B, 161.9464 s on 11,625,000 B/s,
 * worst case 1578 + 60 + 161.9464 = 1799.9464 s (29m 59.9s) alone.
 * Together each transfer waits for one snapshot of the other (ceil((323.9 + 323.9) / 1578) = 1):
 * 2 x 161.9464 = 323.8929 s, worst case 1578 + 60 + 323.8929 = 1961.8929 s (32m 41.9s).
 */
describe('a link declared in a network stack and used by two application stacks', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  function declare(appStacks: readonly string[]) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-shared-link-'));
    dirs.push(outdir);
    const app = new App({ outdir });
    const network = new TerraformStack(app, 'network');
    const wan = new ReplicationLink(network, 'Wan', linkProps());
    const designs = appStacks.map((id) =>
      buildDesign(new TerraformStack(app, id), { useLink: wan, schedule: { interval: '26m18s' } }),
    );
    return { app, outdir, network, designs };
  }

  const planOf = (outdir: string, stack: TerraformStack): PlanDocument =>
    JSON.parse(fs.readFileSync(path.join(stackDir(outdir, stack), PLAN_JSON_FILE), 'utf8'));

  it('passes with one application stack: it has the link to itself', () => {
    const { app, outdir, network, designs } = declare(['billing']);
    app.synth();
    const [budget] = designs[0].plan.analysis().budgets;
    expect(budget.linkSharedBy).toBe(1);
    expect(budget.worstCaseSeconds).toBeCloseTo(1799.9464, 3);
    expect(budget.verdict).toBe('meets');
    // The network stack's plan lists its link and the user in the other stack.
    const doc = planOf(outdir, network);
    expect(doc.plans).toEqual([]);
    expect(doc.links.map((l) => [l.id, l.stack, l.usedBy])).toEqual([['network/Wan', 'network', ['billing/Plan/RuntimeData']]]);
  });

  it('fails both application stacks together, with the numbers, although each passes alone', () => {
    const { app, outdir, designs } = declare(['billing', 'payments']);
    const error = thrownBy(() => app.synth());
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('SDR-RPO-BUDGET');
    expect(message).toContain('worst case 32m 41.9s = interval 26m 18s + snapshot 1m + transfer 5m 23.9s');
    for (const { plan } of designs) {
      const [budget] = plan.analysis().budgets;
      expect(budget.linkSharedBy).toBe(2);
      expect(budget.transferSeconds).toBeCloseTo(323.8929, 3);
      expect(budget.worstCaseSeconds).toBeCloseTo(1961.8929, 3);
      expect(budget.verdict).toBe('breaches');
      const finding = plan.analysis().findings.find((f) => f.ruleId === 'SDR-RPO-BUDGET')!;
      expect(finding.message).toContain('up to 1.75 GiB of the 1 other schedule on the link (2m 41.9s)');
      // Longest interval with the other still at 26m 18s: I + 60 + 0.1026276 I + 161.9464 = 1800,
      // I = 1578.0536 / 1.1026276 = 1431.17 -> 1431 s = 23m 51s.
      expect(budget.fix.longestIntervalSeconds).toBe(1431);
      expect(finding.fix).toContain('at most 23m 51s');
    }
    // A failed synthesis leaves no plan that claims success: a plan written is a FAIL plan.
    for (const { stack } of designs) {
      const file = path.join(stackDir(outdir, stack), PLAN_JSON_FILE);
      if (fs.existsSync(file)) expect(planOf(outdir, stack)).toMatchObject({ verdict: 'fail', terraform: null });
    }
    expect(fs.existsSync(path.join(stackDir(outdir, designs[0].stack), PLAN_JSON_FILE))).toBe(true);
  });

  it('passes both once the link gets the line rate the finding asks for; each plan names the other stack\'s user and its load', () => {
    const required = (() => {
      const probe = declare(['billing', 'payments']);
      return probe.designs[0].plan.analysis().budgets[0].fix.requiredLineRateBitsPerSecond!;
    })();
    expect(required).toBeGreaterThan(100e6);
    const fixed = (() => {
      const outdir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-shared-link-'));
      dirs.push(outdir2);
      const app2 = new App({ outdir: outdir2 });
      const wan = new ReplicationLink(new TerraformStack(app2, 'network'), 'Wan', { ...linkProps(), bandwidth: `${required / 1e6}Mbps` });
      const ds = ['billing', 'payments'].map((id) => buildDesign(new TerraformStack(app2, id), { useLink: wan, schedule: { interval: '26m18s' } }));
      app2.synth();
      return { outdir: outdir2, designs: ds };
    })();
    for (const { plan } of fixed.designs) expect(plan.analysis().budgets[0].verdict).toBe('meets');
    const billing = planOf(fixed.outdir, fixed.designs[0].stack);
    const [wan] = billing.links;
    expect(wan.stack).toBe('network');
    expect(wan.users.map((u) => [u.id, u.stack, u.kind])).toEqual([
      ['billing/Plan/RuntimeData', 'billing', 'schedule'],
      ['payments/Plan/RuntimeData', 'payments', 'schedule'],
    ]);
    // 1882627331.4 B per 1578 s = 1193046.47 B/s on average.
    expect(wan.users[1].loadBytesPerSecond).toBeCloseTo(1193046.47, 1);
    const markdown = fs.readFileSync(path.join(stackDir(fixed.outdir, fixed.designs[0].stack), 'dr-plan.md'), 'utf8');
    expect(markdown).toContain('### Users of these links in other stacks');
    expect(markdown).toMatch(/\| Wan \| payments \| Plan\/RuntimeData \| snapshot schedule \| 1\.75 GiB per 26m 18s/);
  });

  it('refuses two links of one circuit with different line rates, naming both', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-shared-link-')) });
    dirs.push(app.outdir);
    const network = new TerraformStack(app, 'network');
    new ReplicationLink(network, 'WanA', { ...linkProps(), circuitId: 'ATT-4711' });
    const other = new ReplicationLink(new TerraformStack(app, 'billing'), 'WanB', { ...linkProps(), bandwidth: '200Mbps', circuitId: 'ATT-4711' });
    buildDesign(other.node.scope as TerraformStack, { useLink: other });
    const error = thrownBy(() => app.synth());
    expect(error).toBeInstanceOf(SanDrError);
    expect((error as SanDrError).message).toBe(
      'billing/WanB: bandwidth: got "200 Mbps x 0.93"; expected the bandwidth and efficiency of network/WanA, which declares ' +
        'the same circuitId "ATT-4711" with 100 Mbps x 0.93 (one circuit has one line rate)',
    );
  });

  it('carries synchronousPriority into the declaration only when declared, and refuses a non-boolean', () => {
    const stack = new TerraformStack(new App(), 'network');
    const declared = new ReplicationLink(stack, 'Qos', { ...linkProps(), synchronousPriority: true });
    const plain = new ReplicationLink(stack, 'Plain', linkProps());
    expect(declared._declaration().syncPriority).toBe(true);
    // Absent, not false: the plans of links without it stay byte-identical to before.
    expect(plain._declaration()).not.toHaveProperty('syncPriority');
    expectSanDrError(() => new ReplicationLink(stack, 'Bad', { ...linkProps(), synchronousPriority: 'yes' as unknown as boolean }), {
      scope: 'network/Bad',
      propPath: 'synchronousPriority',
      value: 'yes',
      allowed: ['true or false'],
    });
  });

  it('refuses other traffic at or above what the link carries', () => {
    const stack = new TerraformStack(new App(), 'network');
    expectSanDrError(() => new ReplicationLink(stack, 'Wan', { ...linkProps(), otherTraffic: '93Mbps' }), {
      scope: 'network/Wan',
      propPath: 'otherTraffic',
      value: '93Mbps',
      allowed: ["a rate below the link's payload rate (bandwidth x efficiency = 93 Mbps)"],
    });
    expect(() => new ReplicationLink(stack, 'Wan2', { ...linkProps(), mode: LinkMode.ASYNC, otherTraffic: '92.9Mbps' })).not.toThrow();
  });
});
