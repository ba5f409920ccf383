import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withVerbose, type VerboseOptions } from '../options.js';

export interface ImportCommandOptions extends VerboseOptions {
  format: string;
  file: string;
  out: string;
  name?: string;
}

export const importCommand: CommandModule<object, ImportCommandOptions> = {
  command: 'import <format> <file>',
  describe: "Turn a browser's recording of a task in Odoo's web client (HAR) into a journey file",
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .positional('format', { type: 'string', choices: ['har'], demandOption: true, describe: 'What the file is' })
      .positional('file', { type: 'string', demandOption: true, describe: "The browser's export (DevTools → Network → Save all as HAR)" })
      .option('out', { type: 'string', demandOption: true, describe: 'The journey file to write (.yaml)' })
      .option('name', { type: 'string', describe: 'Journey name (kebab-case; default: the output file name)' })
      .example('$0 import har quote.har --out journeys/quote.yaml', 'Then name it in a profile: journeys: { quote: ./journeys/quote.yaml }'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/import.js')).importCommandImpl(argv)));
  },
};
