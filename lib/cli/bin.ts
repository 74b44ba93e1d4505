#!/usr/bin/env node
// The `cdktf-san-dr` command (package.json "bin"): report and diff dr-plan.json files.
import { main } from './main';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `cdktf-san-dr report ... | head` closes the pipe early: not an error worth a stack trace.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
