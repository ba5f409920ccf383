/**
 * zod schema of summary.json (schemaVersion 1). It embeds RunSummary's schema, from which RunSummary's
 * type is inferred (src/analyze/summary-schema.ts). The JSON Schema in reports/summary.schema.json is
 * generated from it (`summaryJsonSchemaDocument`); compile-time checks below keep it equal to the
 * contracts declared beside their logic (Reasoned, Verdict, Risk …): change one and this file stops compiling.
 * Objects are strict (unknown keys rejected) so a consumer sees every format change as a schema change.
 */
import { z } from 'zod';
import type { Reasoned } from '../../models/reasoned.js';
import type { OdooLogSummary } from '../analyze/odoo-log.js';
import type { LockWaitSummary, PgStatsPeriod, RollbackInterpretation } from '../analyze/pg-stats.js';
import { lockWaitSchema, odooEvidenceSchema, pgStatsPeriodSchema, rollbackInterpretationSchema, runSummarySchema } from '../analyze/summary-schema.js';
import type { ConfigurationSummary, Verdict } from './types.js';
import type { Risk } from '../analyze/risks.js';
import type { ScalabilityAnalysis } from '../analyze/scalability.js';
import type { WhatIfTable } from '../analyze/what-if.js';

export const SUMMARY_SCHEMA_VERSION = 1 as const;

/** `$id` of the published schema (a name, not a location: nothing is fetched from it). */
export const SUMMARY_SCHEMA_ID = 'urn:odoo-capacity:summary:1';

function reasoned<T extends z.ZodType>(value: T) {
  return z.strictObject({
    value,
    unit: z.string().optional(),
    reason: z.string(),
    formula: z.string().optional(),
    inputs: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  });
}

export const reasonedNumberSchema = reasoned(z.number());
export const reasonedUnknownSchema = reasoned(z.unknown());

export const verdictSchema = z.strictObject({
  level: z.enum(['ready', 'not-ready', 'inconclusive']),
  headline: z.string(),
  partial: z.boolean(),
  headroomPercent: z.number().optional(),
  journeys: z.array(
    z.strictObject({
      journey: z.string(),
      light: z.enum(['green', 'amber', 'red', 'grey']),
      label: z.string(),
      detail: z.string(),
    }),
  ),
  confidence: z.strictObject({ level: z.enum(['ok', 'low']), replayError: z.number(), causes: z.array(z.string()) }).optional(),
});

// ── Report-level results added with issue 9 ──

export const configurationSchema = z.strictObject({
  source: z.enum(['forecast', 'run']),
  sizedFor: z.string(),
  costDrivers: z.array(z.strictObject({ tier: z.string(), configuration: z.string(), driver: z.string() })),
  notes: z.array(z.string()),
});

export const riskSchema = z.strictObject({
  id: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  score: z.number(),
  title: z.string(),
  evidence: z.string(),
  action: z.string(),
});

export const scalabilitySchema = z.strictObject({
  bucketS: z.number(),
  points: z.array(z.strictObject({ t: z.number(), concurrency: z.number(), throughputPerS: z.number(), latencyMs: z.number() })),
  distinctConcurrencyLevels: z.number(),
  fit: z
    .strictObject({
      sigma: z.number(),
      kappa: z.number(),
      gamma: z.number(),
      rSquared: z.number(),
      peakConcurrency: z.number().nullable(),
      peakThroughputPerS: z.number().nullable(),
      converged: z.boolean(),
    })
    .nullable(),
  reason: z.string(),
});

export const whatIfSchema = z.strictObject({
  cores: z.number(),
  rows: z.array(
    z.strictObject({
      workers: z.number(),
      utilization: z.number(),
      cpuUtilization: z.number(),
      journeys: z.array(z.strictObject({ journey: z.string(), p95Ms: z.number(), count: z.number() })),
      longestBacklogS: z.number(),
      tested: z.boolean(),
      recommended: z.boolean(),
    }),
  ),
  reason: z.string(),
  replay: z
    .strictObject({
      workers: z.number(),
      cores: z.number(),
      backgroundCores: z.number(),
      journeys: z.array(
        z.strictObject({
          journey: z.string(),
          measuredP95Ms: z.number(),
          predictedP95Ms: z.number(),
          p95Error: z.number(),
          measuredPerS: z.number(),
          predictedPerS: z.number(),
          throughputError: z.number(),
          measuredCount: z.number(),
        }),
      ),
      worstError: z.number(),
      confidence: z.enum(['ok', 'low']),
      causes: z.array(z.string()),
    })
    .optional(),
  model: z
    .strictObject({
      evidence: z.enum(['odoo-log', 'client']),
      backgroundCores: z.number(),
      clientGapS: z.number(),
      meanCallS: z.number(),
      callsMeasured: z.number(),
      retriesPerConcurrency: z.number(),
    })
    .optional(),
});

export const summaryJsonSchema = z
  .strictObject({
    schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
    generatedAt: z.string(),
    verdict: verdictSchema,
    summary: runSummarySchema,
    /** Recommendations by name (`httpWorkers`, …); empty when the run measured nothing to size from. */
    recommendation: z.object({ httpWorkers: reasonedNumberSchema.optional() }).catchall(reasonedUnknownSchema),
    /** Why there is no recommendation, when there is none. */
    noRecommendation: z.string().optional(),
    /** What the recommendation was sized for and what drives each tier's cost. */
    configuration: configurationSchema.optional(),
    /** Every risk the evidence shows, highest score first. */
    risks: z.array(riskSchema).optional(),
    /** Latency–throughput points and the Universal Scalability Law fit. */
    scalability: scalabilitySchema.optional(),
    /** Simulated p95 and utilisation per HTTP worker count. */
    whatIf: whatIfSchema.optional(),
  })
  .meta({
    title: 'odoo-capacity summary.json',
    description: 'Machine-readable result of one odoo-capacity run: the verdict, the analysed RunSummary and the recommendation with reasons.',
  });

export type SummaryJson = z.infer<typeof summaryJsonSchema>;

/** The JSON Schema (draft 2020-12) of summary.json, as committed in reports/summary.schema.json. */
export function summaryJsonSchemaDocument(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(summaryJsonSchema) as Record<string, unknown>;
  return { $schema, $id: SUMMARY_SCHEMA_ID, ...rest };
}

// Compile-time: the schemas describe exactly the TypeScript contracts (mutual assignability, and the
// same keys: assignability alone lets an optional field be missing from one side).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameShape<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;
const _reasonedMatches: SameShape<z.infer<typeof reasonedNumberSchema>, Reasoned<number>> = true;
const _verdictMatches: SameShape<z.infer<typeof verdictSchema>, Verdict> = true;
const _configurationMatches: SameShape<z.infer<typeof configurationSchema>, ConfigurationSummary> = true;
const _riskMatches: SameShape<z.infer<typeof riskSchema>, Risk> = true;
const _scalabilityMatches: SameShape<z.infer<typeof scalabilitySchema>, ScalabilityAnalysis> = true;
const _whatIfMatches: SameShape<z.infer<typeof whatIfSchema>, WhatIfTable> = true;
// RunSummary is inferred from its schema (src/analyze/types.ts); the parts it embeds that analysis
// modules declare beside their logic, extending the run records' types, are checked here.
const _pgStatsPeriodMatches: SameShape<z.infer<typeof pgStatsPeriodSchema>, PgStatsPeriod> = true;
const _lockWaitMatches: SameShape<z.infer<typeof lockWaitSchema>, LockWaitSummary> = true;
const _rollbacksMatch: SameShape<z.infer<typeof rollbackInterpretationSchema>, RollbackInterpretation> = true;
const _odooLogMatches: SameShape<z.infer<typeof odooEvidenceSchema>['summary'], OdooLogSummary> = true;
