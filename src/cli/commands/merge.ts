import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withVerbose, type VerboseOptions } from '../options.js';

export interface MergeCommandOptions extends VerboseOptions {
  runs: string[];
  out: string;
  id?: string;
}

export const mergeCommand: CommandModule<object, MergeCommandOptions> = {
  command: 'merge <runs..>',
  describe: 'Merge the run directories of several machines (run --segment i/n) into one, losslessly',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run directories to merge' })
      .option('out', { type: 'string', default: 'runs', describe: 'Directory that receives the merged run directory' })
      .option('id', { type: 'string', describe: 'Id (directory name) of the merged run (default <first id>-merged)' })
      .example('$0 merge runs/a runs/b runs/c runs/d --out runs', 'Four segments of one plan into one run'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/merge.js')).mergeCommandImpl(argv)));
  },
};
