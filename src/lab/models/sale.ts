/**
 * sale.order (create with order_line commands, action_confirm → delivery) and sale.order.line.
 * Taxes are not modelled: amount_tax is 0 and amount_total = amount_untaxed.
 */
import { LAB_IDS } from '../ids.js';
import { createMethod } from './base.js';
import { MissingError, PythonException, UserError, ValidationError, pythonRepr } from './errors.js';
import { auditFields, char, datetime, float, many2one, monetary, one2many, selection, text } from './fields.js';
import { ensureExist, recordIds } from './orm.js';
import { productDisplayName } from './product.js';
import { recomputePickingStates, reserveMoves } from './stock-ops.js';
import { postMessage } from './mail.js';
import type { Env, ModelDef } from './types.js';
import { windowAction } from './web-views.js';

const NOW = `(now() at time zone 'UTC')`;

/** Next number of a 'standard' ir.sequence: `prefix` + zero-padded nextval('ir_sequence_%03d'). */
export async function nextSequence(env: Env, sequenceId: number): Promise<string> {
  const seq = await env.cr.query<{ prefix: string | null; padding: number }>('SELECT prefix, padding FROM ir_sequence WHERE id = $1', [sequenceId]);
  const next = await env.cr.query<{ n: string }>(`SELECT nextval('ir_sequence_${String(sequenceId).padStart(3, '0')}') AS n`);
  const row = seq.rows[0];
  return `${row?.prefix ?? ''}${String(next.rows[0]?.n ?? '').padStart(row?.padding ?? 0, '0')}`;
}

export const saleOrder: ModelDef = {
  name: 'sale.order',
  description: 'Sales Order',
  table: 'sale_order',
  order: 'date_order desc, id desc',
  displayName: (a) => `${a}.name`,
  fields: {
    name: char('Order Reference'),
    state: selection('Status'),
    date_order: datetime('Order Date', { writable: true }),
    partner_id: many2one('res.partner', 'Customer', { writable: true }),
    partner_invoice_id: many2one('res.partner', 'Invoice Address', { writable: true }),
    partner_shipping_id: many2one('res.partner', 'Delivery Address', { writable: true }),
    company_id: many2one('res.company', 'Company'),
    currency_id: many2one('res.currency', 'Currency'),
    user_id: many2one('res.users', 'Salesperson', { writable: true }),
    warehouse_id: many2one('stock.warehouse', 'Warehouse'),
    procurement_group_id: many2one('procurement.group', 'Procurement Group'),
    picking_policy: selection('Shipping Policy', { writable: true }),
    client_order_ref: char('Customer Reference', { writable: true }),
    origin: char('Source Document', { writable: true }),
    note: text('Terms and conditions', { writable: true }),
    amount_untaxed: monetary('Untaxed Amount'),
    amount_tax: monetary('Taxes'),
    amount_total: monetary('Total'),
    invoice_status: selection('Invoice Status'),
    delivery_status: selection('Delivery Status'),
    order_line: one2many('sale.order.line', 'order_id', 'Order Lines'),
    picking_ids: one2many('stock.picking', 'sale_id', 'Transfers'),
    invoice_ids: {
      type: 'many2many', string: 'Invoices', relation: 'account.move',
      sql: (a) => `ARRAY(SELECT DISTINCT m.id FROM sale_order_line sl JOIN sale_order_line_invoice_rel r ON r.order_line_id = sl.id
                         JOIN account_move_line aml ON aml.id = r.invoice_line_id JOIN account_move m ON m.id = aml.move_id WHERE sl.order_id = ${a}.id ORDER BY m.id)`,
    },
    invoice_count: float('Invoice Count', {
      sql: (a) => `(SELECT count(DISTINCT aml.move_id) FROM sale_order_line sl JOIN sale_order_line_invoice_rel r ON r.order_line_id = sl.id JOIN account_move_line aml ON aml.id = r.invoice_line_id WHERE sl.order_id = ${a}.id)`,
    }),
    delivery_count: float('Delivery Orders', { sql: (a) => `(SELECT count(1) FROM stock_picking p WHERE p.sale_id = ${a}.id)` }),
    ...auditFields(),
  },
  methods: {
    create: createMethod(async (env, vals) => {
      env.perLine?.(Array.isArray(vals.order_line) ? vals.order_line.length : 0);
      return createOrder(env, vals);
    }),
    /** sale_order.py `action_confirm` → True; sale_stock launches the delivery and reserves stock. */
    async action_confirm(env, args) {
      const ids = await ensureExist(env, saleOrder, recordIds(args));
      const orders = await env.cr.query<{ id: number; name: string; state: string; partner_shipping_id: number; warehouse_id: number | null }>(
        'SELECT id, name, state, partner_shipping_id, warehouse_id FROM sale_order WHERE id = ANY($1) ORDER BY id',
        [ids],
      );
      const wrong = orders.rows.filter((o) => o.state !== 'draft' && o.state !== 'sent');
      if (wrong.length) {
        // sale_order.py action_confirm
        throw new UserError(`The following orders are not in a state requiring confirmation: ${orders.rows.map((o) => o.name).join(', ')}`);
      }
      const lines = await env.cr.query<{ n: string }>('SELECT count(*) AS n FROM sale_order_line WHERE order_id = ANY($1)', [ids]);
      env.perLine?.(Number(lines.rows[0]?.n ?? 0));
      env.spend(0.35);
      for (const order of orders.rows) await launchDelivery(env, order);
      for (const order of orders.rows) await postMessage(env, 'sale.order', order.id, '', { recordName: order.name, tracking: { changedField: 'Status', newValue: 'Sales Order' } });
      env.spend(0.35);
      return true;
    },
    /** sale_stock `action_view_delivery`: the delivery's form action (one picking) or the transfers list. */
    async action_view_delivery(env, args) {
      const ids = await ensureExist(env, saleOrder, recordIds(args));
      const pickings = await env.cr.query<{ id: number; partner_id: number | null; picking_type_id: number; origin: string | null; group_id: number | null }>(
        'SELECT id, partner_id, picking_type_id, origin, group_id FROM stock_picking WHERE sale_id = ANY($1) ORDER BY id', [ids]);
      env.spend(0.5);
      const first = pickings.rows[0];
      const context = first
        ? { ...userContext(env), default_partner_id: first.partner_id ?? false, default_picking_type_id: first.picking_type_id, default_origin: first.origin ?? false, default_group_id: first.group_id ?? false }
        : userContext(env);
      if (pickings.rows.length === 1 && first) return windowAction('stock.action_picking_tree_all', { res_id: first.id, context, domain: '' });
      return windowAction('stock.action_picking_tree_all', { res_id: 0, context, domain: [['id', 'in', pickings.rows.map((p) => p.id)]] });
    },
  },
};

/** The user's context keys an action's context carries back (lang, tz, uid, allowed_company_ids). */
function userContext(env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['lang', 'tz', 'uid', 'allowed_company_ids']) if (key in env.context) out[key] = env.context[key];
  return out;
}

export const saleOrderLine: ModelDef = {
  name: 'sale.order.line',
  description: 'Sales Order Line',
  table: 'sale_order_line',
  order: 'order_id, sequence, id',
  displayName: (a) => `(SELECT so.name FROM sale_order so WHERE so.id = ${a}.order_id) || ' - ' || ${a}.name`,
  fields: {
    order_id: many2one('sale.order', 'Order Reference'),
    sequence: float('Sequence'),
    name: text('Description'),
    product_id: many2one('product.product', 'Product'),
    product_uom: many2one('uom.uom', 'Unit of Measure'),
    product_uom_qty: float('Quantity'),
    price_unit: float('Unit Price'),
    discount: float('Discount (%)'),
    price_subtotal: monetary('Subtotal'),
    price_tax: float('Total Tax'),
    price_total: monetary('Total'),
    qty_delivered: float('Delivery Quantity'),
    qty_invoiced: float('Invoiced Quantity'),
    state: selection('Order Status', { sql: (a) => `(SELECT so.state FROM sale_order so WHERE so.id = ${a}.order_id)` }),
    company_id: many2one('res.company', 'Company'),
    currency_id: many2one('res.currency', 'Currency'),
    ...auditFields(),
  },
  methods: {},
};

interface LineValues {
  product_id: number;
  product_uom_qty: number;
  price_unit?: number;
  discount?: number;
  name?: string;
}

function orderLineCommands(value: unknown): LineValues[] {
  if (value === undefined || value === false) return [];
  if (!Array.isArray(value)) throw new PythonException('builtins.TypeError', `'${typeof value}' object is not iterable`);
  // the web client sends each new line as [0, "virtual_N", {…}] (Command.create with its client id)
  return value.map((command) => {
    if (!Array.isArray(command) || command[0] !== 0) {
      // only Command.create is meaningful on a new order
      throw new PythonException('builtins.ValueError', `Invalid command ${pythonRepr(command)} for one2many field sale.order.order_line`);
    }
    const vals = command[2] as Record<string, unknown>;
    return {
      product_id: vals.product_id as number,
      product_uom_qty: typeof vals.product_uom_qty === 'number' ? vals.product_uom_qty : 1,
      price_unit: typeof vals.price_unit === 'number' ? vals.price_unit : undefined,
      discount: typeof vals.discount === 'number' ? vals.discount : undefined,
      name: typeof vals.name === 'string' ? vals.name : undefined,
    };
  });
}

/** sale.order.create(vals): name from the 'sale.order' sequence (S00001…), lines priced from the product. */
async function createOrder(env: Env, vals: Record<string, unknown>): Promise<number> {
  const partnerId = vals.partner_id;
  if (typeof partnerId !== 'number') {
    // service/model.py _as_validation_error (NOT NULL violation on sale_order.partner_id)
    throw new ValidationError(
      'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
        'Model: Sales Order (sale.order)\nField: Customer (partner_id)\n',
    );
  }
  const lines = orderLineCommands(vals.order_line);
  env.spend(0.3);
  const name = await nextSequence(env, LAB_IDS.sequenceSaleOrder);
  const order = await env.cr.query<{ id: number }>(
    `INSERT INTO sale_order (name, state, date_order, partner_id, partner_invoice_id, partner_shipping_id, company_id, currency_id,
                             user_id, warehouse_id, picking_policy, client_order_ref, origin, note, invoice_status,
                             create_uid, create_date, write_uid, write_date)
     VALUES ($1, 'draft', ${NOW}, $2, $3, $4, $5, 1, $6, $7, 'direct', $8, $9, $10, 'no', $6, ${NOW}, $6, ${NOW}) RETURNING id`,
    [
      name, partnerId,
      typeof vals.partner_invoice_id === 'number' ? vals.partner_invoice_id : partnerId,
      typeof vals.partner_shipping_id === 'number' ? vals.partner_shipping_id : partnerId,
      LAB_IDS.company, env.uid, LAB_IDS.warehouse,
      vals.client_order_ref ?? null, vals.origin ?? null, vals.note ?? null,
    ],
  );
  const orderId = order.rows[0]?.id ?? 0;
  let sequence = 10;
  for (const line of lines) {
    const product = await env.cr.query<{ list_price: string; display: string }>(
      `SELECT t.list_price, ${productDisplayName('p')} AS display FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id WHERE p.id = $1`,
      [line.product_id],
    );
    const row = product.rows[0];
    if (!row) {
      throw new MissingError(`Record does not exist or has been deleted.\n(Record: product.product(${line.product_id},), User: ${env.uid})`);
    }
    const priceUnit = line.price_unit ?? Number(row.list_price);
    const subtotal = Math.round(line.product_uom_qty * priceUnit * (1 - (line.discount ?? 0) / 100) * 100) / 100;
    await env.cr.query(
      `INSERT INTO sale_order_line (order_id, sequence, name, product_id, product_uom, product_uom_qty, price_unit, discount,
                                    price_subtotal, price_tax, price_total, qty_delivered, qty_invoiced, customer_lead, state, company_id, currency_id,
                                    create_uid, create_date, write_uid, write_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $9, 0, 0, 0, 'draft', $10, 1, $11, ${NOW}, $11, ${NOW})`,
      [orderId, sequence, line.name ?? row.display, line.product_id, LAB_IDS.uomUnit, line.product_uom_qty, priceUnit, line.discount ?? 0, subtotal, LAB_IDS.company, env.uid],
    );
    sequence += 1;
  }
  env.spend(0.4);
  await env.cr.query(
    `UPDATE sale_order SET amount_untaxed = s.total, amount_tax = 0, amount_total = s.total
     FROM (SELECT COALESCE(sum(price_subtotal), 0) AS total FROM sale_order_line WHERE order_id = $1) s WHERE id = $1`,
    [orderId],
  );
  await postMessage(env, 'sale.order', orderId, '<p>Sales Order created</p>', { follow: true, recordName: name });
  return orderId;
}

/** sale_stock `_action_launch_stock_rule`: procurement group, WH/OUT picking, one move per line, reservation. */
async function launchDelivery(env: Env, order: { id: number; name: string; partner_shipping_id: number }): Promise<void> {
  await env.cr.query(`UPDATE sale_order SET state = 'sale', date_order = ${NOW}, write_uid = $2, write_date = ${NOW} WHERE id = $1`, [order.id, env.uid]);
  const group = await env.cr.query<{ id: number }>(
    `INSERT INTO procurement_group (name, move_type, partner_id, sale_id, create_date) VALUES ($1, 'direct', $2, $3, ${NOW}) RETURNING id`,
    [order.name, order.partner_shipping_id, order.id],
  );
  const groupId = group.rows[0]?.id ?? null;
  await env.cr.query('UPDATE sale_order SET procurement_group_id = $2 WHERE id = $1', [order.id, groupId]);
  const lines = await env.cr.query<{ id: number; name: string; product_id: number; product_uom_qty: string }>(
    `SELECT l.id, l.name, l.product_id, l.product_uom_qty FROM sale_order_line l
     JOIN product_product p ON p.id = l.product_id JOIN product_template t ON t.id = p.product_tmpl_id
     WHERE l.order_id = $1 AND t.type IN ('product', 'consu') ORDER BY l.sequence, l.id`,
    [order.id],
  );
  await env.cr.query(`UPDATE sale_order_line SET state = 'sale' WHERE order_id = $1`, [order.id]);
  if (!lines.rows.length) return;
  const pickingName = await nextSequence(env, LAB_IDS.sequenceOut);
  const picking = await env.cr.query<{ id: number }>(
    `INSERT INTO stock_picking (name, origin, move_type, state, group_id, priority, scheduled_date, location_id, location_dest_id,
                                picking_type_id, partner_id, company_id, user_id, sale_id, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, 'direct', 'draft', $3, '0', ${NOW}, $4, $5, $6, $7, $8, $9, $10, $9, ${NOW}, $9, ${NOW}) RETURNING id`,
    [pickingName, order.name, groupId, LAB_IDS.locationStock, LAB_IDS.locationCustomers, LAB_IDS.pickingTypeOut, order.partner_shipping_id, LAB_IDS.company, env.uid, order.id],
  );
  const pickingId = picking.rows[0]?.id ?? 0;
  const moves = await env.cr.query<{ id: number }>(
    `INSERT INTO stock_move (name, reference, origin, sequence, priority, date, company_id, product_id, product_uom_qty, product_uom,
                             product_qty, quantity, picked, location_id, location_dest_id, partner_id, picking_id, picking_type_id,
                             state, procure_method, group_id, sale_line_id, warehouse_id, create_uid, create_date, write_uid, write_date)
     SELECT l.name, $1, $2, 10, '0', ${NOW}, $3, l.product_id, l.product_uom_qty, $4, l.product_uom_qty, 0, false, $5, $6, $7, $8, $9,
            'confirmed', 'make_to_stock', $10, l.id, $11, $12, ${NOW}, $12, ${NOW}
     FROM sale_order_line l WHERE l.id = ANY($13) ORDER BY l.sequence, l.id RETURNING id`,
    [pickingName, order.name, LAB_IDS.company, LAB_IDS.uomUnit, LAB_IDS.locationStock, LAB_IDS.locationCustomers, order.partner_shipping_id,
      pickingId, LAB_IDS.pickingTypeOut, groupId, LAB_IDS.warehouse, env.uid, lines.rows.map((l) => l.id)],
  );
  await env.cr.query(`UPDATE sale_order SET delivery_status = 'pending' WHERE id = $1`, [order.id]);
  env.spend(0.1);
  // picking type reservation_method 'at_confirm'
  await reserveMoves(env, moves.rows.map((m) => m.id));
  await recomputePickingStates(env, [pickingId]);
}

/** sale.report (sale/report/sale_report.py): an SQL view over order lines, read with read_group. */
export const saleReport: ModelDef = {
  name: 'sale.report',
  description: 'Sales Analysis Report',
  table: 'sale_report',
  order: 'date desc',
  displayName: (a) => `${a}.name`,
  fields: {
    name: char('Order Reference'),
    date: datetime('Order Date'),
    product_id: many2one('product.product', 'Product Variant'),
    product_uom: many2one('uom.uom', 'Unit of Measure'),
    partner_id: many2one('res.partner', 'Customer'),
    user_id: many2one('res.users', 'Salesperson'),
    company_id: many2one('res.company', 'Company'),
    warehouse_id: many2one('stock.warehouse', 'Warehouse'),
    order_id: many2one('sale.order', 'Order #'),
    state: selection('Status'),
    product_uom_qty: float('Qty Ordered'),
    qty_delivered: float('Qty Delivered'),
    qty_invoiced: float('Qty Invoiced'),
    price_subtotal: monetary('Untaxed Total'),
    price_total: monetary('Total'),
  },
  methods: {},
};
