/**
 * The quotation form of Sales as a sales rep fills it (test/fixtures/odoo17-webclient/order-entry.json):
 *
 *   open           sale.order.onchange([], {}, [], spec)                                   → defaults
 *   customer       res.partner.name_search("" / typed) (+ res.partner.autocomplete(typed) with
 *                  partner_autocomplete), sale.order.onchange(values, ["partner_id"])
 *   add a line     sale.order.line.onchange([], {order_id: parent}, [], line spec)          "Add a product"
 *                  product.template.name_search("" / typed), get_single_product_variant(template),
 *                  sale.order.line.onchange(line, ["product_id"]), sale.order.onchange(values, ["order_line"])
 *   quantity       sale.order.line.onchange(line, ["product_uom_qty"]), sale.order.onchange(values, ["order_line"])
 *   save           sale.order.web_save([], vals, {specification}) + chatter
 *   confirm        call_button action_confirm, chatter messages, web_read, chatter data
 *
 * A line's values travel to the line onchange with the order under `order_id` (the order's saved
 * fields, its lines as `[0, "virtual_N", {saved line fields}]` as they were before the edit), and to
 * the order onchange as `[0, "virtual_N", {all line values}]`. The field contexts of
 * sale/views/sale_order_views.xml are evaluated on the record before the edit (./onchange.ts
 * partialContext): that is how the recorded contexts come out.
 */
import { JourneyError, journeyMessages } from '../errors.js';
import { autocomplete } from './autocomplete.js';
import { pressAndReload } from './buttons.js';
import { openThread } from './chatter.js';
import { FormRecord, onchange, partialContext } from './onchange.js';
import { saveForm } from './save.js';
import { virtualId } from './session.js';
import { filterNames, filterSpec, recordedForm, type Specification } from './specs.js';
import { userContext, type Web } from './web.js';

const ORDER = 'sale.order';
const LINE = 'sale.order.line';

/** sale_order_views.xml: the contexts of the order line's product_id, product_template_id and product_uom_qty. */
const PRODUCT_CONTEXT: ReadonlyArray<readonly [string, string]> = [
  ['partner_id', 'parent.partner_id'], ['quantity', 'product_uom_qty'], ['pricelist', 'parent.pricelist_id'], ['uom', 'product_uom'],
  ['company_id', 'parent.company_id'], ['default_lst_price', 'price_unit'], ['default_description_sale', 'name'],
];
const TEMPLATE_CONTEXT: ReadonlyArray<readonly [string, string]> = PRODUCT_CONTEXT.map(([key, path]) => [key === 'default_lst_price' ? 'default_list_price' : key, path] as const);
const QUANTITY_CONTEXT: ReadonlyArray<readonly [string, string]> = PRODUCT_CONTEXT.slice(0, 5);
/** 16: the fields whose change runs an onchange (marked "1" in field_onchange). */
const ONCHANGE_FIELDS = ['partner_id', 'order_line', 'order_line.product_id', 'order_line.product_template_id', 'order_line.product_uom_qty'];
const LINE_ONCHANGE_FIELDS = ['product_id', 'product_template_id', 'product_uom_qty'];

export interface Customer {
  id: number;
  /** What the rep types in the Customer field. */
  term: string;
}

export interface LineInput {
  /** product.template id of the product (the line's product_template_id field searches templates). */
  templateId: number;
  /** What the rep types in the Product cell. */
  term: string;
  quantity: number;
}

interface Line {
  virtualId: string;
  record: FormRecord;
  /** The line's saved fields as the parent last knew them (what `order_id.order_line` carries). */
  committed: Record<string, unknown>;
}

/** A quotation being entered in the form. */
export class QuotationForm {
  private readonly lines: Line[] = [];
  id: number | undefined;

  private constructor(
    private readonly web: Web,
    readonly order: FormRecord,
  ) {}

  /** "New": the empty form's defaults. */
  static async open(web: Web): Promise<QuotationForm> {
    const form = recordedForm(ORDER);
    const order = new FormRecord(ORDER, filterNames(form.values || [], ORDER, web.session.fields), web.session.fields);
    const quotation = new QuotationForm(web, order);
    const spec = quotation.orderSpec({});
    order.apply(await onchange(web, { model: ORDER, ids: [], values: {}, changed: [], spec, context: userContext(web), onchangeFields: ONCHANGE_FIELDS }));
    return quotation;
  }

  /** The order's onchange specification, its line contexts evaluated on `values`. */
  private orderSpec(values: Record<string, unknown>): Specification {
    const spec = filterSpec(recordedForm(ORDER).onchange || {}, ORDER, this.web.session.fields);
    const lines = spec.order_line && spec.order_line.fields;
    if (lines) setContexts(lines, partialContext(PRODUCT_CONTEXT, values), partialContext(TEMPLATE_CONTEXT, values));
    return spec;
  }

  private lineSpec(before: Record<string, unknown>): Specification {
    const spec = filterSpec(recordedForm(LINE).onchange || {}, LINE, this.web.session.fields);
    const parent = this.order.values;
    setContexts(spec, partialContext(PRODUCT_CONTEXT, before, parent), partialContext(TEMPLATE_CONTEXT, before, parent));
    return spec;
  }

  private partnerContext(): Record<string, unknown> {
    const entry = (recordedForm(ORDER).onchange || {}).partner_id;
    return (entry && entry.context) || {};
  }

  /** The order's values with its lines as the order onchange sends them. */
  private orderValues(): Record<string, unknown> {
    const values = this.order.all();
    if ('order_line' in values) values.order_line = this.lines.map((line) => [0, line.virtualId, line.record.all()]);
    return values;
  }

  /** The order's saved fields with the lines' committed copies (a line onchange's `order_id`, and web_save's vals). */
  private parentValues(lines: ReadonlyArray<Record<string, unknown>>): Record<string, unknown> {
    const values = this.order.pick(filterNames(recordedForm(ORDER).saved || [], ORDER, this.web.session.fields));
    if ('order_line' in values) values.order_line = lines.map((saved, i) => [0, (this.lines[i] as Line).virtualId, saved]);
    return values;
  }

  private async orderOnchange(changed: string, extraContext?: Record<string, unknown>): Promise<void> {
    const values = this.orderValues();
    this.order.apply(
      await onchange(this.web, { model: ORDER, ids: [], values, changed: [changed], spec: this.orderSpec(values), context: userContext(this.web, extraContext), onchangeFields: ONCHANGE_FIELDS }),
    );
  }

  /** Types the customer's name, picks the customer, and lets the form fill in terms and addresses. */
  async setCustomer(customer: Customer, partnerAutocomplete: boolean): Promise<void> {
    const web = this.web;
    const context = this.partnerContext();
    const found = await autocomplete(web, 'res.partner', customer.term, ['|', ['company_id', '=', false], ['company_id', 'parent_of', [web.session.companyId]]], context);
    if (partnerAutocomplete) await web.client.call('res.partner', 'autocomplete', [customer.term], { context: userContext(web) });
    const pick = found.filter((row) => row[0] === customer.id)[0] || found[0];
    this.order.set('partner_id', pick ? pick[0] : customer.id);
    await this.orderOnchange('partner_id', context);
  }

  /** "Add a product", type it, pick it; the line and the order are recomputed. */
  async addLine(input: LineInput): Promise<void> {
    const web = this.web;
    const names = filterNames(recordedForm(LINE).values || [], LINE, web.session.fields);
    const line: Line = { virtualId: virtualId(web.session), record: new FormRecord(LINE, names, web.session.fields), committed: {} };
    const parent = this.parentValues(this.lines.map((l) => l.committed));
    line.record.apply(await onchange(web, { model: LINE, ids: [], values: { order_id: parent }, changed: [], spec: this.lineSpec({}), context: userContext(web), onchangeFields: LINE_ONCHANGE_FIELDS }));
    this.lines.push(line);

    const templateContext = partialContext(TEMPLATE_CONTEXT, line.record.values, this.order.values);
    const found = await autocomplete(web, 'product.template', input.term, [['sale_ok', '=', true]], templateContext);
    const pick = found.filter((row) => row[0] === input.templateId)[0] || found[0];
    const templateId = pick ? pick[0] : input.templateId;
    const variant = await web.client.call<{ product_id?: number } | null>('product.template', 'get_single_product_variant', [templateId], { context: userContext(web, templateContext) });
    const productId = variant && typeof variant.product_id === 'number' ? variant.product_id : undefined;
    if (productId === undefined) {
      throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply('web client', 'add a line', `product.template ${templateId} has several variants (get_single_product_variant gave no product_id): the product configurator would open`));
    }
    line.record.set('product_template_id', templateId);
    await this.lineOnchange(line, 'product_id', productId, PRODUCT_CONTEXT);
    if (input.quantity !== line.record.get('product_uom_qty')) await this.lineOnchange(line, 'product_uom_qty', input.quantity, QUANTITY_CONTEXT);
  }

  /** One cell edit of `line`: the line onchange with the parent as it was, then the order onchange. */
  private async lineOnchange(line: Line, field: string, value: unknown, fieldContext: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const web = this.web;
    const before = line.record.all();
    const committed = this.lines.map((l) => (l === line ? savedLine(line.record, web) : l.committed));
    line.record.set(field, value);
    const values = { ...line.record.all(), order_id: this.parentValues(committed) };
    const context = userContext(web, partialContext(fieldContext, before, this.order.values));
    line.record.apply(await onchange(web, { model: LINE, ids: [], values, changed: [field], spec: this.lineSpec(before), context, onchangeFields: LINE_ONCHANGE_FIELDS }));
    line.committed = savedLine(line.record, web);
    await this.orderOnchange('order_line');
  }

  /** Save: web_save creates the order (the run's tag in the customer reference), then its chatter loads. */
  async save(tag: string): Promise<number> {
    const web = this.web;
    this.order.set('client_order_ref', tag);
    const vals = this.parentValues(this.lines.map((l) => l.committed));
    vals.client_order_ref = tag;
    const record = await saveForm(web, ORDER, undefined, vals, recordedForm(ORDER).read || {});
    this.id = record.id;
    await openThread(web, ORDER, record.id);
    return record.id;
  }

  /** Confirm: action_confirm (call_button), then the chatter refresh and the record read again. */
  async confirm(): Promise<Record<string, unknown>> {
    const id = this.id;
    if (id === undefined) throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply('web client', 'confirm', 'the order was not saved'));
    const { record } = await pressAndReload(this.web, { model: ORDER, id, spec: recordedForm(ORDER).read || {} }, 'action_confirm', { validate_analytic: true });
    return record;
  }
}

/** The saved fields of a line (plus qty_delivered while it is editable: qty_delivered_method 'manual'). */
function savedLine(record: FormRecord, web: Web): Record<string, unknown> {
  const names = filterNames(recordedForm(LINE).saved || [], LINE, web.session.fields);
  if (record.get('qty_delivered_method') === 'manual' && names.indexOf('qty_delivered') < 0) {
    const at = names.indexOf('product_uom_qty');
    names.splice(at < 0 ? names.length : at + 1, 0, 'qty_delivered');
  }
  return record.pick(names);
}

/** Puts the evaluated contexts on a line specification's product fields (none when empty). */
function setContexts(lineFields: Specification, product: Record<string, unknown>, template: Record<string, unknown>): void {
  for (const [name, context] of [['product_id', product], ['product_template_id', template]] as const) {
    const entry = lineFields[name];
    if (!entry) continue;
    if (Object.keys(context).length > 0) entry.context = context;
    else delete entry.context;
  }
}
