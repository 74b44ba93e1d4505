import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App, TerraformStack, Testing } from 'cdktf';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SanDrError } from '../../lib';
import { withTokenStepsOnly } from '../../lib/constructs/step-resources';
import { writeStableJson } from '../../lib/escape/json';
import { configureProperties } from '../escape/hostile';
import { buildDesign } from './helpers';

/**
 * The library writes the step resources without a token into cdk.tf.json itself, streamed
 * (lib/constructs/terraform-file.ts). test/constructs/step-emission.test.ts compares the files
 * with golden ones of the construct-per-step emission; this file tests the writer and the two ways of reading a
 * stack's configuration: cdktf's own synthesis and Testing.synth().
 */

// cdktf's writer, which the library's must match byte for byte.
const stableStringify = require(require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf'))] })) as (
  value: unknown,
  options: { space: number },
) => string;

const written = (value: unknown) => {
  let text = '';
  writeStableJson(value, (chunk) => (text += chunk));
  return text;
};

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const outdir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'san-dr-tf-file-'));
  outdirs.push(dir);
  return dir;
};

describe('the streamed cdk.tf.json writer', () => {
  it('writes any JSON value as cdktf (json-stable-stringify, two spaces) does', () => {
    configureProperties();
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(written(value)).toBe(stableStringify(value, { space: 2 }));
      }),
      { numRuns: 500 },
    );
  });

  it('matches its quirks: empty brackets on two lines, keys by UTF-16 code unit, undefined left out or null', () => {
    const value = {
      z: [],
      Z: {},
      é: [undefined, () => 1, 1e21, -0, 'a\u2028b'],
      '10': { '9': null, '': true, a: undefined },
      '\ud83d\ude00': 'emoji key',
      '\uff5e': 'after the surrogates',
      __proto__x: 1,
    };
    expect(written(value)).toBe(stableStringify(value, { space: 2 }));
    // Not vacuous: the two-line empty array, and the order numbers, capitals, small letters, é, emoji, U+FF5E.
    expect(written({ a: [] })).toBe('{\n  "a": [\n  ]\n}');
    expect(Object.keys(JSON.parse(written(value)))).toEqual(['10', 'Z', '__proto__x', 'z', 'é', '\ud83d\ude00', '\uff5e']);
  });
});

describe('the step resources in a synthesized stack', () => {
  function program(dir: string, withToken = false) {
    const app = new App({ outdir: dir });
    const stack = new TerraformStack(app, 'dr');
    const host = new NullResource(stack, 'host', {});
    new NullProvider(stack, 'null');
    const { plan } = buildDesign(stack, {
      plan: { commands: { 'create-mount-directory': ({ params }) => ['ssh', withToken ? host.id : params.host, 'mkdir', '-p', params.path] } },
    });
    new NullResource(stack, 'deploy-application', { dependsOn: plan.stepDependencies({ phase: 'replication' }) });
    return { app, stack, plan };
  }

  it('Testing.synth() still holds every step resource, with what cdktf synthesis writes', () => {
    const dir = outdir();
    const { app, stack, plan } = program(dir);
    const tested = JSON.parse(Testing.synth(stack)).resource.null_resource as Record<string, Record<string, unknown>>;
    app.synth();
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', 'dr', 'cdk.tf.json'), 'utf8')).resource.null_resource as Record<string, Record<string, unknown>>;
    const steps = plan.analysis().steps.length;
    // The steps, the user's host and deploy-application.
    expect(Object.keys(tested)).toHaveLength(steps + 2);
    expect(Object.keys(file).sort()).toEqual(Object.keys(tested).sort());
    // Testing.synth() leaves out every "//" comment; the rest is the same.
    for (const [name, block] of Object.entries(file)) {
      const { '//': _, ...rest } = block;
      expect({ name, block: rest }).toEqual({ name, block: tested[name] });
    }
  });

  it('shows cdktf, while it writes cdk.tf.json, only the steps that hold a token', () => {
    for (const withToken of [false, true]) {
      const { stack, plan } = program(outdir(), withToken);
      plan.analysis();
      let shown: Record<string, unknown> = {};
      withTokenStepsOnly(stack, () => (shown = (stack.toTerraform() as { resource: { null_resource: Record<string, unknown> } }).resource.null_resource));
      const tokenSteps = plan.analysis().steps.filter((step) => step.action === 'create-mount-directory').length;
      // Besides the user's two resources: none, or the mkdir steps whose command holds host.id.
      expect(Object.keys(shown)).toHaveLength(2 + (withToken ? tokenSteps : 0));
    }
  });

  it('a step resource name taken by another resource fails the synthesis, leaving no cdk.tf.json and no plan', () => {
    const dir = outdir();
    const { app, stack, plan } = program(dir);
    const resources = JSON.parse(Testing.synth(stack)).resource.null_resource;
    const step = Object.keys(resources).find((key) => key.startsWith('Plan_Steps_schedule'))!;
    expect(plan.analysis().steps.length).toBeGreaterThan(0);
    new NullResource(stack, 'impostor', {}).overrideLogicalId(step);
    let error: unknown;
    try {
      app.synth();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(SanDrError);
    expect(String((error as Error).message)).toContain(`null_resource.${step}`);
    expect(fs.readdirSync(path.join(dir, 'stacks', 'dr')).filter((file) => !file.startsWith('.'))).toEqual([]);
  });
});
