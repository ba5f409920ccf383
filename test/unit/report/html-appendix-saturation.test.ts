import { describe, expect, it } from 'vitest';
import type { RunSummary, TimelinePoint } from '../../../src/analyze/types.js';
import { escapeHtml } from '../../../src/report/escape.js';
import { renderReportHtml } from '../../../src/report/html.js';
import { saturationLine } from '../../../src/report/html-appendix.js';
import { fixtureInput } from './fixtures/summary.js';

function summaryWith(saturation: RunSummary['saturation'], timeline: TimelinePoint[] = []): RunSummary {
  const summary = fixtureInput().summary;
  return { ...summary, startedAt: '2026-11-23T08:30:00.000Z', timeline, saturation };
}

const scheduledPoint: TimelinePoint = { t: 0, journey: 'order-entry', step: null, count: 5, errors: 0, p50Ms: 1, p95Ms: 2, p99Ms: 3, dropped: 0, scheduled: 5 };

describe('saturationLine', () => {
  it('says when, in which phase, achieved against offered and the p95 inflation', () => {
    const line = saturationLine(
      summaryWith({ atS: 720, phase: 'peak', offeredRatePerS: 1.6667, achievedRatePerS: 1.1, reason: 'latency-knee', dropped: 0, p95Ratio: 3.14, journey: 'order-entry' }),
    );
    expect(line).toBe('Saturation: from 08:42:00 (peak phase) achieved 1.1/s of 1.67/s offered; p95 of order-entry 3.1× its baseline.');
  });

  it('names the dropped iterations when they mark the point', () => {
    const line = saturationLine(
      summaryWith({ atS: 60, phase: null, offeredRatePerS: 2, achievedRatePerS: 1.5, reason: 'dropped-iterations', dropped: 4, p95Ratio: null, journey: null }),
    );
    expect(line).toBe('Saturation: from 08:31:00 achieved 1.5/s of 2/s offered; 4 iterations dropped in that window.');
  });

  it('says why no saturation was seen, for an open and a closed model', () => {
    expect(saturationLine(summaryWith(undefined, [scheduledPoint]))).toMatch(/^No saturation seen: no iterations were dropped/);
    expect(saturationLine(summaryWith(undefined, [{ ...scheduledPoint, scheduled: 0 }]))).toMatch(/^No saturation seen: a closed-model run/);
  });

  it('appears in the appendix next to the arrival-rate chart', async () => {
    const input = fixtureInput();
    const html = await renderReportHtml(input);
    expect(html).toContain(`<p>${escapeHtml(saturationLine(input.summary))}</p>`);
  });
});
