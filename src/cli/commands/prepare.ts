import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withTarget, withVerbose, type TargetOptions, type VerboseOptions } from '../options.js';
import { withOdooConfig, withStagingOverride, type OdooConfigOptions, type StagingOverrideOptions } from '../options-odoo.js';

export interface PrepareCommandOptions extends TargetOptions, VerboseOptions, OdooConfigOptions, StagingOverrideOptions {
  dataset: 'small' | 'medium' | 'large';
  seed?: number;
}

export const prepareCommand: CommandModule<object, PrepareCommandOptions> = {
  command: 'prepare',
  describe: 'Create a seeded data set (customers, vendors, products with barcodes, stock, bins, reordering rules) on a staging Odoo, idempotently',
  builder: (yargs: Argv) =>
    withStagingOverride(withOdooConfig(withVerbose(withTarget(yargs))))
      .option('dataset', { choices: ['small', 'medium', 'large'] as const, default: 'small' as const, describe: 'How much data (small: 60 customers, 50 products)' })
      .option('seed', { type: 'number', describe: 'Faker seed (default: the data set seed; the same seed gives the same records)' })
      .example('ODOO_PASSWORD=… $0 prepare --dataset small --target https://staging.example.com --db staging --login admin', 'Create the small data set'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/prepare.js')).prepareCommandImpl(argv)));
  },
};
