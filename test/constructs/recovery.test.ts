import { Manifest, Testing, type TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planDocumentSchema, PLAN_JSON_FILE, RUNBOOK_FILE, ServerRole, SiteRole } from '../../lib';
import { design, expectSanDrError, primaryProps, readIn, recoveryProps, stackDir } from './helpers';

const PLAN = 'test/Plan';
const RECOVERY = 'test/Plan/Recovery';

describe('recovery props: bad input is a SanDrError naming the prop', () => {
  test.each([
    ['a negative duration', { verification: '-5m' }, 'recoveryTimes.verification', '-5m'],
    ['not a duration', { databaseRestart: 'soon' }, 'recoveryTimes.databaseRestart', 'soon'],
    ['a number without a unit', { declareAndFence: 30 }, 'recoveryTimes.declareAndFence', 30],
  ])('recoveryTimes: %s', (_case, recoveryTimes, propPath, value) => {
    expectSanDrError(() => design({ plan: { recoveryTimes: recoveryTimes as never } }), { scope: PLAN, propPath, value, allowed: ['a duration'] });
  });

  test('an unknown recovery time is named', () => {
    expectSanDrError(() => design({ plan: { recoveryTimes: { verify: '5m' } as never } }), {
      scope: PLAN,
      propPath: 'recoveryTimes.verify',
      value: '5m',
      allowed: ['no such prop'],
    });
  });

  test('a failback window shorter than zero', () => {
    expectSanDrError(() => design({ plan: { failbackWindow: '-1h' } }), { scope: PLAN, propPath: 'failbackWindow', value: '-1h', allowed: ['a duration'] });
  });

  test('replaces at the primary site', () => {
    const servers = primaryProps().servers.map((s, i) => (i === 0 ? { ...s, replaces: 'was2' } : s));
    expectSanDrError(() => design({ primary: { servers } }), {
      scope: 'test/Plan/Primary',
      propPath: 'servers[0].replaces',
      value: 'was2',
      allowed: ['only a recovery-site server replaces a primary server'],
    });
  });

  // Checked once both sites are declared: when the stack is synthesized.
  const withReplaces = (replaces: Record<string, string>) =>
    design({ recovery: { servers: recoveryProps().servers.map((s) => (replaces[s.name] ? { ...s, replaces: replaces[s.name] } : s)) } });

  test.each([
    ['an unknown server', { 'was2-dr': 'was9' }, 'servers[1].replaces', 'was9', 'the name of a application server of primary site Primary (was1, was2)'],
    ['a server of the recovery site', { 'was2-dr': 'was1-dr' }, 'servers[1].replaces', 'was1-dr', 'was1-dr is a server of recovery site Recovery'],
    ['a server of another role', { 'was1-dr': 'db1' }, 'servers[0].replaces', 'db1', 'db1 is a database server'],
    ['a primary server another recovery server replaces', { 'was1-dr': 'was2', 'was2-dr': 'was2' }, 'servers[1].replaces', 'was2', 'was1-dr already replaces was2'],
  ])('replaces naming %s', (_case, replaces, propPath, value, allowed) => {
    const { stack } = withReplaces(replaces);
    expectSanDrError(() => Testing.synth(stack, true), { scope: RECOVERY, propPath, value, allowed: [allowed] });
  });

  test('a recovery site without a server for a primary application server fails synthesis with SDR-PEER-RECOVERY', () => {
    const servers = recoveryProps().servers.filter((s) => s.name !== 'was2-dr');
    const { stack } = design({ recovery: { servers }, tranlogs: { mountedOn: { recovery: ['was1-dr'] } } });
    expect(() => Testing.fullSynth(stack)).toThrow(/\[SDR-PEER-RECOVERY\] test\/Plan\/Recovery: No server at recovery site Recovery replaces primary application server was2/);
  });
});

describe('dr-runbook.md', () => {
  test('is written with the plan files; commands bound to recovery actions are quoted and never run', () => {
    const { stack } = design({
      plan: {
        commands: {
          'start-database': ({ params }) => ['ssh', params.host, 'db2start', '--note', "it's $(late)"],
          'declare-and-fence': ({ params }) => ['fence', params.site],
        },
      },
      recovery: { role: SiteRole.RECOVERY, servers: [...recoveryProps().servers, { name: 'spare', role: ServerRole.APPLICATION }] },
    });
    const outdir = Testing.fullSynth(stack);
    const runbook = readIn(outdir, stack, RUNBOOK_FILE);
    const doc = planDocumentSchema.parse(JSON.parse(readIn(outdir, stack, PLAN_JSON_FILE)));
    const failover = doc.plans[0].procedures.find((p) => p.kind === 'failover')!;
    const start = failover.steps.find((s) => s.id === 'start-database.db1-dr')!;
    expect(start.command).toBe("ssh db1-dr.example.com db2start --note 'it'\\''s $(late)'");
    expect(failover.steps.find((s) => s.id === 'declare-and-fence')!.command).toBe('fence Primary');
    expect(failover.steps.find((s) => s.id === 'verify-and-redirect')!.command).toBeNull();
    expect(runbook).toContain("     Command: `ssh db1-dr.example.com db2start --note 'it'\\''s $(late)'`");
    // Not a Terraform step: nothing in cdk.tf.json runs it.
    expect(readIn(outdir, stack, 'cdk.tf.json')).not.toContain('db2start');
    // A recovery server that replaces nobody starts without peer recovery, and says so.
    expect(runbook).toContain("Start spare; it replaces no primary server, so it recovers no peer's logs.");
    expect(runbook).toContain('## Plan Plan');
    expect(runbook).toMatch(/RPO 30m, RTO 4h\. The failover takes 1h 41m on its critical path: \*\*meets\*\* the RTO with 2h 19m to spare\./);
  });

  test('a design that fails writes a FAIL runbook beside its FAIL plan; one that cannot be read leaves none', () => {
    const good = design();
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-san-dr-runbook.'));
    const synthesizeInto = (stack: TerraformStack) => stack.synthesizer.synthesize({ outdir, manifest: new Manifest('stubbed', outdir, false) });
    synthesizeInto(good.stack);
    const runbook = path.join(stackDir(outdir, good.stack), RUNBOOK_FILE);
    expect(fs.readFileSync(runbook, 'utf8')).not.toContain('Verdict: FAIL');
    // RTO 10m against the 1h 41m failover: the plan and the runbook say FAIL.
    const slow = design({ plan: { rto: '10m' } });
    expect(() => synthesizeInto(slow.stack)).toThrow(/SDR-RTO-BUDGET/);
    const failed = fs.readFileSync(runbook, 'utf8');
    expect(failed).toContain('**Verdict: FAIL.** This design has unsuppressed errors');
    expect(failed).toContain('**BREACHES** the RTO by 1h 31m');
    // A replaces naming no primary server: the declaration cannot be read, nothing is written.
    const unreadable = design({ recovery: { servers: recoveryProps().servers.map((s, i) => (i === 0 ? { ...s, replaces: 'nobody' } : s)) } });
    expect(() => synthesizeInto(unreadable.stack)).toThrow(/servers\[0\]\.replaces/);
    expect(fs.existsSync(runbook)).toBe(false);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
