/**
 * The sales order form as the Odoo 17 web client drives it (test/fixtures/odoo17-webclient/
 * order-entry.json — 54 requests for a 5-line order): every edit is an `onchange` with the form's
 * current values, the changed field and the form's specification; an editable order line is a
 * line `onchange`, then the order's `onchange` on `order_line` with the lines as `[0, "virtual_N",
 * {…}]` commands; products are picked through `product.template.name_search` (empty when the cell
 * gets focus, then the typed text) and `get_single_product_variant`; Save is `web_save` with the
 * form's specification; a button is `call_button`, then `web_read` and the chatter's routes.
 *
 * The form's values start from the server's defaults (the first onchange) and absorb what every
 * onchange returns (many2one dicts become ids), as the web client's record model does.
 */
import type { OdooClient } from '../../../src/odoo/types.js';
import { pressButton } from '../common.js';
import { SALE_ORDER_FORM_SPEC, SALE_ORDER_LINE_ONCHANGE_SPEC, SALE_ORDER_LIST_SPEC, SALE_ORDER_ONCHANGE_SPEC } from './specs-17.js';
import { pruneSpec, viewsOf, type Specification, type UserContext } from './views.js';

type Values = Record<string, unknown>;

export interface OrderFormLine {
  productId: number;
  templateId: number;
  /** What the user types in the product cell. */
  term: string;
  quantity: number;
}

/** Merges an onchange's `value` into the form's values: many2one dicts become ids; x2many commands stay with the caller. */
export function absorb(values: Values, changed: unknown): void {
  if (typeof changed !== 'object' || changed === null) return;
  for (const [name, value] of Object.entries(changed as Values)) {
    if (Array.isArray(value)) continue;
    if (typeof value === 'object' && value !== null) {
      const id = (value as { id?: unknown }).id;
      values[name] = typeof id === 'number' ? id : false;
    } else values[name] = value;
  }
}

/** The form's specifications for this server (pruned to what its views describe). */
export interface OrderSpecs {
  list: Specification;
  onchange: Specification;
  form: Specification;
  line: Specification;
}

export async function orderSpecs(client: OdooClient, context: UserContext): Promise<OrderSpecs> {
  const fields = await viewsOf(client, 'sale.order', context);
  return {
    list: pruneSpec(SALE_ORDER_LIST_SPEC, 'sale.order', fields),
    onchange: pruneSpec(SALE_ORDER_ONCHANGE_SPEC, 'sale.order', fields),
    form: pruneSpec(SALE_ORDER_FORM_SPEC, 'sale.order', fields),
    line: pruneSpec(SALE_ORDER_LINE_ONCHANGE_SPEC, 'sale.order.line', fields),
  };
}

/** Sales → Quotations: the list's first page (and, as Odoo 17 shows it, the onboarding banner). */
export async function openQuotations(client: OdooClient, context: UserContext, specs: OrderSpecs): Promise<void> {
  await client.call('sale.order', 'web_search_read', [], {
    specification: specs.list,
    offset: 0,
    order: '',
    limit: 80,
    context: { ...context, bin_size: true, current_company_id: context.allowed_company_ids[0] },
    count_limit: 10001,
    domain: [['user_id', '=', context.uid]],
  });
  await client.callRoute?.('/onboarding/sale_quotation', { context });
}

/** A many2one's autocomplete: `name_search` with an empty text when the field gets focus, then with what was typed. */
export async function autocomplete(client: OdooClient, model: string, term: string, args: unknown[], context: Record<string, unknown>): Promise<void> {
  for (const name of ['', term]) await client.call(model, 'name_search', [], { name, operator: 'ilike', args, limit: 8, context });
}

/** The order form in progress: its values and its lines (virtual ids, values). */
export class OrderForm {
  readonly values: Values = {};
  readonly lines: Array<{ virtualId: string; values: Values }> = [];
  private nextVirtual = 1;
  /** The newest chatter message seen: a refresh asks only for later ones. */
  private lastMessageId = 0;

  constructor(
    private readonly client: OdooClient,
    private readonly context: UserContext,
    private readonly specs: OrderSpecs,
  ) {}

  /** Click New: the server's defaults. */
  async open(): Promise<void> {
    await this.orderOnchange([]);
  }

  /** Type the customer's name, pick it. */
  async pickCustomer(partnerId: number, term: string, autocompleteCompanies: boolean): Promise<void> {
    const partnerContext = { ...this.context, res_partner_search_mode: 'customer', show_address: 1, show_vat: true };
    const companies = ['|', ['company_id', '=', false], ['company_id', 'parent_of', this.context.allowed_company_ids]];
    await autocomplete(this.client, 'res.partner', term, companies, partnerContext);
    // partner_autocomplete's company lookup (the module is installed on most databases).
    if (autocompleteCompanies) await this.client.call('res.partner', 'autocomplete', [term], { context: this.context });
    this.values.partner_id = partnerId;
    await this.orderOnchange(['partner_id']);
  }

  /** Add a product line: new row, product picked, quantity typed, each edit an onchange of the line then of the order. */
  async addLine(line: OrderFormLine): Promise<void> {
    const virtualId = `virtual_${this.nextVirtual++}`;
    const row: Values = {};
    const productContext = { ...this.context, partner_id: this.values.partner_id ?? false, quantity: 1, company_id: this.context.allowed_company_ids[0] };
    await this.lineOnchange(row, [], {}, true);
    await autocomplete(this.client, 'product.template', line.term, [['sale_ok', '=', true]], productContext);
    await this.client.call('product.template', 'get_single_product_variant', [line.templateId], { context: productContext });
    await this.lineOnchange(row, ['product_id'], { product_template_id: line.templateId, product_id: line.productId });
    this.lines.push({ virtualId, values: row });
    await this.orderOnchange(['order_line']);
    await this.lineOnchange(row, ['product_uom_qty'], { product_uom_qty: line.quantity });
    await this.orderOnchange(['order_line']);
  }

  /** Save: `web_save` with the form's specification; the chatter opens on the new record. Returns the order id. */
  async save(extra: Values): Promise<number> {
    const vals: Values = {
      partner_id: this.values.partner_id,
      ...extra,
      order_line: this.lines.map((l, i) => [
        0,
        l.virtualId,
        { sequence: 10 + i, product_id: l.values.product_id, product_template_id: l.values.product_template_id, product_uom_qty: l.values.product_uom_qty ?? 1 },
      ]),
    };
    const saved = await this.client.call<Array<{ id: number }>>('sale.order', 'web_save', [[], vals], { context: this.context, specification: this.specs.form });
    const id = saved?.[0]?.id;
    if (typeof id !== 'number') throw new Error(`sale.order web_save returned no record: ${JSON.stringify(saved).slice(0, 200)}`);
    this.lastMessageId = await chatter(this.client, 'sale.order', id);
    return id;
  }

  /** A header button (e.g. Confirm): call_button, then the chatter's new messages, the record re-read, the chatter's data. */
  async button(orderId: number, method: string): Promise<unknown> {
    const result = await pressButton(this.client, 'sale.order', method, [orderId], { context: this.context });
    await this.client.callRoute?.('/mail/thread/messages', { thread_id: orderId, thread_model: 'sale.order', limit: 30, ...(this.lastMessageId > 0 ? { after: this.lastMessageId } : {}) });
    await this.client.call('sale.order', 'web_read', [[orderId]], { context: { ...this.context, bin_size: true }, specification: this.specs.form });
    await this.client.callRoute?.('/mail/thread/data', { request_list: ['followers', 'attachments', 'suggestedRecipients', 'activities'], thread_id: orderId, thread_model: 'sale.order' });
    return result;
  }

  /**
   * The order's onchange specification: once the form has values, the order lines' product fields
   * carry the context their view declares, evaluated on the order (`default_description_sale: name`).
   */
  private orderSpec(): Specification {
    const spec = this.specs.onchange;
    const lines = spec.order_line;
    if (this.values.name === undefined || lines?.fields === undefined) return spec;
    const context = { default_description_sale: this.values.name };
    const fields = { ...lines.fields };
    for (const name of ['product_id', 'product_template_id']) if (fields[name] !== undefined) fields[name] = { ...fields[name], context };
    return { ...spec, order_line: { ...lines, fields } };
  }

  /**
   * The line's onchange specification: its product fields carry the context of the line view
   * (sale_order_views.xml), evaluated on the row as it was before this edit and on its order —
   * keys whose value is still unknown are left out, as the web client's evaluation drops them.
   */
  private lineSpec(row: Values): Specification {
    const spec = this.specs.line;
    const base = { partner_id: this.values.partner_id, quantity: row.product_uom_qty, pricelist: this.values.pricelist_id, uom: row.product_uom, company_id: this.values.company_id };
    const contexts: Record<string, Values> = {
      product_id: { ...base, default_lst_price: row.price_unit, default_description_sale: row.name },
      product_template_id: { ...base, default_list_price: row.price_unit, default_description_sale: row.name },
    };
    const out: Specification = { ...spec };
    for (const [name, context] of Object.entries(contexts)) {
      const entry = spec[name];
      if (entry === undefined) continue;
      out[name] = { ...entry, context: Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) };
    }
    return out;
  }

  private lineCommands(): unknown[] {
    return this.lines.map((l) => [0, l.virtualId, l.values]);
  }

  private async orderOnchange(changed: string[]): Promise<void> {
    const values = changed.length === 0 ? {} : { ...this.values, order_line: this.lineCommands() };
    const result = await this.client.call<{ value?: unknown }>('sale.order', 'onchange', [[], values, changed, this.orderSpec()], { context: this.context });
    absorb(this.values, result?.value);
  }

  /**
   * A line edit: `edits` applied to the row, then the row's values with its order's (`order_id`) as
   * the editable list sends them; the specification is evaluated on the row before the edit.
   */
  private async lineOnchange(row: Values, changed: string[], edits: Values, fresh = false): Promise<void> {
    const spec = this.lineSpec(row);
    Object.assign(row, edits);
    const order = { ...this.values, order_line: this.lineCommands() };
    const values = fresh ? { order_id: order } : { ...row, order_id: order };
    const result = await this.client.call<{ value?: unknown }>('sale.order.line', 'onchange', [[], values, changed, spec], { context: this.context });
    absorb(row, result?.value);
  }
}

/** The chatter opening on a record: its data (followers, attachments, activities) and its last messages; returns the newest message id (0 without one). */
export async function chatter(client: OdooClient, model: string, id: number): Promise<number> {
  await client.callRoute?.('/mail/thread/data', { request_list: ['followers', 'attachments', 'suggestedRecipients', 'activities'], thread_id: id, thread_model: model });
  const result = await client.callRoute?.<{ messages?: Array<{ id?: unknown }> }>('/mail/thread/messages', { thread_id: id, thread_model: model, limit: 30 });
  return Math.max(0, ...(result?.messages ?? []).map((m) => (typeof m.id === 'number' ? m.id : 0)));
}
