/**
 * Run directory → RunSummary → recommendation → report.html + summary.json.
 */
import { readRun } from '../run/reader.js';
import { summarizeRun } from '../analyze/summarize.js';
import { recommendWorkers } from '../analyze/recommend.js';
import { writeReport } from '../report/write.js';
import type { RunSummary } from '../analyze/types.js';
import type { ReportInput } from '../report/types.js';
import { InputError } from '../errors.js';

export interface BuiltReport {
  html: string;
  json: string;
  summary: RunSummary;
  warnings: string[];
}

export async function buildReport(runDir: string, options: { out?: string } = {}): Promise<BuiltReport> {
  const run = await readRun(runDir);
  const summary = summarizeRun(run);
  let recommendation: ReportInput['recommendation'] = {};
  let noRecommendation: string | undefined;
  try {
    recommendation = recommendWorkers(summary);
  } catch (error) {
    // A run that completed no request (aborted at once, target down) still gets its report.
    if (!(error instanceof InputError && error.code === 'NO_REQUESTS_MEASURED')) throw error;
    noRecommendation = error.message;
  }
  const paths = await writeReport(runDir, { summary, recommendation, noRecommendation, generatedAt: new Date().toISOString() }, { out: options.out });
  return { html: paths.html, json: paths.summaryJson, summary, warnings: run.warnings };
}
