/** `export k6|k6-operator <profile>`: compile the plan, bundle the journeys, write the files. No yargs here. */
import path from 'node:path';
import { loadProfile } from '../../../scenarios/profiles/load.js';
import { journeysForProfile } from '../../../scenarios/journeys/load.js';
import { compileProfile } from '../../engine/compile.js';
import { exportK6 } from '../../k6/export.js';
import { exportK6Operator } from '../../k6/operator.js';
import { UsageError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { thresholdsFromOptions } from '../options-engine.js';
import type { ExportCommandOptions } from '../commands/export.js';

export async function exportCommandImpl(options: ExportCommandOptions): Promise<number> {
  if (!(options.scale > 0)) throw new UsageError(`--scale: expected a number above 0, got ${options.scale}.`);
  const profile = await loadProfile(options.profile);
  const { sources } = await journeysForProfile(profile, options.profile);
  const plan = compileProfile(profile, {
    scale: options.scale,
    compress: { durationS: options.duration, keep: options.keep },
    seed: options.seed,
    phase: options.phase,
  });
  const thresholds = thresholdsFromOptions(plan, options);
  const outDir = path.resolve(options.out);
  if (options.format === 'k6') {
    const result = await exportK6({ plan, thresholds, outDir, journeySources: sources });
    for (const line of result.bundle.skipped) process.stderr.write(`odoo-capacity: threshold not exported: ${line}\n`);
    process.stdout.write(`k6 script: ${result.script}\nhow to run it: ${result.readme}\n`);
  } else {
    const result = await exportK6Operator({ plan, thresholds, parallelism: options.parallelism, outDir, namespace: options.namespace, journeySources: sources });
    process.stdout.write(`k6-operator TestRun (parallelism ${options.parallelism}): ${result.file}\n`);
  }
  return ExitCode.ok;
}
