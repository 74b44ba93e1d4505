import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { Step } from '../../lib/analysis/steps';
import { terraformLiteral, terraformLiteralRecord } from '../../lib/escape';
import type { StepSelection } from '../../lib/constructs/step-resources';

/**
 * The reference for the byte-identity tests: how the library emitted the step resources until
 * issue 15, one `null_resource` construct per step, `dependsOn` by resource object (the code of
 * lib/constructs/step-resources.ts at 4441853, with the command binding taken out, since both
 * paths share it). It stands in for `StepResources` through jest.mock (see byte-identity.ts).
 */
export class ConstructPerStep extends Construct {
  private readonly resources: { step: Step; resource: NullResource }[] = [];

  public constructor(scope: Construct, id: string, steps: readonly Step[], commands: ReadonlyMap<string, string | undefined>) {
    super(scope, id);
    const byId = new Map<string, NullResource>();
    for (const step of steps) {
      const command = commands.get(step.id);
      const resource = new NullResource(this, step.id.replace(/\//g, '|'), {
        triggers: terraformLiteralRecord({ action: step.action, ...step.params }),
        dependsOn: step.dependsOn.map((dependency) => byId.get(dependency)!),
        provisioners: command ? [{ type: 'local-exec', command: terraformLiteral(command) }] : undefined,
      });
      byId.set(step.id, resource);
      this.resources.push({ step, resource });
    }
  }

  /** What a user depended on before: the resource constructs themselves. */
  public dependables(selection: StepSelection = {}): ITerraformDependable[] {
    return this.resources
      .filter(({ step }) => (selection.phase === undefined || step.phase === selection.phase) && (selection.action === undefined || step.action === selection.action))
      .map(({ resource }) => resource);
  }
}
