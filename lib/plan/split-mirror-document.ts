import { z } from 'zod';
import type { SplitMirrorAnalysis } from '../analysis/split-mirror';
import type { PlanDecl } from '../model/design';
import { RECOVERY_SCENARIOS, VOLUME_SET_ROLES } from '../model/split-mirror';
import { finiteOrNull, round } from './numbers';

/** null wherever the cycle never gets that far (a resynchronisation that never converges). */
const maybeSeconds = z.number().nonnegative().nullable();
const setRole = z.enum(VOLUME_SET_ROLES as [string, ...string[]]);

export const splitMirrorSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  link: z.string(),
  intervalSeconds: z.number().positive(),
  /** End of the last step of the cycle. */
  cycleSeconds: maybeSeconds,
  fitsInterval: z.boolean(),
  volumeSets: z.array(z.strictObject({ role: setRole, name: z.string(), logicalSubsystems: z.array(z.string()) })),
  volumes: z.array(
    z.strictObject({
      name: z.string(),
      holds: z.array(z.string()),
      mirroring: z.enum(['constant', 'backup-only']),
      capacityBytes: z.number().nonnegative(),
      averageChangeBytesPerSecond: z.number().nonnegative(),
      peakChangeBytesPerSecond: z.number().nonnegative().nullable(),
      logicalSubsystem: z.record(z.string(), z.string()),
    }),
  ),
  cycle: z.array(
    z.strictObject({
      order: z.number().int().positive(),
      id: z.string(),
      number: z.number().int().min(1).max(11),
      kind: z.enum(['command', 'verify']),
      title: z.string(),
      startSeconds: maybeSeconds,
      durationSeconds: maybeSeconds,
      endSeconds: maybeSeconds,
      dependsOn: z.array(z.string()),
      /** The argv the step runs, where the design declares one. */
      command: z.array(z.string()).nullable(),
    }),
  ),
  copies: z.array(
    z.strictObject({
      step: z.string(),
      number: z.number().int(),
      source: setRole,
      target: setRole,
      startSeconds: maybeSeconds,
      logicalCompleteSeconds: maybeSeconds,
      physicalCompleteSeconds: maybeSeconds,
    }),
  ),
  resync: z.strictObject({
    backlogBytes: z.number().nonnegative(),
    linkBytesPerSecond: z.number().nonnegative(),
    writeBytesPerSecond: z.number().nonnegative(),
    converges: z.boolean(),
  }),
  writeSuspend: z.strictObject({
    switchPoint: z.number(),
    remainingBytes: z.number().nonnegative(),
    drainSeconds: maybeSeconds,
    splitSeconds: z.number().nonnegative(),
    /** Version 3: what runs while writes are suspended, in the seed's order (step number, what, seconds). */
    parts: z.array(z.strictObject({ number: z.number().int(), what: z.string(), seconds: maybeSeconds })).optional(),
    windowSeconds: maybeSeconds,
    maxSeconds: z.number().nonnegative(),
    withinLimit: z.boolean(),
    requiredSwitchPoint: z.number().nullable(),
    requiredLineRateBitsPerSecond: z.number().nullable(),
  }),
  /** Version 3: the logs a point-in-time recovery applies, and whether archive logs are needed. */
  logsToApply: z
    .strictObject({
      /** null: unbounded, the cycle never completes a backup. */
      bytes: z.number().nonnegative().nullable(),
      databaseLogBytes: z.number().nonnegative().nullable(),
      activeLogCapacityBytes: z.number().nonnegative(),
      needsArchiveLogs: z.boolean(),
    })
    .optional(),
  recoveryPath: z.enum(RECOVERY_SCENARIOS as [string, ...string[]]),
  scenarios: z.array(
    z.strictObject({
      kind: z.enum(RECOVERY_SCENARIOS as [string, ...string[]]),
      chosen: z.boolean(),
      rpoSeconds: maybeSeconds,
      rpoTargetSeconds: z.number().nonnegative(),
      meetsRpo: z.boolean(),
      rpoBasis: z.string(),
      rtoSeconds: maybeSeconds,
      rtoTargetSeconds: z.number().nonnegative().nullable(),
      /** null when the plan declares no RTO. */
      meetsRto: z.boolean().nullable(),
      rtoParts: z.array(z.strictObject({ what: z.string(), seconds: maybeSeconds })),
    }),
  ),
  lssBalance: z.array(
    z.strictObject({
      set: z.string(),
      volumesPerLss: z.array(z.strictObject({ lss: z.string(), volumes: z.number().int().nonnegative() })),
      even: z.boolean(),
    }),
  ),
  ports: z.strictObject({
    count: z.number().int().positive(),
    maxLogicalPathsPerPort: z.number().int().positive(),
    lssPairs: z.array(z.string()),
    logicalPathsPerPort: z.number().int().nonnegative(),
  }),
});

export type PlanDocumentSplitMirror = z.infer<typeof splitMirrorSchema>;

export function splitMirrorEntry(analysis: SplitMirrorAnalysis, plan: PlanDecl): PlanDocumentSplitMirror {
  const decl = analysis.splitMirror;
  const roundBytes = (value: number) => Math.round(value);
  return {
    id: decl.id,
    name: decl.name,
    link: decl.linkId,
    intervalSeconds: round(decl.intervalSeconds),
    cycleSeconds: finiteOrNull(analysis.cycleSeconds),
    fitsInterval: analysis.resync.converges && analysis.cycleSeconds <= decl.intervalSeconds,
    volumeSets: VOLUME_SET_ROLES.map((role) => ({
      role,
      name: decl.volumeSets[role].name,
      logicalSubsystems: [...decl.volumeSets[role].logicalSubsystems],
    })),
    volumes: decl.volumes.map((v) => ({
      name: v.name,
      holds: [...v.holds],
      mirroring: v.mirroring,
      capacityBytes: v.capacityBytes,
      averageChangeBytesPerSecond: round(v.averageChangeBytesPerSecond),
      peakChangeBytesPerSecond: v.peakChangeBytesPerSecond === undefined ? null : round(v.peakChangeBytesPerSecond),
      logicalSubsystem: Object.fromEntries(VOLUME_SET_ROLES.map((role) => [role, v.logicalSubsystem[role]])),
    })),
    cycle: analysis.steps.map((step, index) => ({
      order: index + 1,
      id: step.id,
      number: step.number,
      kind: step.kind,
      title: step.title,
      startSeconds: finiteOrNull(step.startSeconds),
      durationSeconds: finiteOrNull(step.durationSeconds),
      endSeconds: finiteOrNull(step.endSeconds),
      dependsOn: [...step.dependsOn],
      command: step.command ? [...step.command] : null,
    })),
    copies: analysis.copies.map((copy) => ({
      step: copy.stepId,
      number: copy.number,
      source: copy.source,
      target: copy.target,
      startSeconds: finiteOrNull(copy.startSeconds),
      logicalCompleteSeconds: finiteOrNull(copy.logicalCompleteSeconds),
      physicalCompleteSeconds: finiteOrNull(copy.physicalCompleteSeconds),
    })),
    resync: {
      backlogBytes: roundBytes(analysis.resync.backlogBytes),
      linkBytesPerSecond: round(analysis.resync.linkBytesPerSecond),
      writeBytesPerSecond: round(analysis.resync.writeBytesPerSecond),
      converges: analysis.resync.converges,
    },
    writeSuspend: {
      switchPoint: decl.writeSuspend.switchPoint,
      remainingBytes: roundBytes(analysis.writeSuspend.remainingBytes),
      drainSeconds: finiteOrNull(analysis.writeSuspend.drainSeconds),
      splitSeconds: round(analysis.writeSuspend.splitSeconds),
      parts: analysis.writeSuspend.parts.map((part) => ({ number: part.number, what: part.what, seconds: finiteOrNull(part.seconds) })),
      windowSeconds: finiteOrNull(analysis.writeSuspend.windowSeconds),
      maxSeconds: round(analysis.writeSuspend.maxSeconds),
      withinLimit: analysis.writeSuspend.withinLimit,
      requiredSwitchPoint: analysis.writeSuspend.requiredSwitchPoint,
      requiredLineRateBitsPerSecond: analysis.writeSuspend.requiredLineRateBitsPerSecond,
    },
    logsToApply: {
      bytes: bytesOrNull(analysis.logsToApply.bytes),
      databaseLogBytes: bytesOrNull(analysis.logsToApply.databaseLogBytes),
      activeLogCapacityBytes: roundBytes(analysis.logsToApply.activeLogCapacityBytes),
      needsArchiveLogs: analysis.logsToApply.needsArchiveLogs,
    },
    recoveryPath: decl.recovery.path,
    scenarios: analysis.scenarios.map((s) => ({
      kind: s.kind,
      chosen: s.kind === decl.recovery.path,
      rpoSeconds: finiteOrNull(s.rpoSeconds),
      rpoTargetSeconds: round(plan.rpoSeconds),
      meetsRpo: s.rpoSeconds <= plan.rpoSeconds,
      rpoBasis: s.rpoBasis,
      rtoSeconds: finiteOrNull(s.rtoSeconds),
      rtoTargetSeconds: plan.rtoSeconds === undefined ? null : round(plan.rtoSeconds),
      meetsRto: plan.rtoSeconds === undefined ? null : s.rtoSeconds <= plan.rtoSeconds,
      rtoParts: s.rtoParts.map((part) => ({ what: part.what, seconds: finiteOrNull(part.seconds) })),
    })),
    lssBalance: analysis.lssBalance.map((b) => ({
      set: b.setName,
      volumesPerLss: b.volumesPerLss.map(({ lss, volumes }) => ({ lss, volumes })),
      even: b.even,
    })),
    ports: {
      count: decl.ports.count,
      maxLogicalPathsPerPort: decl.ports.maxLogicalPathsPerPort,
      lssPairs: [...analysis.lssPairs],
      logicalPathsPerPort: analysis.logicalPathsPerPort,
    },
  };
}

function bytesOrNull(value: number): number | null {
  return Number.isFinite(value) ? Math.round(value) : null;
}
