import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withPg, withVerbose, type PgOptions, type VerboseOptions } from '../options.js';

export interface CollectCommandOptions extends PgOptions, VerboseOptions {
  db?: string;
  'odoo-log'?: string;
  'pg-log'?: string;
  out: string;
  id?: string;
  duration?: number;
  'sample-interval': number;
  'stats-interval': number;
}

export const collectCommand: CommandModule<object, CollectCommandOptions> = {
  command: 'collect',
  describe: 'Run the collectors only (no load) while other machines or pods make it; join with ingest k6 --collect or merge',
  builder: (yargs: Argv) =>
    withVerbose(withPg(yargs))
      .option('db', { type: 'string', describe: "Odoo database to sample (or ODOO_DB; default: the --pg URL's database)" })
      .option('odoo-log', { type: 'string', describe: 'Follow this Odoo log file (request timings, retries, worker kills)' })
      .option('pg-log', { type: 'string', describe: 'Follow this PostgreSQL server log (serialization failures, deadlocks)' })
      .option('out', { type: 'string', default: 'runs', describe: 'Directory that receives the collect-only run directory' })
      .option('id', { type: 'string', describe: 'Name of the run directory (default <date>-<time>-collect-<hex>)' })
      .option('duration', { type: 'number', describe: 'Stop after this many seconds (default: at Ctrl-C)' })
      .option('sample-interval', { type: 'number', default: 1000, describe: 'pg_stat_activity sampling interval, ms (100–60000)' })
      .option('stats-interval', { type: 'number', default: 5000, describe: 'PostgreSQL counter snapshots, ms (≥ 1000)' })
      .example(
        'PGPASSWORD=… $0 collect --pg postgres://monitor@db:5432/staging --odoo-log /var/log/odoo/odoo.log --id peak-db --duration 960',
        'The database and Odoo side of a distributed run, 16 minutes, into runs/peak-db',
      ),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/collect.js')).collectCommandImpl(argv)));
  },
};
