/**
 * order-to-delivery beyond the recorded happy path (test/unit/journeys/web-client.test.ts replays
 * that one): the wizards button_validate may open instead, an order without a delivery, the setup.
 */
import { describe, expect, it } from 'vitest';
import { JourneyError } from '../../../scenarios/journeys/errors.js';
import { getJourney, journeyNames, journeys } from '../../../scenarios/journeys/index.js';
import { orderToDelivery, type OrderToDeliveryData } from '../../../scenarios/journeys/order-to-delivery.js';
import type { JourneyContext } from '../../../scenarios/journeys/types.js';
import { chooseOrder } from '../../../scenarios/journeys/order-entry.js';
import { morningOrderWave } from '../../../scenarios/profiles/morning-order-wave.js';
import { mixSeed, mulberry32 } from '../../../src/plan/random.js';
import type { OdooClient } from '../../../src/odoo/types.js';
import { loadWebClientFixture, ReplayClient, type Sent } from './webclient-replay.js';

const SHARED: OrderToDeliveryData = {
  customers: [{ id: 10, term: 'Deco Addict' }],
  products: [{ id: 17, templateId: 11, term: 'Large Cabinet' }],
  partnerAutocomplete: false,
};

const BACKORDER_ACTION = {
  name: 'Create Backorder?',
  type: 'ir.actions.act_window',
  res_model: 'stock.backorder.confirmation',
  views: [[512, 'form']],
  target: 'new',
  context: { lang: 'en_US', uid: 2, button_validate_picking_ids: [3163], default_show_transfers: false, default_pick_ids: [[4, 3163]] },
};

/** The recorded order and delivery, with `override` answering some calls differently. */
async function run(override: (sent: Sent) => unknown): Promise<{ client: ReplayClient; steps: string[] }> {
  const client = new ReplayClient([loadWebClientFixture('order-entry'), loadWebClientFixture('delivery-validate')]);
  client.override = override;
  const steps: string[] = [];
  const ctx: JourneyContext<OrderToDeliveryData> = {
    client, shared: SHARED, params: { linesPerOrder: 1, qtyPerLine: 2 }, tag: 'run-20260301-0800', vu: 0, iteration: 0, random: () => 0,
    step: async (name, fn) => (steps.push(name), fn()),
  };
  await orderToDelivery.run(ctx);
  return { client, steps };
}

const brief = (sent: Sent[]) => sent.map((s) => `${s.model ?? s.path}.${s.method ?? ''}`);

describe('order-to-delivery: what validate may open', () => {
  it('answers the backorder wizard in its own step with the returned context (create, then process)', async () => {
    const { client, steps } = await run((s) => (s.method === 'button_validate' ? BACKORDER_ACTION : s.method === 'create' ? 7 : undefined));
    expect(steps.slice(-3)).toEqual(['open-delivery', 'validate', 'backorder']);
    expect(brief(client.sent.slice(-3))).toEqual(['stock.picking.button_validate', 'stock.backorder.confirmation.create', 'stock.backorder.confirmation.process']);
    expect(client.sent.at(-2)?.params).toMatchObject({ args: [{}], kwargs: { context: BACKORDER_ACTION.context } });
    expect(client.sent.at(-1)?.params).toMatchObject({ args: [[7]], kwargs: { context: BACKORDER_ACTION.context } });
  });

  it("acknowledges stock_sms's one-time warning with send_sms, then refreshes the form", async () => {
    const sms = { type: 'ir.actions.act_window', res_model: 'confirm.stock.sms', res_id: 3, target: 'new', context: { uid: 2 } };
    const { client, steps } = await run((s) => (s.method === 'button_validate' ? sms : s.method === 'send_sms' ? false : undefined));
    expect(steps.at(-1)).toBe('validate');
    expect(brief(client.sent.slice(-5))).toEqual([
      'stock.picking.button_validate', 'confirm.stock.sms.send_sms', '/mail/thread/messages.', 'stock.picking.web_read', '/mail/thread/data.',
    ]);
  });

  it('refuses a wizard it does not know', async () => {
    const error = await run((s) => (s.method === 'button_validate' ? { type: 'ir.actions.act_window', res_model: 'stock.quality.check' } : undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JourneyError);
    expect((error as Error).message).toBe('Journey "order-to-delivery", step "validate": button_validate opened "stock.quality.check", which this journey does not handle');
  });

  it('says what is wrong when the order has no delivery to open', async () => {
    const error = await run((s) => (s.method === 'action_view_delivery' ? false : undefined)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'JOURNEY_UNEXPECTED_REPLY' });
    expect((error as Error).message).toContain('step "open-delivery": order 2523 has no single delivery to open');
  });
});

describe('order-to-delivery setup', () => {
  it('loads the prepared customers and saleable products with their templates, and whether partner_autocomplete is installed', async () => {
    const calls: Array<{ model: string; method: string; args: unknown[] }> = [];
    const client: OdooClient = {
      transport: 'web', uid: 2, authenticate: async () => 2, close: async () => undefined,
      call: async <T>(model: string, method: string, args: unknown[] = []): Promise<T> => {
        calls.push({ model, method, args });
        if (model === 'res.partner' && method === 'search_read') return [{ id: 12 }] as T;
        if (model === 'res.partner') return [{ id: 12, name: 'Deco Addict' }] as T;
        if (model === 'product.product' && method === 'search_read') return [{ id: 5 }] as T;
        if (model === 'product.product') return [{ id: 5, name: 'Bolt', default_code: 'oc-data-P00001', product_tmpl_id: [4, 'Bolt'] }] as T;
        return [{ id: 1 }] as T;
      },
    };
    expect(await orderToDelivery.setup?.(client)).toEqual({
      customers: [{ id: 12, term: 'Deco A' }],
      products: [{ id: 5, templateId: 4, term: 'oc-data-P00001' }],
      partnerAutocomplete: true,
    });
    expect(calls.at(-1)).toEqual({ model: 'ir.module.module', method: 'search_read', args: [[['name', '=', 'partner_autocomplete'], ['state', '=', 'installed']]] });
  });
});

describe('journey registry', () => {
  it('registers order-to-delivery under its name with its step list', () => {
    expect(journeys['order-to-delivery']).toBe(orderToDelivery);
    expect(getJourney('order-to-delivery').steps).toEqual(['open-quotations', 'new-quotation', 'customer', 'add-line', 'save', 'confirm', 'open-delivery', 'validate', 'backorder']);
    expect(orderToDelivery.transport).toBe('web');
  });

  it('lists the known names for an unknown journey', () => {
    expect(() => getJourney('order-to-cash')).toThrow(
      'Unknown journey "order-to-cash". Known journeys: barcode-pick, browse, edi-order-import, invoicing, month-end-reports, order-entry, order-lookup, order-to-delivery, receipt, replenishment, stock-inquiry. Check the journey names in the profile.',
    );
    expect(() => getJourney('toString')).toThrow(JourneyError);
    expect(journeyNames()).toEqual(['barcode-pick', 'browse', 'edi-order-import', 'invoicing', 'month-end-reports', 'order-entry', 'order-lookup', 'order-to-delivery', 'receipt', 'replenishment', 'stock-inquiry']);
  });
});

describe('order-to-delivery params', () => {
  const PRODUCTS = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, templateId: i + 1, term: `P${i}` }));
  const draws = (params: Record<string, unknown> | undefined) =>
    Array.from({ length: 2000 }, (_, i) => {
      const random = mulberry32(mixSeed(7, 0, i));
      const ctx = { params, random, shared: { ...SHARED, products: PRODUCTS } } as unknown as JourneyContext<OrderToDeliveryData>;
      return chooseOrder(ctx, 'order-to-delivery').lines.length;
    });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('declares what it reads, and keys the lines per order the profile gives (morning-order-wave: lognormal median 6)', () => {
    expect(Object.keys(orderToDelivery.params ?? {})).toEqual(['linesPerOrder', 'qtyPerLine']);
    const wave = draws(morningOrderWave.params?.['order-to-delivery'] as Record<string, unknown>);
    // lognormal(μ = ln 6, σ = 0.6), rounded: median 6, mean ≈ 6·e^(0.18) = 7.18; far from the 1–10 default's 5.5
    expect([...wave].sort((a, b) => a - b)[1000]).toBe(6);
    expect(mean(wave)).toBeGreaterThan(6.8);
    expect(mean(wave)).toBeLessThan(7.6);
    expect(Math.max(...wave)).toBeGreaterThan(15);
  });

  it('falls back to its declared default, 1–10 lines uniformly', () => {
    const plain = draws(undefined);
    expect(Math.min(...plain)).toBe(1);
    expect(Math.max(...plain)).toBe(10);
    expect(mean(plain)).toBeCloseTo(5.5, 0);
  });
});
