import { Construct } from 'constructs';
import { z } from 'zod';
import { SanDrError } from '../errors';
import type { SiteDecl } from '../model/design';
import { DisasterRecoveryPlan } from './disaster-recovery-plan';
import { ServerRole, SiteRole } from './enums';
import { absolutePathProp, enumProp, hostProp, nameProp, parseProps } from './props';
import { StackEstate } from './stack-estate';

export interface ServerProps {
  /** Unique within the data center; names the server in steps and findings. */
  readonly name: string;
  /** What the server runs: application servers write the transaction logs, database servers keep the data. */
  readonly role: ServerRole;
  /**
   * Host name or address a bound command reaches the server at.
   * @default - the server's name
   */
  readonly host?: string;
  /**
   * Directories the server needs besides the mount paths of the plan's volumes (for example
   * the store of another resource manager). They get create-directory steps and count for mount parity.
   * @default - none
   */
  readonly mountPaths?: readonly string[];
  /**
   * Recovery site only: the name of the primary server this one replaces after a failover. An
   * application server recovers that server's transaction and compensation logs (peer recovery).
   * @default - the primary server of the same role at the same position among the servers of
   * that role (the second recovery application server replaces the second primary one); servers
   * that declare `replaces` are left out of the count on both sides
   */
  readonly replaces?: string;
}

export interface DataCenterProps {
  /** Whether this is the original (primary) or the disaster-recovery data center. */
  readonly role: SiteRole;
  /** The application and database servers of this application at the site. */
  readonly servers: readonly ServerProps[];
}

const dataCenterPropsSchema = z.strictObject({
  role: enumProp(Object.values(SiteRole)),
  servers: z
    .array(
      z.strictObject({
        name: nameProp(),
        role: enumProp(Object.values(ServerRole)),
        host: hostProp().optional(),
        mountPaths: z.array(absolutePathProp(), { error: 'an array of absolute paths' }).default([]),
        replaces: nameProp().optional(),
      }),
      { error: 'an array of servers ({ name, role })' },
    )
    .min(1, { error: 'at least one server' }),
});

/** One site of the plan: the primary data center or the recovery data center, with its servers. */
export class DataCenter extends Construct {
  public readonly role: SiteRole;
  private readonly declared: SiteDecl;

  public constructor(scope: Construct, id: string, props: DataCenterProps) {
    super(scope, id);
    StackEstate.of(this); // before the props are checked: removes stale plan files
    const parsed = parseProps(dataCenterPropsSchema, props, this);
    const seen = new Set<string>();
    parsed.servers.forEach((server, index) => {
      if (seen.has(server.name)) {
        throw new SanDrError({
          propPath: `servers[${index}].name`,
          value: server.name,
          allowed: 'a server name not used before in this data center',
          scope: this.node.path,
        });
      }
      seen.add(server.name);
      if (server.replaces !== undefined && parsed.role !== 'recovery') {
        throw new SanDrError({
          propPath: `servers[${index}].replaces`,
          value: server.replaces,
          allowed: 'no replaces at the primary site: only a recovery-site server replaces a primary server',
          scope: this.node.path,
        });
      }
    });
    this.role = parsed.role;
    this.declared = {
      id: this.node.path,
      name: this.node.id,
      role: parsed.role,
      servers: parsed.servers.map((server) => ({
        name: server.name,
        role: server.role,
        host: server.host ?? server.name,
        extraMountPaths: [...new Set(server.mountPaths)],
        ...(server.replaces !== undefined ? { replaces: server.replaces } : {}),
      })),
    };
    DisasterRecoveryPlan.of(this)._addDataCenter(this);
  }

  /** @internal */
  public _declaration(): SiteDecl {
    return this.declared;
  }
}
