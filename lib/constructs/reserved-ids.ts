import type { IConstruct } from 'constructs';
import { SanDrError } from '../errors';

/**
 * Returns `id` for a child the library is about to create in `scope`, or refuses a user's
 * construct that already took it: constructs would otherwise throw a bare Error at synthesis.
 */
export function reservedChildId(scope: IConstruct, id: string, what = 'the deployment steps of the plan'): string {
  const taken = scope.node.tryFindChild(id);
  if (taken) {
    throw new SanDrError({
      propPath: 'id',
      value: id,
      allowed: `an id other than "${id}" for a child of ${scope.node.path || 'the app'}: cdktf-san-dr reserves it for ${what}`,
      scope: taken.node.path,
    });
  }
  return id;
}
