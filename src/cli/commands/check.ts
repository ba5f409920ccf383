import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withTarget, withVerbose, type TargetOptions, type VerboseOptions } from '../options.js';
import { withOdooConfig, withStagingOverride, type OdooConfigOptions, type StagingOverrideOptions } from '../options-odoo.js';

export interface CheckCommandOptions extends TargetOptions, VerboseOptions, OdooConfigOptions, StagingOverrideOptions {
  profile?: string;
  journey?: string[];
  dataset: string;
}

export const checkCommand: CommandModule<object, CheckCommandOptions> = {
  command: 'check',
  describe: 'Check that an Odoo is ready for a load test: connectivity, login, version, modules, staging marker and data',
  builder: (yargs: Argv) =>
    withStagingOverride(withOdooConfig(withVerbose(withTarget(yargs))))
      .option('profile', { type: 'string', describe: "Check for this profile's journeys (default: every journey)" })
      .option('journey', { type: 'string', array: true, describe: 'Check for these journeys only' })
      .option('dataset', { type: 'string', default: 'small', choices: ['small', 'medium', 'large'], describe: 'Data set named in the prepare hint' })
      .example('ODOO_PASSWORD=… $0 check --target https://staging.example.com --db staging --login loadtest --profile morning-order-wave', 'What is missing for the morning wave?'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/check.js')).checkCommandImpl(argv)));
  },
};
