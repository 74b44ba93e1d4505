import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { SanDrError } from '../errors';
import { ChangeRate } from '../units/change-rate';
import { DataRate } from '../units/data-rate';
import { Duration } from '../units/duration';
import { Size } from '../units/size';

/**
 * Prop schemas and the one place zod's issues become SanDrErrors. Each schema's message is
 * phrased as what is allowed, because SanDrError prints "got <value>; expected <message>".
 */

/** Validates `props` and returns the parsed values, or throws the first problem as a SanDrError. */
export function parseProps<S extends z.ZodType>(schema: S, props: unknown, scope: IConstruct): z.output<S> {
  assertReadable(props, [], scope, new Set());
  const result = schema.safeParse(props ?? {});
  if (result.success) return result.data;
  // A misspelt prop also shows up as the real one missing; naming the misspelling is the useful error.
  const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0];
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const known = knownKeys(schema, path);
    throw new SanDrError({
      propPath: formatPropPath([...path, key]),
      value: valueAt(props, [...path, key]),
      allowed: known ? `no such prop${didYouMean(key, known)}; known props here: ${known.join(', ')}` : 'no such prop',
      scope: scope.node.path,
    });
  }
  throw new SanDrError({
    propPath: formatPropPath(path),
    value: valueAt(props, path),
    allowed: issue.message,
    scope: scope.node.path,
  });
}

/**
 * `; did you mean "interval"?` when one known prop is the closest to `key` and close enough to be
 * a typo (at most a third of its letters, at least one, differ); nothing when two are as close.
 */
export function didYouMean(key: string, known: readonly string[]): string {
  const scored = known.map((name) => ({ name, distance: editDistance(key.toLowerCase(), name.toLowerCase()) }));
  const best = Math.min(...scored.map((s) => s.distance));
  const closest = scored.filter((s) => s.distance === best);
  if (closest.length !== 1 || best > Math.max(1, Math.floor(closest[0].name.length / 3))) return '';
  return `; did you mean "${closest[0].name}"?`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * zod reads every prop it checks; a getter or proxy that throws would escape as a bare Error.
 * Reading the plain objects and arrays first turns that into a SanDrError at the prop's path.
 */
function assertReadable(value: unknown, path: (string | number)[], scope: IConstruct, seen: Set<object>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  const plain = Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
  if (!plain) return;
  seen.add(value);
  for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
    let item: unknown;
    try {
      item = (value as Record<string | number, unknown>)[key];
    } catch (error) {
      throw new SanDrError({
        propPath: formatPropPath([...path, key]),
        value: `a value that throws when read (${error instanceof Error ? error.message : String(error)})`,
        allowed: 'a plain value',
        scope: scope.node.path,
      });
    }
    assertReadable(item, [...path, key], scope, seen);
  }
}

export function formatPropPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '');
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function knownKeys(schema: z.ZodType, path: readonly (string | number)[]): string[] | undefined {
  let current: unknown = schema;
  for (const key of path) {
    const shape = objectShape(current);
    if (shape && typeof key === 'string') current = unwrap(shape[key]);
    else if (current instanceof z.ZodArray) current = unwrap(current.element);
    else return undefined;
  }
  const shape = objectShape(current);
  if (shape) return Object.keys(shape);
  const inner = unwrap(current);
  if (inner instanceof z.ZodRecord && inner.keyType instanceof z.ZodEnum) return inner.keyType.options.map(String);
  return undefined;
}

function objectShape(schema: unknown): Record<string, z.ZodType> | undefined {
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap();
  return current;
}

/** A unit value object or its string form, parsed by the unit class so both give the same error. */
function unitSchema<T>(parse: (value: unknown) => T) {
  return z.any().transform((value, ctx) => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof SanDrError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.allowed });
      return z.NEVER;
    }
  });
}

export const durationProp = () => unitSchema((value) => Duration.of(value as never));
export const sizeProp = () => unitSchema((value) => Size.of(value as never));
export const dataRateProp = () => unitSchema((value) => DataRate.of(value as never));

const CHANGE_RATE_TEXT =
  'a ChangeRate (ChangeRate.daily, ChangeRate.fromSamples or ChangeRate.fromCsv) or an object ' +
  '{ average, peak?, kind? } of data rates such as "6GiB/h"';

const averageChangeRateSchema = z.strictObject(
  {
    average: dataRateProp(),
    peak: dataRateProp().optional(),
    kind: z.enum(['changed', 'host-writes'], { error: 'one of "changed", "host-writes"' }).optional(),
  },
  { error: CHANGE_RATE_TEXT },
);

/** A volume's change rate as the constructs hand it on: a bare average, or a profile. */
export interface ParsedChangeRate {
  readonly average: DataRate;
  readonly peak?: DataRate;
  readonly kind: 'changed' | 'host-writes';
  readonly profile?: ChangeRate;
}

/** `changeRate`: a ChangeRate profile as is, or `{ average, peak?, kind? }` checked field by field. */
export const changeRateProp = () =>
  z.any().transform((value, ctx): ParsedChangeRate => {
    if (value instanceof ChangeRate) {
      return { average: DataRate.bytesPerSecond(value.averageBytesPerSecond()), kind: value.kind, profile: value };
    }
    const result = averageChangeRateSchema.safeParse(value);
    if (result.success) return { ...result.data, kind: result.data.kind ?? 'changed' };
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        // Through the transform, parseProps cannot see the shape: name the known props here.
        const known = Object.keys(averageChangeRateSchema.shape);
        const key = issue.keys[0];
        ctx.addIssue({
          code: 'custom',
          path: [...issue.path, key],
          message: `no such prop${didYouMean(key, known)}; known props here: ${known.join(', ')}`,
        });
      } else {
        ctx.addIssue(issue as never);
      }
    }
    return z.NEVER;
  });

export const positiveDurationProp = () =>
  durationProp().refine((d) => !d.isZero(), { message: 'a duration greater than zero, such as "15m"' });

export const positiveDataRateProp = () =>
  dataRateProp().refine((r) => !r.isZero(), { message: 'a data rate greater than zero, such as "622Mbps"' });

export const positiveSizeProp = () =>
  sizeProp().refine((s) => !s.isZero(), { message: 'a size greater than zero, such as "500GiB"' });

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
export const nameProp = () =>
  z.string({ error: NAME_TEXT }).regex(NAME, { error: NAME_TEXT });
const NAME_TEXT = 'a name of letters, digits, ".", "_" or "-" that starts with a letter or digit (at most 63 characters)';

/**
 * Paths end up in shell commands, Terraform triggers and database catalogs: only absolute,
 * normalised paths made of characters that need no quoting anywhere.
 */
const PATH_SEGMENT = /^[A-Za-z0-9_+@%=:,.-]+$/;
const PATH_TEXT =
  'an absolute path such as "/opt/ibm/WebSphere/tranlogs": segments of letters, digits and "_+@%=:,.-", ' +
  'no "." or ".." segments, no "//", no trailing "/", no spaces or shell metacharacters';
export const absolutePathProp = () =>
  z.string({ error: PATH_TEXT }).refine(isSafeAbsolutePath, { message: PATH_TEXT });

export function isSafeAbsolutePath(path: string): boolean {
  if (!path.startsWith('/') || path.length > 1024 || path === '/') return false;
  return path
    .slice(1)
    .split('/')
    .every((segment) => PATH_SEGMENT.test(segment) && segment !== '.' && segment !== '..');
}

const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:]+(?:\.\d+\.\d+\.\d+)?\]?$/;
const HOST_TEXT = 'a host name such as "was1.example.com" or an IP address';
export const hostProp = () => z.string({ error: HOST_TEXT }).regex(HOST, { error: HOST_TEXT });

export function enumProp<T extends string>(values: readonly T[]) {
  const text = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return z.enum(values as [T, ...T[]], { error: text });
}

/** A construct of the given class; `what` names it in the error. */
export function constructProp<T>(type: { prototype: T }, what: string) {
  return z.custom<T>((value) => value instanceof (type as unknown as new () => T), { error: what });
}
