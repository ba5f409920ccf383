import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withServerShape, withVerbose, type ServerShapeOptions, type VerboseOptions } from '../options.js';

export interface ReportCommandOptions extends VerboseOptions, ServerShapeOptions {
  'run-dir': string;
  out?: string;
  forecast?: string;
}

export const reportCommand: CommandModule<object, ReportCommandOptions> = {
  command: 'report <run-dir>',
  describe: 'Write report.html, summary.json and junit.xml for a run directory (also a partial one)',
  builder: (yargs: Argv) =>
    withServerShape(withVerbose(yargs))
      .positional('run-dir', { type: 'string', demandOption: true, describe: 'A run directory, e.g. runs/20261123-0812-morning-order-wave-ab12' })
      .option('out', { type: 'string', describe: 'Where to write the HTML (default <run-dir>/report.html); summary.json and junit.xml go next to it' })
      .option('forecast', { type: 'string', describe: 'A forecast YAML: size the recommendation for its peak with the demands this run measured' })
      .example('$0 report runs/20261123-081200-morning-order-wave-ab12', '')
      .example('$0 report runs/20261123-081200-morning-order-wave-ab12 --forecast forecast.yaml --out out/report.html', 'Size for a forecast'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/report.js')).reportCommandImpl(argv)));
  },
};
