/**
 * Replenishment: a buyer works the replenishment report — order a product from its reordering
 * rule, then confirm the RFQ the procurement made (web session).
 *
 *   find-orderpoint  stock.warehouse.orderpoint.search_read([[id = op]], {fields: ['product_id', 'qty_forecast', 'qty_to_order', …]})
 *   set-quantity     stock.warehouse.orderpoint.write([[op], {qty_to_order: q}])
 *   replenish        stock.warehouse.orderpoint.action_replenish([[op]])   ("Order Once": runs the procurement → buy rule → RFQ)
 *                    (params.mode = 'scheduler': procurement.group.run_scheduler([]) instead — the nightly job, heavy)
 *   find-rfqs        purchase.order.line.search_read([[orderpoint_id = op, state = draft]], {fields: ['order_id']})
 *   confirm-rfqs     purchase.order.write([ids, {partner_ref: tag}]) + purchase.order.button_confirm([ids])
 *
 * The reordering rules are prepare's (`name =like 'oc-data-OP%'`, trigger manual, route Buy, a
 * vendor on each product), else any rule whose product has a vendor.
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { between, DATA_TAG, noData, pickOne, pressButton, runTag, searchIds, choiceParam } from './common.js';
import type { Journey, JourneyContext, JourneyParam } from './types.js';

const NAME = 'replenishment';

const REPLENISHMENT_PARAMS = {
  mode: { kind: 'choice', values: ['button', 'scheduler'], default: 'button', about: "'button': the planner's Order Once on one rule; 'scheduler': the nightly run_scheduler" },
} as const satisfies Record<string, JourneyParam>;

export const REPLENISHMENT_STEPS = ['find-orderpoint', 'set-quantity', 'replenish', 'find-rfqs', 'confirm-rfqs'] as const;

export interface ReplenishmentData {
  orderpointIds: number[];
}

export const replenishment: Journey<ReplenishmentData> = {
  name: NAME,
  description: 'A buyer orders a product from its reordering rule and confirms the resulting RFQ.',
  transport: 'web',
  steps: REPLENISHMENT_STEPS,
  modules: ['purchase_stock', 'stock'],
  params: REPLENISHMENT_PARAMS,

  async setup(client: OdooClient): Promise<ReplenishmentData> {
    let orderpointIds = await searchIds(client, 'stock.warehouse.orderpoint', [['name', '=like', `${DATA_TAG}-OP%`]]);
    if (orderpointIds.length === 0) orderpointIds = await searchIds(client, 'stock.warehouse.orderpoint', [['product_id.seller_ids', '!=', false]]);
    if (orderpointIds.length === 0) throw noData(NAME, 'reordering rules', "stock.warehouse.orderpoint named 'oc-data-OP…' or for a product with a vendor");
    return { orderpointIds };
  },

  async run(ctx: JourneyContext<ReplenishmentData>): Promise<void> {
    const { client, shared } = ctx;
    const orderpointId = pickOne(shared.orderpointIds, ctx.random, NAME);
    const scheduler = choiceParam(ctx, REPLENISHMENT_PARAMS, 'mode') === 'scheduler';

    await ctx.step('find-orderpoint', () =>
      client.call('stock.warehouse.orderpoint', 'search_read', [[['id', '=', orderpointId]]], {
        fields: ['product_id', 'location_id', 'qty_on_hand', 'qty_forecast', 'qty_to_order', 'product_min_qty', 'product_max_qty', 'route_id'],
        limit: 1,
      }),
    );
    await ctx.step('set-quantity', () => client.call('stock.warehouse.orderpoint', 'write', [[orderpointId], { qty_to_order: between(10, 100, ctx.random) }]));
    await ctx.step('replenish', () =>
      scheduler ? client.call('procurement.group', 'run_scheduler', []) : pressButton(client, 'stock.warehouse.orderpoint', 'action_replenish', [orderpointId]),
    );
    const rfqIds = await ctx.step('find-rfqs', async () => {
      const lines = await client.call<Array<{ order_id: [number, string] | false }>>('purchase.order.line', 'search_read', [[['orderpoint_id', '=', orderpointId], ['state', '=', 'draft']]], {
        fields: ['order_id'],
      });
      const ids: number[] = [];
      for (const line of lines) if (line.order_id && ids.indexOf(line.order_id[0]) < 0) ids.push(line.order_id[0]);
      return ids;
    });
    // Another virtual user may have confirmed the same vendor's RFQ in between: nothing left is fine.
    if (rfqIds.length === 0) return;
    await ctx.step('confirm-rfqs', async () => {
      await client.call('purchase.order', 'write', [rfqIds, { partner_ref: runTag(ctx.tag) }]);
      await pressButton(client, 'purchase.order', 'button_confirm', rfqIds);
    });
  },
};
