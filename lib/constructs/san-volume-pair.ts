import type { Construct } from 'constructs';
import { z } from 'zod';
import type { RuntimeData } from './enums';
import { parseProps } from './props';
import { holdsProp, ReplicatedVolume, replicatedVolumeShape, type ReplicatedVolumeProps } from './replicated-volume';

export interface SanVolumePairProps extends ReplicatedVolumeProps {
  /**
   * The runtime data on the volume. It decides which servers mount it by default and which
   * placement and recovery-scope rules apply.
   */
  readonly holds: readonly RuntimeData[];
}

const sanVolumePairPropsSchema = z.strictObject({ ...replicatedVolumeShape, holds: holdsProp() });

/** A SAN volume at the primary site and its replica at the recovery site, e.g. the database volume. */
export class SanVolumePair extends ReplicatedVolume {
  public constructor(scope: Construct, id: string, props: SanVolumePairProps) {
    super(scope, id, 'san-volume', (self) => parseProps(sanVolumePairPropsSchema, props, self));
  }
}
