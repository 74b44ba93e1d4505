/**
 * Earliest start and finish of steps that run as soon as everything they depend on is done,
 * and the chain of steps that decides the finish (the critical path). Pure.
 */
export interface Schedulable {
  readonly id: string;
  readonly durationSeconds: number;
  readonly dependsOn: readonly string[];
}

export interface Scheduled {
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly critical: boolean;
}

export interface CriticalPath {
  /** Per step id, in the steps' order. */
  readonly times: ReadonlyMap<string, Scheduled>;
  /** End of the last step: the whole procedure's duration (Infinity if a step never ends). */
  readonly totalSeconds: number;
  /** Ids from the first step to the last, each the dependency that ended last. */
  readonly path: readonly string[];
}

/** Steps must come after every step they depend on; anything else is an internal error. */
export function criticalPath(steps: readonly Schedulable[]): CriticalPath {
  const ends = new Map<string, number>();
  const starts = new Map<string, number>();
  for (const step of steps) {
    let start = 0;
    for (const dep of step.dependsOn) {
      const end = ends.get(dep);
      if (end === undefined) throw new Error(`internal: recovery step ${step.id} depends on ${dep}, which does not come before it`);
      start = Math.max(start, end);
    }
    starts.set(step.id, start);
    ends.set(step.id, start + step.durationSeconds);
  }
  const byId = new Map(steps.map((step) => [step.id, step]));
  const path: string[] = [];
  let last: Schedulable | undefined;
  // The last step to end; on a tie the later one, which may depend on the other.
  for (const step of steps) if (!last || ends.get(step.id)! >= ends.get(last.id)!) last = step;
  // Walk back through the dependency that ended last (the first in declaration order on a tie).
  for (let current = last; current; ) {
    path.unshift(current.id);
    let next: Schedulable | undefined;
    for (const dep of current.dependsOn) {
      if (!next || ends.get(dep)! > ends.get(next.id)!) next = byId.get(dep);
    }
    current = next;
  }
  const onPath = new Set(path);
  const times = new Map<string, Scheduled>();
  for (const step of steps) {
    times.set(step.id, { startSeconds: starts.get(step.id)!, endSeconds: ends.get(step.id)!, critical: onPath.has(step.id) });
  }
  return { times, totalSeconds: last ? ends.get(last.id)! : 0, path };
}
