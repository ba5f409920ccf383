/**
 * `import har`: a HAR of the recorded Odoo 17 order entry (built from test/fixtures/odoo17-webclient/)
 * becomes a journey that, replayed against the same server's answers, sends the recorded calls — with
 * the ids the server answered turned into references.
 */
import { describe, expect, it } from 'vitest';
import { journeyFromDefinition } from '../../../scenarios/journeys/declarative.js';
import { validateJourneyDefinition } from '../../../scenarios/journeys/definition-schema.js';
import { journeyFromHar, type Har } from '../../../src/record/har-journey.js';
import { describeCall, loadWebClientFixture, ReplayClient, requestsOf, type WebClientFixture } from '../journeys/webclient-replay.js';

/** The fixture as a browser's HAR: page loads (warm-up) first, then the task, each request with its timing. */
export function harOf(fixture: WebClientFixture): Har {
  const t0 = Date.parse('2026-12-02T16:35:00Z');
  const entry = (r: (typeof fixture.firstOpenOnly.requests)[number] & { startMs?: number; clientMs?: number }, offset: number) => ({
    startedDateTime: new Date(t0 + offset + (r.startMs ?? 0)).toISOString(),
    time: r.clientMs ?? 50,
    request: { method: 'POST', url: `http://odoo.example${r.path}`, postData: { text: JSON.stringify(r.request) } },
    response: { status: 200, content: { text: JSON.stringify(r.response) } },
  });
  return {
    log: {
      entries: [
        { startedDateTime: new Date(t0 - 5000).toISOString(), request: { method: 'GET', url: 'http://odoo.example/web' }, response: { status: 200 } },
        { startedDateTime: new Date(t0 - 4000).toISOString(), request: { method: 'POST', url: 'http://odoo.example/web/webclient/version_info', postData: { text: '{}' } }, response: { status: 200 } },
        ...fixture.firstOpenOnly.requests.filter((r) => r.path === '/web/action/load' || r.method === 'get_views').map((r) => entry(r, -60_000)),
        ...requestsOf(fixture).map((r) => entry(r, 0)),
      ],
    },
  };
}

describe('import har', () => {
  const fixture = loadWebClientFixture('order-entry');
  const imported = journeyFromHar(harOf(fixture), 'keyed-order');

  it('keeps the 54 web client calls, leaves out page loads, and adds think times from the gaps', () => {
    expect(imported.stats.steps).toBe(54);
    expect(imported.stats.skipped).toMatchObject({ 'not a POST': 1, 'page load': 1, 'get_views (once per page)': 1, 'action load (once per page)': 1 });
    const thinks = imported.definition.steps.filter((s) => s.think !== undefined);
    expect(thinks.length).toBeGreaterThan(5); // the person typed between the lines
    expect(() => validateJourneyDefinition(imported.definition, 'keyed-order.yaml')).not.toThrow();
  });

  it('turns the ids the server answered into references: the saved order in the chatter and the confirm button', () => {
    const steps = imported.definition.steps.filter((s) => s.think === undefined);
    const save = steps.findIndex((s) => s.call?.method === 'web_save');
    expect(steps[save]?.save).toBe(`s${save + 1}`);
    expect(steps[save + 1]?.route).toEqual({ path: '/mail/thread/data', params: { request_list: ['followers', 'attachments', 'suggestedRecipients', 'activities'], thread_id: `\${s${save + 1}[0].id}`, thread_model: 'sale.order' } });
    const confirm = steps.find((s) => s.button?.method === 'action_confirm');
    expect(confirm?.button?.args).toEqual([[`\${s${save + 1}[0].id}`]]);
    // the template picked from the typed search and the variant it answered
    const variant = steps.find((s) => s.call?.method === 'get_single_product_variant');
    expect(variant?.call?.args?.[0]).toMatch(/^\$\{s\d+\[0\]\[0\]\}$/);
    // numbers that are not record ids stay numbers (a line's sequence 10 although a partner has id 10)
    expect(JSON.stringify(imported.definition)).toContain('"sequence":10');
    expect(imported.stats.references).toBeGreaterThan(40);
  });

  it('turns what the person typed into params drawn per iteration: the customer, five products and the quantity', () => {
    expect(imported.params).toEqual({
      partner: { draw: '${pick(setup.res_partner_names)[1]}', recorded: 'Deco Addict' },
      product: { draw: '${pick(setup.product_template_names)[1]}', recorded: 'Large Cabinet' },
      product2: { draw: '${pick(setup.product_template_names)[1]}', recorded: 'Storage Box' },
      product3: { draw: '${pick(setup.product_template_names)[1]}', recorded: 'Large Desk' },
      product4: { draw: '${pick(setup.product_template_names)[1]}', recorded: 'Cabinet with Doors' },
      product5: { draw: '${pick(setup.product_template_names)[1]}', recorded: 'Desk Stand' },
      quantity: { between: [1, 4], recorded: 2 },
    });
    // drawn from the target's own names, with the field's recorded domain (customers, saleable products)
    expect(imported.definition.setup?.res_partner_names).toMatchObject({ model: 'res.partner', method: 'name_search', kwargs: { name: '', limit: 100 } });
    const text = JSON.stringify(imported.definition.steps);
    for (const typed of ['Deco Addict', 'Large Cabinet', 'Desk Stand']) expect(text).not.toContain(`"${typed}"`);
    expect(text).toContain('"args":["${params.partner}"]'); // res.partner autocomplete of the typed name
    expect(text).toContain('"product_uom_qty":"${params.quantity}"');
  });

  it('replayed against the same answers with the recorded params, sends the recorded calls, call by call', async () => {
    const journey = journeyFromDefinition(validateJourneyDefinition(JSON.parse(JSON.stringify(imported.definition)), 'keyed-order.yaml'));
    const client = new ReplayClient([fixture]);
    const params = Object.fromEntries(Object.entries(imported.params).map(([name, p]) => [name, p.recorded]));
    await journey.run({ client, params, shared: {}, tag: 'replay', vu: 0, iteration: 0, random: () => 0, step: (_n, fn) => fn(), sleep: async () => undefined });
    const recorded = requestsOf(fixture).map((r) => describeCall({ path: r.path, model: r.model, method: r.method, params: r.request.params }));
    expect(client.sent.map(describeCall)).toEqual(recorded);
    expect(client.sent.find((s) => s.path === '/mail/thread/data')?.params.thread_id).toBe(2523);
  });

  it('draws a text typed into a search view from the model\'s names (stock inquiry: "Desk Stand" in the product search)', () => {
    const inquiry = journeyFromHar(harOf(loadWebClientFixture('stock-inquiry')), 'look-up');
    expect(inquiry.params).toEqual({ product: { draw: '${pick(setup.product_template_records).name}', recorded: 'Desk Stand' } });
    // names, not display names: "[FURN_0001] Desk Organizer" would match no `name ilike`
    expect(inquiry.definition.setup?.product_template_records).toEqual({ model: 'product.template', method: 'search_read', args: [[]], kwargs: { fields: ['name'], limit: 100 } });
    expect(JSON.stringify(inquiry.definition.steps)).not.toContain('"Desk Stand"');
  });

  it('leaves out what the page does once when it starts (messaging, systray, has_group), as a real Odoo 17 page sent it', () => {
    const at = (n: number) => new Date(Date.UTC(2026, 11, 3, 18, 0, n)).toISOString();
    const post = (path: string, params: unknown, n: number) => ({ startedDateTime: at(n), request: { method: 'POST', url: `http://odoo.example${path}`, postData: { text: JSON.stringify({ jsonrpc: '2.0', id: n, method: 'call', params }) } }, response: { status: 200, content: { text: '{"jsonrpc":"2.0","id":1,"result":[]}' } } });
    const kw = (model: string, method: string) => ({ model, method, args: [], kwargs: {} });
    const har = { log: { entries: [
      post('/mail/init_messaging', {}, 0),
      post('/web/dataset/call_kw/res.users/systray_get_activities', kw('res.users', 'systray_get_activities'), 0),
      post('/mail/load_message_failures', {}, 0),
      post('/web/dataset/call_kw/res.users/has_group', kw('res.users', 'has_group'), 0),
      post('/web/dataset/call_kw/product.template/web_search_read', kw('product.template', 'web_search_read'), 0),
    ] } };
    const imported = journeyFromHar(har, 'x');
    expect(imported.stats.skipped).toEqual({ 'page start-up (once per page)': 4 });
    expect(imported.definition.steps).toHaveLength(1);
  });

  it('says when a HAR has no web client call', () => {
    expect(() => journeyFromHar({ log: { entries: [] } }, 'x')).toThrow('the HAR holds no web client call (/web/dataset/call_kw, call_button or a JSON route) among its 0 requests');
  });
});
