import { z } from 'zod';
import { recoveryCommandKey, type Procedure, type RecoveryAnalysis } from '../analysis/recovery';
import type { PlanDecl } from '../model/design';
import { finiteOrNull, round } from './numbers';

/** null wherever a step never ends (a resync slower than the writes it chases). */
const maybeSeconds = z.number().nonnegative().nullable();

export const procedureSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['failover', 'drill', 'failback', 'read-only-standby', 'last-backup', 'point-in-time']),
  title: z.string(),
  /** Construct path of what the procedure brings back: the plan or a split-mirror backup. */
  subject: z.string(),
  /** End of the last step, every step starting once its dependencies are done. */
  totalSeconds: maybeSeconds,
  criticalPath: z.array(z.string()),
  notes: z.array(z.string()),
  steps: z.array(
    z.strictObject({
      order: z.number().int().positive(),
      id: z.string(),
      number: z.number().int().positive(),
      action: z.string(),
      title: z.string(),
      site: z.string().nullable(),
      server: z.string().nullable(),
      params: z.record(z.string(), z.string()),
      dependsOn: z.array(z.string()),
      durationSeconds: maybeSeconds,
      /** Where the duration comes from: a declared time, or the computation. */
      basis: z.string(),
      startSeconds: maybeSeconds,
      endSeconds: maybeSeconds,
      critical: z.boolean(),
      /** The shell command bound to the action (never run by Terraform); null when none is bound. */
      command: z.string().nullable(),
    }),
  ),
});

/** The plan's recovery figures (added in schema version 3; null in older documents). */
export const recoverySchema = z.strictObject({
  tranlogStore: z.enum(['file-system', 'database']),
  times: z.strictObject({
    declareAndFenceSeconds: z.number().nonnegative(),
    mountVolumesSeconds: z.number().nonnegative(),
    databaseRestartSeconds: z.number().nonnegative(),
    applicationServerStartSeconds: z.number().nonnegative(),
    applicationStopSeconds: z.number().nonnegative(),
    verificationSeconds: z.number().nonnegative(),
  }),
  /** The failover's critical path; null without a snapshot schedule (no seed-000 failover). */
  failoverSeconds: maybeSeconds,
  rtoSeconds: maybeSeconds,
  /** null when there is no failover or no RTO. */
  meetsRto: z.boolean().nullable(),
  drill: z
    .strictObject({
      durationSeconds: maybeSeconds,
      preservedBytes: z.number().nonnegative(),
      drillWriteBytes: z.number().nonnegative(),
      snapshotSpaceBytes: z.number().nonnegative(),
    })
    .nullable(),
  failback: z
    .strictObject({
      windowSeconds: maybeSeconds,
      afterSeconds: maybeSeconds,
      resyncs: z.array(
        z.strictObject({
          schedule: z.string(),
          full: z.boolean(),
          changedBytes: z.number().nonnegative(),
          sentBytes: z.number().nonnegative(),
          shareBytesPerSecond: z.number().nonnegative(),
          writeSentBytesPerSecond: z.number().nonnegative(),
          seconds: maybeSeconds,
          withinWindow: z.boolean().nullable(),
        }),
      ),
    })
    .nullable(),
});

export type PlanDocumentProcedure = z.infer<typeof procedureSchema>;
export type PlanDocumentRecovery = z.infer<typeof recoverySchema>;

export function procedureEntries(
  recovery: RecoveryAnalysis,
  commands: ReadonlyMap<string, string | undefined> | undefined,
): PlanDocumentProcedure[] {
  return recovery.procedures.map((procedure: Procedure) => ({
    id: procedure.id,
    kind: procedure.kind,
    title: procedure.title,
    subject: procedure.subject,
    totalSeconds: finiteOrNull(procedure.totalSeconds),
    criticalPath: [...procedure.criticalPath],
    notes: [...procedure.notes],
    steps: procedure.steps.map((step, index) => ({
      order: index + 1,
      id: step.id,
      number: step.number,
      action: step.action,
      title: step.title,
      site: step.site ?? null,
      server: step.server ?? null,
      params: Object.fromEntries(Object.entries(step.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      dependsOn: [...step.dependsOn],
      durationSeconds: finiteOrNull(step.durationSeconds),
      basis: step.basis,
      startSeconds: finiteOrNull(step.startSeconds),
      endSeconds: finiteOrNull(step.endSeconds),
      critical: step.critical,
      command: commands?.get(recoveryCommandKey(procedure.id, step.id)) ?? null,
    })),
  }));
}

export function recoveryEntry(recovery: RecoveryAnalysis, plan: PlanDecl): PlanDocumentRecovery {
  const times = recovery.times;
  const window = plan.failbackWindowSeconds;
  return {
    tranlogStore: plan.tranlogStore ?? 'file-system',
    times: {
      declareAndFenceSeconds: round(times.declareAndFenceSeconds),
      mountVolumesSeconds: round(times.mountVolumesSeconds),
      databaseRestartSeconds: round(times.databaseRestartSeconds),
      applicationServerStartSeconds: round(times.applicationServerStartSeconds),
      applicationStopSeconds: round(times.applicationStopSeconds),
      verificationSeconds: round(times.verificationSeconds),
    },
    failoverSeconds: recovery.failover ? finiteOrNull(recovery.failover.totalSeconds) : null,
    rtoSeconds: plan.rtoSeconds === undefined ? null : round(plan.rtoSeconds),
    meetsRto: recovery.failover?.meetsRto ?? null,
    drill: recovery.drill
      ? {
          durationSeconds: finiteOrNull(recovery.drill.durationSeconds),
          preservedBytes: Math.round(recovery.drill.preservedBytes),
          drillWriteBytes: Math.round(recovery.drill.drillWriteBytes),
          snapshotSpaceBytes: Math.round(recovery.drill.snapshotSpaceBytes),
        }
      : null,
    failback: recovery.failback
      ? {
          windowSeconds: window === undefined ? null : round(window),
          afterSeconds: plan.failbackAfterSeconds === undefined ? null : round(plan.failbackAfterSeconds),
          resyncs: recovery.failback.resyncs.map((resync) => ({
            schedule: resync.scheduleId,
            full: resync.full,
            changedBytes: Math.round(resync.changedBytes),
            sentBytes: Math.round(resync.sentBytes),
            shareBytesPerSecond: round(resync.shareBytesPerSecond),
            writeSentBytesPerSecond: round(resync.writeSentBytesPerSecond),
            seconds: finiteOrNull(resync.seconds),
            withinWindow: window === undefined ? null : resync.seconds <= window,
          })),
        }
      : null,
  };
}
