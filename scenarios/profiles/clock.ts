/**
 * Business clock times of profiles: `HH:MM`, 24-hour, `00:00` to `24:00` (`24:00` = end of day,
 * so a phase may end at midnight).
 */

/** `HH:MM` with two-digit hours 00–23 and minutes 00–59, or exactly `24:00`. */
export const CLOCK_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * Seconds since midnight of a business clock time.
 * @returns `undefined` when `hhmm` is not a valid `HH:MM` (see CLOCK_PATTERN).
 * @example clockToSeconds('08:30') // 30600
 */
export function clockToSeconds(hhmm: string): number | undefined {
  if (!CLOCK_PATTERN.test(hhmm)) return undefined;
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60;
}

/**
 * Seconds since midnight of a clock time already validated by the profile schema.
 * @throws Error when `hhmm` is not `HH:MM` (a programming error: validate the profile first).
 */
export function clockSeconds(hhmm: string): number {
  const s = clockToSeconds(hhmm);
  if (s === undefined) throw new Error(`clockSeconds: expected HH:MM, got ${JSON.stringify(hhmm)}`);
  return s;
}
