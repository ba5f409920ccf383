/**
 * Business totals of a profile: iterations per journey over all phases, the integral of the
 * piecewise-linear rate (rates are per hour, so a phase contributes (from + to) / 2 × hours).
 */
import { clockSeconds } from './clock.js';
import type { Profile } from './types.js';

/**
 * Expected business iterations per journey over the whole profile (or one phase).
 * @example businessTotals(morningOrderWave) // { 'order-to-delivery': 780 }
 */
export function businessTotals(profile: Profile, phaseName?: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const phase of profile.phases) {
    if (phaseName !== undefined && phase.name !== phaseName) continue;
    const hours = (clockSeconds(phase.end) - clockSeconds(phase.start)) / 3600;
    for (const [journey, rate] of Object.entries(phase.rates)) {
      totals[journey] = (totals[journey] ?? 0) + ((rate.from + rate.to) / 2) * hours;
    }
  }
  return totals;
}
