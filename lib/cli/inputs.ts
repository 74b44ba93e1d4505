import type { PlanDocument, PlanDocumentLink, PlanDocumentPlan } from '../plan/document';
import { bitRate, byteRate, bytes, milliseconds, seconds } from '../rules/explain';

/**
 * The declared inputs a verdict is computed from, compared between base and head: the causes a
 * reviewer looks for next to a changed verdict. Each kind lists its inputs in one table, so a new
 * input (a link's other traffic, say) is one line here. Values are shown in human units.
 */
export interface InputChange {
  readonly kind: InputKind;
  /** Construct path of what changed. */
  readonly id: string;
  readonly name: string;
  /** The input, as a reviewer calls it: `interval`, `line rate`. */
  readonly input: string;
  readonly before: string;
  readonly after: string;
  /** Construct paths of the schedules and split-mirror backups whose verdicts this input feeds. */
  readonly feeds: readonly string[];
}

export type InputKind = 'plan' | 'schedule' | 'link' | 'volume' | 'split-mirror';

interface InputSpec<T> {
  readonly input: string;
  readonly show: (item: T, context: Context) => string;
}

interface Context {
  readonly names: ReadonlyMap<string, string>;
}

const optional = <T>(value: T | null | undefined, show: (value: T) => string) => (value === null || value === undefined ? 'none' : show(value));

const PLAN_INPUTS: readonly InputSpec<PlanDocumentPlan>[] = [
  { input: 'RPO target', show: (p) => seconds(p.rpoSeconds) },
  { input: 'RTO target', show: (p) => optional(p.rtoSeconds, seconds) },
  // The recovery times and the failback (schema version 3): what the failover's critical path and the resync come from.
  { input: 'time to declare and fence', show: (p) => optional(p.recovery?.times.declareAndFenceSeconds, seconds) },
  { input: 'time to mount the volumes', show: (p) => optional(p.recovery?.times.mountVolumesSeconds, seconds) },
  { input: 'database restart time', show: (p) => optional(p.recovery?.times.databaseRestartSeconds, seconds) },
  { input: 'application server start time', show: (p) => optional(p.recovery?.times.applicationServerStartSeconds, seconds) },
  { input: 'application stop time', show: (p) => optional(p.recovery?.times.applicationStopSeconds, seconds) },
  { input: 'verification time', show: (p) => optional(p.recovery?.times.verificationSeconds, seconds) },
  { input: 'failback window', show: (p) => optional(p.recovery?.failback?.windowSeconds, seconds) },
  { input: 'failback after', show: (p) => optional(p.recovery?.failback?.afterSeconds, seconds) },
  { input: 'transaction-log store', show: (p) => p.recovery?.tranlogStore ?? 'none' },
];

type Schedule = PlanDocumentPlan['schedules'][number];
const SCHEDULE_INPUTS: readonly InputSpec<Schedule>[] = [
  { input: 'interval', show: (s) => seconds(s.intervalSeconds) },
  { input: 'snapshot time', show: (s) => seconds(s.snapshotSeconds) },
  { input: 'cycle mode', show: (s) => s.cycle },
  { input: 'consistency group', show: (s, c) => s.volumes.map((id) => c.names.get(id) ?? id).join(', ') || 'none' },
  { input: 'link', show: (s, c) => c.names.get(s.link) ?? s.link },
];

const LINK_INPUTS: readonly InputSpec<PlanDocumentLink>[] = [
  { input: 'mode', show: (l) => l.mode },
  { input: 'line rate', show: (l) => bitRate(l.lineRateBitsPerSecond) },
  { input: 'efficiency', show: (l) => String(l.efficiency) },
  { input: 'compression', show: (l) => `${l.compressionRatio}:1` },
  { input: 'round trip', show: (l) => optional(l.roundTripSeconds, milliseconds) },
  { input: 'distance', show: (l) => optional(l.distanceKm, (km) => `${km} km`) },
  { input: 'write order', show: (l) => (l.preservesWriteOrder ? 'preserved' : 'not preserved') },
  // Schema version 3: what the link shares with, and the unit it ships.
  { input: 'other traffic', show: (l) => optional(l.otherTrafficBytesPerSecond, byteRate) },
  { input: 'sharing', show: (l) => (l.sharing === 'per-schedule' ? 'per schedule' : 'any discipline') },
  { input: 'circuit', show: (l) => l.circuitId ?? 'none' },
  { input: 'synchronous priority', show: (l) => (l.syncPriority ? 'declared' : 'not declared') },
  { input: 'replication grain', show: (l) => optional(l.grainBytes, (grain) => bytes(grain)) },
];

type Volume = PlanDocumentPlan['volumes'][number];
const VOLUME_INPUTS: readonly InputSpec<Volume>[] = [
  { input: 'capacity', show: (v) => bytes(v.capacityBytes, v.units?.capacity) },
  { input: 'average change rate', show: (v) => byteRate(v.averageChangeBytesPerSecond, v.units?.changeRate) },
  { input: 'peak change rate', show: (v) => optional(v.peakChangeBytesPerSecond, (rate) => byteRate(rate, v.units?.changeRate)) },
  { input: 'write size', show: (v) => optional(v.writeSizeBytes, (size) => bytes(size, v.units?.capacity)) },
];

type SplitMirror = PlanDocumentPlan['splitMirrors'][number];
const SPLIT_MIRROR_INPUTS: readonly InputSpec<SplitMirror>[] = [
  { input: 'interval', show: (s) => seconds(s.intervalSeconds) },
  { input: 'maximum write suspend', show: (s) => seconds(s.writeSuspend.maxSeconds) },
  { input: 'link', show: (s, c) => c.names.get(s.link) ?? s.link },
];

interface Item<T> {
  readonly id: string;
  readonly name: string;
  readonly value: T;
  readonly feeds: readonly string[];
}

interface SideItems {
  readonly context: Context;
  readonly plans: Map<string, Item<PlanDocumentPlan>>;
  readonly schedules: Map<string, Item<Schedule>>;
  readonly links: Map<string, Item<PlanDocumentLink>>;
  readonly volumes: Map<string, Item<Volume>>;
  readonly splitMirrors: Map<string, Item<SplitMirror>>;
}

function itemsOf(documents: readonly PlanDocument[]): SideItems {
  const names = new Map<string, string>();
  const side: SideItems = { context: { names }, plans: new Map(), schedules: new Map(), links: new Map(), volumes: new Map(), splitMirrors: new Map() };
  for (const doc of documents) {
    for (const link of doc.links) {
      names.set(link.id, link.name);
      side.links.set(link.id, { id: link.id, name: link.name, value: link, feeds: link.usedBy });
    }
    for (const plan of doc.plans) {
      const verdicts = [...plan.schedules.map((s) => s.id), ...plan.splitMirrors.map((s) => s.id)];
      side.plans.set(plan.id, { id: plan.id, name: plan.name, value: plan, feeds: verdicts });
      for (const volume of plan.volumes) {
        names.set(volume.id, volume.name);
        const feeds = plan.schedules.filter((s) => s.volumes.includes(volume.id)).map((s) => s.id);
        side.volumes.set(volume.id, { id: volume.id, name: volume.name, value: volume, feeds });
      }
      for (const schedule of plan.schedules) side.schedules.set(schedule.id, { id: schedule.id, name: schedule.name, value: schedule, feeds: [schedule.id] });
      for (const sm of plan.splitMirrors) side.splitMirrors.set(sm.id, { id: sm.id, name: sm.name, value: sm, feeds: [sm.id] });
    }
  }
  return side;
}

/** Every declared input that differs between base and head, for items on both sides, in a stable order. */
export function declaredInputChanges(base: readonly PlanDocument[], head: readonly PlanDocument[]): InputChange[] {
  const [b, h] = [itemsOf(base), itemsOf(head)];
  const changes: InputChange[] = [];
  const compare = <T>(kind: InputKind, specs: readonly InputSpec<T>[], before: Map<string, Item<T>>, after: Map<string, Item<T>>) => {
    for (const id of [...after.keys()].filter((key) => before.has(key)).sort(compareText)) {
      const [was, now] = [before.get(id)!, after.get(id)!];
      for (const spec of specs) {
        const [from, to] = [spec.show(was.value, b.context), spec.show(now.value, h.context)];
        if (from === to) continue;
        const feeds = [...new Set([...was.feeds, ...now.feeds])].sort(compareText);
        changes.push({ kind, id, name: now.name, input: spec.input, before: from, after: to, feeds });
      }
    }
  };
  compare('plan', PLAN_INPUTS, b.plans, h.plans);
  compare('schedule', SCHEDULE_INPUTS, b.schedules, h.schedules);
  compare('split-mirror', SPLIT_MIRROR_INPUTS, b.splitMirrors, h.splitMirrors);
  compare('link', LINK_INPUTS, b.links, h.links);
  compare('volume', VOLUME_INPUTS, b.volumes, h.volumes);
  return changes;
}

/** `interval of schedule RuntimeData: 15m → 27m`. */
export function describeInputChange(change: InputChange): string {
  return `${change.input} of ${KIND_NAMES[change.kind]} ${change.name}: ${change.before} → ${change.after}`;
}

const KIND_NAMES: Record<InputKind, string> = {
  plan: 'plan',
  schedule: 'schedule',
  link: 'link',
  volume: 'volume',
  'split-mirror': 'split-mirror backup',
};

/**
 * A step parameter in human units: the plan keeps `intervalSeconds: "900"` for tools, a
 * reviewer reads `interval: 15m`. Keys say their unit by suffix.
 */
export function humanParam(key: string, value: string | null): { key: string; value: string } {
  const units: readonly [RegExp, (n: number) => string][] = [
    [/BitsPerSecond$/, bitRate],
    [/BytesPerSecond$/, byteRate],
    [/Bytes$/, bytes],
    [/Seconds$/, seconds],
  ];
  for (const [suffix, show] of units) {
    if (!suffix.test(key)) continue;
    const number = value === null || value.trim() === '' ? NaN : Number(value);
    if (Number.isFinite(number) && number >= 0) return { key: key.replace(suffix, ''), value: show(number) };
  }
  return { key, value: value === null ? 'none' : JSON.stringify(value) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
