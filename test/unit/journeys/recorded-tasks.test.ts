/**
 * The browse and invoicing journeys against what a real Odoo 17 web client sent for the same tasks
 * (test/fixtures/odoo17-webclient/browse-recorded.yaml and invoicing-recorded.yaml, written by
 * `odoo-capacity record` driving Chromium). Before those recordings the browse journey asked for 8
 * customer list fields and 12 form fields (the web client: 30 and 70, computed totals among them), and
 * invoicing skipped the order's reload between the invoice wizard and the invoice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { invoicing } from '../../../scenarios/journeys/invoicing.js';
import { recordedForm, recordedList } from '../../../scenarios/journeys/web-client/specs.js';
import type { JourneyDefinition, CallDefinition } from '../../../scenarios/journeys/declarative.js';
import type { OdooClient } from '../../../src/odoo/types.js';

const fixture = (name: string) => parse(readFileSync(new URL(`../../fixtures/odoo17-webclient/${name}`, import.meta.url), 'utf8')) as JourneyDefinition;
const recorded = fixture('browse-recorded.yaml');
const calls = recorded.steps.flatMap((s) => (s.call ? [s.call] : [])) as CallDefinition[];
const call = (model: string, method: string) => calls.find((c) => c.model === model && c.method === method) as CallDefinition;
/** A recorded journey's requests as `model.method` (buttons too) or the route's path. */
const sequenceOf = (definition: JourneyDefinition) =>
  definition.steps.flatMap((s) => (s.think !== undefined ? [] : [s.call ? `${s.call.model}.${s.call.method}` : s.button ? `${s.button.model}.${s.button.method}` : (s.route?.path as string)]));

describe('browse: what the Odoo 17 web client sends', () => {
  it('sends the recorded sequence: each list, then its record with the chatter', () => {
    expect(sequenceOf(recorded)).toEqual([
      'sale.order.web_search_read', 'sale.order.web_read', '/mail/thread/data', '/mail/thread/messages',
      'res.partner.web_search_read', 'res.partner.web_read', '/mail/thread/data', '/mail/thread/messages',
      'product.template.web_search_read',
    ]);
  });

  it('asks for the customers list and form with the recorded specifications and domain', () => {
    const list = call('res.partner', 'web_search_read').kwargs as { specification: object; domain: unknown[] };
    expect(recordedList('account.res_partner_action_customer')).toMatchObject({ model: 'res.partner', domain: list.domain, specification: list.specification });
    expect(list.domain).toEqual([['customer_rank', '>', 0]]);
    const form = call('res.partner', 'web_read').kwargs as { specification: Record<string, unknown> };
    expect(recordedForm('res.partner').read).toEqual(form.specification);
    expect(Object.keys(form.specification)).toEqual(expect.arrayContaining(['total_invoiced', 'sale_order_count', 'credit']));
    expect(Object.keys(form.specification)).toHaveLength(70);
  });
});

describe('invoicing: what the Odoo 17 web client sends', () => {
  const task = fixture('invoicing-recorded.yaml');
  const taskCalls = task.steps.flatMap((s) => (s.call ? [s.call] : [])) as CallDefinition[];
  const recordedCall = (model: string, method: string) => taskCalls.find((c) => c.model === model && c.method === method) as CallDefinition;

  it('sends the recorded requests in the recorded order, from the order form to the paid invoice', async () => {
    const sent: string[] = [];
    const answer = (model: string, method: string): unknown => {
      if (method === 'create') return 70;
      if (method === 'web_save') return [{ id: model === 'sale.advance.payment.inv' ? 5 : 6 }];
      if (method === 'onchange') return { value: {} };
      if (method === 'web_read') return [{ id: 1 }];
      if (method === 'create_invoices') return { type: 'ir.actions.act_window', res_model: 'account.move', res_id: 900, views: [[false, 'form']] };
      if (method === 'action_register_payment') return { type: 'ir.actions.act_window', res_model: 'account.payment.register', views: [[false, 'form']], target: 'new', context: {} };
      if (method === 'get_views') return { views: {}, models: {} };
      return false;
    };
    const client: OdooClient = {
      transport: 'web', uid: 2, authenticate: async () => 2, close: async () => undefined,
      call: async <T>(model: string, method: string) => (sent.push(`${model}.${method}`), answer(model, method) as T),
      callButton: async <T>(model: string, method: string) => (sent.push(`${model}.${method}`), answer(model, method) as T),
      callRoute: async <T>(path: string) => (sent.push(path), { messages: [] } as T),
    };
    await invoicing.run({ client, shared: { customers: [{ id: 10, term: 'Deco' }], productIds: [41] }, random: () => 0, tag: 't', vu: 0, iteration: 1, step: (_n, fn) => fn() });
    // the order the accountant invoices is created and confirmed by the journey first (API calls); the page and its views load once a session
    const journeySequence = sent.filter((c) => !/\.(get_views|create|action_confirm)$|^\/web\/(action\/load|session\/)/.test(c));
    expect(journeySequence).toEqual(sequenceOf(task));
    expect(sequenceOf(task)).toHaveLength(22);
  });

  it('asks for the wizards and the invoice with the recorded specifications', () => {
    expect(recordedForm('sale.advance.payment.inv').onchange).toEqual(recordedCall('sale.advance.payment.inv', 'onchange').args?.[3]);
    expect(recordedForm('account.move').read).toEqual(recordedCall('account.move', 'web_read').kwargs?.specification);
    expect(recordedForm('account.payment.register').onchange).toEqual(recordedCall('account.payment.register', 'onchange').args?.[3]);
    expect(Object.keys(recordedForm('account.move').read ?? {})).toHaveLength(78);
  });
});
