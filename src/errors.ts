/**
 * Errors that reach the user. Every module's user-facing error class has a stable `code` and a
 * one-line message naming the file, field or host and what to do (STYLE.md §9). Exit codes are
 * mapped from these in src/cli/exit-codes.ts only.
 */

/** Bad input: a file, a field, a URL, credentials. Exit code 1. */
export class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** The command line itself is wrong (missing or conflicting flags). Exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Thresholds or SLOs failed (k6's convention). Exit code 99. */
export class ThresholdsFailedError extends Error {
  readonly code = 'THRESHOLDS_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'ThresholdsFailedError';
  }
}

/** Any error that carries a stable string `code` is a known, user-facing failure. */
export function hasCode(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
