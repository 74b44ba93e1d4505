import { execFileSync } from 'child_process';
import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { ReplicationLink, shellCommand, type StepCommandBuilder } from '../../lib';
import { WebSphereBawStack } from '../../examples/websphere-baw/stack';
import { buildDesign, design, expectSanDrError, linkProps, newStack, nullResources, synthJson, thrownBy, type TfResource } from './helpers';

Testing.setupJest();

type Resources = Record<string, TfResource>;

/** The one resource whose triggers contain `triggers`; returns its key (the Terraform name) too. */
function stepResource(resources: Resources, triggers: Record<string, string>): [string, TfResource] {
  const matches = Object.entries(resources).filter(([, r]) =>
    Object.entries(triggers).every(([key, value]) => r.triggers?.[key] === value),
  );
  expect(matches.map(([key]) => key)).toHaveLength(1);
  return matches[0];
}

const ref = (key: string) => `null_resource.${key}`;

describe('step resources of the WebSphere BAW example', () => {
  let stack: WebSphereBawStack;
  let json: string;
  let resources: Resources;

  beforeAll(() => {
    stack = new WebSphereBawStack(Testing.app(), 'websphere-baw');
    json = Testing.synth(stack);
    resources = JSON.parse(json).resource.null_resource;
  });

  test('one null_resource per deployment step: 24', () => {
    const steps = stack.plan.analysis().steps;
    expect(steps).toHaveLength(24);
    expect(Object.keys(resources)).toHaveLength(24);
    // Each step has exactly one resource whose triggers are its action and params.
    for (const step of steps) {
      const matching = Object.values(resources).filter(
        (r) => canonical(r.triggers!) === canonical({ action: step.action, ...step.params }),
      );
      expect(matching).toHaveLength(1);
    }
    const actions = Object.values(resources).map((r) => r.triggers!.action);
    expect(count(actions, 'create-mount-directory')).toBe(8);
    expect(count(actions, 'mount-san-volume')).toBe(4);
    expect(count(actions, 'establish-replication-pair')).toBe(3);
    expect(count(actions, 'enable-snapshot-schedule')).toBe(1);
  });

  test('the mount step of the tranlog DFS on was1 has the file-system triggers', () => {
    const triggers = {
      action: 'mount-san-volume',
      volume: 'Tranlogs',
      path: '/opt/ibm/WebSphere/tranlogs',
      fileSystem: 'nfs4',
      mountOptions: 'hard',
      server: 'was1',
      site: 'Primary',
      host: 'was1.prod.example.com',
    };
    expect(json).toHaveResourceWithProperties(NullResource, { triggers });
    expect(json).not.toHaveResourceWithProperties(NullResource, { triggers: { ...triggers, fileSystem: 'nfs3' } });
    // Exactly these triggers, nothing more.
    expect(stepResource(resources, { action: 'mount-san-volume', server: 'was1' })[1].triggers).toEqual(triggers);
    // A SAN (block) volume's mount step has no file-system triggers.
    const [, dataMount] = stepResource(resources, { action: 'mount-san-volume', volume: 'DatabaseData' });
    expect(dataMount.triggers).not.toHaveProperty('fileSystem');
    expect(dataMount.triggers).not.toHaveProperty('mountOptions');
  });

  test('every mount step depends on the create-directory step of the same server and path', () => {
    const mounts = Object.values(resources).filter((r) => r.triggers!.action === 'mount-san-volume');
    expect(mounts).toHaveLength(4);
    for (const mount of mounts) {
      const { server, path } = mount.triggers!;
      const [dirKey] = stepResource(resources, { action: 'create-mount-directory', server, path });
      expect(mount.depends_on).toEqual([ref(dirKey)]);
    }
    const [, was1Mount] = stepResource(resources, { action: 'mount-san-volume', server: 'was1' });
    const [was2Dir] = stepResource(resources, { action: 'create-mount-directory', server: 'was2' });
    expect(was1Mount.depends_on).not.toContain(ref(was2Dir));
  });

  test('the enable-snapshot-schedule step depends on every establish-replication-pair step', () => {
    const [, enable] = stepResource(resources, { action: 'enable-snapshot-schedule' });
    const pairs = Object.keys(resources).filter((key) => resources[key].triggers!.action === 'establish-replication-pair');
    expect(pairs).toHaveLength(3);
    for (const key of pairs) expect(enable.depends_on).toContain(ref(key));
    // And each pair waits for its volume's primary mounts.
    const [tranlogPairKey, tranlogPair] = stepResource(resources, { action: 'establish-replication-pair', volume: 'Tranlogs' });
    expect(pairs).toContain(tranlogPairKey);
    const tranlogMounts = Object.keys(resources).filter(
      (key) => resources[key].triggers!.action === 'mount-san-volume' && resources[key].triggers!.volume === 'Tranlogs',
    );
    expect(tranlogPair.depends_on).toEqual(tranlogMounts.map(ref).sort());
  });

  test('a bound command becomes a local-exec provisioner; unbound steps have none', () => {
    expect(json).toHaveResourceWithProperties(NullResource, {
      triggers: expect.objectContaining({ action: 'create-mount-directory', server: 'was1', path: '/opt/ibm/WebSphere/tranlogs' }),
      provisioner: [{ 'local-exec': { command: 'ssh was1.prod.example.com mkdir -p /opt/ibm/WebSphere/tranlogs' } }],
    });
    for (const resource of Object.values(resources)) {
      if (resource.triggers!.action === 'create-mount-directory') {
        expect(resource.provisioner).toEqual([
          { 'local-exec': { command: `ssh ${resource.triggers!.host} mkdir -p ${resource.triggers!.path}` } },
        ]);
      } else {
        expect(resource.provisioner).toBeUndefined();
      }
    }
  });

  test('the null provider is added once, however often the stack is synthesized', () => {
    expect(JSON.parse(json).provider.null).toHaveLength(1);
    expect(JSON.parse(Testing.synth(stack)).provider.null).toHaveLength(1);
    expect(stack.node.findAll().filter((c) => c instanceof NullProvider)).toHaveLength(1);
  });
});

describe('bound commands', () => {
  test('a bound command is in the provisioner of each step of its action', () => {
    const { stack } = design({
      plan: { commands: { 'create-mount-directory': ({ params }) => ['ssh', params.host, 'mkdir', '-p', params.path] } },
    });
    const resources = nullResources(stack);
    const [, dir] = stepResource(resources, { action: 'create-mount-directory', server: 'was1-dr' });
    expect(dir.provisioner).toEqual([
      { 'local-exec': { command: 'ssh was1-dr.example.com mkdir -p /opt/ibm/WebSphere/tranlogs' } },
    ]);
    const withCommand = Object.values(resources).filter((r) => r.provisioner);
    expect(withCommand).toHaveLength(8);
    expect(withCommand.every((r) => r.triggers!.action === 'create-mount-directory')).toBe(true);
  });

  test('the builder receives the step: id, action, title and params', () => {
    const seen: Parameters<StepCommandBuilder>[0][] = [];
    const { stack } = design({
      plan: {
        commands: {
          'establish-replication-pair': (step) => {
            seen.push(step);
            return ['pair', step.params.volume];
          },
        },
      },
    });
    Testing.synth(stack);
    expect(seen.map((s) => s.params.volume).sort()).toEqual(['Data', 'Logs', 'Tranlogs']);
    const data = seen.find((s) => s.params.volume === 'Data')!;
    expect(data).toEqual({
      id: 'replication.establish-replication-pair.Data',
      action: 'establish-replication-pair',
      title: expect.stringContaining('Data'),
      params: expect.objectContaining({ volume: 'Data', link: 'Wan', mode: 'async', capacityBytes: String(400 * 2 ** 30) }),
    });
  });

  test('arguments with spaces, quotes or $(...) are single-quoted so the shell passes them through unchanged', () => {
    const tricky = ['a b', "it's", '$(echo injected)', '`echo injected`', 'x; echo injected', 'tab\there', 'new\nline', '*', '~'];
    const script = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';
    const { stack } = design({
      plan: { commands: { 'create-mount-directory': ({ params }) => [process.execPath, '-e', script, ...tricky, params.path] } },
    });
    const [, dir] = stepResource(nullResources(stack), { action: 'create-mount-directory', server: 'was1' });
    const command = dir.provisioner![0]['local-exec'].command;

    expect(command).toBe(shellCommand([process.execPath, '-e', script, ...tricky, '/opt/ibm/WebSphere/tranlogs']));
    expect(command).toContain(" 'a b' ");
    expect(command).toContain(` 'it'\\''s' `);
    expect(command).toContain(" '$(echo injected)' ");
    expect(command).toContain(" 'x; echo injected' ");
    expect(command.endsWith(' /opt/ibm/WebSphere/tranlogs')).toBe(true);

    // What Terraform's local-exec does: hand the string to /bin/sh -c.
    const output = execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual([...tricky, '/opt/ibm/WebSphere/tranlogs']);
  });

  test.each([
    ['a string', () => 'ssh db1 mkdir -p /x', 'ssh db1 mkdir -p /x', '"ssh db1 mkdir -p /x"'],
    ['undefined', () => undefined, undefined, 'undefined'],
    ['an empty array', () => [], [], 'an array of 0'],
    ['an array with a number', () => ['mkdir', 7], ['mkdir', 7], 'an array of 2'],
  ])('a builder returning %s gives a SanDrError naming commands["create-mount-directory"]', (_label, build, value, got) => {
    const { stack } = design({ plan: { commands: { 'create-mount-directory': build as unknown as StepCommandBuilder } } });
    expectSanDrError(() => Testing.synth(stack), {
      scope: 'test/Plan',
      propPath: 'commands["create-mount-directory"]',
      value,
      got,
      allowed: ['non-empty array of strings', 'create-mount-directory'],
    });
  });

  test('a builder that throws gives a SanDrError naming commands["create-mount-directory"] and the cause', () => {
    const { stack } = design({
      plan: {
        commands: {
          'create-mount-directory': ({ params }) => {
            if (params.server === 'was2') throw new Error('no route to was2');
            return ['true'];
          },
        },
      },
    });
    const error = thrownBy(() => Testing.synth(stack));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ name: 'SanDrError', propPath: 'commands["create-mount-directory"]', scope: 'test/Plan' });
    const { message, value } = error as { message: string; value: unknown };
    expect(message.startsWith('test/Plan: commands["create-mount-directory"]: got ')).toBe(true);
    expect(String(value)).toContain('no route to was2');
    // The message is what CI shows: it must say why the builder failed, and for which step.
    expect(message).toContain('no route to was2');
    expect(message).toContain('primary.was2.create-mount-directory./opt/ibm/WebSphere/tranlogs');
  });
});

describe('triggers follow exactly what a step acts on', () => {
  test('changing only a mount path re-triggers the steps that use that path, and no others', () => {
    const before = nullResources(design().stack);
    const after = nullResources(design({ tranlogs: { mountPath: '/srv/tranlogs' } }).stack);

    const changed = Object.keys(before)
      .filter((key) => key in after && JSON.stringify(before[key].triggers) !== JSON.stringify(after[key].triggers))
      .map((key) => `${before[key].triggers!.action} ${before[key].triggers!.server}`)
      .sort();
    expect(changed).toEqual([
      'configure-transaction-service was1',
      'configure-transaction-service was2',
      'load-recovery-scripts was1-dr',
      'load-recovery-scripts was2-dr',
      'mount-san-volume was1',
      'mount-san-volume was2',
    ]);
    const [, mount] = stepResource(after, { action: 'mount-san-volume', server: 'was1' });
    expect(mount.triggers!.path).toBe('/srv/tranlogs');
    const [, configured] = stepResource(after, { action: 'configure-transaction-service', server: 'was1' });
    expect(configured.triggers!.logDirectory).toBe('/srv/tranlogs/was1');

    // The directory steps are named after their path: the old four are gone, four new ones replace them.
    const dirsAt = (resources: Resources, path: string) =>
      Object.values(resources).filter((r) => r.triggers!.action === 'create-mount-directory' && r.triggers!.path === path);
    expect(dirsAt(after, '/opt/ibm/WebSphere/tranlogs')).toHaveLength(0);
    expect(dirsAt(after, '/srv/tranlogs')).toHaveLength(4);
    expect(Object.keys(after)).toHaveLength(Object.keys(before).length);

    // Untouched: the other volumes' replication pairs and mounts, the database steps, the schedule.
    const untouched: Record<string, string>[] = [
      { action: 'establish-replication-pair', volume: 'Data' },
      { action: 'establish-replication-pair', volume: 'Logs' },
      { action: 'mount-san-volume', volume: 'Data' },
      { action: 'configure-database-storage' },
      { action: 'enable-snapshot-schedule' },
    ];
    for (const triggers of untouched) {
      const [key, resource] = stepResource(before, triggers);
      expect(after[key]?.triggers).toEqual(resource.triggers);
    }
  });

  test('the volume whose path changed keeps its replication-pair triggers (the pair does not depend on the path)', () => {
    const before = nullResources(design().stack);
    const after = nullResources(design({ tranlogs: { mountPath: '/srv/tranlogs' } }).stack);
    const [key, pair] = stepResource(before, { action: 'establish-replication-pair', volume: 'Tranlogs' });
    expect(after[key].triggers).toEqual(pair.triggers);
  });
});

describe('the null provider', () => {
  test('is added once for two plans in one stack', () => {
    const stack = newStack();
    const first = buildDesign(stack);
    buildDesign(stack, { planId: 'Second', useLink: first.link });
    const tf = synthJson(stack);
    expect(tf.provider!.null).toHaveLength(1);
    expect(Object.keys(tf.resource!.null_resource!)).toHaveLength(48);
  });

  test('is not added when the stack already declares one', () => {
    const stack = newStack();
    new NullProvider(stack, 'my-null');
    buildDesign(stack);
    expect(synthJson(stack).provider!.null).toHaveLength(1);
    expect(stack.node.findAll().filter((c) => c instanceof NullProvider).map((c) => c.node.id)).toEqual(['my-null']);
  });

  test('is not added to a stack without a plan', () => {
    const stack = newStack();
    new ReplicationLink(stack, 'Wan', linkProps());
    expect(synthJson(stack).provider).toBeUndefined();
    expect(stack.node.findAll().some((c) => c instanceof NullProvider)).toBe(false);
  });
});

function count(items: readonly string[], wanted: string): number {
  return items.filter((item) => item === wanted).length;
}

function canonical(record: Record<string, string>): string {
  return JSON.stringify(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
