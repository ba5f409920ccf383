/**
 * Business totals of a profile: expected iterations per journey over all phases (or one), in
 * business time, before any scale or compression.
 *
 *   rates   the integral of the piecewise-linear rate: a phase adds (from + to) / 2 × hours
 *   bursts  batches × size (batch times as in src/engine/compile-bursts.ts)
 *   users   users × phase seconds / (iterationS + thinkTimeS): the pace of the people, Odoo's
 *           latency not included
 */
import { clockSeconds } from './clock.js';
import type { Burst, Profile, ProfilePhase } from './types.js';

/**
 * Expected business iterations per journey over the whole profile (or one phase).
 * @example businessTotals(morningOrderWave) // { 'order-to-delivery': 780 }
 */
export function businessTotals(profile: Profile, phaseName?: string): Record<string, number> {
  const totals: Record<string, number> = {};
  const add = (journey: string, n: number) => {
    totals[journey] = (totals[journey] ?? 0) + n;
  };
  for (const phase of profile.phases) {
    if (phaseName !== undefined && phase.name !== phaseName) continue;
    const seconds = clockSeconds(phase.end) - clockSeconds(phase.start);
    for (const [journey, rate] of Object.entries(phase.rates ?? {})) add(journey, ((rate.from + rate.to) / 2) * (seconds / 3600));
    for (const [journey, bursts] of Object.entries(phase.bursts ?? {})) {
      for (const burst of bursts) add(journey, batchCount(phase, burst) * burst.size);
    }
    for (const [journey, users] of Object.entries(phase.users ?? {})) {
      const pacing = profile.pacing?.[journey];
      const cycle = pacing === undefined ? 0 : pacing.iterationS + pacing.thinkTimeS;
      add(journey, cycle > 0 ? (users * seconds) / cycle : 0);
    }
  }
  return totals;
}

/**
 * Batches of a burst inside a phase: starts at offset + k × every (clock-anchored) with the whole
 * batch inside the phase.
 * @example batchCount({ start: '08:00', end: '12:00' }, { everyMin: 30, size: 500, spreadMin: 10 }) // 8
 */
export function batchCount(phase: Pick<ProfilePhase, 'start' | 'end'>, burst: Burst): number {
  const start = clockSeconds(phase.start);
  const end = clockSeconds(phase.end);
  const every = burst.everyMin * 60;
  const offset = (burst.offsetMin ?? 0) * 60;
  const first = offset + Math.ceil((start - offset) / every - 1e-6) * every;
  const lastStart = end - burst.spreadMin * 60;
  return lastStart + 1e-6 < first ? 0 : Math.floor((lastStart - first) / every + 1e-6) + 1;
}

/**
 * Peak business rate per journey, iterations per hour, per shape: the highest ramp end of
 * `rates`, the highest sum of overlapping batches' rates (size / spread) of `bursts`, and
 * `users` × 3600 / cycle of the busiest phase.
 */
export function businessPeaks(profile: Profile): Record<string, { rates?: number; bursts?: number; users?: number }> {
  const peaks: Record<string, { rates?: number; bursts?: number; users?: number }> = {};
  const raise = (journey: string, kind: 'rates' | 'bursts' | 'users', value: number) => {
    const entry = (peaks[journey] ??= {});
    entry[kind] = Math.max(entry[kind] ?? 0, value);
  };
  for (const phase of profile.phases) {
    for (const [journey, rate] of Object.entries(phase.rates ?? {})) raise(journey, 'rates', Math.max(rate.from, rate.to));
    for (const [journey, bursts] of Object.entries(phase.bursts ?? {})) {
      // Overlap: the highest sum of batch rates active at once (pulses are square), by a sweep over
      // start (+rate) and end (−rate) events in time order, ends before starts at the same instant.
      const events = bursts
        .flatMap((b) => batchStarts(phase, b).flatMap((t) => [{ t, delta: (b.size / b.spreadMin) * 60 }, { t: t + b.spreadMin * 60, delta: -(b.size / b.spreadMin) * 60 }]))
        .sort((a, b) => a.t - b.t || a.delta - b.delta);
      let active = 0;
      for (const event of events) {
        active += event.delta;
        if (event.delta > 0) raise(journey, 'bursts', active);
      }
    }
    for (const [journey, users] of Object.entries(phase.users ?? {})) {
      const pacing = profile.pacing?.[journey];
      const cycle = pacing === undefined ? 0 : pacing.iterationS + pacing.thinkTimeS;
      if (cycle > 0) raise(journey, 'users', (users * 3600) / cycle);
    }
  }
  return peaks;
}

/** Business start times of a burst's batches in a phase, seconds since midnight. */
export function batchStarts(phase: Pick<ProfilePhase, 'start' | 'end'>, burst: Burst): number[] {
  const n = batchCount(phase, burst);
  const start = clockSeconds(phase.start);
  const every = burst.everyMin * 60;
  const offset = (burst.offsetMin ?? 0) * 60;
  const first = offset + Math.ceil((start - offset) / every - 1e-6) * every;
  return Array.from({ length: n }, (_, k) => first + k * every);
}
