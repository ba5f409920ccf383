/**
 * summary.json: the machine-readable twin of report.html (schemaVersion 1, JSON Schema in
 * reports/summary.schema.json). CI jobs read `verdict.level` instead of parsing HTML.
 */
import type { Reasoned } from '../../models/reasoned.js';
import { SUMMARY_SCHEMA_VERSION, type SummaryJson } from './summary-schema.js';
import type { ReportInput } from './types.js';
import { buildVerdict, headroomOf } from './verdict.js';

/** Build the summary.json object (plain JSON; recommendation entries that are undefined are left out). */
export function buildSummaryJson(input: ReportInput): SummaryJson {
  const recommendation: SummaryJson['recommendation'] = {};
  for (const [name, value] of Object.entries(input.recommendation)) {
    if (value !== undefined) recommendation[name] = value as Reasoned<unknown>;
  }
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    generatedAt: input.generatedAt,
    verdict: buildVerdict(input.summary, headroomOf(input), input.whatIf?.replay),
    summary: input.summary,
    recommendation,
    ...(input.noRecommendation ? { noRecommendation: input.noRecommendation } : {}),
    ...(input.configuration ? { configuration: input.configuration } : {}),
    ...(input.risks ? { risks: input.risks } : {}),
    ...(input.scalability ? { scalability: input.scalability } : {}),
    ...(input.whatIf ? { whatIf: input.whatIf } : {}),
  };
}
