/**
 * k6's units for the executors' k6 options. k6 takes integer rates (`startRate`, `rate`, stage
 * `target` are int64 per `timeUnit`); plan rates are fractional iterations/s (e.g. 300 orders/h =
 * 0.0833/s), so an arrival-rate scenario gets the shortest `timeUnit` of 1 s, 10 s, 1 m, 10 m, 1 h,
 * 10 h at which every rate is an integer to within 0.1 % (0.0833/s → 300 per 3600s); beyond that
 * rates are rounded.
 */

/** A k6 duration: whole seconds as `30s`, anything else in milliseconds (`1500ms`). */
export function k6Duration(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}s` : `${Math.max(1, Math.round(seconds * 1000))}ms`;
}

const TIME_UNITS_S = [1, 10, 60, 600, 3600, 36000];

/** Shortest timeUnit (seconds) at which all rates are integers within 0.1 %. */
export function timeUnitFor(ratesPerS: readonly number[]): number {
  const fits = (unit: number) =>
    ratesPerS.every((r) => {
      const scaled = r * unit;
      return Math.abs(scaled - Math.round(scaled)) <= Math.max(1e-9, 0.001 * scaled);
    });
  return TIME_UNITS_S.find(fits) ?? (TIME_UNITS_S[TIME_UNITS_S.length - 1] as number);
}

/** Iterations/s as k6's integer rate per `unit` seconds. */
export const perUnit = (ratePerS: number, unit: number): number => Math.round(ratePerS * unit);
