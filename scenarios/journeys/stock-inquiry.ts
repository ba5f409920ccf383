/**
 * Stock inquiry: "how many do we have?" in the web client (test/fixtures/odoo17-webclient/stock-inquiry.json,
 * 11 requests):
 *
 *   open-inventory  Inventory: stock.picking.type.web_search_read (the overview kanban)
 *   open-products   Products: product.template.web_search_read (kanban, storable and consumable)
 *   per product (`params.productsPerInquiry`, default 1):
 *   search-product  the code in the search bar: web_search_read with ["&", <domain>, "|", "|", "|",
 *                   default_code, product_variant_ids.default_code, name, barcode ilike]
 *   open-product    the card: product.template.web_read + /mail/thread/data + /mail/thread/messages
 *   on-hand         the On Hand button: call_button action_update_quantity_on_hand → the Change Product
 *                   Quantity dialog: stock.change.product.qty.onchange([], {}, [], spec) (its views once)
 *   back            Discard: /mail/thread/messages(after), product.template.web_read, /mail/thread/data
 *
 * The first time in a VU's session each action and its views load (/web/action/load, get_views).
 */
import { noData, param, pickOne } from './common.js';
import { loadProducts, type SaleProduct } from './order-entry.js';
import type { Journey, JourneyContext, JourneyParam } from './types.js';
import { pressButton } from './web-client/buttons.js';
import { threadData, threadMessages } from './web-client/chatter.js';
import { buttonActionContext, openForm, openMenu, searchMenu, type OpenedList } from './web-client/navigation.js';
import { onchange } from './web-client/onchange.js';
import { readForm } from './web-client/records.js';
import { loadViews, type WindowActionData } from './web-client/session.js';
import { filterSpec, recordedForm } from './web-client/specs.js';
import { openWeb, userContext, type Web } from './web-client/web.js';

const NAME = 'stock-inquiry';

const INQUIRY_PARAMS = {
  productsPerInquiry: { kind: 'count', default: 1, about: 'products looked up per iteration' },
} as const satisfies Record<string, JourneyParam>;

export const STOCK_INQUIRY_STEPS = ['open-inventory', 'open-products', 'search-product', 'open-product', 'on-hand', 'back'] as const;

export interface StockInquiryData {
  products: SaleProduct[];
}

/** product.template's search view, default filter (product_views.xml `filter_domain` of `name`). */
export function productSearchDomain(text: string): unknown[] {
  return ['|', '|', '|', ['default_code', 'ilike', text], ['product_variant_ids.default_code', 'ilike', text], ['name', 'ilike', text], ['barcode', 'ilike', text]];
}

const TEMPLATE = 'product.template';

export const stockInquiry: Journey<StockInquiryData> = {
  name: NAME,
  description: 'Someone looks a product up in Inventory, opens it with its chatter and checks the quantity on hand (web client).',
  transport: 'web',
  steps: STOCK_INQUIRY_STEPS,
  modules: ['stock'],
  params: INQUIRY_PARAMS,

  async setup(client) {
    const products = await loadProducts(client, NAME);
    if (products.length === 0) throw noData(NAME, 'products', 'storable product.product');
    return { products };
  },

  async run(ctx: JourneyContext<StockInquiryData>): Promise<void> {
    const count = Math.max(1, param(ctx, INQUIRY_PARAMS, 'productsPerInquiry'));
    const chosen: SaleProduct[] = [];
    for (let i = 0; i < count; i += 1) chosen.push(pickOne(ctx.shared.products, ctx.random, NAME));
    const web = await openWeb(ctx);
    await ctx.step('open-inventory', () => openMenu(web, 'stock.stock_picking_type_action'));
    const products = await ctx.step('open-products', () => openMenu(web, 'stock.product_template_action_product'));
    for (const product of chosen) await inquire(ctx, web, products, product);
  },
};

async function inquire(ctx: JourneyContext<StockInquiryData>, web: Web, products: OpenedList, product: SaleProduct): Promise<void> {
  const found = await ctx.step('search-product', () => searchMenu(web, products, productSearchDomain(product.term)));
  const id = found.page.records[0] ? found.page.records[0].id : product.templateId;
  const spec = recordedForm(TEMPLATE).read || {};
  await ctx.step('open-product', () => openForm(web, TEMPLATE, id, spec, products.context));
  await ctx.step('on-hand', async () => {
    const action = await pressButton<WindowActionData | false>(web, TEMPLATE, 'action_update_quantity_on_hand', id, products.context);
    if (!action || action.res_model !== 'stock.change.product.qty') return;
    await loadViews(web.client, web.session, action.res_model, action, { dialog: true, views: action.views });
    const model = action.res_model;
    await onchange(web, {
      model, ids: [], values: {}, changed: [], spec: filterSpec(recordedForm(model).onchange || {}, model, web.session.fields),
      context: userContext(web, buttonActionContext(action, { model: TEMPLATE, id })),
    });
  });
  await ctx.step('back', async () => {
    await threadMessages(web, TEMPLATE, id, true);
    await readForm(web, TEMPLATE, id, spec, products.context);
    await threadData(web, TEMPLATE, id);
  });
}
