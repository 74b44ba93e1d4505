import { TRANSACTION_LOG_KINDS } from '../model/design';
import { holdsAny } from '../model/mounts';
import type { Rule, Violation } from './rule';

export const tranlogLocking: Rule = {
  id: 'SDR-TRANLOG-LOCKING',
  level: 'error',
  title: 'Transaction logs on storage without lease-based locking',
  rationale:
    'WebSphere recovers a failed server by having a peer take over its transaction logs, guarded by file ' +
    'locks on the shared file system. NFSv4 with hard mounts releases a failed host\'s locks when its lease ' +
    'expires; NFSv3 holds them until the host returns, and soft mounts can drop writes: both risk losing or ' +
    'corrupting in-flight transactions.',
  fix:
    'Put the transaction logs on NFSv4 with hard mounts. Suppress only when locking is handled another ' +
    'way, for example by a clustered file system with its own lease-based lock manager.',
  suppressible: true,
  check({ plan }) {
    const violations: Violation[] = [];
    // Logs kept in the database do not use the shared file system (SDR-TRANLOG-DATABASE-GROUP instead).
    if (plan.tranlogStore === 'database') return violations;
    for (const volume of plan.volumes) {
      if (!holdsAny(volume.holds, TRANSACTION_LOG_KINDS)) continue;
      const fs = volume.fileSystem;
      if (!fs) {
        violations.push({
          path: volume.id,
          message: `Volume ${volume.name} holds transaction logs but declares no shared file system, so no peer can take over a failed server's logs.`,
          fix: 'Declare the transaction logs with TranlogVolume (NFSv4, hard mounts) and keep only database files on SanVolumePair.',
        });
        continue;
      }
      const problems: string[] = [];
      if (fs.protocol === 'nfs3') problems.push('NFSv3 holds a failed host\'s locks until it restarts');
      if (!fs.mountOptions.includes('hard')) problems.push(`mount options (${fs.mountOptions.join(',') || 'none'}) lack "hard"`);
      if (fs.mountOptions.includes('soft')) problems.push('"soft" mounts can return errors for writes the server believes were made');
      if (problems.length === 0) continue;
      violations.push({
        path: volume.id,
        message: `Transaction-log volume ${volume.name}: ${problems.join('; ')}.`,
        fix: `Use protocol NfsVersion.NFS4 with mount options including "hard" (the TranlogVolume default).`,
      });
    }
    return violations;
  },
};
