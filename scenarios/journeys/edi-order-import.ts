/**
 * EDI order import: an EDI connector turns a batch of partner orders (EDIFACT ORDERS, X12 850)
 * into confirmed sales orders over the integration transport (XML-RPC up to Odoo 18, JSON-2 from 19:
 * see src/odoo/transport-choice.ts). One iteration is one batch.
 *
 *   resolve-partners  res.partner.search_read([[['ref', 'in', refs]]], {fields: ['id', 'ref']})                    GLN/ref → partner
 *   resolve-products  product.product.search_read([[['barcode', 'in', barcodes]]], {fields: ['id', 'barcode']})    EAN → product
 *   create-orders     sale.order.create([[{partner_id, client_order_ref: tag, origin: 'EDI …', order_line: […]}, …]])  one call per batch
 *   confirm-orders    sale.order.action_confirm([ids])
 *
 * Batch size: `params.batchSize` (default 5 orders); lines per order `params.linesPerOrder` (default 1–20).
 * Needs partners with a `ref` and products with a barcode (what an EDI message carries): prepare
 * creates both.
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { between, idsOf, noData, param, pickOne, pickSome, preparedOr, runTag, SETUP_LIMIT } from './common.js';
import { JourneyError, journeyMessages } from './errors.js';
import { CUSTOMER_FALLBACK, SALEABLE_PRODUCTS } from './order-entry.js';
import type { Journey, JourneyContext, JourneyParam } from './types.js';

const NAME = 'edi-order-import';

export const EDI_ORDER_IMPORT_STEPS = ['resolve-partners', 'resolve-products', 'create-orders', 'confirm-orders'] as const;

export interface EdiData {
  /** Partner references as an EDI message carries them (`res.partner.ref`). */
  partnerRefs: string[];
  /** EAN barcodes (`product.product.barcode`). */
  barcodes: string[];
}

export const EDI_PARAMS = {
  batchSize: { kind: 'count', default: 5, about: 'orders created per EDI batch (one create call)' },
  linesPerOrder: { kind: 'count', default: { min: 1, max: 20 }, about: 'lines per EDI order' },
} as const satisfies Record<string, JourneyParam>;

export const ediOrderImport: Journey<EdiData> = {
  name: NAME,
  description: 'An EDI connector creates a batch of sales orders in one call and confirms them (integration transport).',
  transport: 'xmlrpc',
  steps: EDI_ORDER_IMPORT_STEPS,
  modules: ['sale_management', 'sale_stock'],
  params: EDI_PARAMS,

  async setup(client: OdooClient): Promise<EdiData> {
    const partnerIds = await preparedOr(client, 'res.partner', 'ref', 'C', [], [...CUSTOMER_FALLBACK, ['ref', '!=', false]]);
    const partners = partnerIds.length === 0 ? [] : await client.call<Array<{ ref: string | false }>>('res.partner', 'read', [partnerIds.slice(0, SETUP_LIMIT), ['ref']]);
    const partnerRefs = partners.map((row) => row.ref).filter((ref): ref is string => typeof ref === 'string' && ref !== '');
    if (partnerRefs.length === 0) throw noData(NAME, 'customers with a reference', "res.partner with ref (prepare sets 'oc-data-C…')");
    const productIds = await preparedOr(client, 'product.product', 'default_code', 'P', [...SALEABLE_PRODUCTS, ['barcode', '!=', false]], [...SALEABLE_PRODUCTS, ['barcode', '!=', false]]);
    const products = productIds.length === 0 ? [] : await client.call<Array<{ barcode: string | false }>>('product.product', 'read', [productIds.slice(0, SETUP_LIMIT), ['barcode']]);
    const barcodes = products.map((row) => row.barcode).filter((code): code is string => typeof code === 'string' && code !== '');
    if (barcodes.length === 0) throw noData(NAME, 'products with barcodes', "saleable storable product.product with a barcode");
    return { partnerRefs, barcodes };
  },

  async run(ctx: JourneyContext<EdiData>): Promise<void> {
    const { client, shared } = ctx;
    const batchSize = Math.max(1, param(ctx, EDI_PARAMS, 'batchSize'));
    const orders = [];
    for (let i = 0; i < batchSize; i += 1) {
      const lineCount = Math.max(1, param(ctx, EDI_PARAMS, 'linesPerOrder'));
      orders.push({
        partnerRef: pickOne(shared.partnerRefs, ctx.random, NAME),
        lines: pickSome(shared.barcodes, lineCount, ctx.random, NAME).map((barcode) => ({ barcode, quantity: between(1, 12, ctx.random) })),
      });
    }
    const refs = unique(orders.map((order) => order.partnerRef));
    const barcodes = unique(orders.reduce<string[]>((all, order) => all.concat(order.lines.map((line) => line.barcode)), []));

    const partnerByRef = await ctx.step('resolve-partners', async () =>
      mapBy(await client.call<Array<{ id: number; ref: string }>>('res.partner', 'search_read', [[['ref', 'in', refs]]], { fields: ['id', 'ref'] }), 'ref'),
    );
    const productByBarcode = await ctx.step('resolve-products', async () =>
      mapBy(await client.call<Array<{ id: number; barcode: string }>>('product.product', 'search_read', [[['barcode', 'in', barcodes]]], { fields: ['id', 'barcode'] }), 'barcode'),
    );
    const tag = runTag(ctx.tag);
    const values = orders.map((order, index) => ({
      partner_id: resolved(partnerByRef, order.partnerRef, 'resolve-partners'),
      client_order_ref: tag,
      origin: `EDI ${tag} #${ctx.iteration}.${index + 1}`,
      order_line: order.lines.map((line) => [0, 0, { product_id: resolved(productByBarcode, line.barcode, 'resolve-products'), product_uom_qty: line.quantity }]),
    }));
    const ids = await ctx.step('create-orders', async () => idsOf(await client.call('sale.order', 'create', [values]), NAME, 'create-orders'));
    await ctx.step('confirm-orders', () => client.call('sale.order', 'action_confirm', [ids]));
  },
};

function unique(values: string[]): string[] {
  const seen: Record<string, true> = {};
  return values.filter((value) => (seen[value] ? false : (seen[value] = true)));
}

function mapBy<K extends string>(rows: Array<{ id: number } & Record<K, string>>, key: K): Record<string, number> {
  const map: Record<string, number> = {};
  for (const row of rows) map[row[key]] = row.id;
  return map;
}

function resolved(map: Record<string, number>, key: string, step: string): number {
  const id = map[key];
  if (id === undefined) throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(NAME, step, `"${key}" is not known to Odoo any more (archived?)`));
  return id;
}
