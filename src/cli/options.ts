/**
 * Shared option builders (as nx's `withVerbose`): each adds a group of flags and keeps its type.
 */
import type { Argv } from 'yargs';

export interface VerboseOptions {
  verbose: boolean;
}
export function withVerbose<T>(yargs: Argv<T>): Argv<T & VerboseOptions> {
  return yargs.option('verbose', { type: 'boolean', default: false, describe: 'Show stack traces and debug output' });
}

export interface TargetOptions {
  target?: string;
  db?: string;
  login?: string;
  'password-file'?: string;
  transport?: string;
}
/** The Odoo target. The password comes from ODOO_PASSWORD or --password-file, never from argv. */
export function withTarget<T>(yargs: Argv<T>): Argv<T & TargetOptions> {
  return yargs
    .option('target', { type: 'string', describe: 'Odoo base URL (or ODOO_URL), e.g. https://staging.example.com' })
    .option('db', { type: 'string', describe: 'Odoo database (or ODOO_DB)' })
    .option('login', { type: 'string', describe: 'Odoo login (or ODOO_LOGIN)' })
    .option('password-file', { type: 'string', describe: 'File holding the password (else ODOO_PASSWORD)' })
    .option('transport', { type: 'string', choices: ['web', 'xmlrpc', 'jsonrpc', 'json2'], describe: "Override the journeys' transport (default: each journey's own; integrations use json2 from Odoo 19)" });
}

export interface PgOptions {
  pg?: string;
}
export function withPg<T>(yargs: Argv<T>): Argv<T & PgOptions> {
  return yargs.option('pg', {
    type: 'string',
    describe: "The target's PostgreSQL for the collectors (or PG_URL), e.g. postgres://monitor@db:5432/odoo",
  });
}

export interface PlanOptions {
  scale: number;
  duration?: number;
  keep: 'peak-rates' | 'totals';
  seed: number;
  phase?: string;
}
export function withPlan<T>(yargs: Argv<T>): Argv<T & PlanOptions> {
  return yargs
    .option('scale', { type: 'number', default: 1, describe: 'Volume multiplier for every business rate' })
    .option('duration', { type: 'number', describe: 'Compress the profile into this many seconds (default: real time)' })
    .option('keep', {
      choices: ['peak-rates', 'totals'] as const,
      default: 'peak-rates' as const,
      describe: 'When compressing: keep the business arrival rates (totals shrink) or keep the totals (rates grow)',
    })
    .option('seed', { type: 'number', default: 1, describe: 'Seed for every random choice' })
    .option('phase', { type: 'string', describe: 'Run one phase of the profile only' });
}

export interface LabDirOptions {
  dir?: string;
}
export function withLabDir<T>(yargs: Argv<T>): Argv<T & LabDirOptions> {
  return yargs.option('dir', { type: 'string', describe: 'Lab directory (default: per-user cache)' });
}

/** The tested Odoo server's shape, for the sizing model's replay (recorded in the manifest by `run`; `report` may override). */
export interface ServerShapeOptions {
  'odoo-workers'?: number;
  'odoo-cores'?: number;
  'db-cores'?: number;
}

export function withServerShape<T>(yargs: Argv<T>): Argv<T & ServerShapeOptions> {
  return yargs
    .option('odoo-workers', { type: 'number', describe: "The server's HTTP workers (Odoo `workers`); default: the worker pids in the Odoo log" })
    .option('odoo-cores', { type: 'number', describe: 'CPU cores the Odoo workers run on (shared with PostgreSQL unless --db-cores is given)' })
    .option('db-cores', { type: 'number', describe: 'CPU cores of a separate PostgreSQL host (SQL time then does not take Odoo cores)' });
}
