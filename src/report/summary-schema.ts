/**
 * zod schema of summary.json (schemaVersion 1). The JSON Schema in reports/summary.schema.json is
 * generated from it (`summaryJsonSchemaDocument`), and compile-time checks below keep it equal to the
 * TypeScript contracts (RunSummary, Reasoned, Verdict): change a contract and this file stops compiling.
 * Objects are strict (unknown keys rejected) so a consumer sees every format change as a schema change.
 */
import { z } from 'zod';
import type { Reasoned } from '../../models/reasoned.js';
import type { RunSummary } from '../analyze/types.js';
import type { Verdict } from './types.js';

export const SUMMARY_SCHEMA_VERSION = 1 as const;

/** `$id` of the published schema (a name, not a location: nothing is fetched from it). */
export const SUMMARY_SCHEMA_ID = 'urn:odoo-capacity:summary:1';

const runStatus = z.enum(['running', 'completed', 'aborted', 'interrupted', 'failed']);
const waitClass = z.enum(['cpu', 'odoo-python', 'lock', 'lwlock', 'io', 'ipc', 'client', 'timeout', 'other']);

const latencyStats = z.strictObject({
  journey: z.string(),
  step: z.string().nullable(),
  count: z.number(),
  errors: z.number(),
  errorsByKind: z.record(z.string(), z.number()),
  errorRate: z.number(),
  throughputPerS: z.number(),
  meanMs: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  dropped: z.number().optional(),
  scheduled: z.number().optional(),
  serviceMeanMs: z.number().optional(),
  serviceScv: z.number().optional(),
});

const phaseSummary = z.strictObject({
  name: z.string(),
  startS: z.number(),
  endS: z.number(),
  stats: z.array(latencyStats),
});

const timelinePoint = z.strictObject({
  t: z.number(),
  journey: z.string(),
  step: z.string().nullable(),
  count: z.number(),
  errors: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  dropped: z.number(),
  scheduled: z.number(),
});

const waitSummary = z.strictObject({
  samples: z.number(),
  spanS: z.number(),
  byClass: z.array(z.strictObject({ waitClass, aas: z.number(), share: z.number() })),
  byEvent: z.array(
    z.strictObject({
      state: z.string(),
      waitEventType: z.string().nullable(),
      waitEvent: z.string().nullable(),
      waitClass,
      samples: z.number(),
      aas: z.number(),
    }),
  ),
  timeline: z.array(z.strictObject({ t: z.number(), waitClass, aas: z.number() })),
  maxConnections: z.number(),
});

const sloVerdict = z.strictObject({
  journey: z.string(),
  phase: z.string(),
  objective: z.string(),
  measured: z.number(),
  threshold: z.number(),
  unit: z.enum(['ms', 'ratio']),
  pass: z.boolean(),
});

export const runSummarySchema = z.strictObject({
  v: z.literal(1),
  runId: z.string(),
  profile: z.string(),
  status: runStatus,
  statusReason: z.string().optional(),
  target: z.strictObject({ url: z.string(), db: z.string(), serverVersion: z.string().optional() }),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  durationS: z.number(),
  scale: z.number(),
  compress: z.strictObject({ factor: z.number(), keep: z.enum(['peak-rates', 'totals']) }),
  phases: z.array(phaseSummary),
  overall: phaseSummary,
  timeline: z.array(timelinePoint),
  waits: waitSummary.optional(),
  slos: z.array(sloVerdict),
  notes: z.array(z.string()),
});

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
  journeys: z.array(
    z.strictObject({
      journey: z.string(),
      light: z.enum(['green', 'amber', 'red', 'grey']),
      label: z.string(),
      detail: z.string(),
    }),
  ),
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

// Compile-time: the schemas describe exactly the TypeScript contracts (mutual assignability).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _runSummaryMatches: Same<z.infer<typeof runSummarySchema>, RunSummary> = true;
const _reasonedMatches: Same<z.infer<typeof reasonedNumberSchema>, Reasoned<number>> = true;
const _verdictMatches: Same<z.infer<typeof verdictSchema>, Verdict> = true;
