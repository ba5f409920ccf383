import { ExitCode } from './exit-codes.js';

let code: number = ExitCode.ok;

/** Handlers record their outcome here; main() exits with it once yargs is done. */
export function setExitCode(value: number): void {
  code = value;
}
export function pendingExitCode(): number {
  return code;
}
/** The single process.exit of the CLI (after stdout/stderr drained). */
export function exitWith(value: number): void {
  process.exitCode = value;
  process.stdout.write('', () => process.exit(value));
}
