/**
 * stock.picking `button_validate` (17.0): `_sanity_check`, `_pre_action_done_hook` (the backorder
 * wizard when some demand is not picked), `_action_done` (quants, valuation, sale/purchase lines)
 * and `_create_backorder` for what is left (unless the picking is in `picking_ids_not_to_backorder`,
 * where the rest is cancelled).
 */
import { UserError } from './errors.js';
import { productDisplayName } from './product.js';
import { createInLayer, isInternal, nextPickingName, recomputePickingStates, reserveMoves, runFifo, updateAvailableQuantity } from './stock-ops.js';
import type { Env } from './types.js';

const NOW = `(now() at time zone 'UTC')`;

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
  purchase_line_id: number | null;
  price_unit: number | null;
  location_id: number;
  location_dest_id: number;
  picking_name: string;
  product_name: string;
}

async function moveRows(env: Env, ids: number[]): Promise<ValidateMove[]> {
  const result = await env.cr.query<ValidateMove>(
    `SELECT m.id, m.picking_id, m.product_id, m.product_uom_qty, m.quantity, m.picked, m.sale_line_id, m.purchase_line_id, m.price_unit,
            m.location_id, m.location_dest_id, p.name AS picking_name,
            COALESCE((SELECT sum(ml.quantity) FROM stock_move_line ml WHERE ml.move_id = m.id AND ml.picked), 0) AS picked_qty,
            COALESCE((SELECT bool_or(ml.picked) FROM stock_move_line ml WHERE ml.move_id = m.id), false) AS any_line_picked,
            (SELECT ${productDisplayName('pp')} FROM product_product pp WHERE pp.id = m.product_id) AS product_name
     FROM stock_move m JOIN stock_picking p ON p.id = m.picking_id
     WHERE m.picking_id = ANY($1) AND m.state NOT IN ('done', 'cancel') ORDER BY m.id`,
    [ids],
  );
  return result.rows;
}

function pickedQuantity(move: ValidateMove): number {
  if (move.any_line_picked) return Number(move.picked_qty);
  return move.picked ? Number(move.quantity) : 0;
}

/** stock_picking.py `button_validate` → True, or the backorder wizard's action. */
export async function validatePickings(env: Env, ids: number[]): Promise<unknown> {
  let moves = await moveRows(env, ids);
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
  moves = await moveRows(env, ids);
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

  const remaining: Array<{ move: ValidateMove; quantity: number }> = [];
  for (const move of moves) {
    const done = await doneMove(env, move);
    const left = Number(move.product_uom_qty) - done;
    if (left > 0) remaining.push({ move, quantity: left });
  }
  await env.cr.query(`UPDATE stock_picking SET state = 'done', date_done = ${NOW}, write_date = ${NOW}, write_uid = $2 WHERE id = ANY($1)`, [ids, env.uid]);
  await createBackorders(env, remaining.filter((r) => !notToBackorder.has(r.move.picking_id)));
  await env.cr.query(
    `UPDATE sale_order so
     SET delivery_status = CASE WHEN (SELECT bool_and(p.state IN ('done', 'cancel')) FROM stock_picking p WHERE p.sale_id = so.id)
                                THEN 'full' ELSE 'partial' END,
         write_date = ${NOW}
     WHERE so.id IN (SELECT sale_id FROM stock_picking WHERE id = ANY($1))`,
    [ids],
  );
  await env.cr.query(
    `UPDATE purchase_order po
     SET receipt_status = CASE WHEN NOT EXISTS (SELECT 1 FROM stock_move m JOIN purchase_order_line l ON l.id = m.purchase_line_id
                                                 WHERE l.order_id = po.id AND m.state NOT IN ('done', 'cancel'))
                               THEN 'full' ELSE 'partial' END,
         write_date = ${NOW}
     WHERE po.id IN (SELECT l.order_id FROM stock_move m JOIN purchase_order_line l ON l.id = m.purchase_line_id WHERE m.picking_id = ANY($1))`,
    [ids],
  );
  return true;
}

/** One move's `_action_done`: picked lines move stock, the rest is released; returns the done quantity. */
async function doneMove(env: Env, move: ValidateMove): Promise<number> {
  const lines = await env.cr.query<{ id: number; quantity: string; picked: boolean; location_id: number; location_dest_id: number }>(
    'SELECT id, quantity, picked, location_id, location_dest_id FROM stock_move_line WHERE move_id = $1 ORDER BY id',
    [move.id],
  );
  const sourceInternal = await isInternal(env, move.location_id);
  const destInternal = await isInternal(env, move.location_dest_id);
  let done = 0;
  for (const line of lines.rows) {
    const qty = Number(line.quantity);
    const picked = line.picked || (move.picked && !move.any_line_picked);
    if (sourceInternal && qty > 0) await updateAvailableQuantity(env, move.product_id, line.location_id, { reserved: -qty });
    if (!picked || qty <= 0) {
      await env.cr.query('DELETE FROM stock_move_line WHERE id = $1', [line.id]);
      continue;
    }
    await updateAvailableQuantity(env, move.product_id, line.location_id, { quantity: -qty });
    await updateAvailableQuantity(env, move.product_id, line.location_dest_id, { quantity: qty });
    await env.cr.query(`UPDATE stock_move_line SET state = 'done', date = ${NOW}, write_date = ${NOW} WHERE id = $1`, [line.id]);
    done += qty;
  }
  const state = done > 0 ? 'done' : 'cancel';
  await env.cr.query(
    `UPDATE stock_move SET state = $2, quantity = $3::numeric, product_uom_qty = CASE WHEN $3::numeric > 0 THEN $3::numeric ELSE product_uom_qty END,
            product_qty = CASE WHEN $3::numeric > 0 THEN $3::numeric ELSE product_qty END,
            picked = $4, date = ${NOW}, write_date = ${NOW}, write_uid = $5 WHERE id = $1`,
    [move.id, state, done, done > 0, env.uid],
  );
  if (done <= 0) return 0;
  const description = `${move.picking_name} - ${move.product_name}`;
  if (sourceInternal && !destInternal) {
    await runFifo(env, move.product_id, done, move.id, description);
  } else if (!sourceInternal && destInternal) {
    const cost = move.price_unit ?? Number((await env.cr.query<{ c: string }>('SELECT standard_price AS c FROM product_product WHERE id = $1', [move.product_id])).rows[0]?.c ?? 0);
    await createInLayer(env, move.product_id, done, Number(cost), move.id, description);
  }
  if (move.sale_line_id) {
    await env.cr.query(`UPDATE sale_order_line SET qty_delivered = qty_delivered + $2, write_date = ${NOW} WHERE id = $1`, [move.sale_line_id, done]);
  }
  if (move.purchase_line_id) {
    await env.cr.query(`UPDATE purchase_order_line SET qty_received = qty_received + $2, write_date = ${NOW} WHERE id = $1`, [move.purchase_line_id, done]);
  }
  return done;
}

/** stock_picking.py `_create_backorder`: a new picking with the undelivered demand, reserved at once. */
async function createBackorders(env: Env, remaining: Array<{ move: ValidateMove; quantity: number }>): Promise<void> {
  const byPicking = new Map<number, Array<{ move: ValidateMove; quantity: number }>>();
  for (const item of remaining) byPicking.set(item.move.picking_id, [...(byPicking.get(item.move.picking_id) ?? []), item]);
  for (const [pickingId, items] of byPicking) {
    const original = await env.cr.query<{ picking_type_id: number; name: string }>('SELECT picking_type_id, name FROM stock_picking WHERE id = $1', [pickingId]);
    const typeId = original.rows[0]?.picking_type_id ?? 0;
    const name = await nextPickingName(env, typeId);
    const picking = await env.cr.query<{ id: number }>(
      `INSERT INTO stock_picking (name, origin, move_type, state, group_id, priority, scheduled_date, location_id, location_dest_id, picking_type_id,
                                  partner_id, company_id, user_id, sale_id, backorder_id, create_uid, create_date, write_uid, write_date)
       SELECT $2, origin, move_type, 'draft', group_id, priority, scheduled_date, location_id, location_dest_id, picking_type_id,
              partner_id, company_id, user_id, sale_id, id, $3, ${NOW}, $3, ${NOW}
       FROM stock_picking WHERE id = $1 RETURNING id`,
      [pickingId, name, env.uid],
    );
    const backorderId = picking.rows[0]?.id ?? 0;
    const moveIds: number[] = [];
    for (const { move, quantity } of items) {
      const created = await env.cr.query<{ id: number }>(
        `INSERT INTO stock_move (name, reference, origin, sequence, priority, date, company_id, product_id, product_uom_qty, product_uom, product_qty, quantity, picked,
                                 location_id, location_dest_id, partner_id, picking_id, picking_type_id, state, procure_method, price_unit, group_id,
                                 sale_line_id, purchase_line_id, warehouse_id, create_uid, create_date, write_uid, write_date)
         SELECT name, $2, origin, sequence, priority, ${NOW}, company_id, product_id, $3, product_uom, $3, 0, false,
                location_id, location_dest_id, partner_id, $4, picking_type_id, 'confirmed', procure_method, price_unit, group_id,
                sale_line_id, purchase_line_id, warehouse_id, $5, ${NOW}, $5, ${NOW}
         FROM stock_move WHERE id = $1 RETURNING id`,
        [move.id, name, quantity, backorderId, env.uid],
      );
      moveIds.push(created.rows[0]?.id ?? 0);
    }
    await reserveMoves(env, moveIds);
    await recomputePickingStates(env, [backorderId]);
  }
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
