import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import {
  withPg, withPlan, withTarget, withVerbose,
  type PgOptions, type PlanOptions, type TargetOptions, type VerboseOptions,
} from '../options.js';

export interface RunCommandOptions extends TargetOptions, PgOptions, PlanOptions, VerboseOptions {
  profile: string;
  out: string;
  report: boolean;
  'allow-unneutralized-database': boolean;
  'sample-interval': number;
}

export const runCommand: CommandModule<object, RunCommandOptions> = {
  command: 'run <profile>',
  describe: 'Drive a workload profile against an Odoo (the lab or a staging server) and write a run directory',
  builder: (yargs: Argv) =>
    withVerbose(withPlan(withPg(withTarget(yargs))))
      .positional('profile', { type: 'string', demandOption: true, describe: 'Profile name (see the README)' })
      .option('out', { type: 'string', default: 'runs', describe: 'Directory that receives the run directory' })
      .option('report', { type: 'boolean', default: true, describe: 'Write report.html at the end (--no-report to skip)' })
      .option('allow-unneutralized-database', {
        type: 'boolean',
        default: false,
        describe: 'Load a database that is not marked as a neutralized staging copy (dangerous)',
      })
      .option('sample-interval', { type: 'number', default: 1000, describe: 'pg_stat_activity sampling interval, ms (100–60000)' })
      .example(
        'ODOO_PASSWORD=… $0 run morning-order-wave --target https://staging.example.com --db staging --login loadtest --pg postgres://monitor@db/staging --duration 900',
        'Compress the morning wave into 15 minutes against staging',
      ),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/run.js')).runCommandImpl(argv)));
  },
};
