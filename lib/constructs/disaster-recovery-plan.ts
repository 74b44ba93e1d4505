import { Annotations, type ITerraformDependable } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { z } from 'zod';
import type { PlanAnalysis } from '../estate';
import { RECOVERY_ACTIONS } from '../analysis/recovery';
import { STEP_ACTIONS, STEP_PHASES } from '../analysis/steps';
import { SanDrError } from '../errors';
import { DEFAULT_RECOVERY_TIMES, type PlanDecl, type SiteDecl, type VolumeDecl } from '../model/design';
import { siteMounts } from '../model/mounts';
import { peersOf } from '../model/peers';
import type { Duration, DurationLike } from '../units';
import type { DataCenter } from './data-center';
import { TranlogStore } from './enums';
import { durationProp, enumProp, parseProps, positiveDurationProp } from './props';
import type { ReplicatedVolume } from './replicated-volume';
import type { SnapshotSchedule } from './snapshot-schedule';
import type { SplitMirrorBackup } from './split-mirror-backup';
import { StackEstate } from './stack-estate';
import { reservedChildId } from './reserved-ids';
import { bindRecoveryCommands, bindStepCommands, StepResources, type StepCommands, type StepSelection } from './step-resources';

/**
 * How long the recovery steps take that no declared size, rate or link can give. The defaults
 * are a team following a practised runbook by hand; declare the times your drills measured.
 */
export interface RecoveryTimesProps {
  /**
   * Deciding that the primary site is lost and fencing it: stopping replication, so that no late
   * write from the primary can reach the replica.
   * @default "30m"
   */
  readonly declareAndFence?: DurationLike;
  /**
   * Running one server's recovery scripts that mount its replicated volumes (servers in parallel).
   * @default "5m"
   */
  readonly mountVolumes?: DurationLike;
  /**
   * Starting the database on the replica and letting its crash recovery finish.
   * @default "20m"
   */
  readonly databaseRestart?: DurationLike;
  /**
   * Starting one application server, including peer recovery of the server it replaces and
   * resolving in-doubt transactions (servers in parallel).
   * @default "15m"
   */
  readonly applicationServerStart?: DurationLike;
  /**
   * Stopping the application servers cleanly, for a planned switch-over or the end of a drill.
   * @default "10m"
   */
  readonly applicationStop?: DurationLike;
  /**
   * Checking that the application works, then redirecting clients (DNS, load balancer).
   * @default "30m"
   */
  readonly verification?: DurationLike;
}

/** The child that holds the plan's step resources: part of every resource address, so fixed. */
const STEPS_ID = 'Steps';

export interface DisasterRecoveryPlanProps {
  /**
   * Recovery point objective: the most data, measured in time, the business accepts to lose when
   * the primary site is lost. Every snapshot schedule of the plan must meet it in the worst case.
   */
  readonly rpo: DurationLike;
  /**
   * Recovery time objective: how long the application may be down after a disaster. Recorded
   * in the plan for reviewers.
   * @default - no RTO target; the plan states that none was declared
   */
  readonly rto?: DurationLike;
  /**
   * A schedule whose worst case is within this share of the RPO earns an `SDR-RPO-MARGIN` warning.
   * @default 0.1 (warn when less than 10% of the RPO is left)
   */
  readonly rpoMarginWarning?: number;
  /**
   * Times of the recovery steps the design cannot give (failover, drill, failback). The failover's
   * critical path must fit in the `rto` (SDR-RTO-BUDGET).
   * @default - each time's own default (see RecoveryTimesProps)
   */
  readonly recoveryTimes?: RecoveryTimesProps;
  /**
   * Longest the failback's resynchronisation (what changed since the failover, copied back over
   * the link) may take; a longer one earns an `SDR-FAILBACK-WINDOW` warning.
   * @default - no window: the failback is described but not checked
   */
  readonly failbackWindow?: DurationLike;
  /**
   * How long production runs at the recovery site before failing back, when the primary's
   * storage and its change tracking survive the disaster: the failback then copies only what
   * changed in that time (and since the last snapshot that reached the recovery site).
   * @default - every volume is copied back in full
   */
  readonly failbackAfter?: DurationLike;
  /**
   * Where the application servers keep their transaction and compensation logs. `database`
   * (WebSphere 8.5.5 and later, and Liberty): the shared-file-system rules no longer apply, and
   * the database must be in the plan's consistency group (SDR-TRANLOG-DATABASE-GROUP).
   * @default TranlogStore.FILE_SYSTEM
   */
  readonly tranlogStore?: TranlogStore;
  /**
   * Commands that perform the deployment steps, per action, as argv arrays (each argument is
   * shell-quoted). Terraform runs them through `local-exec` when it creates the step. Commands
   * bound to a recovery action (`declare-and-fence`, `start-database`, ...) are not run: they are
   * written, quoted the same way, into the recovery steps of `dr-runbook.md` and `dr-plan.json`.
   * @default - no commands: every step is a null_resource recorded in state and listed in the
   * plan for an operator to carry out
   */
  readonly commands?: StepCommands;
}

const ACTIONS = [...STEP_ACTIONS, ...RECOVERY_ACTIONS];

const recoveryTimesSchema = z.strictObject({
  declareAndFence: durationProp().optional(),
  mountVolumes: durationProp().optional(),
  databaseRestart: durationProp().optional(),
  applicationServerStart: durationProp().optional(),
  applicationStop: durationProp().optional(),
  verification: durationProp().optional(),
});

const planPropsSchema = z.strictObject({
  rpo: positiveDurationProp(),
  rto: positiveDurationProp().optional(),
  recoveryTimes: recoveryTimesSchema.default({}),
  failbackWindow: durationProp().optional(),
  failbackAfter: durationProp().optional(),
  tranlogStore: enumProp(Object.values(TranlogStore)).default('file-system'),
  rpoMarginWarning: z
    .number({ error: 'a number from 0 to 1, such as 0.1' })
    .min(0, { error: 'a number from 0 to 1, such as 0.1' })
    .max(1, { error: 'a number from 0 to 1, such as 0.1' })
    .default(0.1),
  commands: z
    .partialRecord(
      z.enum(ACTIONS as [string, ...string[]], {
        error: `a step action: ${ACTIONS.join(', ')}`,
      }),
      z.custom<NonNullable<StepCommands[keyof StepCommands]>>((v) => typeof v === 'function', {
        error: 'a function (step) => argv',
      }),
    )
    .default({}),
});

const stepSelectionSchema = z.strictObject({
  phase: z.enum(STEP_PHASES as [string, ...string[]], { error: `a step phase: ${STEP_PHASES.join(', ')}` }).optional(),
  action: z.enum(STEP_ACTIONS as [string, ...string[]], { error: `a step action: ${STEP_ACTIONS.join(', ')}` }).optional(),
});

/**
 * The disaster-recovery design of one application: the two data centers, the replicated
 * volumes and the snapshot schedule, checked against the declared RPO when the stack is
 * synthesized. Declare the other constructs inside it (links may live anywhere in the stack).
 */
export class DisasterRecoveryPlan extends Construct {
  /** The plan a construct belongs to: its nearest enclosing DisasterRecoveryPlan. */
  public static of(construct: IConstruct): DisasterRecoveryPlan {
    const plan = construct.node.scopes.reverse().find((scope) => scope instanceof DisasterRecoveryPlan);
    if (!plan) {
      throw new SanDrError({
        propPath: 'scope',
        value: construct.node.path,
        allowed: `a scope inside a DisasterRecoveryPlan (declare ${construct.constructor.name} with the plan, or a construct within it, as its scope)`,
        scope: construct.node.path,
      });
    }
    return plan as DisasterRecoveryPlan;
  }

  public readonly rpo: Duration;
  public readonly rto: Duration | undefined;
  private readonly rpoMarginWarning: number;
  private readonly commands: StepCommands;
  private readonly recovery: Pick<PlanDecl, 'recoveryTimes' | 'failbackWindowSeconds' | 'failbackAfterSeconds' | 'tranlogStore'>;
  private readonly dataCenters: DataCenter[] = [];
  private readonly volumes: ReplicatedVolume[] = [];
  private readonly schedules: SnapshotSchedule[] = [];
  private readonly splitMirrors: SplitMirrorBackup[] = [];
  private readonly estate: StackEstate;
  private stepResources: StepResources | undefined;

  public constructor(scope: Construct, id: string, props: DisasterRecoveryPlanProps) {
    super(scope, id);
    StackEstate.of(this); // before the props are checked: removes stale plan files
    const parsed = parseProps(planPropsSchema, props, this);
    this.rpo = parsed.rpo;
    this.rto = parsed.rto;
    this.rpoMarginWarning = parsed.rpoMarginWarning;
    this.commands = parsed.commands as StepCommands;
    const secondsOf = (duration: Duration | undefined, fallback: number) => duration?.toSeconds({ integral: false }) ?? fallback;
    const times = parsed.recoveryTimes;
    this.recovery = {
      recoveryTimes: {
        declareAndFenceSeconds: secondsOf(times.declareAndFence, DEFAULT_RECOVERY_TIMES.declareAndFenceSeconds),
        mountVolumesSeconds: secondsOf(times.mountVolumes, DEFAULT_RECOVERY_TIMES.mountVolumesSeconds),
        databaseRestartSeconds: secondsOf(times.databaseRestart, DEFAULT_RECOVERY_TIMES.databaseRestartSeconds),
        applicationServerStartSeconds: secondsOf(times.applicationServerStart, DEFAULT_RECOVERY_TIMES.applicationServerStartSeconds),
        applicationStopSeconds: secondsOf(times.applicationStop, DEFAULT_RECOVERY_TIMES.applicationStopSeconds),
        verificationSeconds: secondsOf(times.verification, DEFAULT_RECOVERY_TIMES.verificationSeconds),
      },
      failbackWindowSeconds: parsed.failbackWindow?.toSeconds({ integral: false }),
      failbackAfterSeconds: parsed.failbackAfter?.toSeconds({ integral: false }),
      tranlogStore: parsed.tranlogStore,
    };
    this.estate = StackEstate.of(this);
    this.estate.addPlan(this);
    this.node.addValidation({ validate: () => this.errorMessages() });
  }

  /**
   * The plan's analysis: RPO budgets, deployment steps and findings. Calling it completes the
   * plan: constructs declared afterwards are rejected.
   */
  public analysis(): PlanAnalysis {
    return this.estate.analysisOf(this);
  }

  /**
   * The plan's deployment steps as `dependsOn` accepts them: all of them, or those of one phase
   * and/or action, in plan order. A resource that must wait for the replication pairs, say,
   * depends on `plan.stepDependencies({ phase: 'replication' })`. Each is the address of a step's
   * `null_resource` (`null_resource.<name>`); from another stack, cdktf wires it through remote
   * state, as it would a resource construct. Like `analysis()`, calling it completes the plan.
   */
  public stepDependencies(selection: StepSelection = {}): ITerraformDependable[] {
    const parsed = parseProps(stepSelectionSchema, selection, this) as StepSelection;
    this.analysis();
    return this.stepResources!.dependables(parsed);
  }

  /** @internal */
  public _addDataCenter(dataCenter: DataCenter): void {
    this.estate.assertOpen(dataCenter);
    this.dataCenters.push(dataCenter);
  }

  /** @internal */
  public _addVolume(volume: ReplicatedVolume): void {
    this.estate.assertOpen(volume);
    this.volumes.push(volume);
  }

  /** @internal */
  public _addSchedule(schedule: SnapshotSchedule): void {
    this.estate.assertOpen(schedule);
    this.schedules.push(schedule);
  }

  /** @internal */
  public _addSplitMirror(splitMirror: SplitMirrorBackup): void {
    this.estate.assertOpen(splitMirror);
    this.splitMirrors.push(splitMirror);
  }

  /** @internal Called by the stack estate once everything is declared. */
  public _declaration(): PlanDecl {
    const sites = this.dataCenters.map((dc) => dc._declaration());
    const primary = sites.filter((site) => site.role === 'primary');
    const recovery = sites.filter((site) => site.role === 'recovery');
    if (primary.length !== 1 || recovery.length !== 1) {
      throw new SanDrError({
        propPath: 'DataCenter',
        value: sites.map((site) => `${site.name} (${site.role})`).join(', ') || 'none',
        allowed: 'exactly one DataCenter with role "primary" and one with role "recovery" in the plan',
        scope: this.node.path,
      });
    }
    assertPeers(sites, this.dataCenters.find((dc) => dc.role === 'recovery')!);
    const volumes = this.volumes.map((volume) => volume._declaration(primary[0], recovery[0]));
    assertNoSharedMountPaths(sites, volumes);
    assertUniqueNames(this.node.id, [...this.volumes, ...this.schedules, ...this.splitMirrors]);
    return {
      id: this.node.path,
      name: this.node.id,
      rpoSeconds: this.rpo.toSeconds({ integral: false }),
      rtoSeconds: this.rto?.toSeconds({ integral: false }),
      rpoMarginWarningRatio: this.rpoMarginWarning,
      sites,
      volumes,
      schedules: this.schedules.map((schedule) => schedule._declaration(this)),
      splitMirrors: this.splitMirrors.map((splitMirror) => splitMirror._declaration()),
      ...this.recovery,
    };
  }

  /** @internal Called by the stack estate with this plan's analysis. */
  public _materialize(analysis: PlanAnalysis): ReadonlyMap<string, string | undefined> {
    const commands = bindStepCommands(this.node.path, analysis.steps, this.commands);
    this.stepResources = new StepResources(this, reservedChildId(this, STEPS_ID), analysis.steps, commands);
    bindRecoveryCommands(this.node.path, analysis.recovery.procedures, this.commands, commands);
    for (const finding of analysis.findings) {
      if (finding.level === 'warning' && !finding.suppression) {
        Annotations.of(this).addWarning(`[${finding.ruleId}] ${finding.path}: ${finding.message} Fix: ${finding.fix}`);
      }
    }
    return commands;
  }

  private errorMessages(): string[] {
    return this.analysis()
      .findings.filter((finding) => finding.level === 'error' && !finding.suppression)
      .map((finding) => `[${finding.ruleId}] ${finding.path}: ${finding.message} Fix: ${finding.fix}`);
  }
}

/**
 * Members are named by their construct ids, which must differ only within one scope. Step ids,
 * triggers and the plan use the names, so two members of one plan (in different sub-scopes)
 * may not share one.
 */
function assertUniqueNames(planName: string, members: readonly Construct[]): void {
  const seen = new Map<string, Construct>();
  for (const member of members) {
    const other = seen.get(member.node.id);
    if (other) {
      throw new SanDrError({
        propPath: 'id',
        value: member.node.id,
        allowed: `a construct id no other volume, schedule or backup of plan ${planName} has (${other.node.path} has it); the plan and its deployment steps name them by id`,
        scope: member.node.path,
      });
    }
    seen.set(member.node.id, member);
  }
}

/** `replaces` must name a primary server of the same role that no other recovery server replaces. */
function assertPeers(sites: readonly SiteDecl[], recovery: Construct): void {
  const [problem] = peersOf({ sites }).problems;
  if (!problem) return;
  throw new SanDrError({
    propPath: `servers[${problem.index}].replaces`,
    value: problem.value,
    allowed: problem.allowed,
    scope: recovery.node.path,
  });
}

/** Two volumes mounted at the same path on one server would hide one another. */
function assertNoSharedMountPaths(sites: readonly SiteDecl[], volumes: readonly VolumeDecl[]): void {
  for (const site of sites) {
    const seen = new Map<string, VolumeDecl>();
    for (const { server, path, volume } of siteMounts(site, volumes)) {
      if (!volume) continue;
      const key = `${server.name}\n${path}`;
      const other = seen.get(key);
      if (other) {
        throw new SanDrError({
          propPath: 'mountPath',
          value: path,
          allowed: `a mount path not already used on server ${server.name} at ${site.name} (volume ${other.name} mounts there)`,
          scope: volume.id,
        });
      }
      seen.set(key, volume);
    }
  }
}
