/**
 * Option builders for the commands that talk to an Odoo target directly (check, prepare, cleanup):
 * the config file, the API key file (JSON-2) and the staging override.
 */
import type { Argv } from 'yargs';

export interface OdooConfigOptions {
  config?: string;
  'api-key-file'?: string;
}
export function withOdooConfig<T>(yargs: Argv<T>): Argv<T & OdooConfigOptions> {
  return yargs
    .option('config', { type: 'string', describe: 'Config file with a target: section (default ./odoo-capacity.yaml when present)' })
    .option('api-key-file', { type: 'string', describe: 'File holding an Odoo API key (JSON-2, Odoo ≥ 19; else ODOO_API_KEY)' });
}

export interface StagingOverrideOptions {
  'allow-unneutralized-database': boolean;
}
export function withStagingOverride<T>(yargs: Argv<T>): Argv<T & StagingOverrideOptions> {
  return yargs.option('allow-unneutralized-database', {
    type: 'boolean',
    default: false,
    describe: 'Write to a database that is not marked as a neutralized staging copy (dangerous)',
  });
}
