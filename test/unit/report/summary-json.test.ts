import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSummaryJson } from '../../../src/report/summary-json.js';
import { SUMMARY_SCHEMA_ID, summaryJsonSchema, summaryJsonSchemaDocument } from '../../../src/report/summary-schema.js';
import { fixtureInput } from './fixtures/summary.js';

const schemaPath = fileURLToPath(new URL('../../../reports/summary.schema.json', import.meta.url));

describe('buildSummaryJson', () => {
  it('produces schemaVersion 1 with the verdict, summary and recommendation, valid against the schema after a JSON round trip', () => {
    const input = fixtureInput({ waveFactor: 1.7 });
    const json = JSON.parse(JSON.stringify(buildSummaryJson(input))) as unknown;
    const parsed = summaryJsonSchema.parse(json);
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.generatedAt).toBe('2026-03-02T08:10:00.000Z');
    expect(parsed.verdict.level).toBe('not-ready');
    expect(parsed.summary.runId).toBe(input.summary.runId);
    expect(parsed.summary.timeline).toHaveLength(input.summary.timeline.length);
    expect(parsed.recommendation.httpWorkers?.value).toBe(9);
    expect(parsed.recommendation.postgresMaxConnections?.value).toBe(64);
  });

  it('leaves out recommendation entries that are undefined', () => {
    const input = fixtureInput();
    input.recommendation.tenancy = undefined;
    const json = buildSummaryJson(input);
    expect(Object.keys(json.recommendation).sort()).toEqual(['httpWorkers', 'postgresMaxConnections']);
    expect(summaryJsonSchema.safeParse(JSON.parse(JSON.stringify(json))).success).toBe(true);
  });

  it('rejects documents with unknown keys or a wrong version', () => {
    const json = JSON.parse(JSON.stringify(buildSummaryJson(fixtureInput()))) as Record<string, unknown>;
    expect(summaryJsonSchema.safeParse({ ...json, extra: 1 }).success).toBe(false);
    expect(summaryJsonSchema.safeParse({ ...json, schemaVersion: 2 }).success).toBe(false);
    const { verdict: _verdict, ...withoutVerdict } = json;
    expect(summaryJsonSchema.safeParse(withoutVerdict).success).toBe(false);
  });
});

describe('reports/summary.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (regenerate with UPDATE_REPORT_SCHEMA=1)', () => {
    const generated = `${JSON.stringify(summaryJsonSchemaDocument(), null, 2)}\n`;
    if (process.env.UPDATE_REPORT_SCHEMA === '1') writeFileSync(schemaPath, generated);
    expect(readFileSync(schemaPath, 'utf8')).toBe(generated);
  });

  it('names draft 2020-12, its $id and the required top-level fields, and closes the object', () => {
    const doc = summaryJsonSchemaDocument();
    expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.$id).toBe(SUMMARY_SCHEMA_ID);
    expect(doc.required).toEqual(['schemaVersion', 'generatedAt', 'verdict', 'summary', 'recommendation']);
    expect(doc.additionalProperties).toBe(false);
  });
});
