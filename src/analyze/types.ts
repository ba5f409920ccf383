/**
 * RunSummary: what analysis makes of a run directory (pure over the series). The types are inferred
 * from their zod schema (./summary-schema.ts), their one declaration.
 */
import type { z } from 'zod';
import type {
  databaseSummarySchema,
  latencyDistributionSchema,
  latencyStatsSchema,
  odooEvidenceSchema,
  phaseSummarySchema,
  runMetadataSchema,
  runSummarySchema,
  saturationPointSchema,
  sloVerdictSchema,
  thresholdVerdictSchema,
  timelinePointSchema,
  waitSummarySchema,
} from './summary-schema.js';

export type RunSummary = z.infer<typeof runSummarySchema>;
export type SaturationPoint = z.infer<typeof saturationPointSchema>;
export type RunMetadata = z.infer<typeof runMetadataSchema>;
export type LatencyDistribution = z.infer<typeof latencyDistributionSchema>;
export type ThresholdVerdict = z.infer<typeof thresholdVerdictSchema>;
export type DatabaseSummary = z.infer<typeof databaseSummarySchema>;
export type OdooEvidence = z.infer<typeof odooEvidenceSchema>;
export type WorkerBusy = OdooEvidence['workers'][number];
export type PhaseSummary = z.infer<typeof phaseSummarySchema>;
export type LatencyStats = z.infer<typeof latencyStatsSchema>;
export type TimelinePoint = z.infer<typeof timelinePointSchema>;
export type WaitSummary = z.infer<typeof waitSummarySchema>;
export type SloVerdict = z.infer<typeof sloVerdictSchema>;
