import {
  DATABASE_DATA_KINDS,
  TRANSACTION_LOG_KINDS,
  type LinkDecl,
  type PlanDecl,
  type ServerDecl,
} from '../model/design';
import { compensationLogDirectory, holdsAny, siteMounts, type Mount } from '../model/mounts';
import { VOLUME_SET_ROLES, type SplitMirrorDecl } from '../model/split-mirror';
import { Duration } from '../units/duration';

/** What an operator does in one deployment step; the keys users bind commands to. */
export type StepAction =
  | 'create-mount-directory'
  | 'mount-san-volume'
  | 'configure-transaction-service'
  | 'configure-database-storage'
  | 'establish-replication-pair'
  | 'establish-mirror-paths'
  | 'establish-log-mirror'
  | 'establish-data-mirror'
  | 'load-recovery-scripts'
  | 'configure-database-catalog'
  | 'enable-snapshot-schedule'
  | 'schedule-backup-cycle';

/** Seed 000's order: the primary site, the replication, the recovery site, then the schedule. */
export type StepPhase = 'primary' | 'replication' | 'recovery' | 'schedule';

export const STEP_PHASES: readonly StepPhase[] = ['primary', 'replication', 'recovery', 'schedule'];

/** Within a phase, an action only ever depends on actions listed before it. */
export const STEP_ACTIONS: readonly StepAction[] = [
  'create-mount-directory',
  'mount-san-volume',
  'configure-transaction-service',
  'configure-database-storage',
  'establish-replication-pair',
  'establish-mirror-paths',
  'establish-log-mirror',
  'establish-data-mirror',
  'load-recovery-scripts',
  'configure-database-catalog',
  'enable-snapshot-schedule',
  'schedule-backup-cycle',
];

export interface Step {
  /** Unique within the plan and stable across syntheses: `phase.server.action.subject`, each part encoded. */
  readonly id: string;
  readonly phase: StepPhase;
  readonly action: StepAction;
  /** The instruction as an operator reads it in the plan. */
  readonly title: string;
  readonly site?: string;
  readonly server?: string;
  /** Everything the step acts on; a change to any of them re-runs the step (Terraform triggers). */
  readonly params: Readonly<Record<string, string>>;
  /** Ids of the steps that must be done first, sorted. */
  readonly dependsOn: readonly string[];
}

/** The deployment steps of one plan, in an order that respects every dependency. */
export function planSteps(plan: PlanDecl, linksById: ReadonlyMap<string, LinkDecl>): Step[] {
  const builder = new StepBuilder();
  const primary = plan.sites.find((site) => site.role === 'primary');
  const recovery = plan.sites.find((site) => site.role === 'recovery');

  const primaryMounts = primary ? siteMounts(primary, plan.volumes) : [];
  const recoveryMounts = recovery ? siteMounts(recovery, plan.volumes) : [];

  // Primary site: directories, then the SAN volumes, then the software pointed at them.
  const mountStepsByVolume = new Map<string, string[]>();
  const primaryConfigByVolume = new Map<string, string[]>();
  for (const mount of primaryMounts) {
    const dir = builder.createDirectory('primary', mount);
    if (!mount.volume) continue;
    const volume = mount.volume;
    const mounted = builder.add({
      phase: 'primary',
      action: 'mount-san-volume',
      subject: volume.name,
      site: mount.site.name,
      server: mount.server.name,
      title: volume.fileSystem
        ? `Mount the shared file system on ${volume.name} (${volume.fileSystem.protocol}, ${volume.fileSystem.mountOptions.join(',') || 'no options'}) at ${mount.path} on ${mount.server.name}`
        : `Mount SAN volume ${volume.name} at ${mount.path} on ${mount.server.name}`,
      params: {
        ...serverParams(mount),
        volume: volume.name,
        path: mount.path,
        ...(volume.fileSystem
          ? { fileSystem: volume.fileSystem.protocol, mountOptions: volume.fileSystem.mountOptions.join(',') }
          : {}),
      },
      dependsOn: [dir],
    });
    push(mountStepsByVolume, volume.id, mounted);
    if (mount.server.role === 'application' && holdsAny(volume.holds, TRANSACTION_LOG_KINDS)) {
      const configured = builder.add({
        phase: 'primary',
        action: 'configure-transaction-service',
        subject: volume.name,
        site: mount.site.name,
        server: mount.server.name,
        title: `Point the transaction service of ${mount.server.name} at its log directory on the DFS, and the compensation service next to it`,
        params: {
          ...serverParams(mount),
          volume: volume.name,
          // Each server logs to its own directory so that a peer can recover it after a failure.
          logDirectory: `${mount.path}/${mount.server.name}`,
          compensationLogDirectory: compensationLogDirectory(`${mount.path}/${mount.server.name}`),
        },
        dependsOn: [mounted],
      });
      push(primaryConfigByVolume, volume.id, configured);
    }
  }
  for (const [server, mounts] of databaseMountsByServer(primaryMounts)) {
    const configured = builder.add({
      phase: 'primary',
      action: 'configure-database-storage',
      subject: 'database',
      site: mounts[0].site.name,
      server: server.name,
      title: `Configure the database on ${server.name} to keep its data and log files on the SAN mounts`,
      params: { ...serverParams(mounts[0]), ...databasePaths(mounts) },
      dependsOn: mounts.map((m) => builder.idOf('primary', m.server.name, 'mount-san-volume', m.volume!.name)),
    });
    for (const m of mounts) push(primaryConfigByVolume, m.volume!.id, configured);
  }

  // Replication: one pair per volume, once the primary volume is in use.
  const pairByVolume = new Map<string, string>();
  const scheduleOf = new Map<string, { linkId: string }>();
  for (const schedule of plan.schedules) for (const id of schedule.volumeIds) scheduleOf.set(id, schedule);
  for (const volume of plan.volumes) {
    const link = linksById.get(scheduleOf.get(volume.id)?.linkId ?? '');
    const pair = builder.add({
      phase: 'replication',
      action: 'establish-replication-pair',
      subject: volume.name,
      title: `Establish the replication pair for ${volume.name}${link ? ` over ${link.name} (${link.mode})` : ''}`,
      params: {
        volume: volume.name,
        capacityBytes: String(volume.capacityBytes),
        link: link?.name ?? '',
        mode: link?.mode ?? '',
        primaryPlacement: volume.placement.primary ?? '',
        recoveryPlacement: volume.placement.recovery ?? '',
      },
      dependsOn: mountStepsByVolume.get(volume.id) ?? [],
    });
    pairByVolume.set(volume.id, pair);
  }

  // Recovery site: the same directories, the scripts that bring up the replicas, the catalog.
  const recoveryReadyByVolume = new Map<string, string[]>();
  for (const mount of recoveryMounts) {
    const dir = builder.createDirectory('recovery', mount);
    if (!mount.volume) continue;
    const volume = mount.volume;
    const loaded = builder.add({
      phase: 'recovery',
      action: 'load-recovery-scripts',
      subject: volume.name,
      site: mount.site.name,
      server: mount.server.name,
      title: `Load the recovery scripts that mount the replica of ${volume.name} at ${mount.path} on ${mount.server.name}`,
      params: { ...serverParams(mount), volume: volume.name, path: mount.path },
      dependsOn: [dir, pairByVolume.get(volume.id)!],
    });
    if (!holdsAny(volume.holds, DATABASE_DATA_KINDS)) push(recoveryReadyByVolume, volume.id, loaded);
  }
  for (const [server, mounts] of databaseMountsByServer(recoveryMounts)) {
    const catalogued = builder.add({
      phase: 'recovery',
      action: 'configure-database-catalog',
      subject: 'database',
      site: mounts[0].site.name,
      server: server.name,
      title: `Configure the database catalog on ${server.name} to find the replicated data and log files`,
      params: { ...serverParams(mounts[0]), ...databasePaths(mounts) },
      dependsOn: mounts.map((m) => builder.idOf('recovery', m.server.name, 'load-recovery-scripts', m.volume!.name)),
    });
    for (const m of mounts) push(recoveryReadyByVolume, m.volume!.id, catalogued);
  }

  // Seed 000, "what to do next": the schedule starts once both ends can use what it ships.
  const volumeNames = new Map(plan.volumes.map((volume) => [volume.id, volume.name]));
  for (const schedule of plan.schedules) {
    const link = linksById.get(schedule.linkId);
    const volumes = schedule.volumeIds.map((id) => volumeNames.get(id) ?? id).sort(compareText);
    builder.add({
      phase: 'schedule',
      action: 'enable-snapshot-schedule',
      subject: schedule.name,
      title: `Enable snapshot schedule ${schedule.name}: one consistency group of ${volumes.join(', ')} every ${Duration.formatSeconds(schedule.intervalSeconds)} over ${link?.name ?? 'no link'}`,
      params: {
        schedule: schedule.name,
        consistencyGroup: volumes.join(','),
        link: link?.name ?? '',
        intervalSeconds: String(schedule.intervalSeconds),
        snapshotSeconds: String(schedule.snapshotSeconds),
        retention: String(schedule.retention),
        cycle: schedule.cycle,
      },
      dependsOn: schedule.volumeIds.flatMap((id) => [
        ...(pairByVolume.has(id) ? [pairByVolume.get(id)!] : []),
        ...(primaryConfigByVolume.get(id) ?? []),
        ...(recoveryReadyByVolume.get(id) ?? []),
      ]),
    });
  }

  for (const splitMirror of plan.splitMirrors ?? []) addSplitMirrorSteps(builder, splitMirror, linksById);

  return builder.ordered();
}

/**
 * Seed 003's setup: paths between the logical subsystems, the log volumes mirrored from then
 * on, the data volumes copied once and suspended, and the backup cycle scheduled last.
 */
function addSplitMirrorSteps(builder: StepBuilder, splitMirror: SplitMirrorDecl, linksById: ReadonlyMap<string, LinkDecl>): void {
  const { live, mirror } = splitMirror.volumeSets;
  const link = linksById.get(splitMirror.linkId)?.name ?? '';
  const pathSteps = new Map<string, string>();
  for (const volume of splitMirror.volumes) {
    const from = volume.logicalSubsystem.live;
    const to = volume.logicalSubsystem.mirror;
    const key = `${from}->${to}`;
    if (pathSteps.has(key)) continue;
    pathSteps.set(key, builder.add({
      phase: 'replication',
      action: 'establish-mirror-paths',
      subject: [splitMirror.name, `lss-${from}-${to}`],
      title: `Establish the mirror paths from LSS ${from} (${live.name}) to LSS ${to} (${mirror.name}) over ${splitMirror.ports.count} port(s) of ${link}`,
      params: { backup: splitMirror.name, link, liveLss: from, mirrorLss: to, ports: String(splitMirror.ports.count) },
      dependsOn: [],
    }));
  }
  const pairs: string[] = [];
  for (const volume of splitMirror.volumes) {
    const constant = volume.mirroring === 'constant';
    pairs.push(builder.add({
      phase: 'replication',
      action: constant ? 'establish-log-mirror' : 'establish-data-mirror',
      subject: [splitMirror.name, volume.name],
      title: constant
        ? `Establish the synchronous pair for log volume ${volume.name} (${live.name} -> ${mirror.name}) and keep it mirrored`
        : `Establish the pair for data volume ${volume.name} (${live.name} -> ${mirror.name}), wait for the full copy, then suspend it until the first backup`,
      params: {
        backup: splitMirror.name,
        volume: volume.name,
        holds: [...volume.holds].sort(compareText).join(','),
        capacityBytes: String(volume.capacityBytes),
        liveLss: volume.logicalSubsystem.live,
        mirrorLss: volume.logicalSubsystem.mirror,
        link,
      },
      dependsOn: [pathSteps.get(`${volume.logicalSubsystem.live}->${volume.logicalSubsystem.mirror}`)!],
    }));
  }
  const sets = splitMirror.volumeSets;
  builder.add({
    phase: 'schedule',
    action: 'schedule-backup-cycle',
    subject: splitMirror.name,
    title: `Schedule backup cycle ${splitMirror.name} every ${Duration.formatSeconds(splitMirror.intervalSeconds)}: ${live.name} -> ${mirror.name} -> ${sets.safetyCopy.name} / ${sets.standby.name} -> ${sets.tapeStaging.name} -> tape`,
    params: {
      backup: splitMirror.name,
      intervalSeconds: String(splitMirror.intervalSeconds),
      volumeSets: VOLUME_SET_ROLES.map((role) => `${role}=${sets[role].name}`).join(','),
      switchPoint: String(splitMirror.writeSuspend.switchPoint),
      maxWriteSuspendSeconds: String(splitMirror.writeSuspend.maxSeconds),
      writeSuspendCommand: JSON.stringify(splitMirror.writeSuspend.command),
      writeResumeCommand: JSON.stringify(splitMirror.writeSuspend.resumeCommand),
      secondCopyStart: splitMirror.secondCopyStart,
    },
    dependsOn: pairs,
  });
}

function databaseMountsByServer(mounts: readonly Mount[]): Map<ServerDecl, Mount[]> {
  const byServer = new Map<ServerDecl, Mount[]>();
  for (const mount of mounts) {
    if (mount.server.role !== 'database' || !mount.volume || !holdsAny(mount.volume.holds, DATABASE_DATA_KINDS)) continue;
    push(byServer, mount.server, mount);
  }
  return byServer;
}

function databasePaths(mounts: readonly Mount[]): Record<string, string> {
  const pathsHolding = (kinds: readonly string[]) =>
    mounts
      .filter((m) => m.volume!.holds.some((k) => kinds.includes(k)))
      .map((m) => m.path)
      .sort(compareText)
      .join(',');
  return {
    dataPaths: pathsHolding(['database-data', 'messaging-stores']),
    logPaths: pathsHolding(['database-logs']),
  };
}

function serverParams(mount: Mount): Record<string, string> {
  return { site: mount.site.name, server: mount.server.name, host: mount.server.host };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface NewStep {
  readonly phase: StepPhase;
  readonly action: StepAction;
  /** What the step acts on; several parts when one name alone is not unique. */
  readonly subject: string | readonly string[];
  readonly title: string;
  readonly site?: string;
  readonly server?: string;
  readonly params: Record<string, string>;
  readonly dependsOn: readonly string[];
}

class StepBuilder {
  private readonly steps = new Map<string, Step>();

  /**
   * The parts joined with ".", each with "%", "." and "|" percent-encoded: names may hold dots, so
   * only an encoding makes two different steps' ids differ ("|" stands for "/" in construct ids).
   */
  public idOf(phase: StepPhase, server: string | undefined, action: StepAction, subject: string | readonly string[]): string {
    const parts = [phase, server, action, ...(typeof subject === 'string' ? [subject] : subject)];
    return parts
      .filter((part): part is string => part !== undefined)
      .map((part) => part.replace(/[%.|]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`))
      .join('.');
  }

  public add(step: NewStep): string {
    const id = this.idOf(step.phase, step.server, step.action, step.subject);
    if (this.steps.has(id)) throw new Error(`internal: two deployment steps are both named ${id}`);
    const { subject: _subject, ...rest } = step;
    this.steps.set(id, { ...rest, id, dependsOn: sortedUnique(step.dependsOn) });
    return id;
  }

  public createDirectory(phase: 'primary' | 'recovery', mount: Mount): string {
    return this.add({
      phase,
      action: 'create-mount-directory',
      subject: mount.path,
      site: mount.site.name,
      server: mount.server.name,
      title: `Create directory ${mount.path} on ${mount.server.name}`,
      params: { ...serverParams(mount), path: mount.path },
      dependsOn: [],
    });
  }

  /** Phase, then server, then action order is a topological order; checked, not assumed. */
  public ordered(): Step[] {
    const steps = [...this.steps.values()].sort(compareSteps);
    const position = new Map(steps.map((step, index) => [step.id, index]));
    steps.forEach((step, index) => {
      for (const dep of step.dependsOn) {
        const at = position.get(dep);
        if (at === undefined || at >= index) {
          throw new Error(`internal: step ${step.id} depends on ${dep}, which does not come before it`);
        }
      }
    });
    return steps;
  }
}

function compareSteps(a: Step, b: Step): number {
  return (
    STEP_PHASES.indexOf(a.phase) - STEP_PHASES.indexOf(b.phase) ||
    compareText(a.server ?? '', b.server ?? '') ||
    STEP_ACTIONS.indexOf(a.action) - STEP_ACTIONS.indexOf(b.action) ||
    compareText(a.id, b.id)
  );
}

/** Code-unit order: unlike localeCompare, the same on every machine, so plans diff cleanly. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort(compareText);
}
