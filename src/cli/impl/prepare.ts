/** `prepare`: create the data set, print counts per model. No yargs here. */
import { prepareDataset } from '../../prepare/prepare.js';
import { adminClient, targetFromOptions } from './target.js';
import type { PrepareCommandOptions } from '../commands/prepare.js';
import { stripControl } from '../terminal-text.js';

export async function prepareCommandImpl(options: PrepareCommandOptions): Promise<number> {
  const target = targetFromOptions(options);
  const client = await adminClient(target, options.transport);
  try {
    await client.authenticate();
    const report = await prepareDataset(client, {
      dataset: options.dataset,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      allowUnneutralized: options['allow-unneutralized-database'],
      url: target.url,
      db: target.db,
      onProgress: (line) => process.stderr.write(`prepare: ${stripControl(line, true)}\n`),
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
