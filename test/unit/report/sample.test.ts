/**
 * The committed sample report (reports/samples/) is what the code makes of a real run today: the
 * report of the real Odoo 17 run in test/fixtures/odoo17-runs/morning-wave-scale15-workers4,
 * regenerated here and compared byte for byte. A change to the report, the analysis or the model
 * shows up as a diff of the sample; accept it with UPDATE_REPORT_SAMPLE=1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/pipeline/build-report.js';

const RUN = path.resolve('test/fixtures/odoo17-runs/morning-wave-scale15-workers4');
const SAMPLES = path.resolve('reports/samples');
const NAME = 'odoo17-morning-wave-workers4';
const FILES = { html: `${NAME}.html`, json: `${NAME}.summary.json`, junit: `${NAME}.junit.xml` } as const;

const out = mkdtempSync(path.join(tmpdir(), 'sample-report-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the committed sample report', () => {
  it('is exactly what the code makes of the real Odoo 17 run today', async () => {
    const built = await buildReport(RUN, { out: path.join(out, 'report.html'), generatedAt: '2026-12-01T00:00:00.000Z' });
    const made = { html: readFileSync(built.html, 'utf8'), json: readFileSync(built.json, 'utf8'), junit: readFileSync(built.junit, 'utf8') };
    if (process.env.UPDATE_REPORT_SAMPLE === '1') {
      for (const key of Object.keys(FILES) as Array<keyof typeof FILES>) writeFileSync(path.join(SAMPLES, FILES[key]), made[key]);
    }
    // summary.json first: its diff is the readable one.
    expect(made.json).toBe(readFileSync(path.join(SAMPLES, FILES.json), 'utf8'));
    expect(made.junit).toBe(readFileSync(path.join(SAMPLES, FILES.junit), 'utf8'));
    expect(made.html === readFileSync(path.join(SAMPLES, FILES.html), 'utf8')).toBe(true);
  }, 60_000);
});
