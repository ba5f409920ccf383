/**
 * purchase.order and purchase.order.line (purchase + purchase_stock 17.0): create with order_line
 * commands, `button_confirm` (→ True; creates the WH/IN receipt, reserved at once from the vendor
 * location), `action_create_invoice` (vendor bill of the received quantities → its form action).
 */
import { LAB_IDS } from '../ids.js';
import { createInvoice } from './account.js';
import { MissingError, PythonException, UserError, ValidationError, pythonRepr } from './errors.js';
import { auditFields, char, datetime, float, many2one, monetary, one2many, selection, text } from './fields.js';
import { argument, ensureExist, recordIds } from './orm.js';
import { productDisplayName } from './product.js';
import { nextSequence } from './sale.js';
import { nextPickingName, recomputePickingStates, reserveMoves } from './stock-ops.js';
import type { Env, ModelDef } from './types.js';

const NOW = `(now() at time zone 'UTC')`;

export const purchaseOrder: ModelDef = {
  name: 'purchase.order',
  description: 'Purchase Order',
  table: 'purchase_order',
  order: 'priority desc, id desc',
  displayName: (a) => `${a}.name || COALESCE(' (' || ${a}.partner_ref || ')', '')`,
  fields: {
    name: char('Order Reference'),
    origin: char('Source Document', { writable: true }),
    partner_ref: char('Vendor Reference', { writable: true }),
    state: selection('Status'),
    priority: selection('Priority', { writable: true }),
    date_order: datetime('Order Deadline', { writable: true }),
    date_approve: datetime('Confirmation Date'),
    date_planned: datetime('Expected Arrival', { writable: true }),
    partner_id: many2one('res.partner', 'Vendor', { writable: true }),
    company_id: many2one('res.company', 'Company'),
    currency_id: many2one('res.currency', 'Currency'),
    user_id: many2one('res.users', 'Buyer', { writable: true }),
    picking_type_id: many2one('stock.picking.type', 'Deliver To'),
    group_id: many2one('procurement.group', 'Procurement Group'),
    amount_untaxed: monetary('Untaxed Amount'),
    amount_tax: monetary('Taxes'),
    amount_total: monetary('Total'),
    invoice_status: selection('Billing Status'),
    receipt_status: selection('Receipt Status'),
    notes: text('Terms and Conditions', { writable: true }),
    order_line: one2many('purchase.order.line', 'order_id', 'Order Lines'),
    picking_ids: {
      type: 'many2many', string: 'Receptions', relation: 'stock.picking',
      sql: (a) => `ARRAY(SELECT DISTINCT m.picking_id FROM stock_move m JOIN purchase_order_line l ON l.id = m.purchase_line_id WHERE l.order_id = ${a}.id AND m.picking_id IS NOT NULL)`,
    },
    invoice_ids: {
      type: 'many2many', string: 'Bills', relation: 'account.move',
      sql: (a) => `ARRAY(SELECT m.id FROM account_move m WHERE m.move_type = 'in_invoice' AND m.invoice_origin = ${a}.name ORDER BY m.id)`,
    },
    ...auditFields(),
  },
  methods: {
    async create(env, args, kwargs) {
      const first = argument(args, kwargs, 0, 'vals_list', undefined);
      const list = Array.isArray(first) ? first : [first];
      const ids: number[] = [];
      for (const vals of list) ids.push(await createPurchaseOrder(env, vals));
      return Array.isArray(first) ? ids : ids[0];
    },
    /** purchase.py `button_confirm` → True (orders not in draft/sent are skipped). */
    async button_confirm(env, args) {
      const ids = await ensureExist(env, purchaseOrder, recordIds(args));
      env.spend(0.3);
      for (const id of ids) await confirmPurchaseOrder(env, id);
      env.spend(0.3);
      return true;
    },
    /** purchase.py `action_create_invoice` → the bill's form action. */
    async action_create_invoice(env, args) {
      const ids = await ensureExist(env, purchaseOrder, recordIds(args));
      let billId = 0;
      for (const id of ids) {
        const order = await env.cr.query<{ name: string; partner_id: number }>('SELECT name, partner_id FROM purchase_order WHERE id = $1', [id]);
        const lines = await env.cr.query<{ id: number; product_id: number; name: string; price_unit: string; to_bill: string }>(
          `SELECT l.id, l.product_id, l.name, l.price_unit,
                  (CASE WHEN t.purchase_method = 'purchase' THEN l.product_qty ELSE l.qty_received END) - l.qty_invoiced AS to_bill
           FROM purchase_order_line l JOIN product_product p ON p.id = l.product_id JOIN product_template t ON t.id = p.product_tmpl_id
           WHERE l.order_id = $1 ORDER BY l.sequence, l.id`,
          [id],
        );
        const billable = lines.rows.filter((l) => Number(l.to_bill) > 0);
        if (!billable.length || !order.rows[0]) {
          // purchase.py action_create_invoice
          throw new UserError('There is no invoiceable line. If a product has a control policy based on received quantity, please make sure that a quantity has been received.');
        }
        billId = await createInvoice(env, 'in_invoice', order.rows[0].partner_id, order.rows[0].name,
          billable.map((l) => ({ productId: l.product_id, name: l.name, quantity: Number(l.to_bill), priceUnit: Number(l.price_unit) })));
        for (const l of billable) await env.cr.query('UPDATE purchase_order_line SET qty_invoiced = qty_invoiced + $2 WHERE id = $1', [l.id, Number(l.to_bill)]);
        await env.cr.query(`UPDATE purchase_order SET invoice_status = 'invoiced' WHERE id = $1`, [id]);
      }
      return {
        name: 'Vendor Bills', type: 'ir.actions.act_window', res_model: 'account.move', view_mode: 'form', views: [[703, 'form']], res_id: billId,
        domain: [['move_type', '=', 'in_invoice']], context: { default_move_type: 'in_invoice' },
      };
    },
  },
};

export const purchaseOrderLine: ModelDef = {
  name: 'purchase.order.line',
  description: 'Purchase Order Line',
  table: 'purchase_order_line',
  order: 'order_id, sequence, id',
  displayName: (a) => `(SELECT po.name FROM purchase_order po WHERE po.id = ${a}.order_id) || ': ' || ${a}.name`,
  fields: {
    order_id: many2one('purchase.order', 'Order Reference'),
    sequence: float('Sequence'),
    name: text('Description'),
    product_id: many2one('product.product', 'Product'),
    product_uom: many2one('uom.uom', 'Unit of Measure'),
    product_qty: float('Quantity', { writable: true }),
    product_uom_qty: float('Total Quantity'),
    price_unit: float('Unit Price', { writable: true }),
    price_subtotal: monetary('Subtotal'),
    price_total: monetary('Total'),
    qty_received: float('Received Qty'),
    qty_invoiced: float('Billed Qty'),
    date_planned: datetime('Expected Arrival'),
    orderpoint_id: many2one('stock.warehouse.orderpoint', 'Orderpoint'),
    partner_id: many2one('res.partner', 'Partner'),
    state: selection('Status', { sql: (a) => `(SELECT po.state FROM purchase_order po WHERE po.id = ${a}.order_id)` }),
    company_id: many2one('res.company', 'Company'),
    currency_id: many2one('res.currency', 'Currency'),
    ...auditFields(),
  },
  methods: {},
};

interface PurchaseLineValues {
  product_id: number;
  product_qty: number;
  price_unit?: number;
  name?: string;
  orderpointId?: number;
}

/** A purchase.order.line insert; price from the vendor's price list, else the product's cost. */
export async function insertPurchaseLine(env: Env, orderId: number, partnerId: number, sequence: number, line: PurchaseLineValues): Promise<void> {
  const product = await env.cr.query<{ display: string; standard_price: string; seller_price: string | null }>(
    `SELECT ${productDisplayName('p')} AS display, p.standard_price,
            (SELECT s.price FROM product_supplierinfo s WHERE s.product_tmpl_id = p.product_tmpl_id AND s.partner_id = $2 ORDER BY s.sequence, s.id LIMIT 1) AS seller_price
     FROM product_product p WHERE p.id = $1`,
    [line.product_id, partnerId],
  );
  const row = product.rows[0];
  if (!row) throw new MissingError(`Record does not exist or has been deleted.\n(Record: product.product(${line.product_id},), User: ${env.uid})`);
  const price = line.price_unit ?? Number(row.seller_price ?? row.standard_price);
  const subtotal = Math.round(line.product_qty * price * 100) / 100;
  await env.cr.query(
    `INSERT INTO purchase_order_line (order_id, sequence, name, product_id, product_uom, product_qty, product_uom_qty, price_unit, price_subtotal, price_total,
                                      qty_received, qty_invoiced, date_planned, orderpoint_id, partner_id, state, company_id, currency_id, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $8, 0, 0, ${NOW}, $9, $10, 'draft', $11, 1, $12, ${NOW}, $12, ${NOW})`,
    [orderId, sequence, line.name ?? row.display, line.product_id, LAB_IDS.uomUnit, line.product_qty, price, subtotal, line.orderpointId ?? null, partnerId, LAB_IDS.company, env.uid],
  );
}

export async function updatePurchaseAmounts(env: Env, orderId: number): Promise<void> {
  await env.cr.query(
    `UPDATE purchase_order SET amount_untaxed = s.total, amount_tax = 0, amount_total = s.total, write_date = ${NOW}
     FROM (SELECT COALESCE(sum(price_subtotal), 0) AS total FROM purchase_order_line WHERE order_id = $1) s WHERE id = $1`,
    [orderId],
  );
}

/** A draft purchase order (RFQ) named from the 'purchase.order' sequence (P00001…). */
export async function insertPurchaseOrder(env: Env, partnerId: number, origin: string | null): Promise<number> {
  const name = await nextSequence(env, LAB_IDS.sequencePurchase);
  const order = await env.cr.query<{ id: number }>(
    `INSERT INTO purchase_order (name, origin, state, priority, date_order, date_planned, partner_id, company_id, currency_id, user_id, picking_type_id,
                                 invoice_status, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, 'draft', '0', ${NOW}, ${NOW}, $3, $4, 1, $5, $6, 'no', $5, ${NOW}, $5, ${NOW}) RETURNING id`,
    [name, origin, partnerId, LAB_IDS.company, env.uid, LAB_IDS.pickingTypeIn],
  );
  return order.rows[0]?.id ?? 0;
}

async function createPurchaseOrder(env: Env, vals: unknown): Promise<number> {
  if (typeof vals !== 'object' || vals === null || Array.isArray(vals)) throw new PythonException('builtins.TypeError', `'${typeof vals}' object is not a mapping`);
  const v = vals as Record<string, unknown>;
  if (typeof v.partner_id !== 'number') {
    throw new ValidationError(
      'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
        'Model: Purchase Order (purchase.order)\nField: Vendor (partner_id)\n',
    );
  }
  env.spend(0.3);
  const orderId = await insertPurchaseOrder(env, v.partner_id, typeof v.origin === 'string' ? v.origin : null);
  if (typeof v.partner_ref === 'string') await env.cr.query('UPDATE purchase_order SET partner_ref = $2 WHERE id = $1', [orderId, v.partner_ref]);
  const commands = Array.isArray(v.order_line) ? v.order_line : [];
  let sequence = 10;
  for (const command of commands) {
    if (!Array.isArray(command) || command[0] !== 0 || typeof command[2] !== 'object') {
      throw new PythonException('builtins.ValueError', `Invalid command ${pythonRepr(command)} for one2many field purchase.order.order_line`);
    }
    const line = command[2] as Record<string, unknown>;
    await insertPurchaseLine(env, orderId, v.partner_id, sequence++, {
      product_id: Number(line.product_id),
      product_qty: typeof line.product_qty === 'number' ? line.product_qty : 1,
      price_unit: typeof line.price_unit === 'number' ? line.price_unit : undefined,
      name: typeof line.name === 'string' ? line.name : undefined,
    });
  }
  await updatePurchaseAmounts(env, orderId);
  env.spend(0.4);
  return orderId;
}

/** `button_confirm` of one order: state 'purchase' and purchase_stock `_create_picking`. */
async function confirmPurchaseOrder(env: Env, orderId: number): Promise<void> {
  const order = await env.cr.query<{ name: string; state: string; partner_id: number }>('SELECT name, state, partner_id FROM purchase_order WHERE id = $1 FOR NO KEY UPDATE', [orderId]);
  const row = order.rows[0];
  if (!row || (row.state !== 'draft' && row.state !== 'sent')) return;
  await env.cr.query(`UPDATE purchase_order SET state = 'purchase', date_approve = ${NOW}, write_uid = $2, write_date = ${NOW} WHERE id = $1`, [orderId, env.uid]);
  await env.cr.query(`UPDATE purchase_order_line SET state = 'purchase' WHERE order_id = $1`, [orderId]);
  await env.cr.query('UPDATE res_partner SET supplier_rank = supplier_rank + 1 WHERE id = $1', [row.partner_id]);
  const lines = await env.cr.query<{ id: number }>(
    `SELECT l.id FROM purchase_order_line l JOIN product_product p ON p.id = l.product_id JOIN product_template t ON t.id = p.product_tmpl_id
     WHERE l.order_id = $1 AND t.type IN ('product', 'consu') ORDER BY l.sequence, l.id`,
    [orderId],
  );
  if (!lines.rows.length) return;
  const group = await env.cr.query<{ id: number }>(`INSERT INTO procurement_group (name, move_type, partner_id, create_date) VALUES ($1, 'direct', $2, ${NOW}) RETURNING id`, [row.name, row.partner_id]);
  const groupId = group.rows[0]?.id ?? null;
  await env.cr.query('UPDATE purchase_order SET group_id = $2 WHERE id = $1', [orderId, groupId]);
  const pickingName = await nextPickingName(env, LAB_IDS.pickingTypeIn);
  const picking = await env.cr.query<{ id: number }>(
    `INSERT INTO stock_picking (name, origin, move_type, state, group_id, priority, scheduled_date, location_id, location_dest_id, picking_type_id,
                                partner_id, company_id, user_id, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, 'direct', 'draft', $3, '0', ${NOW}, $4, $5, $6, $7, $8, $9, $9, ${NOW}, $9, ${NOW}) RETURNING id`,
    [pickingName, row.name, groupId, LAB_IDS.locationVendors, LAB_IDS.locationStock, LAB_IDS.pickingTypeIn, row.partner_id, LAB_IDS.company, env.uid],
  );
  const pickingId = picking.rows[0]?.id ?? 0;
  const moves = await env.cr.query<{ id: number }>(
    `INSERT INTO stock_move (name, reference, origin, sequence, priority, date, company_id, product_id, product_uom_qty, product_uom, product_qty, quantity, picked,
                             location_id, location_dest_id, partner_id, picking_id, picking_type_id, state, procure_method, price_unit, group_id,
                             purchase_line_id, warehouse_id, create_uid, create_date, write_uid, write_date)
     SELECT l.name, $1, $2, 10, '0', ${NOW}, $3, l.product_id, l.product_qty, $4, l.product_qty, 0, false, $5, $6, $7, $8, $9, 'confirmed', 'make_to_stock',
            l.price_unit, $10, l.id, $11, $12, ${NOW}, $12, ${NOW}
     FROM purchase_order_line l WHERE l.id = ANY($13) ORDER BY l.sequence, l.id RETURNING id`,
    [pickingName, row.name, LAB_IDS.company, LAB_IDS.uomUnit, LAB_IDS.locationVendors, LAB_IDS.locationStock, row.partner_id, pickingId, LAB_IDS.pickingTypeIn,
      groupId, LAB_IDS.warehouse, env.uid, lines.rows.map((l) => l.id)],
  );
  await env.cr.query(`UPDATE purchase_order SET receipt_status = 'pending' WHERE id = $1`, [orderId]);
  await reserveMoves(env, moves.rows.map((m) => m.id));
  await recomputePickingStates(env, [pickingId]);
}
