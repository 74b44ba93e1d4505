import { Construct } from 'constructs';
import { z } from 'zod';
import { compareText } from '../analysis/steps';
import { SanDrError } from '../errors';
import type { ScheduleDecl } from '../model/design';
import type { Duration, DurationLike } from '../units';
import { DisasterRecoveryPlan } from './disaster-recovery-plan';
import { CycleMode } from './enums';
import { constructProp, durationProp, enumProp, parseProps, positiveDurationProp } from './props';
import { ReplicatedVolume } from './replicated-volume';
import { ReplicationLink } from './replication-link';
import { StackEstate } from './stack-estate';

export interface SnapshotScheduleProps {
  /** The volumes captured together at one instant: one consistency group. */
  readonly volumes: readonly ReplicatedVolume[];
  /** The link the snapshots ship over. */
  readonly link: ReplicationLink;
  /** Time between the starts of two snapshots. */
  readonly interval: DurationLike;
  /**
   * Time from the start of a snapshot until it can be shipped (freeze, copy-on-write set-up,
   * change tracking). It counts against the RPO.
   */
  readonly snapshotTime: DurationLike;
  /**
   * Snapshots kept at the recovery site.
   * @default 2 (the last complete snapshot survives while the next one is in transit)
   */
  readonly retention?: number;
  /**
   * What happens when a snapshot and its transfer outlast the interval.
   * @default CycleMode.FIXED (snapshots start every interval regardless: a backlog builds, which the
   * SDR-SCHEDULE-SUSTAINABLE rule reports)
   */
  readonly cycle?: CycleMode;
}

const RETENTION_TEXT = 'a whole number of snapshots, at least 1';

const schedulePropsSchema = z.strictObject({
  volumes: z
    .array(constructProp(ReplicatedVolume, 'a SanVolumePair or TranlogVolume construct'), {
      error: 'an array of SanVolumePair or TranlogVolume constructs',
    })
    .min(1, { error: 'at least one volume' }),
  link: constructProp(ReplicationLink, 'a ReplicationLink construct'),
  interval: positiveDurationProp(),
  snapshotTime: durationProp(),
  retention: z.number({ error: RETENTION_TEXT }).int({ error: RETENTION_TEXT }).min(1, { error: RETENTION_TEXT }).default(2),
  cycle: enumProp(Object.values(CycleMode)).default('fixed'),
});

/**
 * A snapshot schedule: the consistency group (every volume captured at one instant, in write
 * order), how often it is taken, and the link it ships over.
 */
export class SnapshotSchedule extends Construct {
  public readonly interval: Duration;
  public readonly snapshotTime: Duration;
  private readonly volumes: readonly ReplicatedVolume[];
  private readonly link: ReplicationLink;
  private readonly retention: number;
  private readonly cycle: CycleMode;

  public constructor(scope: Construct, id: string, props: SnapshotScheduleProps) {
    super(scope, id);
    StackEstate.of(this); // before the props are checked: removes stale plan files
    const parsed = parseProps(schedulePropsSchema, props, this);
    parsed.volumes.forEach((volume, index) => {
      if (parsed.volumes.indexOf(volume) !== index) {
        throw new SanDrError({
          propPath: `volumes[${index}]`,
          value: volume.node.path,
          allowed: 'each volume once',
          scope: this.node.path,
        });
      }
    });
    if (StackEstate.of(parsed.link) !== StackEstate.of(this)) {
      throw new SanDrError({
        propPath: 'link',
        value: parsed.link.node.path,
        allowed: 'a ReplicationLink of the same stack',
        scope: this.node.path,
      });
    }
    this.volumes = parsed.volumes;
    this.link = parsed.link;
    this.interval = parsed.interval;
    this.snapshotTime = parsed.snapshotTime;
    this.retention = parsed.retention;
    this.cycle = parsed.cycle;
    DisasterRecoveryPlan.of(this)._addSchedule(this);
  }

  /** @internal */
  public _declaration(plan: DisasterRecoveryPlan): ScheduleDecl {
    this.volumes.forEach((volume, index) => {
      if (volume._plan === plan) return;
      throw new SanDrError({
        propPath: `volumes[${index}]`,
        value: volume.node.path,
        allowed: `a volume of plan ${plan.node.path} (this one belongs to ${volume._plan.node.path})`,
        scope: this.node.path,
      });
    });
    return {
      id: this.node.path,
      name: this.node.id,
      // Sorted: listing the same consistency group in another order must not change the plan or re-run steps.
      volumeIds: this.volumes.map((volume) => volume.node.path).sort(compareText),
      linkId: this.link.node.path,
      intervalSeconds: this.interval.toSeconds({ integral: false }),
      snapshotSeconds: this.snapshotTime.toSeconds({ integral: false }),
      retention: this.retention,
      cycle: this.cycle,
    };
  }
}
