/**
 * How many servers (Odoo HTTP workers) a request stream needs to meet a p95 response-time target
 * without running hotter than a utilisation ceiling.
 *
 *     c = max( ⌈λ·S / ρmax⌉ , min{ c : p95(Wq + S) ≤ target } ),   and c > λ·S (stability)
 *
 * p95(Wq + S) is the M/G/c response-time percentile of models/mgc.ts: Erlang C (M/M/c) waits
 * scaled by Allen–Cunneen's (1 + Cs²)/2, service time gamma-distributed with the given mean and SCV.
 * p95 falls as c grows (C(c, A) falls and cμ − λ grows), so the smallest c is found by doubling
 * then bisection. It can never fall below the service time's own p95: a target at or under that
 * floor is reported as unreachable, and the utilisation ceiling alone then sets the count.
 */
import type { Reasoned } from './reasoned.js';
import { offeredLoad, probabilityOfWaiting } from './erlang-c.js';
import { approximateResponseTimePercentile, servicePercentile } from './mgc.js';
import { MODEL_INPUT, modelInputMessage, requireNonNegative, requirePositive } from './model-input.js';
import { InputError } from '../src/errors.js';

export interface WorkersForTargetInput {
  /** λ, requests per second arriving at the workers. */
  ratePerS: number;
  /** S, mean service time of one request, seconds. */
  serviceMeanS: number;
  /** Cs², squared coefficient of variation of the service time. Default 1 (exponential). */
  serviceScv?: number;
  /** Response-time (wait + service) p95 the workers must keep, seconds. */
  targetP95S: number;
  /** Highest acceptable utilisation ρ = λ·S / c, 0 < ρmax ≤ 1. Default 0.7 (headroom for bursts). */
  maxUtilization?: number;
}

/** Which constraint set the count. */
export type WorkersDecidedBy = 'p95-target' | 'utilization-ceiling' | 'both' | 'unreachable-target';

const P95 = 0.95;
/** Searching beyond this many servers means the inputs are not about Odoo workers any more. */
const MAX_SERVERS = 1_000_000;

/**
 * The smallest worker count meeting both the p95 target and the utilisation ceiling.
 *
 * @returns `Reasoned<number>` with `inputs`: the arguments, `offeredLoadErlangs`, `utilization`,
 *   `predictedP95S`, `probabilityOfWaiting`, `isStable`, `servicePercentileS` (the floor),
 *   `workersForUtilization`, `workersForP95` (−1 when unreachable), `targetReachable`, `decidedBy`.
 * @throws InputError `MODEL_INPUT` for negative rates, non-positive times or a ceiling outside (0, 1].
 * @example workersForTarget({ ratePerS: 2.4, serviceMeanS: 0.31, targetP95S: 1 }).value // → 2
 */
export function workersForTarget(input: WorkersForTargetInput): Reasoned<number> {
  const { ratePerS, serviceMeanS, targetP95S } = input;
  const serviceScv = input.serviceScv ?? 1;
  const maxUtilization = input.maxUtilization ?? 0.7;
  requireNonNegative('workersForTarget', 'ratePerS', ratePerS);
  requirePositive('workersForTarget', 'serviceMeanS', serviceMeanS);
  requireNonNegative('workersForTarget', 'serviceScv', serviceScv);
  requirePositive('workersForTarget', 'targetP95S', targetP95S);
  if (!(maxUtilization > 0 && maxUtilization <= 1)) {
    throw new InputError(MODEL_INPUT, modelInputMessage('workersForTarget', 'maxUtilization', 'a fraction in (0, 1]', maxUtilization));
  }

  const load = offeredLoad(ratePerS, serviceMeanS);
  // Stability needs c > λ·S; the ceiling needs λ·S / c ≤ ρmax (the epsilon keeps 7/0.7 at 10, not 11).
  const stable = Math.floor(load) + 1;
  const forUtilization = Math.max(stable, Math.ceil(load / maxUtilization - 1e-9));
  const p95At = (servers: number): number =>
    approximateResponseTimePercentile({ ratePerS, serviceS: serviceMeanS, servers, serviceScv }, P95);
  const floorS = servicePercentile(serviceMeanS, serviceScv, P95);

  const reachable = targetP95S > floorS;
  const forP95 = reachable ? smallestServers(stable, (c) => p95At(c) <= targetP95S) : -1;
  const servers = Math.max(forUtilization, forP95);
  const predictedP95S = p95At(servers);
  const rho = load / servers;
  const decidedBy: WorkersDecidedBy = !reachable
    ? 'unreachable-target'
    : forP95 > forUtilization
      ? 'p95-target'
      : forP95 < forUtilization
        ? 'utilization-ceiling'
        : 'both';

  return {
    value: servers,
    unit: 'workers',
    reason: workersReason({ ratePerS, serviceMeanS, serviceScv, targetP95S, maxUtilization, servers, predictedP95S, rho, floorS, decidedBy }),
    formula:
      'c = max(⌈λ·S/ρmax⌉, smallest c with p95(Wq+S) ≤ target); Wq: Erlang C (M/M/c, Gross et al. §2.3) scaled by ' +
      'Allen–Cunneen (1+Cs²)/2 (Allen 1990), exponential wait tail with rate (cμ−λ)·2/(1+Cs²) (approximation); ' +
      'S: gamma with the measured mean and Cs²',
    inputs: {
      ratePerS,
      serviceMeanS,
      serviceScv,
      targetP95S,
      maxUtilization,
      offeredLoadErlangs: load,
      utilization: rho,
      predictedP95S,
      probabilityOfWaiting: probabilityOfWaiting(servers, load),
      isStable: rho < 1,
      servicePercentileS: floorS,
      workersForUtilization: forUtilization,
      workersForP95: forP95,
      targetReachable: reachable,
      decidedBy,
    },
  };
}

/** The smallest c ≥ from with ok(c), for ok monotone in c: doubling, then bisection. */
function smallestServers(from: number, ok: (c: number) => boolean): number {
  if (ok(from)) return from;
  let bad = from;
  let good = from * 2;
  while (!ok(good)) {
    if (good >= MAX_SERVERS) return MAX_SERVERS;
    bad = good;
    good *= 2;
  }
  while (good - bad > 1) {
    const mid = Math.floor((bad + good) / 2);
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

interface ReasonFacts {
  ratePerS: number;
  serviceMeanS: number;
  serviceScv: number;
  targetP95S: number;
  maxUtilization: number;
  servers: number;
  predictedP95S: number;
  rho: number;
  floorS: number;
  decidedBy: WorkersDecidedBy;
}

/**
 * The plain-language reason, e.g. "At 2.4 requests/s of 0.31 s each, 2 workers keep p95 at 0.52 s
 * (target 1 s) and utilisation at 37 % (ceiling 70 %). The p95 target decides."
 */
export function workersReason(f: ReasonFacts): string {
  const workers = f.servers === 1 ? '1 worker keeps' : `${f.servers} workers keep`;
  const load = `${formatSignificant(f.ratePerS)} requests/s of ${formatSignificant(f.serviceMeanS)} s each`;
  const utilisation = `utilisation at ${formatPercent(f.rho)} (ceiling ${formatPercent(f.maxUtilization)})`;
  if (f.decidedBy === 'unreachable-target') {
    return (
      `No worker count can meet a p95 of ${formatSignificant(f.targetP95S)} s: requests of ${formatSignificant(f.serviceMeanS)} s ` +
      `(service-time SCV ${formatSignificant(f.serviceScv)}) have a p95 of ${formatSignificant(f.floorS)} s on their own, before any queueing. ` +
      `At ${load}, ${workers} ${utilisation}, with p95 at ${formatSignificant(f.predictedP95S)} s.`
    );
  }
  const decides =
    f.decidedBy === 'p95-target'
      ? 'The p95 target decides; the utilisation ceiling alone would need fewer.'
      : f.decidedBy === 'utilization-ceiling'
        ? 'The utilisation ceiling decides; the p95 target alone would need fewer.'
        : 'Both the p95 target and the utilisation ceiling hold at this count.';
  return `At ${load}, ${workers} p95 at ${formatSignificant(f.predictedP95S)} s (target ${formatSignificant(f.targetP95S)} s) and ${utilisation}. ${decides}`;
}

/** Three significant digits, no trailing zeros: 0.3100 → "0.31", 2.4 → "2.4", 1234.5 → "1230". */
function formatSignificant(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  return String(Number(value.toPrecision(3)));
}

function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}
