import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { App, TerraformStack } from 'cdktf';
import {
  DataCenter,
  LinkMode,
  DisasterRecoveryPlan,
  DrSuppressions,
  PLAN_JSON_FILE,
  PLAN_MARKDOWN_FILE,
  ReplicationLink,
  ServerRole,
  SiteRole,
  SnapshotSchedule,
  SplitMirrorBackup,
  type StepCommands,
} from '../../lib';
import { SanVolumePair, TranlogVolume } from '../../lib';
import { STEP_ACTIONS } from '../../lib/analysis/steps';
import { cli } from '../cli/helpers';
import { terraformStoredValue } from '../../lib/escape';
import { configureProperties, hostileString } from '../escape/hostile';
import { dataProps, linkProps, logsProps, tranlogsProps } from './helpers';
import { backupProps } from './split-mirror-helpers';

configureProperties();

/**
 * Issue 12: every user-supplied string that reaches an output, drawn from a hostile alphabet.
 * Free-text fields (construct ids of every construct, suppression reasons, every bound command's
 * argv, the write-suspend argv) take any string; name-like props (servers, hosts, placements,
 * volume sets, split-mirror volumes) take the valid strings that are still Markdown (`_a_`,
 * `1.`, `a--b`). The same design with clean names is the reference:
 * - dr-plan.md, `report` and the diff comment parse (CommonMark + GFM tables) to the same
 *   structure: headings, table rows, lists, code blocks; no HTML;
 * - every cdk.tf.json string reads back through Terraform's template rules as a literal, and
 *   triggers and commands as the values dr-plan.json records;
 * - `report --format text` holds no control character but line feeds;
 * - the CLI reads back every plan synthesis wrote (exit 0).
 */
interface Names {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly argv: readonly string[];
  readonly reason: string;
}

const IDS = 12;
const NAMES = 8;

/** Valid name props that are still Markdown or Mermaid syntax. */
const trickyName = fc
  .tuple(fc.constantFrom('a', '1', 'x'), fc.array(fc.constantFrom('_', '.', '-', 'a', '1', '__'), { maxLength: 6 }))
  .map(([first, rest]) => `${first}${rest.join('')}`);

const clean = (prefix: string): Names => ({
  ids: Array.from({ length: IDS }, (_, i) => `${prefix}${i}`),
  names: Array.from({ length: NAMES }, (_, i) => `${prefix.toLowerCase()}${i}`),
  argv: ['clean', 'argv'],
  reason: 'Accepted for the test because the pools are separate arrays.',
});

const hostileNames: fc.Arbitrary<Names> = fc.record({
  // Construct ids may hold anything but "/"; a suffix keeps siblings apart.
  ids: fc.array(hostileString(6), { minLength: IDS, maxLength: IDS }).map((ids) => ids.map((id, i) => `${id.replace(/\//g, '')} ${i}`)),
  names: fc.array(trickyName, { minLength: NAMES, maxLength: NAMES }).map((names) => names.map((n, i) => `${n}${i}`)),
  argv: fc.array(hostileString(6).map((s) => s.replace(/\0/g, '')), { minLength: 1, maxLength: 3 }),
  reason: hostileString(6).map((s) => `Accepted because ${s} was reviewed.`),
});

function declare(app: App, n: Names): void {
  const commands: StepCommands = Object.fromEntries(
    STEP_ACTIONS.map((action) => [action, (step: { params: Record<string, string> }) => ['tool', ...n.argv, (step.params.volume ?? step.params.path ?? '').replace(/\0/g, '')]]),
  );
  const host = (i: number) => `${n.names[i].replace(/[_.]+/g, '-').replace(/-+$/, '')}x.example.com`;

  // Stack 1: the WebSphere shape, logs placed with the data (a warning, suppressed with the reason).
  const web = new TerraformStack(app, 'web');
  const plan = new DisasterRecoveryPlan(web, n.ids[0], { rpo: '30m', rto: '4h', commands });
  const site = (id: string, role: SiteRole, offset: number) =>
    new DataCenter(plan, id, {
      role,
      servers: [
        { name: n.names[offset], role: ServerRole.APPLICATION, host: host(offset) },
        { name: n.names[offset + 1], role: ServerRole.DATABASE, host: host(offset + 1) },
      ],
    });
  site(n.ids[1], SiteRole.PRIMARY, 0);
  site(n.ids[2], SiteRole.RECOVERY, 2);
  const placement = { primary: n.names[4], recovery: n.names[5] };
  const data = new SanVolumePair(plan, n.ids[3], { ...dataProps(), placement });
  const logs = new SanVolumePair(plan, n.ids[4], { ...logsProps(), placement });
  const tranlogs = new TranlogVolume(plan, n.ids[5], tranlogsProps());
  const link = new ReplicationLink(web, n.ids[6], linkProps());
  new SnapshotSchedule(plan, n.ids[7], { volumes: [data, logs, tranlogs], link, interval: '15m', snapshotTime: '1m', retention: 4 });
  DrSuppressions.add(plan, [{ id: 'SDR-LOG-DATA-PLACEMENT', reason: n.reason }], { applyToChildren: true });

  // Stack 2: seed 003's split-mirror backup, its write-suspend argv hostile too.
  const db2 = new TerraformStack(app, 'db2');
  const plan2 = new DisasterRecoveryPlan(db2, n.ids[8], { rpo: '15m', rto: '4h', commands });
  new DataCenter(plan2, n.ids[9], { role: SiteRole.PRIMARY, servers: [{ name: n.names[6], role: ServerRole.DATABASE, host: host(6) }] });
  new DataCenter(plan2, n.ids[10], { role: SiteRole.RECOVERY, servers: [{ name: n.names[7], role: ServerRole.DATABASE, host: host(7) }] });
  const pprc = new ReplicationLink(db2, n.ids[11], { mode: LinkMode.SYNC, bandwidth: '800Mbps', efficiency: 1, roundTrip: '0.4ms', distanceKm: 20 });
  const props = backupProps(pprc);
  const set = (i: number, lss: readonly string[]) => ({ name: `${n.names[i]}s`, logicalSubsystems: [...lss] });
  new SplitMirrorBackup(plan2, `${n.ids[11]}b`, {
    ...props,
    volumes: props.volumes.map((v, i) => ({ ...v, name: `${n.names[i]}v` })),
    volumeSets: {
      live: set(0, props.volumeSets.live.logicalSubsystems),
      mirror: set(1, props.volumeSets.mirror.logicalSubsystems),
      safetyCopy: set(2, props.volumeSets.safetyCopy.logicalSubsystems),
      standby: set(2, props.volumeSets.standby.logicalSubsystems),
      tapeStaging: set(3, props.volumeSets.tapeStaging.logicalSubsystems),
    },
    writeSuspend: { ...props.writeSuspend, command: ['suspend', ...n.argv], resumeCommand: ['resume', ...n.argv] },
  });
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function synthesize(n: Names): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-hostile.'));
  dirs.push(outdir);
  const app = new App({ outdir });
  declare(app, n);
  app.synth();
  return outdir;
}


const markdown = new MarkdownIt('default', { html: true });

/** The block structure a reader sees: headings, tables and their rows, lists and items, code blocks. */
function structure(source: string): string[] {
  return markdown
    .parse(source, {})
    .filter((t) => t.block && t.type !== 'inline')
    .map((t) => (t.type === 'fence' ? `fence ${t.info}` : `${t.type} ${t.tag}`));
}

function inlineKinds(source: string): Set<string> {
  return new Set(markdown.parse(source, {}).flatMap((t) => (t.children ?? []).map((c) => c.type)));
}

/** Every string value of cdk.tf.json but Terraform's "//" comments. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).filter(([k]) => k !== '//').flatMap(([, v]) => strings(v));
  return [];
}

function readStack(outdir: string, stack: string) {
  const dir = path.join(outdir, 'stacks', stack);
  return {
    tf: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')),
    plan: JSON.parse(fs.readFileSync(path.join(dir, PLAN_JSON_FILE), 'utf8')),
    md: fs.readFileSync(path.join(dir, PLAN_MARKDOWN_FILE), 'utf8'),
  };
}

const STACKS = ['web', 'db2'];

test('hostile strings in every user-supplied field: same Markdown structure, literal Terraform, clean terminal, readable plans', () => {
  const reference = synthesize(clean('N'));
  const other = synthesize(clean('M'));
  const referenceReport = cli('report', reference).stdout;
  const referenceDiff = cli('diff', reference, other).stdout;
  fc.assert(
    fc.property(hostileNames, (names) => {
      const outdir = synthesize(names);
      for (const stack of STACKS) {
        const ours = readStack(outdir, stack);
        expect(structure(ours.md)).toEqual(structure(readStack(reference, stack).md));
        expect([...inlineKinds(ours.md)].filter((k) => /html|link|image/.test(k))).toEqual([]);

        const stored = strings(ours.tf).map((s) => [s, terraformStoredValue(s)] as const);
        expect(stored.filter(([, value]) => value === undefined)).toEqual([]);
        const resources = Object.values(ours.tf.resource.null_resource) as { triggers: Record<string, string>; provisioner?: { 'local-exec': { command: string } }[] }[];
        const key = (record: Record<string, string>) => JSON.stringify(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
        const storedTriggers = resources.map((r) => key(Object.fromEntries(Object.entries(r.triggers).map(([k, v]) => [k, terraformStoredValue(v)!])))).sort();
        const planTriggers = ours.plan.plans.flatMap((p: { steps: { action: string; params: Record<string, string> }[] }) => p.steps.map((s) => key({ action: s.action, ...s.params }))).sort();
        expect(storedTriggers).toEqual(planTriggers);
        const storedCommands = resources.map((r) => terraformStoredValue(r.provisioner?.[0]['local-exec'].command ?? '')).sort();
        const planCommands = ours.plan.plans.flatMap((p: { steps: { command: string | null }[] }) => p.steps.map((s) => s.command ?? '')).sort();
        expect(storedCommands).toEqual(planCommands);
      }

      const report = cli('report', outdir);
      expect(report.code).toBe(0);
      expect(structure(report.stdout)).toEqual(structure(referenceReport));
      const text = cli('report', '--format', 'text', outdir);
      expect(text.code).toBe(0);
      expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      const json = cli('report', '--format', 'json', outdir);
      expect(json.code).toBe(0);
      const diff = cli('diff', reference, outdir);
      expect(diff.code).toBe(0);
      expect(structure(diff.stdout)).toEqual(structure(referenceDiff));
    }),
    { numRuns: 20 },
  );
});
