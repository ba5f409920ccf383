import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withTarget, withVerbose, type TargetOptions, type VerboseOptions } from '../options.js';
import { withOdooConfig, type OdooConfigOptions } from '../options-odoo.js';

export interface RecordCommandOptions extends TargetOptions, VerboseOptions, OdooConfigOptions {
  out: string;
  name?: string;
  browser?: string;
  script?: string;
  headed?: boolean;
}

export const recordCommand: CommandModule<object, RecordCommandOptions> = {
  command: 'record',
  describe: "Open Chromium on the staging Odoo, do a task in its web client, and write it as a journey file",
  builder: (yargs: Argv) =>
    withOdooConfig(withVerbose(withTarget(yargs)))
      .option('out', { type: 'string', demandOption: true, describe: 'The journey file to write (.yaml)' })
      .option('name', { type: 'string', describe: 'Journey name (kebab-case; default: the output file name)' })
      .option('browser', { type: 'string', describe: 'Chromium or Chrome to drive (default: chromium, google-chrome … on PATH)' })
      .option('script', { type: 'string', describe: 'A module whose default export drives the page ({ page, target }) instead of a person' })
      .option('headed', { type: 'boolean', describe: 'Show the window while a --script runs (a person always gets one)' })
      .example('ODOO_PASSWORD=… $0 record --target https://staging.example.com --db staging --login rep1 --out journeys/quote.yaml', 'Do the task in the window, then close it or press Enter'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/record.js')).recordCommandImpl(argv)));
  },
};
