/**
 * A workload profile: the business story of a day as data (DESIGN.md vocabulary).
 * Rates are in business units (iterations per hour of the named journey) at business clock times.
 */
export interface Profile {
  /** kebab-case name, e.g. `morning-order-wave`. */
  name: string;
  /** The business story in one or two sentences. */
  description: string;
  /** Phases in business time, in order, not overlapping. */
  phases: ProfilePhase[];
  /** Service-level objectives per journey. */
  slos: Record<string, Slo>;
}

export interface ProfilePhase {
  /** e.g. `ramp-up`. */
  name: string;
  /** Business clock time `HH:MM` (24 h) at which the phase starts. */
  start: string;
  /** Business clock time `HH:MM` at which the phase ends (after `start`). */
  end: string;
  /**
   * Arrival rate per journey in iterations per business hour, ramping linearly from `from`
   * at `start` to `to` at `end`. A journey absent from a phase has no arrivals in it.
   */
  rates: Record<string, { from: number; to: number }>;
}

export interface Slo {
  /** 95th percentile of iteration latency (from the intended start), milliseconds. */
  p95Ms: number;
  /** Largest acceptable share of failed iterations, 0–1. Default 0.01. */
  maxErrorRate?: number;
}
