/**
 * The odoo-capacity command line: every command registered on one strict yargs parser. A usage
 * error (unknown flag, missing argument, conflicting flags, bad choice) stops the parse before any
 * command runs: one line, exit 2, nothing sent. main.ts and the in-process tests share this
 * function so the tests exercise the parser users get.
 */
import yargs, { type Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { stripControl } from './terminal-text.js';
import { ExitCode } from './exit-codes.js';
import { pendingExitCode, setExitCode } from './exit.js';
import { toolVersion } from '../version.js';
import { checkCommand } from './commands/check.js';
import { cleanupCommand } from './commands/cleanup.js';
import { collectCommand } from './commands/collect.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { ingestCommand } from './commands/ingest.js';
import { importCommand } from './commands/import.js';
import { labCommand } from './commands/lab.js';
import { mergeCommand } from './commands/merge.js';
import { modelCommand } from './commands/model.js';
import { planCommand } from './commands/plan.js';
import { prepareCommand } from './commands/prepare.js';
import { profilesCommand } from './commands/profiles.js';
import { recordCommand } from './commands/record.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { runsCommand } from './commands/runs.js';
import { simulateCommand } from './commands/simulate.js';

/** The parser for `argv` (without node and the script), every command registered. */
export function buildParser(argv: string[]): Argv {
  return yargs(argv)
    .scriptName('odoo-capacity')
    .usage('$0 <command> [options]\n\nWill your Odoo survive the next peak? Load profiles, PostgreSQL evidence and a sizing model.')
    .command(demoCommand)
    .command(checkCommand)
    .command(prepareCommand)
    .command(runCommand)
    .command(cleanupCommand)
    .command(runsCommand)
    .command(reportCommand)
    .command(profilesCommand)
    .command(exportCommand)
    .command(importCommand)
    .command(recordCommand)
    .command(mergeCommand)
    .command(ingestCommand)
    .command(collectCommand)
    .command(labCommand)
    .command(planCommand)
    .command(modelCommand)
    .command(simulateCommand)
    .demandCommand(1, 'Name a command (see --help).')
    .strict()
    .version(toolVersion())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      // Throwing (not printing) is what stops yargs: a fail handler that returns lets the command run.
      if (error) throw error;
      throw new UsageError(message);
    });
}

/**
 * Parses `argv` and runs the command it names; resolves to the exit code. A usage error prints
 * one line (`odoo-capacity: <message>`) and resolves to 2 before any command work starts.
 */
export async function runCli(argv: string[]): Promise<number> {
  setExitCode(ExitCode.ok);
  try {
    await buildParser(argv).parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`odoo-capacity: ${stripControl(error.message.replace(/\s*\n\s*/g, ' ').trim(), true)}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
  return pendingExitCode();
}
