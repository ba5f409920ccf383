/**
 * The interactive journeys against the recorded Odoo 17 web client traffic: each journey runs twice
 * against a client that answers with the recorded responses (the fixture holds the second run of
 * each task, the first loaded the actions and views), and its second iteration must send the recorded
 * requests call by call — same route, model and method, same argument count, same keys in kwargs,
 * contexts, specifications and values (scenarios/journeys/web-client/).
 */
import { describe, expect, it } from 'vitest';
import { orderEntry, type OrderEntryData } from '../../../scenarios/journeys/order-entry.js';
import { orderLookup } from '../../../scenarios/journeys/order-lookup.js';
import { orderToDelivery } from '../../../scenarios/journeys/order-to-delivery.js';
import { stockInquiry } from '../../../scenarios/journeys/stock-inquiry.js';
import type { Journey, JourneyContext } from '../../../scenarios/journeys/types.js';
import { describeCall, loadWebClientFixture, ReplayClient, requestsOf, type Sent, type WebClientFixture } from './webclient-replay.js';

/** The order of the recording: Deco Addict, five products, quantity 2 each. */
const ORDER: OrderEntryData = {
  customers: [{ id: 10, term: 'Deco Addict' }],
  products: [
    { id: 17, templateId: 11, term: 'Large Cabinet' },
    { id: 18, templateId: 12, term: 'Storage Box' },
    { id: 19, templateId: 13, term: 'Large Desk' },
    { id: 21, templateId: 15, term: 'Cabinet with Doors' },
    { id: 29, templateId: 21, term: 'Desk Stand' },
  ],
  partnerAutocomplete: true,
};

interface Replayed {
  first: Sent[];
  second: Sent[];
  steps: string[];
}

/** Runs `journey` twice on one VU session; returns the calls of each iteration and the steps of the second. */
async function replay<S>(journey: Journey<S>, fixtures: WebClientFixture[], shared: S, params: Record<string, unknown>, serverMajor?: number, page: WebClientFixture[] = []): Promise<Replayed> {
  const client = new ReplayClient(fixtures, page);
  const session: Record<string, unknown> = {};
  const runs: Sent[][] = [];
  let steps: string[] = [];
  for (let iteration = 0; iteration < 2; iteration += 1) {
    client.newIteration();
    const start = client.sent.length;
    steps = [];
    const ctx: JourneyContext<S> = {
      client, shared, params, session, tag: 'replay', vu: 0, iteration, random: () => 0,
      step: async (name, fn) => (steps.push(name), fn()),
      ...(serverMajor === undefined ? {} : { serverMajor }),
    };
    await journey.run(ctx);
    runs.push(client.sent.slice(start));
  }
  return { first: runs[0] ?? [], second: runs[1] ?? [], steps };
}

/**
 * The recorded requests. The journeys tag the orders they save (customer reference `oc-<run>`) so
 * cleanup finds them, where the recording left it empty: web_save's value is a string.
 */
function recorded(fixtures: WebClientFixture[]): Sent[] {
  return fixtures.flatMap((f) =>
    requestsOf(f).map((r) => {
      const params = structuredClone(r.request.params);
      if (r.method === 'web_save') ((params.args as unknown[])[1] as Record<string, unknown>).client_order_ref = 'oc-replay';
      return { path: r.path, model: r.model, method: r.method, params };
    }),
  );
}

/** Compares call by call; the message names the first differing call. */
function expectSameCalls(actual: Sent[], expected: Sent[]): void {
  const count = Math.max(actual.length, expected.length);
  for (let i = 0; i < count; i += 1) {
    const a = actual[i];
    const e = expected[i];
    expect(a ? describeCall(a) : undefined, `call #${i} (${e?.path ?? 'none recorded'})`).toEqual(e ? describeCall(e) : undefined);
  }
}

describe('order-entry speaks the Odoo 17 web client', () => {
  it('sends the 54 recorded requests of a 5-line order, call by call', async () => {
    const fixture = loadWebClientFixture('order-entry');
    const { second, steps } = await replay(orderEntry, [fixture], ORDER, { linesPerOrder: 5, qtyPerLine: 2 });
    expect(second).toHaveLength(54);
    expectSameCalls(second, recorded([fixture]));
    expect(steps).toEqual(['open-quotations', 'new-quotation', 'customer', 'add-line', 'add-line', 'add-line', 'add-line', 'add-line', 'save', 'confirm']);
  });

  it('loads the page, the action and get_views once per session: only in the first iteration', async () => {
    const { first, second } = await replay(orderEntry, [loadWebClientFixture('order-entry')], ORDER, { linesPerOrder: 5, qtyPerLine: 2 });
    const once = (calls: Sent[]) => calls.filter((c) => c.method === 'get_views' || c.path === '/web/action/load' || c.path === '/web/session/get_session_info').map((c) => c.model ?? c.path);
    expect(once(first)).toEqual(['/web/session/get_session_info', '/web/action/load', 'sale.order']);
    expect(once(second)).toEqual([]);
    const getViews = first.find((c) => c.method === 'get_views');
    expect((getViews?.params.kwargs as Record<string, unknown>).options).toEqual({ action_id: 421, load_filters: true, toolbar: true });
  });

  it('sends 8 requests per line and 14 per order besides: lines come from params.linesPerOrder', async () => {
    const fixture = loadWebClientFixture('order-entry');
    const two = await replay(orderEntry, [fixture], ORDER, { linesPerOrder: 2, qtyPerLine: 2 });
    const five = await replay(orderEntry, [fixture], ORDER, { linesPerOrder: 5, qtyPerLine: 2 });
    expect(five.second.length - two.second.length).toBe(3 * 8);
    expect(two.second).toHaveLength(14 + 2 * 8);
    expect(two.second.filter((c) => c.method === 'get_single_product_variant')).toHaveLength(2);
  });

  it('leaves the quantity alone when the drawn quantity is the default 1 (two onchanges fewer per line)', async () => {
    const fixture = loadWebClientFixture('order-entry');
    const { second } = await replay(orderEntry, [fixture], ORDER, { linesPerOrder: 5, qtyPerLine: 1 });
    expect(second).toHaveLength(54 - 5 * 2);
  });

  it('tags the order it saves (customer reference), so cleanup finds it', async () => {
    const { second } = await replay(orderEntry, [loadWebClientFixture('order-entry')], ORDER, { linesPerOrder: 1, qtyPerLine: 2 });
    const save = second.find((c) => c.method === 'web_save');
    expect(((save?.params.args as unknown[])[1] as Record<string, unknown>).client_order_ref).toBe('oc-replay');
  });
});

describe('the other recorded tasks', () => {
  it('order-to-delivery: the order, then the delivery opened from it and validated (54 + 8 requests)', async () => {
    const fixtures = [loadWebClientFixture('order-entry'), loadWebClientFixture('delivery-validate')];
    const { second, steps } = await replay(orderToDelivery, fixtures, ORDER, { linesPerOrder: 5, qtyPerLine: 2 });
    expectSameCalls(second, recorded(fixtures));
    expect(steps.slice(-2)).toEqual(['open-delivery', 'validate']);
  });

  it('order-lookup: list, orders, search, open with chatter, back (8 requests)', async () => {
    const fixture = loadWebClientFixture('order-lookup');
    // The page had opened the Quotations list before (order entry): its action and views were loaded.
    const { second } = await replay(orderLookup, [fixture], { customers: [{ id: 14, term: 'Azure Interior' }] }, {}, undefined, [loadWebClientFixture('order-entry')]);
    expectSameCalls(second, recorded([fixture]));
  });

  it('stock-inquiry: overview, products, search, open, on hand, back (11 requests)', async () => {
    const fixture = loadWebClientFixture('stock-inquiry');
    const { second } = await replay(stockInquiry, [fixture], { products: [{ id: 29, templateId: 21, term: 'Desk Stand' }] }, { productsPerInquiry: 1 });
    expectSameCalls(second, recorded([fixture]));
  });
});

describe('other versions (derived from the web client source of 16 and 18)', () => {
  it('18 sends the 17 calls', async () => {
    const fixture = loadWebClientFixture('order-entry');
    const { second } = await replay(orderEntry, [fixture], ORDER, { linesPerOrder: 5, qtyPerLine: 2 }, 18);
    expectSameCalls(second, recorded([fixture]));
  });

  it('16: classic onchange (one field name as a string, a flat field_onchange dict), create then read, reads with field lists', async () => {
    const fixture = loadWebClientFixture('order-entry');
    const { second } = await replay(orderEntry, [fixture], ORDER, { linesPerOrder: 1, qtyPerLine: 2 }, 16);
    const onchanges = second.filter((c) => c.method === 'onchange');
    const partner = onchanges.find((c) => (c.params.args as unknown[])[2] === 'partner_id');
    expect(partner).toBeDefined();
    const spec = (partner?.params.args as unknown[])[3] as Record<string, string>;
    expect(spec.partner_id).toBe('1');
    expect(spec['order_line.product_id']).toBe('1');
    expect(spec.note).toBe('');
    expect((onchanges[0]?.params.args as unknown[])[2]).toEqual([]);
    expect(second.some((c) => c.method === 'web_save' || c.method === 'web_read')).toBe(false);
    const create = second.findIndex((c) => c.method === 'create' && c.model === 'sale.order');
    expect(second[create + 1]).toMatchObject({ model: 'sale.order', method: 'read' });
    const list = second.find((c) => c.method === 'web_search_read');
    expect(Object.keys(list?.params.kwargs as object).sort()).toEqual(['context', 'count_limit', 'domain', 'fields', 'limit', 'offset', 'order']);
  });
});
