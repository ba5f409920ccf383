/** `merge <runs..>`: add the runs' windows and write one run directory. No yargs here. */
import path from 'node:path';
import { mergeRuns } from '../../run/merge.js';
import { ExitCode } from '../exit-codes.js';
import type { MergeCommandOptions } from '../commands/merge.js';

export async function mergeCommandImpl(options: MergeCommandOptions): Promise<number> {
  const result = await mergeRuns(options.runs.map((r) => path.resolve(r)), path.resolve(options.out), options.id);
  process.stdout.write(`merged ${result.runs} runs (${result.windows} windows): ${result.dir}\n`);
  return ExitCode.ok;
}
