import { z } from 'zod';
import { compareText } from '../analysis/steps';
import type { ChangeProfileDecl, EstateDecl, LinkDecl, PlanDecl, SiteDecl, SuppressionDecl } from '../model/design';
import { peersOf } from '../model/peers';

/**
 * The `declaration` section of `dr-plan.json` (schema version 4): what the stack declared, as the
 * pure analysis reads it, so that `cdktf-san-dr estate` can join the plans of several synthesis
 * outputs and recompute every budget with the same `analyzeEstate` that synthesis ran.
 *
 * Numbers are written as the analysis held them (a JSON number round-trips a double exactly), so
 * the estate's figures are synthesis's figures, with one exception: a change profile of more than
 * MAX_STORED_PROFILE_STEPS steps is stored max-downsampled (see coarsenProfile), which is never
 * optimistic and which the plan and the estate output say.
 */

/** A day of minutes: the finest profile the plan stores exactly. A longer one is stored coarser. */
export const MAX_STORED_PROFILE_STEPS = 1440;

const DAY_SECONDS = 86_400;

const number = z.number().refine(Number.isFinite, { error: 'a finite number' });
const nonnegative = number.refine((n) => n >= 0, { error: 'a number >= 0' });
const positive = number.refine((n) => n > 0, { error: 'a number > 0' });
const strings = z.array(z.string());

const profileSchema = z.strictObject({
  shape: z.enum(['daily', 'measured']),
  stepSeconds: positive,
  /** Bytes per second in each step (at most MAX_STORED_PROFILE_STEPS). */
  bytesPerSecond: z.array(nonnegative).min(1).max(MAX_STORED_PROFILE_STEPS),
  startEpochSeconds: number.nullable(),
  source: z.string().nullable(),
  /**
   * Present when the declared profile had more steps than the plan stores: its own step and
   * length. Each stored step is then the maximum of the declared steps it covers, so every
   * window's changed data is at least what the declared profile gives (pessimistic, never optimistic).
   */
  coarsenedFrom: z.strictObject({ stepSeconds: positive, steps: z.number().int().positive() }).optional(),
});

const serverSchema = z.strictObject({
  name: z.string(),
  role: z.enum(['application', 'database']),
  host: z.string(),
  extraMountPaths: strings,
  replaces: z.string().optional(),
});

const siteSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: z.enum(['primary', 'recovery']),
  servers: z.array(serverSchema),
});

const unitFamily = z.enum(['binary', 'decimal']);

const volumeSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['san-volume', 'tranlog-dfs']),
  capacityBytes: nonnegative,
  averageChangeBytesPerSecond: nonnegative,
  peakChangeBytesPerSecond: nonnegative.optional(),
  changeProfile: profileSchema.optional(),
  changeKind: z.enum(['changed', 'host-writes']).optional(),
  writeSizeBytes: positive.optional(),
  holds: z.array(
    z.enum(['database-data', 'database-logs', 'transaction-logs', 'compensation-logs', 'messaging-stores', 'other']),
  ),
  mountPath: z.string(),
  mountedOn: z.strictObject({ primary: strings, recovery: strings }),
  placement: z.strictObject({ primary: z.string().optional(), recovery: z.string().optional() }),
  fileSystem: z.strictObject({ protocol: z.enum(['nfs3', 'nfs4']), mountOptions: strings }).optional(),
  units: z.strictObject({ capacity: unitFamily, changeRate: unitFamily }).optional(),
});

const scheduleSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  volumeIds: strings,
  linkId: z.string(),
  intervalSeconds: positive,
  snapshotSeconds: nonnegative,
  retention: z.number().int().positive(),
  cycle: z.enum(['fixed', 'continuous']),
});

const volumeSetRole = z.enum(['live', 'mirror', 'safetyCopy', 'standby', 'tapeStaging']);
const volumeSetSchema = z.strictObject({ role: volumeSetRole, name: z.string(), logicalSubsystems: strings });

const splitMirrorSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  linkId: z.string(),
  intervalSeconds: positive,
  volumes: z.array(
    z.strictObject({
      name: z.string(),
      holds: z.array(
        z.enum(['database-logs', 'bootstrap-data-set', 'icf-catalog', 'user-catalog', 'catalog-and-directory', 'table-spaces', 'index-spaces']),
      ),
      mirroring: z.enum(['constant', 'backup-only']),
      capacityBytes: nonnegative,
      averageChangeBytesPerSecond: nonnegative,
      peakChangeBytesPerSecond: nonnegative.optional(),
      changeProfile: profileSchema.optional(),
      logicalSubsystem: z.strictObject({ live: z.string(), mirror: z.string(), safetyCopy: z.string(), standby: z.string(), tapeStaging: z.string() }),
    }),
  ),
  volumeSets: z.strictObject({
    live: volumeSetSchema,
    mirror: volumeSetSchema,
    safetyCopy: volumeSetSchema,
    standby: volumeSetSchema,
    tapeStaging: volumeSetSchema,
  }),
  writeSuspend: z.strictObject({ command: strings, resumeCommand: strings, maxSeconds: nonnegative, switchPoint: nonnegative }),
  splitSeconds: nonnegative,
  commandSeconds: nonnegative,
  querySeconds: nonnegative,
  copyBytesPerSecond: positive,
  secondCopyStart: z.enum(['physical-complete', 'logical-complete']),
  tapeBytesPerSecond: positive,
  standbyRestartSeconds: nonnegative,
  recovery: z.strictObject({
    path: z.enum(['read-only-standby', 'last-backup', 'point-in-time']),
    restartSeconds: nonnegative,
    logApplyBytesPerSecond: positive,
    standbyTakeoverSeconds: nonnegative,
  }),
  ports: z.strictObject({ count: z.number().int().positive(), maxLogicalPathsPerPort: z.number().int().positive() }),
});

const planSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  stack: z.string().optional(),
  rpoSeconds: positive,
  rtoSeconds: positive.optional(),
  rpoMarginWarningRatio: nonnegative,
  sites: z.array(siteSchema),
  volumes: z.array(volumeSchema),
  schedules: z.array(scheduleSchema),
  splitMirrors: z.array(splitMirrorSchema).optional(),
  recoveryTimes: z
    .strictObject({
      declareAndFenceSeconds: nonnegative,
      mountVolumesSeconds: nonnegative,
      databaseRestartSeconds: nonnegative,
      applicationServerStartSeconds: nonnegative,
      applicationStopSeconds: nonnegative,
      verificationSeconds: nonnegative,
    })
    .optional(),
  failbackWindowSeconds: positive.optional(),
  failbackAfterSeconds: nonnegative.optional(),
  tranlogStore: z.enum(['file-system', 'database']).optional(),
});

const linkSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  mode: z.enum(['sync', 'async']),
  lineRateBitsPerSecond: positive,
  efficiency: positive,
  compressionRatio: positive,
  roundTripSeconds: nonnegative.optional(),
  distanceKm: nonnegative.optional(),
  preservesWriteOrder: z.boolean(),
  maxSyncRoundTripSeconds: nonnegative,
  maxSyncDistanceKm: positive,
  otherTrafficBytesPerSecond: nonnegative.optional(),
  sharing: z.enum(['any', 'per-schedule']).optional(),
  circuitId: z.string().optional(),
  syncPriority: z.boolean().optional(),
  stack: z.string().optional(),
  grainBytes: positive.optional(),
});

const suppressionSchema = z.strictObject({
  path: z.string(),
  ruleId: z.string(),
  reason: z.string(),
  applyToChildren: z.boolean(),
});

export const declarationSchema = z.strictObject({
  /** The stacks of the App that declare DR constructs: links with the same id in one App are one link. */
  appStacks: strings,
  /** The stack's plans, with their stack. */
  plans: z.array(planSchema),
  /** Links declared in this stack, and the links its plans use wherever they are declared (with their stack). */
  links: z.array(linkSchema),
  /** Suppressions declared in this stack. */
  suppressions: z.array(suppressionSchema),
});

export type PlanDeclaration = z.infer<typeof declarationSchema>;

/**
 * Max-downsampling: each stored step is the maximum of the `k` declared steps it covers, where
 * `k` is the smallest factor that brings the profile to at most MAX_STORED_PROFILE_STEPS steps and
 * whose coarse step still divides the day (so hours and days stay whole steps). The factor
 * depends only on the step and length, so volumes that share a time base (and are summed as one
 * consistency group) keep sharing one. Pointwise the coarse profile is at or above the declared
 * one, so is every window's changed data. A measured series whose length is not a multiple of `k`
 * gets a last, partial step; as the series repeats over its own span, that step stands for the
 * declared series' end and the wrap to its start, so it holds the series' maximum (never less
 * than what it stands for).
 */
export function coarsenProfile(profile: ChangeProfileDecl): ChangeProfileDecl & { coarsenedFrom?: { stepSeconds: number; steps: number } } {
  const rates = profile.bytesPerSecond;
  const n = rates.length;
  if (n <= MAX_STORED_PROFILE_STEPS) return profile;
  let k = Math.ceil(n / MAX_STORED_PROFILE_STEPS);
  while (DAY_SECONDS % (k * profile.stepSeconds) !== 0 && k * profile.stepSeconds < DAY_SECONDS) k++;
  if (k * profile.stepSeconds > DAY_SECONDS) k = Math.max(1, Math.floor(DAY_SECONDS / profile.stepSeconds));
  // Still too long (a measured series of many days at a coarse step): whole days per stored step.
  while (Math.ceil(n / k) > MAX_STORED_PROFILE_STEPS) k *= 2;
  const steps = Math.ceil(n / k);
  const coarse = new Float64Array(steps);
  let maximum = 0;
  for (let i = 0; i < n; i++) {
    const j = Math.floor(i / k);
    if (rates[i] > coarse[j]) coarse[j] = rates[i];
    if (rates[i] > maximum) maximum = rates[i];
  }
  if (n % k !== 0) coarse[steps - 1] = maximum;
  return {
    ...profile,
    stepSeconds: profile.stepSeconds * k,
    bytesPerSecond: coarse,
    coarsenedFrom: { stepSeconds: profile.stepSeconds, steps: n },
  };
}

/**
 * The declaration as plain JSON: optional fields left out when absent, profiles as arrays (coarsened
 * where too long). Key order is the declaration's, so the same program writes the same bytes.
 */
export function declarationEntry(input: {
  readonly appStacks: readonly string[];
  readonly plans: readonly PlanDecl[];
  readonly links: readonly LinkDecl[];
  readonly suppressions: readonly SuppressionDecl[];
}): PlanDeclaration {
  return plainJson({
    appStacks: [...input.appStacks].sort(compareText),
    plans: byId(input.plans).map(canonicalPlan),
    links: byId(input.links),
    suppressions: [...input.suppressions].sort((a, b) => compareText(a.path, b.path) || compareText(a.ruleId, b.ruleId)),
  }) as PlanDeclaration;
}

/**
 * The plan with every list that is a set in one order, so that declaring the same design in
 * another order writes the same bytes (as the rest of the plan does). Servers are sorted by name,
 * which would change who replaces whom where that came from the position: each recovery server
 * records the primary server it replaces instead, which gives the analysis the same pairs.
 */
function canonicalPlan(plan: PlanDecl): PlanDecl {
  const replaces = new Map(peersOf(plan).assignments.map((a) => [a.recoveryServer.name, a.primaryServer.name]));
  const site = (s: SiteDecl): SiteDecl => ({
    ...s,
    servers: [...s.servers]
      .sort((a, b) => compareText(a.name, b.name))
      .map((server) => (s.role === 'recovery' && replaces.has(server.name) ? { ...server, replaces: replaces.get(server.name) } : server)),
  });
  const sorted = (items: readonly string[]) => [...items].sort(compareText);
  return {
    ...plan,
    sites: byId(plan.sites).map(site),
    volumes: byId(plan.volumes).map((v) => ({
      ...v,
      holds: sorted(v.holds) as typeof v.holds,
      mountedOn: { primary: sorted(v.mountedOn.primary), recovery: sorted(v.mountedOn.recovery) },
    })),
    schedules: byId(plan.schedules).map((s) => ({ ...s, volumeIds: sorted(s.volumeIds) })),
    ...(plan.splitMirrors ? { splitMirrors: byId(plan.splitMirrors) } : {}),
  };
}

function byId<T extends { readonly id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareText(a.id, b.id));
}

function plainJson(value: unknown, key?: string): unknown {
  if (key === 'changeProfile' && value) {
    const profile = coarsenProfile(value as ChangeProfileDecl);
    return plainJson({ ...profile, bytesPerSecond: Array.from(profile.bytesPerSecond) });
  }
  if (Array.isArray(value)) return value.map((item) => plainJson(item));
  if (value instanceof Float64Array) return Array.from(value);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plainJson(v, k);
  return out;
}

/** The profiles the plan stores coarser than they were declared: volume id (or split mirror/volume) to both steps. */
export function coarsenedProfiles(declaration: PlanDeclaration): { readonly volume: string; readonly from: { stepSeconds: number; steps: number }; readonly stepSeconds: number; readonly steps: number }[] {
  const found: { volume: string; from: { stepSeconds: number; steps: number }; stepSeconds: number; steps: number }[] = [];
  const note = (volume: string, p: z.infer<typeof profileSchema> | undefined) => {
    if (p?.coarsenedFrom) found.push({ volume, from: p.coarsenedFrom, stepSeconds: p.stepSeconds, steps: p.bytesPerSecond.length });
  };
  for (const plan of declaration.plans) {
    for (const volume of plan.volumes) note(volume.id, volume.changeProfile);
    for (const splitMirror of plan.splitMirrors ?? []) {
      for (const volume of splitMirror.volumes) note(`${splitMirror.id}/${volume.name}`, volume.changeProfile);
    }
  }
  return found;
}

/** The declaration back as the analysis's types: profiles as Float64Array. */
export function estateOfDeclaration(declaration: PlanDeclaration): Required<EstateDecl> {
  const profile = (p: z.infer<typeof profileSchema> | undefined): ChangeProfileDecl | undefined =>
    p && {
      shape: p.shape,
      stepSeconds: p.stepSeconds,
      bytesPerSecond: Float64Array.from(p.bytesPerSecond),
      startEpochSeconds: p.startEpochSeconds,
      source: p.source,
    };
  const withProfile = <V extends { changeProfile?: z.infer<typeof profileSchema> }>(volume: V) => {
    const { changeProfile, ...rest } = volume;
    return changeProfile ? { ...rest, changeProfile: profile(changeProfile) } : rest;
  };
  const plans = declaration.plans.map(
    (plan): PlanDecl => ({
      ...plan,
      volumes: plan.volumes.map(withProfile),
      ...(plan.splitMirrors ? { splitMirrors: plan.splitMirrors.map((sm) => ({ ...sm, volumes: sm.volumes.map(withProfile) })) } : {}),
    }),
  );
  return { plans, links: declaration.links, suppressions: declaration.suppressions };
}
