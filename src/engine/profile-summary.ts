/**
 * What `profiles` and `profiles show` print, as plain JSON (pure): a profile's span, totals and
 * peaks per journey, and its timeline — expected iterations per business hour per journey in
 * equal time buckets — computed from the compiled plan at business time (factor 1), so the chart
 * shows what a run would schedule.
 */
import { clockSeconds } from '../../scenarios/profiles/clock.js';
import type { Profile } from '../../scenarios/profiles/types.js';
import { compileProfile, type CompileOptions } from './compile.js';
import { executorOf } from '../plan/executors/index.js';
import { iterationsBetween, peakLevel, scenarioTotals } from '../plan/shape.js';

export interface JourneySummary {
  journey: string;
  /** How the load is given: `rates`, `bursts`, `users` (one or more). */
  shapes: Array<'rates' | 'bursts' | 'users'>;
  /** Expected iterations over the profile (users: at the business pace). */
  total: number;
  /** Highest expected rate of any one of its scenarios, iterations per business hour. */
  peakPerHour: number;
  /** Most users at once (closed-model journeys only). */
  peakUsers?: number;
}

export interface ProfileSummary {
  name: string;
  description: string;
  /** Business clock `HH:MM` of the first phase start and the last phase end. */
  start: string;
  end: string;
  durationH: number;
  phases: Array<{ name: string; start: string; end: string }>;
  journeys: JourneySummary[];
}

export interface ProfileTimeline {
  /** Business minutes per bucket. */
  bucketMinutes: number;
  /** Business clock `HH:MM` at each bucket start. */
  bucketStarts: string[];
  /** Expected iterations per business hour in each bucket, per journey. */
  rows: Array<{ journey: string; perHour: number[] }>;
}

const kindOf = (name: string | undefined, journey: string): 'rates' | 'bursts' | 'users' =>
  name === `${journey}-bursts` ? 'bursts' : name === `${journey}-users` ? 'users' : 'rates';

/** `HH:MM` of seconds since midnight (rounded to the minute). */
export function clockText(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Span, totals and peaks of a profile (`scale` and `phase` as for compileProfile; no compression).
 * @example summarizeProfile(morningOrderWave).journeys // [{ journey: 'order-to-delivery', shapes: ['rates'], total: 780, peakPerHour: 300 }]
 */
export function summarizeProfile(profile: Profile, options: Pick<CompileOptions, 'scale' | 'phase'> = {}): ProfileSummary {
  const plan = compileProfile(profile, { ...options, compress: undefined });
  const journeys = new Map<string, JourneySummary>();
  for (const scenario of plan.scenarios) {
    const totals = scenarioTotals(scenario);
    const entry = journeys.get(scenario.journey) ?? { journey: scenario.journey, shapes: [], total: 0, peakPerHour: 0 };
    entry.shapes.push(kindOf(scenario.name, scenario.journey));
    entry.total += totals.iterations;
    entry.peakPerHour = Math.max(entry.peakPerHour, totals.peakRatePerS * 3600);
    const executor = executorOf(scenario);
    if (executor.model === 'closed' && executor.iterationsPerLevel() !== null) entry.peakUsers = Math.max(entry.peakUsers ?? 0, peakLevel(scenario));
    journeys.set(scenario.journey, entry);
  }
  const first = plan.phases[0];
  const last = plan.phases[plan.phases.length - 1];
  return {
    name: profile.name,
    description: profile.description,
    start: first?.businessStart ?? '00:00',
    end: last?.businessEnd ?? '00:00',
    durationH: plan.durationS / 3600,
    phases: plan.phases.map((p) => ({ name: p.name, start: p.businessStart, end: p.businessEnd })),
    // Totals are integrals of piecewise-linear rates: round away floating-point dust (8000.0000000000055).
    journeys: [...journeys.values()].map((j) => ({ ...j, total: roundTo(j.total, 6), peakPerHour: roundTo(j.peakPerHour, 6) })),
  };
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * The timeline in `buckets` equal buckets over the profile's span (see the module comment).
 * @example profileTimeline(morningOrderWave, 4).rows[0].perHour // [80, 210, 300, 190]
 */
export function profileTimeline(profile: Profile, buckets: number, options: Pick<CompileOptions, 'scale' | 'phase'> = {}): ProfileTimeline {
  const plan = compileProfile(profile, { ...options, compress: undefined });
  const origin = clockSeconds(plan.phases[0]?.businessStart ?? '00:00');
  const width = plan.durationS / buckets;
  const rows = new Map<string, number[]>();
  for (const scenario of plan.scenarios) {
    const row = rows.get(scenario.journey) ?? new Array<number>(buckets).fill(0);
    for (let i = 0; i < buckets; i += 1) row[i] = (row[i] ?? 0) + (iterationsBetween(scenario, i * width, (i + 1) * width) * 3600) / width;
    rows.set(scenario.journey, row);
  }
  return {
    bucketMinutes: width / 60,
    bucketStarts: Array.from({ length: buckets }, (_, i) => clockText(origin + i * width)),
    rows: [...rows.entries()].map(([journey, perHour]) => ({ journey, perHour })),
  };
}
