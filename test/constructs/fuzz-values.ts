import fc from 'fast-check';
import type { TerraformStack } from 'cdktf';
import { DataRate, Duration, SanDrError, Size } from '../../lib';
import { parsePlanDocument } from '../../lib/cli/load';
import { StackEstate } from '../../lib/constructs/stack-estate';

/** Hostile values and prop-path helpers shared by the fuzz tests of every construct. */

export const throwingToString = { toString: () => { throw new Error('toString exploded'); } };
export const throwingGetter = Object.defineProperty({}, 'average', { enumerable: true, get: () => { throw new Error('getter exploded'); } });

/** Values picked to break parsers and validators. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    undefined, null, NaN, Infinity, -Infinity, -1, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 1e-320,
    '', ' ', '\n', '0', '-5m', 'NaN', 'Infinity', '1e999GiB', '1e999', '15 fortnights', '5 parsecs', '10 GiB/h/h',
    '1e-400m', '0x10m', '١٥m', 'm', '15', '15m15m', '--1h', '+1h', '1_000m',
    'a b', "it's", '$(reboot)', '`reboot`', 'x; rm -rf /', 'a\nb', '*', '~', '..', '../etc', '/../etc', '/a/../b',
    'relative/path', '/ok/path\n', '/tmp/$(id)', '/a b', '/a//b', '/a/', '/', '-rf', 'x'.repeat(100_000), '1'.repeat(10_000) + 'm',
    [], [1, 2], [''], [null], {}, { a: 1 }, { average: -1 }, true, false, 10n, Symbol('s'),
    () => 1, new Date(NaN), new Map(), Object.create(null), throwingToString, throwingGetter,
    Duration.minutes(5), Size.bytes(1), DataRate.bytesPerSecond(1),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

/** Every path to a leaf or a container in a props object, e.g. ['servers', 0, 'name']. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

/** A copy of `root` with `value` at `path`; only the containers on the path are copied (unit objects keep their class). */
export function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...root }) as Record<string | number, unknown>;
  copy[key] = rest.length === 0 ? value : setAt(root[key] as Record<string, unknown>, rest, value);
  return copy;
}

/** Does the error's prop path start at this top-level prop? */
function namesRoot(propPath: string, root: string): boolean {
  return propPath === root || propPath.startsWith(`${root}.`) || propPath.startsWith(`${root}[`);
}

/** Passes when nothing was thrown, or a SanDrError that names a prop path (below `root`, when given). */
export function expectTypedError(error: unknown, root: string | undefined): void {
  if (error === undefined) return;
  if (!(error instanceof SanDrError)) throw new Error(`expected a SanDrError, got ${String(error)}`);
  expect(error.propPath.length).toBeGreaterThan(0);
  expect(error.message).toContain(error.propPath);
  if (root !== undefined && !namesRoot(error.propPath, root)) throw new Error(`${error.message}: does not name ${root}`);
}

/**
 * Synthesis never writes a plan its own CLI rejects: the stack's plan document, as it would be
 * written (JSON, with or without a cdk.tf.json fingerprint), parses against the plan schema.
 * Throws the CLI's error otherwise, which expectTypedError then reports.
 */
export function roundTripPlan(stack: TerraformStack): void {
  const document = StackEstate.of(stack).planDocument();
  parsePlanDocument(JSON.parse(JSON.stringify({ ...document, terraform: null })), `the plan of stack ${stack.node.id}`);
}
