/** `collect`: the collectors without load, until --duration or Ctrl-C. No yargs here. */
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { collectOnly } from '../../pipeline/collect-only.js';
import { checkNumberFlag, checkOptionalNumberFlag, checkRunIdFlag } from '../flag-checks.js';
import { ExitCode } from '../exit-codes.js';
import { stripControl } from '../terminal-text.js';
import type { CollectCommandOptions } from '../commands/collect.js';

/** The database to sample: --db, ODOO_DB, else the database named in the PostgreSQL URL. */
export function collectDatabase(options: Pick<CollectCommandOptions, 'db'>, pgUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (options.db) return options.db;
  if (env.ODOO_DB) return env.ODOO_DB;
  if (pgUrl === undefined) return undefined;
  try {
    const name = decodeURIComponent(new URL(pgUrl).pathname.replace(/^\//, ''));
    return name === '' ? undefined : name;
  } catch {
    return undefined;
  }
}

export async function collectCommandImpl(options: CollectCommandOptions): Promise<number> {
  const pgUrl = options.pg ?? process.env.PG_URL;
  if (pgUrl === undefined && options['odoo-log'] === undefined && options['pg-log'] === undefined) {
    throw new UsageError('collect: nothing to collect; give --pg <url> (or PG_URL), --odoo-log <file> or --pg-log <file>.');
  }
  checkNumberFlag('--sample-interval', options['sample-interval'], { min: 100, max: 60_000, unit: 'ms' });
  checkNumberFlag('--stats-interval', options['stats-interval'], { min: 1000, unit: 'ms' });
  const durationS = checkOptionalNumberFlag('--duration', options.duration, { above: 0, max: 86_400, unit: 'seconds' });
  const id = checkRunIdFlag(options.id);
  const database = collectDatabase(options, pgUrl);
  if (pgUrl !== undefined && database === undefined) throw new UsageError('collect: name the Odoo database with --db (or ODOO_DB, or in the --pg URL).');

  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('Ctrl-C'));
  process.once('SIGINT', onSigint);
  try {
    const result = await collectOnly({
      pgUrl,
      database: database ?? '',
      odooLogFile: options['odoo-log'],
      pgLogFile: options['pg-log'],
      runsDir: path.resolve(options.out),
      ...(id !== undefined ? { id } : {}),
      ...(durationS !== undefined ? { durationS } : {}),
      signal: controller.signal,
      sampleIntervalMs: options['sample-interval'],
      statsIntervalMs: options['stats-interval'],
      onWarning: (message) => process.stderr.write(`warning: ${stripControl(message, true)}\n`),
      onStart: ({ runDir, collectors }) =>
        process.stderr.write(
          stripControl(`collecting ${collectors.map((c) => c.name).join(', ')} ${durationS !== undefined ? `for ${durationS} s` : 'until Ctrl-C'} → ${runDir}`, true) + '\n',
        ),
    });
    process.stdout.write(stripControl(`collect ${result.status}${result.reason ? ` (${result.reason})` : ''}: ${result.runDir}`, true) + '\n');
    return result.status === 'interrupted' ? ExitCode.interrupted : ExitCode.ok;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
