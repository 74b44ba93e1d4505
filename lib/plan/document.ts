import { z } from 'zod';
import type { PlanAnalysis } from '../estate';
import { compareText } from '../analysis/steps';
import type { LinkDecl } from '../model/design';
import { siteMounts } from '../model/mounts';
import { peersOf } from '../model/peers';
import type { BusiestWindow, ChangeLoad } from '../analysis/change';
import { effectiveBytesPerSecond } from '../analysis/rpo';
import { windowLabel } from '../rules/explain';
import { finiteOrNull, round, roundPositive } from './numbers';
import { procedureEntries, procedureSchema, recoveryEntry, recoverySchema } from './recovery-document';
import { splitMirrorEntry, splitMirrorSchema } from './split-mirror-document';
import { declarationEntry, declarationSchema } from './declaration';
import type { SuppressionDecl } from '../model/design';

/**
 * `dr-plan.json`: what reviewers diff and what tools read back. The zod schema is the type:
 * readers validate against it, so a file from another version fails with a clear message.
 * Bump PLAN_SCHEMA_VERSION on any change a reader could notice.
 */
export const PLAN_SCHEMA_VERSION = 4;

/**
 * Versions this library reads. Version 2 added a finding's `suppression` (present only on a
 * suppressed finding) and each plan's `splitMirrors` (read as none when absent); a version 1
 * document is a valid version 2 document without them, so the plan of a base branch built with
 * the previous release can still be diffed. Version 3 added `terraform`, the fingerprint of the
 * cdk.tf.json written in the same run (required from version 3 on, absent before).
 * Version 3 also added each volume's `changeRate` (its profile's summary) and `writeSizeBytes`,
 * each link's `grainBytes` and each periodic budget's `load` (busiest window, hourly shape,
 * grain amplification); all read as absent before it.
 * Version 3 also added what links shared across stacks and
 * repositories need: each link's `otherTrafficBytesPerSecond`, `sharing`, `circuitId`, `stack` and
 * `users` (every user in the App, with its stack and load), and each budget's `linkSharing`,
 * `waitSeconds`, `interferenceBytes` and `starvedBy`. Older documents read with the defaults
 * below; the `estate` command needs version 4 (the declaration).
 * Version 3 also added each plan's recovery `procedures` and `recovery` figures (read as none
 * and null when absent), a recovery server's `replaces`, and, in split mirrors, the write-suspend
 * window's `parts` and the point-in-time `logsToApply`.
 * Version 4 added `declaration` (lib/plan/declaration.ts): the stack's plans, the links they use
 * and its suppressions as the analysis reads them, which `cdktf-san-dr estate` joins across
 * synthesis outputs. Required from version 4 on; `estate` refuses older plans.
 */
export const READABLE_PLAN_SCHEMA_VERSIONS: readonly number[] = [1, 2, 3, PLAN_SCHEMA_VERSION];

const seconds = z.number().nonnegative();
const nullableNumber = z.number().nullable();
const level = z.enum(['error', 'warning', 'info']);
const unitFamily = z.enum(['binary', 'decimal']);

const serverSchema = z.strictObject({
  name: z.string(),
  role: z.enum(['application', 'database']),
  host: z.string(),
  mountPaths: z.array(z.string()),
  /** Recovery site, version 3: the primary server whose logs this one recovers; null when none. */
  replaces: z.string().nullable().optional(),
});

const siteSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: z.enum(['primary', 'recovery']),
  servers: z.array(serverSchema),
});

const volumeSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['san-volume', 'tranlog-dfs']),
  capacityBytes: z.number().nonnegative(),
  averageChangeBytesPerSecond: z.number().nonnegative(),
  peakChangeBytesPerSecond: nullableNumber,
  holds: z.array(z.string()),
  mountPath: z.string(),
  mountedOn: z.strictObject({ primary: z.array(z.string()), recovery: z.array(z.string()) }),
  placement: z.strictObject({ primary: z.string().nullable(), recovery: z.string().nullable() }),
  fileSystem: z.strictObject({ protocol: z.enum(['nfs3', 'nfs4']), mountOptions: z.array(z.string()) }).nullable(),
  /** Added in version 3: what the rate counts, and the summary of its profile (never the samples). */
  changeRate: z
    .strictObject({
      kind: z.enum(['changed', 'host-writes']),
      profile: z
        .strictObject({
          shape: z.enum(['daily', 'measured']),
          stepSeconds: seconds,
          steps: z.number().int().positive(),
          startEpochSeconds: nullableNumber,
          source: z.string().nullable(),
        })
        .nullable(),
    })
    .optional(),
  /** Added in version 3. */
  writeSizeBytes: nullableNumber.optional(),
  /** The unit families capacity and change rate were declared in (version 3; absent before). */
  units: z.strictObject({ capacity: unitFamily, changeRate: unitFamily }).optional(),
});

const windowSchema = z.strictObject({
  windowSeconds: seconds,
  bytes: z.number().nonnegative(),
  /** Seconds after midnight (daily) or since 1970 (measured); null: no one window (see basis). */
  startSeconds: nullableNumber,
  shape: z.enum(['daily', 'measured']).nullable(),
  /** "02:00–02:15", or null. */
  label: z.string().nullable(),
});

const loadSchema = z.strictObject({
  basis: z.enum(['average', 'profile', 'sum-of-maxima']),
  busiestWindow: windowSchema,
  busiestIntervalWindow: windowSchema.nullable(),
  peakBytesPerSecond: z.number().nonnegative(),
  averageBytesPerSecond: z.number().nonnegative(),
  amplification: z.number().min(1),
  /** Per hour of the day, the busiest day's mean rate as shipped. */
  hourlyBytesPerSecond: z.array(z.number().nonnegative()).length(24),
});

const scheduleSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  volumes: z.array(z.string()),
  link: z.string(),
  intervalSeconds: seconds,
  snapshotSeconds: seconds,
  retention: z.number().int().positive(),
  cycle: z.enum(['fixed', 'continuous']),
});

const budgetSchema = z.strictObject({
  schedule: z.string(),
  link: z.string(),
  mode: z.enum(['periodic', 'synchronous']),
  cycle: z.enum(['fixed', 'continuous']),
  intervalSeconds: seconds,
  snapshotSeconds: seconds,
  periodSeconds: seconds,
  changedBytes: z.number().nonnegative(),
  sentBytes: z.number().nonnegative(),
  linkSharedBy: z.number().int().positive(),
  /** Before version 3 every shared budget was 1/n of the link. */
  linkSharing: z.enum(['any', 'per-schedule']).default('per-schedule'),
  shareBytesPerSecond: z.number().nonnegative(),
  /** null: unbounded (waits behind a schedule whose backlog grows without bound). */
  transferSeconds: seconds.nullable(),
  waitSeconds: seconds.nullable().default(0),
  interferenceBytes: z.number().nonnegative().default(0),
  /** The schedule whose unbounded backlog leaves this one without a bound. */
  starvedBy: z.string().nullable().default(null),
  /** The split-mirror backup (its name) whose cycle outgrows its interval, when that is what leaves this schedule without a bound. */
  starvedByBackup: z.string().optional(),
  /** Split-mirror backups (their names) whose resync copies share the circuit and count in the wait (added within version 4). */
  resyncOf: z.array(z.string()).optional(),
  completionSeconds: seconds.nullable(),
  /** null: unbounded. */
  worstCaseSeconds: nullableNumber,
  targetSeconds: seconds,
  /** null: unbounded worst case, so no margin. */
  marginSeconds: nullableNumber,
  verdict: z.enum(['meets', 'breaches', 'unsustainable']),
  /** Added in version 3; periodic budgets only. */
  load: loadSchema.optional(),
  fix: z.strictObject({
    longestIntervalSeconds: nullableNumber,
    requiredLineRateBitsPerSecond: nullableNumber,
  }),
});

const stepSchema = z.strictObject({
  order: z.number().int().positive(),
  id: z.string(),
  phase: z.enum(['primary', 'replication', 'recovery', 'schedule']),
  action: z.string(),
  title: z.string(),
  site: z.string().nullable(),
  server: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  dependsOn: z.array(z.string()),
  /**
   * The shell command Terraform runs; null when an operator carries the step out. A cdktf token
   * in it is written as the Terraform expression it resolves to (`${null_resource.host.id}`).
   */
  command: z.string().nullable(),
});

const findingSchema = z.strictObject({
  ruleId: z.string(),
  level,
  title: z.string(),
  path: z.string(),
  message: z.string(),
  fix: z.string(),
  /** Only on a suppressed finding: it does not count towards the verdict. */
  suppression: z.strictObject({ path: z.string(), reason: z.string() }).optional(),
});

/** A user of a link and its load: what a reviewer of one stack needs to know of the others. */
const linkUserSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['schedule', 'split-mirror']),
  stack: z.string().nullable(),
  plan: z.string(),
  /** Snapshot schedules: bytes sent per period; null for synchronous users. */
  sentBytes: z.number().nonnegative().nullable(),
  periodSeconds: seconds.nullable(),
  /** Long-run load on the link, bytes per second (peak writes for synchronous users). */
  loadBytesPerSecond: z.number().nonnegative(),
  verdict: z.enum(['meets', 'breaches', 'unsustainable']).nullable(),
});

const linkSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  mode: z.enum(['sync', 'async']),
  lineRateBitsPerSecond: z.number().positive(),
  efficiency: z.number().positive(),
  effectiveBytesPerSecond: z.number().positive(),
  compressionRatio: z.number().min(1),
  roundTripSeconds: nullableNumber,
  distanceKm: nullableNumber,
  preservesWriteOrder: z.boolean(),
  maxSyncRoundTripSeconds: seconds,
  maxSyncDistanceKm: z.number().positive(),
  /** Every schedule and split mirror in the App that uses the link (the estate's users, not only this stack's). */
  usedBy: z.array(z.string()),
  otherTrafficBytesPerSecond: z.number().nonnegative().nullable().default(null),
  sharing: z.enum(['any', 'per-schedule']).default('any'),
  circuitId: z.string().nullable().default(null),
  /** Whether the link declares that its circuit prioritises synchronous writes; absent when not (added within version 4). */
  syncPriority: z.boolean().optional(),
  /** The stack the link is declared in. */
  stack: z.string().nullable().default(null),
  users: z.array(linkUserSchema).default([]),
  /** Added in version 3. */
  grainBytes: nullableNumber.optional(),
});

const counts = z.strictObject({
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  infos: z.number().int().nonnegative(),
});

const planSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  rpoSeconds: seconds,
  rtoSeconds: nullableNumber,
  verdict: z.enum(['pass', 'fail']),
  findingCounts: counts,
  sites: z.array(siteSchema),
  volumes: z.array(volumeSchema),
  schedules: z.array(scheduleSchema),
  rpoBudgets: z.array(budgetSchema),
  steps: z.array(stepSchema),
  /** Seed 003's split-mirror backups (added in schema version 2). */
  splitMirrors: z.array(splitMirrorSchema).default([]),
  /** Failover, drill, failback and the split mirrors' scenarios, step by step (added in version 3). */
  procedures: z.array(procedureSchema).default([]),
  /** The failover against the RTO, the drill's cost and the failback's resync (added in version 3). */
  recovery: recoverySchema.nullable().default(null),
  findings: z.array(findingSchema),
});

const terraformSchema = z.strictObject({ cdkTfJsonSha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'a sha256 in hex' }) });

export const planDocumentSchema = z
  .strictObject({
    schema: z.literal('cdktf-san-dr/plan'),
    schemaVersion: z.literal([1, 2, 3, PLAN_SCHEMA_VERSION]),
    stack: z.string(),
    /**
     * pass: no plan has an unsuppressed error finding. fail: synthesis failed (non-zero exit) and
     * wrote this plan, with the findings and the numbers, and no cdk.tf.json (terraform: null).
     */
    verdict: z.enum(['pass', 'fail']),
    findingCounts: counts,
    /**
     * The sha256 of the stack's cdk.tf.json written in the same synthesis; null when none was
     * written (a failing design). Readers refuse a plan that does not match the cdk.tf.json beside it.
     */
    terraform: terraformSchema.nullable().optional(),
    links: z.array(linkSchema),
    plans: z.array(planSchema),
    /** What the stack declared, for `cdktf-san-dr estate` (version 4 on). */
    declaration: declarationSchema.optional(),
  })
  .refine((doc) => doc.schemaVersion < 4 || doc.declaration !== undefined, {
    error: 'a plan of schema version 4 or later records its declaration (for cdktf-san-dr estate)',
    path: ['declaration'],
  })
  .refine((doc) => doc.schemaVersion < 3 || doc.terraform !== undefined, {
    error: 'a plan of schema version 3 or later records terraform (the cdk.tf.json fingerprint, or null)',
    path: ['terraform'],
  })
  .refine((doc) => doc.verdict === 'pass' || !doc.terraform, {
    error: 'must be null when the verdict is fail: a failing design writes no cdk.tf.json',
    path: ['terraform'],
  });

export type TerraformFingerprint = z.infer<typeof terraformSchema>;

export type PlanDocument = z.infer<typeof planDocumentSchema>;
export type PlanDocumentPlan = PlanDocument['plans'][number];
export type PlanDocumentBudget = PlanDocumentPlan['rpoBudgets'][number];
export type PlanDocumentLink = PlanDocument['links'][number];
export type PlanDocumentFinding = PlanDocumentPlan['findings'][number];
export type PlanDocumentStep = PlanDocumentPlan['steps'][number];
export type { PlanDocumentSplitMirror } from './split-mirror-document';
export type { PlanDocumentProcedure, PlanDocumentRecovery } from './recovery-document';

/** Per plan: step id to the command bound to it. */
export type BoundCommands = ReadonlyMap<string, ReadonlyMap<string, string | undefined>>;

/** What the declaration section needs beyond the analyses. */
export interface DeclarationContext {
  /** The stacks of the App that declare DR constructs. @default the stacks of `appAnalyses` and of `links` */
  readonly appStacks?: readonly string[];
  /** Suppressions declared in this stack. @default none */
  readonly suppressions?: readonly SuppressionDecl[];
}

/**
 * `links`: the App's links (the document lists those declared in this stack or used by its
 * plans); `appAnalyses`: every plan of the App, so that each link names all its users.
 */
export function buildPlanDocument(
  stack: string,
  analyses: readonly PlanAnalysis[],
  links: readonly LinkDecl[],
  commands: BoundCommands = new Map(),
  appAnalyses: readonly PlanAnalysis[] = analyses,
  context: DeclarationContext = {},
): PlanDocument {
  const users = linkUsers(appAnalyses, links);
  const usedHere = new Set(analyses.flatMap(({ plan }) => [...plan.schedules, ...(plan.splitMirrors ?? [])].map((u) => u.linkId)));
  // The links of the circuits this stack's plans use are listed too, with their users: they share
  // its budget, and `cdktf-san-dr estate` must find all of them to recompute it.
  const circuitsHere = new Set(links.filter((link) => usedHere.has(link.id) && link.circuitId !== undefined).map((link) => link.circuitId));
  const listed = links.filter(
    (link) => link.stack === undefined || link.stack === stack || usedHere.has(link.id) || (link.circuitId !== undefined && circuitsHere.has(link.circuitId)),
  );
  const plans = byId(analyses.map(({ plan }) => plan)).map((plan) => {
    const analysis = analyses.find((a) => a.plan === plan)!;
    const findingCounts = countFindings(analysis.findings);
    const planCommands = commands.get(plan.id);
    return {
      id: plan.id,
      name: plan.name,
      rpoSeconds: round(plan.rpoSeconds),
      rtoSeconds: plan.rtoSeconds === undefined ? null : round(plan.rtoSeconds),
      verdict: findingCounts.errors > 0 ? ('fail' as const) : ('pass' as const),
      findingCounts,
      sites: byId(plan.sites).map((site) => {
        const mounts = siteMounts(site, plan.volumes);
        const replaced = new Map(peersOf(plan).assignments.map((a) => [a.recoveryServer.name, a.primaryServer.name]));
        return {
          id: site.id,
          name: site.name,
          role: site.role,
          servers: [...site.servers]
            .sort((a, b) => compareText(a.name, b.name))
            .map((server) => ({
              name: server.name,
              role: server.role,
              host: server.host,
              mountPaths: sorted(mounts.filter((m) => m.server === server).map((m) => m.path)),
              ...(site.role === 'recovery' ? { replaces: replaced.get(server.name) ?? null } : {}),
            })),
        };
      }),
      volumes: byId(plan.volumes).map((volume) => ({
        id: volume.id,
        name: volume.name,
        kind: volume.kind,
        capacityBytes: volume.capacityBytes,
        averageChangeBytesPerSecond: round(volume.averageChangeBytesPerSecond),
        peakChangeBytesPerSecond:
          volume.peakChangeBytesPerSecond === undefined ? null : round(volume.peakChangeBytesPerSecond),
        holds: sorted(volume.holds),
        mountPath: volume.mountPath,
        mountedOn: { primary: sorted(volume.mountedOn.primary), recovery: sorted(volume.mountedOn.recovery) },
        placement: { primary: volume.placement.primary ?? null, recovery: volume.placement.recovery ?? null },
        fileSystem: volume.fileSystem
          ? { protocol: volume.fileSystem.protocol, mountOptions: [...volume.fileSystem.mountOptions] }
          : null,
        changeRate: {
          kind: volume.changeKind ?? 'changed',
          profile: volume.changeProfile
            ? {
                shape: volume.changeProfile.shape,
                stepSeconds: volume.changeProfile.stepSeconds,
                steps: volume.changeProfile.bytesPerSecond.length,
                startEpochSeconds: volume.changeProfile.startEpochSeconds,
                source: volume.changeProfile.source,
              }
            : null,
        },
        writeSizeBytes: volume.writeSizeBytes ?? null,
        ...(volume.units ? { units: { capacity: volume.units.capacity, changeRate: volume.units.changeRate } } : {}),
      })),
      schedules: byId(plan.schedules).map((schedule) => ({
        id: schedule.id,
        name: schedule.name,
        volumes: sorted(schedule.volumeIds),
        link: schedule.linkId,
        intervalSeconds: round(schedule.intervalSeconds),
        snapshotSeconds: round(schedule.snapshotSeconds),
        retention: schedule.retention,
        cycle: schedule.cycle,
      })),
      rpoBudgets: [...analysis.budgets]
        .sort((a, b) => compareText(a.scheduleId, b.scheduleId))
        .map((budget) => ({
          schedule: budget.scheduleId,
          link: budget.linkId,
          mode: budget.mode,
          cycle: budget.cycle,
          intervalSeconds: round(budget.intervalSeconds),
          snapshotSeconds: round(budget.snapshotSeconds),
          periodSeconds: round(budget.periodSeconds),
          changedBytes: Math.round(budget.changedBytes),
          sentBytes: Math.round(budget.sentBytes),
          linkSharedBy: budget.linkSharedBy,
          linkSharing: budget.linkSharing,
          shareBytesPerSecond: round(budget.shareBytesPerSecond),
          transferSeconds: finiteOrNull(budget.transferSeconds),
          waitSeconds: finiteOrNull(budget.waitSeconds),
          interferenceBytes: Math.round(budget.interferenceBytes),
          starvedBy: budget.starvedBy ?? null,
          ...(budget.starvedByBackup ? { starvedByBackup: budget.starvedByBackup } : {}),
          ...(budget.resyncOf?.length ? { resyncOf: [...budget.resyncOf] } : {}),
          completionSeconds: finiteOrNull(budget.completionSeconds),
          worstCaseSeconds: finiteOrNull(budget.worstCaseSeconds),
          targetSeconds: round(budget.targetSeconds),
          marginSeconds: finiteOrNull(budget.marginSeconds),
          verdict: budget.verdict,
          ...(budget.load ? { load: loadEntry(budget.load) } : {}),
          fix: {
            longestIntervalSeconds: budget.fix.longestIntervalSeconds,
            requiredLineRateBitsPerSecond: budget.fix.requiredLineRateBitsPerSecond,
          },
        })),
      steps: analysis.steps.map((step, index) => ({
        order: index + 1,
        id: step.id,
        phase: step.phase,
        action: step.action,
        title: step.title,
        site: step.site ?? null,
        server: step.server ?? null,
        params: sortedRecord(step.params),
        dependsOn: [...step.dependsOn],
        command: planCommands?.get(step.id) ?? null,
      })),
      splitMirrors: [...analysis.splitMirrors]
        .sort((a, b) => compareText(a.splitMirror.id, b.splitMirror.id))
        .map((splitMirror) => splitMirrorEntry(splitMirror, plan)),
      procedures: procedureEntries(analysis.recovery, planCommands),
      recovery: recoveryEntry(analysis.recovery, plan),
      findings: analysis.findings.map((f) => ({
        ruleId: f.ruleId,
        level: f.level,
        title: f.title,
        path: f.path,
        message: f.message,
        fix: f.fix,
        ...(f.suppression ? { suppression: { path: f.suppression.path, reason: f.suppression.reason } } : {}),
      })),
    };
  });
  const findingCounts = countFindings(analyses.flatMap((a) => a.findings));
  return {
    schema: 'cdktf-san-dr/plan',
    schemaVersion: PLAN_SCHEMA_VERSION,
    stack,
    verdict: findingCounts.errors > 0 ? 'fail' : 'pass',
    findingCounts,
    // Known once cdk.tf.json is written; the plan files are written after it (lib/plan/files.ts).
    terraform: null,
    links: byId(listed).map((link) => ({
      id: link.id,
      name: link.name,
      mode: link.mode,
      lineRateBitsPerSecond: link.lineRateBitsPerSecond,
      efficiency: link.efficiency,
      effectiveBytesPerSecond: roundPositive(effectiveBytesPerSecond(link)),
      compressionRatio: link.compressionRatio,
      roundTripSeconds: link.roundTripSeconds === undefined ? null : round(link.roundTripSeconds),
      distanceKm: link.distanceKm ?? null,
      preservesWriteOrder: link.preservesWriteOrder,
      maxSyncRoundTripSeconds: round(link.maxSyncRoundTripSeconds),
      maxSyncDistanceKm: link.maxSyncDistanceKm,
      usedBy: sorted((users.get(link.id) ?? []).map((u) => u.id)),
      grainBytes: link.grainBytes ?? null,
      otherTrafficBytesPerSecond: link.otherTrafficBytesPerSecond === undefined ? null : round(link.otherTrafficBytesPerSecond),
      sharing: link.sharing ?? 'any',
      circuitId: link.circuitId ?? null,
      ...(link.syncPriority ? { syncPriority: true } : {}),
      stack: link.stack ?? null,
      users: [...(users.get(link.id) ?? [])].sort((a, b) => compareText(a.id, b.id)),
    })),
    plans,
    declaration: declarationEntry({
      appStacks:
        context.appStacks ??
        [...new Set([stack, ...appAnalyses.flatMap(({ plan }) => plan.stack ?? []), ...links.flatMap((link) => link.stack ?? [])])],
      plans: analyses.map(({ plan }) => plan),
      links: byId(listed),
      suppressions: context.suppressions ?? [],
    }),
  };
}

function loadEntry(load: ChangeLoad) {
  const window = (w: BusiestWindow) => ({
    windowSeconds: round(w.windowSeconds),
    bytes: Math.round(w.bytes),
    startSeconds: w.startSeconds === null ? null : round(w.startSeconds),
    shape: w.shape,
    label: w.startSeconds === null ? null : windowLabel(w.startSeconds, w.windowSeconds, w.shape),
  });
  return {
    basis: load.basis,
    busiestWindow: window(load.busiestWindow),
    busiestIntervalWindow: load.busiestIntervalWindow ? window(load.busiestIntervalWindow) : null,
    peakBytesPerSecond: round(load.peakBytesPerSecond),
    averageBytesPerSecond: round(load.averageBytesPerSecond),
    amplification: round(load.amplification),
    hourlyBytesPerSecond: load.hourlyBytesPerSecond.map(round),
  };
}

type LinkUserEntry = PlanDocumentLink['users'][number];

/** Every user of every link, with its load, from the App-wide analysis. */
function linkUsers(analyses: readonly PlanAnalysis[], links: readonly LinkDecl[]): Map<string, LinkUserEntry[]> {
  const linksById = new Map(links.map((link) => [link.id, link]));
  const users = new Map<string, LinkUserEntry[]>();
  const add = (linkId: string, user: LinkUserEntry) => users.set(linkId, [...(users.get(linkId) ?? []), user]);
  for (const { plan, budgets, splitMirrors } of analyses) {
    for (const budget of budgets) {
      const periodic = budget.mode === 'periodic';
      add(budget.linkId, {
        id: budget.scheduleId,
        kind: 'schedule',
        stack: plan.stack ?? null,
        plan: plan.id,
        sentBytes: periodic ? Math.round(budget.sentBytes) : null,
        periodSeconds: periodic ? round(budget.periodSeconds) : null,
        loadBytesPerSecond: round(periodic ? (budget.periodSeconds > 0 ? budget.sentBytes / budget.periodSeconds : 0) : budget.peakSentBytesPerSecond ?? 0),
        verdict: budget.verdict,
      });
    }
    for (const analysis of splitMirrors) {
      const link = linksById.get(analysis.splitMirror.linkId);
      if (!link) continue;
      add(link.id, {
        id: analysis.splitMirror.id,
        kind: 'split-mirror',
        stack: plan.stack ?? null,
        plan: plan.id,
        sentBytes: null,
        periodSeconds: null,
        loadBytesPerSecond: round(analysis.logMirrorPeakBytesPerSecond),
        verdict: null,
      });
    }
  }
  return users;
}

/** Suppressed findings stay in the plan but are not counted: the counts decide the verdict. */
function countFindings(findings: readonly { level: string; suppression?: unknown }[]) {
  const count = (wanted: string) => findings.filter((f) => f.level === wanted && !f.suppression).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}


function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareText(a.id, b.id));
}

function sorted(items: readonly string[]): string[] {
  return [...items].sort(compareText);
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}
