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
import { readRun } from '../run/reader.js';
import { summarizeRun } from '../analyze/summarize.js';
import { noRequestsMessage } from '../analyze/recommend.js';
import { recommendationSet } from '../analyze/recommend-set.js';
import { assessRisks } from '../analyze/risks.js';
import { scalability } from '../analyze/scalability.js';
import { measuredDemands } from '../analyze/measured-demands.js';
import { whatIfTable, type WhatIfOptions, type WhatIfTable } from '../analyze/what-if.js';
import { readForecast } from '../forecast/read.js';
import { writeReport } from '../report/write.js';
import type { RunSummary } from '../analyze/types.js';
import type { ReportInput } from '../report/types.js';
import type { LoadPlan } from '../engine/plan.js';

export interface BuiltReport {
  html: string;
  json: string;
  junit: string;
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
}

export async function buildReport(runDir: string, options: BuildReportOptions = {}): Promise<BuiltReport> {
  const run = await readRun(runDir);
  if (isCollectOnly(run.manifest)) {
    throw new InputError(
      'REPORT_COLLECT_ONLY',
      `${runDir}: a collect-only run (odoo-capacity collect) has no load to report; join it to the load: ingest k6 <outputs> --collect ${runDir}, or merge <run dirs> ${runDir}`,
    );
  }
  const warnings = [...run.warnings];
  const summary = summarizeRun(run);
  const forecast = options.forecast === undefined ? undefined : await readForecast(options.forecast);
  const input = reportInput(summary, run.manifest.plan, forecast, options.generatedAt ?? new Date().toISOString(), warnings, run.odooLog);
  const paths = await writeReport(runDir, input, { out: options.out });
  return { html: paths.html, json: paths.summaryJson, junit: paths.junitXml, summary, warnings };
}

/** Everything the report shows besides the summary (pure apart from the simulation's CPU time). */
export function reportInput(
  summary: RunSummary,
  plan: LoadPlan,
  forecast: Parameters<typeof recommendationSet>[1],
  generatedAt: string,
  warnings: string[] = [],
  odooLog?: Parameters<typeof recommendationSet>[2],
): ReportInput {
  // With the Odoo log, worker time per request is measured under load, retry back-off included.
  const set = recommendationSet(summary, forecast, odooLog);
  const recommendedWorkers = typeof set?.values.httpWorkers?.value === 'number' ? set.values.httpWorkers.value : undefined;
  const cores = summary.meta?.host.cpus;
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
    const workerDemand = set.workers?.model ? { model: set.workers.model, ratePerS: set.workers.requests.ratePerS } : undefined;
    const whatIf = safeWhatIf(summary, plan, cores ?? 2, recommendedWorkers, warnings, workerDemand);
    if (whatIf !== undefined) input.whatIf = whatIf;
  }
  return input;
}

function safeWhatIf(
  summary: RunSummary,
  plan: LoadPlan,
  cores: number,
  recommendedWorkers: number | undefined,
  warnings: string[],
  workerDemand: WhatIfOptions['workerDemand'],
): WhatIfTable | undefined {
  try {
    const testedWorkers = summary.odoo?.workers.length;
    return whatIfTable(plan, measuredDemands(summary).demands, {
      cores,
      testedWorkers: testedWorkers === 0 ? undefined : testedWorkers,
      recommendedWorkers,
      ...(workerDemand ? { workerDemand } : {}),
    });
  } catch (error) {
    // The report must still be written (principle 3); the table is left out and the reason told.
    warnings.push(`what-if table left out: the simulation failed (${(error as Error).message})`);
    return undefined;
  }
}
