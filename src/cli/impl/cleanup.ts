/** `cleanup`: remove tagged records, print counts per model. No yargs here. */
import { cleanup, cleanupMessages, tagPattern } from '../../cleanup/cleanup.js';
import { UsageError } from '../../errors.js';
import { adminClient, targetFromOptions } from './target.js';
import type { CleanupCommandOptions } from '../commands/cleanup.js';

export async function cleanupCommandImpl(options: CleanupCommandOptions): Promise<number> {
  const allTagged = options['all-tagged'] === true;
  if (options.run === undefined && !allTagged) throw new UsageError(cleanupMessages.noSelection());
  // Checked before any connection: a bad id must not reach Odoo.
  if (!allTagged) {
    try {
      tagPattern({ run: options.run });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  const target = targetFromOptions(options);
  const client = await adminClient(target, options.transport);
  try {
    await client.authenticate();
    const report = await cleanup(client, {
      ...(options.run === undefined ? {} : { run: options.run }),
      allTagged,
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
