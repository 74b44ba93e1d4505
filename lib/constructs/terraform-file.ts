import type { TerraformStack } from 'cdktf';
import * as fs from 'fs';
import { SanDrError } from '../errors';
import { LazyJsonObject, writeStableJson } from '../escape/json';
import { writeTextAtomically } from '../plan/files';
import { stepResourcesOf } from './step-resources';

/**
 * Adds the step resources that cdktf was not shown (those without a token, see
 * withTokenStepsOnly) to the `cdk.tf.json` cdktf has just written for `stack`, streamed.
 *
 * At estate scale they are nearly all of the file (44 MB at 10,000 volume pairs): cdktf would
 * resolve them into one configuration object and turn that into one string, and that is the peak
 * memory of a synthesis (README "Performance"). Here each block is built, written and dropped in
 * turn, in the bytes cdktf writes (writeStableJson; test/constructs/step-emission.test.ts).
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
    const has = (name: string) => Object.prototype.hasOwnProperty.call(written, name);
    const owners = new Map<string, (typeof sources)[number]>();
    for (const source of sources) {
      for (const name of source.names) {
        if (has(name) || owners.has(name)) {
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
    resource.null_resource = new LazyJsonObject(names, (name) => (has(name) ? written[name] : owners.get(name)!.block(name)));
    config.resource = resource;
    writeTextAtomically(file, (write) => writeStableJson(config, write));
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
}
