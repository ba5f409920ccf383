/**
 * `run --dry-run`: what a run would do, computed from the compiled plan alone — no request is
 * sent. It names the target (URL without password), the plan (duration, phases, expected
 * iterations and peak rate per journey), the load against the safety caps, and the data the run
 * would create in Odoo (records per model, from ./journey-writes.ts).
 *
 * Pure: `describeDryRun` builds plain JSON, `formatDryRun` turns it into lines.
 */
import type { LoadPlan } from '../plan/plan.js';
import { scenarioTotals } from '../plan/shape.js';
import { redactUrl } from '../redact.js';
import { capViolations, planLoad, type PlanLoad, type SafetyCaps } from './caps.js';
import { batchSizeOf, JOURNEY_WRITES } from './journey-writes.js';

export interface DryRunJourney {
  journey: string;
  /** Expected iterations over the plan (arrival-rate scenarios: exact; VU scenarios: at the business pace). */
  iterations: number;
  peakRatePerS: number;
  writes: boolean;
  /** Records created, per label. */
  creates: Array<{ model: string; label: string; count: number }>;
}

export interface DryRun {
  target: { url: string; db: string; login: string };
  /** The collectors' PostgreSQL, password removed; absent when none. */
  pg?: string;
  profile: string;
  durationS: number;
  phases: Array<{ name: string; startS: number; endS: number }>;
  segment?: { index: number; count: number };
  load: PlanLoad;
  caps: SafetyCaps;
  /** One line per exceeded cap (a real run would refuse to start). */
  overCaps: string[];
  journeys: DryRunJourney[];
  /** Records created by the whole run, per (model, label). */
  totalCreates: Array<{ model: string; label: string; count: number }>;
  /** Iterations of the journeys that write. */
  writeIterations: number;
}

export interface DryRunInput {
  plan: LoadPlan;
  target: { url: string; db: string; login: string };
  pgUrl?: string;
  caps: SafetyCaps;
}

/** A segmented plan's scenarios run 1/count of the arrivals. */
const shareOf = (plan: LoadPlan) => (plan.segment ? 1 / plan.segment.count : 1);

export function describeDryRun(input: DryRunInput): DryRun {
  const { plan } = input;
  const share = shareOf(plan);
  const byJourney = new Map<string, DryRunJourney>();
  for (const scenario of plan.scenarios) {
    const totals = scenarioTotals(scenario);
    const iterations = totals.iterations * share;
    const entry = byJourney.get(scenario.journey) ?? {
      journey: scenario.journey,
      iterations: 0,
      peakRatePerS: 0,
      writes: JOURNEY_WRITES[scenario.journey]?.writes ?? true, // an unknown journey is assumed to write
      creates: [],
    };
    entry.iterations += iterations;
    entry.peakRatePerS = Math.max(entry.peakRatePerS, totals.peakRatePerS * share);
    for (const created of JOURNEY_WRITES[scenario.journey]?.creates ?? []) {
      const per = created.count * (created.perBatch ? batchSizeOf(scenario.params) : 1);
      const existing = entry.creates.find((c) => c.model === created.model && c.label === created.label);
      if (existing) existing.count += per * iterations;
      else entry.creates.push({ model: created.model, label: created.label, count: per * iterations });
    }
    byJourney.set(scenario.journey, entry);
  }
  const journeys = [...byJourney.values()].map((j) => ({ ...j, iterations: Math.round(j.iterations), creates: j.creates.map((c) => ({ ...c, count: Math.round(c.count) })) }));
  const totals = new Map<string, { model: string; label: string; count: number }>();
  for (const j of journeys) {
    for (const c of j.creates) {
      const key = `${c.model}\u0000${c.label}`;
      const t = totals.get(key) ?? { model: c.model, label: c.label, count: 0 };
      t.count += c.count;
      totals.set(key, t);
    }
  }
  const load = planLoad(plan);
  return {
    target: { url: redactUrl(input.target.url), db: input.target.db, login: input.target.login },
    ...(input.pgUrl ? { pg: redactUrl(input.pgUrl) } : {}),
    profile: plan.profile,
    durationS: plan.durationS,
    phases: plan.phases.map((p) => ({ name: p.name, startS: p.startS, endS: p.endS })),
    ...(plan.segment ? { segment: { index: plan.segment.index, count: plan.segment.count } } : {}),
    load,
    caps: input.caps,
    overCaps: capViolations(load, input.caps).map((v) => v.message),
    journeys,
    totalCreates: [...totals.values()],
    writeIterations: journeys.filter((j) => j.writes).reduce((sum, j) => sum + j.iterations, 0),
  };
}

const num = (x: number, digits = 2) => (Number.isInteger(x) ? String(x) : x.toFixed(digits));

/** The dry run as the CLI prints it (no trailing newline per line). */
export function formatDryRun(d: DryRun): string[] {
  const lines: string[] = [];
  lines.push(`dry run — nothing is sent to ${d.target.url}`);
  lines.push(`target: ${d.target.url} db ${d.target.db} login ${d.target.login}${d.pg ? `; collectors: ${d.pg}` : ''}`);
  lines.push(`plan: ${d.profile}, ${num(d.durationS, 1)} s${d.segment ? `, segment ${d.segment.index}/${d.segment.count}` : ''}; phases: ${d.phases.map((p) => `${p.name} ${num(p.startS, 1)}–${num(p.endS, 1)} s`).join(', ') || 'none'}`);
  lines.push(
    `load: peak ${num(d.load.peakRatePerS)} iterations/s (cap ${num(d.caps.maxRatePerS)}), ${d.load.peakVus} VUs at most (cap ${d.caps.maxVus}), ` +
      `${num(d.load.durationS, 1)} s (cap ${num(d.caps.maxDurationS, 1)} s)`,
  );
  for (const over of d.overCaps) lines.push(`OVER A SAFETY CAP: ${over}`);
  lines.push('journeys:');
  for (const j of d.journeys) {
    const creates = j.creates.map((c) => `${c.count} ${c.label}`).join(', ');
    lines.push(`  ${j.journey}: ${j.iterations} iterations, peak ${num(j.peakRatePerS)}/s — ${j.writes ? `creates ${creates || 'records'}` : 'read-only'}`);
  }
  const total = d.totalCreates.reduce((sum, c) => sum + c.count, 0);
  // One figure per model: deliveries left waiting and validated ones are both stock.picking.
  const perModel = new Map<string, number>();
  for (const c of d.totalCreates) perModel.set(c.model, (perModel.get(c.model) ?? 0) + c.count);
  lines.push(
    `writes: ${d.writeIterations} writing iterations creating ${total} records` +
      (perModel.size ? ` (${[...perModel].map(([model, count]) => `${count} ${model}`).join(', ')})` : '') +
      ', each tagged with the run id for `cleanup`',
  );
  return lines;
}
