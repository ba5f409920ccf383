/**
 * product.template and product.product (Odoo 17: barcode and default_code live on the variant;
 * name, type, prices and policies on the template; standard_price is company-dependent, flattened
 * onto the variant here), product.supplierinfo (vendors) and stock.route.
 */
import { LAB_IDS } from '../ids.js';
import { PythonException, ValidationError, pythonRepr } from './errors.js';
import { auditFields, boolean, char, float, integer, many2one, monetary, selection } from './fields.js';
import { argument, ensureExist, insert, recordIds, write } from './orm.js';
import type { Env, FieldDef, ModelDef } from './types.js';
import { windowAction } from './web-views.js';

const NOW = `(now() at time zone 'UTC')`;
const templateName = (a: string) => `(SELECT t.name->>'en_US' FROM product_template t WHERE t.id = ${a}.product_tmpl_id)`;
const templateColumn = (column: string) => (a: string) => `(SELECT t.${column} FROM product_template t WHERE t.id = ${a}.product_tmpl_id)`;

/** `[default_code] name`, as product.product `_compute_display_name`. */
export const productDisplayName = (a: string) =>
  `(CASE WHEN ${a}.default_code IS NOT NULL AND ${a}.default_code != '' THEN '[' || ${a}.default_code || '] ' ELSE '' END || ${templateName(a)})`;

const INTERNAL = `(SELECT id FROM stock_location WHERE usage = 'internal')`;
/** Open moves' quantity into (incoming) or out of (outgoing) internal locations: stock.move `_get_domain_locations`. */
const openMoves = (a: string, direction: 'in' | 'out') =>
  `(SELECT COALESCE(sum(m.product_qty), 0) FROM stock_move m WHERE m.product_id = ${a}.id AND m.state NOT IN ('draft', 'cancel', 'done')
     AND m.location_dest_id ${direction === 'in' ? 'IN' : 'NOT IN'} ${INTERNAL} AND m.location_id ${direction === 'in' ? 'NOT IN' : 'IN'} ${INTERNAL})`;
const onHand = (a: string) =>
  `(SELECT COALESCE(sum(q.quantity), 0) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id WHERE q.product_id = ${a}.id AND l.usage = 'internal')`;

/** Fields stored on the template, writable through the variant (delegation inheritance, `_inherits`). */
const TEMPLATE_FIELDS: Record<string, FieldDef> = {
  detailed_type: selection('Product Type', { writable: true }),
  type: selection('Type'),
  categ_id: many2one('product.category', 'Product Category', { writable: true }),
  uom_id: many2one('uom.uom', 'Unit of Measure'),
  uom_po_id: many2one('uom.uom', 'Purchase Unit of Measure'),
  list_price: monetary('Sales Price', { writable: true }),
  sale_ok: boolean('Can be Sold', { writable: true }),
  purchase_ok: boolean('Can be Purchased', { writable: true }),
  tracking: selection('Tracking', { writable: true }),
  invoice_policy: selection('Invoicing Policy', { writable: true }),
  purchase_method: selection('Control Policy', { writable: true }),
  description_sale: char('Sales Description', { writable: true }),
};

export const productTemplate: ModelDef = {
  name: 'product.template',
  description: 'Product',
  table: 'product_template',
  order: 'priority desc, name',
  displayName: (a) => `(CASE WHEN (SELECT p.default_code FROM product_product p WHERE p.product_tmpl_id = ${a}.id ORDER BY p.id LIMIT 1) IS NOT NULL
     THEN '[' || (SELECT p.default_code FROM product_product p WHERE p.product_tmpl_id = ${a}.id ORDER BY p.id LIMIT 1) || '] ' ELSE '' END || (${a}.name->>'en_US'))`,
  fields: {
    name: char('Name', { translate: true, writable: true }),
    ...TEMPLATE_FIELDS,
    priority: selection('Favorite', { sql: () => `COALESCE(NULL::varchar, '0')` }),
    company_id: many2one('res.company', 'Company'),
    active: boolean('Active', { writable: true }),
    default_code: char('Internal Reference', { sql: (a) => `(SELECT p.default_code FROM product_product p WHERE p.product_tmpl_id = ${a}.id ORDER BY p.id LIMIT 1)` }),
    barcode: char('Barcode', { sql: (a) => `(SELECT p.barcode FROM product_product p WHERE p.product_tmpl_id = ${a}.id ORDER BY p.id LIMIT 1)` }),
    qty_available: float('Quantity On Hand', {
      sql: (a) => `(SELECT COALESCE(sum(q.quantity), 0) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id JOIN product_product p ON p.id = q.product_id WHERE p.product_tmpl_id = ${a}.id AND l.usage = 'internal')`,
    }),
    product_variant_ids: {
      type: 'many2many', string: 'Products', relation: 'product.product', inverse: 'product_tmpl_id',
      sql: (a) => `ARRAY(SELECT p.id FROM product_product p WHERE p.product_tmpl_id = ${a}.id ORDER BY p.id)`,
    },
    seller_ids: { type: 'many2many', string: 'Vendors', relation: 'product.supplierinfo', sql: (a) => `ARRAY(SELECT s.id FROM product_supplierinfo s WHERE s.product_tmpl_id = ${a}.id ORDER BY s.sequence, s.min_qty DESC, s.price, s.id)` },
    route_ids: { type: 'many2many', string: 'Routes', relation: 'stock.route', sql: (a) => `ARRAY(SELECT r.route_id FROM stock_route_product r WHERE r.product_id = ${a}.id ORDER BY r.route_id)` },
    ...auditFields(),
  },
  methods: {
    /** sale_product_configurator: the only variant of a template → {product_id, product_name, has_optional_products}, else {}. */
    async get_single_product_variant(env, args, kwargs) {
      const raw = argument(args, kwargs, 0, 'self', undefined);
      const id = Array.isArray(raw) ? raw[0] : raw;
      const variants = await env.cr.query<{ id: number; name: string }>(
        `SELECT p.id, ${productDisplayName('p')} AS name FROM product_product p WHERE p.product_tmpl_id = $1 AND p.active ORDER BY p.id LIMIT 2`, [id]);
      env.spend(0.5);
      const only = variants.rows.length === 1 ? variants.rows[0] : undefined;
      return only ? { product_id: only.id, product_name: only.name, has_optional_products: false } : {};
    },
    /** stock `action_update_quantity_on_hand`: the Change Product Quantity dialog (one variant). */
    async action_update_quantity_on_hand(env, args) {
      const ids = await ensureExist(env, productTemplate, recordIds(args));
      const variant = await env.cr.query<{ id: number }>('SELECT id FROM product_product WHERE product_tmpl_id = $1 ORDER BY id LIMIT 1', [ids[0]]);
      env.spend(0.5);
      const context: Record<string, unknown> = {};
      for (const key of ['default_detailed_type', 'lang', 'tz', 'uid', 'allowed_company_ids']) if (key in env.context) context[key] = env.context[key];
      return windowAction('stock.action_change_product_quantity', { context: { ...context, default_product_id: variant.rows[0]?.id ?? false, default_product_tmpl_id: ids[0] } });
    },
  },
};

/** stock.change.product.qty (TransientModel, the On Hand dialog): the journeys only load its defaults. */
export const stockChangeProductQty: ModelDef = {
  name: 'stock.change.product.qty',
  description: 'Change Product Quantity',
  table: 'stock_change_product_qty',
  order: 'id',
  displayName: (a) => `'stock.change.product.qty,' || ${a}.id`,
  fields: {
    product_id: many2one('product.product', 'Product'),
    product_tmpl_id: many2one('product.template', 'Template'),
    product_variant_count: integer('Variant Count'),
    new_quantity: float('New Quantity on Hand'),
  },
  methods: {},
};

export const productProduct: ModelDef = {
  name: 'product.product',
  description: 'Product Variant',
  table: 'product_product',
  order: 'default_code, id',
  displayName: productDisplayName,
  fields: {
    product_tmpl_id: many2one('product.template', 'Product Template'),
    name: char('Name', { sql: templateName }),
    default_code: char('Internal Reference', { writable: true }),
    barcode: char('Barcode', { writable: true }),
    active: boolean('Active', { writable: true }),
    standard_price: float('Cost', { writable: true }),
    ...Object.fromEntries(Object.entries(TEMPLATE_FIELDS).map(([name, def]) => [name, { ...def, sql: templateColumn(name) }])),
    lst_price: monetary('Sales Price', { sql: templateColumn('list_price') }),
    qty_available: float('Quantity On Hand', { sql: onHand }),
    free_qty: float('Free To Use Quantity', {
      sql: (a) => `(SELECT COALESCE(sum(q.quantity - q.reserved_quantity), 0) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id WHERE q.product_id = ${a}.id AND l.usage = 'internal')`,
    }),
    incoming_qty: float('Incoming', { sql: (a) => openMoves(a, 'in') }),
    outgoing_qty: float('Outgoing', { sql: (a) => openMoves(a, 'out') }),
    virtual_available: float('Forecasted Quantity', { sql: (a) => `(${onHand(a)} + ${openMoves(a, 'in')} - ${openMoves(a, 'out')})` }),
    seller_ids: { type: 'many2many', string: 'Vendors', relation: 'product.supplierinfo', sql: (a) => `ARRAY(SELECT s.id FROM product_supplierinfo s WHERE s.product_tmpl_id = ${a}.product_tmpl_id ORDER BY s.sequence, s.min_qty DESC, s.price, s.id)` },
    route_ids: { type: 'many2many', string: 'Routes', relation: 'stock.route', sql: (a) => `ARRAY(SELECT r.route_id FROM stock_route_product r WHERE r.product_id = ${a}.product_tmpl_id ORDER BY r.route_id)` },
    ...auditFields(),
  },
  methods: {
    create: async (env, args, kwargs) => {
      const first = argument(args, kwargs, 0, 'vals_list', undefined);
      const list = Array.isArray(first) ? first : [first];
      const ids: number[] = [];
      for (const vals of list) ids.push(await createProduct(env, vals));
      return Array.isArray(first) ? ids : ids[0];
    },
    write: async (env, args, kwargs) => writeProduct(env, recordIds(args), argument(args, kwargs, 1, 'vals', {})),
  },
};

export const productSupplierinfo: ModelDef = {
  name: 'product.supplierinfo',
  description: 'Supplier Pricelist',
  table: 'product_supplierinfo',
  order: 'sequence, min_qty desc, price, id',
  displayName: (a) => `(SELECT p.name FROM res_partner p WHERE p.id = ${a}.partner_id)`,
  fields: {
    partner_id: many2one('res.partner', 'Vendor', { writable: true }),
    product_tmpl_id: many2one('product.template', 'Product Template', { writable: true }),
    product_id: many2one('product.product', 'Product Variant', { writable: true }),
    sequence: integer('Sequence', { writable: true }),
    min_qty: float('Quantity', { writable: true }),
    price: float('Price', { writable: true }),
    delay: integer('Delivery Lead Time', { writable: true }),
    company_id: many2one('res.company', 'Company'),
    currency_id: many2one('res.currency', 'Currency'),
    ...auditFields(),
  },
  methods: {},
};

export const stockRoute: ModelDef = {
  name: 'stock.route',
  description: 'Inventory Routes',
  table: 'stock_route',
  order: 'sequence',
  displayName: (a) => `(${a}.name->>'en_US')`,
  fields: { name: char('Route', { translate: true }), sequence: integer('Sequence'), company_id: many2one('res.company', 'Company'), active: boolean('Active') },
  methods: {},
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** product.product `_check_barcode_uniqueness` (17.0). */
async function checkBarcodes(env: Env, ids: number[]): Promise<void> {
  const clash = await env.cr.query<{ barcode: string; names: string }>(
    `SELECT p.barcode, string_agg(${productDisplayName('p')}, ', ' ORDER BY p.id) AS names FROM product_product p
     WHERE p.active AND p.barcode IN (SELECT barcode FROM product_product WHERE id = ANY($1) AND barcode IS NOT NULL AND barcode != '')
     GROUP BY p.barcode HAVING count(*) > 1`,
    [ids],
  );
  if (clash.rows.length) {
    const lines = clash.rows.map((r) => `- Barcode "${r.barcode}" already assigned to product(s): ${r.names}`).join('\n');
    throw new ValidationError(`Barcode(s) already assigned:\n\n${lines}`);
  }
}

/** x2many commands on route_ids / seller_ids (Command.set/link/create). */
async function applyTemplateRelations(env: Env, templateId: number, vals: Record<string, unknown>): Promise<void> {
  if (Array.isArray(vals.route_ids)) {
    for (const command of vals.route_ids) {
      if (!Array.isArray(command)) continue;
      if (command[0] === 6) {
        await env.cr.query('DELETE FROM stock_route_product WHERE product_id = $1', [templateId]);
        for (const routeId of (command[2] as number[]) ?? []) {
          await env.cr.query('INSERT INTO stock_route_product (product_id, route_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [templateId, routeId]);
        }
      } else if (command[0] === 4) {
        await env.cr.query('INSERT INTO stock_route_product (product_id, route_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [templateId, command[1]]);
      }
    }
  }
  if (Array.isArray(vals.seller_ids)) {
    for (const command of vals.seller_ids) {
      if (!Array.isArray(command) || command[0] !== 0 || !isRecord(command[2])) continue;
      await insert(env, productSupplierinfo, command[2], { product_tmpl_id: templateId, currency_id: 1, company_id: LAB_IDS.company, sequence: command[2].sequence ?? 1 });
    }
  }
}

/** product.product create: a template per variant (product.template `_create_variant_ids`). */
async function createProduct(env: Env, vals: unknown): Promise<number> {
  if (!isRecord(vals)) throw new PythonException('builtins.TypeError', `'${typeof vals}' object is not a mapping`);
  for (const name of Object.keys(vals)) {
    if (!productProduct.fields[name] && name !== 'name') throw new PythonException('builtins.ValueError', `Invalid field ${pythonRepr(name)} on model 'product.product'`);
  }
  if (!vals.name) {
    throw new ValidationError(
      'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: Product (product.template)\nField: Name (name)\n',
    );
  }
  env.spend(0.3);
  const detailed = typeof vals.detailed_type === 'string' ? vals.detailed_type : 'consu';
  const template = await env.cr.query<{ id: number }>(
    `INSERT INTO product_template (name, detailed_type, type, categ_id, uom_id, uom_po_id, list_price, sale_ok, purchase_ok, tracking,
                                   invoice_policy, purchase_method, description_sale, active, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, 'none', $9, $10, $11, true, $12, ${NOW}, $12, ${NOW}) RETURNING id`,
    [
      JSON.stringify({ en_US: String(vals.name) }), detailed, detailed === 'service' ? 'service' : detailed === 'product' ? 'product' : 'consu',
      typeof vals.categ_id === 'number' ? vals.categ_id : LAB_IDS.categorySaleable, LAB_IDS.uomUnit,
      typeof vals.list_price === 'number' ? vals.list_price : 1, vals.sale_ok !== false, vals.purchase_ok !== false,
      typeof vals.invoice_policy === 'string' ? vals.invoice_policy : 'order', typeof vals.purchase_method === 'string' ? vals.purchase_method : 'receive',
      typeof vals.description_sale === 'string' ? vals.description_sale : null, env.uid,
    ],
  );
  const templateId = template.rows[0]?.id ?? 0;
  const product = await env.cr.query<{ id: number }>(
    `INSERT INTO product_product (product_tmpl_id, default_code, barcode, combination_indices, standard_price, active, create_uid, create_date, write_uid, write_date)
     VALUES ($1, $2, $3, '', $4, $5, $6, ${NOW}, $6, ${NOW}) RETURNING id`,
    [templateId, vals.default_code || null, vals.barcode || null, typeof vals.standard_price === 'number' ? vals.standard_price : 0, vals.active !== false, env.uid],
  );
  const id = product.rows[0]?.id ?? 0;
  await applyTemplateRelations(env, templateId, vals);
  if (vals.barcode) await checkBarcodes(env, [id]);
  env.spend(0.4);
  return id;
}

/** product.product write: variant columns here, template columns on the template. */
async function writeProduct(env: Env, ids: number[], vals: unknown): Promise<true> {
  if (!isRecord(vals)) throw new PythonException('builtins.TypeError', `'${typeof vals}' object is not a mapping`);
  await ensureExist(env, productProduct, ids);
  const own: Record<string, unknown> = {};
  const onTemplate: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(vals)) {
    if (name === 'name' || TEMPLATE_FIELDS[name]) onTemplate[name] = value;
    else if (name !== 'route_ids' && name !== 'seller_ids') own[name] = value;
  }
  await write(env, productProduct, ids, own);
  const templates = await env.cr.query<{ product_tmpl_id: number }>('SELECT DISTINCT product_tmpl_id FROM product_product WHERE id = ANY($1)', [ids]);
  const templateIds = templates.rows.map((r) => r.product_tmpl_id);
  if (Object.keys(onTemplate).length) await write(env, productTemplate, templateIds, onTemplate);
  for (const templateId of templateIds) await applyTemplateRelations(env, templateId, vals);
  if (typeof vals.barcode === 'string') await checkBarcodes(env, ids);
  return true;
}
