/**
 * M/M/c — Poisson arrivals, exponential service times, c identical servers, one FCFS queue.
 * Here a server is an Odoo HTTP worker and a customer an RPC request.
 *
 * Sources:
 * - Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory*, 4th ed. (Wiley 2008),
 *   §2.3 "Multiserver queues (M/M/c)": Erlang C, mean wait Wq = C/(cμ − λ) and the waiting-time
 *   distribution Wq(t) = 1 − C·e^{−(cμ−λ)t}.
 * - Kleinrock, *Queueing Systems* Vol. 1 (Wiley 1975), §3.5 "M/M/m: the m-server case"
 *   (Erlang's C formula).
 *
 * Units: rates per second, times in seconds, offered load in Erlangs. Utilisation ρ = λ·S / c
 * is the long-run share of time an average server is busy.
 */
import { probabilityOfBlocking } from './erlang-b.js';
import { quantileFromTail } from './invert-tail.js';
import { requireInteger, requireNonNegative, requireOpenUnit, requirePositive } from './model-input.js';

/** An M/M/c queue. */
export interface MMcQueue {
  /** λ, mean arrival rate, requests per second (≥ 0). */
  ratePerS: number;
  /** S = 1/μ, mean service time of one request, seconds (> 0). */
  serviceS: number;
  /** c, number of servers (integer ≥ 1). */
  servers: number;
}

/**
 * Offered load A = λ·S: the mean number of busy servers the work needs (Little's law on the servers).
 *
 * @returns Erlangs (dimensionless).
 * @example offeredLoad(2.4, 0.31) // → 0.744
 */
export function offeredLoad(ratePerS: number, serviceS: number): number {
  requireNonNegative('offeredLoad', 'ratePerS', ratePerS);
  requireNonNegative('offeredLoad', 'serviceS', serviceS);
  return ratePerS * serviceS;
}

/**
 * Server utilisation ρ = λ·S / c (Gross et al. §2.3). ρ ≥ 1 means the queue grows without bound.
 *
 * @returns fraction of time a server is busy (may exceed 1 for an overloaded system).
 * @example utilization(2.4, 0.31, 5) // → 0.1488
 */
export function utilization(ratePerS: number, serviceS: number, servers: number): number {
  requireInteger('utilization', 'servers', servers, 1);
  return offeredLoad(ratePerS, serviceS) / servers;
}

/**
 * Whether the queue has a steady state: λ < c·μ, i.e. ρ < 1.
 *
 * @example isStable({ ratePerS: 10, serviceS: 0.5, servers: 5 }) // → false (ρ = 1)
 */
export function isStable(queue: MMcQueue): boolean {
  return utilization(queue.ratePerS, queue.serviceS, queue.servers) < 1;
}

/**
 * Erlang C: probability that an arrival has to wait (all c servers busy), for A < c:
 *
 *     C(c, A) = c·B(c, A) / (c − A·(1 − B(c, A)))
 *
 * where B is Erlang B (models/erlang-b.ts) — the standard stable route to Erlang C
 * (equivalent to the textbook form (A^c/c!)·(c/(c−A)) / (Σ_{k<c} A^k/k! + (A^c/c!)·(c/(c−A))),
 * Gross et al. §2.3). When A ≥ c every arrival eventually waits: returns 1.
 *
 * @param servers c (integer ≥ 1).
 * @param load A = λ·S, Erlangs.
 * @returns probability in [0, 1].
 * @example probabilityOfWaiting(3, 2) // → 0.4444… (= 4/9)
 */
export function probabilityOfWaiting(servers: number, load: number): number {
  requireInteger('probabilityOfWaiting', 'servers', servers, 1);
  requireNonNegative('probabilityOfWaiting', 'offeredLoad', load);
  if (load >= servers) return 1;
  const blocking = probabilityOfBlocking(servers, load);
  return (servers * blocking) / (servers - load * (1 - blocking));
}

/**
 * θ = cμ − λ: the rate at which the conditional waiting time (given a wait) decays, per second.
 * Given that it waits, an M/M/c arrival waits an exponential time with mean 1/θ.
 */
export function waitDecayRatePerS(queue: MMcQueue): number {
  return queue.servers / queue.serviceS - queue.ratePerS;
}

/**
 * Mean time in queue (before service starts): Wq = C(c, A) / (cμ − λ) (Gross et al. §2.3).
 *
 * @returns seconds; `Infinity` when the queue is unstable (ρ ≥ 1).
 * @example meanWait({ ratePerS: 0.5, serviceS: 1, servers: 1 }) // → 1 (M/M/1: ρ/(μ − λ))
 */
export function meanWait(queue: MMcQueue): number {
  checkQueue('meanWait', queue);
  if (!isStable(queue)) return Number.POSITIVE_INFINITY;
  const waiting = probabilityOfWaiting(queue.servers, offeredLoad(queue.ratePerS, queue.serviceS));
  return waiting / waitDecayRatePerS(queue);
}

/**
 * The p-percentile of the time in queue. From P(Wq > t) = C·e^{−(cμ−λ)t} (Gross et al. §2.3):
 *
 *     t_p = ln(C / (1 − p)) / (cμ − λ)   when C > 1 − p, else 0
 *
 * (when fewer than 1 − p of the arrivals wait at all, the percentile is no wait).
 *
 * @param p percentile as a fraction, 0 < p < 1 (0.95 for p95).
 * @returns seconds; `Infinity` when unstable.
 * @example waitPercentile({ ratePerS: 0.5, serviceS: 1, servers: 1 }, 0.95) // → 4.605… (= 2·ln 10)
 */
export function waitPercentile(queue: MMcQueue, p: number): number {
  checkQueue('waitPercentile', queue);
  requireOpenUnit('waitPercentile', 'p', p);
  if (!isStable(queue)) return Number.POSITIVE_INFINITY;
  const waiting = probabilityOfWaiting(queue.servers, offeredLoad(queue.ratePerS, queue.serviceS));
  if (waiting <= 1 - p) return 0;
  return Math.log(waiting / (1 - p)) / waitDecayRatePerS(queue);
}

/**
 * The tail of the response (sojourn) time T = Wq + S of M/M/c FCFS, exact. A request's own service
 * time S ~ Exp(μ) is independent of its wait, and the wait is 0 with probability 1 − C and
 * Exp(θ) otherwise (θ = cμ − λ), so
 *
 *     P(T > t) = (1 − C)·e^{−μt} + C·(θ·e^{−μt} − μ·e^{−θt}) / (θ − μ)     (θ ≠ μ)
 *     P(T > t) = (1 − C)·e^{−μt} + C·(1 + μt)·e^{−μt}                       (θ = μ)
 *
 * (the second term is the tail of the hypoexponential sum of Exp(θ) and Exp(μ)).
 *
 * @returns the probability that a request spends longer than t seconds in the system.
 */
export function responseTimeTail(queue: MMcQueue, t: number): number {
  checkQueue('responseTimeTail', queue);
  const mu = 1 / queue.serviceS;
  if (!isStable(queue)) return 1;
  const waiting = probabilityOfWaiting(queue.servers, offeredLoad(queue.ratePerS, queue.serviceS));
  return (1 - waiting) * Math.exp(-mu * t) + waiting * hypoexponentialTail(waitDecayRatePerS(queue), mu, t);
}

/**
 * The p-percentile of the response time (wait + service) of M/M/c: the exact mixture tail
 * `responseTimeTail` inverted by bisection (models/invert-tail.ts) to a relative 1e-9.
 * For general (non-exponential) service times see models/mgc.ts.
 *
 * @param p percentile as a fraction, 0 < p < 1.
 * @returns seconds; `Infinity` when unstable.
 * @example responseTimePercentile({ ratePerS: 0.5, serviceS: 1, servers: 1 }, 0.95) // → 5.991… (M/M/1: T ~ Exp(μ − λ), ln 20 / 0.5)
 */
export function responseTimePercentile(queue: MMcQueue, p: number): number {
  checkQueue('responseTimePercentile', queue);
  requireOpenUnit('responseTimePercentile', 'p', p);
  if (!isStable(queue)) return Number.POSITIVE_INFINITY;
  return quantileFromTail((t) => responseTimeTail(queue, t), p, queue.serviceS);
}

/** P(X + Y > t) for independent X ~ Exp(a), Y ~ Exp(b). */
export function hypoexponentialTail(a: number, b: number, t: number): number {
  // Close rates make the general formula cancel catastrophically; its limit is the Erlang-2 tail.
  if (Math.abs(a - b) <= 1e-7 * Math.max(a, b)) {
    const rate = (a + b) / 2;
    return (1 + rate * t) * Math.exp(-rate * t);
  }
  return (a * Math.exp(-b * t) - b * Math.exp(-a * t)) / (a - b);
}

function checkQueue(fn: string, queue: MMcQueue): void {
  requireNonNegative(fn, 'ratePerS', queue.ratePerS);
  requirePositive(fn, 'serviceS', queue.serviceS);
  requireInteger(fn, 'servers', queue.servers, 1);
}
