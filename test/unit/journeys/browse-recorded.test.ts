/**
 * The browse journey's customers list and customer form against what a real Odoo 17 web client sent
 * for the same task (test/fixtures/odoo17-webclient/browse-recorded.yaml: `odoo-capacity record`
 * driving Chromium through Sales → Orders → an order, Customers → a customer, Inventory → Products).
 * Before that recording the journey asked for 8 list fields and 12 form fields; the web client asks
 * for 30 and 70, computed totals (invoiced, sales count, credit) among them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { recordedForm, recordedList } from '../../../scenarios/journeys/web-client/specs.js';
import type { JourneyDefinition, CallDefinition } from '../../../scenarios/journeys/declarative.js';

const recorded = parse(readFileSync(new URL('../../fixtures/odoo17-webclient/browse-recorded.yaml', import.meta.url), 'utf8')) as JourneyDefinition;
const calls = recorded.steps.flatMap((s) => (s.call ? [s.call] : [])) as CallDefinition[];
const call = (model: string, method: string) => calls.find((c) => c.model === model && c.method === method) as CallDefinition;

describe('browse: what the Odoo 17 web client sends', () => {
  it('sends the recorded sequence: each list, then its record with the chatter', () => {
    const sequence = recorded.steps.map((s) => (s.call ? `${s.call.model}.${s.call.method}` : s.route?.path)).filter(Boolean);
    expect(sequence).toEqual([
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
