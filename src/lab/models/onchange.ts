/**
 * `onchange(ids, values, field_names, fields_spec)` (odoo/models.py 17.0) as the lab answers it:
 * with no field names the new record's defaults for every field of the specification, else the
 * fields the change recomputes — read from the database as Odoo's onchange methods do (the partner's
 * terms, the product's price and stock, the order's totals). Relational values come back in the
 * specification's shape (`{id}` or `{id, display_name}`); the cost is calibrated per changed field
 * (`<model>.onchange:<field>`, ../calibration.json).
 */
import { LAB_IDS } from '../ids.js';
import { LAB_JOURNALS } from './account.js';
import { PythonException, pythonRepr } from './errors.js';
import { argument } from './orm.js';
import { productDisplayName } from './product.js';
import type { Env, ModelDef } from './types.js';
import { recordedFieldType } from './web-views.js';

type Spec = Record<string, { fields?: Spec } | undefined>;
type Values = Record<string, unknown>;
type Handler = {
  defaults?(env: Env, values: Values): Promise<Values>;
  changed?: Record<string, (env: Env, values: Values) => Promise<Values>>;
};

const NOW = `to_char(now() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;

/** The empty value of a field of `model` (its type from the lab or from the recorded views). */
export function emptyValue(model: ModelDef, name: string): unknown {
  const type = model.fields[name]?.type ?? recordedFieldType(model.name, name);
  if (type === 'one2many' || type === 'many2many') return [];
  if (type === 'integer' || type === 'float' || type === 'monetary') return 0;
  return false;
}

/** A many2one value as the specification asks for it: `{id}` or `{id, display_name}`, or false. */
async function relational(env: Env, relation: string, id: unknown, entry: { fields?: Spec } | undefined): Promise<unknown> {
  if (typeof id !== 'number' || !id) return false;
  if (!entry?.fields || !('display_name' in entry.fields)) return { id };
  const target = env.model(relation);
  if (!target) return { id };
  const t = target.table;
  const row = await env.cr.query<{ dn: string | null }>(`SELECT ${target.displayName(t)} AS dn FROM ${t} ${t} WHERE ${t}.id = $1`, [id]);
  return { id, display_name: row.rows[0]?.dn ?? '' };
}

/** `values` restricted to the specification, many2one ids turned into their specification's shape. */
async function shaped(env: Env, model: ModelDef, spec: Spec, values: Values): Promise<Values> {
  const out: Values = {};
  for (const name of Object.keys(values)) {
    if (!(name in spec)) continue;
    const field = model.fields[name];
    const relation = field?.type === 'many2one' ? field.relation : undefined;
    out[name] = relation && typeof values[name] === 'number' ? await relational(env, relation, values[name], spec[name]) : values[name];
  }
  return out;
}

function lineCommands(value: unknown): Values[] {
  if (!Array.isArray(value)) return [];
  return value.filter((c): c is [number, unknown, Values] => Array.isArray(c) && c[0] === 0 && typeof c[2] === 'object' && c[2] !== null).map((c) => c[2]);
}

function totals(amount: number): Values {
  const money = `$ ${amount.toFixed(2)}`;
  return {
    amount_untaxed: amount, amount_total: amount, formatted_amount_total: money, formatted_amount_untaxed: money,
    groups_by_subtotal: {}, subtotals: [{ name: 'Untaxed Amount', amount, formatted_amount: money }], subtotals_order: ['Untaxed Amount'], display_tax_base: false,
  };
}

const HANDLERS: Record<string, Handler> = {
  'sale.order': {
    async defaults(env) {
      const row = await env.cr.query<{ now: string; validity: string }>(`SELECT ${NOW} AS now, to_char((now() at time zone 'UTC') + interval '30 days', 'YYYY-MM-DD') AS validity`);
      return {
        locked: false, state: 'draft', partner_credit_warning: '', name: 'New', display_name: 'New', date_order: row.rows[0]?.now, validity_date: row.rows[0]?.validity,
        company_id: LAB_IDS.company, currency_id: 1, warehouse_id: LAB_IDS.warehouse, picking_policy: 'direct', invoice_status: 'no',
        require_signature: true, require_payment: true, prepayment_percent: 1, tax_calculation_rounding_method: 'round_per_line', country_code: 'US', tax_totals: totals(0),
      };
    },
    changed: {
      async partner_id(env, values) {
        const partner = await env.cr.query<{ id: number; commercial: number }>('SELECT id, COALESCE(parent_id, id) AS commercial FROM res_partner WHERE id = $1', [values.partner_id]);
        const id = partner.rows[0]?.id ?? false;
        return { partner_credit_warning: '', payment_term_id: false, user_id: env.uid, partner_invoice_id: id, partner_shipping_id: id };
      },
      async order_line(_env, values) {
        const amount = lineCommands(values.order_line).reduce((sum, line) => sum + (Number(line.price_subtotal) || 0), 0);
        return { partner_credit_warning: '', tax_totals: totals(Math.round(amount * 100) / 100) };
      },
    },
  },
  'sale.order.line': {
    async defaults(env, values) {
      const order = (values.order_id ?? {}) as Values;
      return {
        sequence: 10 + lineCommands(order.order_line).length, display_type: false, product_updatable: true, is_downpayment: false, product_uom_qty: 1, qty_delivered: 0,
        warehouse_id: LAB_IDS.warehouse, qty_to_deliver: 1, qty_delivered_method: 'manual', customer_lead: 0, price_unit: 0, state: 'draft', invoice_status: 'no',
        tax_calculation_rounding_method: 'round_per_line', currency_id: 1, company_id: LAB_IDS.company,
      };
    },
    changed: {
      async product_id(env, values) {
        const product = await env.cr.query<{ name: string; price: string; type: string; uom: number; on_hand: string; reserved: string }>(
          `SELECT ${productDisplayName('p')} AS name, t.list_price AS price, t.detailed_type AS type, COALESCE(t.uom_id, $2) AS uom,
                  (SELECT COALESCE(sum(q.quantity), 0) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id WHERE q.product_id = p.id AND l.usage = 'internal') AS on_hand,
                  (SELECT COALESCE(sum(q.reserved_quantity), 0) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id WHERE q.product_id = p.id AND l.usage = 'internal') AS reserved
           FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id WHERE p.id = $1`,
          [values.product_id, LAB_IDS.uomUnit],
        );
        const row = product.rows[0];
        if (!row) throw new PythonException('odoo.exceptions.MissingError', `Record does not exist or has been deleted.\n(Record: product.product(${pythonRepr(values.product_id)},), User: ${env.uid})`);
        const quantity = Number(values.product_uom_qty) || 1;
        const subtotal = Math.round(quantity * Number(row.price) * 100) / 100;
        const now = await env.cr.query<{ now: string }>(`SELECT ${NOW} AS now`);
        return {
          product_uom_category_id: 1, product_type: row.type, name: row.name, virtual_available_at_date: Number(row.on_hand) - Number(row.reserved),
          qty_available_today: Number(row.on_hand), free_qty_today: Number(row.on_hand) - Number(row.reserved), scheduled_date: now.rows[0]?.now,
          display_qty_widget: row.type === 'product', qty_delivered_method: 'stock_move', product_uom: row.uom, price_unit: Number(row.price),
          price_subtotal: subtotal, price_total: subtotal, price_tax: 0,
        };
      },
      async product_uom_qty(env, values) {
        const quantity = Number(values.product_uom_qty) || 0;
        const subtotal = Math.round(quantity * (Number(values.price_unit) || 0) * 100) / 100;
        const now = await env.cr.query<{ now: string }>(`SELECT ${NOW} AS now`);
        return { scheduled_date: now.rows[0]?.now, qty_to_deliver: quantity, price_subtotal: subtotal, price_total: subtotal, price_tax: 0 };
      },
    },
  },
  'stock.change.product.qty': {
    async defaults(env) {
      const productId = Number(env.context.default_product_id) || 0;
      const row = await env.cr.query<{ template: number; on_hand: string }>(
        `SELECT p.product_tmpl_id AS template, (SELECT COALESCE(sum(q.quantity), 0) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
           WHERE q.product_id = p.id AND l.usage = 'internal') AS on_hand FROM product_product p WHERE p.id = $1`,
        [productId],
      );
      return { product_tmpl_id: row.rows[0]?.template ?? false, product_variant_count: 1, product_id: productId || false, new_quantity: Number(row.rows[0]?.on_hand ?? 0) };
    },
  },
  'sale.advance.payment.inv': {
    async defaults(env) {
      const ids = Array.isArray(env.context.active_ids) ? env.context.active_ids : [];
      return { advance_payment_method: 'delivered', count: ids.length, has_down_payments: false, deduct_down_payments: true, amount: 0, fixed_amount: 0, currency_id: 1, company_id: LAB_IDS.company };
    },
  },
  'account.payment.register': {
    async defaults(env) {
      const ids = Array.isArray(env.context.active_ids) ? env.context.active_ids : [];
      const due = await env.cr.query<{ residual: string; name: string | null; partner: number | null }>(
        `SELECT COALESCE(sum(abs(l.amount_residual)), 0) AS residual, min(m.name) AS name, min(m.partner_id) AS partner
         FROM account_move m JOIN account_move_line l ON l.move_id = m.id AND l.account_type IN ('asset_receivable', 'liability_payable') AND NOT l.reconciled
         WHERE m.id = ANY($1)`,
        [ids],
      );
      const row = due.rows[0];
      const today = await env.cr.query<{ d: string }>(`SELECT to_char(now() at time zone 'UTC', 'YYYY-MM-DD') AS d`);
      return {
        partner_id: row?.partner ?? false, journal_id: LAB_JOURNALS.bank, amount: Number(row?.residual ?? 0), currency_id: 1, payment_date: today.rows[0]?.d,
        communication: row?.name ?? false, payment_difference: 0, company_id: LAB_IDS.company,
      };
    },
  },
};

/** The generic `onchange` every lab model answers. */
export async function onchange(env: Env, model: ModelDef, args: unknown[], kwargs: Record<string, unknown>): Promise<{ value: Values }> {
  const values = (argument(args, kwargs, 1, 'values', {}) ?? {}) as Values;
  const rawNames = argument(args, kwargs, 2, 'field_names', []);
  const names = typeof rawNames === 'string' ? [rawNames] : Array.isArray(rawNames) ? (rawNames as string[]) : [];
  const spec = (argument(args, kwargs, 3, 'fields_spec', {}) ?? {}) as Spec;
  if (typeof spec !== 'object' || Array.isArray(spec)) throw new PythonException('builtins.TypeError', `fields_spec must be a dict, got ${pythonRepr(spec)}`);
  const handler = HANDLERS[model.name] ?? {};
  if (names.length === 0) {
    const defaults = handler.defaults ? await handler.defaults(env, values) : {};
    const value: Values = {};
    for (const name of Object.keys(spec)) {
      const type = model.fields[name]?.type ?? recordedFieldType(model.name, name);
      if (type === 'one2many' || type === 'many2many') continue; // a new record's x2many lists are empty: not sent
      value[name] = name in defaults ? defaults[name] : emptyValue(model, name);
    }
    return { value: await shaped(env, model, spec, value) };
  }
  const recompute = handler.changed?.[names[0] as string];
  const value = recompute ? await recompute(env, values) : {};
  return { value: await shaped(env, model, spec, value) };
}
