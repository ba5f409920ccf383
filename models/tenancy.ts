/**
 * Tenancy: multi-tenant (shared Odoo workers and database with other customers), hybrid (shared
 * platform, dedicated integration workers and/or database) or dedicated — as a transparent score.
 * Each criterion shows its measured value, its threshold and the points it adds towards isolation;
 * the total decides: ≥ 5 dedicated, 2–4 hybrid, ≤ 1 multi-tenant. A declared isolation need is
 * decisive (+10) because no measurement outweighs a contract or a regulation.
 *
 * Noisy-neighbour sensitivity: the per-request p95 (M/G/c, models/mgc.ts) on the recommended
 * workers when a co-tenant adds `coTenantLoadShare` of this tenant's load to the same pool,
 * divided by the p95 without it.
 */
import { approximateResponseTimePercentile } from './mgc.js';
import type { Reasoned } from './reasoned.js';

export type Tenancy = 'multi-tenant' | 'hybrid' | 'dedicated';

export interface TenancyInput {
  /** HTTP workers this tenant needs at the peak. */
  peakWorkers: number;
  /** Peak-hour rate / mean rate. */
  burstiness: number;
  /** Share of worker time that is integration traffic, 0–1. */
  integrationShare: number;
  /** Per-request load (for the SLO margin and the neighbour test). */
  ratePerS: number;
  serviceMeanS: number;
  serviceScv: number;
  targetP95S: number;
  /** Co-tenant load added in the neighbour test, as a share of this tenant's. Default 0.5. */
  coTenantLoadShare?: number;
  isolationRequired?: boolean;
  isolationReason?: string;
  /**
   * Whole-flow p95s from the simulated tested server (src/analyze/replay.ts) at the recommended
   * workers, alone and with a co-tenant's `coTenantLoadShare` more load, against the flow's own
   * objective: when given, the SLO margin and the neighbour test use them instead of the M/G/c
   * per-request figures, so the tenancy comes from the same model as the worker count.
   */
  simulated?: { aloneP95S: number; withNeighbourP95S: number; targetP95S: number };
}

export interface TenancyCriterion {
  name: string;
  value: number | boolean;
  threshold: string;
  points: number;
  reason: string;
}

export interface TenancyResult {
  recommendation: Reasoned<Tenancy>;
  score: number;
  criteria: TenancyCriterion[];
}

/** The tenancy score (see the file comment). */
export function recommendTenancy(input: TenancyInput): TenancyResult {
  const share = input.coTenantLoadShare ?? 0.5;
  const p95 = (rate: number): number =>
    approximateResponseTimePercentile({ ratePerS: rate, serviceS: input.serviceMeanS, servers: input.peakWorkers, serviceScv: input.serviceScv }, 0.95);
  const alone = input.simulated?.aloneP95S ?? p95(input.ratePerS);
  const withNeighbour = input.simulated?.withNeighbourP95S ?? p95(input.ratePerS * (1 + share));
  const targetP95S = input.simulated?.targetP95S ?? input.targetP95S;
  const inflation = Number.isFinite(withNeighbour) ? withNeighbour / alone : Number.POSITIVE_INFINITY;
  const margin = (targetP95S - alone) / targetP95S;

  const criteria: TenancyCriterion[] = [
    graded('peak worker need', input.peakWorkers, [[12, 3], [8, 2], [4, 1]], 'workers', 'A tenant needing many workers fills a shared node by itself.'),
    graded('burstiness (peak/mean)', round(input.burstiness), [[4, 2], [2.5, 1]], '×', 'Bursty load takes workers from co-tenants exactly when they need them.'),
    graded('integration share', round(input.integrationShare), [[0.3, 2], [0.15, 1]], 'of worker time', 'Integration batches are the usual noisy neighbour; give them their own workers.'),
    {
      name: 'latency SLO margin',
      value: round(margin),
      threshold: '< 0.2 → 2, < 0.4 → 1',
      points: margin < 0.2 ? 2 : margin < 0.4 ? 1 : 0,
      reason: `Predicted p95 ${alone.toFixed(2)} s against a ${targetP95S} s target${input.simulated ? ' (the simulated tested server, whole flow)' : ''}: ${Math.round(margin * 100)} % margin left for others' load.`,
    },
    {
      name: 'noisy-neighbour sensitivity',
      value: round(inflation),
      threshold: '≥ 2 → 3, ≥ 1.3 → 2, ≥ 1.1 → 1',
      points: inflation >= 2 ? 3 : inflation >= 1.3 ? 2 : inflation >= 1.1 ? 1 : 0,
      reason: `A co-tenant adding ${Math.round(share * 100)} % more load on the same ${input.peakWorkers} workers moves p95 from ${alone.toFixed(2)} s to ${Number.isFinite(withNeighbour) ? withNeighbour.toFixed(2) + ' s' : 'unbounded (the pool saturates)'}.`,
    },
    {
      name: 'declared isolation need',
      value: input.isolationRequired === true,
      threshold: 'declared → 10',
      points: input.isolationRequired === true ? 10 : 0,
      reason: input.isolationRequired === true ? `Declared: ${input.isolationReason ?? 'isolation required'}.` : 'None declared.',
    },
  ];
  const score = criteria.reduce((s, c) => s + c.points, 0);
  const value: Tenancy = score >= 5 ? 'dedicated' : score >= 2 ? 'hybrid' : 'multi-tenant';
  const top = criteria.filter((c) => c.points > 0).sort((a, b) => b.points - a.points).slice(0, 3).map((c) => `${c.name} (+${c.points})`);
  return {
    score,
    criteria,
    recommendation: {
      value,
      reason:
        `Score ${score} (≥ 5 dedicated, 2–4 hybrid, ≤ 1 multi-tenant)` +
        (top.length > 0 ? `, mostly from ${top.join(', ')}.` : ': nothing argues for isolation.') +
        (value === 'hybrid' ? ' Hybrid: shared platform, but integration workers and the database kept apart.' : ''),
      formula: 'sum of criterion points (each criterion lists value, threshold and points)',
      inputs: Object.fromEntries(criteria.map((c) => [c.name, c.value])),
    },
  };
}

function graded(name: string, value: number, steps: Array<[number, number]>, unit: string, why: string): TenancyCriterion {
  const points = steps.find(([threshold]) => value >= threshold)?.[1] ?? 0;
  return {
    name,
    value,
    threshold: steps.map(([t, p]) => `≥ ${t} ${unit} → ${p}`).join(', '),
    points,
    reason: `${value} ${unit}. ${why}`,
  };
}

function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : value;
}
