/**
 * Order to delivery: a sales rep enters and confirms an order, a warehouse user picks and ships it
 * (docs/ODOO-PROTOCOL.md, "Sales order to delivery"). Interactive users, so the web session transport.
 *
 *   create-order    sale.order.create([{partner_id, client_order_ref: tag, order_line: [[0,0,{product_id, product_uom_qty}], …]}])
 *   confirm-order   sale.order.action_confirm([[order]])
 *   find-picking    stock.picking.search_read([[sale_id = order, picking_type_code = outgoing, state not in done/cancel]])
 *   reserve         stock.picking.action_assign([[picking]])             (only when not already 'assigned')
 *   read-move-lines stock.move.line.search_read([[picking_id = picking]])
 *   pick-lines      stock.move.line.write([[line], {quantity, picked: true}])  one call per line, like scans
 *   validate        stock.picking.button_validate([[picking]]) → True, or a wizard (common.ts validatePicking):
 *                   confirm.stock.sms.send_sms([[w]], {context}) once per company (stock_sms), and when short
 *                   stock.backorder.confirmation.create([{}], {context}) then process([[wizard]], {context})
 *
 * Odoo 17 has no `qty_done`: a move line's `quantity` is the reserved amount and `picked` the done
 * flag. Picking what was reserved and validating gives a backorder whenever stock was short; the
 * journey answers the wizard as a warehouse user would by default ("Create Backorder").
 *
 * Written against `OdooClient` only (no Node APIs): it is also bundled for k6.
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { runTag, validatePicking } from './common.js';
import { JourneyError, journeyMessages } from './errors.js';
import type { Journey, JourneyContext } from './types.js';

export interface OrderToDeliveryData {
  customerIds: number[];
  productIds: number[];
}

const NAME = 'order-to-delivery';

export const ORDER_TO_DELIVERY_STEPS = [
  'create-order',
  'confirm-order',
  'find-picking',
  'reserve',
  'read-move-lines',
  'pick-lines',
  'validate',
] as const;

/** Records looked up by `setup` (per model, at most). */
export const SETUP_LIMIT = 500;

/**
 * Customers: partners already invoiced (`customer_rank` is raised by account.move posting, field
 * of the `account` module that `sale` depends on). On a staging copy of a production database these
 * are the real customers; on the Odoo 17 demo database, the partners of the posted demo invoices
 * (Azure Interior, Deco Addict).
 */
export const CUSTOMER_DOMAIN = [['customer_rank', '>', 0]] as const;
/**
 * Fallback when no partner was ever invoiced (a fresh database): companies, minus the partners of
 * our own companies (read from res.company), which one does not sell to.
 */
export const COMPANY_DOMAIN = [['is_company', '=', true]] as const;
/** Storable products with a barcode (what a scanner can pick). */
export const PRODUCT_DOMAIN = [
  ['detailed_type', '=', 'product'],
  ['barcode', '!=', false],
] as const;

/** Order lines per order: uniform 1–5. Units per line: uniform 1–3 (keeps demo stock from running out fast). */
export const MAX_LINES = 5;
export const MAX_UNITS = 3;

interface IdRow {
  id: number;
}
interface PickingRow {
  id: number;
  state: string;
  name: string;
}
interface MoveLineRow {
  id: number;
  quantity: number;
  picked: boolean;
  product_id: [number, string] | false;
}
export const orderToDelivery: Journey<OrderToDeliveryData> = {
  name: NAME,
  description: 'Sales rep enters and confirms an order (1–5 lines); the warehouse reserves, picks and validates the delivery.',
  transport: 'web',
  steps: ORDER_TO_DELIVERY_STEPS,
  modules: ['sale_stock', 'sale', 'stock'],

  async setup(client: OdooClient): Promise<OrderToDeliveryData> {
    const customerIds = await loadCustomerIds(client);
    if (customerIds.length === 0) {
      throw new JourneyError(
        'JOURNEY_NO_DATA',
        journeyMessages.noData(NAME, 'customers', 'res.partner with customer_rank > 0, or companies', 'Create or import customers first.'),
      );
    }
    const productIds = await searchIds(client, 'product.product', PRODUCT_DOMAIN);
    if (productIds.length === 0) {
      throw new JourneyError(
        'JOURNEY_NO_DATA',
        journeyMessages.noData(
          NAME,
          'products',
          "product.product with detailed_type = 'product' and a barcode",
          'Create storable products with barcodes and stock on hand first.',
        ),
      );
    }
    return { customerIds, productIds };
  },

  async run(ctx: JourneyContext<OrderToDeliveryData>): Promise<void> {
    const { client, shared } = ctx;
    const order = chooseOrder(shared, ctx.random);

    const orderId = await ctx.step('create-order', async () =>
      idOf(
        await client.call<number | number[]>('sale.order', 'create', [
          {
            partner_id: order.partnerId,
            client_order_ref: runTag(ctx.tag),
            order_line: order.lines.map((line) => [0, 0, { product_id: line.productId, product_uom_qty: line.quantity }]),
          },
        ]),
        'create-order',
      ),
    );

    await ctx.step('confirm-order', () => client.call('sale.order', 'action_confirm', [[orderId]]));

    const picking = await ctx.step('find-picking', async () => {
      const rows = await client.call<PickingRow[]>(
        'stock.picking',
        'search_read',
        [
          [
            ['sale_id', '=', orderId],
            ['picking_type_code', '=', 'outgoing'],
            ['state', 'not in', ['done', 'cancel']],
          ],
        ],
        { fields: ['id', 'state', 'name'] },
      );
      const first = rows[0];
      if (!first) {
        throw new JourneyError(
          'JOURNEY_UNEXPECTED_REPLY',
          journeyMessages.unexpectedReply(NAME, 'find-picking', `order ${orderId} has no open outgoing picking (are the products storable, is sale_stock installed?)`),
        );
      }
      return first;
    });

    if (picking.state !== 'assigned') {
      await ctx.step('reserve', () => client.call('stock.picking', 'action_assign', [[picking.id]]));
    }

    const lines = await ctx.step('read-move-lines', async () => {
      const rows = await client.call<MoveLineRow[]>('stock.move.line', 'search_read', [[['picking_id', '=', picking.id]]], {
        fields: ['id', 'quantity', 'picked', 'product_id'],
      });
      if (rows.length === 0) {
        throw new JourneyError(
          'JOURNEY_UNEXPECTED_REPLY',
          journeyMessages.unexpectedReply(NAME, 'read-move-lines', `nothing is reserved on ${picking.name}: the products are out of stock. Put stock on hand (stock.quant) before the run.`),
        );
      }
      return rows;
    });

    await ctx.step('pick-lines', async () => {
      for (const line of lines) {
        await client.call('stock.move.line', 'write', [[line.id], { quantity: line.quantity, picked: true }]);
      }
    });

    await ctx.step('validate', () => validatePicking(client, picking, NAME, 'validate', 'create'));
  },
};

/** One order's random choices, made before any call so a seed gives the same orders. */
export interface OrderChoice {
  partnerId: number;
  lines: Array<{ productId: number; quantity: number }>;
}

/**
 * Customer uniform over `customerIds`; 1–`MAX_LINES` lines of distinct products (repeats only
 * when there are fewer products than lines); 1–`MAX_UNITS` units each.
 */
export function chooseOrder(data: OrderToDeliveryData, random: () => number): OrderChoice {
  const partnerId = pickOne(data.customerIds, random);
  const lineCount = 1 + Math.floor(random() * MAX_LINES);
  const pool = [...data.productIds];
  const lines: OrderChoice['lines'] = [];
  for (let i = 0; i < lineCount; i += 1) {
    if (pool.length === 0) pool.push(...data.productIds);
    const index = Math.floor(random() * pool.length);
    const productId = pool.splice(index, 1)[0] ?? pickOne(data.productIds, random);
    lines.push({ productId, quantity: 1 + Math.floor(random() * MAX_UNITS) });
  }
  return { partnerId, lines };
}

function pickOne(ids: readonly number[], random: () => number): number {
  const id = ids[Math.floor(random() * ids.length)];
  if (id === undefined) throw new JourneyError('JOURNEY_NO_DATA', journeyMessages.noData(NAME, 'records', 'empty list', 'Run setup first.'));
  return id;
}

/** `create` answers an id for `[{…}]` and a list of ids for `[[{…}]]` (odoo/api.py `_call_kw_model_create`). */
function idOf(value: number | number[], step: string): number {
  const id = Array.isArray(value) ? value[0] : value;
  if (typeof id !== 'number') {
    throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(NAME, step, `create returned ${JSON.stringify(value)}, expected an id`));
  }
  return id;
}

async function searchIds(client: OdooClient, model: string, domain: ReadonlyArray<readonly unknown[]>): Promise<number[]> {
  const rows = await client.call<IdRow[]>(model, 'search_read', [domain], { fields: ['id'], limit: SETUP_LIMIT, order: 'id' });
  return rows.map((row) => row.id);
}

async function loadCustomerIds(client: OdooClient): Promise<number[]> {
  const invoiced = await searchIds(client, 'res.partner', CUSTOMER_DOMAIN);
  if (invoiced.length > 0) return invoiced;
  const companies = await client.call<Array<{ partner_id: [number, string] | false }>>('res.company', 'search_read', [[]], { fields: ['partner_id'] });
  const own: number[] = [];
  for (const company of companies) if (company.partner_id) own.push(company.partner_id[0]);
  return searchIds(client, 'res.partner', [...COMPANY_DOMAIN, ['id', 'not in', own]]);
}
