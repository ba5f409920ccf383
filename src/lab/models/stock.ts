/**
 * Stock models: stock.location, stock.warehouse, stock.picking.type, stock.quant, stock.picking
 * (action_assign, button_validate), stock.move, stock.move.line (write), stock.valuation.layer.
 * Odoo 17: move lines have `quantity` (reserved, then done) and `picked`; there is no `qty_done`.
 */
import { PythonException, UserError } from './errors.js';
import { auditFields, boolean, char, datetime, float, many2one, monetary, one2many, selection, text } from './fields.js';
import { argument, columnValues, ensureExist, insert, recordIds, write } from './orm.js';
import { productDisplayName } from './product.js';
import { applyInventory, isInternal, recomputePickingStates, reserveMoves, updateAvailableQuantity } from './stock-ops.js';
import { validatePickings } from './stock-validate.js';
import { postMessage } from './mail.js';
import type { Env, ModelDef } from './types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { LAB_IDS } from '../ids.js';

const NOW = `(now() at time zone 'UTC')`;

export const stockLocation: ModelDef = {
  name: 'stock.location',
  description: 'Inventory Locations',
  table: 'stock_location',
  order: 'complete_name, id',
  displayName: (a) => `${a}.complete_name`,
  fields: {
    name: char('Location Name', { writable: true }),
    complete_name: char('Full Location Name'),
    usage: selection('Location Type'),
    location_id: many2one('stock.location', 'Parent Location'),
    company_id: many2one('res.company', 'Company'),
    warehouse_id: many2one('stock.warehouse', 'Warehouse'),
    barcode: char('Barcode', { writable: true }),
    active: boolean('Active', { writable: true }),
  },
  methods: {
    /** stock.location create: complete_name and parent_path follow the parent (`_parent_store`). */
    async create(env, args, kwargs) {
      const first = argument(args, kwargs, 0, 'vals_list', undefined);
      const list = Array.isArray(first) ? first : [first];
      const ids: number[] = [];
      for (const vals of list) {
        if (!isRecord(vals)) throw new PythonException('builtins.TypeError', `'${typeof vals}' object is not a mapping`);
        const parent = typeof vals.location_id === 'number'
          ? (await env.cr.query<{ complete_name: string; parent_path: string; warehouse_id: number | null; company_id: number | null }>(
              'SELECT complete_name, parent_path, warehouse_id, company_id FROM stock_location WHERE id = $1', [vals.location_id])).rows[0]
          : undefined;
        const { name: _n, location_id: _l, usage: _u, barcode: _b, active: _a, ...rest } = vals;
        const id = await insert(env, stockLocation, rest, {
          name: vals.name, location_id: vals.location_id ?? null, usage: vals.usage ?? 'internal', barcode: vals.barcode || null, active: vals.active ?? true,
          complete_name: parent ? `${parent.complete_name}/${String(vals.name)}` : String(vals.name),
          warehouse_id: parent?.warehouse_id ?? null, company_id: parent?.company_id ?? null,
        });
        await env.cr.query('UPDATE stock_location SET parent_path = $2 WHERE id = $1', [id, `${parent?.parent_path ?? ''}${id}/`]);
        ids.push(id);
      }
      env.spend(0.5);
      return Array.isArray(first) ? ids : ids[0];
    },
  },
};

export const stockWarehouse: ModelDef = {
  name: 'stock.warehouse',
  description: 'Warehouse',
  table: 'stock_warehouse',
  order: 'id',
  displayName: (a) => `${a}.name`,
  fields: {
    name: char('Warehouse'),
    code: char('Short Name'),
    company_id: many2one('res.company', 'Company'),
    view_location_id: many2one('stock.location', 'View Location'),
    lot_stock_id: many2one('stock.location', 'Location Stock'),
    in_type_id: many2one('stock.picking.type', 'In Type'),
    out_type_id: many2one('stock.picking.type', 'Out Type'),
    active: boolean('Active'),
  },
  methods: {},
};

export const stockPickingType: ModelDef = {
  name: 'stock.picking.type',
  description: 'Picking Type',
  table: 'stock_picking_type',
  order: 'id',
  displayName: (a) => `((SELECT w.name FROM stock_warehouse w WHERE w.id = ${a}.warehouse_id) || ': ' || (${a}.name->>'en_US'))`,
  fields: {
    name: char('Operation Type', { translate: true }),
    code: selection('Type of Operation'),
    sequence_code: char('Sequence Prefix'),
    warehouse_id: many2one('stock.warehouse', 'Warehouse'),
    default_location_src_id: many2one('stock.location', 'Default Source Location'),
    default_location_dest_id: many2one('stock.location', 'Default Destination Location'),
    reservation_method: selection('Reservation Method'),
    create_backorder: selection('Create Backorder'),
    company_id: many2one('res.company', 'Company'),
    active: boolean('Active'),
  },
  methods: {},
};

export const stockQuant: ModelDef = {
  name: 'stock.quant',
  description: 'Quants',
  table: 'stock_quant',
  order: 'id',
  displayName: (a) => `(SELECT l.complete_name FROM stock_location l WHERE l.id = ${a}.location_id)`,
  fields: {
    product_id: many2one('product.product', 'Product'),
    location_id: many2one('stock.location', 'Location'),
    company_id: many2one('res.company', 'Company'),
    quantity: float('Quantity'),
    reserved_quantity: float('Reserved Quantity'),
    available_quantity: float('Available Quantity', { sql: (a) => `(${a}.quantity - ${a}.reserved_quantity)` }),
    inventory_quantity: float('Counted Quantity', { writable: true }),
    inventory_quantity_set: boolean('Inventory Quantity Set'),
    inventory_diff_quantity: float('Difference', { sql: (a) => `(CASE WHEN ${a}.inventory_quantity_set THEN ${a}.inventory_quantity - ${a}.quantity ELSE 0 END)` }),
    inventory_quantity_auto_apply: float('Inventoried Quantity', { sql: (a) => `${a}.quantity` }),
    in_date: datetime('Incoming Date'),
    ...auditFields(),
  },
  methods: {
    /**
     * stock_quant.py `create` (17.0): in inventory mode (`context.inventory_mode`), `inventory_quantity_auto_apply`
     * SETS the on-hand quantity at once and `inventory_quantity` records a count for `action_apply_inventory`;
     * the quant of (product, location) is reused, so both return its id. Outside inventory mode: a raw quant.
     */
    async create(env, args, kwargs) {
      const first = argument(args, kwargs, 0, 'vals_list', undefined);
      const list = Array.isArray(first) ? first : [first];
      const ids: number[] = [];
      for (const vals of list) {
        if (!isRecord(vals)) throw new PythonException('builtins.TypeError', `'${typeof vals}' object is not a mapping`);
        const productId = Number(vals.product_id);
        const locationId = Number(vals.location_id ?? LAB_IDS.locationStock);
        const inventory = env.context.inventory_mode === true && ('inventory_quantity_auto_apply' in vals || 'inventory_quantity' in vals);
        if (!inventory) {
          ids.push(await insert(env, stockQuant, vals, { in_date: new Date().toISOString().slice(0, 19).replace('T', ' '), company_id: LAB_IDS.company }));
          continue;
        }
        if (typeof vals.inventory_quantity_auto_apply === 'number') await applyInventory(env, productId, locationId, vals.inventory_quantity_auto_apply);
        let quant = await env.cr.query<{ id: number }>('SELECT id FROM stock_quant WHERE product_id = $1 AND location_id = $2 AND lot_id IS NULL ORDER BY id LIMIT 1', [productId, locationId]);
        if (!quant.rows[0]) {
          quant = await env.cr.query<{ id: number }>(
            `INSERT INTO stock_quant (product_id, location_id, company_id, quantity, reserved_quantity, in_date, create_uid, create_date, write_uid, write_date)
             VALUES ($1, $2, $3, 0, 0, ${NOW}, $4, ${NOW}, $4, ${NOW}) RETURNING id`,
            [productId, locationId, LAB_IDS.company, env.uid],
          );
        }
        const id = quant.rows[0]?.id ?? 0;
        if (typeof vals.inventory_quantity === 'number') {
          await env.cr.query('UPDATE stock_quant SET inventory_quantity = $2, inventory_quantity_set = true WHERE id = $1', [id, vals.inventory_quantity]);
        }
        ids.push(id);
      }
      env.spend(0.5);
      return Array.isArray(first) ? ids : ids[0];
    },
    /** stock_quant.py `action_apply_inventory` → None (applies the counted quantities). */
    async action_apply_inventory(env, args) {
      const ids = await ensureExist(env, stockQuant, recordIds(args));
      const quants = await env.cr.query<{ product_id: number; location_id: number; inventory_quantity: string | null; inventory_quantity_set: boolean }>(
        'SELECT product_id, location_id, inventory_quantity, inventory_quantity_set FROM stock_quant WHERE id = ANY($1) ORDER BY id', [ids]);
      for (const quant of quants.rows) {
        if (!quant.inventory_quantity_set) continue;
        await applyInventory(env, quant.product_id, quant.location_id, Number(quant.inventory_quantity ?? 0));
      }
      await env.cr.query('UPDATE stock_quant SET inventory_quantity = 0, inventory_quantity_set = false WHERE id = ANY($1)', [ids]);
      return undefined;
    },
  },
};

export const stockPicking: ModelDef = {
  name: 'stock.picking',
  description: 'Transfer',
  table: 'stock_picking',
  order: 'priority desc, scheduled_date asc, id desc',
  displayName: (a) => `${a}.name`,
  fields: {
    name: char('Reference'),
    origin: char('Source Document', { writable: true }),
    note: text('Notes', { writable: true }),
    state: selection('Status'),
    move_type: selection('Shipping Policy', { writable: true }),
    priority: selection('Priority', { writable: true }),
    partner_id: many2one('res.partner', 'Contact', { writable: true }),
    picking_type_id: many2one('stock.picking.type', 'Operation Type'),
    picking_type_code: selection('Type of Operation', { sql: (a) => `(SELECT t.code FROM stock_picking_type t WHERE t.id = ${a}.picking_type_id)` }),
    location_id: many2one('stock.location', 'Source Location'),
    location_dest_id: many2one('stock.location', 'Destination Location'),
    scheduled_date: datetime('Scheduled Date', { writable: true }),
    date_deadline: datetime('Deadline'),
    date_done: datetime('Date of Transfer'),
    group_id: many2one('procurement.group', 'Procurement Group'),
    sale_id: many2one('sale.order', 'Sales Order'),
    purchase_id: many2one('purchase.order', 'Purchase Orders', {
      sql: (a) => `(SELECT l.order_id FROM stock_move m JOIN purchase_order_line l ON l.id = m.purchase_line_id WHERE m.picking_id = ${a}.id ORDER BY m.id LIMIT 1)`,
    }),
    backorder_id: many2one('stock.picking', 'Back Order of'),
    company_id: many2one('res.company', 'Company'),
    user_id: many2one('res.users', 'Responsible', { writable: true }),
    move_ids: one2many('stock.move', 'picking_id', 'Stock Moves'),
    move_ids_without_package: one2many('stock.move', 'picking_id', 'Stock moves not in package'),
    move_line_ids: one2many('stock.move.line', 'picking_id', 'Operations'),
    ...auditFields(),
  },
  methods: {
    /** stock_picking.py `action_assign` → True. */
    async action_assign(env, args) {
      const ids = await ensureExist(env, stockPicking, recordIds(args));
      const moves = await env.cr.query<{ id: number }>(
        `SELECT id FROM stock_move WHERE picking_id = ANY($1) AND state NOT IN ('draft', 'cancel', 'done')`,
        [ids],
      );
      // stock_picking.py action_assign
      if (!moves.rows.length) throw new UserError('Nothing to check the availability for.');
      env.spend(0.5);
      await reserveMoves(env, moves.rows.map((m) => m.id));
      await recomputePickingStates(env, ids);
      return true;
    },
    /** stock_picking.py `button_validate` → True, or the backorder wizard's action. */
    async button_validate(env, args) {
      const ids = await ensureExist(env, stockPicking, recordIds(args));
      const moves = await env.cr.query<{ n: string }>(`SELECT count(*) AS n FROM stock_move WHERE picking_id = ANY($1) AND state NOT IN ('done', 'cancel')`, [ids]);
      env.perLine?.(Number(moves.rows[0]?.n ?? 0));
      env.spend(0.3);
      const result = await validatePickings(env, ids);
      if (result === true) for (const id of ids) await postMessage(env, 'stock.picking', id, '', { tracking: { changedField: 'Status', newValue: 'Done' } });
      return result;
    },
  },
};

export const stockMove: ModelDef = {
  name: 'stock.move',
  description: 'Stock Move',
  table: 'stock_move',
  order: 'sequence, id',
  displayName: (a) => `COALESCE(${a}.reference || ': ', '') || ${a}.name`,
  fields: {
    name: char('Description'),
    reference: char('Reference'),
    origin: char('Source Document'),
    sequence: float('Sequence'),
    date: datetime('Date Scheduled'),
    product_id: many2one('product.product', 'Product'),
    product_uom_qty: float('Demand'),
    product_qty: float('Real Quantity'),
    quantity: float('Quantity'),
    picked: boolean('Picked'),
    product_uom: many2one('uom.uom', 'UoM'),
    location_id: many2one('stock.location', 'Source Location'),
    location_dest_id: many2one('stock.location', 'Destination Location'),
    partner_id: many2one('res.partner', 'Destination Address'),
    picking_id: many2one('stock.picking', 'Transfer'),
    picking_type_id: many2one('stock.picking.type', 'Operation Type'),
    state: selection('Status'),
    procure_method: selection('Supply Method'),
    price_unit: float('Unit Price'),
    group_id: many2one('procurement.group', 'Procurement Group'),
    sale_line_id: many2one('sale.order.line', 'Sale Line'),
    purchase_line_id: many2one('purchase.order.line', 'Purchase Order Line'),
    orderpoint_id: many2one('stock.warehouse.orderpoint', 'Original Reordering Rule'),
    warehouse_id: many2one('stock.warehouse', 'Warehouse'),
    company_id: many2one('res.company', 'Company'),
    move_line_ids: one2many('stock.move.line', 'move_id', 'Move Lines'),
    ...auditFields(),
  },
  methods: {},
};

export const stockMoveLine: ModelDef = {
  name: 'stock.move.line',
  description: 'Product Moves (Stock Move Line)',
  table: 'stock_move_line',
  order: 'result_package_id desc, location_id asc, location_dest_id asc, picking_id asc, id',
  displayName: (a) => `COALESCE(${a}.reference, '') || ' - ' || (SELECT ${productDisplayName('pp')} FROM product_product pp WHERE pp.id = ${a}.product_id)`,
  fields: {
    picking_id: many2one('stock.picking', 'Transfer'),
    move_id: many2one('stock.move', 'Stock Operation'),
    company_id: many2one('res.company', 'Company'),
    product_id: many2one('product.product', 'Product'),
    product_uom_id: many2one('uom.uom', 'Unit of Measure'),
    quantity: float('Quantity', { writable: true }),
    quantity_product_uom: float('Quantity in Product UoM'),
    picked: boolean('Picked', { writable: true }),
    lot_name: char('Lot/Serial Number Name', { writable: true }),
    result_package_id: many2one('stock.quant.package', 'Destination Package'),
    location_id: many2one('stock.location', 'From'),
    location_dest_id: many2one('stock.location', 'To', { writable: true }),
    state: selection('Status'),
    reference: char('Reference'),
    date: datetime('Date'),
    picking_code: selection('Type of Operation', { sql: (a) => `(SELECT t.code FROM stock_picking p JOIN stock_picking_type t ON t.id = p.picking_type_id WHERE p.id = ${a}.picking_id)` }),
    product_barcode: char('Barcode', { sql: (a) => `(SELECT pp.barcode FROM product_product pp WHERE pp.id = ${a}.product_id)` }),
    ...auditFields(),
  },
  methods: {
    /** stock_move_line.py `write`: quantity changes move the reservation; parents follow. → True */
    async write(env, args, kwargs) {
      const ids = recordIds(args);
      const vals = argument(args, kwargs, 1, 'vals', {});
      columnValues(stockMoveLine, vals); // validates field names
      const values = vals as Record<string, unknown>;
      await ensureExist(env, stockMoveLine, ids);
      const lines = await env.cr.query<{ id: number; quantity: string; product_id: number; location_id: number; move_id: number; picking_id: number | null; state: string }>(
        `SELECT ml.id, ml.quantity, ml.product_id, ml.location_id, ml.move_id, ml.picking_id, ml.state
         FROM stock_move_line ml WHERE ml.id = ANY($1)`,
        [ids],
      );
      env.spend(0.4);
      if (typeof values.quantity === 'number') {
        for (const line of lines.rows) {
          const delta = values.quantity - Number(line.quantity);
          if (delta !== 0 && line.state !== 'done' && (await isInternal(env, line.location_id))) {
            await updateAvailableQuantity(env, line.product_id, line.location_id, { reserved: delta });
          }
        }
      }
      await write(env, stockMoveLine, ids, vals);
      if (typeof values.quantity === 'number') {
        await env.cr.query(`UPDATE stock_move_line SET quantity_product_uom = quantity WHERE id = ANY($1)`, [ids]);
      }
      const moveIds = [...new Set(lines.rows.map((l) => l.move_id))];
      await env.cr.query(
        `UPDATE stock_move m SET quantity = s.qty, picked = s.picked,
                state = CASE WHEN m.state IN ('done', 'cancel', 'draft') THEN m.state
                             WHEN s.qty >= m.product_uom_qty THEN 'assigned'
                             WHEN s.qty > 0 THEN 'partially_available' ELSE 'confirmed' END,
                write_date = ${NOW}, write_uid = $2
         FROM (SELECT move_id, COALESCE(sum(quantity), 0) AS qty, bool_or(picked) AS picked
               FROM stock_move_line WHERE move_id = ANY($1) GROUP BY move_id) s
         WHERE m.id = s.move_id`,
        [moveIds, env.uid],
      );
      await recomputePickingStates(env, [...new Set(lines.rows.map((l) => l.picking_id).filter((p): p is number => p !== null))]);
      return true;
    },
  },
};

export const stockValuationLayer: ModelDef = {
  name: 'stock.valuation.layer',
  description: 'Stock Valuation Layer',
  table: 'stock_valuation_layer',
  order: 'create_date, id',
  displayName: (a) => `COALESCE(${a}.description, '')`,
  fields: {
    product_id: many2one('product.product', 'Product'),
    company_id: many2one('res.company', 'Company'),
    quantity: float('Quantity'),
    unit_cost: monetary('Unit Value'),
    value: monetary('Total Value'),
    remaining_qty: float('Remaining Qty'),
    remaining_value: monetary('Remaining Value'),
    description: char('Description'),
    stock_move_id: many2one('stock.move', 'Stock Move'),
    ...auditFields(),
  },
  methods: {},
};


/** stock.backorder.confirmation (TransientModel): `process` keeps a backorder, `process_cancel_backorder` drops the rest. */
export const stockBackorderConfirmation: ModelDef = {
  name: 'stock.backorder.confirmation',
  description: 'Backorder Confirmation',
  table: 'stock_backorder_confirmation',
  order: 'id',
  displayName: (a) => `'stock.backorder.confirmation,' || ${a}.id`,
  fields: { show_transfers: boolean('Show Transfers'), ...auditFields() },
  methods: {
    async create(env, args, kwargs) {
      const first = argument(args, kwargs, 0, 'vals_list', undefined);
      const list = Array.isArray(first) ? first : [first];
      const defaults = ((env.context.default_pick_ids as unknown[] | undefined) ?? []).map((c) => (Array.isArray(c) ? Number(c[1]) : Number(c)));
      const ids: number[] = [];
      for (const vals of list) {
        const { pick_ids: _p, ...rest } = isRecord(vals) ? vals : {};
        ids.push(await insert(env, stockBackorderConfirmation, rest, { pick_ids: defaults }));
      }
      return Array.isArray(first) ? ids : ids[0];
    },
    async process(env, args) {
      return processBackorderWizard(env, recordIds(args), false);
    },
    async process_cancel_backorder(env, args) {
      return processBackorderWizard(env, recordIds(args), true);
    },
  },
};

/** stock_backorder_confirmation.py `process` / `process_cancel_backorder`: validate again with skip_backorder → True. */
async function processBackorderWizard(env: Env, ids: number[], cancel: boolean): Promise<unknown> {
  await ensureExist(env, stockBackorderConfirmation, ids);
  const wizard = await env.cr.query<{ pick_ids: number[] | null }>('SELECT pick_ids FROM stock_backorder_confirmation WHERE id = ANY($1)', [ids]);
  const pickIds = wizard.rows.flatMap((r) => r.pick_ids ?? []);
  const toValidate = ((env.context.button_validate_picking_ids as number[] | undefined) ?? pickIds).map(Number);
  if (!toValidate.length) return true;
  const context = { ...env.context, skip_backorder: true, ...(cancel ? { picking_ids_not_to_backorder: pickIds } : {}) };
  return validatePickings({ ...env, context }, toValidate);
}
