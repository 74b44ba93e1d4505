import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PLAN_JSON_FILE, PLAN_MARKDOWN_FILE } from '../../lib';

/**
 * Through the real `cdktf synth` CLI: a synthesis that fails leaves no dr-plan.json or dr-plan.md
 * from an earlier success in that stack's output directory (the stale-plan guarantee).
 */

const ROOT = path.resolve(__dirname, '../..');
const CDKTF = path.join(ROOT, 'node_modules/.bin/cdktf');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const APP = path.join(ROOT, 'test/fixtures/interval-app.ts');

function cdktfSynth(outdir: string, interval: string) {
  return spawnSync(CDKTF, ['synth', '--app', `${TSX} ${APP}`, '--output', outdir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', SDR_INTERVAL: interval, CI: '1', FORCE_COLOR: '0' },
    timeout: 120_000,
  });
}

test('cdktf synth: a passing design writes the plan; the same stack failing its RPO afterwards writes a FAIL plan and removes cdk.tf.json', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdr-cli.'));
  try {
    const stackDir = path.join(outdir, 'stacks', 'websphere-baw');
    const planFiles = () => [PLAN_JSON_FILE, PLAN_MARKDOWN_FILE].map((f) => fs.existsSync(path.join(stackDir, f)));

    const ok = cdktfSynth(outdir, '15m');
    expect(ok.status).toBe(0);
    expect(planFiles()).toEqual([true, true]);
    expect(JSON.parse(fs.readFileSync(path.join(stackDir, PLAN_JSON_FILE), 'utf8')).verdict).toBe('pass');

    const failed = cdktfSynth(outdir, '27m');
    expect(failed.status).not.toBe(0);
    const output = `${failed.stdout}${failed.stderr}`;
    expect(output).toContain('SDR-RPO-BUDGET');
    expect(output).toContain('worst case 33m 22.1s');
    // cdktf's hint would turn an error that cannot be suppressed into a deployable cdk.tf.json.
    expect(output).not.toContain('skipValidation: true');
    // The done-when of issue 13: the plan says FAIL with the numbers first, and nothing is deployable.
    expect(planFiles()).toEqual([true, true]);
    expect(JSON.parse(fs.readFileSync(path.join(stackDir, PLAN_JSON_FILE), 'utf8'))).toMatchObject({ verdict: 'fail', terraform: null });
    const md = fs.readFileSync(path.join(stackDir, PLAN_MARKDOWN_FILE), 'utf8');
    expect(md).toMatch(/^# Disaster-recovery plan: stack websphere-baw\n\n.*\n\n\*\*Verdict: FAIL\*\*.*\n\n## Why synthesis failed\n/);
    expect(fs.existsSync(path.join(stackDir, 'cdk.tf.json'))).toBe(false);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}, 240_000);
