/**
 * Headroom: how much more load a configuration takes before an objective breaks, as a percentage of
 * the forecast (or measured) peak. Load is scaled uniformly (every arrival rate × m); the largest m
 * with (a) the M/G/c per-request p95 (models/mgc.ts) ≤ the target, (b) CPU utilisation ≤ 1 and
 * (c) worker utilisation < 1 is found by bisection to 0.1 %. Headroom = (m − 1) × 100 %; negative
 * when the configuration already misses an objective at that peak.
 */
import { approximateResponseTimePercentile } from './mgc.js';
import type { Reasoned } from './reasoned.js';

export interface HeadroomInput {
  ratePerS: number;
  serviceMeanS: number;
  serviceScv: number;
  workers: number;
  targetP95S: number;
  /** CPU-seconds per second at the peak (Odoo + PostgreSQL on the cores counted). */
  cpuSecondsPerS: number;
  cores: number;
  /** The load the configuration was sized for, in words: `the forecast peak` or `the tested peak`. Names the unit. */
  peak: string;
}

/** The first objective to break as load grows. */
export type HeadroomLimit = 'p95-target' | 'cpu' | 'workers';

/** Headroom (see the file comment). */
export function headroom(input: HeadroomInput): Reasoned<number> {
  const limitAt = (m: number): HeadroomLimit | null => {
    if (input.cpuSecondsPerS * m > input.cores) return 'cpu';
    if ((input.ratePerS * m * input.serviceMeanS) / input.workers >= 1) return 'workers';
    const p95 = approximateResponseTimePercentile({ ratePerS: input.ratePerS * m, serviceS: input.serviceMeanS, servers: input.workers, serviceScv: input.serviceScv }, 0.95);
    return p95 > input.targetP95S ? 'p95-target' : null;
  };
  let lo = 0;
  let hi = 1;
  while (limitAt(hi) === null && hi < 1e6) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1e-3 * hi) {
    const mid = (lo + hi) / 2;
    if (limitAt(mid) === null) lo = mid;
    else hi = mid;
  }
  const limit = limitAt(hi) ?? 'workers';
  const percent = Math.round((lo - 1) * 1000) / 10;
  const what = limit === 'cpu' ? `the CPU (${input.cores} cores) saturates` : limit === 'workers' ? `the ${input.workers} workers saturate` : `the per-request p95 passes ${input.targetP95S} s`;
  return {
    value: percent,
    unit: `% of ${input.peak}`,
    reason:
      percent >= 0
        ? `Load can grow ${percent} % above ${input.peak} before ${what}.`
        : `Already ${-percent} % over: at ${input.peak} ${what}; the configuration holds only ${Math.round(lo * 100)} % of it.`,
    formula: 'largest m with p95_MGc(m·λ) ≤ target, m·CPU ≤ cores, m·λ·S < c; headroom = m − 1',
    inputs: { ratePerS: input.ratePerS, serviceMeanS: input.serviceMeanS, serviceScv: input.serviceScv, workers: input.workers, targetP95S: input.targetP95S, cpuSecondsPerS: input.cpuSecondsPerS, cores: input.cores, multiplier: lo, limit },
  };
}
