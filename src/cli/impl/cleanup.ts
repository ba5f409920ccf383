/** `cleanup`: remove tagged records, print counts per model. No yargs here. */
import { cleanup } from '../../cleanup/cleanup.js';
import { createClient } from '../../odoo/connect.js';
import { resolveTarget } from '../../odoo/target-config.js';
import { isTransportName } from '../../odoo/transport-choice.js';
import { detectVersion } from '../../odoo/version.js';
import { UsageError } from '../../errors.js';
import type { CleanupCommandOptions } from '../commands/cleanup.js';

export async function cleanupCommandImpl(options: CleanupCommandOptions): Promise<number> {
  if (!options.run && !options['all-tagged']) throw new UsageError('cleanup: give --run <run id> (or --run data for prepare\'s records) or --all-tagged.');
  if (options.run !== undefined && !/^[a-z0-9-]+$/.test(options.run)) throw new UsageError(`--run: expected a run id such as 20261123-103512-morning-order-wave-ab12, got "${options.run}".`);
  const target = resolveTarget({
    target: options.target,
    db: options.db,
    login: options.login,
    passwordFile: options['password-file'],
    apiKeyFile: options['api-key-file'],
    config: options.config,
  });
  if (options.transport !== undefined && !isTransportName(options.transport)) throw new UsageError(`--transport: expected web, xmlrpc, jsonrpc or json2, got "${options.transport}".`);
  const major = (await detectVersion(target.url, target.timeoutMs)).major;
  const client = createClient(target, options.transport ?? (major >= 19 ? 'json2' : 'xmlrpc'));
  try {
    await client.authenticate();
    const report = await cleanup(client, {
      ...(options.run === undefined ? {} : { run: options.run }),
      allTagged: options['all-tagged'],
      allowUnneutralized: options['allow-unneutralized-database'],
      url: target.url,
      db: target.db,
    });
    process.stdout.write(`${'model'.padEnd(28)}  found  cancelled  deleted  archived  kept\n`);
    for (const [model, c] of Object.entries(report)) {
      process.stdout.write(`${model.padEnd(28)} ${pad(c.found, 6)} ${pad(c.cancelled, 10)} ${pad(c.deleted, 8)} ${pad(c.archived, 9)} ${pad(c.kept, 5)}\n`);
    }
    return 0;
  } finally {
    await client.close();
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}
