/**
 * The order-entry journey against the real Odoo 17 web client's own traffic
 * (test/fixtures/odoo17-webclient/order-entry.json): a client that answers each call with the
 * recorded response checks, call by call, that the journey sends what the web client sent — the
 * same route or model/method in the same order, the same changed fields, the same field
 * specifications, the same keyword arguments.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orderEntry, type OrderEntryData } from '../../../scenarios/journeys/order-entry.js';
import type { OdooClient } from '../../../src/odoo/types.js';

interface Recorded {
  path: string;
  model: string | null;
  method: string | null;
  request: { params: Record<string, unknown> };
  response: { result?: unknown };
}
interface Fixture {
  steps: Array<{ requests: Recorded[] }>;
  firstOpenOnly: { requests: Recorded[] };
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/odoo17-webclient/order-entry.json', import.meta.url), 'utf8')) as Fixture;
const recorded = fixture.steps.flatMap((s) => s.requests);
const getViews = fixture.firstOpenOnly.requests.find((r) => r.method === 'get_views') as Recorded;

interface Sent {
  route: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

/** Answers every call with the next recorded response (get_views with the warm-up's), recording what was sent. */
function replayClient(): { client: OdooClient; sent: Sent[] } {
  const sent: Sent[] = [];
  let next = 0;
  const answer = (): unknown => {
    const r = recorded[next++];
    return r === undefined ? undefined : r.response.result;
  };
  const client: OdooClient = {
    transport: 'web',
    uid: 2,
    authenticate: async () => 2,
    async call<T>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
      if (method === 'get_views') return getViews.response.result as T;
      sent.push({ route: `${model}.${method}`, args, kwargs });
      return answer() as T;
    },
    async callButton<T>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
      sent.push({ route: `button ${model}.${method}`, args, kwargs });
      return answer() as T;
    },
    async callRoute<T>(path: string, params: Record<string, unknown> = {}): Promise<T> {
      sent.push({ route: path, params });
      return answer() as T;
    },
    close: async () => undefined,
  };
  return { client, sent };
}

function routeOf(r: Recorded): string {
  if (r.path === '/web/dataset/call_button') return `button ${String(r.request.params.model)}.${String(r.request.params.method)}`;
  return r.model !== null && r.method !== null ? `${r.model}.${r.method}` : r.path;
}

/** The journey as the fixture's person ran it: Deco Addict, five products, quantity 2 each. */
async function runRecordedOrder(): Promise<Sent[]> {
  const { client, sent } = replayClient();
  const shared: OrderEntryData = {
    customers: [{ id: 10, term: 'Deco Addict' }],
    products: [
      { id: 17, templateId: 11, term: 'Large Cabinet' },
      { id: 18, templateId: 12, term: 'Storage Box' },
      { id: 19, templateId: 13, term: 'Large Desk' },
      { id: 21, templateId: 15, term: 'Cabinet with Doors' },
      { id: 29, templateId: 21, term: 'Desk Stand' },
    ],
    companyId: 1,
    partnerAutocomplete: true,
  };
  // 0 picks the first customer and the products in order; 0.25 draws quantity 2 of 1–5.
  let draws = 0;
  const random = (): number => (draws++ < 6 ? 0 : 0.25);
  await orderEntry.run({ client, shared, random, tag: 'oc-test', params: { linesPerOrder: 5 }, vu: 0, iteration: 0, step: (_name, fn) => fn() });
  return sent;
}

describe('order-entry speaks the Odoo 17 web client', () => {
  it('sends the 54 requests of the recorded 5-line order, in the same order', async () => {
    const sent = await runRecordedOrder();
    expect(sent.map((s) => s.route)).toEqual(recorded.map(routeOf));
  });

  it('sends the same changed fields, specifications and keyword arguments, call by call', async () => {
    const sent = await runRecordedOrder();
    for (const [i, r] of recorded.entries()) {
      const mine = sent[i] as Sent;
      const theirs = r.request.params;
      const where = `call ${i} ${routeOf(r)}`;
      if (mine.params !== undefined) {
        // routes: the same parameter names (and the same request_list for the chatter's data)
        expect(Object.keys(mine.params).sort(), where).toEqual(Object.keys(theirs).sort());
        if ('request_list' in theirs) expect(mine.params.request_list, where).toEqual(theirs.request_list);
        continue;
      }
      const args = theirs.args as unknown[];
      const kwargs = theirs.kwargs as Record<string, unknown>;
      expect(Object.keys(mine.kwargs ?? {}).sort(), where).toEqual(Object.keys(kwargs).sort());
      expect((mine.args ?? []).length, where).toBe(args.length);
      if (r.method === 'onchange') {
        expect(mine.args?.[0], where).toEqual(args[0]);
        expect(mine.args?.[2], `${where} field_names`).toEqual(args[2]);
        expect(mine.args?.[3], `${where} spec`).toEqual(args[3]);
        const changed = (args[2] as string[])[0];
        const values = args[1] as Record<string, unknown>;
        if (changed !== undefined && changed !== 'order_line') expect((mine.args?.[1] as Record<string, unknown>)[changed], `${where} ${changed}`).toEqual(values[changed]);
      }
      if (r.method === 'web_save' || r.method === 'web_read') expect(mine.kwargs?.specification, `${where} specification`).toEqual(kwargs.specification);
      if (r.method === 'web_search_read') {
        expect(mine.kwargs?.specification, where).toEqual(kwargs.specification);
        expect(mine.kwargs?.domain, where).toEqual(kwargs.domain);
      }
      if (r.method === 'name_search') {
        expect(mine.kwargs?.args, where).toEqual(kwargs.args);
        expect(mine.kwargs?.limit, where).toBe(kwargs.limit);
      }
    }
  });

  it('saves the order with its five lines as virtual-id create commands', async () => {
    const sent = await runRecordedOrder();
    const save = sent.find((s) => s.route === 'sale.order.web_save') as Sent;
    expect(save.args?.[0]).toEqual([]);
    const lines = (save.args?.[1] as { order_line: Array<[number, string, { product_id: number; product_uom_qty: number }]> }).order_line;
    expect(lines.map((l) => [l[0], typeof l[1], l[2].product_id, l[2].product_uom_qty])).toEqual([17, 18, 19, 21, 29].map((id) => [0, 'string', id, 2]));
  });
});
