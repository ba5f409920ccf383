import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withEngine, type EngineOptions } from '../options-engine.js';
import { withOdooConfig, type OdooConfigOptions } from '../options-odoo.js';
import { withSafety, type SafetyOptions } from '../options-safety.js';
import {
  withPg, withPlan, withServerShape, withTarget, withVerbose,
  type PgOptions, type PlanOptions, type ServerShapeOptions, type TargetOptions, type VerboseOptions,
} from '../options.js';

export interface RunCommandOptions extends ServerShapeOptions, TargetOptions, OdooConfigOptions, PgOptions, PlanOptions, EngineOptions, SafetyOptions, VerboseOptions {
  /** Positional or --profile; checked in the implementation. */
  profile?: string;
  out: string;
  report: boolean;
  'allow-unneutralized-database': boolean;
  'sample-interval': number;
  'stats-interval': number;
  'odoo-log'?: string;
  'pg-log'?: string;
  'start-at'?: string;
}

export const runCommand: CommandModule<object, RunCommandOptions> = {
  command: 'run [profile]',
  describe: 'Drive a workload profile against an Odoo (the lab or a staging server) and write a run directory',
  builder: (yargs: Argv) =>
    withVerbose(withServerShape(withSafety(withEngine(withPlan(withPg(withOdooConfig(withTarget(yargs))))))))
      .positional('profile', {
        type: 'string',
        describe: 'A profile name (odoo-capacity profiles) or a file: ./my-profile.ts or .yaml (also as --profile)',
      })

      .option('out', { type: 'string', default: 'runs', describe: 'Directory that receives the run directory' })
      .option('report', { type: 'boolean', default: true, describe: 'Write report.html at the end (--no-report to skip)' })
      .option('allow-unneutralized-database', {
        type: 'boolean',
        default: false,
        describe: 'Load a database that is not marked as a neutralized staging copy (dangerous)',
      })
      .option('sample-interval', { type: 'number', default: 1000, describe: 'pg_stat_activity sampling interval, ms (100–60000)' })
      .option('stats-interval', { type: 'number', default: 5000, describe: 'PostgreSQL counter snapshots (pg_stat_database, pg_stat_statements), ms' })
      .option('odoo-log', { type: 'string', describe: "Follow this Odoo log file during the run (request timings, retries, worker kills)" })
      .option('pg-log', { type: 'string', describe: 'Follow this PostgreSQL server log (serialization failures, deadlocks)' })
      .option('start-at', {
        type: 'string',
        describe: 'Start the load at this time once setup and logins are done (ISO 8601 or epoch seconds): the segments of a distributed run start together',
      })
      .example(
        'ODOO_PASSWORD=… $0 run morning-order-wave --target https://staging.example.com --db staging --login loadtest --pg postgres://monitor@db/staging --duration 900',
        'Compress the morning wave into 15 minutes against staging',
      )
      .example(
        '$0 run distribution-day --target https://staging.example.com --db staging --login loadtest --duration 1800 --dry-run',
        'Show the plan, the load and the records it would create, without sending a request',
      ),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/run.js')).runCommandImpl(argv)));
  },
};
