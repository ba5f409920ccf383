/**
 * Sizing the VU pool of an arrival-rate scenario before the run.
 */

/**
 * VU pool from Little's law: busy VUs L = λ × W (arrival rate per second × seconds in the
 * system). With W = the SLO p95 (a pessimistic latency the journey is still allowed to have),
 * preAllocatedVUs = ⌈2 × λ_peak × p95⌉ (×2 headroom for bursts of the Poisson-like arrivals),
 * at least 2; maxVUs = 4 × preAllocatedVUs, at least 10, so a slow target shows up as latency
 * first and as dropped iterations only when it is four times past the SLO.
 */
export function vuPool(peakRatePerS: number, p95Ms: number): { preAllocatedVUs: number; maxVUs: number } {
  const preAllocatedVUs = Math.max(2, Math.ceil(peakRatePerS * (p95Ms / 1000) * 2));
  return { preAllocatedVUs, maxVUs: Math.max(10, 4 * preAllocatedVUs) };
}

