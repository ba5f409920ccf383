/**
 * `demo`: the whole product in two minutes on this machine — start the lab (embedded PostgreSQL +
 * Odoo-compatible server), drive the morning order wave against it, write the report, stop the lab.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import { getProfile } from '../../../scenarios/profiles/index.js';
import { journeys } from '../../../scenarios/journeys/index.js';
import { compileProfile } from '../../engine/compile.js';
import { cpus } from 'node:os';
import { startLab } from '../../lab/lab.js';
import { temporaryLabDirectory } from '../../lab/postgres.js';
import type { DemoCommandOptions } from '../commands/demo.js';
import { runInteractively } from '../interactive-run.js';

export async function demoCommandImpl(options: DemoCommandOptions): Promise<number> {
  const profile = getProfile('morning-order-wave');
  const plan = compileProfile(profile, { scale: options.scale, compress: { durationS: options.duration, keep: 'peak-rates' }, seed: 1 });
  const dir = await temporaryLabDirectory('odoo-capacity-demo-');
  process.stderr.write(`starting the lab (${options.workers} Odoo workers, embedded PostgreSQL) in ${dir}\n`);
  const lab = await startLab({ dir, workers: options.workers, dataset: 'small' });
  process.stderr.write(`lab ready at ${lab.odoo.url}; driving ${profile.name} (${plan.durationS} s, scale ${plan.scale}×)\n`);
  return runInteractively({
    load: {
      plan,
      journeys,
      target: { url: lab.odoo.url, db: lab.odoo.db, login: lab.odoo.login, password: lab.odoo.password },
      pgUrl: lab.pgUrl,
      odooLogFile: lab.logFile,
      odooWorkers: options.workers,
      // The lab shares this machine's cores between its workers, its PostgreSQL and the load generator.
      server: { workers: options.workers, cores: cpus().length, source: 'the lab on this machine' },
      runsDir: path.resolve(options.out),
    },
    // The report needs only the run directory: the lab goes first.
    afterLoad: async () => {
      await lab.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
