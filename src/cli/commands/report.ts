import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withVerbose, type VerboseOptions } from '../options.js';

export interface ReportCommandOptions extends VerboseOptions {
  'run-dir': string;
  out?: string;
}

export const reportCommand: CommandModule<object, ReportCommandOptions> = {
  command: 'report <run-dir>',
  describe: 'Write report.html and summary.json for a run directory (also a partial one)',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .positional('run-dir', { type: 'string', demandOption: true, describe: 'A run directory, e.g. runs/20261123-0812-morning-order-wave-ab12' })
      .option('out', { type: 'string', describe: 'Where to write the HTML (default <run-dir>/report.html)' })
      .example('$0 report runs/20261123-081200-morning-order-wave-ab12', ''),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/report.js')).reportCommandImpl(argv)));
  },
};
