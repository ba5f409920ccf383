/**
 * Stock models: stock.location, stock.warehouse, stock.picking.type, stock.quant, stock.picking
 * (action_assign, button_validate), stock.move, stock.move.line (write), stock.valuation.layer.
 * Odoo 17: move lines have `quantity` (reserved, then done) and `picked`; there is no `qty_done`.
 */
import { UserError } from './errors.js';
import { auditFields, boolean, char, datetime, float, many2one, monetary, one2many, selection, text } from './fields.js';
import { argument, columnValues, ensureExist, recordIds, write } from './orm.js';
import { productDisplayName } from './product.js';
import { recomputePickingStates, reserveMoves, runFifo, updateAvailableQuantity } from './stock-ops.js';
import type { Env, ModelDef } from './types.js';

const NOW = `(now() at time zone 'UTC')`;

export const stockLocation: ModelDef = {
  name: 'stock.location',
  description: 'Inventory Locations',
  table: 'stock_location',
  order: 'complete_name, id',
  displayName: (a) => `${a}.complete_name`,
  fields: {
    name: char('Location Name'),
    complete_name: char('Full Location Name'),
    usage: selection('Location Type'),
    location_id: many2one('stock.location', 'Parent Location'),
    company_id: many2one('res.company', 'Company'),
    warehouse_id: many2one('stock.warehouse', 'Warehouse'),
    barcode: char('Barcode'),
    active: boolean('Active'),
  },
  methods: {},
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
    inventory_quantity: float('Counted Quantity'),
    in_date: datetime('Incoming Date'),
    ...auditFields(),
  },
  methods: {},
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
      env.spend(0.3);
      return validatePickings(env, ids);
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
          if (delta !== 0 && line.state !== 'done') {
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

interface ValidateMove {
  id: number;
  picking_id: number;
  product_id: number;
  product_uom_qty: string;
  quantity: string;
  picked: boolean;
  picked_qty: string;
  any_line_picked: boolean;
  sale_line_id: number | null;
  picking_name: string;
  product_name: string;
}

/** stock_picking.py `button_validate` → `_sanity_check`, `_pre_action_done_hook`, `_action_done` (17.0). */
async function validatePickings(env: Env, ids: number[]): Promise<unknown> {
  const moveRows = async () =>
    (
      await env.cr.query<ValidateMove>(
        `SELECT m.id, m.picking_id, m.product_id, m.product_uom_qty, m.quantity, m.picked, m.sale_line_id, p.name AS picking_name,
                COALESCE((SELECT sum(ml.quantity) FROM stock_move_line ml WHERE ml.move_id = m.id AND ml.picked), 0) AS picked_qty,
                COALESCE((SELECT bool_or(ml.picked) FROM stock_move_line ml WHERE ml.move_id = m.id), false) AS any_line_picked,
                (SELECT ${productDisplayName('pp')} FROM product_product pp WHERE pp.id = m.product_id) AS product_name
         FROM stock_move m JOIN stock_picking p ON p.id = m.picking_id
         WHERE m.picking_id = ANY($1) AND m.state NOT IN ('done', 'cancel') ORDER BY m.id`,
        [ids],
      )
    ).rows;
  let moves = await moveRows();
  // _sanity_check (single picking wording; several pickings get the "Transfers …" variants in Odoo)
  const anyMoves = await env.cr.query('SELECT 1 FROM stock_move WHERE picking_id = ANY($1) LIMIT 1', [ids]);
  if (!anyMoves.rowCount) throw new UserError('You can’t validate an empty transfer. Please add some products to move before proceeding.');
  for (const pickingId of ids) {
    if (moves.filter((m) => m.picking_id === pickingId).every((m) => Number(m.quantity) === 0)) {
      // stock_picking.py _get_without_quantities_error_message
      throw new UserError('You cannot validate a transfer if no quantities are reserved. To force the transfer, encode quantities.');
    }
  }
  // _pre_action_done_hook: quantities set but nothing picked → everything is picked
  for (const pickingId of ids) {
    const own = moves.filter((m) => m.picking_id === pickingId);
    if (own.some((m) => Number(m.quantity) > 0) && !own.some((m) => m.picked || m.any_line_picked)) {
      await env.cr.query('UPDATE stock_move SET picked = true WHERE id = ANY($1)', [own.map((m) => m.id)]);
      await env.cr.query('UPDATE stock_move_line SET picked = true WHERE move_id = ANY($1)', [own.map((m) => m.id)]);
    }
  }
  moves = await moveRows();
  const notToBackorder = new Set(((env.context.picking_ids_not_to_backorder as number[] | undefined) ?? []).map(Number));
  if (!env.context.skip_backorder) {
    const toBackorder = ids.filter(
      (pickingId) =>
        !notToBackorder.has(pickingId) &&
        moves.some((m) => m.picking_id === pickingId && ((Number(m.product_uom_qty) > 0 && !m.picked && !m.any_line_picked) || pickedQuantity(m) < Number(m.product_uom_qty))),
    );
    if (toBackorder.length) return backorderWizardAction(env, ids, toBackorder);
  }
  env.spend(0.3);

  // _action_done
  for (const move of moves) {
    const lines = await env.cr.query<{ id: number; quantity: string; picked: boolean; location_id: number; location_dest_id: number }>(
      'SELECT id, quantity, picked, location_id, location_dest_id FROM stock_move_line WHERE move_id = $1 ORDER BY id',
      [move.id],
    );
    const pickedLines = lines.rows.filter((l) => l.picked || (move.picked && !move.any_line_picked));
    let done = 0;
    for (const line of lines.rows) {
      const qty = Number(line.quantity);
      if (!pickedLines.includes(line) || qty <= 0) {
        // unpicked reservation is released and its line dropped
        if (qty > 0) await updateAvailableQuantity(env, move.product_id, line.location_id, { reserved: -qty });
        await env.cr.query('DELETE FROM stock_move_line WHERE id = $1', [line.id]);
        continue;
      }
      await updateAvailableQuantity(env, move.product_id, line.location_id, { reserved: -qty });
      await updateAvailableQuantity(env, move.product_id, line.location_id, { quantity: -qty });
      await updateAvailableQuantity(env, move.product_id, line.location_dest_id, { quantity: qty });
      await env.cr.query(`UPDATE stock_move_line SET state = 'done', date = ${NOW}, write_date = ${NOW} WHERE id = $1`, [line.id]);
      done += qty;
    }
    const state = done > 0 ? 'done' : 'cancel';
    await env.cr.query(`UPDATE stock_move SET state = $2, quantity = $3, picked = $4, date = ${NOW}, write_date = ${NOW}, write_uid = $5 WHERE id = $1`, [move.id, state, done, done > 0, env.uid]);
    if (done > 0) {
      await runFifo(env, move.product_id, done, move.id, `${move.picking_name} - ${move.product_name}`);
      if (move.sale_line_id) {
        await env.cr.query(`UPDATE sale_order_line SET qty_delivered = qty_delivered + $2, write_date = ${NOW} WHERE id = $1`, [move.sale_line_id, done]);
      }
    }
  }
  await env.cr.query(`UPDATE stock_picking SET state = 'done', date_done = ${NOW}, write_date = ${NOW}, write_uid = $2 WHERE id = ANY($1)`, [ids, env.uid]);
  await env.cr.query(
    `UPDATE sale_order so
     SET delivery_status = CASE WHEN (SELECT bool_and(p.state IN ('done', 'cancel')) FROM stock_picking p WHERE p.sale_id = so.id)
                                THEN 'full' ELSE 'partial' END,
         write_date = ${NOW}
     WHERE so.id IN (SELECT sale_id FROM stock_picking WHERE id = ANY($1))`,
    [ids],
  );
  return true;
}

function pickedQuantity(move: ValidateMove): number {
  if (move.any_line_picked) return Number(move.picked_qty);
  return move.picked ? Number(move.quantity) : 0;
}

/** stock_picking.py `_action_generate_backorder_wizard` (view id of stock.view_backorder_confirmation in the lab). */
function backorderWizardAction(env: Env, ids: number[], toBackorder: number[]): Record<string, unknown> {
  const viewId = 490;
  return {
    name: 'Create Backorder?',
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: 'stock.backorder.confirmation',
    views: [[viewId, 'form']],
    view_id: viewId,
    target: 'new',
    context: {
      ...env.context,
      button_validate_picking_ids: (env.context.button_validate_picking_ids as number[] | undefined) ?? ids,
      default_show_transfers: false,
      default_pick_ids: toBackorder.map((id) => [4, id]),
    },
  };
}

