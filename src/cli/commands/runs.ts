import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withVerbose, type VerboseOptions } from '../options.js';

export interface RunsCommandOptions extends VerboseOptions {
  dir: string;
  json: boolean;
}

export const runsCommand: CommandModule<object, RunsCommandOptions> = {
  command: 'runs',
  describe: 'List the run directories with their status (completed, aborted, interrupted, failed, running or killed)',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .option('dir', { type: 'string', default: 'runs', describe: 'Directory holding the run directories' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' })
      .example('$0 runs', 'Every run under ./runs, newest first')
      .example('$0 runs --dir /var/lib/odoo-capacity/runs --json', ''),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/runs.js')).runsCommandImpl(argv)));
  },
};
