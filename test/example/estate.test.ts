import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApplicationStack, declareEstate, NetworkStack } from '../../examples/estate/stacks';

/**
 * examples/estate: a network stack with two circuits, three application stacks on them, and the
 * ledger stack that the example keeps commented out because it fails on the shared circuit.
 * Circuit A moves 155 Mbps x 0.93 / 8 - 20 Mbps / 8 = 18,018,750 - 2,500,000 = 15,518,750 B/s.
 */
describe('examples/estate', () => {
  const dirs: string[] = [];
  const newApp = () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-estate-example-'));
    dirs.push(outdir);
    return new App({ outdir });
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('passes as committed, every budget pooling the users of its circuit across stacks', () => {
    const app = newApp();
    const { applications } = declareEstate(app);
    app.synth();
    const [billing, payments, hr] = applications.map((a) => a.plan.analysis().budgets[0]);
    // Billing: 5 GiB/h x 900 s / 2 = 671,088,640 B, 43.2437 s alone; plus one payments snapshot: 86.4875 s.
    expect(billing.linkSharedBy).toBe(2);
    expect(billing.transferSeconds).toBeCloseTo(86.4875, 3);
    expect(billing.worstCaseSeconds).toBeCloseTo(1046.4875, 3);
    expect(payments.verdict).toBe('meets');
    // HR is alone on circuit B: 3 GiB/h x 900 s / 2 = 402,653,184 B over 11,625,000 B/s = 34.637 s.
    expect(hr.linkSharedBy).toBe(1);
    expect(hr.transferSeconds).toBeCloseTo(34.637, 3);
  });

  it('the ledger stack passes alone on circuit A and fails beside billing and payments', () => {
    const alone = newApp();
    const network = new NetworkStack(alone, 'network');
    const ledger = new ApplicationStack(alone, 'ledger', { link: network.circuitA, dataChangeRate: '20GiB/h', interval: '24m' });
    alone.synth();
    // 21 GiB/h x 1440 s / 2 = 4,509,715,660.8 B over 15,518,750 B/s = 290.600 s: 1440 + 60 + 290.600 = 1790.600 s.
    expect(ledger.plan.analysis().budgets[0].worstCaseSeconds).toBeCloseTo(1790.6, 2);
    expect(ledger.plan.analysis().budgets[0].verdict).toBe('meets');

    const shared = newApp();
    const estate = declareEstate(shared);
    const crowded = new ApplicationStack(shared, 'ledger', { link: estate.network.circuitA, dataChangeRate: '20GiB/h', interval: '24m' });
    expect(() => shared.synth()).toThrow(/SDR-RPO-BUDGET/);
    // Ledger waits for one snapshot each of billing and payments: 290.600 + 2 x 43.2437 = 377.087 s, worst 1877.087 s.
    const [budget] = crowded.plan.analysis().budgets;
    expect(budget.transferSeconds).toBeCloseTo(377.087, 2);
    expect(budget.verdict).toBe('breaches');
  });
});
