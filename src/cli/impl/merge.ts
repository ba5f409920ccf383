/** `merge <runs..>`: add the runs' windows and write one run directory. No yargs here. */
import path from 'node:path';
import { mergeRuns } from '../../run/merge.js';
import { ExitCode } from '../exit-codes.js';
import { checkRunIdFlag } from '../flag-checks.js';
import type { MergeCommandOptions } from '../commands/merge.js';

export async function mergeCommandImpl(options: MergeCommandOptions): Promise<number> {
  const result = await mergeRuns(options.runs.map((r) => path.resolve(r)), path.resolve(options.out), { id: checkRunIdFlag(options.id), partial: options.partial });
  const gap = result.missing.length > 0 ? `; segments ${result.missing.join(', ')} missing` : '';
  process.stdout.write(`merged ${result.runs} runs (${result.windows} windows${gap}): ${result.dir}\n`);
  // A merge that lacks segments is a failed distributed run, written so that it can still be read.
  return result.missing.length > 0 ? ExitCode.error : ExitCode.ok;
}
