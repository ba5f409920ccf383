import { describe, expect, it } from 'vitest';
import { conflictPerWriter } from '../../../models/calibration-defaults.js';
import { forecastToWorkload, type Forecast } from '../../../models/forecast.js';

const forecast: Forecast = {
  name: 't', warehouses: 2, ordersPerDay: 1500, linesPerOrder: { mean: 6 }, peakHourShare: 0.2, workingHours: 10, scanners: 10,
  edi: { partners: 2, batchSize: 25, intervalMinutes: 60 }, monthEnd: { invoices: 800, hours: 8 },
  growth: { annualRate: 0.1, horizonYears: 2 }, slos: { requestP95Ms: 1000 },
};
const rate = (w: ReturnType<typeof forecastToWorkload>, journey: string): number => (w.journeys.find((j) => j.journey === journey)?.peakRatePerS ?? 0) * 3600;

describe('forecastToWorkload', () => {
  it('turns volumes into peak-hour rates per the documented formulas', () => {
    const w = forecastToWorkload(forecast);
    const g = 1.1 ** 2;
    // EDI: 2 × 25 orders per hour; 500 per 10-hour day; manual 1000 × 0.2 × g
    expect(rate(w, 'edi-order-import')).toBeCloseTo(50 * g, 9);
    expect(rate(w, 'order-entry')).toBeCloseTo(1000 * 0.2 * g, 9);
    expect(rate(w, 'barcode-pick')).toBeCloseTo(120, 9); // 10 scanners × 12/h, below 1500 × 0.2 × g orders
    expect(rate(w, 'invoicing')).toBeCloseTo(150 * g, 9); // max(1500/10, 800/8) × g
    expect(w.targetP95S).toBe(1);
    expect(w.burstiness).toBeCloseTo(2, 9);
    expect(w.conflictPerWriter).toBeCloseTo(conflictPerWriter(6, 2000), 12);
  });

  it('adds a warehouse to order, scanner and replenishment volumes', () => {
    const base = forecastToWorkload(forecast);
    const more = forecastToWorkload(forecast, undefined, { addedWarehouses: 1 });
    expect(rate(more, 'order-entry') / rate(base, 'order-entry')).toBeCloseTo(1.5, 9);
    expect(rate(more, 'barcode-pick') / rate(base, 'barcode-pick')).toBeCloseTo(1.5, 9);
    expect(rate(more, 'replenishment')).toBeCloseTo(12, 9);
  });

  it('keeps the request mix consistent: rate × mean service = total worker-seconds', () => {
    const w = forecastToWorkload(forecast);
    const busy = w.journeys.reduce((s, j) => s + j.peakRatePerS * j.demand.workerS, 0);
    expect(w.requests.ratePerS * w.requests.serviceMeanS).toBeCloseTo(busy, 9);
  });
});
