/**
 * The walking skeleton's first sizing answer: how many Odoo HTTP workers the measured request
 * stream needs. Measured demand (service-demand.ts) → models/workers-needed.ts.
 *
 * Client-side timings include network and queueing, so the service time errs high and the count
 * is conservative; Odoo's request log will later give server-side service times.
 */
import { InputError } from '../errors.js';
import type { Reasoned } from '../../models/reasoned.js';
import { workersForTarget } from '../../models/workers-needed.js';
import { requestServiceTime } from './service-demand.js';
import type { RunSummary } from './types.js';

/** Per-request (RPC call) p95 the workers should keep when none is given, seconds. */
export const DEFAULT_REQUEST_P95_S = 1;
/** Utilisation ceiling when none is given (headroom for bursts). */
export const DEFAULT_MAX_UTILIZATION = 0.7;

export interface RecommendOptions {
  /** Per-request p95 target, seconds. Default 1. */
  targetP95S?: number;
  /** Highest acceptable worker utilisation, 0–1. Default 0.7. */
  maxUtilization?: number;
}

/** A type alias, not an interface, so it fits report types indexed by name (`Record<string, Reasoned>`). */
export type WorkerRecommendation = {
  httpWorkers: Reasoned<number>;
};

/** The message when a run has no completed request to size from. */
export function noRequestsMessage(runId: string): string {
  return `run ${runId}: no completed requests were measured, so there is nothing to size the workers from — run a load test that completes requests, or size from a forecast with \`plan\``;
}

/**
 * Odoo HTTP workers for the busiest measured phase.
 *
 * @throws InputError `NO_REQUESTS_MEASURED` when the run completed no request.
 */
export function recommendWorkers(summary: RunSummary, options: RecommendOptions = {}): WorkerRecommendation {
  const demand = requestServiceTime(summary);
  if (demand.requests === 0 || demand.serviceS <= 0) throw new InputError('NO_REQUESTS_MEASURED', noRequestsMessage(summary.runId));
  const answer = workersForTarget({
    ratePerS: demand.ratePerS,
    serviceMeanS: demand.serviceS,
    serviceScv: demand.serviceScv ?? 1,
    targetP95S: options.targetP95S ?? DEFAULT_REQUEST_P95_S,
    maxUtilization: options.maxUtilization ?? DEFAULT_MAX_UTILIZATION,
  });
  return {
    httpWorkers: {
      ...answer,
      reason: `${answer.reason} ${demand.reason}${demand.serviceScv === undefined ? ' Service-time SCV assumed 1 (exponential).' : ''}`,
      inputs: {
        ...answer.inputs,
        runId: summary.runId,
        busiestPhase: demand.busiestPhase,
        quietestPhase: demand.quietestPhase,
        measuredRequests: demand.requests,
        requestUnit: demand.unit,
        meanServiceS: demand.meanServiceS,
        serviceScvMeasured: demand.serviceScv !== undefined,
      },
    },
  };
}
