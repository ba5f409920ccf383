/**
 * Number formatting for the report: short, unit-bearing and locale-independent
 * (the same run renders the same bytes everywhere).
 */

/**
 * A latency in milliseconds as a human reads it: below one second in ms (3 significant digits),
 * from one second on in seconds with one decimal (two below 10 s).
 *
 * @example formatMs(850) // → '850 ms'
 * @example formatMs(3400) // → '3.4 s'
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (Math.abs(ms) < 1000) return `${trimNumber(Number(ms.toPrecision(3)))} ms`;
  const s = ms / 1000;
  return `${trimNumber(Number(s.toFixed(s < 10 ? 2 : 1)))} s`;
}

/**
 * A ratio (0..1) as a percentage with up to two decimals.
 *
 * @example formatRatio(0.0123) // → '1.23 %'
 */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  return `${trimNumber(Number((ratio * 100).toFixed(2)))} %`;
}

/**
 * A duration in seconds as `1 h 2 min 5 s`, dropping zero parts (`45 s`, `10 min`).
 */
export function formatDurationS(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '', s > 0 || total === 0 ? `${s} s` : ''];
  return parts.filter((p) => p !== '').join(' ');
}

/** A plain number with at most `digits` decimals and no trailing zeros. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '–';
  return trimNumber(Number(value.toFixed(digits)));
}

function trimNumber(n: number): string {
  // String(n) never uses exponent notation for the magnitudes a report shows (1e-6 .. 1e21).
  return String(Object.is(n, -0) ? 0 : n);
}

/**
 * A URL with its user name and password removed, for display. Falls back to cutting
 * `user:pass@` textually when the string does not parse as a URL.
 *
 * @example displayUrl('https://admin:secret@staging.example.com/odoo') // → 'https://staging.example.com/odoo'
 */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}
