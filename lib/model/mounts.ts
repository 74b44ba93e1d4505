import type { RuntimeData, ServerDecl, SiteDecl, VolumeDecl } from './design';

/** One directory a server needs: a volume's mount path, or one of the server's own extras. */
export interface Mount {
  readonly site: SiteDecl;
  readonly server: ServerDecl;
  readonly path: string;
  readonly volume?: VolumeDecl;
}

/**
 * Every directory each server of a site needs, server by server: the mount paths of the volumes
 * it mounts (at this site's role), then its own extra paths not already among them.
 */
export function siteMounts(site: SiteDecl, volumes: readonly VolumeDecl[]): Mount[] {
  const mounts: Mount[] = [];
  for (const server of site.servers) {
    const seen = new Set<string>();
    for (const volume of volumes) {
      if (!volume.mountedOn[site.role].includes(server.name)) continue;
      seen.add(volume.mountPath);
      mounts.push({ site, server, path: volume.mountPath, volume });
    }
    for (const path of server.extraMountPaths) {
      if (seen.has(path)) continue;
      seen.add(path);
      mounts.push({ site, server, path });
    }
  }
  return mounts;
}

export function holdsAny(holds: readonly RuntimeData[], kinds: readonly RuntimeData[]): boolean {
  return holds.some((kind) => kinds.includes(kind));
}

/** The compensation logs go next to the transaction logs, in the server's own directory, so peer recovery finds both. */
export function compensationLogDirectory(logDirectory: string): string {
  return `${logDirectory}/compensation`;
}
