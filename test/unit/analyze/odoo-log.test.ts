/** Odoo log summaries on the real Odoo 17 fixture (test/fixtures/odoo17-log). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeOdooLog, summarizeOdooLogByPhase } from '../../../src/analyze/odoo-log.js';
import { interpretRollbacks } from '../../../src/analyze/pg-stats.js';
import { parseOdooLog } from '../../../src/collect/odoo-log-parse.js';

const text = readFileSync(new URL('../../fixtures/odoo17-log/odoo.log', import.meta.url), 'utf8');
const records = parseOdooLog(text);

/** Independent figures: the request lines of one path, fields taken from the end of the line. */
function grep(path: string): { count: number; queries: number; sqlMs: number } {
  const lines = text.split('\n').filter((l) => l.includes(' werkzeug: ') && l.includes(`"POST ${path} HTTP/1.1"`));
  const fields = lines.map((l) => l.trim().split(' ').slice(-3).map(Number));
  return { count: lines.length, queries: fields.reduce((s, f) => s + f[0]!, 0), sqlMs: Math.round(fields.reduce((s, f) => s + f[1]! * 1000, 0)) };
}

describe('summarizeOdooLog', () => {
  const summary = summarizeOdooLog(records);

  it('groups requests by path with their SQL figures', () => {
    expect(summary.requests.count).toBe(538);
    const object = summary.requests.byPath.find((g) => g.key === '/xmlrpc/2/object')!;
    const expected = grep('/xmlrpc/2/object');
    expect(object.count).toBe(expected.count);
    expect(object.count).toBe(486);
    expect(object.queries).toBe(expected.queries);
    expect(Math.round(object.sqlS * 1000)).toBe(expected.sqlMs);
    expect(object.meanQueries).toBeCloseTo(expected.queries / expected.count, 6);
    expect(summary.requests.byPath.reduce((s, g) => s + g.count, 0)).toBe(538);
  });

  it('groups /web/dataset/call_kw requests by model.method', () => {
    const keys = summary.requests.byModelMethod.map((g) => `${g.key}:${g.count}`).sort();
    expect(keys).toEqual([
      'res.partner.search_count:1',
      'res.partner.search_read:3',
      'sale.advance.payment.inv.create:3',
      'sale.order.create:3',
      'sale.order.unlink:2',
      'sale.order.web_search_read:3',
      'stock.quant.action_apply_inventory:3',
      'stock.quant.create:3',
    ]);
  });

  it('counts serialization failures, retries, worker events and errors', () => {
    expect(summary.serializationFailures).toBe(3);
    expect(summary.retries).toEqual({ total: 3, byCode: { SERIALIZATION_FAILURE: 3 }, gaveUp: 0 });
    expect(summary.errors).toEqual({ total: 3, byClass: { serialization_failure: 3 } });
    expect(summary.workers).toEqual({ 'server-stop': 1, exiting: 5, 'server-start': 2, spawned: 5 });
    const rollbacks = interpretRollbacks({ rollbacks: 400, deadlocks: 0, odoo: { serializationErrors: 3, retries: summary.retries.total, gaveUp: 0 } });
    expect(rollbacks.serializationFailures).toBe(3);
  });

  it('splits by phase windows', () => {
    const restart = Date.UTC(2026, 10, 23, 8, 33, 28);
    const [before, after] = summarizeOdooLogByPhase(records, [
      { name: 'before restart', startMs: 0, endMs: restart },
      { name: 'after restart', startMs: restart, endMs: Number.MAX_SAFE_INTEGER },
    ]);
    expect(before!.summary.requests.count + after!.summary.requests.count).toBe(538);
    expect(before!.summary.retries.total).toBe(3);
    expect(after!.summary.workers.spawned).toBe(5);
  });
});
