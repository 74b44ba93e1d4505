import { bitRate, bytes, byteRate, seconds } from '../rules/explain';
import type { PlanDocumentSplitMirror } from './split-mirror-document';
import { markdownCode as code, markdownText as text, mermaidText, shellCommand } from '../escape';
import { table } from './markdown-parts';

const WRITE_SUSPEND_STEPS = new Set(['suspend-writes', 'wait-pairs-synchronized', 'split-pairs', 'resume-writes']);

const SECTIONS: readonly { readonly title: string; readonly numbers: readonly number[] }[] = [
  { title: 'Safety copy and resync', numbers: [1, 2, 3] },
  { title: 'Write suspend and split', numbers: [4, 5, 6] },
  { title: 'Standby copy and log mirror', numbers: [7, 8, 9] },
  { title: 'Standby and tape', numbers: [10, 11] },
];

const SCENARIO_TITLES: Record<string, string> = {
  'read-only-standby': 'Read-only standby',
  'last-backup': 'Back to the last backup',
  'point-in-time': 'Point in time close to the disaster',
};

/** Seed 003's backup: the cycle at a glance, the write-suspend window and the recovery scenarios. */
export function renderSplitMirror(sm: PlanDocumentSplitMirror): string[] {
  const sets = new Map(sm.volumeSets.map((set) => [set.role, text(set.name)]));
  const cycle = sm.cycleSeconds === null ? 'never completes' : `takes ${seconds(sm.cycleSeconds)}`;
  const logVolumes = sm.volumes.filter((v) => v.mirroring === 'constant').length;
  return [
    `### Split-mirror backup ${text(sm.name)}`,
    '',
    `${sm.volumes.length} volumes (${logVolumes} mirrored all the time, ${sm.volumes.length - logVolumes} resynchronised for each backup). ` +
      `Sets: ${sm.volumeSets.map((s) => `${s.role} ${text(s.name)}`).join(', ')}. ` +
      `A cycle starts every ${seconds(sm.intervalSeconds)} and ${cycle}: ${sm.fitsInterval ? 'fits' : '**does not fit**'}.`,
    '',
    '#### Backup cycle',
    '',
    ...renderGantt(sm),
    '',
    table(
      ['Step', 'Kind', 'What', 'Start', 'Duration', 'End'],
      sm.cycle.map((step) => [
        String(step.number),
        step.kind === 'verify' ? 'wait and verify (query)' : 'command',
        step.command ? `${text(step.title)}: ${code(shellCommand(step.command))}` : text(step.title),
        at(step.startSeconds),
        at(step.durationSeconds),
        at(step.endSeconds),
      ]),
    ),
    '',
    '#### Point-in-time copies',
    '',
    'A volume takes part in one copy relationship at a time, from its start until it has physically completed.',
    '',
    table(
      ['Step', 'Copy', 'Starts', 'Logically complete', 'Physically complete'],
      sm.copies.map((c) => [
        String(c.number),
        `${sets.get(c.source)} -> ${sets.get(c.target)}`,
        at(c.startSeconds),
        at(c.logicalCompleteSeconds),
        at(c.physicalCompleteSeconds),
      ]),
    ),
    '',
    '#### Write-suspend window',
    '',
    table(
      ['Still to copy at the switch point', 'Link', 'Drain', 'Split', 'Window (with commands and queries)', 'Tolerated', 'Verdict'],
      [
        [
          `${bytes(sm.writeSuspend.remainingBytes)} (${Math.round((1 - sm.writeSuspend.switchPoint) * 10_000) / 100}% of ${bytes(sm.resync.backlogBytes)})`,
          byteRate(sm.resync.linkBytesPerSecond),
          at(sm.writeSuspend.drainSeconds),
          seconds(sm.writeSuspend.splitSeconds),
          at(sm.writeSuspend.windowSeconds),
          seconds(sm.writeSuspend.maxSeconds),
          sm.writeSuspend.withinLimit ? 'within' : '**TOO LONG**',
        ],
      ],
    ),
    '',
    sm.writeSuspend.parts
      ? `While writes are suspended: ${sm.writeSuspend.parts.map((p) => `step ${p.number} ${text(p.what.charAt(0).toLowerCase() + p.what.slice(1))} ${at(p.seconds)}`).join(' + ')}.`
      : '',
    '',
    sm.writeSuspend.requiredLineRateBitsPerSecond === null
      ? ''
      : `At this switch point the window stays within ${seconds(sm.writeSuspend.maxSeconds)} down to a line rate of ${bitRate(sm.writeSuspend.requiredLineRateBitsPerSecond)}.`,
    '',
    '#### Recovery scenarios',
    '',
    table(
      ['Scenario', 'RPO (worst case)', 'Target', 'RTO (estimate)', 'Target', 'Verdict'],
      sm.scenarios.map((s) => [
        `${SCENARIO_TITLES[s.kind] ?? s.kind}${s.chosen ? ' (**recovery path**)' : ''}`,
        at(s.rpoSeconds),
        seconds(s.rpoTargetSeconds),
        at(s.rtoSeconds),
        s.rtoTargetSeconds === null ? 'none declared' : seconds(s.rtoTargetSeconds),
        scenarioVerdict(s),
      ]),
    ),
    '',
    ...sm.scenarios.map(
      (s) => `- ${SCENARIO_TITLES[s.kind] ?? s.kind}: loses ${text(s.rpoBasis)}; RTO = ${s.rtoParts.map((p) => `${text(p.what)} ${at(p.seconds)}`).join(' + ')}.`,
    ),
    ...(sm.logsToApply?.needsArchiveLogs
      ? [
          `- Point in time needs archive logs at the recovery site: ${sm.logsToApply.databaseLogBytes === null ? 'an unbounded amount' : bytes(sm.logsToApply.databaseLogBytes)} of ` +
            `database logs to apply, ${bytes(sm.logsToApply.activeLogCapacityBytes)} on the log volumes.`,
        ]
      : []),
    '',
    `Mirror paths: ${sm.ports.lssPairs.length} LSS pair(s) need ${sm.ports.logicalPathsPerPort} logical path(s) on each of ${sm.ports.count} port(s) (at most ${sm.ports.maxLogicalPathsPerPort}). ` +
      `Volumes per LSS: ${sm.lssBalance.map((b) => `${text(b.set)} ${b.volumesPerLss.map((c) => c.volumes).join('/')}${b.even ? '' : ' (**uneven**)'}`).join('; ')}.`,
    '',
  ];
}

/**
 * Bold is for what decides the verdict: the recovery path. A scenario the plan does not rely on
 * that misses a target is shown plainly as "not relied on", never as a bold miss under a PASS.
 */
function scenarioVerdict(s: PlanDocumentSplitMirror['scenarios'][number]): string {
  const rpo = s.meetsRpo ? 'RPO met' : s.chosen ? 'RPO **missed**' : 'RPO missed';
  const rto = s.meetsRto === null ? '' : s.meetsRto ? 'RTO met' : s.chosen ? 'RTO **missed**' : 'RTO missed';
  const verdict = [rpo, rto].filter(Boolean).join(', ');
  return s.chosen || (s.meetsRpo && s.meetsRto !== false) ? verdict : `not relied on (${verdict})`;
}

/**
 * Mermaid parses a `dateFormat X` time as an instant and formats the axis in the viewer's local
 * time, so epoch seconds read 01:00 in Paris and 19:00 in New York. A wall-clock time is parsed as
 * local time and formatted back as local time: it reads the same in every time zone. The day is a
 * mid-January Monday, far from any daylight-saving change, so no hour is skipped or repeated.
 */
const GANTT_DAY_MS = Date.UTC(2001, 0, 15);

/** `2001-01-15 00:09:44`, `seconds` into the cycle, as the wall-clock text Mermaid parses. */
export function ganttWallClock(seconds: number): string {
  return new Date(GANTT_DAY_MS + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A Mermaid Gantt chart: time into the cycle on a clock that starts at 00:00 in every time zone. */
function renderGantt(sm: PlanDocumentSplitMirror): string[] {
  const lines = [
    '```mermaid',
    'gantt',
    `  title Backup cycle ${mermaidText(sm.name)}: one every ${seconds(sm.intervalSeconds)} (time into the cycle)`,
    '  dateFormat YYYY-MM-DD HH:mm:ss',
    '  axisFormat %H:%M',
  ];
  for (const section of SECTIONS) {
    const steps = sm.cycle.filter((step) => section.numbers.includes(step.number));
    if (steps.length === 0) continue;
    lines.push(`  section ${section.title}`);
    for (const step of steps) {
      if (step.startSeconds === null || step.endSeconds === null) {
        lines.push(`  %% ${step.number} ${mermaidText(step.id)} never starts: the resynchronisation does not converge`);
        continue;
      }
      const tags = [
        ...(WRITE_SUSPEND_STEPS.has(step.id) ? ['crit'] : []),
        ...(step.durationSeconds === 0 ? ['milestone'] : step.kind === 'verify' ? ['active'] : []),
      ];
      const start = Math.round(step.startSeconds);
      const end = Math.max(start, Math.round(step.endSeconds));
      lines.push(`  ${step.number} ${mermaidText(step.id)} :${[...tags, `c${step.order}`, ganttWallClock(start), ganttWallClock(end)].join(', ')}`);
    }
  }
  lines.push('```');
  return lines;
}

function at(value: number | null): string {
  return value === null ? 'never' : seconds(value);
}
