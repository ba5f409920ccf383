import type { Argv, CommandModule } from 'yargs';
import { setExitCode } from '../exit.js';
import { handleErrors } from '../handle-errors.js';
import { withServerShape, withVerbose, type ServerShapeOptions, type VerboseOptions } from '../options.js';

export interface ModelUslOptions extends VerboseOptions {
  data: string;
  json: boolean;
}
export interface ModelWorkersOptions extends VerboseOptions {
  rate: number;
  'service-ms': number;
  scv: number;
  'target-p95-ms'?: number;
  workers?: number;
  'max-utilization': number;
  json: boolean;
}
export interface ModelPostgresOptions extends VerboseOptions {
  ram: string;
  cpus: number;
  storage: 'ssd' | 'hdd' | 'san' | 'nvme';
  connections?: number;
  'db-type': 'web' | 'oltp' | 'mixed' | 'dw' | 'desktop';
  'pg-version': number;
  'http-workers'?: number;
  'cron-workers'?: number;
  json: boolean;
}

export interface ModelCheckOptions extends VerboseOptions, ServerShapeOptions {
  'run-dirs': string[];
  json: boolean;
}

const json = { type: 'boolean', default: false, describe: 'Print JSON instead of text' } as const;

const uslCommand: CommandModule<object, ModelUslOptions> = {
  command: 'usl',
  describe: 'Fit the Universal Scalability Law to (concurrency, throughput) points',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .option('data', { type: 'string', demandOption: true, describe: 'CSV file with a header and columns concurrency,throughput' })
      .option('json', json)
      .example('$0 model usl --data points.csv', ''),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/model-usl.js')).modelUslImpl(argv)));
  },
};

const workersCommand: CommandModule<object, ModelWorkersOptions> = {
  command: 'workers',
  describe: 'Odoo HTTP workers for a request stream (Erlang C / M/G/c)',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .option('rate', { type: 'number', demandOption: true, describe: 'Requests per second at the peak' })
      .option('service-ms', { type: 'number', demandOption: true, describe: 'Mean worker time of one request, ms' })
      .option('scv', { type: 'number', default: 1, describe: 'Squared coefficient of variation of the service time (1 = exponential)' })
      .option('target-p95-ms', { type: 'number', describe: 'Response-time p95 to keep, ms (searches for the smallest worker count)' })
      .option('workers', { type: 'number', describe: 'Evaluate this worker count instead of searching: utilisation, P(wait), mean wait, p95' })
      .option('max-utilization', { type: 'number', default: 0.7, describe: 'Utilisation ceiling, 0–1' })
      .option('json', json)
      .example('$0 model workers --rate 12 --service-ms 200 --scv 1.5 --target-p95-ms 1000', 'Smallest worker count for the target')
      .example('$0 model workers --rate 12 --service-ms 200 --workers 4', 'How 4 workers serve that stream'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/model-workers.js')).modelWorkersImpl(argv)));
  },
};

const postgresCommand: CommandModule<object, ModelPostgresOptions> = {
  command: 'postgres',
  describe: 'PostgreSQL settings: PGTune baseline, then Odoo adjustments',
  builder: (yargs: Argv) =>
    withVerbose(yargs)
      .option('ram', { type: 'string', demandOption: true, describe: 'RAM of the database server, e.g. 16GB or 8192MB' })
      .option('cpus', { type: 'number', demandOption: true, describe: 'CPU cores of the database server' })
      .option('storage', { type: 'string', choices: ['ssd', 'hdd', 'san', 'nvme'] as const, default: 'ssd' as const, describe: 'Storage type' })
      .option('connections', { type: 'number', describe: 'max_connections (default: from --http-workers/--cron-workers, else PGTune)' })
      .option('db-type', { type: 'string', choices: ['web', 'oltp', 'mixed', 'dw', 'desktop'] as const, default: 'web' as const, describe: 'PGTune workload type' })
      .option('pg-version', { type: 'number', default: 16, describe: 'PostgreSQL major version' })
      .option('http-workers', { type: 'number', describe: 'Odoo HTTP workers using this database' })
      .option('cron-workers', { type: 'number', describe: 'Odoo cron workers using this database' })
      .option('json', json)
      .example('$0 model postgres --ram 16GB --cpus 4 --storage ssd --connections 300', ''),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/model-postgres.js')).modelPostgresImpl(argv)));
  },
};

const checkCommand: CommandModule<object, ModelCheckOptions> = {
  command: 'check <run-dirs..>',
  describe: "Backtest the sizing model: each run's model predicts every run (p95, throughput per journey) and prints the error",
  builder: (yargs: Argv) =>
    withServerShape(withVerbose(yargs))
      .positional('run-dirs', { type: 'string', array: true, demandOption: true, describe: 'Run directories of the same server with other worker counts or loads' })
      .option('json', json)
      .example('$0 model check runs/a runs/b --odoo-cores 2', 'Predict run b from run a and a from b, on a 2-core server'),
  handler: async (argv) => {
    setExitCode(await handleErrors(argv.verbose, async () => (await import('../impl/model-check.js')).modelCheckImpl(argv)));
  },
};

export const modelCommand: CommandModule = {
  command: 'model <model>',
  describe: 'Run one capacity model on numbers you give (usl, workers, postgres), or backtest the sizing model on runs (check)',
  builder: (yargs: Argv) =>
    yargs
      .command(uslCommand)
      .command(workersCommand)
      .command(postgresCommand)
      .command(checkCommand)
      .demandCommand(1, 'Name a model: usl, workers, postgres or check (see --help).'),
  handler: () => undefined,
};
