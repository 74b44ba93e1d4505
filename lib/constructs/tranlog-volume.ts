import type { Construct } from 'constructs';
import { z } from 'zod';
import { NfsVersion, type RuntimeData } from './enums';
import { enumProp, parseProps } from './props';
import { holdsProp, ReplicatedVolume, replicatedVolumeShape, type ReplicatedVolumeProps } from './replicated-volume';

export interface TranlogVolumeProps extends ReplicatedVolumeProps {
  /**
   * Protocol of the distributed file system the application servers share.
   * @default NfsVersion.NFS4 (lease-based locks are released when a failed host's lease expires)
   */
  readonly protocol?: NfsVersion;
  /**
   * Mount options of the file system on every application server.
   * @default ["hard"] (a server never sees a transaction-log write fail silently)
   */
  readonly mountOptions?: readonly string[];
  /**
   * Runtime data on the volume.
   * @default [RuntimeData.TRANSACTION_LOGS, RuntimeData.COMPENSATION_LOGS]
   */
  readonly holds?: readonly RuntimeData[];
}

const MOUNT_OPTION = /^[a-z0-9_]+(=[A-Za-z0-9_.:-]+)?$/;
const MOUNT_OPTION_TEXT = 'a mount option such as "hard" or "timeo=600" (lower-case name, optional "=value")';

const tranlogVolumePropsSchema = z.strictObject({
  ...replicatedVolumeShape,
  holds: holdsProp().default(['transaction-logs', 'compensation-logs']),
  protocol: enumProp(Object.values(NfsVersion)).default('nfs4'),
  mountOptions: z
    .array(z.string({ error: MOUNT_OPTION_TEXT }).regex(MOUNT_OPTION, { error: MOUNT_OPTION_TEXT }), {
      error: 'an array of mount options',
    })
    .default(['hard']),
});

/**
 * The volume that holds the distributed file system for the transaction logs, mounted on every
 * application server: the DFS gives high availability (file locks across servers), the SAN
 * replica gives disaster recovery.
 */
export class TranlogVolume extends ReplicatedVolume {
  public constructor(scope: Construct, id: string, props: TranlogVolumeProps) {
    super(scope, id, 'tranlog-dfs', (self) => {
      const { protocol, mountOptions, ...parsed } = parseProps(tranlogVolumePropsSchema, props, self);
      return { ...parsed, fileSystem: { protocol, mountOptions } };
    });
  }
}
