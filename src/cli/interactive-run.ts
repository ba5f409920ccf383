/**
 * A test run from the terminal (`run`, `demo`): Ctrl-C stops the load and leaves a reportable run,
 * progress goes to stderr, and what the run and its report came to goes to stdout. Returns the
 * run's exit code (./run-exit-code.ts).
 */
import { runAndReport, type RunAndReportOptions } from '../pipeline/run-and-report.js';
import { createProgressPrinter } from './progress.js';
import { reportLines } from './report-lines.js';
import { finishRun } from './run-exit-code.js';
import { stripControl } from './terminal-text.js';

export async function runInteractively(options: Omit<RunAndReportOptions, 'load'> & { load: Omit<RunAndReportOptions['load'], 'signal' | 'onProgress'> }): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted by Ctrl-C'));
  process.once('SIGINT', onSigint);
  const printer = createProgressPrinter();
  try {
    const { load, report } = await runAndReport({
      ...options,
      load: { ...options.load, signal: controller.signal, onProgress: (p) => printer.update(p) },
      afterLoad: async () => {
        printer.done();
        process.off('SIGINT', onSigint);
        await options.afterLoad?.();
      },
    });
    process.stdout.write(stripControl(`run ${load.status}${load.reason ? ` (${load.reason})` : ''}: ${load.runDir}`, true) + '\n');
    if (report !== undefined) process.stdout.write(reportLines(report));
    return finishRun(load);
  } finally {
    printer.done();
    process.off('SIGINT', onSigint);
  }
}
