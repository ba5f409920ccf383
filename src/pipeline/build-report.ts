/**
 * Run directory → RunSummary → recommendation set, risks, USL fit, what-if table
 *   → report.html + summary.json + junit.xml.
 *
 *   readRun ──► summarizeRun ──► recommendationSet (forecast peak, or the tested peak)
 *                     │      ├──► assessRisks (top three on page one)
 *                     │      ├──► scalability (points + USL fit)
 *                     │      └──► whatIfTable (the run's plan simulated with measured demands)
 *                     └───────────► writeReport
 */
import { InputError } from '../errors.js';
import { isCollectOnly } from '../run/collect-join.js';
import { readRun, type RunData } from '../run/reader.js';
import { summarizeRun } from '../analyze/summarize.js';
import { noRequestsMessage } from '../analyze/recommend.js';
import { recommendationSet, type SimulatedSizing } from '../analyze/recommend-set.js';
import { assessRisks } from '../analyze/risks.js';
import { scalability } from '../analyze/scalability.js';
import { calibratedModel, whatIfFromModel, type WhatIfTable } from '../analyze/what-if.js';
import { predict, simulatedHeadroom } from '../analyze/replay.js';
import { chooseWorkers } from '../analyze/worker-choice.js';
import type { ServerModel, ServerShape } from '../analyze/server-model.js';
import type { ServerShapeRecord } from '../run/records.js';
import { readForecast } from '../forecast/read.js';
import { writeReport } from '../report/write.js';
import type { RunSummary } from '../analyze/types.js';
import type { ReportInput } from '../report/types.js';
import type { LoadPlan } from '../plan/plan.js';

export interface BuiltReport {
  html: string;
  json: string;
  junit: string;
  /** The verdict's headline (the executive page's first line). */
  headline: string;
  summary: RunSummary;
  warnings: string[];
}

export interface BuildReportOptions {
  /** Where to write the HTML (summary.json and junit.xml go next to it); default `<runDir>/report.html`. */
  out?: string;
  /** A forecast YAML to size the recommendation for (its peak) instead of the tested peak. */
  forecast?: string;
  /** ISO time stamped on the report (default now); tests fix it. */
  generatedAt?: string;
  /** The tested server's shape (`report --odoo-workers/--odoo-cores/--db-cores`), over the manifest's. */
  server?: ServerShapeRecord;
}

/**
 * A run directory read and analysed: what `report` and `plan --run` start from.
 * @throws InputError `REPORT_COLLECT_ONLY` for a collect-only directory (no load to analyse).
 */
export async function analyseRunDirectory(runDir: string): Promise<{ run: RunData; summary: RunSummary }> {
  const run = await readRun(runDir);
  if (isCollectOnly(run.manifest)) {
    throw new InputError(
      'REPORT_COLLECT_ONLY',
      `${runDir}: a collect-only run (odoo-capacity collect) has no load to report; join it to the load: ingest k6 <outputs> --collect ${runDir}, or merge <run dirs> ${runDir}`,
    );
  }
  return { run, summary: summarizeRun(run) };
}

export async function buildReport(runDir: string, options: BuildReportOptions = {}): Promise<BuiltReport> {
  const { run, summary } = await analyseRunDirectory(runDir);
  const warnings = [...run.warnings];
  const forecast = options.forecast === undefined ? undefined : await readForecast(options.forecast);
  const server = options.server ?? run.manifest.server;
  const input = reportInput(summary, run.manifest.plan, forecast, options.generatedAt ?? new Date().toISOString(), warnings, run.odooLog, server);
  const paths = await writeReport(runDir, input, { out: options.out });
  return { html: paths.html, json: paths.summaryJson, junit: paths.junitXml, headline: paths.headline, summary, warnings };
}

/** Everything the report shows besides the summary (pure apart from the simulation's CPU time). */
export function reportInput(
  summary: RunSummary,
  plan: LoadPlan,
  forecast: Parameters<typeof recommendationSet>[1],
  generatedAt: string,
  warnings: string[] = [],
  odooLog?: Parameters<typeof recommendationSet>[2],
  server?: ServerShapeRecord,
): ReportInput {
  // The tested server as a model: replayed against the run, then asked about other worker counts.
  const modelled = safeWhatIf(summary, plan, odooLog, server, warnings);
  const whatIf = modelled?.table;
  const sizedOnly = recommendationSet(summary, forecast, odooLog, undefined, server);
  const workers =
    modelled === undefined || sizedOnly === undefined || forecast !== undefined
      ? undefined
      : chooseWorkers({ table: modelled.table, objectivesMs: objectivesMs(plan), testedMissed: testedMissed(summary), sizedWorkers: sizedOnly.values.httpWorkers.value });
  const simulated =
    workers === undefined || modelled === undefined
      ? undefined
      : { workers, ...tenancyTest(modelled.model, plan, workers.value), ...headroomOfTested(modelled.model, modelled.table, plan) };
  // With the Odoo log, worker time per request is measured under load, retry back-off included.
  const set = simulated === undefined ? sizedOnly : recommendationSet(summary, forecast, odooLog, simulated, server);
  const recommendedWorkers = set?.values.httpWorkers.value;
  const cores = whatIf?.cores ?? summary.meta?.host.cpus;
  const input: ReportInput = {
    summary,
    recommendation: set?.values ?? {},
    generatedAt,
    risks: assessRisks(summary, { headroom: set?.headroom, recommendedWorkers, cores, workerLimit: set?.workers?.limit }),
    scalability: scalability(summary),
  };
  if (set === undefined) input.noRecommendation = noRequestsMessage(summary.runId);
  else {
    input.configuration = { source: set.source, sizedFor: set.sizedFor, costDrivers: set.costDrivers, notes: set.notes };
    if (whatIf !== undefined) input.whatIf = markRecommended(whatIf, recommendedWorkers);
  }
  return input;
}

/** A co-tenant adding this share of the tested load in the tenancy's noisy-neighbour test (models/tenancy.ts). */
const CO_TENANT_LOAD_SHARE = 0.5;

/**
 * The tenancy's latency figures from the simulated server: the flow with the least margin to its
 * objective, alone and with a co-tenant adding half the load, on the recommended workers.
 */
function tenancyTest(model: ServerModel, plan: LoadPlan, workers: number): { tenancy?: NonNullable<SimulatedSizing['tenancy']> } {
  const objectives = objectivesMs(plan);
  const alone = predict(model, plan, workers).journeys.filter((j) => objectives[j.journey] !== undefined);
  if (alone.length === 0) return {};
  const worst = alone.reduce((a, b) => (b.p95Ms / (objectives[b.journey] as number) > a.p95Ms / (objectives[a.journey] as number) ? b : a));
  const crowded = predict(model, plan, workers, { scale: 1 + CO_TENANT_LOAD_SHARE }).journeys.find((j) => j.journey === worst.journey);
  if (crowded === undefined) return {};
  return { tenancy: { aloneP95S: worst.p95Ms / 1000, withNeighbourP95S: crowded.p95Ms / 1000, targetP95S: (objectives[worst.journey] as number) / 1000 } };
}

/** The verdict's headroom from the simulated tested server (replay.ts simulatedHeadroom), when the tested worker count is known. */
function headroomOfTested(model: ServerModel, table: WhatIfTable, plan: LoadPlan): { headroom?: NonNullable<SimulatedSizing['headroom']> } {
  const workers = model.testedWorkers;
  if (workers === undefined) return {};
  const found = simulatedHeadroom(model, plan, workers, objectivesMs(plan));
  if (found === undefined) return {};
  const replay = table.replay === undefined ? '' : ` The model replayed the test within ${Math.round(table.replay.worstError * 100)} %${table.replay.confidence === 'low' ? ' (low confidence)' : ''}.`;
  const cap = found.multiple >= 8 ? ' (searched up to 16×)' : '';
  return {
    headroom: {
      value: found.percent,
      unit: '% of the tested peak',
      reason:
        (found.percent >= 0
          ? `Of the tested configuration (${workers} workers on ${model.cores} cores): the simulated server keeps every p95 objective up to ${Number(found.multiple.toFixed(2))}× the tested load${cap}.`
          : `Of the tested configuration (${workers} workers on ${model.cores} cores): the simulated server misses an objective already at the tested load; it meets them up to ${Number(found.multiple.toFixed(2))}× of it.`) + replay,
      formula: 'largest load multiple m with every simulated p95 ≤ its objective (bisection to 2 %); headroom = (m − 1) × 100 %',
      inputs: { workers, cores: model.cores, backgroundCores: Number(model.backgroundCores.toFixed(3)), multiple: found.multiple },
    },
  };
}

/** p95 objectives per journey from the plan, ms. */
function objectivesMs(plan: LoadPlan): Record<string, number> {
  return Object.fromEntries(Object.entries(plan.slos).map(([journey, slo]) => [journey, slo.p95Ms]));
}

/** Whether the run missed a latency objective (a conclusive miss when the verdict says so). */
function testedMissed(summary: RunSummary): boolean {
  return summary.slos.some((v) => v.unit === 'ms' && !v.pass && v.conclusive !== false);
}

/** The table with its recommended row marked (added when the count was not simulated yet). */
function markRecommended(table: WhatIfTable, workers: number | undefined): WhatIfTable {
  return { ...table, rows: table.rows.map((r) => ({ ...r, recommended: r.workers === workers })) };
}

/** The tested server's shape: the flags given to `report`, else the manifest's, else the Odoo log's worker pids. */
function shapeOf(summary: RunSummary, server: ServerShapeRecord | undefined): ServerShape {
  const workers = server?.workers ?? (summary.odoo?.workers.length ? summary.odoo.workers.length : undefined);
  return {
    ...(server?.cores !== undefined ? { cores: server.cores } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(server?.dbCores !== undefined ? { dbCores: server.dbCores } : {}),
    source: server?.source ?? "the Odoo log's worker pids",
  };
}

function safeWhatIf(
  summary: RunSummary,
  plan: LoadPlan,
  odooLog: Parameters<typeof recommendationSet>[2],
  server: ServerShapeRecord | undefined,
  warnings: string[],
): { table: WhatIfTable; model: ServerModel } | undefined {
  try {
    if (!summary.overall.stats.some((s) => s.step === null && s.count - s.errors > 0)) return undefined;
    const model = calibratedModel(summary, plan, odooLog, shapeOf(summary, server));
    return { table: whatIfFromModel(model, plan, summary), model };
  } catch (error) {
    // The report must still be written (principle 3); the table is left out and the reason told.
    warnings.push(`what-if table left out: the simulation failed (${(error as Error).message})`);
    return undefined;
  }
}
