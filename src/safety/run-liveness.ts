/**
 * Whether a run whose manifest says `running` is still being written.
 *
 * On the machine that wrote it, the manifest's `host.hostname` and `host.pid` decide at once: the
 * process is there (running) or gone (killed by SIGKILL, a crash, a reboot). Elsewhere — a shared
 * volume, a copied directory, runs of older versions without a pid — the writes decide: a live run
 * appends at least once a second (self-monitoring, metric windows, collector samples, flushed every
 * 200 ms by RunWriter), so no write for `STALE_AFTER_MS` means dead. Only the run's own files count
 * as writes (manifest.json and *.ndjson): `report` writing report.html must not revive a run. Pure.
 */
import type { RunListing } from '../run/reader.js';

/** No write for this long (ms) and the run is taken for dead. */
export const STALE_AFTER_MS = 60_000;

export type RunState = RunListing['status'] | 'killed';

/** Where the question is asked: this machine's name and a way to tell whether a pid is alive here. */
export interface LivenessProbe {
  hostname: string;
  isAlive(pid: number): boolean;
}

/** The files a running run writes; anything else in its directory (reports) is not a sign of life. */
export function isRunWrite(fileName: string): boolean {
  return fileName === 'manifest.json' || fileName.endsWith('.ndjson');
}

/**
 * The state to show: the manifest's status, except `killed` for a `running` run whose process is
 * gone (same host) or that stopped writing `STALE_AFTER_MS` ago (elsewhere).
 * @example runState('running', 0, 120_000) // 'killed'
 * @example runState('running', Date.now(), Date.now(), { hostname: 'a', pid: 42 }, { hostname: 'a', isAlive: () => false }) // 'killed'
 */
export function runState(
  status: RunListing['status'],
  lastWriteMs: number | null,
  nowMs: number,
  writer?: RunListing['writer'],
  here?: LivenessProbe,
): RunState {
  if (status !== 'running') return status;
  if (writer?.pid !== undefined && here !== undefined && writer.hostname === here.hostname) return here.isAlive(writer.pid) ? 'running' : 'killed';
  if (lastWriteMs === null) return status;
  return nowMs - lastWriteMs > STALE_AFTER_MS ? 'killed' : 'running';
}
