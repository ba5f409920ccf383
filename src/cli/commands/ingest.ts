import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withPlan, withVerbose, type PlanOptions, type VerboseOptions } from '../options.js';

export interface IngestCommandOptions extends PlanOptions, VerboseOptions {
  format: 'k6';
  paths: string[];
  profile: string;
  out: string;
  id?: string;
  collect?: string[];
  partial: boolean;
  report: boolean;
  target?: string;
  db?: string;
  login?: string;
}

export const ingestCommand: CommandModule<object, IngestCommandOptions> = {
  command: 'ingest <format> <paths..>',
  describe: "Turn the k6 --out json outputs of a distributed run (k6-operator runners, k6 --execution-segment) into one run directory",
  builder: (yargs: Argv) =>
    withVerbose(withPlan(yargs))
      .positional('format', { choices: ['k6'] as const, demandOption: true, describe: 'k6: k6 --out json NDJSON (.ndjson or .ndjson.gz)' })
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'k6 output files, or directories of them (one file per runner / segment)' })
      .option('profile', {
        type: 'string',
        demandOption: true,
        describe: 'The profile the k6 script was exported from (name or file), with the same --duration, --scale, --seed',
      })
      .option('out', { type: 'string', default: 'runs', describe: 'Directory that receives the run directory' })
      .option('id', { type: 'string', describe: 'Name of the run directory (default <date>-<time>-<profile>-<hex> of the load start)' })
      .option('collect', { type: 'string', array: true, describe: 'A collect-only run directory (odoo-capacity collect) of the same window: its database and Odoo evidence joins the run' })
      .option('partial', { type: 'boolean', default: false, describe: 'Ingest even when segments are missing (the run is marked failed, naming them)' })
      .option('report', { type: 'boolean', default: true, describe: 'Write report.html at the end (--no-report to skip)' })
      .option('target', { type: 'string', describe: 'The Odoo URL the load went to, for the report (or ODOO_URL)' })
      .option('db', { type: 'string', describe: 'Its database (or ODOO_DB)' })
      .option('login', { type: 'string', describe: 'The login the load used (or ODOO_LOGIN)' })
      .example('$0 ingest k6 k6-results --profile morning-order-wave --duration 900 --collect runs/peak-db --out runs', 'Four runners’ outputs and the collectors’ data: one run, one report'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/ingest.js')).ingestCommandImpl(argv)));
  },
};
