import type { TerraformStack } from 'cdktf';
import * as fs from 'fs';
import { SanDrError } from '../errors';
import { writeAtomically } from '../plan/files';
import { stepResourcesOf } from './step-resources';

/**
 * Adds the step resources that cdktf was not shown (those without a token, see
 * withTokenStepsOnly) to the `cdk.tf.json` cdktf has just written for `stack`, streamed.
 *
 * At estate scale they are nearly all of the file (44 MB at 10,000 volume pairs): cdktf would
 * resolve them into one configuration object and turn that into one string, and that is the peak
 * memory of a synthesis (README "Performance"). Here each block is built, written and dropped in
 * turn. The bytes are those cdktf writes: its writer is json-stable-stringify with two spaces,
 * which sorts every object's keys and writes an empty array or object across two lines; the
 * merged configuration is written the same way (test/constructs/step-emission.test.ts).
 *
 * The file is replaced atomically; if that fails, cdktf's file (without those steps) is removed,
 * so that no configuration missing resources is left.
 */
export function writeStepResources(stack: TerraformStack, file: string): void {
  const sources = stepResourcesOf(stack)
    .map((resources) => resources._literalResources())
    .filter((literal) => literal.names.length > 0);
  if (sources.length === 0) return;
  try {
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const resource = { ...(config.resource as Record<string, unknown> | undefined) };
    const written = { ...(resource.null_resource as Record<string, unknown> | undefined) };
    const owners = new Map<string, (typeof sources)[number]>();
    for (const source of sources) {
      for (const name of source.names) {
        if (name in written || owners.has(name)) {
          throw new SanDrError({
            propPath: 'scope',
            value: `null_resource.${name}`,
            allowed: `one resource per name in stack ${stack.node.id}: a step resource has this name already`,
            scope: stack.node.path,
          });
        }
        owners.set(name, source);
      }
    }
    const names = [...Object.keys(written), ...owners.keys()].sort();
    resource.null_resource = new LazyObject(names, (name) => (name in written ? written[name] : owners.get(name)!.block(name)));
    config.resource = resource;
    writeAtomically(file, (fd) => {
      const out = new BufferedWriter(fd);
      writeStableJson(config, '', (chunk) => out.write(chunk));
      out.flush();
    });
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
}

/** An object whose keys are given in order, each value built when it is written. */
class LazyObject {
  public constructor(
    public readonly keys: readonly string[],
    public readonly valueOf: (key: string) => unknown,
  ) {}
}

const SPACE = '  ';

/**
 * Writes `value` as json-stable-stringify(value, { space: 2 }) writes it: object keys sorted (by
 * UTF-16 code units, as Array.prototype.sort), members whose value is undefined or a function
 * left out, `[` / `{` and the closing bracket on lines of their own even when empty.
 */
export function writeStableJson(value: unknown, indent: string, write: (chunk: string) => void): void {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') {
    write(JSON.stringify(value) ?? 'null');
    return;
  }
  const inner = `${indent}${SPACE}`;
  if (Array.isArray(value)) {
    write('[');
    value.forEach((item, index) => {
      write(`${index === 0 ? '' : ','}\n${inner}`);
      writeStableJson(rendersAsJson(item) ? item : null, inner, write);
    });
    write(`\n${indent}]`);
    return;
  }
  const keys = value instanceof LazyObject ? value.keys : Object.keys(value).sort();
  const valueOf = value instanceof LazyObject ? value.valueOf : (key: string) => (value as Record<string, unknown>)[key];
  write('{');
  let first = true;
  for (const key of keys) {
    const member = valueOf(key);
    if (!rendersAsJson(member)) continue;
    write(`${first ? '' : ','}\n${inner}${JSON.stringify(key)}: `);
    writeStableJson(member, inner, write);
    first = false;
  }
  write(`\n${indent}}`);
}

function rendersAsJson(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** Collects small writes into writes of about a megabyte. */
class BufferedWriter {
  private chunks: string[] = [];
  private size = 0;

  public constructor(private readonly fd: number) {}

  public write(chunk: string): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size >= 1 << 20) this.flush();
  }

  public flush(): void {
    if (this.chunks.length > 0) fs.writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }
}
