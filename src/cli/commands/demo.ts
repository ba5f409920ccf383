import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withVerbose, type VerboseOptions } from '../options.js';

export interface DemoCommandOptions extends VerboseOptions {
  duration: number;
  workers: number;
  scale: number;
  out: string;
}

export const demoCommand: CommandModule<object, DemoCommandOptions> = {
  command: 'demo',
  describe: 'Start the lab, drive the morning order wave against it (about 2 minutes), write the report, stop the lab',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .option('duration', { type: 'number', default: 120, describe: 'Seconds the morning wave is compressed into' })
      .option('workers', { type: 'number', default: 2, describe: 'Lab Odoo workers' })
      .option('scale', {
        type: 'number',
        default: 1,
        describe: 'Volume multiplier: 1× is the real peak, 300 orders/h, each keyed through the web client (~1.9 s + 0.7 s per line of server time): ~30 % of two lab workers',
      })
      .option('out', { type: 'string', default: 'runs', describe: 'Directory that receives the run directory' })
      .example('$0 demo', '')
      .example('$0 demo --duration 60 --workers 4', ''),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/demo.js')).demoCommandImpl(argv)));
  },
};
