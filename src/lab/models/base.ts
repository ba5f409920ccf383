/**
 * Base models: res.partner, res.users, res.company, res.currency, uom.uom, product.category,
 * ir.config_parameter, ir.module.module, procurement.group.
 */
import { PythonException, ValidationError } from './errors.js';
import { auditFields, boolean, char, datetime, integer, float, many2one, one2many, selection, text } from './fields.js';
import { argument, insert } from './orm.js';
import type { Env, Method, ModelDef } from './types.js';

/**
 * `create` as api.model_create_multi exposes it (odoo/api.py `_call_kw_model_create`):
 * a dict returns the new id, a list of dicts returns the list of ids.
 */
export function createMethod(createOne: (env: Env, vals: Record<string, unknown>) => Promise<number>): Method {
  return async (env, args, kwargs) => {
    const first = argument(args, kwargs, 0, 'vals_list', undefined);
    const list = Array.isArray(first) ? first : [first];
    const ids: number[] = [];
    for (const vals of list) {
      if (typeof vals !== 'object' || vals === null || Array.isArray(vals)) {
        throw new PythonException('builtins.TypeError', `'${vals === null || vals === undefined ? 'NoneType' : typeof vals}' object is not a mapping`);
      }
      ids.push(await createOne(env, vals as Record<string, unknown>));
    }
    return Array.isArray(first) ? ids : ids[0];
  };
}

export const resPartner: ModelDef = {
  name: 'res.partner',
  description: 'Contact',
  table: 'res_partner',
  order: 'complete_name ASC, id DESC',
  displayName: (a) => `COALESCE(${a}.complete_name, ${a}.name, '')`,
  fields: {
    name: char('Name', { writable: true }),
    complete_name: char('Complete Name'),
    parent_id: many2one('res.partner', 'Related Company', { writable: true }),
    company_id: many2one('res.company', 'Company', { writable: true }),
    ref: char('Reference', { writable: true }),
    email: char('Email', { writable: true }),
    phone: char('Phone', { writable: true }),
    street: char('Street', { writable: true }),
    city: char('City', { writable: true }),
    zip: char('Zip', { writable: true }),
    is_company: boolean('Is a Company', { writable: true }),
    customer_rank: integer('Customer Rank', { writable: true }),
    supplier_rank: integer('Supplier Rank', { writable: true }),
    vat: char('Tax ID', { writable: true }),
    country_id: many2one('res.country', 'Country', { writable: true }),
    lang: selection('Language', { writable: true }),
    child_ids: one2many('res.partner', 'parent_id', 'Contact'),
    commercial_partner_id: many2one('res.partner', 'Commercial Entity', { sql: (a) => `COALESCE(${a}.parent_id, ${a}.id)` }),
    // company-dependent properties without a value in the lab (no payment terms, the default pricelist is not set)
    property_payment_term_id: many2one('res.partner', 'Customer Payment Terms', { sql: () => 'NULL::integer' }),
    property_product_pricelist: many2one('res.partner', 'Pricelist', { sql: () => 'NULL::integer' }),
    /** account `_credit_debit_get`: receivable residual of posted moves. */
    credit: float('Total Receivable', {
      sql: (a) => `(SELECT COALESCE(sum(l.amount_residual), 0) FROM account_move_line l WHERE l.partner_id = ${a}.id AND l.parent_state = 'posted' AND l.account_type = 'asset_receivable' AND NOT l.reconciled)`,
    }),
    active: boolean('Active', { writable: true }),
    ...auditFields(),
  },
  methods: {
    create: createMethod(async (env, vals) => {
      env.spend(0.4);
      if (!vals.name) {
        // res.partner _sql_constraints check_name, reported through service/model.py _as_validation_error
        throw new ValidationError('The operation cannot be completed: Contacts require a name');
      }
      let completeName = String(vals.name);
      if (typeof vals.parent_id === 'number') {
        const parent = await env.cr.query<{ name: string }>('SELECT name FROM res_partner WHERE id = $1', [vals.parent_id]);
        if (parent.rows[0]) completeName = `${parent.rows[0].name}, ${completeName}`;
      }
      const id = await insert(env, resPartner, vals, { complete_name: completeName, active: vals.active ?? true });
      env.spend(0.4);
      return id;
    }),
    /** partner_autocomplete: company suggestions from the IAP service — none on a neutralized database. */
    async autocomplete(env) {
      env.spend(1);
      return [];
    },
  },
};

export const resUsers: ModelDef = {
  name: 'res.users',
  description: 'User',
  table: 'res_users',
  order: 'login',
  displayName: (a) => `(SELECT p.name FROM res_partner p WHERE p.id = ${a}.partner_id)`,
  fields: {
    login: char('Login'),
    partner_id: many2one('res.partner', 'Related Partner'),
    company_id: many2one('res.company', 'Company'),
    name: char('Name', { sql: (a) => `(SELECT p.name FROM res_partner p WHERE p.id = ${a}.partner_id)` }),
    active: boolean('Active'),
    share: boolean('Share User'),
    login_date: datetime('Latest authentication'),
    ...auditFields(),
  },
  methods: {},
};

export const resCompany: ModelDef = {
  name: 'res.company',
  description: 'Companies',
  table: 'res_company',
  order: 'name',
  displayName: (a) => `${a}.name`,
  fields: {
    name: char('Company Name'),
    partner_id: many2one('res.partner', 'Partner'),
    currency_id: many2one('res.currency', 'Currency'),
  },
  methods: {},
};

export const resCurrency: ModelDef = {
  name: 'res.currency',
  description: 'Currency',
  table: 'res_currency',
  order: 'active desc, name',
  displayName: (a) => `${a}.name`,
  fields: { name: char('Currency'), symbol: char('Symbol'), rounding: float('Rounding Factor'), active: boolean('Active') },
  methods: {},
};

export const uomUom: ModelDef = {
  name: 'uom.uom',
  description: 'Product Unit of Measure',
  table: 'uom_uom',
  order: 'factor DESC, id',
  displayName: (a) => `(${a}.name->>'en_US')`,
  fields: {
    name: char('Unit of Measure', { translate: true }),
    factor: float('Ratio'),
    rounding: float('Rounding Precision'),
    uom_type: selection('Type'),
    active: boolean('Active'),
  },
  methods: {},
};

export const productCategory: ModelDef = {
  name: 'product.category',
  description: 'Product Category',
  table: 'product_category',
  order: 'complete_name',
  displayName: (a) => `${a}.complete_name`,
  fields: {
    name: char('Name'),
    complete_name: char('Complete Name'),
    parent_id: many2one('product.category', 'Parent Category'),
    property_cost_method: selection('Costing Method'),
    property_valuation: selection('Inventory Valuation'),
  },
  methods: {},
};

export const irConfigParameter: ModelDef = {
  name: 'ir.config_parameter',
  description: 'System Parameter',
  table: 'ir_config_parameter',
  order: 'key',
  displayName: (a) => `${a}.key`,
  fields: { key: char('Key'), value: text('Value'), ...auditFields() },
  methods: {
    /** `get_param(key, default=False)` → the value string or `default`. */
    async get_param(env, args, kwargs) {
      const key = argument(args, kwargs, 0, 'key');
      const fallback = argument(args, kwargs, 1, 'default', false);
      const result = await env.cr.query<{ value: string }>('SELECT value FROM ir_config_parameter WHERE key = $1', [key]);
      return result.rows[0]?.value ?? fallback;
    },
  },
};

export const irModuleModule: ModelDef = {
  name: 'ir.module.module',
  description: 'Module',
  table: 'ir_module_module',
  order: 'application desc, name',
  displayName: (a) => `(${a}.shortdesc->>'en_US')`,
  fields: {
    name: char('Technical Name'),
    shortdesc: char('Module Name', { translate: true }),
    author: char('Author'),
    state: selection('Status'),
    latest_version: char('Installed Version'),
    application: boolean('Application'),
  },
  methods: {},
};

export const procurementGroup: ModelDef = {
  name: 'procurement.group',
  description: 'Procurement Group',
  table: 'procurement_group',
  order: 'id desc',
  displayName: (a) => `${a}.name`,
  fields: {
    name: char('Reference'),
    move_type: selection('Delivery Type'),
    partner_id: many2one('res.partner', 'Partner'),
    sale_id: many2one('sale.order', 'Sale Order'),
  },
  methods: {},
};

export const resCountry: ModelDef = {
  name: 'res.country',
  description: 'Country',
  table: 'res_country',
  order: 'name',
  displayName: (a) => `(${a}.name->>'en_US')`,
  fields: { name: char('Country Name', { translate: true }), code: char('Country Code') },
  methods: {},
};

/** ir.model.data: external ids (`module.name` → record). */
export const irModelData: ModelDef = {
  name: 'ir.model.data',
  description: 'Model Data',
  table: 'ir_model_data',
  order: 'module, model, name',
  displayName: (a) => `${a}.module || '.' || ${a}.name`,
  fields: { module: char('Module'), name: char('External Identifier'), model: char('Model Name'), res_id: integer('Record ID'), noupdate: boolean('Non Updatable') },
  methods: {
    /** `_xmlid_to_res_model_res_id`-like lookup used by `check_object_reference(module, xml_id)` → [model, res_id]. */
    async check_object_reference(env, args, kwargs) {
      const module = argument(args, kwargs, 0, 'module');
      const name = argument(args, kwargs, 1, 'xml_id');
      const row = await env.cr.query<{ model: string; res_id: number }>('SELECT model, res_id FROM ir_model_data WHERE module = $1 AND name = $2', [module, name]);
      if (!row.rows[0]) throw new ValidationError(`External ID not found in the system: ${String(module)}.${String(name)}`);
      return [row.rows[0].model, row.rows[0].res_id];
    },
  },
};
