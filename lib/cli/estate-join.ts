import * as path from 'path';
import type { EstateDecl, LinkDecl, PlanDecl, SuppressionDecl } from '../model/design';
import { DataRate } from '../units/data-rate';
import { coarsenedProfiles, estateOfDeclaration, type PlanDeclaration } from '../plan/declaration';
import { PLAN_SCHEMA_VERSION, type PlanDocument } from '../plan/document';
import { CliError } from './load';

/**
 * Joins the plans of several synthesis outputs (repositories) into one estate for the pure
 * analysis: the `estate` command's input side, without files or printing.
 *
 * - Plans come from each document's `declaration` (schema version 4), with their stack. A stack
 *   with plans may be given once: two files that claim one are refused (stack names prefix every
 *   construct path the findings name).
 * - Links are one link within one App (documents whose declarations list the same App stacks): the
 *   same link id read from two of its stacks must be the same declaration. Across Apps the same id
 *   is two links (each repository has its own `network/Wan`): such ids are namespaced by the
 *   output they come from. Links of different outputs are one circuit only through `circuitId`,
 *   and then must agree on line rate and efficiency.
 * - An App whose link is used by a plan that was not given would be judged without that load: a
 *   false PASS, so it is refused.
 */

export interface EstateInput {
  /** The dr-plan.json the document was read from. */
  readonly file: string;
  readonly document: PlanDocument;
}

export interface Origin {
  readonly stack: string | null;
  readonly file: string;
}

export interface CoarsenedProfile {
  readonly file: string;
  readonly volume: string;
  readonly from: { readonly stepSeconds: number; readonly steps: number };
  readonly stepSeconds: number;
  readonly steps: number;
}

export interface JoinedEstate {
  readonly estate: Required<EstateDecl>;
  /** Plan id to where it came from. */
  readonly plans: ReadonlyMap<string, Origin>;
  /** Link id (namespaced where it had to be) to where it is declared and its id there. */
  readonly links: ReadonlyMap<string, Origin & { readonly declaredId: string }>;
  /** Profiles the plans stored coarser than declared: the estate uses the pessimistic coarse one. */
  readonly coarsened: readonly CoarsenedProfile[];
}

interface AppGroup {
  readonly key: string;
  /** Label for namespaced link ids: the first file read of this App. */
  readonly label: string;
  readonly inputs: EstateInput[];
}

export function joinEstate(inputs: readonly EstateInput[]): JoinedEstate {
  const declared = inputs.map((input) => ({ ...input, declaration: declarationOf(input) }));

  const claims = new Map<string, string>();
  for (const { file, document, declaration } of declared) {
    if (declaration.plans.length === 0) continue;
    const other = claims.get(document.stack);
    if (other !== undefined) {
      throw new CliError(
        path.resolve(other) === path.resolve(file)
          ? `${file}: given twice; give each plan, stack directory or cdktf.out once`
          : `${file}: stack ${document.stack} is also claimed by ${other}; each stack may be given once ` +
              '(stacks of different repositories need different names: construct paths, and so findings, start with the stack name)',
      );
    }
    claims.set(document.stack, file);
  }

  const apps = new Map<string, AppGroup>();
  for (const input of declared) {
    const key = JSON.stringify(input.declaration.appStacks);
    const group = apps.get(key) ?? { key, label: outputOf(input.file), inputs: [] };
    group.inputs.push(input);
    apps.set(key, group);
  }

  // Per App: its links by declared id, each declared once (or identically).
  const appLinks = new Map<AppGroup, Map<string, { link: LinkDecl; file: string }>>();
  const appsOfLinkId = new Map<string, number>();
  for (const group of apps.values()) {
    const links = new Map<string, { link: LinkDecl; file: string }>();
    for (const input of group.inputs as (EstateInput & { declaration: PlanDeclaration })[]) {
      const { file, declaration } = input;
      for (const link of declaration.links) {
        const seen = links.get(link.id);
        // The link's origin is the plan of the stack that declares it, where there is one.
        const declaredHere = link.stack === undefined || link.stack === input.document.stack;
        if (!seen) {
          links.set(link.id, { link, file });
          continue;
        }
        if (declaredHere) links.set(link.id, { link: seen.link, file });
        if (JSON.stringify(seen.link) !== JSON.stringify(link)) {
          throw new CliError(
            `${file}: link ${link.id} differs from the one in ${seen.file}, a plan of the same App: one of them is stale; synthesize the App again`,
          );
        }
      }
    }
    appLinks.set(group, links);
    for (const id of links.keys()) appsOfLinkId.set(id, (appsOfLinkId.get(id) ?? 0) + 1);
  }

  const plans: PlanDecl[] = [];
  const links: LinkDecl[] = [];
  const suppressions: SuppressionDecl[] = [];
  const planOrigins = new Map<string, Origin>();
  const linkOrigins = new Map<string, Origin & { declaredId: string }>();
  const coarsened: CoarsenedProfile[] = [];
  const circuits = new Map<string, { link: LinkDecl; file: string }>();

  for (const group of apps.values()) {
    const rename = (id: string) => ((appsOfLinkId.get(id) ?? 0) > 1 ? `${group.label}#${id}` : id);
    for (const [id, { link, file }] of appLinks.get(group)!) {
      const joined = { ...link, id: rename(id) };
      if (link.circuitId !== undefined) assertSameLine(circuits, link, file);
      links.push(joined);
      linkOrigins.set(joined.id, { stack: link.stack ?? null, file, declaredId: id });
    }
    const planIds = new Set<string>();
    const seenSuppressions = new Set<string>();
    for (const input of group.inputs as (EstateInput & { declaration: PlanDeclaration })[]) {
      const { plans: declaredPlans, suppressions: declaredSuppressions } = estateOfDeclaration(input.declaration);
      for (const plan of declaredPlans) {
        plans.push({
          ...plan,
          schedules: plan.schedules.map((s) => ({ ...s, linkId: rename(s.linkId) })),
          ...(plan.splitMirrors ? { splitMirrors: plan.splitMirrors.map((s) => ({ ...s, linkId: rename(s.linkId) })) } : {}),
        });
        planIds.add(plan.id);
        planOrigins.set(plan.id, { stack: plan.stack ?? input.document.stack, file: input.file });
        for (const user of [...plan.schedules, ...(plan.splitMirrors ?? [])]) {
          if (!appLinks.get(group)!.has(user.linkId)) {
            throw new CliError(`${input.file}: invalid plan: declaration: ${user.id} uses link ${user.linkId}, which the declaration does not list`);
          }
        }
      }
      for (const suppression of declaredSuppressions) {
        const key = JSON.stringify(suppression);
        if (seenSuppressions.has(key)) continue;
        seenSuppressions.add(key);
        // A suppression on a link whose id was namespaced follows it (findings on the link carry the new id).
        suppressions.push({ ...suppression, path: renamePath(suppression.path, rename) });
      }
      for (const found of coarsenedProfiles(input.declaration)) coarsened.push({ file: input.file, ...found });
    }
    // Every user the App's synthesis counted on these links must be in the estate too.
    for (const { file, document } of group.inputs) {
      for (const link of document.links) {
        for (const user of link.users) {
          if (planIds.has(user.plan)) continue;
          throw new CliError(
            `${file}: link ${link.id} is also used by ${user.id} (stack ${user.stack ?? '?'}), whose plan was not given: ` +
              'its load would be left out; give the whole cdktf.out of that App, or that stack\'s directory too',
          );
        }
      }
    }
  }

  return { estate: { plans, links, suppressions }, plans: planOrigins, links: linkOrigins, coarsened };
}

/** `path` with its link-id prefix renamed as `rename` renames link ids (the whole id or a parent of the path). */
function renamePath(path: string, rename: (id: string) => string): string {
  const parts = path.split('/');
  for (let n = parts.length; n > 0; n--) {
    const prefix = parts.slice(0, n).join('/');
    const renamed = rename(prefix);
    if (renamed !== prefix) return [renamed, ...parts.slice(n)].join('/');
  }
  return path;
}

/** The synthesis output a stack's plan belongs to (`<outdir>/stacks/<stack>/dr-plan.json`), or the plan's directory. */
function outputOf(file: string): string {
  const stackDir = path.dirname(file);
  return path.basename(path.dirname(stackDir)) === 'stacks' ? path.dirname(path.dirname(stackDir)) : stackDir;
}

function declarationOf({ file, document }: EstateInput): PlanDeclaration {
  if (document.declaration) return document.declaration;
  throw new CliError(
    `${file}: plan schema version ${document.schemaVersion} has no declaration, which estate needs; ` +
      `synthesize it again with this cdktf-san-dr (plan schema ${PLAN_SCHEMA_VERSION}); report, diff and check still read it`,
  );
}

/** Links that name one circuit describe one line: the same rate and efficiency, across repositories too. */
function assertSameLine(circuits: Map<string, { link: LinkDecl; file: string }>, link: LinkDecl, file: string): void {
  const first = circuits.get(link.circuitId!);
  if (!first) {
    circuits.set(link.circuitId!, { link, file });
    return;
  }
  if (first.link.lineRateBitsPerSecond === link.lineRateBitsPerSecond && first.link.efficiency === link.efficiency) return;
  const line = (l: LinkDecl) => `${DataRate.formatBitsPerSecond(l.lineRateBitsPerSecond)} x ${l.efficiency}`;
  throw new CliError(
    `${file}: link ${link.id} declares circuitId "${link.circuitId}" with ${line(link)}, but link ${first.link.id} in ${first.file} ` +
      `declares it with ${line(first.link)}; links with one circuitId must declare the same bandwidth and efficiency (one circuit has one line rate)`,
  );
}
