/**
 * Whether a run whose manifest says `running` is still being written. A live run appends to its
 * run directory at least once a second (the engine's self-monitoring record, metric windows,
 * collector samples, all flushed every 200 ms by RunWriter); a run killed with SIGKILL, or whose
 * machine died, leaves `running` in its manifest and stops writing. Pure.
 */
import type { RunListing } from '../run/reader.js';

/** No write for this long (ms) and the run is taken for dead. */
export const STALE_AFTER_MS = 60_000;

export type RunState = RunListing['status'] | 'killed';

/**
 * The state to show: the manifest's status, except `killed` for a `running` run that stopped
 * writing `STALE_AFTER_MS` ago.
 * @example runState('running', 0, 120_000) // 'killed'
 */
export function runState(status: RunListing['status'], lastWriteMs: number | null, nowMs: number): RunState {
  if (status !== 'running' || lastWriteMs === null) return status;
  return nowMs - lastWriteMs > STALE_AFTER_MS ? 'killed' : 'running';
}
