#!/usr/bin/env node
/**
 * odoo-capacity: one yargs command per file in src/cli/commands/, registered in parser.ts.
 * Handlers lazy-import their implementation (which never imports yargs) and return an exit code;
 * this file is the only place that calls process.exit.
 */
import { hideBin } from 'yargs/helpers';
import { ExitCode } from './exit-codes.js';
import { exitWith } from './exit.js';
import { runCli } from './parser.js';
import { stripControl } from './terminal-text.js';

runCli(hideBin(process.argv)).then(exitWith, (error: unknown) => {
  process.stderr.write(`odoo-capacity: unexpected error: ${stripControl(error instanceof Error ? error.message : String(error))}\n`);
  exitWith(ExitCode.error);
});
