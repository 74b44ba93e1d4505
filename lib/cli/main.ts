import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { PlanDocument } from '../plan/document';
import { jsonText, terminalText } from '../escape';
import { renderPlanMarkdown } from '../plan/markdown';
import { readCheckedStacks, gatingFindings, renderCheckGithub, renderCheckText } from './check';
import { diffPlans, gateFailures, renderDiffMarkdown } from './diff';
import { renderSarif } from './sarif';
import { estateOfInputs, renderEstateText } from './estate';
import { CliError, loadPlans } from './load';
import { renderPlanText } from './text';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Set CDKTF_SAN_DR_DEBUG to print the stack trace of an internal error. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const EXIT_OK = 0;
/**
 * `check`: a plan has an unsuppressed finding at the `--fail-on` level or above.
 * `diff --fail-on`: the head has findings at or above the level that the base did not have.
 */
export const EXIT_GATE_FAILED = 1;
/** Bad command line, or an input that is missing, stale, malformed or of an unknown schema version. */
export const EXIT_USAGE = 2;

const NAME = 'cdktf-san-dr';
const FORMATS = ['markdown', 'json', 'text'] as const;
const CHECK_FORMATS = ['text', 'github', 'sarif'] as const;
const ESTATE_FORMATS = ['text', 'json'] as const;
const GATE_LEVELS = ['error', 'warning'] as const;

const INPUT_HELP =
  'A <plan> is a dr-plan.json file, a stack directory holding one, or a synth output\n' +
  'directory (cdktf.out) whose stacks/*/ hold them.';

const EXIT_HELP = 'Exit codes: 0 success; 1 the --fail-on gate failed; 2 usage or input error.';

const CHECK_EXIT_HELP =
  'Exit codes: 0 no unsuppressed finding at the --fail-on level; 1 there is one;\n' +
  '2 usage error, or a plan that is missing, stale (its dr-plan.md or the cdk.tf.json\n' +
  'it was written with is not beside it) or unreadable.';

const MAIN_HELP = `Usage: ${NAME} <command> [options]

Review the disaster-recovery plans that cdktf-san-dr writes at synthesis
(dr-plan.json beside each stack's cdk.tf.json).

Commands:
  report <plan>        Print a plan as Markdown (default), JSON or plain text
  check <plan>         The CI gate: fail on unsuppressed errors (or warnings), as
                       text, GitHub annotations or SARIF
  diff <base> <head>   Print what changed between two plans, as Markdown for a
                       pull-request comment
  estate <plan>...     Join the plans of several synthesis outputs by circuit and
                       recompute every budget with all users of each circuit
  help [command]       Show help for a command

Options:
  -h, --help           Show help
  -V, --version        Show the version

${INPUT_HELP}

${EXIT_HELP}
`;

const REPORT_HELP = `Usage: ${NAME} report [options] <plan>

Print a plan: its verdict, RPO budgets, findings (suppressed ones with their
reasons), deployment steps and design.

Options:
  -f, --format <format>  markdown (default, the same as dr-plan.md), json (the
                         validated document), or text (plain, for terminals)
  -h, --help             Show this help

${INPUT_HELP}

${EXIT_HELP.replace('1 the --fail-on gate failed; ', '')}
`;

const DIFF_HELP = `Usage: ${NAME} diff [options] <base> <head>

Print, as Markdown for a pull-request comment, what changed from <base> to
<head>: RPO verdict changes first, then the RPO budgets before and after,
findings new, fixed and suppressed, deployment steps added, removed and changed,
and plans, sites, volumes, schedules and links added or removed.

Options:
  --fail-on <level>  Exit with 1 when <head> has an unsuppressed finding at this
                     level or above (error, or warning: warnings and errors)
                     that <base> did not have
  -h, --help         Show this help

${INPUT_HELP}

${EXIT_HELP}
`;

const CHECK_HELP = `Usage: ${NAME} check [options] <plan>

The CI gate. Reads every stack's plan (a failing design's plan too: synthesis
writes it with verdict FAIL) and prints its findings; exits 1 when any plan has
an unsuppressed finding at the --fail-on level or above.

Options:
  -f, --format <format>  text (default, for logs), github (workflow commands:
                         one ::error/::warning/::notice annotation per finding),
                         or sarif (SARIF 2.1.0 for code scanning, one rule per
                         catalog entry)
  --fail-on <level>      error (default) or warning (warnings and errors)
  -h, --help             Show this help

${INPUT_HELP}

${CHECK_EXIT_HELP}
`;

const ESTATE_HELP = `Usage: ${NAME} estate [options] <plan>...

Reads the plans of several synthesis outputs (one per repository, say), joins
their links by circuitId (links of one App by id) and recomputes every RPO
budget with the same analysis synthesis runs, now with all users of each
circuit. Prints one table per circuit: its users with their stack and plan
file, each one's load at its busiest, each schedule's worst case and verdict;
then the findings that fail the estate (the same rule IDs and fixes as
synthesis) and, where moving one user's load off a circuit is cheaper than the
line-rate fix, which.

Needs plans of schema version 4 (they carry the declaration); synthesize older
ones again. A change profile longer than 1,440 steps is stored, and judged here,
max-downsampled: pessimistic, and said so in the output.

Options:
  -f, --format <format>  text (default) or json
  -h, --help             Show this help

${INPUT_HELP}

Exit codes: 0 every plan meets its rules with all users counted; 1 an
unsuppressed error (a schedule that breaches its RPO on a shared circuit, say);
2 usage or input error (a path that is no plan, an older plan, a circuitId with
two line rates, a stack given twice, a malformed plan).
`;

const HELP: Record<string, string> = { report: REPORT_HELP, check: CHECK_HELP, diff: DIFF_HELP, estate: ESTATE_HELP };

/** Runs the CLI on `argv` (without node and the script) and returns the exit code. Never throws. */
export function main(argv: readonly string[], io: CliIo): number {
  try {
    return run([...argv], io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${NAME}: ${terminalText(error.message)}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${NAME}: internal error: ${terminalText(oneLine(message))} (set CDKTF_SAN_DR_DEBUG=1 for the stack trace)\n`);
    if (io.env?.CDKTF_SAN_DR_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}

function run(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(MAIN_HELP);
    return EXIT_USAGE;
  }
  if (command === '-h' || command === '--help') return print(io, MAIN_HELP);
  if (command === '-V' || command === '--version') return print(io, `${version()}\n`);
  if (command === 'help') {
    if (rest.length === 0) return print(io, MAIN_HELP);
    const help = HELP[rest[0]];
    if (!help || rest.length > 1) throw usage(`help: unknown command "${rest.join(' ')}"`, undefined);
    return print(io, help);
  }
  if (command === 'report') return report(rest, io);
  if (command === 'check') return check(rest, io);
  if (command === 'diff') return diff(rest, io);
  if (command === 'estate') return estate(rest, io);
  throw usage(`unknown command "${command}"`, undefined);
}

function report(argv: string[], io: CliIo): number {
  const { values, positionals } = parse('report', argv, {
    format: { type: 'string', short: 'f', default: 'markdown' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return print(io, REPORT_HELP);
  const format = oneOf('report', '--format', values.format as string, FORMATS);
  if (positionals.length !== 1) throw usage(`report: expected one <plan>, got ${positionals.length}`, 'report');
  const { documents } = loadPlans(positionals[0]);
  io.stdout(renderReport(documents, format));
  return EXIT_OK;
}

export function renderReport(documents: readonly PlanDocument[], format: (typeof FORMATS)[number]): string {
  if (format === 'json') return `${jsonText(documents.length === 1 ? documents[0] : documents, 2)}\n`;
  const render = format === 'text' ? renderPlanText : renderPlanMarkdown;
  return documents.map(render).join('\n');
}

function check(argv: string[], io: CliIo): number {
  const { values, positionals } = parse('check', argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    'fail-on': { type: 'string', default: 'error' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return print(io, CHECK_HELP);
  const format = oneOf('check', '--format', values.format as string, CHECK_FORMATS);
  const level = oneOf('check', '--fail-on', values['fail-on'] as string, GATE_LEVELS);
  if (positionals.length !== 1) throw usage(`check: expected one <plan>, got ${positionals.length}`, 'check');
  const stacks = readCheckedStacks(positionals[0]);
  if (format === 'sarif') io.stdout(`${jsonText(renderSarif(stacks, version()), 2)}\n`);
  else io.stdout(format === 'github' ? renderCheckGithub(stacks, level) : renderCheckText(stacks, level));
  return gatingFindings(stacks, level).length === 0 ? EXIT_OK : EXIT_GATE_FAILED;
}

function diff(argv: string[], io: CliIo): number {
  const { values, positionals } = parse('diff', argv, {
    'fail-on': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return print(io, DIFF_HELP);
  const given = values['fail-on'] as string | undefined;
  const failOn = given === undefined ? undefined : oneOf('diff', '--fail-on', given, GATE_LEVELS);
  if (positionals.length !== 2) throw usage(`diff: expected <base> and <head>, got ${positionals.length} path(s)`, 'diff');
  const [basePath, headPath] = positionals;
  const base = loadPlans(basePath);
  const head = loadPlans(headPath);
  const result = diffPlans(base.documents, head.documents);
  io.stdout(renderDiffMarkdown(result, { base: basePath, head: headPath }));
  if (failOn === undefined) return EXIT_OK;
  const failures = gateFailures(result, failOn);
  if (failures.length === 0) return EXIT_OK;
  const first = failures.slice(0, 3).map(({ finding }) => terminalText(`${finding.ruleId} at ${finding.path}`));
  io.stderr(
    `${NAME}: --fail-on ${failOn}: ${failures.length} new finding(s) at ${failOn} level or above: ` +
      `${first.join(', ')}${failures.length > first.length ? ', ...' : ''}\n`,
  );
  return EXIT_GATE_FAILED;
}

function estate(argv: string[], io: CliIo): number {
  const { values, positionals } = parse('estate', argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return print(io, ESTATE_HELP);
  const format = oneOf('estate', '--format', values.format as string, ESTATE_FORMATS);
  if (positionals.length === 0) throw usage('estate: expected at least one <plan>', 'estate');
  // Everything is read and judged before anything is printed: a bad input prints no half table.
  const report = estateOfInputs(positionals);
  io.stdout(format === 'json' ? `${jsonText(report, 2)}\n` : renderEstateText(report));
  return report.verdict === 'pass' ? EXIT_OK : EXIT_GATE_FAILED;
}

function parse(command: string, args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages can run over several sentences; the first says what was wrong.
    const message = oneLine((error as Error).message).split(/(?<=\.) /)[0].replace(/\.$/, '');
    throw usage(`${command}: ${message}`, command);
  }
}

/** `value` if it is one of `allowed`; a usage error naming the option and the choices otherwise. */
function oneOf<T extends string>(command: string, option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usage(`${command}: ${option} must be one of ${allowed.join(', ')}; got "${value}"`, command);
}

function usage(message: string, command: string | undefined): CliError {
  return new CliError(`${message} (see '${NAME} ${command ? `${command} ` : ''}--help')`);
}

function print(io: CliIo, text: string): number {
  io.stdout(text);
  return EXIT_OK;
}

/** The package's version, read beside lib/ or dist/ (both are two levels below package.json). */
export function version(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  return String(manifest.version);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
