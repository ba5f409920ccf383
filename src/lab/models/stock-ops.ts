/**
 * The stock mechanics behind confirm/assign/validate, with the SQL shapes Odoo 17 sends, because
 * they decide where concurrent flows collide:
 *
 * - `updateAvailableQuantity` is stock_quant.py `_update_available_quantity` (17.0): read the quants
 *   (snapshot), lock one with `SELECT id FROM stock_quant WHERE id IN (…) ORDER BY lot_id LIMIT 1
 *   FOR NO KEY UPDATE SKIP LOCKED`, then write the *absolute* new quantity computed from the snapshot —
 *   or create a new quant when every candidate is locked. Under REPEATABLE READ a quant changed by a
 *   transaction that committed after our snapshot fails the lock or the UPDATE with SQLSTATE 40001.
 *   Reservation (`reserved_quantity`) and delivery (`quantity`, also on the customer location's
 *   quant) both go through it.
 * - `runFifo` is stock_account product.py `_run_fifo`: every delivery of a product consumes its
 *   oldest valuation layer with `remaining_qty > 0` (`UPDATE "stock_valuation_layer" SET
 *   "remaining_qty" = …`), so deliveries of one product all write the same row.
 */
import { LAB_IDS } from '../ids.js';
import type { Env } from './types.js';

const NOW = `(now() at time zone 'UTC')`;

/** Odoo's float formatting in its ORM UPDATEs (as seen in its "bad query" log lines). */
function decimal(value: number, digits = 2): string {
  return value.toFixed(digits);
}

function utcTimestamp(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '');
}

/** `_update_available_quantity(product, location, quantity=…, reserved_quantity=…)`. */
export async function updateAvailableQuantity(
  env: Env,
  productId: number,
  locationId: number,
  change: { quantity?: number; reserved?: number },
): Promise<void> {
  const quants = await env.cr.query<{ id: number; quantity: string; reserved_quantity: string }>(
    `SELECT id, quantity, reserved_quantity FROM stock_quant
     WHERE product_id = $1 AND location_id = $2 AND lot_id IS NULL AND package_id IS NULL AND owner_id IS NULL
     ORDER BY in_date, id`,
    [productId, locationId],
  );
  let quant: { id: number; quantity: string; reserved_quantity: string } | undefined;
  if (quants.rows.length) {
    // ids are integers from our own query: inlined so the statement reads as Odoo's does in the log
    const locked = await env.cr.query<{ id: number }>(
      `SELECT id FROM stock_quant WHERE id IN (${quants.rows.map((q) => q.id).join(', ')}) ORDER BY lot_id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED`,
    );
    quant = quants.rows.find((q) => q.id === locked.rows[0]?.id);
  }
  const quantity = change.quantity ?? 0;
  const reserved = change.reserved ?? 0;
  if (quant) {
    const sets: string[] = [];
    const params: unknown[] = [];
    if (quantity) {
      params.push(decimal(Number(quant.quantity) + quantity));
      sets.push(`"quantity" = $${params.length}`);
    }
    if (reserved) {
      params.push(decimal(Math.max(0, Number(quant.reserved_quantity) + reserved)));
      sets.push(`"reserved_quantity" = $${params.length}`);
    }
    params.push(utcTimestamp(), env.uid);
    sets.push(`"write_date" = $${params.length - 1}`, `"write_uid" = $${params.length}`);
    await env.cr.query(`UPDATE "stock_quant" SET ${sets.join(', ')} WHERE id IN (${quant.id})`, params);
  } else {
    await env.cr.query(
      `INSERT INTO stock_quant (product_id, location_id, company_id, quantity, reserved_quantity, in_date, create_uid, create_date, write_uid, write_date)
       VALUES ($1, $2, $3, $4, $5, ${NOW}, $6, ${NOW}, $6, ${NOW})`,
      [productId, locationId, LAB_IDS.company, quantity, Math.max(0, reserved), env.uid],
    );
  }
}

interface MoveRow {
  id: number;
  product_id: number;
  product_uom_qty: string;
  quantity: string;
  location_id: number;
  location_dest_id: number;
  picking_id: number | null;
  reference: string | null;
  state: string;
}

/** Reserves what is free for each move (stock_move.py `_action_assign`); returns the moves' new states. */
export async function reserveMoves(env: Env, moveIds: number[]): Promise<void> {
  const moves = await env.cr.query<MoveRow>(
    `SELECT id, product_id, product_uom_qty, quantity, location_id, location_dest_id, picking_id, reference, state
     FROM stock_move WHERE id = ANY($1) AND state NOT IN ('draft', 'cancel', 'done', 'assigned') ORDER BY id`,
    [moveIds],
  );
  for (const move of moves.rows) {
    const need = Number(move.product_uom_qty) - Number(move.quantity);
    if (need <= 0) continue;
    // _get_available_quantity over the source location and its children
    const available = await env.cr.query<{ free: string | null }>(
      `SELECT sum(q.quantity - q.reserved_quantity) AS free FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
       WHERE q.product_id = $1 AND l.parent_path LIKE (SELECT parent_path FROM stock_location WHERE id = $2) || '%'`,
      [move.product_id, move.location_id],
    );
    const take = Math.max(0, Math.min(need, Number(available.rows[0]?.free ?? 0)));
    if (take > 0) {
      await updateAvailableQuantity(env, move.product_id, move.location_id, { reserved: take });
      await env.cr.query(
        `INSERT INTO stock_move_line (picking_id, move_id, company_id, product_id, product_uom_id, quantity, quantity_product_uom,
                                      picked, location_id, location_dest_id, state, reference, date, create_uid, create_date, write_uid, write_date)
         VALUES ($1, $2, $3, $4, $5, $6, $6, false, $7, $8, 'assigned', $9, ${NOW}, $10, ${NOW}, $10, ${NOW})`,
        [move.picking_id, move.id, LAB_IDS.company, move.product_id, LAB_IDS.uomUnit, take, move.location_id, move.location_dest_id, move.reference, env.uid],
      );
    }
    const reserved = Number(move.quantity) + take;
    const state = reserved >= Number(move.product_uom_qty) ? 'assigned' : reserved > 0 ? 'partially_available' : 'confirmed';
    await env.cr.query(`UPDATE stock_move SET quantity = $2, state = $3, write_uid = $4, write_date = ${NOW} WHERE id = $1`, [move.id, reserved, state, env.uid]);
  }
}

/**
 * stock_picking.py `_compute_state` for move_type 'direct' (as soon as possible): done/cancel when all
 * moves are; 'assigned' as soon as anything is reserved; else 'confirmed' (or 'draft').
 */
export async function recomputePickingStates(env: Env, pickingIds: number[]): Promise<void> {
  if (!pickingIds.length) return;
  await env.cr.query(
    `UPDATE stock_picking p SET state = s.state, write_date = ${NOW} FROM (
       SELECT picking_id,
              CASE WHEN bool_and(state = 'cancel') THEN 'cancel'
                   WHEN bool_and(state IN ('done', 'cancel')) THEN 'done'
                   WHEN bool_and(state = 'draft') THEN 'draft'
                   WHEN bool_or(state IN ('assigned', 'partially_available')) THEN 'assigned'
                   ELSE 'confirmed' END AS state
       FROM stock_move WHERE picking_id = ANY($1) GROUP BY picking_id) s
     WHERE p.id = s.picking_id AND p.state IS DISTINCT FROM s.state`,
    [pickingIds],
  );
}

/** Consumes FIFO valuation layers for an outgoing `quantity` and writes the outgoing layer. */
export async function runFifo(env: Env, productId: number, quantity: number, moveId: number, description: string): Promise<void> {
  const candidates = await env.cr.query<{ id: number; remaining_qty: string; remaining_value: string }>(
    `SELECT id, remaining_qty, remaining_value FROM stock_valuation_layer
     WHERE product_id = $1 AND remaining_qty > 0 AND company_id = $2 ORDER BY create_date, id`,
    [productId, LAB_IDS.company],
  );
  let left = quantity;
  let value = 0;
  let lastUnitCost = 0;
  for (const candidate of candidates.rows) {
    if (left <= 0) break;
    const remainingQty = Number(candidate.remaining_qty);
    const remainingValue = Number(candidate.remaining_value);
    const taken = Math.min(left, remainingQty);
    lastUnitCost = remainingValue / remainingQty;
    const takenValue = Math.round(taken * lastUnitCost * 100) / 100;
    await env.cr.query(
      `UPDATE "stock_valuation_layer" SET "remaining_qty" = $1, "remaining_value" = $2, "write_date" = $3, "write_uid" = $4 WHERE id IN (${candidate.id})`,
      [decimal(remainingQty - taken), decimal(remainingValue - takenValue), utcTimestamp(), env.uid],
    );
    left -= taken;
    value += takenValue;
  }
  // Negative stock: value the rest at the last FIFO price (left as a negative remaining_qty).
  const negative = Math.max(0, left);
  value += negative * lastUnitCost;
  await env.cr.query(
    `INSERT INTO stock_valuation_layer (company_id, product_id, quantity, unit_cost, value, remaining_qty, remaining_value, description,
                                        stock_move_id, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, ${NOW}, $9, ${NOW})`,
    [LAB_IDS.company, productId, -quantity, quantity ? value / quantity : 0, -value, -negative, description, moveId, env.uid],
  );
}
