/**
 * Replenishment (stock + purchase_stock 17.0): stock.warehouse.orderpoint (reordering rules) with
 * `action_replenish` ("Order Once": the Buy rule adds the quantity to the vendor's open RFQ or
 * creates one → a display_notification action) and procurement.group `run_scheduler` (the nightly
 * job the cron runs: every 'auto' rule below its minimum is ordered up to its maximum, waiting
 * deliveries are reserved again; → {}).
 */
import { LAB_IDS } from '../ids.js';
import { UserError } from './errors.js';
import { procurementGroup } from './base.js';
import { auditFields, boolean, char, float, many2one, selection } from './fields.js';
import { argument, ensureExist, insert, recordIds } from './orm.js';
import { productDisplayName } from './product.js';
import { insertPurchaseLine, insertPurchaseOrder, updatePurchaseAmounts } from './purchase.js';
import { nextSequence } from './sale.js';
import { recomputePickingStates, reserveMoves } from './stock-ops.js';
import type { Env, ModelDef } from './types.js';

const NOW = `(now() at time zone 'UTC')`;

/** On hand in the rule's location subtree. */
const qtyOnHand = (a: string) =>
  `(SELECT COALESCE(sum(q.quantity), 0) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
     WHERE q.product_id = ${a}.product_id AND l.parent_path LIKE (SELECT parent_path FROM stock_location WHERE id = ${a}.location_id) || '%')`;
/** On hand + incoming (incl. draft RFQ lines, `_quantity_in_progress`) − outgoing. */
const qtyForecast = (a: string) =>
  `(${qtyOnHand(a)}
    + (SELECT COALESCE(sum(m.product_qty), 0) FROM stock_move m WHERE m.product_id = ${a}.product_id AND m.state NOT IN ('draft', 'cancel', 'done') AND m.location_dest_id = ${a}.location_id)
    - (SELECT COALESCE(sum(m.product_qty), 0) FROM stock_move m WHERE m.product_id = ${a}.product_id AND m.state NOT IN ('draft', 'cancel', 'done') AND m.location_id = ${a}.location_id)
    + (SELECT COALESCE(sum(pl.product_qty), 0) FROM purchase_order_line pl JOIN purchase_order po ON po.id = pl.order_id WHERE pl.product_id = ${a}.product_id AND po.state IN ('draft', 'sent', 'to approve')))`;

export const stockWarehouseOrderpoint: ModelDef = {
  name: 'stock.warehouse.orderpoint',
  description: 'Minimum Inventory Rule',
  table: 'stock_warehouse_orderpoint',
  order: 'location_id, company_id, id',
  displayName: (a) => `${a}.name`,
  fields: {
    name: char('Name', { writable: true }),
    trigger: selection('Trigger', { writable: true }),
    active: boolean('Active', { writable: true }),
    warehouse_id: many2one('stock.warehouse', 'Warehouse', { writable: true }),
    location_id: many2one('stock.location', 'Location', { writable: true }),
    product_id: many2one('product.product', 'Product', { writable: true }),
    company_id: many2one('res.company', 'Company'),
    route_id: many2one('stock.route', 'Route', { writable: true }),
    group_id: many2one('procurement.group', 'Procurement Group'),
    product_min_qty: float('Min Quantity', { writable: true }),
    product_max_qty: float('Max Quantity', { writable: true }),
    qty_multiple: float('Multiple Quantity', { writable: true }),
    qty_to_order: float('To Order', { writable: true }),
    qty_on_hand: float('On Hand', { sql: qtyOnHand }),
    qty_forecast: float('Forecast', { sql: qtyForecast }),
    ...auditFields(),
  },
  methods: {
    async create(env, args, kwargs) {
      const first = argument(args, kwargs, 0, 'vals_list', undefined);
      const list = Array.isArray(first) ? first : [first];
      const ids: number[] = [];
      for (const vals of list) {
        const v = (typeof vals === 'object' && vals !== null ? vals : {}) as Record<string, unknown>;
        const name = typeof v.name === 'string' ? v.name : await nextSequence(env, LAB_IDS.sequenceOrderpoint);
        ids.push(await insert(env, stockWarehouseOrderpoint, { ...v, name }, {
          company_id: LAB_IDS.company, warehouse_id: v.warehouse_id ?? LAB_IDS.warehouse, location_id: v.location_id ?? LAB_IDS.locationStock,
          trigger: v.trigger ?? 'auto', active: v.active ?? true, qty_to_order: v.qty_to_order ?? 0,
        }));
      }
      env.spend(0.5);
      return Array.isArray(first) ? ids : ids[0];
    },
    /** stock_orderpoint.py `action_replenish` → display_notification action naming the RFQ. */
    async action_replenish(env, args) {
      const ids = await ensureExist(env, stockWarehouseOrderpoint, recordIds(args));
      env.spend(0.3);
      const orders: Array<{ id: number; name: string }> = [];
      for (const id of ids) {
        const order = await procureOrderpoint(env, id, undefined);
        if (order) orders.push(order);
      }
      env.spend(0.4);
      if (ids.length !== 1 || !orders.length) return false;
      const order = orders[0] as { id: number; name: string };
      return {
        type: 'ir.actions.client', tag: 'display_notification',
        params: {
          title: 'The following replenishment order has been generated', message: '%s', sticky: false,
          links: [{ label: order.name, url: `#action=394&id=${order.id}&model=purchase.order` }],
          next: { type: 'ir.actions.act_window_close' },
        },
      };
    },
  },
};

/**
 * The Buy rule for one reordering rule (stock_rule.py `_run_buy`): `quantity` (default the rule's
 * qty_to_order) goes on the first vendor's open RFQ for this picking type — an existing line of the
 * product is increased (`_update_purchase_order_line`), else a line is added — or on a new RFQ.
 */
async function procureOrderpoint(env: Env, orderpointId: number, quantity: number | undefined): Promise<{ id: number; name: string } | undefined> {
  const op = await env.cr.query<{ product_id: number; qty_to_order: string | null; name: string; display: string }>(
    `SELECT o.product_id, o.qty_to_order, o.name, ${productDisplayName('p')} AS display FROM stock_warehouse_orderpoint o JOIN product_product p ON p.id = o.product_id WHERE o.id = $1`,
    [orderpointId],
  );
  const row = op.rows[0];
  const qty = quantity ?? Number(row?.qty_to_order ?? 0);
  if (!row || qty <= 0) return undefined;
  const seller = await env.cr.query<{ partner_id: number }>(
    `SELECT s.partner_id FROM product_supplierinfo s JOIN product_product p ON p.product_tmpl_id = s.product_tmpl_id WHERE p.id = $1 ORDER BY s.sequence, s.min_qty DESC, s.price, s.id LIMIT 1`,
    [row.product_id],
  );
  const vendor = seller.rows[0]?.partner_id;
  if (vendor === undefined) {
    // purchase_stock stock_rule.py _run_buy (raised as RedirectWarning by action_replenish)
    throw new UserError(`There is no matching vendor price to generate the purchase order for product ${row.display} (no vendor defined, minimum quantity not reached, dates not valid, ...). Go on the product form and complete the list of vendors.`, 'odoo.exceptions.RedirectWarning');
  }
  // _make_po_get_domain: the vendor's draft RFQ for this picking type and company
  const existing = await env.cr.query<{ id: number; name: string }>(
    `SELECT id, name FROM purchase_order WHERE partner_id = $1 AND state = 'draft' AND picking_type_id = $2 AND company_id = $3 ORDER BY id LIMIT 1`,
    [vendor, LAB_IDS.pickingTypeIn, LAB_IDS.company],
  );
  let order = existing.rows[0];
  if (!order) {
    const id = await insertPurchaseOrder(env, vendor, row.name);
    order = { id, name: (await env.cr.query<{ name: string }>('SELECT name FROM purchase_order WHERE id = $1', [id])).rows[0]?.name ?? '' };
  }
  const line = await env.cr.query<{ id: number }>('SELECT id FROM purchase_order_line WHERE order_id = $1 AND product_id = $2 ORDER BY id LIMIT 1', [order.id, row.product_id]);
  if (line.rows[0]) {
    await env.cr.query(
      `UPDATE purchase_order_line SET product_qty = product_qty + $2, product_uom_qty = product_uom_qty + $2, price_subtotal = round((product_qty + $2) * price_unit, 2),
              price_total = round((product_qty + $2) * price_unit, 2), orderpoint_id = $3, write_date = ${NOW} WHERE id = $1`,
      [line.rows[0].id, qty, orderpointId],
    );
  } else {
    const next = await env.cr.query<{ n: number | null }>('SELECT max(sequence) + 1 AS n FROM purchase_order_line WHERE order_id = $1', [order.id]);
    await insertPurchaseLine(env, order.id, vendor, next.rows[0]?.n ?? 10, { product_id: row.product_id, product_qty: qty, orderpointId });
  }
  await updatePurchaseAmounts(env, order.id);
  await env.cr.query(`UPDATE stock_warehouse_orderpoint SET qty_to_order = 0, write_date = ${NOW} WHERE id = $1`, [orderpointId]);
  return order;
}

/**
 * stock_rule.py `run_scheduler` → `_run_scheduler_tasks`: reserve waiting moves (oldest first),
 * order every 'auto' rule whose forecast is below its minimum (up to its maximum, in multiples),
 * then the quant tasks (`_quant_tasks`: merge duplicates, drop empty quants). Returns {}.
 */
export async function runScheduler(env: Env, limit = 200): Promise<Record<string, never>> {
  const waiting = await env.cr.query<{ id: number; picking_id: number | null }>(
    `SELECT id, picking_id FROM stock_move WHERE state IN ('confirmed', 'partially_available') AND picking_id IS NOT NULL ORDER BY priority DESC, date, id LIMIT $1`,
    [limit],
  );
  if (waiting.rows.length) {
    await reserveMoves(env, waiting.rows.map((m) => m.id));
    await recomputePickingStates(env, [...new Set(waiting.rows.map((m) => m.picking_id).filter((p): p is number => p !== null))]);
  }
  env.spend(0.3);
  const rules = await env.cr.query<{ id: number; min: string; max: string; multiple: string; forecast: string }>(
    `SELECT o.id, o.product_min_qty AS min, o.product_max_qty AS max, o.qty_multiple AS multiple, ${qtyForecast('o')} AS forecast
     FROM stock_warehouse_orderpoint o WHERE o.trigger = 'auto' AND o.active ORDER BY o.id LIMIT $1`,
    [limit],
  );
  for (const rule of rules.rows) {
    const forecast = Number(rule.forecast);
    if (forecast >= Number(rule.min)) continue;
    const multiple = Number(rule.multiple) || 1;
    const qty = Math.ceil((Math.max(Number(rule.max), Number(rule.min)) - forecast) / multiple) * multiple;
    if (qty > 0) await procureOrderpoint(env, rule.id, qty);
  }
  env.spend(0.3);
  await env.cr.query(`DELETE FROM stock_quant WHERE quantity = 0 AND reserved_quantity = 0 AND inventory_quantity_set IS NOT TRUE AND write_date < ${NOW} - interval '1 minute'`);
  return {};
}

/** procurement.group with `run_scheduler(use_new_cursor=False, company_id=False)`. */
export const procurementGroupWithScheduler: ModelDef = {
  ...procurementGroup,
  methods: {
    ...procurementGroup.methods,
    async run_scheduler(env) {
      env.spend(0.2);
      return runScheduler(env);
    },
  },
};
