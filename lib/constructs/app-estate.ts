import type { IConstruct } from 'constructs';
import { SanDrError } from '../errors';
import { analyzeEstate, type PlanAnalysis } from '../estate';
import type { LinkDecl, PlanDecl, SuppressionDecl } from '../model/design';
import { DataRate } from '../units/data-rate';

/** What one stack's estate hands the App-wide analysis. */
export interface StackDeclarations {
  readonly stack: string;
  readonly plans: readonly PlanDecl[];
  readonly links: readonly LinkDecl[];
  readonly suppressions: readonly SuppressionDecl[];
}

export interface StackMember {
  _declarations(): StackDeclarations;
}

const APP_ESTATES = new WeakMap<IConstruct, AppEstate>();

/**
 * Everything the library declared in all stacks of one App, analysed once. A link belongs to
 * one stack but its bandwidth to every stack whose schedules use it, so no stack can be judged
 * on its own: the first stack to be synthesized (App.synth() prepares every stack before it
 * synthesizes any, and the user's program has declared everything by then) analyses them all.
 */
export class AppEstate {
  public static of(scope: IConstruct): AppEstate {
    const root = scope.node.root;
    let estate = APP_ESTATES.get(root);
    if (!estate) {
      estate = new AppEstate();
      APP_ESTATES.set(root, estate);
    }
    return estate;
  }

  private readonly members: StackMember[] = [];
  private result:
    | { readonly analyses: readonly PlanAnalysis[]; readonly links: readonly LinkDecl[]; readonly declared: readonly StackDeclarations[] }
    | undefined;

  public register(member: StackMember): void {
    this.members.push(member);
  }

  public get analysed(): boolean {
    return this.result !== undefined;
  }

  /** Every plan of the App, analysed together; each carries the name of its stack. */
  public analyses(): readonly PlanAnalysis[] {
    return this.analyse().analyses;
  }

  /** Every link of the App. */
  public links(): readonly LinkDecl[] {
    return this.analyse().links;
  }

  /** The stacks of the App that declare DR constructs, in declaration order. */
  public stacks(): readonly string[] {
    return this.analyse().declared.map((d) => d.stack);
  }

  /** What `stack` declared (its suppressions, for its plan's declaration section). */
  public declarationsOf(stack: string): StackDeclarations | undefined {
    return this.analyse().declared.find((d) => d.stack === stack);
  }

  /** A declaration error is not remembered: it created nothing, and a fixed design is analysed afresh. */
  private analyse() {
    if (this.result) return this.result;
    const declared = this.members.map((member) => member._declarations());
    const plans = declared.flatMap(({ stack, plans: p }) => p.map((plan) => ({ ...plan, stack })));
    const links = declared.flatMap((d) => d.links);
    assertCircuitsAgree(links);
    const analyses = analyzeEstate({ plans, links, suppressions: declared.flatMap((d) => d.suppressions) });
    this.result = { analyses, links, declared };
    return this.result;
  }
}

/** Links that name one circuit describe one line: the same rate and efficiency. */
export function assertCircuitsAgree(links: readonly LinkDecl[]): void {
  const first = new Map<string, LinkDecl>();
  for (const link of links) {
    if (link.circuitId === undefined) continue;
    const other = first.get(link.circuitId);
    if (!other) {
      first.set(link.circuitId, link);
      continue;
    }
    if (other.lineRateBitsPerSecond === link.lineRateBitsPerSecond && other.efficiency === link.efficiency) continue;
    throw new SanDrError({
      propPath: 'bandwidth',
      value: `${DataRate.formatBitsPerSecond(link.lineRateBitsPerSecond)} x ${link.efficiency}`,
      allowed:
        `the bandwidth and efficiency of ${other.id}, which declares the same circuitId "${link.circuitId}" with ` +
        `${DataRate.formatBitsPerSecond(other.lineRateBitsPerSecond)} x ${other.efficiency} (one circuit has one line rate)`,
      scope: link.id,
    });
  }
}
