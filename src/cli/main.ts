#!/usr/bin/env node
/**
 * odoo-capacity: one yargs command per file in src/cli/commands/. Handlers lazy-import their
 * implementation (which never imports yargs) and return an exit code; this file is the only
 * place that calls process.exit.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode } from './exit-codes.js';
import { toolVersion } from './version.js';
import { labCommand } from './commands/lab.js';
import { runCommand } from './commands/run.js';
import { reportCommand } from './commands/report.js';
import { demoCommand } from './commands/demo.js';
import { modelCommand } from './commands/model.js';
import { simulateCommand } from './commands/simulate.js';
import { planCommand } from './commands/plan.js';
import { profilesCommand } from './commands/profiles.js';
import { exportCommand } from './commands/export.js';
import { mergeCommand } from './commands/merge.js';
import { checkCommand } from './commands/check.js';
import { prepareCommand } from './commands/prepare.js';
import { cleanupCommand } from './commands/cleanup.js';
import { runsCommand } from './commands/runs.js';
import { exitWith, pendingExitCode, setExitCode } from './exit.js';

async function main(): Promise<void> {
  await yargs(hideBin(process.argv))
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
    .command(mergeCommand)
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
      if (error) throw error;
      process.stderr.write(`odoo-capacity: ${message}\n`);
      setExitCode(ExitCode.usage);
    })
    .parseAsync();
  exitWith(pendingExitCode());
}

main().catch((error: unknown) => {
  process.stderr.write(`odoo-capacity: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWith(ExitCode.error);
});
