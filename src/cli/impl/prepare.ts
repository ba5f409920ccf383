/** `prepare`: create the data set, print counts per model. No yargs here. */
import { createClient } from '../../odoo/connect.js';
import { resolveTarget } from '../../odoo/target-config.js';
import { isTransportName } from '../../odoo/transport-choice.js';
import { detectVersion } from '../../odoo/version.js';
import { prepareDataset } from '../../prepare/prepare.js';
import { UsageError } from '../../errors.js';
import type { PrepareCommandOptions } from '../commands/prepare.js';

export async function prepareCommandImpl(options: PrepareCommandOptions): Promise<number> {
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
    const report = await prepareDataset(client, {
      dataset: options.dataset,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      allowUnneutralized: options['allow-unneutralized-database'],
      url: target.url,
      db: target.db,
      onProgress: (line) => process.stderr.write(`prepare: ${line}\n`),
    });
    for (const [model, count] of Object.entries(report)) {
      const extra = [count.reactivated ? `${count.reactivated} reactivated` : '', count.toppedUp !== undefined ? `${count.toppedUp} topped up` : ''].filter(Boolean).join(', ');
      process.stdout.write(`${model.padEnd(28)} ${String(count.created).padStart(6)} created  ${String(count.existing).padStart(6)} existing${extra ? `  (${extra})` : ''}\n`);
    }
    return 0;
  } finally {
    await client.close();
  }
}
