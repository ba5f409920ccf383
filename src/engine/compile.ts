/**
 * The plan compiler: Profile (business story, orders per hour at clock times) → LoadPlan
 * (arrival-rate stages per journey in plan seconds). Pure, no I/O.
 *
 *   1. select      all phases, or the one named by `phase` (the plan then starts at that phase)
 *   2. compress    factor = business seconds per plan second (given, or span / durationS)
 *   3. time map    plan t = (business t − first selected start) / factor
 *   4. rates       plan rate (iterations/s) = rate per hour / 3600 × scale × (keep 'totals' ? factor : 1)
 *   5. stages      one ramping-arrival-rate scenario per journey, stages following the phases
 *   6. pool        preAllocatedVUs / maxVUs from the peak rate and the SLO p95 (Little's law)
 *
 * Stage shape for one journey (k6 ramping-arrival-rate: each stage ramps linearly from the
 * previous target to its own target):
 *
 *   rate
 *    │        ┌──── jump at a phase boundary (previous end rate ≠ next start rate):
 *    │        │     a short step stage (1 % of the phase, ≥ 0.001 s) ramps to the new `from`,
 *    │      ╱│╲    then the phase's own stage ramps to its `to` over the rest of the phase.
 *    │    ╱  │  ╲
 *    │  ╱    │    ╲
 *    └──┴────┴─────┴──► plan seconds
 *      phase A  phase B
 *
 * The step takes its time out of the next phase, so phase boundaries stay exact; the area it
 * changes is at most (jump / 2) × step seconds, ≤ 0.5 % of the phase's iterations.
 * A journey absent from a phase, and time between phases (gaps), get target 0.
 */
import { clockSeconds } from '../../scenarios/profiles/clock.js';
import type { Profile, ProfilePhase } from '../../scenarios/profiles/types.js';
import type { LoadPlan, PlanPhase, PlanScenario } from './plan.js';

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
/** k6's default gracefulStop, seconds. */
export const DEFAULT_GRACEFUL_STOP_S = 30;
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
  const journeys = [...new Set(selected.flatMap((phase) => Object.keys(phase.rates)))];
  const scenarios = journeys.map((journey) =>
    journeyScenario(journey, selected, phases, perHourToPlan, factor, profile.slos[journey]?.p95Ms ?? DEFAULT_ASSUMED_P95_MS),
  );

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
  const segments: Array<{ durationS: number; from: number; to: number }> = [];
  selected.forEach((phase, i) => {
    const planPhase = phases[i];
    const previous = phases[i - 1];
    if (planPhase === undefined) return;
    if (previous !== undefined && planPhase.startS > previous.endS) {
      segments.push({ durationS: roundMs(planPhase.startS - previous.endS), from: 0, to: 0 });
    }
    const rate = phase.rates[journey];
    segments.push({
      durationS: roundMs(planPhase.endS - planPhase.startS),
      from: (rate?.from ?? 0) * perHourToPlan,
      to: (rate?.to ?? 0) * perHourToPlan,
    });
  });

  const startRate = segments[0]?.from ?? 0;
  const stages: PlanScenario['stages'] = [];
  let current = startRate;
  for (const segment of segments) {
    if (segment.from !== current) {
      // A jump: step to the new rate in 1 % of the segment (≥ 1 ms, ≤ half of it).
      const stepS = roundMs(Math.min(Math.max(0.001, segment.durationS * 0.01), segment.durationS / 2));
      stages.push({ durationS: stepS, target: segment.from });
      stages.push({ durationS: roundMs(segment.durationS - stepS), target: segment.to });
    } else {
      stages.push({ durationS: segment.durationS, target: segment.to });
    }
    current = segment.to;
  }

  const peakRate = Math.max(startRate, ...stages.map((s) => s.target));
  const { preAllocatedVUs, maxVUs } = vuPool(peakRate, p95Ms);
  return {
    journey,
    executor: 'ramping-arrival-rate',
    startRate,
    stages,
    preAllocatedVUs,
    maxVUs,
    gracefulStopS: gracefulStop(factor, p95Ms),
  };
}

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

/**
 * gracefulStop: uncompressed plans keep k6's 30 s. Compressed plans shorten business time but not
 * the latency of one iteration, so they give in-flight iterations twice the SLO p95
 * (at least 5 s, at most 30 s) rather than 30 s of a run that may only last two minutes.
 */
function gracefulStop(factor: number, p95Ms: number): number {
  if (factor <= 1) return DEFAULT_GRACEFUL_STOP_S;
  return Math.min(DEFAULT_GRACEFUL_STOP_S, Math.max(5, Math.ceil((2 * p95Ms) / 1000)));
}

/** Round plan seconds to milliseconds, so sums of stages do not carry float noise. */
function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

export interface JourneyPlanTotals {
  /** Expected iterations: the integral of the arrival rate over the plan (trapezoids). */
  iterations: number;
  /** Highest arrival rate of the plan, iterations per second. */
  peakRatePerS: number;
}

/**
 * Expected iterations and peak rate per journey of a plan.
 * @example planTotals(compileProfile(morningOrderWave, { compress: { durationS: 120, keep: 'totals' } }))
 *   // { 'order-to-delivery': { iterations: 780, peakRatePerS: 10 } }
 */
export function planTotals(plan: LoadPlan): Record<string, JourneyPlanTotals> {
  const totals: Record<string, JourneyPlanTotals> = {};
  for (const scenario of plan.scenarios) {
    let rate = scenario.startRate;
    let iterations = 0;
    let peakRatePerS = rate;
    for (const stage of scenario.stages) {
      iterations += ((rate + stage.target) / 2) * stage.durationS;
      rate = stage.target;
      peakRatePerS = Math.max(peakRatePerS, rate);
    }
    const previous = totals[scenario.journey];
    totals[scenario.journey] = {
      iterations: (previous?.iterations ?? 0) + iterations,
      peakRatePerS: Math.max(previous?.peakRatePerS ?? 0, peakRatePerS),
    };
  }
  return totals;
}
