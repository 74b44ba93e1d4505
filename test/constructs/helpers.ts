import * as fs from 'fs';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  DataCenter,
  DisasterRecoveryPlan,
  Duration,
  LinkMode,
  ReplicationLink,
  RuntimeData,
  SanDrError,
  SanVolumePair,
  ServerRole,
  SiteRole,
  SnapshotSchedule,
  TranlogVolume,
  type DataCenterProps,
  type DisasterRecoveryPlanProps,
  type ReplicationLinkProps,
  type SanVolumePairProps,
  type SnapshotScheduleProps,
  type TranlogVolumeProps,
} from '../../lib';

/**
 * A valid design shaped like the WebSphere BAW example (30m RPO, 15m interval over a 100 Mbps
 * link at 2:1), built from constructs in any stack, with per-construct prop overrides so each
 * test states only what it changes.
 */

export type VolumeKey = 'data' | 'logs' | 'tranlogs';

/** Props of one construct with some replaced; unknown keys pass through (to test rejection). */
export type Overrides<T> = Partial<T> & Record<string, unknown>;

export interface DesignOverrides {
  readonly plan?: Overrides<DisasterRecoveryPlanProps>;
  readonly primary?: Overrides<DataCenterProps>;
  readonly recovery?: Overrides<DataCenterProps>;
  readonly data?: Overrides<SanVolumePairProps>;
  readonly logs?: Overrides<SanVolumePairProps>;
  readonly tranlogs?: Overrides<TranlogVolumeProps>;
  readonly link?: Overrides<ReplicationLinkProps>;
  readonly schedule?: Overrides<SnapshotScheduleProps>;
  /** Construct id of the plan (several plans can share a stack). */
  readonly planId?: string;
  /** Ship over this link instead of declaring link "Wan" in the stack. */
  readonly useLink?: ReplicationLink;
  /** Construct ids of the volumes, when not Data, Logs and Tranlogs. */
  readonly ids?: Partial<Record<VolumeKey, string>>;
  /** Order in which the three volumes are declared. */
  readonly volumeOrder?: readonly VolumeKey[];
  /** Order in which the schedule lists them; default: the declaration order. */
  readonly scheduleOrder?: readonly VolumeKey[];
}

export interface Design {
  readonly stack: TerraformStack;
  readonly plan: DisasterRecoveryPlan;
  readonly primary: DataCenter;
  readonly recovery: DataCenter;
  readonly data: SanVolumePair;
  readonly logs: SanVolumePair;
  readonly tranlogs: TranlogVolume;
  readonly link: ReplicationLink;
  readonly schedule: SnapshotSchedule;
}

export const planProps = (): DisasterRecoveryPlanProps => ({ rpo: Duration.minutes(30), rto: '4h' });

export const primaryProps = (): DataCenterProps => ({
  role: SiteRole.PRIMARY,
  servers: [
    { name: 'was1', role: ServerRole.APPLICATION, host: 'was1.example.com' },
    { name: 'was2', role: ServerRole.APPLICATION, host: 'was2.example.com' },
    { name: 'db1', role: ServerRole.DATABASE, host: 'db1.example.com' },
  ],
});

export const recoveryProps = (): DataCenterProps => ({
  role: SiteRole.RECOVERY,
  servers: [
    { name: 'was1-dr', role: ServerRole.APPLICATION, host: 'was1-dr.example.com' },
    { name: 'was2-dr', role: ServerRole.APPLICATION, host: 'was2-dr.example.com' },
    { name: 'db1-dr', role: ServerRole.DATABASE, host: 'db1-dr.example.com' },
  ],
});

export const dataProps = (): SanVolumePairProps => ({
  holds: [RuntimeData.DATABASE_DATA, RuntimeData.MESSAGING_STORES],
  capacity: '400GiB',
  changeRate: { average: '5GiB/h', peak: '20GiB/h' },
  mountPath: '/opt/ibm/WebSphere/database/data',
  placement: { primary: 'pool-data', recovery: 'dr-pool-data' },
});

export const logsProps = (): SanVolumePairProps => ({
  holds: [RuntimeData.DATABASE_LOGS],
  capacity: '100GiB',
  changeRate: { average: '1GiB/h', peak: '4GiB/h' },
  mountPath: '/opt/ibm/WebSphere/database/logs',
  placement: { primary: 'pool-logs', recovery: 'dr-pool-logs' },
});

export const tranlogsProps = (): TranlogVolumeProps => ({
  capacity: '20GiB',
  changeRate: { average: '2GiB/h', peak: '8GiB/h' },
  mountPath: '/opt/ibm/WebSphere/tranlogs',
});

export const linkProps = (): ReplicationLinkProps => ({
  mode: LinkMode.ASYNC,
  bandwidth: '100Mbps',
  roundTrip: '18ms',
  distanceKm: 900,
  compressionRatio: 2,
});

export const scheduleTimingProps = () => ({ interval: '15m', snapshotTime: '1m', retention: 4 });

export function newStack(id = 'test'): TerraformStack {
  return new TerraformStack(Testing.app(), id);
}

export function buildDesign(stack: TerraformStack, overrides: DesignOverrides = {}): Design {
  const plan = new DisasterRecoveryPlan(stack, overrides.planId ?? 'Plan', { ...planProps(), ...overrides.plan } as DisasterRecoveryPlanProps);
  const primary = new DataCenter(plan, 'Primary', { ...primaryProps(), ...overrides.primary } as DataCenterProps);
  const recovery = new DataCenter(plan, 'Recovery', { ...recoveryProps(), ...overrides.recovery } as DataCenterProps);

  const declare: Record<VolumeKey, () => SanVolumePair | TranlogVolume> = {
    data: () => new SanVolumePair(plan, overrides.ids?.data ?? 'Data', { ...dataProps(), ...overrides.data } as SanVolumePairProps),
    logs: () => new SanVolumePair(plan, overrides.ids?.logs ?? 'Logs', { ...logsProps(), ...overrides.logs } as SanVolumePairProps),
    tranlogs: () => new TranlogVolume(plan, overrides.ids?.tranlogs ?? 'Tranlogs', { ...tranlogsProps(), ...overrides.tranlogs } as TranlogVolumeProps),
  };
  const order = overrides.volumeOrder ?? ['data', 'logs', 'tranlogs'];
  const volumes = new Map(order.map((key) => [key, declare[key]()] as const));

  const link =
    overrides.useLink ?? new ReplicationLink(stack, 'Wan', { ...linkProps(), ...overrides.link } as ReplicationLinkProps);
  const schedule = new SnapshotSchedule(plan, 'RuntimeData', {
    volumes: (overrides.scheduleOrder ?? order).map((key) => volumes.get(key)!),
    link,
    ...scheduleTimingProps(),
    ...overrides.schedule,
  } as SnapshotScheduleProps);

  return {
    stack,
    plan,
    primary,
    recovery,
    data: volumes.get('data') as SanVolumePair,
    logs: volumes.get('logs') as SanVolumePair,
    tranlogs: volumes.get('tranlogs') as TranlogVolume,
    link,
    schedule,
  };
}

/** A fresh stack holding a design. */
export function design(overrides: DesignOverrides = {}, id = 'test'): Design {
  return buildDesign(newStack(id), overrides);
}

// ---------------------------------------------------------------------------------------------
// Synthesized output.

export interface TfResource {
  readonly triggers?: Record<string, string>;
  readonly depends_on?: string[];
  readonly provisioner?: { 'local-exec': { command: string } }[];
}

export interface TfJson {
  readonly resource?: { readonly null_resource?: Record<string, TfResource> };
  readonly provider?: Record<string, unknown[]>;
}

export function synthJson(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

export function nullResources(stack: TerraformStack): Record<string, TfResource> {
  return synthJson(stack).resource?.null_resource ?? {};
}

export function stackDir(outdir: string, stack: Construct): string {
  return path.join(outdir, 'stacks', stack.node.id);
}

export function readIn(outdir: string, stack: Construct, file: string): string {
  return fs.readFileSync(path.join(stackDir(outdir, stack), file), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Errors.

/** How SanDrError prints simple values (kept here so the tests do not depend on lib's renderer). */
export function shown(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Runs `fn`, which must throw; returns what it threw. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned');
}

export interface ExpectedSanDrError {
  /** Construct path the error names. */
  readonly scope: string;
  readonly propPath: string;
  /** The rejected value, as given (compared with toEqual). */
  readonly value: unknown;
  /** How the message renders the value; default: `shown(value)`. */
  readonly got?: string;
  /** Fragments `allowed` must contain. */
  readonly allowed?: readonly (string | RegExp)[];
}

/**
 * Asserts a SanDrError (never a TypeError or zod error) with the given prop path, value and
 * scope, whose message reads exactly `<construct path>: <prop path>: got <value>; expected <allowed>`.
 */
export function expectSanDrError(fn: () => unknown, expected: ExpectedSanDrError): SanDrError {
  const error = thrownBy(fn);
  expect(error).not.toBeInstanceOf(TypeError);
  expect(error).toBeInstanceOf(SanDrError);
  const err = error as SanDrError;
  expect(err.name).toBe('SanDrError');
  expect(err.propPath).toBe(expected.propPath);
  if (Number.isNaN(expected.value)) expect(Number.isNaN(err.value)).toBe(true);
  else expect(err.value).toEqual(expected.value);
  expect(err.scope).toBe(expected.scope);
  expect(typeof err.allowed).toBe('string');
  expect(err.allowed.length).toBeGreaterThan(0);
  const got = expected.got ?? shown(expected.value);
  expect(err.message).toBe(`${expected.scope}: ${expected.propPath}: got ${got}; expected ${err.allowed}`);
  for (const fragment of expected.allowed ?? []) {
    if (typeof fragment === 'string') expect(err.allowed).toContain(fragment);
    else expect(err.allowed).toMatch(fragment);
  }
  return err;
}
