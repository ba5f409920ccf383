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
  if (change.reserved && !change.quantity) {
    await updateReservedQuantity(env, quants.rows, change.reserved);
    return;
  }
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

type QuantRow = { id: number; quantity: string; reserved_quantity: string };

/**
 * `_update_reserved_quantity`: a reservation goes on quants with free quantity, a release on the
 * quants holding reservation — never on a fresh quant, where a release would be lost and a
 * reservation would have nothing behind it. The first candidate is taken `SKIP LOCKED` as Odoo's
 * quant lookup does; when every candidate is busy, wait for one: under REPEATABLE READ that ends in
 * a serialization failure and the whole request is retried, as on Odoo.
 */
async function updateReservedQuantity(env: Env, quants: QuantRow[], change: number): Promise<void> {
  const capacity = (q: QuantRow) => (change > 0 ? Number(q.quantity) - Number(q.reserved_quantity) : Number(q.reserved_quantity));
  const candidates = quants.filter((q) => capacity(q) > 0);
  if (candidates.length === 0) return;
  const skipLocked = await env.cr.query<{ id: number }>(
    `SELECT id FROM stock_quant WHERE id IN (${candidates.map((q) => q.id).join(', ')}) ORDER BY lot_id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED`,
  );
  const first = candidates.find((q) => q.id === skipLocked.rows[0]?.id);
  const ordered = first ? [first, ...candidates.filter((q) => q !== first)] : candidates;
  let left = Math.abs(change);
  for (const [index, q] of ordered.entries()) {
    if (left <= 0) break;
    const last = index === ordered.length - 1;
    // A reservation larger than what is free stays on the last quant (Odoo's non-strict reservation).
    const take = change > 0 && last ? left : Math.min(left, capacity(q));
    if (q !== first) await env.cr.query(`SELECT id FROM stock_quant WHERE id = $1 FOR NO KEY UPDATE`, [q.id]);
    const next = Number(q.reserved_quantity) + (change > 0 ? take : -take);
    await env.cr.query(`UPDATE "stock_quant" SET "reserved_quantity" = $1, "write_date" = $2, "write_uid" = $3 WHERE id IN (${q.id})`, [
      decimal(Math.max(0, next)),
      utcTimestamp(),
      env.uid,
    ]);
    left -= take;
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

/** Is `locationId` an internal location (stock is reserved and valued only there)? */
export async function isInternal(env: Env, locationId: number): Promise<boolean> {
  const row = await env.cr.query<{ usage: string }>('SELECT usage FROM stock_location WHERE id = $1', [locationId]);
  return row.rows[0]?.usage === 'internal' || row.rows[0]?.usage === 'transit';
}

async function insertMoveLine(env: Env, move: MoveRow, locationId: number, quantity: number): Promise<void> {
  await env.cr.query(
    `INSERT INTO stock_move_line (picking_id, move_id, company_id, product_id, product_uom_id, quantity, quantity_product_uom,
                                  picked, location_id, location_dest_id, state, reference, date, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, $3, $4, $5, $6, $6, false, $7, $8, 'assigned', $9, ${NOW}, $10, ${NOW}, $10, ${NOW})`,
    [move.picking_id, move.id, LAB_IDS.company, move.product_id, LAB_IDS.uomUnit, quantity, locationId, move.location_dest_id, move.reference, env.uid],
  );
}

/**
 * Reserves what is free for each move (stock_move.py `_action_assign`): from a non-internal source
 * (a vendor) the whole demand at once (`_should_bypass_reservation`); from stock, quant by quant
 * over the source location and its children in FIFO removal order (`_gather`), one move line per
 * location, each through `_update_available_quantity` (the SKIP LOCKED lock, then the UPDATE).
 */
export async function reserveMoves(env: Env, moveIds: number[]): Promise<void> {
  const moves = await env.cr.query<MoveRow>(
    `SELECT id, product_id, product_uom_qty, quantity, location_id, location_dest_id, picking_id, reference, state
     FROM stock_move WHERE id = ANY($1) AND state NOT IN ('draft', 'cancel', 'done', 'assigned') ORDER BY id`,
    [moveIds],
  );
  for (const move of moves.rows) {
    let need = Number(move.product_uom_qty) - Number(move.quantity);
    if (need <= 0) continue;
    let reserved = Number(move.quantity);
    if (!(await isInternal(env, move.location_id))) {
      await insertMoveLine(env, move, move.location_id, need);
      reserved += need;
    } else {
      const free = await env.cr.query<{ location_id: number; free: string }>(
        `SELECT q.location_id, sum(q.quantity - q.reserved_quantity) AS free FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
         WHERE q.product_id = $1 AND l.parent_path LIKE (SELECT parent_path FROM stock_location WHERE id = $2) || '%'
         GROUP BY q.location_id HAVING sum(q.quantity - q.reserved_quantity) > 0 ORDER BY min(q.in_date), q.location_id`,
        [move.product_id, move.location_id],
      );
      for (const quant of free.rows) {
        if (need <= 0) break;
        const take = Math.min(need, Number(quant.free));
        await updateAvailableQuantity(env, move.product_id, quant.location_id, { reserved: take });
        await insertMoveLine(env, move, quant.location_id, take);
        need -= take;
        reserved += take;
      }
    }
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

/** An incoming valuation layer (stock_account `_create_in_svl`): what FIFO deliveries consume later. */
export async function createInLayer(env: Env, productId: number, quantity: number, unitCost: number, moveId: number | null, description: string): Promise<void> {
  const value = Math.round(quantity * unitCost * 100) / 100;
  await env.cr.query(
    `INSERT INTO stock_valuation_layer (company_id, product_id, quantity, unit_cost, value, remaining_qty, remaining_value, description,
                                        stock_move_id, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, $3, $4, $5, $3, $5, $6, $7, $8, ${NOW}, $8, ${NOW})`,
    [LAB_IDS.company, productId, quantity, unitCost, value, description, moveId, env.uid],
  );
}

/** Next number of a picking type's sequence (`WH/OUT/00001`). */
export async function nextPickingName(env: Env, pickingTypeId: number): Promise<string> {
  const type = await env.cr.query<{ sequence_id: number; prefix: string | null; padding: number }>(
    'SELECT t.sequence_id, s.prefix, s.padding FROM stock_picking_type t JOIN ir_sequence s ON s.id = t.sequence_id WHERE t.id = $1',
    [pickingTypeId],
  );
  const row = type.rows[0];
  if (!row) return '/';
  const next = await env.cr.query<{ n: string }>(`SELECT nextval('ir_sequence_${String(row.sequence_id).padStart(3, '0')}') AS n`);
  return `${row.prefix ?? ''}${String(next.rows[0]?.n ?? '').padStart(row.padding, '0')}`;
}

/**
 * Applies a counted quantity (stock.quant `_apply_inventory`): a done move from/to
 * Virtual Locations/Inventory adjustment for the difference, the quants updated through
 * `_update_available_quantity`, and the valuation (in-layer at cost, or FIFO out).
 */
export async function applyInventory(env: Env, productId: number, locationId: number, counted: number): Promise<void> {
  const current = await env.cr.query<{ qty: string | null }>('SELECT sum(quantity) AS qty FROM stock_quant WHERE product_id = $1 AND location_id = $2', [productId, locationId]);
  const diff = counted - Number(current.rows[0]?.qty ?? 0);
  if (diff === 0) return;
  const [from, to] = diff > 0 ? [LAB_IDS.locationInventory, locationId] : [locationId, LAB_IDS.locationInventory];
  const qty = Math.abs(diff);
  const move = await env.cr.query<{ id: number }>(
    `INSERT INTO stock_move (name, reference, sequence, priority, date, company_id, product_id, product_uom_qty, product_uom, product_qty, quantity, picked,
                             location_id, location_dest_id, state, procure_method, create_uid, create_date, write_uid, write_date)
     VALUES ('Product Quantity Updated', 'Product Quantity Updated', 10, '0', ${NOW}, $1, $2, $3, $4, $3, $3, true, $5, $6, 'done', 'make_to_stock', $7, ${NOW}, $7, ${NOW})
     RETURNING id`,
    [LAB_IDS.company, productId, qty, LAB_IDS.uomUnit, from, to, env.uid],
  );
  const moveId = move.rows[0]?.id ?? 0;
  await env.cr.query(
    `INSERT INTO stock_move_line (move_id, company_id, product_id, product_uom_id, quantity, quantity_product_uom, picked, location_id, location_dest_id,
                                  state, reference, date, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, $3, $4, $5, $5, true, $6, $7, 'done', 'Product Quantity Updated', ${NOW}, $8, ${NOW}, $8, ${NOW})`,
    [moveId, LAB_IDS.company, productId, LAB_IDS.uomUnit, qty, from, to, env.uid],
  );
  await updateAvailableQuantity(env, productId, from, { quantity: -qty });
  await updateAvailableQuantity(env, productId, to, { quantity: qty });
  if (diff > 0) {
    const cost = await env.cr.query<{ standard_price: string }>('SELECT standard_price FROM product_product WHERE id = $1', [productId]);
    await createInLayer(env, productId, qty, Number(cost.rows[0]?.standard_price ?? 0), moveId, 'Product Quantity Updated');
  } else {
    await runFifo(env, productId, qty, moveId, 'Product Quantity Updated');
  }
}
