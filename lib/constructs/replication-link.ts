import { Construct } from 'constructs';
import { z } from 'zod';
import { SanDrError } from '../errors';
import type { LinkDecl } from '../model/design';
import type { DataRate, DataRateLike, Duration, DurationLike, SizeLike } from '../units';
import { DataRate as DataRateClass, Duration as DurationClass } from '../units';
import { TerraformStack } from 'cdktf';
import { LinkMode, LinkSharing } from './enums';
import { dataRateProp, durationProp, enumProp, nameProp, parseProps, positiveDataRateProp, positiveDurationProp, positiveSizeProp } from './props';
import { StackEstate } from './stack-estate';

export interface ReplicationLinkProps {
  /** `sync`: every write is mirrored before it is acknowledged; `async`: snapshots are shipped. */
  readonly mode: LinkMode;
  /** Line rate of the link between the sites, e.g. "622Mbps". */
  readonly bandwidth: DataRateLike;
  /**
   * Share of the line rate that carries replication payload after protocol overhead. 0.93 fits
   * IP links (Dell's replication sizing). For Fibre Channel and ESCON, declare the line rate as
   * the payload they really carry and efficiency 1: 8 Gb Fibre Channel carries about 800 MB/s
   * (`bandwidth: '800MB/s'`), an ESCON channel about 17 MB/s, and less at distance
   * (`bandwidth: '17MB/s'` per channel, times the channels in the path group).
   * @default 0.93 (the figure Dell's replication sizing uses for IP links)
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
   * Peak rate of the traffic on this link that is not declared with this library: backups,
   * user traffic, other applications' replication from stacks that do not use cdktf-san-dr.
   * It comes off the top of the payload rate (bandwidth x efficiency) before any schedule gets
   * a byte, so declare the peak, not the average.
   * @default - none
   */
  readonly otherTraffic?: DataRateLike;
  /**
   * How the array divides the link among the schedules that use it, which decides the bound.
   * `LinkSharing.ANY` assumes only that the link never idles while data waits, so it holds for
   * arrays that share per replication session (one stream per volume pair), first come first
   * served, or per schedule: a snapshot waits in the worst case behind everything the link's
   * other users can send meanwhile. `LinkSharing.PER_SCHEDULE` is tighter (each of n schedules
   * gets 1/n while it transfers); declare it only when the array guarantees that.
   * @default LinkSharing.ANY
   */
  readonly sharing?: LinkSharing;
  /**
   * The carrier's or network team's identifier of the physical circuit. Links with the same id
   * are one circuit: within an App they must declare the same bandwidth and efficiency, and every
   * budget on it pools all of their users. `cdktf-san-dr estate` joins the plans of separate
   * repositories by circuitId and recomputes the circuit's budgets with all of their users
   * (README "One circuit across repositories").
   * @default - the link is a circuit of its own
   */
  readonly circuitId?: string;
  /**
   * Whether the circuit gives synchronous writes priority over the elastic transfers that share
   * it (snapshot transfers of asynchronous schedules, split-mirror resync copies): a QoS class for
   * the mirroring traffic, or the array's own priority for it. The analysis always takes the
   * synchronous peaks off the top before it budgets the elastic transfers; whether the
   * synchronous writes themselves can wait behind a burst depends on this. The circuit counts as
   * prioritising only when every link of it (every link with the same `circuitId`) declares it.
   * @default false - the circuit does not prioritise synchronous writes: snapshot transfers and
   * other backups' resync copies on the same circuit may delay them, and
   * SDR-SYNC-CIRCUIT-PRIORITY fails the design
   */
  readonly synchronousPriority?: boolean;
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
  otherTraffic: dataRateProp().optional(),
  sharing: enumProp(Object.values(LinkSharing)).default('any'),
  circuitId: nameProp().optional(),
  synchronousPriority: z.boolean({ error: 'true or false' }).default(false),
  grain: positiveSizeProp().optional(),
});

/**
 * The replication link between the primary and the recovery data center. Declare it in any stack
 * of the App (a `network` stack is the natural place): schedules and split-mirror backups of
 * every stack may use it, and then share its bandwidth.
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
    const payloadBitsPerSecond = parsed.bandwidth.toBitsPerSecond() * parsed.efficiency;
    const otherBytesPerSecond = parsed.otherTraffic?.toBytesPerSecond() ?? 0;
    if (otherBytesPerSecond * 8 >= payloadBitsPerSecond) {
      throw new SanDrError({
        propPath: 'otherTraffic',
        value: parsed.otherTraffic?.toString(),
        allowed: `a rate below the link's payload rate (bandwidth x efficiency = ${DataRateClass.formatBitsPerSecond(payloadBitsPerSecond)}), so that replication gets some of it`,
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
      ...(otherBytesPerSecond > 0 ? { otherTrafficBytesPerSecond: otherBytesPerSecond } : {}),
      sharing: parsed.sharing,
      ...(parsed.circuitId !== undefined ? { circuitId: parsed.circuitId } : {}),
      // Only when declared, so that the plans of links without it stay as they were.
      ...(parsed.synchronousPriority ? { syncPriority: true } : {}),
      stack: TerraformStack.of(this).node.id,
      grainBytes: parsed.grain?.toBytes(),
    };
    StackEstate.of(this).addLink(this);
  }

  /** @internal */
  public _declaration(): LinkDecl {
    return this.declared;
  }
}
