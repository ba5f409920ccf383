/**
 * Report inputs and the verdict the report derives from them.
 * Pipeline stage: analyze (RunSummary) → recommend (Reasoned values) → render (this folder).
 */
import type { RunSummary } from '../analyze/types.js';
import type { RecommendationValues } from '../analyze/recommend-set.js';
import type { Risk } from '../analyze/risks.js';
import type { ScalabilityAnalysis } from '../analyze/scalability.js';
import type { WhatIfTable } from '../analyze/what-if.js';

/** Everything one report is rendered from. Plain JSON. */
export interface ReportInput {
  summary: RunSummary;
  /**
   * The recommended values (src/analyze/recommend-set.ts), shown when present. A run with nothing
   * to size from (no completed request) has none; `noRecommendation` then says why.
   */
  recommendation: Partial<RecommendationValues>;
  /** Why there is no recommendation, when there is none. */
  noRecommendation?: string;
  /** ISO 8601 time the report was generated (injected so reports are reproducible). */
  generatedAt: string;

  // ── Added with issue 9 (optional: a report without them is still complete) ──
  /** What the recommendation was sized for and what drives each tier's cost (src/analyze/recommend-set.ts). */
  configuration?: ConfigurationSummary;
  /** Every risk the evidence shows, highest first (src/analyze/risks.ts); page one shows three. */
  risks?: Risk[];
  /** Latency against throughput and the USL fit (src/analyze/scalability.ts). */
  scalability?: ScalabilityAnalysis;
  /** Simulated p95 and utilisation per worker count (src/analyze/what-if.ts). */
  whatIf?: WhatIfTable;
}

export interface ConfigurationSummary {
  source: 'forecast' | 'run';
  sizedFor: string;
  costDrivers: Array<{ tier: string; configuration: string; driver: string }>;
  notes: string[];
}

/**
 * Overall readiness:
 * - `ready`: the run completed and every objective was met;
 * - `not-ready`: at least one objective was missed (partial run or not);
 * - `inconclusive`: every objective met but the run ended early, or there was nothing to judge.
 */
export type VerdictLevel = 'ready' | 'not-ready' | 'inconclusive';

/**
 * Traffic light of one journey:
 * - `green` met: every objective met with more than 10 % headroom and no dropped iterations;
 * - `amber` at risk: met, but within 10 % of a threshold or with dropped iterations;
 * - `red` missed: at least one objective missed;
 * - `grey` not judged: no objective for this journey.
 */
export type Light = 'green' | 'amber' | 'red' | 'grey';

export interface JourneyVerdict {
  journey: string;
  light: Light;
  /** Plain word shown next to the colour: Met, At risk, Missed, No objective. */
  label: string;
  /** One sentence: the deciding measurement, e.g. "p95 3.4 s against 2 s (all)". */
  detail: string;
}

export interface Verdict {
  level: VerdictLevel;
  /** One line in plain words, e.g. "Not ready: order-to-delivery p95 3.4 s against 2 s". */
  headline: string;
  /** True when the run did not complete (aborted, interrupted, failed or still running). */
  partial: boolean;
  /** Headroom in % of the peak the verdict quotes (models/headroom.ts), when one was computed. Added with issue 9. */
  headroomPercent?: number;
  journeys: JourneyVerdict[];
  /**
   * How far the sizing model can be trusted: `low` when its replay of the tested configuration missed
   * the measured p95 or throughput by more than 25 % (what-if.ts), with the likely causes. Added with issue 16.
   */
  confidence?: { level: 'ok' | 'low'; replayError: number; causes: string[] };
}
