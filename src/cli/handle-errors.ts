import { hasCode, ThresholdsFailedError, UsageError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import { stripControl } from './terminal-text.js';

/**
 * Runs a command implementation and turns its outcome into an exit code. User mistakes and known
 * failures print one line; the stack is shown only with --verbose (as nx's handle-errors).
 */
export async function handleErrors(verbose: boolean, fn: () => Promise<number | void>): Promise<number> {
  try {
    return (await fn()) ?? ExitCode.ok;
  } catch (error) {
    const line = firstLine(error);
    if (error instanceof UsageError) {
      process.stderr.write(`odoo-capacity: ${line}\n`);
      return ExitCode.usage;
    }
    if (error instanceof ThresholdsFailedError) {
      process.stderr.write(`odoo-capacity: ${line}\n`);
      return ExitCode.thresholdsFailed;
    }
    if (hasCode(error)) {
      process.stderr.write(`odoo-capacity: ${line}\n`);
    } else {
      process.stderr.write(`odoo-capacity: unexpected error: ${line}${verbose ? '' : ' (run with --verbose for details)'}\n`);
    }
    if (verbose && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    return ExitCode.error;
  }
}

/** The message's first line, control characters removed (it may carry an Odoo server's text). */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return stripControl(message.split('\n')[0] ?? message, true);
}
