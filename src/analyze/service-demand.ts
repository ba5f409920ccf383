/**
 * Per-request demand on the Odoo HTTP workers, from a RunSummary: the arrival rate of RPC calls
 * at the busiest phase and the service time of one call. A request is one step (one RPC call);
 * a journey iteration makes several.
 *
 * - rate λ = Σ over steps of step throughput in the busiest phase (highest total step throughput);
 * - service time S = count-weighted mean of the step p50s in the least loaded phase (lowest total
 *   step throughput among phases with ≥ 20 step calls), where queueing inflates timings least.
 *   The p50 is used as a robust "typical" time; for right-skewed service times it sits below the
 *   mean (`meanServiceS` gives the count-weighted mean for comparison);
 * - Cs², from the same steps' means and SCVs as a count-weighted mixture:
 *       m = Σ wᵢ mᵢ,  E[S²] = Σ wᵢ mᵢ² (1 + Cs²ᵢ),  Cs² = E[S²] / m² − 1.
 *
 * Timings are client-side: they include the network and any queueing in front of the workers, so
 * a service time from them errs high and the worker count built on it is conservative. Odoo's own
 * request log (later) gives the server-side figures.
 *
 * Without step timings (journeys that record no steps) whole iterations stand in for requests.
 */
import type { LatencyStats, PhaseSummary, RunSummary } from './types.js';

/** Fewest step calls a phase needs to be trusted for the service time. */
export const MIN_CALLS_FOR_SERVICE_TIME = 20;

export interface RequestServiceTime {
  /** λ, requests per second in the busiest phase. */
  ratePerS: number;
  /** S, seconds: count-weighted mean of step p50s in the least loaded phase (0 when nothing ran). */
  serviceS: number;
  /** Count-weighted mean of the same steps' mean latencies, seconds. */
  meanServiceS: number;
  /** Cs² of the request mix, when every step used has a service mean and SCV. */
  serviceScv?: number;
  busiestPhase: string;
  quietestPhase: string;
  /** Requests the service time was measured on. */
  requests: number;
  /** `step` when RPC calls were timed, `iteration` when whole iterations stood in. */
  unit: 'step' | 'iteration';
  /** How the numbers were obtained, in a sentence or two. */
  reason: string;
}

/** The per-request arrival rate and service time a sizing model needs (see the file comment). */
export function requestServiceTime(summary: RunSummary): RequestServiceTime {
  const hasSteps = summary.overall.stats.some((s) => s.step !== null);
  const unit = hasSteps ? 'step' : 'iteration';
  const requestsOf = (phase: PhaseSummary): LatencyStats[] => phase.stats.filter((s) => (hasSteps ? s.step !== null : s.step === null));
  const candidates = summary.phases.length > 0 ? summary.phases : [summary.overall];
  const load = (phase: PhaseSummary): number => requestsOf(phase).reduce((sum, s) => sum + s.throughputPerS, 0);
  const calls = (phase: PhaseSummary): number => requestsOf(phase).reduce((sum, s) => sum + s.count, 0);

  const busiest = candidates.reduce((best, p) => (load(p) > load(best) ? p : best));
  const trusted = candidates.filter((p) => calls(p) >= MIN_CALLS_FOR_SERVICE_TIME);
  const quietest = trusted.length > 0 ? trusted.reduce((best, p) => (load(p) < load(best) ? p : best)) : summary.overall;
  const measured = requestsOf(quietest).filter((s) => s.count > 0);
  const requests = measured.reduce((sum, s) => sum + s.count, 0);
  const weighted = (value: (s: LatencyStats) => number): number =>
    requests === 0 ? 0 : measured.reduce((sum, s) => sum + value(s) * s.count, 0) / requests;

  const ratePerS = load(busiest);
  const serviceS = weighted((s) => s.p50Ms) / 1000;
  const meanServiceS = weighted((s) => s.meanMs) / 1000;
  const serviceScv = mixtureScv(measured);
  const result: RequestServiceTime = {
    ratePerS,
    serviceS,
    meanServiceS,
    busiestPhase: busiest.name,
    quietestPhase: quietest.name,
    requests,
    unit,
    reason: demandReason({ ratePerS, serviceS, serviceScv, busiest: busiest.name, quietest: quietest.name, requests, unit, trusted: trusted.length > 0 }),
  };
  if (serviceScv !== undefined) result.serviceScv = serviceScv;
  return result;
}

/** Cs² of a count-weighted mixture of steps, from each step's service mean and SCV. */
function mixtureScv(steps: LatencyStats[]): number | undefined {
  let total = 0;
  let first = 0;
  let second = 0;
  for (const s of steps) {
    if (s.serviceMeanMs === undefined || s.serviceScv === undefined) return undefined;
    total += s.count;
    first += s.count * s.serviceMeanMs;
    second += s.count * s.serviceMeanMs ** 2 * (1 + s.serviceScv);
  }
  if (total === 0 || first === 0) return undefined;
  const mean = first / total;
  return Math.max(0, second / total / mean ** 2 - 1);
}

interface DemandFacts {
  ratePerS: number;
  serviceS: number;
  serviceScv: number | undefined;
  busiest: string;
  quietest: string;
  requests: number;
  unit: 'step' | 'iteration';
  trusted: boolean;
}

/** e.g. "Busiest phase peak: 2.4 RPC calls/s. Service time 0.31 s: the median of 412 calls in the quietest phase ramp-up, where queueing is least (SCV 1.3)." */
export function demandReason(f: DemandFacts): string {
  const what = f.unit === 'step' ? 'RPC calls' : 'journey iterations (no per-call timings were recorded)';
  const scv = f.serviceScv === undefined ? 'SCV not measured' : `SCV ${Number(f.serviceScv.toPrecision(2))}`;
  const where = f.trusted
    ? `the quietest phase ${f.quietest}, where queueing is least`
    : `the whole run, as no phase had ${MIN_CALLS_FOR_SERVICE_TIME} calls`;
  return (
    `Busiest phase ${f.busiest}: ${Number(f.ratePerS.toPrecision(3))} ${what}/s. ` +
    `Service time ${Number(f.serviceS.toPrecision(3))} s: the median of ${f.requests} ${f.unit === 'step' ? 'calls' : 'iterations'} in ${where} (${scv}); ` +
    'timed client-side, so it includes the network and errs high.'
  );
}
