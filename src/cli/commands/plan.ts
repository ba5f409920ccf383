import type { Argv, CommandModule } from 'yargs';
import { setExitCode } from '../exit.js';
import { handleErrors } from '../handle-errors.js';
import { withVerbose, type VerboseOptions } from '../options.js';

export interface PlanCommandOptions extends VerboseOptions {
  forecast: string;
  run?: string;
  scale: number;
  'add-warehouses': number;
  json: boolean;
}

export const planCommand: CommandModule<object, PlanCommandOptions> = {
  command: 'plan',
  describe: 'Turn a business forecast into a sizing recommendation with reasons',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .option('forecast', { type: 'string', demandOption: true, describe: 'Forecast YAML (see examples/forecast.yaml)' })
      .option('run', { type: 'string', describe: 'A run directory whose measured service demands replace the calibration defaults' })
      .option('scale', { type: 'number', default: 1, describe: 'What-if: multiply every volume' })
      .option('add-warehouses', { type: 'number', default: 0, describe: 'What-if: warehouses added to the forecast' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of text' })
      .example('$0 plan --forecast examples/forecast.yaml --scale 1.3', ''),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/plan.js')).planCommandImpl(argv)));
  },
};
