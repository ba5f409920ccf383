/**
 * The HTTP worker count a run's evidence supports, from the what-if table of the tested server
 * (what-if.ts): the fewest workers whose simulated p95 meets every objective — never below a tested
 * count that missed one. Pure.
 *
 *   tested met its objectives   → the fewest meeting ones (may be fewer than tested: the model says why)
 *   tested missed, model agrees → the fewest meeting ones, above the tested count
 *   tested missed, model meets it at or below the tested count → the tested count, and the reason says
 *                                 the model contradicts the run: more evidence is needed (which)
 *   no count meets them         → the tested count (or the sizing's): workers are not what is missing —
 *                                 the cores are, or the calls themselves (the reason says so)
 */
import type { Reasoned } from '../../models/reasoned.js';
import type { WhatIfTable } from './what-if.js';
import { fewestWorkersMeeting } from './what-if.js';

export interface WorkerChoiceInput {
  table: WhatIfTable;
  /** p95 objective per journey, ms. */
  objectivesMs: Readonly<Record<string, number>>;
  /** Whether the tested configuration missed a latency objective in the run. */
  testedMissed: boolean;
  /** The count the queueing sizing gave (used when the table cannot decide). */
  sizedWorkers: number;
}

const percent = (x: number): string => `${Math.round(x * 100)} %`;

/** The worker count and its reason (see the file comment); undefined when the table has no row. */
export function chooseWorkers(input: WorkerChoiceInput): Reasoned<number> | undefined {
  const { table, objectivesMs, testedMissed, sizedWorkers } = input;
  if (table.rows.length === 0) return undefined;
  const tested = table.rows.find((r) => r.tested)?.workers;
  const fewest = fewestWorkersMeeting(table, objectivesMs);
  const replay = table.replay;
  const confidence = replay === undefined ? 'the tested worker count is unknown, so the model was not checked against the run' : `replay error ${percent(replay.worstError)}${replay.confidence === 'low' ? ' (low confidence)' : ''}`;
  const inputs: Record<string, number | string | boolean> = { testedMissed, sizedWorkers, cores: table.cores, ...(tested !== undefined ? { testedWorkers: tested } : {}), ...(fewest !== undefined ? { fewestMeeting: fewest } : {}) };
  const formula = 'fewest HTTP workers whose simulated p95 (the run replayed on the tested server, docs/MODEL.md) meets every p95 objective; never below a tested count that missed one';
  if (fewest === undefined) {
    const value = Math.max(tested ?? 0, sizedWorkers);
    return {
      value,
      reason: `No worker count from ${table.rows[0]?.workers} to ${table.rows[table.rows.length - 1]?.workers} meets the objectives in the simulation on ${table.cores} cores: the cores (or the calls themselves), not the workers, are what is missing — add CPU cores and keep ${value} workers (${confidence}).`,
      formula,
      inputs,
    };
  }
  if (testedMissed && tested !== undefined && fewest <= tested) {
    return {
      value: tested,
      reason: `The tested ${tested} workers missed an objective, yet the model meets it with ${fewest}: the model and the run disagree (${confidence}), so the recommendation stays at the tested ${tested} until more evidence settles it — re-run with --odoo-log and the server's --odoo-cores, and a longer peak phase.`,
      formula,
      inputs,
    };
  }
  const below = tested !== undefined && fewest < tested ? `, fewer than the ${tested} tested` : '';
  const above = testedMissed && tested !== undefined ? `; the tested ${tested} missed an objective` : '';
  return {
    value: fewest,
    reason: `${fewest} HTTP workers are the fewest whose simulated p95 meets every objective on ${table.cores} cores${below}${above} (${confidence}).`,
    formula,
    inputs,
  };
}
