/**
 * Fixed-cadence tick arithmetic for collectors. Tick k is due at t0 + k × intervalMs, whatever
 * happened before, so sampling does not drift; a tick whose due time has passed while the
 * previous one was still running is skipped rather than run late (no pile-up):
 *
 *   due:     t0      t0+i     t0+2i    t0+3i
 *            │────────┼────────┼────────┼──► ms
 *   query:   [=== slow query ====]  ▲
 *                      skipped ───┘  next tick is t0+3i (index 3), not t0+i or t0+2i
 */

/** The index of the first tick due at or after `now` (0 when `now` ≤ t0). */
export function firstTickAtOrAfter(t0: number, intervalMs: number, now: number): number {
  if (now <= t0) return 0;
  return Math.ceil((now - t0) / intervalMs);
}

/**
 * The tick to run after tick `index` finished at `now`, and how many ticks were skipped because
 * their due time passed while tick `index` ran.
 * @example nextTick(0, 100, 3, 350) // { index: 4, skipped: 0 }
 * @example nextTick(0, 100, 3, 520) // { index: 6, skipped: 2 } — ticks 4 and 5 came due while 3 ran
 */
export function nextTick(t0: number, intervalMs: number, index: number, now: number): { index: number; skipped: number } {
  const next = Math.max(index + 1, firstTickAtOrAfter(t0, intervalMs, now));
  return { index: next, skipped: next - index - 1 };
}

/** Time at which tick `index` is due, epoch ms. */
export function tickDue(t0: number, intervalMs: number, index: number): number {
  return t0 + index * intervalMs;
}

/**
 * Reconnection back-off: the delay before attempt n (0-based) after a failure, doubling from
 * `initialMs` up to `maxMs`.
 * @example backoffDelay(3, 250, 30000) // 2000
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
}
