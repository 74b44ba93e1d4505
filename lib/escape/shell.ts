/**
 * POSIX shell quoting for the commands users bind to steps. Every argument that is not made
 * only of characters the shell never interprets is wrapped in single quotes, inside which the
 * shell interprets nothing at all; a single quote itself is closed, escaped and reopened.
 */
const SAFE = /^[A-Za-z0-9_\/.,:=@%+-]+$/;

export function shellQuote(argument: string): string {
  if (SAFE.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
