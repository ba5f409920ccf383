/** product.template and product.product (Odoo 17: barcode and default_code live on the variant). */
import { auditFields, boolean, char, many2one, monetary, selection } from './fields.js';
import type { ModelDef } from './types.js';

const templateName = (a: string) => `(SELECT t.name->>'en_US' FROM product_template t WHERE t.id = ${a}.product_tmpl_id)`;

/** `[default_code] name`, as product.product `_compute_display_name`. */
export const productDisplayName = (a: string) =>
  `(CASE WHEN ${a}.default_code IS NOT NULL AND ${a}.default_code != '' THEN '[' || ${a}.default_code || '] ' ELSE '' END || ${templateName(a)})`;

export const productTemplate: ModelDef = {
  name: 'product.template',
  description: 'Product',
  table: 'product_template',
  order: 'name',
  displayName: (a) => `(${a}.name->>'en_US')`,
  fields: {
    name: char('Name', { translate: true }),
    detailed_type: selection('Product Type'),
    type: selection('Type'),
    categ_id: many2one('product.category', 'Product Category'),
    uom_id: many2one('uom.uom', 'Unit of Measure'),
    list_price: monetary('Sales Price'),
    sale_ok: boolean('Can be Sold'),
    purchase_ok: boolean('Can be Purchased'),
    tracking: selection('Tracking'),
    invoice_policy: selection('Invoicing Policy'),
    company_id: many2one('res.company', 'Company'),
    active: boolean('Active'),
    ...auditFields(),
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
    active: boolean('Active'),
    detailed_type: selection('Product Type', { sql: (a) => `(SELECT t.detailed_type FROM product_template t WHERE t.id = ${a}.product_tmpl_id)` }),
    type: selection('Type', { sql: (a) => `(SELECT t.type FROM product_template t WHERE t.id = ${a}.product_tmpl_id)` }),
    list_price: monetary('Sales Price', { sql: (a) => `(SELECT t.list_price FROM product_template t WHERE t.id = ${a}.product_tmpl_id)` }),
    lst_price: monetary('Sales Price', { sql: (a) => `(SELECT t.list_price FROM product_template t WHERE t.id = ${a}.product_tmpl_id)` }),
    uom_id: many2one('uom.uom', 'Unit of Measure', { sql: (a) => `(SELECT t.uom_id FROM product_template t WHERE t.id = ${a}.product_tmpl_id)` }),
    categ_id: many2one('product.category', 'Product Category', { sql: (a) => `(SELECT t.categ_id FROM product_template t WHERE t.id = ${a}.product_tmpl_id)` }),
    qty_available: monetary('Quantity On Hand', {
      sql: (a) => `(SELECT COALESCE(sum(q.quantity), 0) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id WHERE q.product_id = ${a}.id AND l.usage = 'internal')`,
    }),
    free_qty: monetary('Free To Use Quantity', {
      sql: (a) => `(SELECT COALESCE(sum(q.quantity - q.reserved_quantity), 0) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id WHERE q.product_id = ${a}.id AND l.usage = 'internal')`,
    }),
    ...auditFields(),
  },
  methods: {},
};
