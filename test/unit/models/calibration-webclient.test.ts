/**
 * The order-entry calibration against the real Odoo 17 web client (test/fixtures/odoo17-webclient):
 * the fixed and per-line parts must add up to what the recorded 5-line order cost the server, and a
 * forecast must price a 5-line web-client order at 5.1 s ± 35 % (the 4.5–5.7 s measured, issue 15).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_DEFAULTS, demandAtLines, type CalibratedJourney } from '../../../models/calibration-defaults.js';
import { forecastToWorkload, type Forecast } from '../../../models/forecast.js';

interface Fixture {
  steps: Array<{ requests: Array<{ server: { sqlS: number; otherS: number } }> }>;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/odoo17-webclient/order-entry.json', import.meta.url), 'utf8')) as Fixture;
const requests = fixture.steps.flatMap((s) => s.requests);
const serverS = requests.reduce((sum, r) => sum + r.server.sqlS + r.server.otherS, 0);
const sqlS = requests.reduce((sum, r) => sum + r.server.sqlS, 0);

describe('order-entry calibration from the web client', () => {
  const orderEntry = CALIBRATION_DEFAULTS['order-entry'] as CalibratedJourney;

  it('adds up to the recorded 5-line order: 54 requests, 4.45 s of server time, a quarter of it SQL', () => {
    const five = demandAtLines(orderEntry, 5);
    expect(five.callsPerIteration).toBe(requests.length);
    expect(Math.abs(five.workerS / serverS - 1)).toBeLessThan(0.02);
    expect(Math.abs(five.dbS / sqlS - 1)).toBeLessThan(0.05);
    expect(five.perLine).toBeUndefined();
  });

  it('prices a 5-line web-client order in a forecast at 5.1 s ± 35 %, and a 10-line one higher by the per-line part', () => {
    const forecast = (lines: number): Forecast => ({
      name: 'test', warehouses: 1, ordersPerDay: 1000, linesPerOrder: { mean: lines }, peakHourShare: 0.2, scanners: 0,
      edi: { partners: 0, batchSize: 1, intervalMinutes: 60 }, monthEnd: { invoices: 0, hours: 1 }, growth: { annualRate: 0, horizonYears: 0 },
      slos: { requestP95Ms: 1000 },
    });
    const price = (lines: number): number => forecastToWorkload(forecast(lines)).journeys.find((j) => j.journey === 'order-entry')?.demand.workerS ?? NaN;
    expect(price(5)).toBeGreaterThan(5.1 * 0.65);
    expect(price(5)).toBeLessThan(5.1 * 1.35);
    expect(price(10) - price(5)).toBeCloseTo(5 * (orderEntry.perLine?.workerS ?? NaN), 9);
  });
});
