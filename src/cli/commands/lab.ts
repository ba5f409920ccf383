import type { Argv, CommandModule } from 'yargs';
import { handleErrors } from '../handle-errors.js';
import { setExitCode } from '../exit.js';
import { withLabDir, withVerbose, type LabDirOptions, type VerboseOptions } from '../options.js';

export interface LabStartOptions extends LabDirOptions, VerboseOptions {
  workers: number;
  dataset: 'small' | 'medium' | 'large';
  port?: number;
  fresh: boolean;
  'not-neutralized': boolean;
  foreground: boolean;
  'max-cron-threads': number;
  'limit-time-real': number;
  'db-maxconn': number;
  'cron-interval': number;
}

const start: CommandModule<object, LabStartOptions> = {
  command: 'start',
  describe: 'Start the lab (embedded PostgreSQL + Odoo-compatible server) in the background',
  builder: (yargs: Argv) =>
    withVerbose(withLabDir(yargs))
      .option('workers', { type: 'number', default: 4, describe: 'Odoo HTTP worker processes' })
      .option('dataset', { choices: ['small', 'medium', 'large'] as const, default: 'small' as const, describe: 'Data volume' })
      .option('port', { type: 'number', describe: 'HTTP port (default: a free one)' })
      .option('fresh', { type: 'boolean', default: false, describe: 'Drop and re-create the lab database' })
      .option('not-neutralized', { type: 'boolean', default: false, describe: 'Mark the database as NOT a staging copy (to exercise the staging guard)' })
      .option('foreground', { type: 'boolean', default: false, describe: 'Run in this terminal until Ctrl-C' })
      .option('max-cron-threads', { type: 'number', default: 1, describe: "Cron worker processes (Odoo's max_cron_threads)" })
      .option('limit-time-real', { type: 'number', default: 120, describe: 'Seconds a worker may spend on one request before it is killed and replaced' })
      .option('db-maxconn', { type: 'number', default: 64, describe: 'Database connections per worker process' })
      .option('cron-interval', { type: 'number', default: 60, describe: 'Seconds between two runs of the scheduled jobs (procurement scheduler, autovacuum)' })
      .example('$0 lab start --workers 4 --dataset small', '')
      .example('$0 lab start --workers 8 --dataset medium --max-cron-threads 2 --limit-time-real 60', '')
      .example('$0 lab status', ''),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/lab.js')).labStart(argv)));
  },
};

const stop: CommandModule<object, LabDirOptions & VerboseOptions> = {
  command: 'stop',
  describe: 'Stop the lab',
  builder: (yargs: Argv) => withVerbose(withLabDir(yargs)),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/lab.js')).labStop(argv)));
  },
};

const status: CommandModule<object, LabDirOptions & VerboseOptions & { json: boolean }> = {
  command: 'status',
  describe: 'Is the lab running, and where?',
  builder: (yargs: Argv) => withVerbose(withLabDir(yargs)).option('json', { type: 'boolean', default: false }),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/lab.js')).labStatus(argv)));
  },
};

export const labCommand: CommandModule = {
  command: 'lab <command>',
  describe: 'Manage the lab: a local Odoo stand-in on embedded PostgreSQL',
  builder: (yargs: Argv) =>
    yargs
      .command(start)
      .command(stop)
      .command(status)
      .demandCommand(1, 'Name a lab command: start, stop or status.'),
  handler: () => undefined,
};
