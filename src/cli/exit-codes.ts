/** All exit codes of odoo-capacity in one table (as k6's errext/exitcodes). */
export const ExitCode = {
  ok: 0,
  /** Bad input, unreachable target, failed run. */
  error: 1,
  /** The command line is wrong. */
  usage: 2,
  /** `lab status`: no lab is running (as `systemctl status`). */
  notRunning: 3,
  /** Thresholds or SLOs failed (k6's code). */
  thresholdsFailed: 99,
  /** Interrupted by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
