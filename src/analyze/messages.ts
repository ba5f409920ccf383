/**
 * The notes analysis attaches to a RunSummary (warnings about the evidence itself). Built by
 * functions so the report and the tests use the same text.
 */
import type { RunStatus } from '../run/records.js';

/** No pg_activity samples: the wait profile is missing. */
export const NO_DATABASE_EVIDENCE = 'no database evidence was collected';

/** The run did not complete; numbers cover only what ran. */
export function partialRunNote(status: RunStatus, reason?: string): string {
  return `run was interrupted — partial (status ${status}${reason ? `: ${reason}` : ''})`;
}

/** A journey has an SLO but no completed iteration to judge it on. */
export function sloWithoutDataNote(journey: string): string {
  return `journey ${journey} has an SLO but no completed iterations: no verdict`;
}

/** Iterations that were due but found no free virtual user (open model): not in the latency figures. */
export function droppedIterationsNote(journey: string, dropped: number, scheduled: number): string {
  const share = scheduled > 0 ? ` of ${scheduled} scheduled (${Number(((dropped / scheduled) * 100).toFixed(2))} %)` : '';
  return `journey ${journey}: ${dropped} iterations dropped${share} — the load generator ran out of virtual users, so latencies understate the load asked for`;
}

/** A collector stopped sampling for a while. `fromS`/`toS` are seconds since the run start. */
export function collectorGapNote(collector: string, fromS: number, toS: number, reason: string): string {
  return `collector ${collector} has a gap from ${fromS.toFixed(1)} s to ${toS.toFixed(1)} s: ${reason}`;
}

/** A warning event recorded during the run. */
export function runWarningNote(source: string, message: string): string {
  return `${source}: ${message}`;
}
