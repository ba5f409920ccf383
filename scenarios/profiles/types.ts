/**
 * A workload profile: the business story of a day as data (DESIGN.md vocabulary).
 * Everything is in business units at business clock times: iterations per hour of a journey,
 * batches of orders every so many minutes, scanners (people) with their think time.
 *
 * Three arrival shapes, freely combined in a phase:
 *
 *   rates    open model, linear ramp per phase   ──╱‾‾‾╲──   orders per hour from `from` to `to`
 *   bursts   open model, square pulses           _█__█__█_   `size` iterations every `everyMin`
 *   users    closed model, N people              ▁▁▆▆▆▆▆▆▁   N VUs, each iteration then think time
 *
 * The compiler (src/engine/compile.ts) turns rates and bursts into ramping-arrival-rate
 * scenarios and users into constant-vus / ramping-vus scenarios of the LoadPlan.
 */
import type { Slo } from '../../src/plan/plan.js';
import type { Count } from '../distributions.js';

export type { Count, Slo };

export interface Profile {
  /** kebab-case name, e.g. `morning-order-wave`. */
  name: string;
  /** The business story in one or two sentences. */
  description: string;
  /** Phases in business time, in order, not overlapping (gaps are allowed: nothing arrives in them). */
  phases: ProfilePhase[];
  /** Service-level objectives per journey. */
  slos: Record<string, Slo>;
  /**
   * Business parameters per journey, handed to every iteration of that journey as
   * `JourneyContext.params` (see JourneyParams for the keys journeys read).
   */
  params?: Record<string, JourneyParams>;
  /**
   * Pace of the closed-model journeys (those with `users` in a phase): required for each of them.
   */
  pacing?: Record<string, Pacing>;
  /**
   * Journeys of your own, by name: a path (relative to the profile file) to a journey file — YAML or
   * JSON steps, or TypeScript/JavaScript with `defineJourney` (scenarios/journeys/load.ts). The phases
   * load them by that name like a shipped journey; a name of a shipped journey replaces it.
   */
  journeys?: Record<string, string>;
}

export interface ProfilePhase {
  /** e.g. `ramp-up`. */
  name: string;
  /** Business clock time `HH:MM` (24 h) at which the phase starts. */
  start: string;
  /** Business clock time `HH:MM` at which the phase ends (after `start`; `24:00` = midnight). */
  end: string;
  /**
   * Arrival rate per journey in iterations per business hour, ramping linearly from `from`
   * at `start` to `to` at `end`. A journey absent from a phase has no arrivals in it.
   */
  rates?: Record<string, RateRamp>;
  /** Batches of arrivals per journey (e.g. EDI partners dropping order files), on top of `rates`. */
  bursts?: Record<string, Burst[]>;
  /** People working in a closed loop per journey (e.g. scanners): the number of them during the phase. */
  users?: Record<string, number>;
}

/** Iterations per business hour, linear from `from` at the phase start to `to` at its end. */
export interface RateRamp {
  from: number;
  to: number;
}

/**
 * A batch schedule, anchored to the business clock (not to the phase): a batch starts at every
 * clock time t with (t − 00:00 − offsetMin) a multiple of `everyMin`, inside the phase, and the
 * batch must end inside the phase (t + spreadMin ≤ phase end). Its `size` iterations arrive
 * evenly over `spreadMin` minutes. Example: `{ everyMin: 30, size: 500, spreadMin: 10, threads: 4 }`
 * in 08:00–12:00 → batches at 08:00, 08:30, … 11:30 (8 batches, 4 000 orders), each 500 orders
 * at 50 orders/min = 3 000 orders/h for 10 minutes.
 */
export interface Burst {
  /** Minutes between batch starts (> 0). */
  everyMin: number;
  /** Iterations per batch (e.g. orders in one EDI file). */
  size: number;
  /** Minutes over which one batch arrives (> 0, ≤ everyMin). */
  spreadMin: number;
  /** Minutes after each `everyMin` boundary of the clock at which batches start. Default 0. */
  offsetMin?: number;
  /**
   * Connector threads that import a batch: the most iterations of this burst in flight at once
   * (the scenario's VU pool). A batch Odoo cannot keep up with shows as dropped iterations — the
   * connector's backlog. Default: sized by Little's law from the SLO like any other scenario.
   */
  threads?: number;
}

/** Closed-model pace of one journey (k6 constant-vus / ramping-vus with a sleep). */
export interface Pacing {
  /** Business seconds a person waits between two iterations (walk to the next picking). */
  thinkTimeS: number;
  /**
   * Business seconds one iteration takes at the person's pace, Odoo latency not included (e.g.
   * 8 lines × 2 scans × 4 s = 64 s). Used only to state the expected totals:
   * iterations per person-hour = 3600 / (iterationS + thinkTimeS).
   */
  iterationS: number;
}

/**
 * The parameters a profile passes to a journey's iterations as `JourneyContext.params`: the keys
 * the built-in journeys declare (their `params`, scenarios/journeys/types.ts JourneyParam). A profile
 * may give a journey only the keys that journey declares; its declared default applies otherwise.
 */
export type JourneyParams = {
  /** Sale order lines per order (order-entry, order-to-delivery, edi-order-import). */
  linesPerOrder?: Count;
  /** Units ordered per line (order-entry, order-to-delivery). */
  qtyPerLine?: Count;
  /** Orders per EDI batch, one create call (edi-order-import). */
  batchSize?: Count;
  /** Move lines per picking a scanner works through (barcode-pick), lines received (receipt). */
  linesPerPicking?: Count;
  /** Product scans per line (barcode-pick): one per unit or package. */
  scansPerLine?: Count;
  /** Human seconds between two lines inside an iteration (barcode-pick). */
  scanIntervalS?: number;
  /** Share of pickings whose first line comes up short (barcode-pick). */
  shortPickRate?: number;
  /** Products looked up per iteration (stock-inquiry). */
  productsPerInquiry?: Count;
  /** `button` (one rule's Order Once) or `scheduler` (the nightly run) (replenishment). */
  mode?: 'button' | 'scheduler';
} & {
  /** A journey of your own reads the params it declares or references (`${params.name}` in a journey file). */
  [param: string]: unknown;
};

