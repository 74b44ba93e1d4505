import { changedBytesInWindow } from './change';
import type { LinkDecl } from '../model/design';
import {
  RECOVERY_SCENARIOS,
  VOLUME_SET_ROLES,
  type MirrorVolumeDecl,
  type RecoveryScenarioKind,
  type SplitMirrorDecl,
  type VolumeSetRole,
} from '../model/split-mirror';
import { DataRate } from '../units/data-rate';
import { Duration } from '../units/duration';
import { Size } from '../units/size';
import { ceilSignificant, effectiveBytesPerSecond, lineRateFor } from './rpo';

/**
 * Seed 003's backup cycle as a timeline estimated from the declared rates, the write-suspend
 * window, the point-in-time-copy relationships it creates, and the recovery scenarios it
 * leaves. Pure: seconds and bytes in, seconds and bytes out.
 */

/** `command`: a storage or database command. `verify`: a query of its state, repeated until it holds. */
export type CycleStepKind = 'command' | 'verify';

export interface CycleStep {
  /** Stable within the cycle, e.g. `copy-to-standby` or `verify-copy-to-standby`. */
  readonly id: string;
  /** The step of the cycle (1-11) this belongs to; a verify step shares its command's number. */
  readonly number: number;
  readonly kind: CycleStepKind;
  readonly title: string;
  /** Seconds from the start of the cycle. Infinity once the cycle can never get this far. */
  readonly startSeconds: number;
  readonly durationSeconds: number;
  readonly endSeconds: number;
  readonly dependsOn: readonly string[];
  /** The argv the step runs, where the design declares one (write suspend and resume). */
  readonly command?: readonly string[];
}

/** A point-in-time copy holds its source and target from its start until it has physically completed. */
export interface CopyRelationship {
  readonly stepId: string;
  readonly number: number;
  readonly source: VolumeSetRole;
  readonly target: VolumeSetRole;
  readonly startSeconds: number;
  /** The command has been accepted and the background copy runs from here. */
  readonly copyingFromSeconds: number;
  readonly logicalCompleteSeconds: number;
  readonly physicalCompleteSeconds: number;
}

export interface CopyOverlap {
  readonly first: CopyRelationship;
  readonly second: CopyRelationship;
  /** The name of the volume set both copies use. */
  readonly setName: string;
  /** How long the second starts before the first has physically completed. */
  readonly overlapSeconds: number;
}

export interface ResyncEstimate {
  /** Changed data waiting when the resynchronisation starts. */
  readonly backlogBytes: number;
  /** Changed data the link moves per second (line rate x efficiency x compression). */
  readonly linkBytesPerSecond: number;
  /** New writes the resynchronisation has to chase while writes go on. */
  readonly writeBytesPerSecond: number;
  /** false when writes arrive as fast as the link copies: the mirror never catches up. */
  readonly converges: boolean;
}

export interface WriteSuspendEstimate {
  /** Changed data still to copy when writes are suspended at the switch point. */
  readonly remainingBytes: number;
  readonly drainSeconds: number;
  readonly splitSeconds: number;
  /**
   * What runs while writes are suspended, in the seed's order: the suspend command (step 4),
   * the queries until every pair is in sync (step 4, at least one query, else the drain), the
   * split with its query (step 5) and the resume command (step 6).
   */
  readonly parts: readonly { readonly number: number; readonly what: string; readonly seconds: number }[];
  /** The sum of the parts: how long the application's writes wait. */
  readonly windowSeconds: number;
  readonly maxSeconds: number;
  readonly withinLimit: boolean;
  /** Lowest switch point (share of the resync done) that keeps the window within the limit; null if none does. */
  readonly requiredSwitchPoint: number | null;
  /** Link line rate that keeps the window within the limit at the declared switch point; null if none does. */
  readonly requiredLineRateBitsPerSecond: number | null;
}

/** What an operator does in one part of a recovery scenario (a recovery step's action). */
export type ScenarioAction = 'take-over-standby' | 'copy-back' | 'apply-logs' | 'restart-database';

export interface ScenarioPart {
  readonly what: string;
  readonly seconds: number;
  readonly action: ScenarioAction;
  /** Where the time comes from, with the numbers. */
  readonly basis: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface ScenarioEstimate {
  readonly kind: RecoveryScenarioKind;
  /** Worst-case data loss, in seconds of work. */
  readonly rpoSeconds: number;
  /** Estimated time to bring the database back. */
  readonly rtoSeconds: number;
  /** The parts of the RTO, as a reviewer checks them, in the order an operator does them. */
  readonly rtoParts: readonly ScenarioPart[];
  readonly rpoBasis: string;
  /** What an operator must know before choosing the scenario. */
  readonly notes?: readonly string[];
}

/**
 * Point in time: the logs written since the last backup, and whether the active log volumes can
 * still hold them. When they cannot, DB2 has archived the older ones, and the conditional
 * restart needs those archives at the recovery site.
 */
export interface LogsToApply {
  /** Everything the constantly mirrored volumes wrote in the last-backup loss (what the apply reads). */
  readonly bytes: number;
  /** The database logs alone, which must all be at hand. */
  readonly databaseLogBytes: number;
  /** Capacity of the volumes that hold the database logs. */
  readonly activeLogCapacityBytes: number;
  readonly needsArchiveLogs: boolean;
}

export interface LssBalance {
  readonly setName: string;
  /** In the order of the LSS ids (as text: "0A" before "10"), zero where the set lists an LSS no volume uses. */
  readonly volumesPerLss: readonly { readonly lss: string; readonly volumes: number }[];
  readonly even: boolean;
}

export interface SplitMirrorAnalysis {
  readonly splitMirror: SplitMirrorDecl;
  readonly link: LinkDecl | undefined;
  /** Capacity of one volume set: what each point-in-time copy, copy back and tape dump moves. */
  readonly setBytes: number;
  readonly steps: readonly CycleStep[];
  readonly copies: readonly CopyRelationship[];
  readonly overlaps: readonly CopyOverlap[];
  readonly resync: ResyncEstimate;
  readonly writeSuspend: WriteSuspendEstimate;
  /** End of the last step: Infinity when the resynchronisation never converges. */
  readonly cycleSeconds: number;
  readonly scenarios: readonly ScenarioEstimate[];
  readonly logsToApply: LogsToApply;
  readonly lssBalance: readonly LssBalance[];
  /** Distinct live-to-mirror logical-subsystem pairs: each needs a logical path on every port. */
  readonly lssPairs: readonly string[];
  readonly logicalPathsPerPort: number;
  /** Peak writes of the constantly mirrored volumes, in bytes sent per second (after compression). */
  readonly logMirrorPeakBytesPerSecond: number;
  /** What each backup cycle copies over the link besides the constant log mirroring; undefined without a link. */
  readonly linkCopy?: LinkCopyTraffic;
}

/**
 * The copies one backup cycle puts on its link besides the constant log mirroring: the resync
 * of every pair (step 3 to the split, the backlog and the writes it chases) and the resync of the
 * log pairs (step 9, the logs written since the split). Other users of the circuit share the link
 * with them, and they delay these copies: see `copyTrafficBurst` in rpo.ts.
 */
export interface LinkCopyTraffic {
  /** Changed data waiting when the resync starts (resync.backlogBytes). */
  readonly backlogBytes: number;
  /** Writes of every volume while a cycle runs: at most this much more is copied per second of it. */
  readonly writeBytesPerSecond: number;
  /** From the resync (step 3) until the log pairs are in sync again (step 9), with the link to itself. Infinity: never. */
  readonly spanSeconds: number;
  /**
   * From the start of the cycle (step 1) to the resync (step 3). Steps 1-2 use no link, but a
   * cycle whose steps 1-9 outlast its interval starts the next one late, with more than one
   * interval's writes to copy: bursts the bound (`boundWithCopies` in rpo.ts) does not cover.
   */
  readonly leadSeconds: number;
  /**
   * Seconds one byte another user puts on the wire first delays the cycle's copies: its time on
   * the wire, stretched by the writes the resync then has to chase (1 / (link - writes), per
   * byte sent). Infinity when the resync never converges.
   */
  readonly delaySecondsPerSentByte: number;
  readonly intervalSeconds: number;
  readonly compressionRatio: number;
}

/** Bytes on the wire (after compression) of one cycle's copies that span `spanSeconds`: the backlog and the writes they chase. */
export function copyBurstBytes(copy: LinkCopyTraffic, spanSeconds: number): number {
  return (copy.backlogBytes + copy.writeBytesPerSecond * spanSeconds) / copy.compressionRatio;
}

/**
 * `linkDelaySeconds`: how much longer than with the link to itself the cycle's copies may take,
 * because snapshot schedules on the same circuit send first (rpo.ts, `boundWithCopies`). It is
 * added once, to the wait for the pairs to be in sync while writes are suspended: every figure
 * that spans the copies (the write-suspend window, the cycle, the recovery scenarios' losses)
 * then grows by it, which is at least what the delay adds to it wherever it falls.
 */
export function analyzeSplitMirror(decl: SplitMirrorDecl, link: LinkDecl | undefined, linkDelaySeconds = 0): SplitMirrorAnalysis {
  const setBytes = sum(decl.volumes.map((v) => v.capacityBytes));
  const linkBytesPerSecond = link ? effectiveBytesPerSecond(link) * link.compressionRatio : 0;
  const writeBytesPerSecond = sum(decl.volumes.map(cycleWriteRate));
  const constant = decl.volumes.filter((v) => v.mirroring === 'constant');
  const logWriteBytesPerSecond = sum(constant.map(cycleWriteRate));
  const copySeconds = setBytes / decl.copyBytesPerSecond;
  const c = decl.commandSeconds;
  const q = decl.querySeconds;

  const timeline = new Timeline();
  const command = (number: number, id: string, title: string, after: readonly string[], seconds: number, argv?: readonly string[]) =>
    timeline.add({ number, id, kind: 'command', title, after, seconds, command: argv });
  const verify = (number: number, id: string, title: string, after: readonly string[], seconds: number) =>
    timeline.add({ number, id, kind: 'verify', title, after, seconds });
  const { live, mirror, safetyCopy, standby, tapeStaging } = decl.volumeSets;

  // 1-2: free the mirror's log volumes and keep a safety copy in case disaster strikes mid-resync.
  command(1, 'suspend-log-pairs', `Suspend the log-volume pairs ${live.name} -> ${mirror.name}; make the mirror's log volumes simplex and vary the ${mirror.name} and ${safetyCopy.name} volumes online`, [], c);
  verify(1, 'verify-log-pairs-suspended', 'Query the log-volume pairs until every one reports suspended', ['suspend-log-pairs'], q);
  command(2, 'safety-copy', `Point-in-time copy ${mirror.name} -> ${safetyCopy.name} (safety copy for a disaster during the resynchronisation)`, ['verify-log-pairs-suspended'], c);
  verify(2, 'verify-safety-copy', `Query the copy ${mirror.name} -> ${safetyCopy.name} until it is logically complete`, ['safety-copy'], q);

  // 3: the resync chases new writes, so it gains on the backlog at (link - writes) only.
  const resyncStart = timeline.end('verify-safety-copy');
  const backlogBytes = sum(
    decl.volumes.map((v) => changedBytesInWindow([v], v.mirroring === 'constant' ? resyncStart : decl.intervalSeconds)),
  );
  const converges = linkBytesPerSecond > writeBytesPerSecond;
  const p = decl.writeSuspend.switchPoint;
  command(3, 'resync-all-pairs', `Establish every pair ${live.name} -> ${mirror.name} again in resync mode (copies only the tracks changed since the split)`, ['verify-safety-copy'], c);
  verify(3, 'wait-switch-point', `Query the pairs until ${percent(p)} of the changed tracks are copied`, ['resync-all-pairs'],
    converges ? (p * backlogBytes) / (linkBytesPerSecond - writeBytesPerSecond) : Infinity);

  // 4-6: the only window in which the application's writes wait.
  const remainingBytes = (1 - p) * backlogBytes;
  const drainSeconds = linkBytesPerSecond > 0 ? remainingBytes / linkBytesPerSecond : Infinity;
  // Every command and query from the suspend to the resume runs while the application cannot write.
  command(4, 'suspend-writes', 'Suspend database writes (log suspend, not a checkpoint)', ['wait-switch-point'], c, decl.writeSuspend.command);
  const delayed =
    linkDelaySeconds > 0
      ? ` (${Number.isFinite(linkDelaySeconds) ? `up to ${Duration.formatSeconds(linkDelaySeconds)} more` : 'without bound'} while snapshot transfers on the circuit go first)`
      : '';
  verify(4, 'wait-pairs-synchronized', `Query the pairs until the remaining tracks are copied and every pair is in sync${delayed}`, ['suspend-writes'], Math.max(q, drainSeconds) + linkDelaySeconds);
  command(5, 'split-pairs', `Split the mirror: suspend every pair ${live.name} -> ${mirror.name} and confirm by query`, ['wait-pairs-synchronized'], decl.splitSeconds);
  command(6, 'resume-writes', 'Resume database writes', ['split-pairs'], c, decl.writeSuspend.resumeCommand);

  // 7-10: copies for the standby and the tape, and the logs back under constant mirroring.
  command(7, 'make-mirror-simplex', `Make the ${mirror.name} volumes simplex and vary them online with the ${standby.name} volumes`, ['resume-writes'], c);
  command(8, 'copy-to-standby', `Point-in-time copy ${mirror.name} -> ${standby.name}`, ['make-mirror-simplex'], c);
  verify(8, 'verify-copy-to-standby', `Query the copy ${mirror.name} -> ${standby.name} until it is logically complete`, ['copy-to-standby'], q);
  const logsSinceSplit = (at: number) => logWriteBytesPerSecond * (at - timeline.end('split-pairs'));
  command(9, 'reestablish-log-mirroring', `Establish the log-volume pairs ${live.name} -> ${mirror.name} again in resync mode`, ['verify-copy-to-standby'], c);
  const logStart = timeline.end('reestablish-log-mirroring');
  verify(9, 'wait-log-pairs-synchronized', 'Query the log-volume pairs until every one is in sync', ['reestablish-log-mirroring'],
    linkBytesPerSecond > logWriteBytesPerSecond ? Math.max(q, logsSinceSplit(logStart) / (linkBytesPerSecond - logWriteBytesPerSecond)) : Infinity);
  const standbyPhysical = timeline.end('copy-to-standby') + copySeconds;
  let secondAfter = ['wait-log-pairs-synchronized'];
  if (decl.secondCopyStart === 'physical-complete') {
    const from = timeline.end('wait-log-pairs-synchronized');
    verify(10, 'wait-standby-copy-physical', `Query the copy ${mirror.name} -> ${standby.name} until it has physically completed (a volume takes part in one copy at a time)`,
      ['wait-log-pairs-synchronized'], Math.max(q, standbyPhysical - from));
    secondAfter = ['wait-standby-copy-physical'];
  }
  command(10, 'copy-to-tape-staging', `Point-in-time copy ${standby.name} -> ${tapeStaging.name}`, secondAfter, c);
  verify(10, 'verify-copy-to-tape-staging', `Query the copy ${standby.name} -> ${tapeStaging.name} until it is logically complete`, ['copy-to-tape-staging'], q);

  // 11: the standby runs on its set; the tape reads the staging set once it is physically there.
  command(11, 'restart-standby', `Restart the standby database on ${standby.name}`, ['verify-copy-to-tape-staging'], decl.standbyRestartSeconds);
  const stagingPhysical = timeline.end('copy-to-tape-staging') + copySeconds;
  const tapeFrom = timeline.end('verify-copy-to-tape-staging');
  verify(11, 'wait-tape-staging-physical', `Query the copy ${standby.name} -> ${tapeStaging.name} until it has physically completed`, ['verify-copy-to-tape-staging'], Math.max(q, stagingPhysical - tapeFrom));
  command(11, 'dump-to-tape', `Dump ${tapeStaging.name} to tape`, ['wait-tape-staging-physical'], setBytes / decl.tapeBytesPerSecond);
  verify(11, 'verify-tape-dump', 'Check the tape job ended without error and catalogued every volume', ['dump-to-tape'], q);

  const steps = timeline.steps();
  const copy = (stepId: string, verifyId: string, source: VolumeSetRole, target: VolumeSetRole): CopyRelationship => ({
    stepId,
    number: timeline.get(stepId).number,
    source,
    target,
    startSeconds: timeline.get(stepId).startSeconds,
    copyingFromSeconds: timeline.end(stepId),
    logicalCompleteSeconds: timeline.end(verifyId),
    physicalCompleteSeconds: timeline.end(stepId) + copySeconds,
  });
  const copies = [
    copy('safety-copy', 'verify-safety-copy', 'mirror', 'safetyCopy'),
    copy('copy-to-standby', 'verify-copy-to-standby', 'mirror', 'standby'),
    copy('copy-to-tape-staging', 'verify-copy-to-tape-staging', 'standby', 'tapeStaging'),
  ];

  const cycleSeconds = steps.reduce((latest, s) => Math.max(latest, s.endSeconds), -Infinity);
  const interval = decl.intervalSeconds;
  const consistencyPoint = timeline.get('suspend-writes').startSeconds;
  const lastBackupLoss = unboundedIfNaN(interval + timeline.end('verify-copy-to-tape-staging') - consistencyPoint);
  const copyBackSeconds = linkBytesPerSecond > 0 ? setBytes / linkBytesPerSecond : Infinity;
  // No log writes means nothing to apply, even when the last backup is never usable (0 x Infinity).
  const logBytesToApply = logWriteBytesPerSecond > 0 ? logWriteBytesPerSecond * lastBackupLoss : 0;
  const databaseLogVolumes = decl.volumes.filter((v) => v.holds.includes('database-logs'));
  const databaseLogRate = sum(databaseLogVolumes.map((v) => v.averageChangeBytesPerSecond));
  const databaseLogBytes = databaseLogRate > 0 ? databaseLogRate * lastBackupLoss : 0;
  const activeLogCapacityBytes = sum(databaseLogVolumes.map((v) => v.capacityBytes));
  const logsToApply: LogsToApply = {
    bytes: logBytesToApply,
    databaseLogBytes,
    activeLogCapacityBytes,
    needsArchiveLogs: databaseLogBytes > activeLogCapacityBytes,
  };
  const linkName = link?.name ?? 'the link';
  const copyBackBasis = linkBytesPerSecond > 0
    ? `${Size.formatBytes(setBytes)} (one set) over ${DataRate.formatBytesPerSecond(linkBytesPerSecond)} of ${linkName}`
    : `no link to copy ${Size.formatBytes(setBytes)} back over`;
  const restart = { what: 'restart the database', seconds: decl.recovery.restartSeconds, action: 'restart-database' as const, basis: 'recovery.restartTime', params: { set: live.name } };
  const scenarios: ScenarioEstimate[] = RECOVERY_SCENARIOS.map((kind): ScenarioEstimate => {
    switch (kind) {
      case 'read-only-standby':
        return scenario(kind, interval + timeline.end('restart-standby') - consistencyPoint,
          'one backup interval plus the time from the write suspend until the standby has restarted',
          [{ what: `point users at the read-only standby on ${standby.name}`, seconds: decl.recovery.standbyTakeoverSeconds, action: 'take-over-standby', basis: 'recovery.standbyTakeoverTime', params: { set: standby.name } }]);
      case 'last-backup':
        return scenario(kind, lastBackupLoss,
          `one backup interval plus the time from the write suspend until the ${tapeStaging.name} copy is logically complete`,
          [
            { what: `copy ${tapeStaging.name} back to ${live.name} over the link`, seconds: copyBackSeconds, action: 'copy-back', basis: copyBackBasis, params: { from: tapeStaging.name, to: live.name } },
            restart,
          ]);
      case 'point-in-time':
        return scenario(kind, timeline.end('wait-log-pairs-synchronized') - timeline.get('suspend-log-pairs').startSeconds,
          'the log writes made while the log volumes are not mirrored: from the suspend of the log pairs until they are in sync again',
          [
            { what: `copy ${mirror.name} back to ${live.name} over the link`, seconds: copyBackSeconds, action: 'copy-back', basis: copyBackBasis, params: { from: mirror.name, to: live.name } },
            {
              what: `apply up to ${Size.formatBytes(logBytesToApply)} of logs (conditional restart)`,
              seconds: logBytesToApply / decl.recovery.logApplyBytesPerSecond,
              action: 'apply-logs',
              basis: `${Size.formatBytes(logBytesToApply)} written by the constantly mirrored volumes in the last-backup loss, at recovery.logApplyRate ${DataRate.formatBytesPerSecond(decl.recovery.logApplyBytesPerSecond)}`,
              params: { logBytes: String(Math.round(logBytesToApply)), archiveLogs: logsToApply.needsArchiveLogs ? 'required' : 'not-needed' },
            },
            restart,
          ],
          logsToApply.needsArchiveLogs
            ? [`The ${Size.formatBytes(databaseLogBytes)} of database logs to apply exceed the ${Size.formatBytes(activeLogCapacityBytes)} of the log volumes: the older logs are archived, and the archive logs must be available at the recovery site for the conditional restart (SDR-ARCHIVE-LOGS).`]
            : []);
    }
  });

  const lssPairs = [...new Set(decl.volumes.map((v) => `${v.logicalSubsystem.live}->${v.logicalSubsystem.mirror}`))].sort();
  return {
    splitMirror: decl,
    link,
    setBytes,
    steps,
    copies,
    overlaps: findOverlaps(copies, decl),
    resync: { backlogBytes, linkBytesPerSecond, writeBytesPerSecond, converges },
    writeSuspend: writeSuspendEstimate(decl, remainingBytes, drainSeconds, backlogBytes, link, linkDelaySeconds, [
      timeline.get('suspend-writes'),
      timeline.get('wait-pairs-synchronized'),
      timeline.get('split-pairs'),
      timeline.get('resume-writes'),
    ]),
    cycleSeconds,
    scenarios,
    logsToApply,
    lssBalance: lssBalance(decl),
    lssPairs,
    logicalPathsPerPort: lssPairs.length,
    logMirrorPeakBytesPerSecond: link ? sum(constant.map(peakOf)) / link.compressionRatio : sum(constant.map(peakOf)),
    ...(link
      ? {
          linkCopy: {
            backlogBytes,
            writeBytesPerSecond,
            spanSeconds: unboundedIfNaN(timeline.end('wait-log-pairs-synchronized') - timeline.get('resync-all-pairs').startSeconds),
            leadSeconds: timeline.get('resync-all-pairs').startSeconds,
            delaySecondsPerSentByte: converges ? link.compressionRatio / (linkBytesPerSecond - writeBytesPerSecond) : Infinity,
            intervalSeconds: decl.intervalSeconds,
            compressionRatio: link.compressionRatio,
          },
        }
      : {}),
  };
}

function scenario(
  kind: RecoveryScenarioKind,
  rpoSeconds: number,
  rpoBasis: string,
  rtoParts: readonly ScenarioPart[],
  notes: readonly string[] = [],
): ScenarioEstimate {
  const parts = rtoParts.map((part) => ({ ...part, seconds: unboundedIfNaN(part.seconds) }));
  return {
    kind,
    rpoSeconds: unboundedIfNaN(rpoSeconds),
    rpoBasis,
    rtoParts: parts,
    rtoSeconds: sum(parts.map((part) => part.seconds)),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** A cycle that never converges puts every later instant at Infinity, and Infinity - Infinity is NaN. */
function unboundedIfNaN(seconds: number): number {
  return Number.isNaN(seconds) ? Infinity : seconds;
}

function writeSuspendEstimate(
  decl: SplitMirrorDecl,
  remainingBytes: number,
  drainSeconds: number,
  backlogBytes: number,
  link: LinkDecl | undefined,
  linkDelaySeconds: number,
  suspended: readonly CycleStep[],
): WriteSuspendEstimate {
  const { maxSeconds } = decl.writeSuspend;
  const parts = suspended.map((step) => ({ number: step.number, what: step.title, seconds: step.durationSeconds }));
  const windowSeconds = sum(parts.map((part) => part.seconds));
  // What the drain may take: the window less the commands, the split, the resume and the delay
  // the circuit's snapshot transfers may cause (a faster line only shortens that delay, so a line
  // rate found with it held is enough). The wait for synchronisation is at least one query, so a
  // budget below one query leaves no switch point.
  const drainBudget = maxSeconds - decl.splitSeconds - 2 * decl.commandSeconds - linkDelaySeconds;
  const queryFits = decl.querySeconds <= drainBudget;
  const linkBytesPerSecond = link ? effectiveBytesPerSecond(link) * link.compressionRatio : 0;
  // (1 - p) * backlog / link <= budget  <=>  p >= 1 - budget * link / backlog
  let requiredSwitchPoint: number | null = null;
  if (queryFits && backlogBytes > 0) requiredSwitchPoint = Math.max(0, 1 - (drainBudget * linkBytesPerSecond) / backlogBytes);
  else if (queryFits) requiredSwitchPoint = 0;
  let requiredLineRateBitsPerSecond: number | null = null;
  if (link && queryFits && drainBudget > 0) {
    const bytesPerSecond = remainingBytes / drainBudget;
    requiredLineRateBitsPerSecond = ceilSignificant(lineRateFor(link, bytesPerSecond / link.compressionRatio), 3);
  }
  return {
    remainingBytes,
    drainSeconds,
    splitSeconds: decl.splitSeconds,
    parts,
    windowSeconds,
    maxSeconds,
    withinLimit: windowSeconds <= maxSeconds,
    requiredSwitchPoint: requiredSwitchPoint === null ? null : Math.ceil(requiredSwitchPoint * 10_000) / 10_000,
    requiredLineRateBitsPerSecond,
  };
}

function findOverlaps(copies: readonly CopyRelationship[], decl: SplitMirrorDecl): CopyOverlap[] {
  const overlaps: CopyOverlap[] = [];
  const nameOf = (role: VolumeSetRole) => decl.volumeSets[role].name;
  for (let i = 0; i < copies.length; i++) {
    for (let j = i + 1; j < copies.length; j++) {
      const [first, second] = [copies[i], copies[j]].sort((a, b) => a.startSeconds - b.startSeconds);
      if (second.startSeconds >= first.physicalCompleteSeconds) continue;
      const firstSets = new Set([nameOf(first.source), nameOf(first.target)]);
      const shared = [nameOf(second.source), nameOf(second.target)].find((name) => firstSets.has(name));
      if (shared === undefined) continue;
      overlaps.push({ first, second, setName: shared, overlapSeconds: first.physicalCompleteSeconds - second.startSeconds });
    }
  }
  return overlaps;
}

function lssBalance(decl: SplitMirrorDecl): LssBalance[] {
  const seen = new Set<string>();
  const result: LssBalance[] = [];
  for (const role of VOLUME_SET_ROLES) {
    const set = decl.volumeSets[role];
    if (seen.has(set.name)) continue;
    seen.add(set.name);
    // A Map keeps insertion order; an object would move number-like ids such as "10" before "0A".
    const counts = new Map([...set.logicalSubsystems].sort().map((lss) => [lss, 0]));
    for (const volume of decl.volumes) {
      const lss = volume.logicalSubsystem[role];
      counts.set(lss, (counts.get(lss) ?? 0) + 1);
    }
    const values = [...counts.values()];
    result.push({
      setName: set.name,
      volumesPerLss: [...counts].map(([lss, volumes]) => ({ lss, volumes })),
      even: values.reduce((a, b) => Math.max(a, b), -Infinity) - values.reduce((a, b) => Math.min(a, b), Infinity) <= 1,
    });
  }
  return result;
}

/**
 * The write rate while a backup cycle runs. The cycle's time of day is not declared, so a
 * profiled volume is taken at its busiest step (safe whenever the backup runs); a bare average
 * is the user's statement of the rate, as everywhere else.
 */
function cycleWriteRate(volume: MirrorVolumeDecl): number {
  return volume.changeProfile ? peakOf(volume) : volume.averageChangeBytesPerSecond;
}

function peakOf(volume: MirrorVolumeDecl): number {
  return volume.peakChangeBytesPerSecond ?? volume.averageChangeBytesPerSecond;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function percent(share: number): string {
  return `${Math.round(share * 10_000) / 100}%`;
}


interface NewCycleStep {
  readonly number: number;
  readonly id: string;
  readonly kind: CycleStepKind;
  readonly title: string;
  readonly after: readonly string[];
  readonly seconds: number;
  readonly command?: readonly string[];
}

/** Each step starts when the last step it waits for has ended. */
class Timeline {
  private readonly byId = new Map<string, CycleStep>();

  public add(step: NewCycleStep): void {
    const startSeconds = Math.max(0, ...step.after.map((id) => this.end(id)));
    const seconds = startSeconds === Infinity ? Infinity : unboundedIfNaN(step.seconds);
    const endSeconds = startSeconds + seconds;
    this.byId.set(step.id, {
      id: step.id,
      number: step.number,
      kind: step.kind,
      title: step.title,
      startSeconds,
      durationSeconds: seconds,
      endSeconds,
      dependsOn: [...step.after],
      ...(step.command ? { command: step.command } : {}),
    });
  }

  public get(id: string): CycleStep {
    const step = this.byId.get(id);
    if (!step) throw new Error(`internal: no cycle step ${id}`);
    return step;
  }

  public end(id: string): number {
    return this.get(id).endSeconds;
  }

  public steps(): CycleStep[] {
    return [...this.byId.values()];
  }
}
