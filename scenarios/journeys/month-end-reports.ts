/**
 * Month-end reports: the controller's grouped reads at closing, as the web client's pivot, graph and
 * grouped list views send them (web session, read-only; the read_group family of docs/ODOO-PROTOCOL.md
 * "Month-end reads"):
 *
 *   pivot   one read_group per cell block of the expanded table (pivot_model.js `_getGroupSubdivision`):
 *           rows R and columns C give groupby R[:i] + C[:j] for every i ≤ |R|, j ≤ |C|, each
 *           model.read_group([], {lazy: false, context, domain, fields, groupby}) (orm_service.js `readGroup`)
 *   graph   one read_group with every groupby
 *   list    grouped: model.web_read_group([], {orderby, lazy: true, offset, limit: 80, context, groupby, domain, fields})
 *           (relational_model.js `_webReadGroup`; Odoo 17's web_read_group takes no `expand`, 16's did
 *           and its web client sent `expand: false` — a real Odoo 17 refuses the call with it)
 *
 * Each report's view opens once per VU session (`get_views` with its pivot/graph/list and search views).
 *
 *   trial-balance        account.move.line pivot, rows account_id: balance, debit, credit (posted)
 *   balance-by-month     account.move.line pivot, rows account_id × columns date:month: balance
 *   aged-receivable      account.move.line list grouped by partner_id: amount_residual (open receivables)
 *   stock-valuation      stock.valuation.layer pivot, rows product_id: value, quantity
 *   stock-by-location    stock.quant pivot, rows location_id × columns product_id (internal locations)
 *   moves-by-day         stock.move graph by picking_type_id, date:day (done moves)
 *   sales-by-month       sale.report graph by date:month (confirmed sales)
 */
import type { Journey, JourneyContext } from './types.js';
import { loadViews } from './web-client/session.js';
import { openWeb, userContext, type Web } from './web-client/web.js';

const NAME = 'month-end-reports';

export const MONTH_END_REPORTS_STEPS = ['trial-balance', 'balance-by-month', 'aged-receivable', 'stock-valuation', 'stock-by-location', 'moves-by-day', 'sales-by-month'] as const;

export interface Report {
  step: (typeof MONTH_END_REPORTS_STEPS)[number];
  model: string;
  view: 'pivot' | 'graph' | 'list';
  domain: unknown[];
  measures: string[];
  rows: string[];
  cols?: string[];
}

/** The reports in the order a controller opens them. */
export const REPORTS: readonly Report[] = [
  { step: 'trial-balance', model: 'account.move.line', view: 'pivot', domain: [['parent_state', '=', 'posted']], measures: ['balance:sum', 'debit:sum', 'credit:sum'], rows: ['account_id'] },
  { step: 'balance-by-month', model: 'account.move.line', view: 'pivot', domain: [['parent_state', '=', 'posted']], measures: ['balance:sum'], rows: ['account_id'], cols: ['date:month'] },
  {
    step: 'aged-receivable', model: 'account.move.line', view: 'list',
    domain: [['account_type', '=', 'asset_receivable'], ['reconciled', '=', false], ['parent_state', '=', 'posted']], measures: ['amount_residual:sum'], rows: ['partner_id'],
  },
  { step: 'stock-valuation', model: 'stock.valuation.layer', view: 'pivot', domain: [], measures: ['value:sum', 'quantity:sum'], rows: ['product_id'] },
  { step: 'stock-by-location', model: 'stock.quant', view: 'pivot', domain: [['location_id.usage', '=', 'internal']], measures: ['quantity:sum', 'reserved_quantity:sum'], rows: ['location_id'], cols: ['product_id'] },
  { step: 'moves-by-day', model: 'stock.move', view: 'graph', domain: [['state', '=', 'done']], measures: ['product_qty:sum'], rows: ['picking_type_id', 'date:day'] },
  { step: 'sales-by-month', model: 'sale.report', view: 'graph', domain: [['state', '=', 'sale']], measures: ['price_total:sum', 'product_uom_qty:sum'], rows: ['date:month'] },
];

/** The read_group calls of one report, in the order the view sends them. */
export async function runReport(web: Web, report: Report): Promise<void> {
  const { client } = web;
  await loadViews(client, web.session, report.model, {}, { views: [[false, report.view], [false, report.view === 'list' ? 'form' : report.view === 'pivot' ? 'graph' : 'pivot']] });
  const context = userContext(web);
  if (report.view === 'list') {
    await client.call(report.model, 'web_read_group', [], {
      orderby: '', lazy: true, ...(web.version === 16 ? { expand: false } : {}), offset: 0, limit: 80, context, groupby: report.rows, domain: report.domain, fields: report.measures,
    });
    return;
  }
  const groupbys: string[][] = [];
  if (report.view === 'graph') groupbys.push(report.rows);
  else {
    const cols = report.cols || [];
    for (let i = 0; i <= report.rows.length; i += 1) for (let j = 0; j <= cols.length; j += 1) groupbys.push([...report.rows.slice(0, i), ...cols.slice(0, j)]);
  }
  for (const groupby of groupbys) {
    await client.call(report.model, 'read_group', [], { lazy: false, context, domain: report.domain, fields: report.measures, groupby });
  }
}

export const monthEndReports: Journey<undefined> = {
  name: NAME,
  description: "The controller's month-end pivots and graphs: trial balance, balances by month, aged receivables, stock valuation and movements, sales by month (web client).",
  transport: 'web',
  steps: MONTH_END_REPORTS_STEPS,
  modules: ['account', 'stock_account', 'sale'],

  async run(ctx: JourneyContext<undefined>): Promise<void> {
    const web = await openWeb(ctx);
    for (const report of REPORTS) await ctx.step(report.step, () => runReport(web, report));
  },
};
