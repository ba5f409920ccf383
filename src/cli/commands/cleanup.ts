import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withTarget, withVerbose, type TargetOptions, type VerboseOptions } from '../options.js';
import { withOdooConfig, withStagingOverride, type OdooConfigOptions, type StagingOverrideOptions } from '../options-odoo.js';

export interface CleanupCommandOptions extends TargetOptions, VerboseOptions, OdooConfigOptions, StagingOverrideOptions {
  run?: string;
  'all-tagged'?: boolean;
}

export const cleanupCommand: CommandModule<object, CleanupCommandOptions> = {
  command: 'cleanup',
  describe: 'Cancel, delete or archive what a run (or prepare: --run data) created, found by its tag, and print counts per model',
  builder: (yargs: Argv) =>
    withStagingOverride(withOdooConfig(withVerbose(withTarget(yargs))))
      .option('run', { type: 'string', describe: 'Run id (the run directory name), or "data" for what prepare created' })
      .option('all-tagged', { type: 'boolean', describe: 'Everything any run or prepare tagged oc-…' })
      .conflicts('run', 'all-tagged')
      .example('ODOO_PASSWORD=… $0 cleanup --run 20261123-103512-morning-order-wave-ab12', 'Remove what one run created'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/cleanup.js')).cleanupCommandImpl(argv)));
  },
};
