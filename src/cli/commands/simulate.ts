import type { Argv, CommandModule } from 'yargs';
import { setExitCode } from '../exit.js';
import { handleErrors } from '../handle-errors.js';
import { withVerbose, type VerboseOptions } from '../options.js';

export interface SimulateCommandOptions extends VerboseOptions {
  profile: string;
  workers: string;
  'isolate-integrations': boolean;
  'integration-workers'?: number;
  'cron-workers': number;
  cores: number;
  scale: number;
  phase?: string;
  seed: number;
  json: boolean;
}

export const simulateCommand: CommandModule<object, SimulateCommandOptions> = {
  command: 'simulate <profile>',
  describe: 'Simulate a profile on several Odoo worker counts (discrete-event) and compare them',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .positional('profile', { type: 'string', demandOption: true, describe: 'A built-in profile, e.g. morning-order-wave' })
      .option('workers', { type: 'string', default: '4,6,8', describe: 'Comma-separated HTTP worker counts to compare' })
      .option('isolate-integrations', { type: 'boolean', default: false, describe: 'Give integration journeys (EDI) their own workers' })
      .option('integration-workers', { type: 'number', describe: 'Workers of the integration pool (default: a quarter of each count, at least 1)' })
      .option('cron-workers', { type: 'number', default: 1, describe: 'max_cron_threads' })
      .option('cores', { type: 'number', default: 4, describe: 'CPU cores shared by Odoo and PostgreSQL' })
      .option('scale', { type: 'number', default: 1, describe: 'Volume multiplier on every rate' })
      .option('phase', { type: 'string', describe: 'Simulate only this phase of the profile' })
      .option('seed', { type: 'number', default: 1, describe: 'Random seed' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' })
      .example('$0 simulate morning-order-wave --workers 4,6,8 --isolate-integrations', ''),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/simulate.js')).simulateCommandImpl(argv)));
  },
};
