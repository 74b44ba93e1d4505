import {
  DATABASE_DATA_KINDS,
  DEFAULT_RECOVERY_TIMES,
  TRANSACTION_LOG_KINDS,
  type LinkDecl,
  type PlanDecl,
  type RecoveryTimesDecl,
  type ScheduleDecl,
  type ServerDecl,
  type SiteDecl,
  type VolumeDecl,
} from '../model/design';
import { compensationLogDirectory, holdsAny, siteMounts, type Mount } from '../model/mounts';
import { peersOf } from '../model/peers';
import { DataRate } from '../units/data-rate';
import { Duration } from '../units/duration';
import { Size } from '../units/size';
import { criticalPath } from './critical-path';
import { changedBytesInWindow, shippedChangeVolumes } from './change';
import type { RpoBudget } from './rpo';
import { compareText } from './steps';
import type { ScenarioAction, SplitMirrorAnalysis } from './split-mirror';

/**
 * The way back, derived from the declared design: what operators do after the primary site is
 * lost (failover), how they rehearse it without touching production (drill), how they return
 * (failback), and, for seed 003's split-mirror backups, the three recovery scenarios. Each step
 * has a duration, from a declared time where the design cannot give one, else computed from
 * sizes, rates and links; the critical path of the failover is what the RTO is checked against.
 * Pure: plain data in, plain data out.
 */

export type ProcedureKind = 'failover' | 'drill' | 'failback' | 'read-only-standby' | 'last-backup' | 'point-in-time';

/** What an operator does in one recovery step; users may bind commands to these as to deployment steps. */
export const RECOVERY_ACTIONS = [
  'declare-and-fence',
  'make-snapshot-writable',
  'run-recovery-scripts',
  'start-database',
  'start-application-server',
  'verify-and-redirect',
  'create-drill-copy',
  'verify-drill',
  'remove-drill-copy',
  'reverse-replication',
  'resync-to-primary',
  'stop-application-servers',
  'final-transfer',
  'take-over-standby',
  'copy-back',
  'apply-logs',
  'restart-database',
] as const;

export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

export interface RecoveryStep {
  /** Unique within its procedure, e.g. `start-database.db1-dr`. */
  readonly id: string;
  /** The checklist item this step belongs to (failover: 1-6, as the runbook numbers them). */
  readonly number: number;
  readonly action: RecoveryAction;
  readonly title: string;
  readonly site?: string;
  readonly server?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly dependsOn: readonly string[];
  /** Infinity when the step never ends (a resync slower than the writes it chases). */
  readonly durationSeconds: number;
  /** Where the duration comes from: the declared time, or the computation with its numbers. */
  readonly basis: string;
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly critical: boolean;
}

export interface Procedure {
  /** Unique within the plan: `failover`, `drill`, `failback`, or `<backup>.<scenario>`. */
  readonly id: string;
  readonly kind: ProcedureKind;
  readonly title: string;
  /** Construct path of what the procedure brings back: the plan, or a split-mirror backup. */
  readonly subject: string;
  /** In an order where every step comes after the steps it depends on. */
  readonly steps: readonly RecoveryStep[];
  /** End of the last step when every step starts as soon as its dependencies are done. */
  readonly totalSeconds: number;
  /** Step ids that decide `totalSeconds`, first to last. */
  readonly criticalPath: readonly string[];
  /** Assumptions and costs the reader needs that are not steps. */
  readonly notes: readonly string[];
}

export interface DrillCost {
  readonly durationSeconds: number;
  /** Replica blocks replication overwrites while the copy exists: the copy keeps their old contents. */
  readonly preservedBytes: number;
  /** Blocks the drill itself writes to its copy, assumed no faster than production writes. */
  readonly drillWriteBytes: number;
  readonly snapshotSpaceBytes: number;
}

export interface FailbackResync {
  readonly scheduleId: string;
  /** true: every volume copied in full (no `failbackAfter` declared). */
  readonly full: boolean;
  readonly changedBytes: number;
  readonly sentBytes: number;
  /** The schedule's share of the link, as its RPO budget has it. */
  readonly shareBytesPerSecond: number;
  /** New writes at the recovery site during the resync, after compression. */
  readonly writeSentBytesPerSecond: number;
  /** Infinity when the writes use up the share: the resync never finishes. */
  readonly seconds: number;
}

export interface RecoveryAnalysis {
  readonly times: RecoveryTimesDecl;
  readonly procedures: readonly Procedure[];
  /** Seed 000's failover against the RTO; absent when the plan has no snapshot schedule. */
  readonly failover?: {
    readonly totalSeconds: number;
    readonly rtoSeconds?: number;
    /** null when no RTO is declared. */
    readonly meetsRto: boolean | null;
  };
  readonly drill?: DrillCost;
  readonly failback?: { readonly resyncs: readonly FailbackResync[]; readonly windowSeconds?: number };
}

/** The recovery-time prop each declared duration comes from, as the plan and the findings name it. */
export const RECOVERY_TIME_PROPS: Readonly<Record<keyof RecoveryTimesDecl, string>> = {
  declareAndFenceSeconds: 'recoveryTimes.declareAndFence',
  mountVolumesSeconds: 'recoveryTimes.mountVolumes',
  databaseRestartSeconds: 'recoveryTimes.databaseRestart',
  applicationServerStartSeconds: 'recoveryTimes.applicationServerStart',
  applicationStopSeconds: 'recoveryTimes.applicationStop',
  verificationSeconds: 'recoveryTimes.verification',
};

export function analyzeRecovery(
  plan: PlanDecl,
  budgets: readonly RpoBudget[],
  splitMirrors: readonly SplitMirrorAnalysis[],
  linksById: ReadonlyMap<string, LinkDecl>,
): RecoveryAnalysis {
  const times = plan.recoveryTimes ?? DEFAULT_RECOVERY_TIMES;
  const procedures: Procedure[] = [];
  const primary = plan.sites.find((site) => site.role === 'primary');
  const recovery = plan.sites.find((site) => site.role === 'recovery');
  let result: Omit<RecoveryAnalysis, 'times' | 'procedures'> = {};
  if (primary && recovery && plan.schedules.length > 0) {
    const design = new Design(plan, primary, recovery, budgets, linksById, times);
    const failover = design.failover();
    const drill = design.drill();
    const failback = design.failback();
    procedures.push(failover, drill.procedure, failback.procedure);
    result = {
      failover: {
        totalSeconds: failover.totalSeconds,
        rtoSeconds: plan.rtoSeconds,
        meetsRto: plan.rtoSeconds === undefined ? null : failover.totalSeconds <= plan.rtoSeconds,
      },
      drill: drill.cost,
      failback: { resyncs: failback.resyncs, windowSeconds: plan.failbackWindowSeconds },
    };
  }
  for (const analysis of splitMirrors) procedures.push(...scenarioProcedures(analysis));
  return { times, procedures, ...result };
}

/**
 * Where a recovery step's bound command sits among a plan's step commands: deployment step ids
 * start with their phase, so none starts with "@".
 */
export function recoveryCommandKey(procedureId: string, stepId: string): string {
  return `@${procedureId}/${stepId}`;
}

/** The longest steps of a procedure's critical path, longest first (ties in path order). */
export function longestCriticalSteps(procedure: Procedure, count: number): RecoveryStep[] {
  const byId = new Map(procedure.steps.map((step) => [step.id, step]));
  return procedure.criticalPath
    .map((id) => byId.get(id)!)
    .map((step, index) => ({ step, index }))
    .sort((a, b) => b.step.durationSeconds - a.step.durationSeconds || a.index - b.index)
    .slice(0, count)
    .map(({ step }) => step);
}

interface NewStep {
  readonly id: string;
  readonly number: number;
  readonly action: RecoveryAction;
  readonly title: string;
  readonly site?: SiteDecl;
  readonly server?: ServerDecl;
  readonly params: Record<string, string>;
  readonly dependsOn: readonly string[];
  readonly seconds: number;
  readonly basis: string;
}

class ProcedureBuilder {
  private readonly steps: Omit<RecoveryStep, 'startSeconds' | 'endSeconds' | 'critical'>[] = [];

  public constructor(
    private readonly id: string,
    private readonly kind: ProcedureKind,
    private readonly title: string,
    private readonly subject: string,
  ) {}

  public add(step: NewStep): string {
    if (this.steps.some((other) => other.id === step.id)) throw new Error(`internal: two recovery steps are both named ${step.id}`);
    const params: Record<string, string> = {
      ...(step.site ? { site: step.site.name } : {}),
      ...(step.server ? { server: step.server.name, host: step.server.host } : {}),
      ...step.params,
    };
    this.steps.push({
      id: step.id,
      number: step.number,
      action: step.action,
      title: step.title,
      ...(step.site ? { site: step.site.name } : {}),
      ...(step.server ? { server: step.server.name } : {}),
      params,
      dependsOn: [...new Set(step.dependsOn)].sort(compareText),
      durationSeconds: Number.isNaN(step.seconds) ? Infinity : step.seconds,
      basis: step.basis,
    });
    return step.id;
  }

  public build(notes: readonly string[]): Procedure {
    const path = criticalPath(this.steps);
    return {
      id: this.id,
      kind: this.kind,
      title: this.title,
      subject: this.subject,
      steps: this.steps.map((step) => ({ ...step, ...path.times.get(step.id)! })),
      totalSeconds: path.totalSeconds,
      criticalPath: path.path,
      notes: [...notes],
    };
  }
}

const formatSeconds = (value: number) => Duration.formatSeconds(value);
const BUSIEST_HOUR = 3600;
const formatBytes = (value: number) => Size.formatBytes(value);
const formatRate = (value: number) => DataRate.formatBytesPerSecond(value);

/** Seed 000's design seen from the recovery site: who mounts what, who replaces whom. */
class Design {
  /** Volumes and schedules in id order: the procedures must not depend on declaration order. */
  private readonly captured: VolumeDecl[];
  private readonly schedules: ScheduleDecl[];
  private readonly scheduleOf = new Map<string, ScheduleDecl>();

  public constructor(
    private readonly plan: PlanDecl,
    private readonly primary: SiteDecl,
    private readonly recovery: SiteDecl,
    private readonly budgets: readonly RpoBudget[],
    private readonly linksById: ReadonlyMap<string, LinkDecl>,
    private readonly times: RecoveryTimesDecl,
  ) {
    this.schedules = [...plan.schedules].sort((a, b) => compareText(a.id, b.id));
    for (const schedule of this.schedules) for (const id of schedule.volumeIds) if (!this.scheduleOf.has(id)) this.scheduleOf.set(id, schedule);
    // Only what a schedule replicates exists at the recovery site; SDR-CONSISTENCY-GROUP reports the rest.
    this.captured = plan.volumes.filter((volume) => this.scheduleOf.has(volume.id)).sort((a, b) => compareText(a.id, b.id));
  }

  public failover(): Procedure {
    const { primary, recovery, times } = this;
    const builder = new ProcedureBuilder('failover', 'failover', `Failover of plan ${this.plan.name} to recovery site ${recovery.name}`, this.plan.id);
    const fence = builder.add({
      id: 'declare-and-fence',
      number: 1,
      action: 'declare-and-fence',
      title:
        `Declare the disaster and fence primary site ${primary.name}: stop the replication of ${this.groupList()} ` +
        `over ${this.linkList()}, so that no late write from the primary can reach the replica`,
      site: primary,
      params: { consistencyGroups: this.schedules.map((s) => s.name).join(','), links: this.linkNames().join(',') },
      dependsOn: [],
      seconds: times.declareAndFenceSeconds,
      basis: declared(this.plan, 'declareAndFenceSeconds'),
    });
    const writable = new Map<string, string>();
    for (const schedule of this.schedules) {
      writable.set(schedule.id, builder.add({
        id: `make-snapshot-writable.${schedule.name}`,
        number: 2,
        action: 'make-snapshot-writable',
        title: `Make the last consistent snapshot of consistency group ${schedule.name} (${this.volumeNames(schedule).join(', ')}) writable at ${recovery.name}`,
        site: recovery,
        params: { schedule: schedule.name, consistencyGroup: this.volumeNames(schedule).join(','), link: this.linkName(schedule) },
        dependsOn: [fence],
        seconds: schedule.snapshotSeconds,
        basis: `a storage operation on the group, estimated as long as taking a snapshot (snapshotTime of ${schedule.name})`,
      }));
    }
    this.bringUp(builder, recovery, 3, (volume) => [writable.get(this.scheduleOf.get(volume.id)!.id)!], 'Run the recovery scripts', true);
    return builder.build([
      `Steps 2 to 6 run at ${recovery.name}; steps of one number run in parallel on their servers, and each waits only for what it depends on.`,
      ...this.peerNotes(),
    ]);
  }

  public drill(): { procedure: Procedure; cost: DrillCost } {
    const { recovery, primary, times } = this;
    const builder = new ProcedureBuilder('drill', 'drill', `Disaster-recovery drill of plan ${this.plan.name} at ${recovery.name}`, this.plan.id);
    const copies = new Map<string, string>();
    for (const schedule of this.schedules) {
      copies.set(schedule.id, builder.add({
        id: `create-drill-copy.${schedule.name}`,
        number: 1,
        action: 'create-drill-copy',
        title:
          `Take a writable point-in-time copy of the replica of ${schedule.name} at ${recovery.name}; ` +
          `replication keeps running and the drill never writes to the replica`,
        site: recovery,
        params: { schedule: schedule.name, consistencyGroup: this.volumeNames(schedule).join(','), network: 'isolated' },
        dependsOn: [],
        seconds: schedule.snapshotSeconds,
        basis: `estimated as long as taking a snapshot (snapshotTime of ${schedule.name})`,
      }));
    }
    const verified = this.bringUp(builder, recovery, 2, (volume) => [copies.get(this.scheduleOf.get(volume.id)!.id)!], 'On the isolated drill network, run the recovery scripts against the copy', false);
    builder.add({
      id: 'remove-drill-copy',
      number: 6,
      action: 'remove-drill-copy',
      title: `Stop the drill's servers, unmount the copies and delete them`,
      site: recovery,
      params: { consistencyGroups: this.schedules.map((s) => s.name).join(',') },
      dependsOn: [verified],
      seconds: times.applicationStopSeconds,
      basis: declared(this.plan, 'applicationStopSeconds'),
    });
    const procedure = builder.build([]);
    const duration = procedure.totalSeconds;
    // What replication writes onto the replica in the busiest window as long as the drill, per consistency group.
    const preservedBytes = sum(this.schedules.map((schedule) => changedBytesInWindow(this.shipped(schedule), duration)));
    const cost: DrillCost = { durationSeconds: duration, preservedBytes, drillWriteBytes: preservedBytes, snapshotSpaceBytes: 2 * preservedBytes };
    const budgetNotes = this.budgets.map((budget) => {
      const name = this.schedules.find((s) => s.id === budget.scheduleId)?.name ?? budget.scheduleId;
      const worst = Number.isFinite(budget.worstCaseSeconds) ? formatSeconds(budget.worstCaseSeconds) : 'unbounded';
      return `${name}: worst case ${worst} against the ${formatSeconds(budget.targetSeconds)} RPO, as without the drill`;
    });
    const notes = [
      `The drill does not touch the RPO: replication from ${primary.name} keeps running, and the copy is taken at ${recovery.name}, ` +
        `so nothing extra crosses the link (${budgetNotes.join('; ')}).`,
      `Snapshot space while the copy exists (${formatSeconds(duration)}): up to ${formatBytes(cost.snapshotSpaceBytes)} = ` +
        `${formatBytes(preservedBytes)} of replica blocks that replication overwrites (the copy keeps their old contents) + ` +
        `${formatBytes(preservedBytes)} the drill writes to the copy, assumed no faster than production (the busiest window of ` +
        `that length, each volume at most its capacity).`,
      `Clients stay on ${primary.name}; the drill network has no route to ${primary.name} or to the clients, so the drill's servers ` +
        `cannot take over the primary's locks, leases or addresses.`,
    ];
    return { procedure: { ...procedure, notes }, cost };
  }

  public failback(): { procedure: Procedure; resyncs: FailbackResync[] } {
    const { primary, recovery, times } = this;
    const builder = new ProcedureBuilder('failback', 'failback', `Failback of plan ${this.plan.name} to primary site ${primary.name}`, this.plan.id);
    const resyncs: FailbackResync[] = [];
    const resynced: string[] = [];
    for (const schedule of this.schedules) {
      const reversed = builder.add({
        id: `reverse-replication.${schedule.name}`,
        number: 1,
        action: 'reverse-replication',
        title: `Reverse the replication of ${schedule.name}: ${recovery.name} -> ${primary.name} over ${this.linkName(schedule)}`,
        params: { schedule: schedule.name, from: recovery.name, to: primary.name, link: this.linkName(schedule) },
        dependsOn: [],
        seconds: schedule.snapshotSeconds,
        basis: `a storage operation on the group, estimated as long as taking a snapshot (snapshotTime of ${schedule.name})`,
      });
      const resync = this.resyncOf(schedule);
      resyncs.push(resync);
      const what = resync.full
        ? `every volume in full (${formatBytes(resync.changedBytes)}: nothing says the primary's storage or its change tracking survived)`
        : `what changed at either site since the last snapshot that reached ${recovery.name} (${formatBytes(resync.changedBytes)})`;
      resynced.push(builder.add({
        id: `resync-to-primary.${schedule.name}`,
        number: 2,
        action: 'resync-to-primary',
        title: `Resynchronise ${schedule.name} to ${primary.name}: ${what}, while production keeps writing at ${recovery.name}`,
        params: { schedule: schedule.name, bytes: String(Math.round(resync.changedBytes)), mode: resync.full ? 'full' : 'changed' },
        dependsOn: [reversed],
        seconds: resync.seconds,
        basis:
          `${formatBytes(resync.sentBytes)} sent over ${formatRate(resync.shareBytesPerSecond)} of ${this.linkName(schedule)}, ` +
          `less ${formatRate(resync.writeSentBytesPerSecond)} of new writes it must also carry` +
          (Number.isFinite(resync.seconds) ? '' : ': the writes use up the link, so the resync never finishes'),
      }));
    }
    const stopped = builder.add({
      id: 'stop-application-servers',
      number: 3,
      action: 'stop-application-servers',
      title: `Planned switch-over: stop the application servers at ${recovery.name} cleanly, so that no transaction is left in doubt`,
      site: recovery,
      params: {},
      dependsOn: resynced,
      seconds: times.applicationStopSeconds,
      basis: declared(this.plan, 'applicationStopSeconds'),
    });
    const writable = new Map<string, string>();
    for (const schedule of this.schedules) {
      const budget = this.budgets.find((b) => b.scheduleId === schedule.id);
      const last = builder.add({
        id: `final-transfer.${schedule.name}`,
        number: 4,
        action: 'final-transfer',
        title: `Take a last snapshot of ${schedule.name} at ${recovery.name} and ship it to ${primary.name}`,
        params: { schedule: schedule.name },
        dependsOn: [stopped],
        seconds: budget ? budget.completionSeconds : Infinity,
        basis: budget
          ? `snapshot ${formatSeconds(budget.snapshotSeconds)} + transfer ${formatSeconds(budget.transferSeconds)} of at most one interval's changes, as in the RPO budget`
          : 'no RPO budget for this schedule',
      });
      writable.set(schedule.id, builder.add({
        id: `make-snapshot-writable.${schedule.name}`,
        number: 5,
        action: 'make-snapshot-writable',
        title: `Stop the reverse replication of ${schedule.name} and make its last snapshot writable at ${primary.name}`,
        site: primary,
        params: { schedule: schedule.name, consistencyGroup: this.volumeNames(schedule).join(',') },
        dependsOn: [last],
        seconds: schedule.snapshotSeconds,
        basis: `estimated as long as taking a snapshot (snapshotTime of ${schedule.name})`,
      }));
    }
    this.bringUp(builder, primary, 6, (volume) => [writable.get(this.scheduleOf.get(volume.id)!.id)!], 'Run the mount scripts', true);
    const notes = [
      this.plan.failbackAfterSeconds === undefined
        ? `The resync copies every volume in full. Declare failbackAfter (how long production runs at ${recovery.name}) when the primary's storage and its change tracking survive, to size it by what changed instead.`
        : `The resync copies what changed in ${formatSeconds(this.plan.failbackAfterSeconds)} at ${recovery.name} plus the primary's writes after the last snapshot that reached ${recovery.name} (the RPO worst case), each volume at most its capacity.`,
      `After the switch-over, replication runs ${primary.name} -> ${recovery.name} again, as deployed.`,
    ];
    return { procedure: builder.build(notes), resyncs };
  }

  /**
   * Steps 3-6 of a failover at `site` (mount, database, application servers, verify), numbered
   * from `first`. Returns the last step's id.
   */
  private bringUp(
    builder: ProcedureBuilder,
    site: SiteDecl,
    first: number,
    ready: (volume: VolumeDecl) => string[],
    mountVerb: string,
    redirect: boolean,
  ): string {
    const { times } = this;
    const mounts = siteMounts(site, this.captured).filter((mount) => mount.volume);
    const mountStep = new Map<string, string>();
    for (const [server, serverMounts] of byServer(mounts)) {
      mountStep.set(server.name, builder.add({
        id: `run-recovery-scripts.${server.name}`,
        number: first,
        action: 'run-recovery-scripts',
        title: `${mountVerb} on ${server.name}: mount ${serverMounts.map((m) => `${m.volume!.name} at ${m.path}`).join(', ')}`,
        site,
        server,
        params: { volumes: serverMounts.map((m) => m.volume!.name).join(','), paths: serverMounts.map((m) => m.path).join(',') },
        dependsOn: serverMounts.flatMap((m) => ready(m.volume!)),
        seconds: times.mountVolumesSeconds,
        basis: declared(this.plan, 'mountVolumesSeconds'),
      }));
    }
    const databases: string[] = [];
    for (const [server, serverMounts] of byServer(mounts)) {
      const dbMounts = serverMounts.filter((m) => server.role === 'database' && holdsAny(m.volume!.holds, DATABASE_DATA_KINDS));
      if (dbMounts.length === 0) continue;
      const paths = (kinds: readonly string[]) => dbMounts.filter((m) => m.volume!.holds.some((k) => kinds.includes(k))).map((m) => m.path).join(',');
      const dataPaths = paths(['database-data', 'messaging-stores']);
      const logPaths = paths(['database-logs']);
      databases.push(builder.add({
        id: `start-database.${server.name}`,
        number: first + 1,
        action: 'start-database',
        title:
          `Start the database on ${server.name} with the ${site.role === 'recovery' ? 'recovery ' : ''}catalog (data ${dataPaths || 'none'}, logs ${logPaths || 'none'}) ` +
          `and let crash recovery finish` +
          (this.tranlogsInDatabase() ? '; it also brings back the transaction-log tables' : ''),
        site,
        server,
        params: { dataPaths, logPaths },
        dependsOn: [mountStep.get(server.name)!],
        seconds: times.databaseRestartSeconds,
        basis: declared(this.plan, 'databaseRestartSeconds'),
      }));
    }
    const peers = new Map(peersOf(this.plan).assignments.map((a) => [a.recoveryServer.name, a.primaryServer.name]));
    const tranlogVolume = this.captured.find((volume) => holdsAny(volume.holds, TRANSACTION_LOG_KINDS) && volume.fileSystem);
    const started: string[] = [];
    const applicationServers = site.servers.filter((s) => s.role === 'application').sort((a, b) => compareText(a.name, b.name));
    for (const server of applicationServers) {
      // At the recovery site each server recovers the primary server it replaces; back home, its own logs.
      const owner = site.role === 'recovery' ? peers.get(server.name) : server.name;
      const params: Record<string, string> = {};
      let what: string;
      if (owner === undefined) {
        what = `Start ${server.name}; it replaces no primary server, so it recovers no peer's logs`;
      } else if (this.tranlogsInDatabase()) {
        params.recoversServer = owner;
        params.logStore = 'database';
        what =
          `Start ${server.name} and let it recover the transaction and compensation logs of ${owner} from the transaction-log ` +
          `tables in the database${owner === server.name ? '' : ' (peer recovery)'}, then resolve in-doubt transactions`;
      } else {
        const base = tranlogVolume ? `${tranlogVolume.mountPath}/${owner}` : undefined;
        params.recoversServer = owner;
        if (base) {
          params.logDirectory = base;
          params.compensationLogDirectory = compensationLogDirectory(base);
        }
        what =
          `Start ${server.name} and let it recover the transaction and compensation logs of ${owner}` +
          (base ? ` from ${base} and ${compensationLogDirectory(base)}` : '') +
          `${owner === server.name ? '' : ' (peer recovery)'}, then resolve in-doubt transactions`;
      }
      const own = mountStep.get(server.name);
      started.push(builder.add({
        id: `start-application-server.${server.name}`,
        number: first + 2,
        action: 'start-application-server',
        title: what,
        site,
        server,
        params,
        dependsOn: [...(own ? [own] : []), ...databases],
        seconds: times.applicationServerStartSeconds,
        basis: declared(this.plan, 'applicationServerStartSeconds'),
      }));
    }
    const before = started.length > 0 ? started : databases.length > 0 ? databases : [...mountStep.values()];
    return builder.add({
      id: redirect ? 'verify-and-redirect' : 'verify-drill',
      number: first + 3,
      action: redirect ? 'verify-and-redirect' : 'verify-drill',
      title: redirect
        ? `Verify the application at ${site.name} (database consistent, no transaction left in doubt), then redirect clients to it`
        : `Verify the application on the isolated network (database consistent, no transaction left in doubt); clients stay on ${this.primary.name}`,
      site,
      params: {},
      dependsOn: before,
      seconds: times.verificationSeconds,
      basis: declared(this.plan, 'verificationSeconds'),
    });
  }

  private resyncOf(schedule: ScheduleDecl): FailbackResync {
    const budget = this.budgets.find((b) => b.scheduleId === schedule.id);
    const link = this.linksById.get(schedule.linkId);
    const volumes = this.captured.filter((v) => schedule.volumeIds.includes(v.id));
    const shipped = this.shipped(schedule);
    const after = this.plan.failbackAfterSeconds;
    const full = after === undefined || !budget || !Number.isFinite(budget.worstCaseSeconds);
    const changed = full ? sum(volumes.map((v) => v.capacityBytes)) : changedBytesInWindow(shipped, after + budget!.worstCaseSeconds);
    const compression = link?.compressionRatio ?? 1;
    const share = budget?.shareBytesPerSecond ?? 0;
    // The writes the resync chases, at the rate of the busiest hour (the average, for a volume without a profile).
    const writes = changedBytesInWindow(shipped, BUSIEST_HOUR) / BUSIEST_HOUR / compression;
    const sent = changed / compression;
    const seconds = sent === 0 ? 0 : share > writes ? sent / (share - writes) : Infinity;
    return { scheduleId: schedule.id, full, changedBytes: changed, sentBytes: sent, shareBytesPerSecond: share, writeSentBytesPerSecond: writes, seconds };
  }

  /** The schedule's volumes as its link ships them (grain amplification included), for changedBytesInWindow. */
  private shipped(schedule: ScheduleDecl) {
    const link = this.linksById.get(schedule.linkId);
    const volumes = this.captured.filter((v) => schedule.volumeIds.includes(v.id));
    return link ? shippedChangeVolumes(volumes, link) : volumes;
  }

  private peerNotes(): string[] {
    const peers = peersOf(this.plan);
    const notes = [...peers.assignments]
      .sort((a, b) => compareText(a.recoveryServer.name, b.recoveryServer.name))
      .filter((a) => a.primaryServer.role === 'application')
      .map((a) => `${a.recoveryServer.name} replaces ${a.primaryServer.name} (${a.declared ? 'declared' : 'same position and role'}).`);
    if (peers.unreplaced.length > 0) notes.push(`No recovery server replaces ${peers.unreplaced.map((s) => s.name).sort(compareText).join(', ')}: their transactions stay in doubt (SDR-PEER-RECOVERY).`);
    return notes;
  }

  private tranlogsInDatabase(): boolean {
    return this.plan.tranlogStore === 'database';
  }

  private volumeNames(schedule: ScheduleDecl): string[] {
    return this.captured.filter((v) => schedule.volumeIds.includes(v.id)).map((v) => v.name);
  }

  private linkName(schedule: ScheduleDecl): string {
    return this.linksById.get(schedule.linkId)?.name ?? schedule.linkId;
  }

  private linkNames(): string[] {
    return [...new Set(this.schedules.map((s) => this.linkName(s)))];
  }

  private linkList(): string {
    return this.linkNames().map((name) => `link ${name}`).join(' and ');
  }

  private groupList(): string {
    return this.schedules.map((s) => `consistency group ${s.name}`).join(', ');
  }
}

function declared(plan: PlanDecl, key: keyof RecoveryTimesDecl): string {
  const given = plan.recoveryTimes !== undefined && plan.recoveryTimes[key] !== DEFAULT_RECOVERY_TIMES[key];
  return `${RECOVERY_TIME_PROPS[key]}${given ? '' : ' (default)'}`;
}

/** Mounts grouped by server, servers by name: the procedures must not depend on declaration order. */
function byServer(mounts: readonly Mount[]): Map<ServerDecl, Mount[]> {
  const map = new Map<ServerDecl, Mount[]>();
  const sorted = [...mounts].sort((a, b) => compareText(a.server.name, b.server.name) || compareText(a.path, b.path));
  for (const mount of sorted) map.set(mount.server, [...(map.get(mount.server) ?? []), mount]);
  return map;
}

const SCENARIO_TITLES: Record<string, string> = {
  'read-only-standby': 'offer the read-only standby',
  'last-backup': 'back to the last backup',
  'point-in-time': 'recover to a point in time close to the disaster',
};

/** Seed 003's scenarios, step by step: the same parts, and so the same times, as their RTOs. */
function scenarioProcedures(analysis: SplitMirrorAnalysis): Procedure[] {
  const decl = analysis.splitMirror;
  return analysis.scenarios.map((scenario) => {
    const builder = new ProcedureBuilder(
      `${decl.name}.${scenario.kind}`,
      scenario.kind,
      `Backup ${decl.name}: ${SCENARIO_TITLES[scenario.kind]}${scenario.kind === decl.recovery.path ? ' (the plan\'s recovery path)' : ''}`,
      decl.id,
    );
    let previous: string[] = [];
    scenario.rtoParts.forEach((part, index) => {
      const action: ScenarioAction = part.action;
      previous = [builder.add({
        id: `${action}.${index + 1}`,
        number: index + 1,
        action,
        title: part.what.charAt(0).toUpperCase() + part.what.slice(1),
        params: { backup: decl.name, ...part.params },
        dependsOn: previous,
        seconds: part.seconds,
        basis: part.basis,
      })];
    });
    return builder.build(scenario.notes ?? []);
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
