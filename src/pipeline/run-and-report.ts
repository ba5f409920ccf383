/**
 * The one orchestration of a test: the load (./run-load.ts), then whatever must happen before the
 * report (the demo stops its lab), then the report (./build-report.ts). `run` and `demo` both call
 * it; the CLI adds Ctrl-C and progress (src/cli/interactive-run.ts).
 *
 *   runLoad ──► afterLoad (always, even when the load failed) ──► buildReport (when asked)
 */
import { buildReport, type BuiltReport } from './build-report.js';
import { runLoad, type RunLoadOptions, type RunLoadResult } from './run-load.js';

export interface RunAndReportOptions {
  load: RunLoadOptions;
  /** Write the report once the load ends (default true). */
  report?: boolean;
  /** Called when the load has ended, whatever its outcome, before the report: release what the load needed. */
  afterLoad?: () => Promise<void>;
}

export interface RunAndReportResult {
  load: RunLoadResult;
  report?: BuiltReport;
}

export async function runAndReport(options: RunAndReportOptions): Promise<RunAndReportResult> {
  let load: RunLoadResult;
  try {
    load = await runLoad(options.load);
  } finally {
    await options.afterLoad?.();
  }
  if (options.report === false) return { load };
  return { load, report: await buildReport(load.runDir) };
}
