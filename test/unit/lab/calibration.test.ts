/**
 * The lab's calibration (src/lab/calibration.json) against the recorded web client traffic: every
 * recorded call prices at its recorded server time, and a 5-line order entered through the web
 * client costs the lab what it cost the real Odoo 17 (4.45 s in the recording; 4.5–5.7 s measured
 * over two sessions, issue 15).
 */
import { describe, expect, it } from 'vitest';
import { costDetail } from '../../../src/lab/server/dispatch.js';
import { CALIBRATION, methodCpuMs, perLineCpuMs, routeCpuMs } from '../../../src/lab/server/service-time.js';
import { loadWebClientFixture, requestsOf, type RecordedRequest } from '../journeys/webclient-replay.js';

/** Lines a recorded call works on: the order's lines (web_save's commands; 5 for the recorded order's buttons). */
function linesOf(request: RecordedRequest): number {
  const args = (request.request.params.args ?? []) as unknown[];
  const vals = args[1] as { order_line?: unknown[] } | undefined;
  if (request.method === 'web_save') return vals?.order_line?.length ?? 0;
  if (request.method === 'action_confirm' || request.method === 'button_validate') return 5;
  return 0;
}

/** The lab's CPU budget for one recorded request, ms (timeScale 1), with the web transport's overhead. */
function labCostMs(request: RecordedRequest): number {
  const overhead = CALIBRATION.transportOverheadMs.web;
  if (request.model === null) return routeCpuMs(CALIBRATION, request.path) + overhead;
  const params = request.request.params;
  const detail = costDetail(request.method ?? '', (params.args ?? []) as unknown[], (params.kwargs ?? {}) as Record<string, unknown>);
  const method = request.method ?? '';
  return methodCpuMs(CALIBRATION, request.model, method, detail) + perLineCpuMs(CALIBRATION, request.model, method, detail) * linesOf(request) + overhead;
}

const serverMs = (request: RecordedRequest) => (request.server.sqlS + request.server.otherS) * 1000;

describe('lab calibration from the recorded web client', () => {
  it('prices a 5-line order entered through the web client at 4.5–5.7 s, within 10 % of the recording', () => {
    const requests = requestsOf(loadWebClientFixture('order-entry'));
    const lab = requests.reduce((sum, r) => sum + labCostMs(r), 0);
    const recorded = requests.reduce((sum, r) => sum + serverMs(r), 0);
    expect(recorded).toBeCloseTo(4450, -1);
    expect(lab).toBeGreaterThanOrEqual(4300); // + the lab's own SQL and HTTP, measured ~0.1–0.3 s
    expect(lab).toBeLessThanOrEqual(5700);
    expect(Math.abs(lab - recorded) / recorded).toBeLessThan(0.1);
  });

  it('prices each recorded task within 15 % of its recorded server time', () => {
    for (const task of ['order-lookup', 'stock-inquiry', 'delivery-validate'] as const) {
      const requests = requestsOf(loadWebClientFixture(task));
      const lab = requests.reduce((sum, r) => sum + labCostMs(r), 0);
      const recorded = requests.reduce((sum, r) => sum + serverMs(r), 0);
      expect(Math.abs(lab - recorded) / recorded, task).toBeLessThan(0.15);
    }
  });

  it('gives every recorded call kind its own figure: none falls back to the default', () => {
    const tasks = ['order-entry', 'order-lookup', 'stock-inquiry', 'delivery-validate'] as const;
    for (const request of tasks.flatMap((t) => requestsOf(loadWebClientFixture(t)))) {
      const key = request.model === null ? `route:${request.path}` : `${request.model}.${request.method}`;
      const params = request.request.params;
      const detail = request.model === null ? undefined : costDetail(request.method ?? '', (params.args ?? []) as unknown[], {});
      const entries = Object.keys(CALIBRATION.methodMs);
      expect(entries.includes(key) || entries.includes(`${key}:${detail}`), key).toBe(true);
    }
  });

  it('scales the order buttons with their lines: a 1-line confirm costs what the XML-RPC measurements say (240–335 ms)', () => {
    const confirm = (lines: number) => methodCpuMs(CALIBRATION, 'sale.order', 'action_confirm') + lines * perLineCpuMs(CALIBRATION, 'sale.order', 'action_confirm');
    expect(confirm(1)).toBeGreaterThanOrEqual(240);
    expect(confirm(2)).toBeLessThanOrEqual(335);
    expect(confirm(5)).toBeCloseTo(511, -1);
  });
});
