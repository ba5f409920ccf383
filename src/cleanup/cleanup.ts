/**
 * `cleanup`: removes what a run (or prepare) created, found by its tag (docs/TAGGING.md), in
 * dependency order — payments, then invoices, then orders, then master data:
 *
 *   1. account.payment   ref =like tag            → action_draft, action_cancel
 *   2. account.move      ref =like tag, or invoice_origin = a tagged order's name → button_draft (posted), button_cancel
 *   3. sale.order        client_order_ref =like tag → action_cancel ({disable_cancel_warning}) then unlink
 *                        (cancelling also cancels the deliveries not yet done; done ones stay: stock left)
 *   4. purchase.order    origin or partner_ref =like tag → button_cancel then unlink; orders with a
 *                        done receipt cannot be cancelled (Odoo: "some receptions have already been done") and are kept
 *   5. stock.warehouse.orderpoint  name =like tag → unlink
 *   6. product.template  default_code =like tag → action_archive (archives the variants)
 *   7. stock.location    name =like tag → archived (kept when it still holds stock)
 *   8. res.partner       ref =like tag → action_archive
 *
 * Each model is processed in batches; when a batch is refused (a UserError), records are retried one
 * by one so one blocked record does not keep the others. Runs after the staging guard.
 */
import { DATA_TAG, TAG_PREFIX, runTag } from '../../scenarios/journeys/common.js';
import { InputError } from '../errors.js';
import { RUN_ID_PATTERN } from '../run/run-id.js';
import { OdooError } from '../odoo/errors.js';
import { assertStaging } from '../odoo/staging.js';
import type { OdooClient } from '../odoo/types.js';

export interface CleanupOptions {
  /** A run id (`oc-` is added when missing), or `data` for prepare's records. */
  run?: string;
  /** Everything tagged `oc-…` by any run or prepare. */
  allTagged?: boolean;
  allowUnneutralized?: boolean;
  url: string;
  db: string;
}

/** What happened per model: `found` tagged records, and how many were cancelled, deleted, archived or kept. */
export interface CleanupCount {
  found: number;
  cancelled: number;
  deleted: number;
  archived: number;
  /** Could not be removed (done stock moves, locked orders …). */
  kept: number;
}

export type CleanupReport = Record<string, CleanupCount>;

const BATCH = 100;

/**
 * The `=like` pattern for the option set. A run's records carry exactly `oc-<run id>`, so a run is
 * matched exactly (no `%`: `--run 2` must not match every run of 2026); prepare's records carry
 * `oc-data-<kind><n>`; `allTagged` matches every `oc-` value. (`_` is not escaped: run ids hold only `[a-z0-9-]`.)
 * @throws InputError CLEANUP_RUN_ID when `run` is neither `data` nor a run id.
 */
export function tagPattern(options: Pick<CleanupOptions, 'run' | 'allTagged'>): string {
  if (options.allTagged) return `${TAG_PREFIX}%`;
  if (!options.run) throw new InputError('CLEANUP_RUN_ID', cleanupMessages.noSelection());
  const run = options.run.startsWith(TAG_PREFIX) ? options.run.slice(TAG_PREFIX.length) : options.run;
  if (run === 'data') return `${DATA_TAG}-%`;
  if (!RUN_ID_PATTERN.test(run)) throw new InputError('CLEANUP_RUN_ID', cleanupMessages.notARunId(options.run));
  return runTag(run);
}

export const cleanupMessages = {
  noSelection: () => 'cleanup: give --run <run id> (or --run data for prepare\'s records) or --all-tagged.',
  notARunId: (given: string) =>
    `--run: expected a run id such as 20261123-103512-morning-order-wave-ab12 (see odoo-capacity runs) or "data", got "${given}".`,
};

export async function cleanup(client: OdooClient, options: CleanupOptions): Promise<CleanupReport> {
  await assertStaging(client, { allow: options.allowUnneutralized ?? false, url: options.url, db: options.db, action: 'clean up' });
  const pattern = tagPattern(options);
  const report: CleanupReport = {};
  const count = (model: string): CleanupCount => (report[model] ??= { found: 0, cancelled: 0, deleted: 0, archived: 0, kept: 0 });
  const nothing = { context: { active_test: false } };

  const orders = await client.call<Array<{ id: number; name: string; state: string }>>('sale.order', 'search_read', [[['client_order_ref', '=like', pattern]]], { fields: ['name', 'state'] });
  const purchases = await client.call<Array<{ id: number; name: string; state: string }>>('purchase.order', 'search_read', [['|', ['origin', '=like', pattern], ['partner_ref', '=like', pattern]]], {
    fields: ['name', 'state'],
  });

  // 1. Payments.
  const payments = await client.call<Array<{ id: number; state: string }>>('account.payment', 'search_read', [[['ref', '=like', pattern]]], { fields: ['state'] });
  const payment = count('account.payment');
  payment.found = payments.length;
  const livePayments = payments.filter((p) => p.state !== 'cancel').map((p) => p.id);
  await each(client, livePayments, async (ids) => {
    await client.call('account.payment', 'action_draft', [ids]);
    await client.call('account.payment', 'action_cancel', [ids]);
    payment.cancelled += ids.length;
  }, payment);

  // 2. Invoices and bills.
  const origins = orders.map((o) => o.name).concat(purchases.map((p) => p.name));
  const moveDomain = origins.length > 0 ? ['|', ['ref', '=like', pattern], ['invoice_origin', 'in', origins]] : [['ref', '=like', pattern]];
  const moves = await client.call<Array<{ id: number; state: string }>>('account.move', 'search_read', [[...moveDomain, ['move_type', '!=', 'entry']]], { fields: ['state'] });
  const move = count('account.move');
  move.found = moves.length;
  await each(client, moves.filter((m) => m.state !== 'cancel').map((m) => m.id), async (ids) => {
    const rows = await client.call<Array<{ id: number; state: string }>>('account.move', 'read', [ids, ['state']]);
    const posted = rows.filter((r) => r.state === 'posted').map((r) => r.id);
    if (posted.length > 0) await client.call('account.move', 'button_draft', [posted]);
    await client.call('account.move', 'button_cancel', [ids]);
    move.cancelled += ids.length;
  }, move);

  // 3. Sales orders (their open deliveries are cancelled with them).
  const sale = count('sale.order');
  sale.found = orders.length;
  await each(client, orders.filter((o) => o.state !== 'cancel').map((o) => o.id), async (ids) => {
    await client.call('sale.order', 'action_cancel', [ids], { context: { disable_cancel_warning: true } });
    sale.cancelled += ids.length;
  }, sale);
  await each(client, await cancelledOf(client, 'sale.order', orders.map((o) => o.id)), async (ids) => {
    await client.call('sale.order', 'unlink', [ids]);
    sale.deleted += ids.length;
  }, { kept: 0 });

  // 4. Purchase orders.
  const purchase = count('purchase.order');
  purchase.found = purchases.length;
  await each(client, purchases.filter((p) => p.state !== 'cancel').map((p) => p.id), async (ids) => {
    await client.call('purchase.order', 'button_cancel', [ids]);
    purchase.cancelled += ids.length;
  }, purchase);
  await each(client, await cancelledOf(client, 'purchase.order', purchases.map((p) => p.id)), async (ids) => {
    await client.call('purchase.order', 'unlink', [ids]);
    purchase.deleted += ids.length;
  }, { kept: 0 });

  // 5–8. Master data.
  const orderpoints = await client.call<Array<{ id: number }>>('stock.warehouse.orderpoint', 'search_read', [[['name', '=like', pattern]]], { fields: ['id'], ...nothing });
  const orderpoint = count('stock.warehouse.orderpoint');
  orderpoint.found = orderpoints.length;
  await each(client, orderpoints.map((o) => o.id), async (ids) => {
    await client.call('stock.warehouse.orderpoint', 'unlink', [ids]);
    orderpoint.deleted += ids.length;
  }, orderpoint);

  await archive(client, 'product.template', [['default_code', '=like', pattern], ['active', '=', true]], count('product.template'));
  await archive(client, 'stock.location', [['name', '=like', pattern], ['active', '=', true]], count('stock.location'));
  await archive(client, 'res.partner', [['ref', '=like', pattern], ['active', '=', true]], count('res.partner'));
  return report;
}

async function cancelledOf(client: OdooClient, model: string, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await client.call<Array<{ id: number; state: string }>>(model, 'read', [ids, ['state']]);
  return rows.filter((r) => r.state === 'cancel').map((r) => r.id);
}

async function archive(client: OdooClient, model: string, domain: unknown[], tally: CleanupCount): Promise<void> {
  const rows = await client.call<Array<{ id: number }>>(model, 'search_read', [domain], { fields: ['id'] });
  tally.found = rows.length;
  await each(client, rows.map((r) => r.id), async (ids) => {
    await client.call(model, 'write', [ids, { active: false }]);
    tally.archived += ids.length;
  }, tally);
}

/**
 * `action` per batch; a batch refused with an Odoo user/validation/access error is retried record by
 * record, and records still refused are counted as kept. Other errors (network, server) propagate.
 */
async function each(client: OdooClient, ids: number[], action: (ids: number[]) => Promise<void>, tally: { kept: number }): Promise<void> {
  void client;
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    try {
      await action(batch);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      for (const id of batch) {
        try {
          await action([id]);
        } catch (single) {
          if (!isRefusal(single)) throw single;
          tally.kept += 1;
        }
      }
    }
  }
}

function isRefusal(error: unknown): boolean {
  return error instanceof OdooError && (error.kind === 'user_error' || error.kind === 'validation_error' || error.kind === 'access_error' || error.kind === 'missing_error');
}
