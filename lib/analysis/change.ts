import type { VolumeDecl } from '../model/design';

/**
 * What a set of volumes can change in a window of time: the one quantity every RPO figure is
 * built on. A schedule's own data per interval, the data the link's other users put on the wire
 * while a transfer waits, the stretched cycle of a continuous schedule and both fixes all ask
 * this function, so a better model of change (daily profiles, busiest windows) changes them all
 * at once and in the same way.
 */
export type ChangingVolume = Pick<VolumeDecl, 'capacityBytes' | 'averageChangeBytesPerSecond'>;

/**
 * Bytes the volumes change in any window of `windowSeconds`, summed over the volumes. A volume
 * cannot change more than it holds (a block changed twice is shipped once), and within that the
 * declared average bounds the mean rate over any window at least one interval long (README
 * "What is guaranteed").
 */
export function changedBytesInWindow(volumes: readonly ChangingVolume[], windowSeconds: number): number {
  let total = 0;
  for (const volume of volumes) {
    total += Math.min(volume.capacityBytes, volume.averageChangeBytesPerSecond * windowSeconds);
  }
  return total;
}

/**
 * Window lengths at which changedBytesInWindow() bends (a volume becomes fully rewritten), in
 * ascending order. Between two bends it is linear, which lets the solvers find roots exactly.
 */
export function changeBends(volumes: readonly ChangingVolume[]): number[] {
  // A rate so small that capacity / rate overflows never saturates: no bend (an infinite one made NaN).
  const times = volumes
    .filter((v) => v.averageChangeBytesPerSecond > 0)
    .map((v) => v.capacityBytes / v.averageChangeBytesPerSecond)
    .filter((t) => Number.isFinite(t));
  return [...new Set(times)].sort((a, b) => a - b);
}
