/**
 * One function decides how a run ends for the shell, whatever path the command took (`run` with or
 * without a report, `demo`, `run --engine k6`):
 *
 *   interrupted (Ctrl-C)                        → 130
 *   a threshold or SLO crossed (also aborts)    → 99  (k6's convention)
 *   aborted by the circuit breaker, or failed   → 1
 *   completed, every threshold held             → 0
 */
import type { ThresholdResult } from '../run/thresholds.js';
import { thresholdsFailure } from '../run/thresholds.js';
import type { RunStatus } from '../run/records.js';
import { ExitCode } from './exit-codes.js';
import { stripControl } from './terminal-text.js';

export interface RunOutcome {
  status: RunStatus;
  reason?: string;
  thresholds?: readonly ThresholdResult[];
}

/** The exit code of a finished run and, when it is not 0, the one line that says why. */
export function runExitCode(outcome: RunOutcome): { code: number; message?: string } {
  if (outcome.status === 'interrupted') return { code: ExitCode.interrupted, message: 'run interrupted: the report is marked partial.' };
  const failed = thresholdsFailure(outcome.thresholds ?? []);
  if (failed) return { code: ExitCode.thresholdsFailed, message: failed.message };
  if (outcome.status !== 'completed') {
    return { code: ExitCode.error, message: `run ${outcome.status}${outcome.reason ? `: ${outcome.reason}` : ''}.` };
  }
  return { code: ExitCode.ok };
}

/** `runExitCode`, with its line written to stderr. */
export function finishRun(outcome: RunOutcome, stderr: (line: string) => void = (line) => process.stderr.write(line)): number {
  const { code, message } = runExitCode(outcome);
  if (message !== undefined) stderr(`odoo-capacity: ${stripControl(message, true)}\n`);
  return code;
}
