/**
 * Whether the load generator kept up, from its own health records (engine.ndjson, written by
 * src/engine/self-monitor.ts). Pure: the engine warns with it at the end of a run, and analysis
 * reports it, so both read the same verdict.
 */
import { z } from 'zod';
import type { EngineHealthRecord } from './records.js';

export interface EngineHealthLimits {
  /** Event-loop delay p99 above this in some window, ms. Default 100. */
  loopLagP99Ms: number;
  /** CPU share of one core above which a window is "busy". Default 0.9. */
  cpuShare: number;
  /** Share of windows that may be busy, 0–1. Default 0.1. */
  busyWindowShare: number;
  /** Start lag p99 above this in some window, ms. Default 50. */
  startLagP99Ms: number;
}

export const DEFAULT_ENGINE_LIMITS: EngineHealthLimits = { loopLagP99Ms: 100, cpuShare: 0.9, busyWindowShare: 0.1, startLagP99Ms: 50 };

/** The verdict as RunSummary and summary.json carry it (src/analyze/summary-schema.ts). */
export const engineHealthSummarySchema = z.strictObject({
  windows: z.number(),
  /** Highest per-window values over the run (ms / share); null without windows or starts. */
  maxLoopLagP99Ms: z.number().nullable(),
  maxCpuShare: z.number().nullable(),
  maxStartLagP99Ms: z.number().nullable(),
  /** Share of windows whose CPU share was above limits.cpuShare. */
  busyWindowShare: z.number(),
  peakRssBytes: z.number().nullable(),
  /** True when the load generator rather than Odoo limited the run. */
  bottleneck: z.boolean(),
  /** One sentence per crossed limit, for the run warning and the report. */
  reasons: z.array(z.string()),
});

export type EngineHealthSummary = z.infer<typeof engineHealthSummarySchema>;

/**
 * Summarises a run's engine records. Pure.
 * @example summarizeEngineHealth([]).bottleneck // → false
 */
export function summarizeEngineHealth(records: readonly EngineHealthRecord[], limits: EngineHealthLimits = DEFAULT_ENGINE_LIMITS): EngineHealthSummary {
  const max = (xs: number[]) => (xs.length === 0 ? null : Math.max(...xs));
  const maxLoopLagP99Ms = max(records.map((r) => r.loopLagP99Ms));
  const maxCpuShare = max(records.map((r) => r.cpuShare));
  const maxStartLagP99Ms = max(records.flatMap((r) => (r.startLagP99Ms === null ? [] : [r.startLagP99Ms])));
  const busy = records.filter((r) => r.cpuShare > limits.cpuShare).length;
  const busyWindowShare = records.length === 0 ? 0 : busy / records.length;
  const reasons: string[] = [];
  if (maxLoopLagP99Ms !== null && maxLoopLagP99Ms > limits.loopLagP99Ms) {
    reasons.push(`the load generator's event loop was delayed up to ${Math.round(maxLoopLagP99Ms)} ms (p99 in a window; limit ${limits.loopLagP99Ms} ms)`);
  }
  if (busyWindowShare > limits.busyWindowShare) {
    reasons.push(
      `the load generator used more than ${Math.round(limits.cpuShare * 100)} % of a CPU core in ${Math.round(busyWindowShare * 100)} % of the windows (limit ${Math.round(limits.busyWindowShare * 100)} %)`,
    );
  }
  if (maxStartLagP99Ms !== null && maxStartLagP99Ms > limits.startLagP99Ms) {
    reasons.push(`iterations started up to ${Math.round(maxStartLagP99Ms)} ms late (p99 in a window; limit ${limits.startLagP99Ms} ms)`);
  }
  return {
    windows: records.length,
    maxLoopLagP99Ms,
    maxCpuShare,
    maxStartLagP99Ms,
    busyWindowShare,
    peakRssBytes: max(records.map((r) => r.rssBytes)),
    bottleneck: reasons.length > 0,
    reasons,
  };
}

/** The warning text for a bottlenecked generator. */
export function engineWarning(summary: EngineHealthSummary): string {
  return `load generator may have been the bottleneck, not Odoo: ${summary.reasons.join('; ')} — latencies may be overstated; use fewer VUs per machine, run segments on several machines (--segment) or the k6 engine`;
}

/** Collects the per-window figures; a SampleSink for arrival start lags. */
