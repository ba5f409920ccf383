import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withVerbose, type VerboseOptions } from '../options.js';

export interface MergeCommandOptions extends VerboseOptions {
  runs: string[];
  out: string;
  id?: string;
  partial: boolean;
}

export const mergeCommand: CommandModule<object, MergeCommandOptions> = {
  command: 'merge <runs..>',
  describe: 'Merge the run directories of several machines (run --segment i/n), and a collect-only run, into one, losslessly',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run directories to merge (segments of one plan; a collect-only run adds its collectors)' })
      .option('out', { type: 'string', default: 'runs', describe: 'Directory that receives the merged run directory' })
      .option('id', { type: 'string', describe: 'Id (directory name) of the merged run (default <first id>-merged)' })
      .option('partial', { type: 'boolean', default: false, describe: 'Merge even when segments are missing (the merged run is marked failed, naming them)' })
      .example('$0 merge runs/a runs/b runs/c runs/d --out runs', 'Four segments of one plan into one run')
      .example('$0 merge k8s-results/*/ runs/20261123-0700-collect-ab12 --out runs', 'The pods of an Indexed Job, with the database side from `collect`'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/merge.js')).mergeCommandImpl(argv)));
  },
};
