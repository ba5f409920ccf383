/**
 * The calibration defaults `plan` prices a forecast with: web-client journeys from the recorded
 * Odoo 17 traffic (test/fixtures/odoo17-webclient/), a fixed part plus a part per order line.
 */
import { describe, expect, it } from 'vitest';
import { calibratedDemands, demandAt, JOURNEY_CALIBRATION, RECORDED_LINES, REPLAY_LEVEL } from '../../../models/calibration-defaults.js';
import { forecastToWorkload, type Forecast } from '../../../models/forecast.js';
import { loadWebClientFixture } from '../journeys/webclient-replay.js';

const forecast = (mean: number): Forecast => ({
  name: 't', warehouses: 1, ordersPerDay: 1000, linesPerOrder: { mean }, peakHourShare: 0.2, scanners: 5,
  edi: { partners: 1, batchSize: 10, intervalMinutes: 60 }, monthEnd: { invoices: 100, hours: 8 },
  growth: { annualRate: 0, horizonYears: 0 }, slos: { requestP95Ms: 1000 },
});
const orderEntry = (mean: number) => forecastToWorkload(forecast(mean)).journeys.find((j) => j.journey === 'order-entry')!.demand;

describe('calibration defaults', () => {
  it('plan prices a 5-line web-client order at 5.1 s ± 35 % (measured 4.5–5.7 s on a real Odoo 17)', () => {
    const demand = orderEntry(5);
    expect(demand.workerS).toBeGreaterThanOrEqual(5.1 * 0.65);
    expect(demand.workerS).toBeLessThanOrEqual(5.1 * 1.35);
    expect(demand.workerS).toBeCloseTo(5.1, 1);
    // ~9× the 0.58 worker-seconds the API-shaped calibration priced it at
    expect(demand.workerS / 0.58).toBeGreaterThan(7);
  });

  it('counts the recorded requests: 54 calls for 5 lines, 8 more per line', () => {
    expect(orderEntry(5).callsPerIteration).toBe(54);
    expect(orderEntry(6).callsPerIteration - orderEntry(5).callsPerIteration).toBe(8);
    expect(loadWebClientFixture('order-entry').totals.requests).toBe(54);
  });

  it('splits worker time into Odoo CPU and PostgreSQL as the recording did (a quarter SQL)', () => {
    const demand = orderEntry(5);
    const recorded = loadWebClientFixture('order-entry').totals;
    expect(demand.cpuS + demand.dbS).toBeCloseTo(demand.workerS, 9);
    expect(demand.dbS / demand.workerS).toBeCloseTo(recorded.sqlS / (recorded.sqlS + recorded.otherS), 2);
  });

  it('grows with lines per order: a fixed part and a part per line', () => {
    const five = orderEntry(5).workerS;
    const ten = orderEntry(10).workerS;
    const perLine = (ten - five) / 5;
    expect(perLine).toBeGreaterThan(0.6);
    expect(perLine).toBeLessThan(0.9);
    expect(five - 5 * perLine).toBeGreaterThan(1); // the list, form, customer, save and confirm
    // journeys that do not handle order lines stay flat
    expect(demandAt(JOURNEY_CALIBRATION['stock-inquiry']!, 1).workerS).toBe(demandAt(JOURNEY_CALIBRATION['stock-inquiry']!, 20).workerS);
  });

  it('prices the recorded read-only tasks at their recorded time × the measured level (stock inquiry 1.04 s → ~1.2 s)', () => {
    const demands = calibratedDemands(RECORDED_LINES);
    const recorded = (task: 'stock-inquiry' | 'order-lookup') => {
      const t = loadWebClientFixture(task).totals;
      return t.sqlS + t.otherS;
    };
    expect(demands['stock-inquiry']!.workerS / recorded('stock-inquiry')).toBeCloseTo(5.1 / 4.45, 6);
    expect(demands['order-lookup']!.workerS / recorded('order-lookup')).toBeCloseTo(5.1 / 4.45, 6);
    expect(demands['order-to-delivery']!.workerS).toBeGreaterThan(demands['order-entry']!.workerS + 0.8);
  });

  it('prices invoicing at its recording (3.73 s × the level + the order, 4.7 s) and browse at its measured journey lifted to the recordings\' level (0.85 s)', () => {
    const demands = calibratedDemands(RECORDED_LINES);
    expect(REPLAY_LEVEL).toBeGreaterThan(0.6);
    expect(REPLAY_LEVEL).toBeLessThan(0.65);
    expect(demands.invoicing!.workerS).toBeCloseTo(3.729 * (5.1 / 4.45) + 0.45, 6);
    expect(demands.invoicing!.callsPerIteration).toBe(24);
    expect(demands.browse!.workerS).toBeCloseTo(0.545 / REPLAY_LEVEL, 6);
  });

  it('states the origin of every journey, and which figures are estimates or assumptions', () => {
    for (const [journey, calibration] of Object.entries(JOURNEY_CALIBRATION)) expect(calibration.origin.length, journey).toBeGreaterThan(20);
    expect(JOURNEY_CALIBRATION.browse!.origin).toMatch(/^MEASURED/);
    expect(JOURNEY_CALIBRATION.invoicing!.origin).toMatch(/recorded on a real Odoo 17/);
    expect(Object.values(JOURNEY_CALIBRATION).filter((c) => /ESTIMATE/.test(c.origin))).toEqual([]);
    expect(JOURNEY_CALIBRATION['month-end-reports']!.origin).toMatch(/^ASSUMPTION/);
    expect(calibratedDemands(7.2)['order-entry']!.origin).toContain('priced at 7.2 lines');
  });
});
