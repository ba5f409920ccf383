/**
 * Input checks shared by the models. A model given a rate of −3 or 2.5 servers is a caller
 * mistake, so it fails loudly with the `InputError` code `MODEL_INPUT` and a message in
 * simple-statistics' template: the function's name, the input, and the smallest value it accepts.
 */
import { InputError } from '../src/errors.js';

/** The stable error code of every model input check. */
export const MODEL_INPUT = 'MODEL_INPUT';

/** The message for an input outside its domain, e.g. `offeredLoad: ratePerS must be a finite number ≥ 0, got -1`. */
export function modelInputMessage(fn: string, name: string, expected: string, got: unknown): string {
  return `${fn}: ${name} must be ${expected}, got ${String(got)}`;
}

/** Throws unless `value` is a finite number ≥ 0. */
export function requireNonNegative(fn: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new InputError(MODEL_INPUT, modelInputMessage(fn, name, 'a finite number ≥ 0', value));
  }
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(fn: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new InputError(MODEL_INPUT, modelInputMessage(fn, name, 'a finite number > 0', value));
  }
}

/** Throws unless `value` is an integer ≥ `min`. */
export function requireInteger(fn: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(MODEL_INPUT, modelInputMessage(fn, name, `an integer ≥ ${min}`, value));
  }
}

/** Throws unless `value` is a probability strictly between 0 and 1 (a percentile such as 0.95). */
export function requireOpenUnit(fn: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0 || value >= 1) {
    throw new InputError(MODEL_INPUT, modelInputMessage(fn, name, 'a fraction strictly between 0 and 1 (0.95 for p95)', value));
  }
}
