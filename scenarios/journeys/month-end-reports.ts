/**
 * Month-end reports: the controller's grouped reads at closing (web session, read-only): the
 * read_group family of docs/ODOO-PROTOCOL.md "Month-end reads", as the pivot and graph views send them.
 *
 *   trial-balance        account.move.line.read_group([[parent_state = posted]], ['balance:sum', 'debit:sum', 'credit:sum'], ['account_id'], {lazy: false})
 *   balance-by-month     account.move.line.read_group([[parent_state = posted]], ['balance:sum'], ['account_id', 'date:month'], {lazy: false})
 *   aged-receivable      account.move.line.web_read_group([[account_type = asset_receivable, reconciled = false, parent_state = posted]], ['amount_residual:sum'], ['partner_id'], {lazy: false, limit: 80})
 *   stock-valuation      stock.valuation.layer.read_group([[]], ['value:sum', 'quantity:sum'], ['product_id'], {lazy: false})
 *   stock-by-location    stock.quant.read_group([[location_id.usage = internal]], ['quantity:sum', 'reserved_quantity:sum'], ['location_id', 'product_id'], {lazy: false})
 *   moves-by-day         stock.move.read_group([[state = done]], ['product_qty:sum'], ['picking_type_id', 'date:day'], {lazy: false})
 *   sales-by-month       sale.report.read_group([[state = sale]], ['price_total:sum', 'product_uom_qty:sum'], ['date:month'], {lazy: false})
 */
import type { OdooClient } from '../../src/odoo/types.js';
import type { Journey, JourneyContext } from './types.js';

const NAME = 'month-end-reports';

export const MONTH_END_REPORTS_STEPS = ['trial-balance', 'balance-by-month', 'aged-receivable', 'stock-valuation', 'stock-by-location', 'moves-by-day', 'sales-by-month'] as const;

type Report = [step: (typeof MONTH_END_REPORTS_STEPS)[number], model: string, method: 'read_group' | 'web_read_group', domain: unknown[], fields: string[], groupby: string[], extra?: Record<string, unknown>];

/** The reports in the order a controller opens them. */
export const REPORTS: readonly Report[] = [
  ['trial-balance', 'account.move.line', 'read_group', [['parent_state', '=', 'posted']], ['balance:sum', 'debit:sum', 'credit:sum'], ['account_id']],
  ['balance-by-month', 'account.move.line', 'read_group', [['parent_state', '=', 'posted']], ['balance:sum'], ['account_id', 'date:month']],
  [
    'aged-receivable',
    'account.move.line',
    'web_read_group',
    [['account_type', '=', 'asset_receivable'], ['reconciled', '=', false], ['parent_state', '=', 'posted']],
    ['amount_residual:sum'],
    ['partner_id'],
    { limit: 80 },
  ],
  ['stock-valuation', 'stock.valuation.layer', 'read_group', [], ['value:sum', 'quantity:sum'], ['product_id']],
  ['stock-by-location', 'stock.quant', 'read_group', [['location_id.usage', '=', 'internal']], ['quantity:sum', 'reserved_quantity:sum'], ['location_id', 'product_id']],
  ['moves-by-day', 'stock.move', 'read_group', [['state', '=', 'done']], ['product_qty:sum'], ['picking_type_id', 'date:day']],
  ['sales-by-month', 'sale.report', 'read_group', [['state', '=', 'sale']], ['price_total:sum', 'product_uom_qty:sum'], ['date:month']],
];

export const monthEndReports: Journey<undefined> = {
  name: NAME,
  description: "The controller's month-end grouped reads: trial balance, balances by month, aged receivables, stock valuation and movements, sales by month.",
  transport: 'web',
  steps: MONTH_END_REPORTS_STEPS,
  modules: ['account', 'stock_account', 'sale'],

  async run(ctx: JourneyContext<undefined>): Promise<void> {
    const client: OdooClient = ctx.client;
    for (const [step, model, method, domain, fields, groupby, extra] of REPORTS) {
      await ctx.step(step, () => client.call(model, method, [domain, fields, groupby], { lazy: false, ...extra }));
    }
  },
};
