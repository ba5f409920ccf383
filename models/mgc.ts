/**
 * M/G/c — Poisson arrivals, general service times, c servers: approximations from the M/M/c
 * results (models/erlang-c.ts) and the service time's squared coefficient of variation
 * Cs² = Var(S) / E[S]² (1 for exponential service, 0 for constant, > 1 for long-tailed mixes).
 *
 * Mean wait — the Allen–Cunneen approximation (A. O. Allen, *Probability, Statistics, and
 * Queueing Theory with Computer Science Applications*, 2nd ed., Academic Press 1990, §6.4,
 * GI/G/c with arrival SCV Ca² = 1 for Poisson arrivals):
 *
 *     Wq(M/G/c) ≈ Wq(M/M/c) · (1 + Cs²) / 2
 *
 * It is exact for c = 1 (Pollaczek–Khinchine) and typically within ~10 % for c > 1.
 *
 * Wait distribution — an APPROXIMATION made here, not a published result: keep the M/M/c
 * probability of waiting C and the exponential conditional wait, but scale its rate so the mean
 * agrees with Allen–Cunneen:
 *
 *     P(Wq > t) ≈ C · exp(−θ' t),   θ' = (cμ − λ) · 2 / (1 + Cs²)
 *
 * Service time — modelled as gamma-distributed with the measured mean and Cs² (two-moment fit;
 * models/gamma-distribution.ts), independent of the request's own wait (FCFS). Cs² = 1 gives back
 * the exact M/M/c results; Cs² < 1e-4 is treated as a constant service time.
 */
import {
  isStable,
  meanWait,
  offeredLoad,
  probabilityOfWaiting,
  responseTimePercentile,
  waitDecayRatePerS,
  waitPercentile,
  type MMcQueue,
} from './erlang-c.js';
import { gammaCdfByMoments, logGamma, regularizedLowerGamma } from './gamma-distribution.js';
import { quantileFromTail } from './invert-tail.js';
import { requireNonNegative, requireOpenUnit } from './model-input.js';

/** An M/G/c queue: M/M/c plus the service time's squared coefficient of variation. */
export interface MGcQueue extends MMcQueue {
  /** Cs² = variance / mean² of the service time (≥ 0; 1 = exponential). */
  serviceScv: number;
}

/** Below this SCV the service time is treated as constant (a gamma of shape > 10 000). */
const CONSTANT_SERVICE_SCV = 1e-4;

/**
 * Mean time in queue, Allen–Cunneen: Wq ≈ Wq(M/M/c)·(1 + Cs²)/2.
 *
 * @returns seconds; `Infinity` when unstable.
 * @example approximateMeanWait({ ratePerS: 0.5, serviceS: 1, servers: 1, serviceScv: 0 }) // → 0.5 (M/D/1, exact)
 */
export function approximateMeanWait(queue: MGcQueue): number {
  requireNonNegative('approximateMeanWait', 'serviceScv', queue.serviceScv);
  return meanWait(queue) * ((1 + queue.serviceScv) / 2);
}

/**
 * The p-percentile of the time in queue under the scaled-exponential tail
 * P(Wq > t) ≈ C·e^{−θ' t}, θ' = (cμ − λ)·2/(1 + Cs²) (an approximation, see the file comment):
 *
 *     t_p ≈ ln(C / (1 − p)) / θ'  =  waitPercentile(M/M/c, p) · (1 + Cs²) / 2
 *
 * @param p percentile as a fraction, 0 < p < 1.
 * @returns seconds; `Infinity` when unstable.
 * @example approximateWaitPercentile({ ratePerS: 0.5, serviceS: 1, servers: 1, serviceScv: 3 }, 0.95) // → 9.21… (2 × the M/M/1 value)
 */
export function approximateWaitPercentile(queue: MGcQueue, p: number): number {
  requireNonNegative('approximateWaitPercentile', 'serviceScv', queue.serviceScv);
  return waitPercentile(queue, p) * ((1 + queue.serviceScv) / 2);
}

/**
 * P(T > t) for the response time T = Wq + S, with Wq from the scaled-exponential approximation
 * and S ~ gamma(shape k = 1/Cs², rate β = 1/(S·Cs²)) independent of Wq:
 *
 *     P(T > t) = P(S > t) + C·I(t),   I(t) = ∫₀ᵗ g(s)·e^{−θ'(t − s)} ds
 *
 * (P(S ≤ t, Wq > t − S) = C·I(t)). I(t) in closed form, every term positive (no cancellation):
 *
 *     β > θ':  I = (β / (β − θ'))^k · e^{−θ't} · P(k, (β − θ')t)        (P: regularised lower gamma)
 *     β ≤ θ':  I = e^{−θ't} · (βt)^k / Γ(k) · Σ_{n≥0} (δt)^n / (n! (n + k)),  δ = θ' − β
 *
 * (the second from expanding e^{δs} under the integral). Constant service (Cs² < 1e-4):
 * P(T > t) = 1 for t < S, C·e^{−θ'(t − S)} after.
 *
 * @returns a probability; 1 when unstable.
 */
export function approximateResponseTimeTail(queue: MGcQueue, t: number): number {
  requireNonNegative('approximateResponseTimeTail', 'serviceScv', queue.serviceScv);
  if (!isStable(queue)) return 1;
  const waiting = probabilityOfWaiting(queue.servers, offeredLoad(queue.ratePerS, queue.serviceS));
  const theta = (waitDecayRatePerS(queue) * 2) / (1 + queue.serviceScv);
  const mean = queue.serviceS;
  const scv = queue.serviceScv;
  if (scv < CONSTANT_SERVICE_SCV) return t < mean ? 1 : waiting * Math.exp(-theta * (t - mean));
  if (t <= 0) return 1;
  const serviceTail = 1 - gammaCdfByMoments(t, mean, scv);
  if (waiting === 0) return serviceTail;
  const shape = 1 / scv;
  const rate = 1 / (mean * scv);
  return Math.min(1, serviceTail + waiting * gammaExponentialConvolution(shape, rate, theta, t));
}

/** I(t) = ∫₀ᵗ g(s)·e^{−θ(t − s)} ds for g the gamma(shape, rate) density (see above). */
function gammaExponentialConvolution(shape: number, rate: number, theta: number, t: number): number {
  if (rate > theta) {
    const gap = rate - theta;
    const logI = shape * Math.log(rate / gap) - theta * t + Math.log(regularizedLowerGamma(shape, gap * t));
    return Math.exp(logI);
  }
  const delta = theta - rate;
  const x = delta * t;
  const logPrefix = -theta * t + shape * Math.log(rate * t) - logGamma(shape);
  // Each term is ≤ I ≤ 1, so summing exp(log term) cannot overflow. Terms peak near n ≈ δt.
  let sum = 0;
  let logPower = 0; // ln((δt)^n / n!)
  const limit = x + 40 * Math.sqrt(x + 1) + 100;
  for (let n = 0; n < limit; n++) {
    if (n > 0) logPower += Math.log(x / n);
    const term = Math.exp(logPrefix + logPower - Math.log(n + shape));
    sum += term;
    if (n > x && term <= 1e-17 * sum) break;
  }
  return sum;
}

/**
 * The p-percentile of the response time (wait + service) of M/G/c: `approximateResponseTimeTail`
 * inverted by bisection. For Cs² = 1 this is the exact M/M/c mixture inversion
 * (erlang-c.ts `responseTimePercentile`); for other Cs² it inherits the approximations above.
 *
 * @param p percentile as a fraction, 0 < p < 1.
 * @returns seconds; `Infinity` when unstable.
 * @example approximateResponseTimePercentile({ ratePerS: 0, serviceS: 1, servers: 1, serviceScv: 0 }, 0.95) // → 1 (constant service, no queue)
 */
export function approximateResponseTimePercentile(queue: MGcQueue, p: number): number {
  requireNonNegative('approximateResponseTimePercentile', 'serviceScv', queue.serviceScv);
  requireOpenUnit('approximateResponseTimePercentile', 'p', p);
  if (queue.serviceScv === 1) return responseTimePercentile(queue, p);
  if (!isStable(queue)) return Number.POSITIVE_INFINITY;
  return quantileFromTail((t) => approximateResponseTimeTail(queue, t), p, queue.serviceS);
}

/**
 * The p-percentile of the service time alone under the gamma model — the response-time
 * percentile with unlimited servers, so the floor no worker count can go below.
 *
 * @returns seconds.
 * @example servicePercentile(1, 1, 0.95) // → 2.9957… (exponential: ln 20)
 */
export function servicePercentile(serviceS: number, serviceScv: number, p: number): number {
  requireNonNegative('servicePercentile', 'serviceScv', serviceScv);
  requireOpenUnit('servicePercentile', 'p', p);
  if (serviceScv < CONSTANT_SERVICE_SCV) return serviceS;
  return quantileFromTail((t) => 1 - gammaCdfByMoments(t, serviceS, serviceScv), p, serviceS);
}
