import { Construct } from 'constructs';
import { z } from 'zod';
import { SanDrError } from '../errors';
import type { LinkDecl } from '../model/design';
import type { DataRate, DataRateLike, Duration, DurationLike, SizeLike } from '../units';
import { Duration as DurationClass } from '../units';
import { LinkMode } from './enums';
import { durationProp, enumProp, parseProps, positiveDataRateProp, positiveDurationProp, positiveSizeProp } from './props';
import { StackEstate } from './stack-estate';

export interface ReplicationLinkProps {
  /** `sync`: every write is mirrored before it is acknowledged; `async`: snapshots are shipped. */
  readonly mode: LinkMode;
  /** Line rate of the link between the sites, e.g. "622Mbps". */
  readonly bandwidth: DataRateLike;
  /**
   * Share of the line rate that carries replication payload after protocol overhead.
   * @default 0.93 (the figure Dell's replication sizing uses)
   */
  readonly efficiency?: number;
  /**
   * Measured round-trip time between the sites. Required (or `distanceKm`) for a `sync` link.
   * @default - not declared; a sync link is then judged on its distance
   */
  readonly roundTrip?: DurationLike;
  /**
   * Fibre distance between the sites, in kilometres. Required (or `roundTrip`) for a `sync` link.
   * @default - not declared
   */
  readonly distanceKm?: number;
  /**
   * Bytes changed per byte sent, e.g. 2 for 2:1 compression.
   * @default 1 (no compression)
   */
  readonly compressionRatio?: number;
  /**
   * Whether the replica applies writes in the order the primary made them.
   * @default true (set false for modes such as adaptive copy that ship tracks out of order)
   */
  readonly preservesWriteOrder?: boolean;
  /**
   * Longest round trip a sync link may have.
   * @default Duration.millis(10) (NetApp SnapMirror Synchronous)
   */
  readonly maxRoundTrip?: DurationLike;
  /**
   * Longest distance a sync link may span, in kilometres.
   * @default 300 (IBM Metro Mirror)
   */
  readonly maxDistanceKm?: number;
  /**
   * Unit in which the array tracks and ships changes: 256 KiB for IBM Spectrum Virtualize change
   * volumes and FlashCopy (64 KiB optional), a 56,664-byte track on count-key-data (3390)
   * volumes. With a volume's `writeSize` and a host-write rate, every write ships whole grains.
   * @default - not declared: rates are shipped as they are
   */
  readonly grain?: SizeLike;
}

const EFFICIENCY_TEXT = 'a number greater than 0 and at most 1, such as 0.93';
const DISTANCE_TEXT = 'a distance in kilometres: a finite number of at least 0';

const linkPropsSchema = z.strictObject({
  mode: enumProp(Object.values(LinkMode)),
  bandwidth: positiveDataRateProp(),
  efficiency: z
    .number({ error: EFFICIENCY_TEXT })
    .gt(0, { error: EFFICIENCY_TEXT })
    .max(1, { error: EFFICIENCY_TEXT })
    .default(0.93),
  roundTrip: durationProp().optional(),
  distanceKm: z.number({ error: DISTANCE_TEXT }).min(0, { error: DISTANCE_TEXT }).optional(),
  compressionRatio: z
    .number({ error: 'a ratio of at least 1, such as 2 for 2:1' })
    .min(1, { error: 'a ratio of at least 1, such as 2 for 2:1' })
    .default(1),
  preservesWriteOrder: z.boolean({ error: 'true or false' }).default(true),
  maxRoundTrip: positiveDurationProp().default(DurationClass.millis(10)),
  maxDistanceKm: z.number({ error: DISTANCE_TEXT }).gt(0, { error: 'a distance greater than 0 km' }).default(300),
  grain: positiveSizeProp().optional(),
});

/**
 * The replication link between the primary and the recovery data center. Declare it anywhere in
 * the stack: schedules of several plans may ship over one link, and then share its bandwidth.
 */
export class ReplicationLink extends Construct {
  public readonly mode: LinkMode;
  public readonly bandwidth: DataRate;
  public readonly roundTrip: Duration | undefined;
  private readonly declared: LinkDecl;

  public constructor(scope: Construct, id: string, props: ReplicationLinkProps) {
    super(scope, id);
    StackEstate.of(this); // before the props are checked: removes stale plan files
    const parsed = parseProps(linkPropsSchema, props, this);
    if (parsed.mode === 'sync' && parsed.roundTrip === undefined && parsed.distanceKm === undefined) {
      throw new SanDrError({
        propPath: 'roundTrip',
        value: undefined,
        allowed: 'a round-trip time or a distanceKm for a sync link, so that its reach can be checked',
        scope: this.node.path,
      });
    }
    this.mode = parsed.mode;
    this.bandwidth = parsed.bandwidth;
    this.roundTrip = parsed.roundTrip;
    this.declared = {
      id: this.node.path,
      name: this.node.id,
      mode: parsed.mode,
      lineRateBitsPerSecond: parsed.bandwidth.toBitsPerSecond(),
      efficiency: parsed.efficiency,
      compressionRatio: parsed.compressionRatio,
      roundTripSeconds: parsed.roundTrip?.toSeconds({ integral: false }),
      distanceKm: parsed.distanceKm,
      preservesWriteOrder: parsed.preservesWriteOrder,
      maxSyncRoundTripSeconds: parsed.maxRoundTrip.toSeconds({ integral: false }),
      maxSyncDistanceKm: parsed.maxDistanceKm,
      grainBytes: parsed.grain?.toBytes(),
    };
    StackEstate.of(this).addLink(this);
  }

  /** @internal */
  public _declaration(): LinkDecl {
    return this.declared;
  }
}
