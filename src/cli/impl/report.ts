/** `report <run-dir>`. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildReport } from '../../pipeline/build-report.js';
import { InputError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { ReportCommandOptions } from '../commands/report.js';
import { stripControl } from '../terminal-text.js';
import { serverShapeFromFlags } from '../flag-checks.js';
import { reportLines } from '../report-lines.js';

export async function reportCommandImpl(options: ReportCommandOptions): Promise<number> {
  const runDir = path.resolve(options['run-dir']);
  if (!existsSync(path.join(runDir, 'manifest.json'))) {
    throw new InputError('RUN_DIR', `${options['run-dir']}: not a run directory (no manifest.json); list runs with "ls runs/".`);
  }
  const server = serverShapeFromFlags(options);
  const report = await buildReport(runDir, { out: options.out, forecast: options.forecast, ...(server ? { server } : {}) });
  for (const warning of report.warnings) process.stderr.write(`warning: ${stripControl(warning, true)}\n`);
  process.stdout.write(reportLines(report));
  return ExitCode.ok;
}
