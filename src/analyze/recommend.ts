/**
 * What the worker sizing (worker-sizing.ts, recommend-set.ts) shares: the per-request objective it
 * sizes for by default, and the words for a run with nothing to size from.
 */

/** Per-request (RPC call) p95 the workers should keep when none is given, seconds. */
export const DEFAULT_REQUEST_P95_S = 1;

/** The message when a run has no completed request to size from. */
export function noRequestsMessage(runId: string): string {
  return `run ${runId}: no completed requests were measured, so there is nothing to size the workers from — run a load test that completes requests, or size from a forecast with \`plan\``;
}
