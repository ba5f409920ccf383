/**
 * The plan compiler: Profile (business story, orders per hour at clock times) → LoadPlan
 * (arrival-rate stages per journey in plan seconds). Pure, no I/O.
 *
 *   1. select      all phases, or the one named by `phase` (the plan then starts at that phase)
 *   2. compress    factor = business seconds per plan second (given, or span / durationS)
 *   3. time map    plan t = (business t − first selected start) / factor
 *   4. rates       plan rate (iterations/s) = rate per hour / 3600 × scale × (keep 'totals' ? factor : 1)
 *   5. stages      per journey: a ramping-arrival-rate scenario for its `rates` (stages following
 *                  the phases), one for its `bursts` (./compile-bursts.ts: square pulses) and a
 *                  constant-vus / ramping-vus one for its `users` (./compile-users.ts)
 *   6. pool        preAllocatedVUs / maxVUs from the peak rate and the SLO p95 (Little's law)
 *   7. params      profile `params[journey]` copied onto each of the journey's scenarios
 *
 * What compression keeps (`keep`), per shape:
 *   rates, bursts  'peak-rates': business rates, so totals shrink by the factor;
 *                  'totals': rates × factor, so the business totals are run in the shorter time.
 *   users          'peak-rates': the same number of people at their own pace (think times are
 *                  human and are never compressed), so totals shrink by the factor;
 *                  'totals': users × factor (rounded), each at the same pace, so totals are kept.
 *   `scale` multiplies rates, batch sizes and users; connector threads (`bursts[].threads`) are
 *   multiplied by the factor under 'totals' only.
 *
 * Stage shape for one journey (k6 ramping-arrival-rate: each stage ramps linearly from the
 * previous target to its own target; it cannot jump): a jump between phases (previous end rate ≠
 * next start rate, a gap, a journey absent from a phase) becomes a short ramp centred on the
 * boundary — ±min(0.5 s, a quarter of either phase) — so the day's totals are kept (see
 * ./compile-steps.ts). A journey absent from a phase, and time between phases (gaps), get rate 0.
 */
import { clockSeconds } from '../../scenarios/profiles/clock.js';
import type { Profile, ProfilePhase } from '../../scenarios/profiles/types.js';
import { burstScenario } from './compile-bursts.js';
import { usersScenario } from './compile-users.js';
import { DEFAULT_GRACEFUL_STOP_S, rampingArrivalRateScenario } from '../plan/executors/ramping-arrival-rate.js';
import type { AnyPlanScenario, LoadPlan, PlanPhase, PlanScenario } from '../plan/plan.js';
import { linearStages, roundMs, type LinearSegment, type ShapeContext } from './compile-steps.js';
import { scenarioTotals, type JourneyPlanTotals } from '../plan/shape.js';
import { vuPool } from './vu-pool-size.js';

export interface CompileOptions {
  /** Volume multiplier on every business rate. Default 1. */
  scale?: number;
  /**
   * Time compression. `factor` = business seconds per plan second; or give `durationS`, the plan
   * length wanted for the selected phases (factor = business span / durationS). Not both.
   * Default: no compression (factor 1), keep 'peak-rates'.
   */
  compress?: { durationS?: number; factor?: number; keep: 'peak-rates' | 'totals' };
  /** Seed for every random choice in the run. Default 1. */
  seed?: number;
  /** Keep only the phase of this name; the plan starts at its start. */
  phase?: string;
}

/** A compile option out of range; `field` is the option's name so the CLI can name its flag. */
export class PlanOptionError extends Error {
  override readonly name = 'PlanOptionError';
  readonly code = 'PLAN_OPTION_INVALID' as const;
  constructor(
    readonly field: string,
    expected: string,
    got: unknown,
  ) {
    super(`${field}: ${expected}, got ${JSON.stringify(got) ?? String(got)}`);
  }
}

/** Latency assumed for sizing the VU pool of a journey without an SLO, milliseconds. */
export const DEFAULT_ASSUMED_P95_MS = 5000;
/** Shortest plan duration a phase may be compressed to, seconds. */
export const MIN_PHASE_PLAN_S = 0.01;

/**
 * Compile a profile into a LoadPlan.
 * @throws PlanOptionError when scale, compress or phase are out of range.
 * @example compileProfile(morningOrderWave, { compress: { durationS: 120, keep: 'peak-rates' } }).durationS // 120
 */
export function compileProfile(profile: Profile, options: CompileOptions = {}): LoadPlan {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const keep = options.compress?.keep ?? 'peak-rates';
  if (!(Number.isFinite(scale) && scale > 0)) throw new PlanOptionError('scale', 'expected a finite number > 0', scale);
  if (!Number.isInteger(seed)) throw new PlanOptionError('seed', 'expected an integer', seed);

  // 1. select
  const selected = selectPhases(profile, options.phase);
  const first = selected[0];
  const last = selected[selected.length - 1];
  if (first === undefined || last === undefined) throw new PlanOptionError('phase', 'expected a profile with phases', profile.phases.length);
  const originS = clockSeconds(first.start);
  const spanS = clockSeconds(last.end) - originS;

  // 2. compress
  const factor = compressionFactor(spanS, options.compress);
  const toPlanS = (businessClock: string): number => roundMs((clockSeconds(businessClock) - originS) / factor);

  // 3. time map
  const phases: PlanPhase[] = selected.map((phase) => ({
    name: phase.name,
    startS: toPlanS(phase.start),
    endS: toPlanS(phase.end),
    businessStart: phase.start,
    businessEnd: phase.end,
  }));
  for (const phase of phases) {
    if (phase.endS - phase.startS < MIN_PHASE_PLAN_S) {
      throw new PlanOptionError('compress', `expected a compression that leaves phase "${phase.name}" at least ${MIN_PHASE_PLAN_S} s`, factor);
    }
  }

  // 4. rates and 5. stages
  const perHourToPlan = (scale / 3600) * (keep === 'totals' ? factor : 1);
  const journeysOf = (field: 'rates' | 'bursts' | 'users') => [...new Set(selected.flatMap((phase) => Object.keys(phase[field] ?? {})))];
  const p95Of = (journey: string) => profile.slos[journey]?.p95Ms ?? DEFAULT_ASSUMED_P95_MS;
  const shape: ShapeContext = { selected, phases, originS, factor, scale, keep, gracefulStopS: 0 };
  const scenarios: AnyPlanScenario[] = [
    ...journeysOf('rates').map((journey) =>
      journeyScenario(journey, selected, phases, perHourToPlan, factor, p95Of(journey)),
    ),
    ...journeysOf('bursts').map((journey) =>
      burstScenario(journey, { ...shape, gracefulStopS: gracefulStop(factor, p95Of(journey)) }, p95Of(journey)),
    ),
    ...journeysOf('users').map((journey) => {
      const pacing = profile.pacing?.[journey];
      if (pacing === undefined) throw new PlanOptionError('pacing', `expected a pacing for journey "${journey}" (validate the profile)`, undefined);
      return usersScenario(journey, { ...shape, gracefulStopS: gracefulStop(factor, p95Of(journey)) }, pacing);
    }),
  ];
  if (scenarios.length === 0) throw new PlanOptionError('phase', 'expected phases that give some journey a load', options.phase ?? profile.name);
  // 7. params
  for (const scenario of scenarios) {
    const params = profile.params?.[scenario.journey];
    if (params !== undefined) scenario.params = structuredClone(params);
  }
  const journeys = [...new Set(scenarios.map((s) => s.journey))];

  return {
    version: 1,
    profile: profile.name,
    seed,
    scale,
    compress: { factor, keep },
    durationS: toPlanS(last.end),
    phases,
    scenarios,
    slos: Object.fromEntries(journeys.flatMap((j) => (profile.slos[j] ? [[j, { ...profile.slos[j] }]] : []))),
  };
}

function selectPhases(profile: Profile, name: string | undefined): ProfilePhase[] {
  if (name === undefined) return profile.phases;
  const phase = profile.phases.find((p) => p.name === name);
  if (phase === undefined) {
    throw new PlanOptionError('phase', `expected one of ${profile.phases.map((p) => p.name).join(', ')}`, name);
  }
  return [phase];
}

/** Business seconds per plan second. */
function compressionFactor(spanS: number, compress: CompileOptions['compress']): number {
  if (compress === undefined) return 1;
  const { durationS, factor } = compress;
  if (durationS !== undefined && factor !== undefined) {
    throw new PlanOptionError('compress', 'expected either durationS or factor, not both', compress);
  }
  if (durationS !== undefined) {
    if (!(Number.isFinite(durationS) && durationS > 0)) throw new PlanOptionError('compress.durationS', 'expected seconds > 0', durationS);
    return spanS / durationS;
  }
  if (factor !== undefined) {
    if (!(Number.isFinite(factor) && factor > 0)) throw new PlanOptionError('compress.factor', 'expected a finite number > 0', factor);
    return factor;
  }
  return 1;
}

/** One journey's ramping-arrival-rate scenario over the selected phases. */
function journeyScenario(
  journey: string,
  selected: ProfilePhase[],
  phases: PlanPhase[],
  perHourToPlan: number,
  factor: number,
  p95Ms: number,
): PlanScenario {
  // Segments in plan time, gaps between phases included as zero-rate segments.
  const segments: LinearSegment[] = [];
  selected.forEach((phase, i) => {
    const planPhase = phases[i];
    const previous = phases[i - 1];
    if (planPhase === undefined) return;
    if (previous !== undefined && planPhase.startS > previous.endS) {
      segments.push({ startS: previous.endS, endS: planPhase.startS, from: 0, to: 0 });
    }
    const rate = phase.rates?.[journey];
    segments.push({ startS: planPhase.startS, endS: planPhase.endS, from: (rate?.from ?? 0) * perHourToPlan, to: (rate?.to ?? 0) * perHourToPlan });
  });
  const { start: startRate, stages } = linearStages(segments);

  const peakRate = Math.max(startRate, ...stages.map((s) => s.target));
  const { preAllocatedVUs, maxVUs } = vuPool(peakRate, p95Ms);
  return rampingArrivalRateScenario({ journey, name: journey, startRate, stages, preAllocatedVUs, maxVUs, gracefulStopS: gracefulStop(factor, p95Ms) });
}

export { vuPool } from './vu-pool-size.js';

/**
 * gracefulStop: uncompressed plans keep k6's 30 s. Compressed plans shorten business time but not
 * the latency of one iteration, so they give in-flight iterations twice the SLO p95
 * (at least 5 s, at most 30 s) rather than 30 s of a run that may only last two minutes.
 */
export function gracefulStop(factor: number, p95Ms: number): number {
  if (factor <= 1) return DEFAULT_GRACEFUL_STOP_S;
  return Math.min(DEFAULT_GRACEFUL_STOP_S, Math.max(5, Math.ceil((2 * p95Ms) / 1000)));
}


export type { JourneyPlanTotals } from '../plan/shape.js';

/**
 * Expected iterations and peak rate per journey of a plan (its scenarios added up; the peak is
 * the highest of its scenarios' peaks, not of their sum).
 * @example planTotals(compileProfile(morningOrderWave, { compress: { durationS: 120, keep: 'totals' } }))
 *   // { 'order-to-delivery': { iterations: 780, peakRatePerS: 10 } }
 */
export function planTotals(plan: LoadPlan): Record<string, JourneyPlanTotals> {
  const totals: Record<string, JourneyPlanTotals> = {};
  for (const scenario of plan.scenarios) {
    const own = scenarioTotals(scenario);
    const previous = totals[scenario.journey];
    totals[scenario.journey] = {
      iterations: (previous?.iterations ?? 0) + own.iterations,
      peakRatePerS: Math.max(previous?.peakRatePerS ?? 0, own.peakRatePerS),
    };
  }
  return totals;
}
