/**
 * Creates the lab's Odoo database: the schema (schema.ts), Odoo's base records with the ids a
 * fresh Odoo 17 gives them (company 1, admin = user 2 / partner 3, WH/Stock = location 8), and a
 * seeded, reproducible distribution business: customers, storable products with EAN-13 barcodes,
 * stock on hand in WH/Stock and one FIFO valuation layer per product.
 *
 * Sizes: small = 200 customers / 500 products; medium ×10; large ×100. Rows are generated with
 * @faker-js/faker from a fixed seed and inserted with one `INSERT … SELECT FROM unnest(…)` per
 * table (medium seeds in a few seconds).
 */
import { Faker, en } from '@faker-js/faker';
import pg from 'pg';
import { LAB_IDS } from './ids.js';
import { hashPassword } from './password.js';
import { LAB_MAIL_SQL, LAB_SCHEMA_SQL } from './schema.js';

export { LAB_IDS };

export type Dataset = 'small' | 'medium' | 'large';

export interface PgConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface CreateLabDatabaseOptions {
  dataset: Dataset;
  /** Password of the `admin` user (stored as a PBKDF2-SHA512 hash, 600 000 rounds). */
  adminPassword: string;
  /** Set `database.is_neutralized` (default true: the lab is a staging copy). */
  neutralized?: boolean;
  /** Faker seed (default 17). */
  seed?: number;
}

/** Rows per dataset. */
export const DATASET_SIZES: Record<Dataset, { customers: number; vendors: number; products: number; orderpoints: number }> = {
  small: { customers: 200, vendors: 10, products: 500, orderpoints: 50 },
  medium: { customers: 2_000, vendors: 60, products: 5_000, orderpoints: 500 },
  large: { customers: 20_000, vendors: 300, products: 50_000, orderpoints: 5_000 },
};


/** Modules reported as installed (ir_module_module), with the dependencies they pull in. */
export const LAB_MODULES = [
  'base', 'web', 'mail', 'uom', 'product', 'barcodes', 'account', 'sale', 'sale_management',
  'stock', 'stock_account', 'sale_stock', 'purchase', 'purchase_stock',
  // a dependency of the sales apps on the web-client fixture's server (res.partner.autocomplete)
  'partner_autocomplete',
];

export class LabDatabaseError extends Error {
  readonly code = 'LAB_DATABASE';
}

/** The check digit of a 12-digit EAN-13 prefix (GS1 General Specifications §7.9.1). */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** The lab's n-th barcode (n ≥ 1): GS1 prefix 200 (in-store numbering), 9-digit n, check digit. */
export function labBarcode(n: number): string {
  const first12 = `200${String(n).padStart(9, '0')}`;
  return first12 + String(ean13CheckDigit(first12));
}

async function withClient<T>(connection: PgConnection, database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...connection, database, application_name: 'odoo-capacity-lab-seed' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates database `db` with the lab schema and data.
 * @throws LabDatabaseError when the database already exists.
 */
export async function createLabDatabase(connection: PgConnection, db: string, options: CreateLabDatabaseOptions): Promise<void> {
  await withClient(connection, 'postgres', async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
    if (exists.rowCount) {
      throw new LabDatabaseError(`database "${db}" already exists on ${connection.host}:${connection.port}; drop it or start the lab with --fresh.`);
    }
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(db)} ENCODING 'UTF8' TEMPLATE template0`);
  });
  await withClient(connection, db, async (client) => {
    await client.query('BEGIN');
    await client.query(LAB_SCHEMA_SQL);
    await seedBase(client, options);
    await seedBusiness(client, options);
    await client.query(LAB_MAIL_SQL);
    await client.query('COMMIT');
    // For the collectors (src/collect); the cluster preloads the library (postgres.ts).
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').catch(() => undefined);
    await client.query('ANALYZE');
  });
}

async function seedBase(client: pg.Client, options: CreateLabDatabaseOptions): Promise<void> {
  const neutralized = options.neutralized ?? true;
  const adminHash = hashPassword(options.adminPassword);
  const statements = [
    `INSERT INTO res_currency (id, name, symbol) VALUES (1, 'USD', '$'), (2, 'EUR', '€')`,
    `INSERT INTO res_partner (id, name, complete_name, is_company, create_date, write_date) VALUES
       (1, 'YourCompany', 'YourCompany', true, now() at time zone 'UTC', now() at time zone 'UTC'),
       (2, 'OdooBot', 'OdooBot', false, now() at time zone 'UTC', now() at time zone 'UTC'),
       (3, 'Mitchell Admin', 'Mitchell Admin', false, now() at time zone 'UTC', now() at time zone 'UTC')`,
    `INSERT INTO res_company (id, name, partner_id, currency_id, create_date) VALUES (1, 'YourCompany', 1, 1, now() at time zone 'UTC')`,
    `UPDATE res_partner SET company_id = 1 WHERE id IN (1, 3)`,
    `INSERT INTO res_users (id, login, password, partner_id, company_id, active, create_date, write_date) VALUES
       (1, '__system__', NULL, 2, 1, false, now() at time zone 'UTC', now() at time zone 'UTC')`,
    `INSERT INTO uom_uom (id, name) VALUES (1, '{"en_US": "Units"}')`,
    `INSERT INTO product_category (id, name, complete_name, parent_id, parent_path) VALUES
       (1, 'All', 'All', NULL, '1/'), (2, 'Saleable', 'All / Saleable', 1, '1/2/')`,
    `INSERT INTO stock_location (id, name, complete_name, usage, location_id, parent_path, company_id) VALUES
       (1, 'Physical Locations', 'Physical Locations', 'view', NULL, '1/', NULL),
       (2, 'Partners', 'Partners', 'view', NULL, '2/', NULL),
       (3, 'Virtual Locations', 'Virtual Locations', 'view', NULL, '3/', NULL),
       (4, 'Vendors', 'Partners/Vendors', 'supplier', 2, '2/4/', NULL),
       (5, 'Customers', 'Partners/Customers', 'customer', 2, '2/5/', NULL),
       (6, 'Inventory adjustment', 'Virtual Locations/Inventory adjustment', 'inventory', 3, '3/6/', 1),
       (7, 'WH', 'WH', 'view', 1, '1/7/', 1),
       (8, 'Stock', 'WH/Stock', 'internal', 7, '1/7/8/', 1)`,
    `INSERT INTO ir_sequence (id, name, code, prefix, padding, company_id) VALUES
       (1, 'Sales Order', 'sale.order', 'S', 5, NULL),
       (2, 'YourCompany Sequence out', NULL, 'WH/OUT/', 5, 1),
       (3, 'YourCompany Sequence in', NULL, 'WH/IN/', 5, 1),
       (4, 'Purchase Order', 'purchase.order', 'P', 5, NULL),
       (5, 'Stock orderpoint', 'stock.orderpoint', 'OP/', 5, NULL)`,
    // ir.sequence with implementation 'standard' draws numbers from a PostgreSQL sequence named ir_sequence_%03d
    `CREATE SEQUENCE ir_sequence_001 INCREMENT BY 1 START WITH 1`,
    `CREATE SEQUENCE ir_sequence_002 INCREMENT BY 1 START WITH 1`,
    `CREATE SEQUENCE ir_sequence_003 INCREMENT BY 1 START WITH 1`,
    `CREATE SEQUENCE ir_sequence_004 INCREMENT BY 1 START WITH 1`,
    `CREATE SEQUENCE ir_sequence_005 INCREMENT BY 1 START WITH 1`,
    `INSERT INTO res_country (id, name, code) VALUES (233, '{"en_US": "United States"}', 'US'), (21, '{"en_US": "Belgium"}', 'BE')`,
    `INSERT INTO stock_route (id, name, sequence, company_id) VALUES (1, '{"en_US": "Buy"}', 5, NULL)`,
    `INSERT INTO ir_model_data (module, name, model, res_id, noupdate) VALUES
       ('purchase_stock', 'route_warehouse0_buy', 'stock.route', 1, true),
       ('base', 'main_company', 'res.company', 1, true),
       ('base', 'user_admin', 'res.users', 2, true),
       ('stock', 'warehouse0', 'stock.warehouse', 1, true),
       ('stock', 'stock_location_stock', 'stock.location', 8, true),
       ('stock', 'stock_location_suppliers', 'stock.location', 4, true),
       ('stock', 'stock_location_customers', 'stock.location', 5, true)`,
    `INSERT INTO account_account (id, name, code, account_type, reconcile, company_id) VALUES
       (1, '{"en_US": "Account Receivable"}', '121000', 'asset_receivable', true, 1),
       (2, '{"en_US": "Account Payable"}', '211000', 'liability_payable', true, 1),
       (3, '{"en_US": "Product Sales"}', '400000', 'income', false, 1),
       (4, '{"en_US": "Expenses"}', '600000', 'expense', false, 1),
       (5, '{"en_US": "Bank"}', '101401', 'asset_cash', false, 1),
       (6, '{"en_US": "Outstanding Receipts"}', '101403', 'asset_current', true, 1),
       (7, '{"en_US": "Stock Valuation"}', '110100', 'asset_current', false, 1),
       (8, '{"en_US": "Stock Interim (Received)"}', '110200', 'asset_current', true, 1)`,
    `INSERT INTO account_journal (id, name, code, type, default_account_id, company_id, sequence_prefix) VALUES
       (1, '{"en_US": "Customer Invoices"}', 'INV', 'sale', 3, 1, 'INV/'),
       (2, '{"en_US": "Vendor Bills"}', 'BILL', 'purchase', 4, 1, 'BILL/'),
       (3, '{"en_US": "Bank"}', 'BNK1', 'bank', 5, 1, 'BNK1/'),
       (4, '{"en_US": "Inventory Valuation"}', 'STJ', 'general', 7, 1, 'STJ/')`,
    // ir_cron rows the lab's cron worker runs (stock: ir_cron_scheduler_action; base: autovacuum)
    `INSERT INTO ir_cron (cron_name, model, method, interval_number, interval_type, nextcall, priority) VALUES
       ('Procurement: run scheduler', 'procurement.group', 'run_scheduler', 1, 'days', now() at time zone 'UTC', 5),
       ('Base: Auto-vacuum internal data', 'ir.autovacuum', '_run_vacuum_cleaner', 1, 'days', now() at time zone 'UTC', 5)`,
    // odoo/modules/registry.py check_signaling reads these on every request
    `CREATE SEQUENCE base_registry_signaling INCREMENT BY 1 START WITH 1`,
    `SELECT nextval('base_registry_signaling')`,
    `CREATE SEQUENCE base_cache_signaling INCREMENT BY 1 START WITH 1`,
    `SELECT nextval('base_cache_signaling')`,
    `INSERT INTO stock_warehouse (id, name, code, company_id, partner_id, view_location_id, lot_stock_id) VALUES
       (1, 'YourCompany', 'WH', 1, 1, 7, 8)`,
    `UPDATE stock_location SET warehouse_id = 1 WHERE id IN (7, 8)`,
    `INSERT INTO stock_picking_type (id, name, code, sequence_code, sequence_id, warehouse_id,
       default_location_src_id, default_location_dest_id, company_id) VALUES
       (1, '{"en_US": "Receipts"}', 'incoming', 'IN', 3, 1, 4, 8, 1),
       (2, '{"en_US": "Delivery Orders"}', 'outgoing', 'OUT', 2, 1, 8, 5, 1)`,
    `UPDATE stock_warehouse SET in_type_id = 1, out_type_id = 2 WHERE id = 1`,
  ];
  for (const sql of statements) await client.query(sql);
  await client.query(
    `INSERT INTO res_users (id, login, password, partner_id, company_id, active, create_date, write_date)
     VALUES (2, 'admin', $1, 3, 1, true, now() at time zone 'UTC', now() at time zone 'UTC')`,
    [adminHash],
  );
  const parameters: Array<[string, string]> = [
    ['database.uuid', '8f0c6a6e-5d1e-11f0-9a4b-0242ac120002'],
    ['database.create_date', new Date().toISOString().slice(0, 19).replace('T', ' ')],
    ['web.base.url', 'http://localhost:8069'],
    ['base.login_cooldown_after', '5'],
    ['base.login_cooldown_duration', '60'],
  ];
  if (neutralized) parameters.push(['database.is_neutralized', 'True']);
  for (const [key, value] of parameters) {
    await client.query(`INSERT INTO ir_config_parameter (key, value, create_date, write_date) VALUES ($1, $2, now() at time zone 'UTC', now() at time zone 'UTC')`, [key, value]);
  }
  await client.query(
    `INSERT INTO ir_module_module (name, shortdesc, author, state, latest_version, application)
     SELECT m, jsonb_build_object('en_US', initcap(replace(m, '_', ' '))), 'Odoo S.A.', 'installed', '17.0.1.0',
            m IN ('sale_management', 'stock', 'account', 'purchase')
     FROM unnest($1::varchar[]) AS m`,
    [LAB_MODULES],
  );
  await client.query(
    `INSERT INTO ir_module_module (name, shortdesc, author, state, latest_version, application)
     SELECT m, jsonb_build_object('en_US', initcap(replace(m, '_', ' '))), 'Odoo S.A.', 'uninstalled', '17.0.1.0', true
     FROM unnest($1::varchar[]) AS m`,
    [['mrp', 'crm', 'website', 'point_of_sale', 'hr']],
  );
  // Keep serial sequences past the fixed ids.
  for (const table of ['res_currency', 'res_partner', 'res_company', 'res_users', 'uom_uom', 'product_category',
    'stock_location', 'ir_sequence', 'stock_warehouse', 'stock_picking_type', 'res_country', 'stock_route', 'account_account', 'account_journal']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
}

async function seedBusiness(client: pg.Client, options: CreateLabDatabaseOptions): Promise<void> {
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 17);
  const size = DATASET_SIZES[options.dataset];
  const now = new Date();

  // Customers: two in three are companies, as in a distributor's customer base.
  const partners = { name: [] as string[], email: [] as string[], phone: [] as string[], street: [] as string[], city: [] as string[], zip: [] as string[], isCompany: [] as boolean[], ref: [] as string[] };
  for (let i = 1; i <= size.customers; i++) {
    const isCompany = i % 3 !== 0;
    const name = isCompany ? faker.company.name() : faker.person.fullName();
    partners.name.push(name);
    partners.email.push(faker.internet.email({ firstName: name.split(/[ ,]/)[0] }).toLowerCase());
    partners.phone.push(faker.phone.number());
    partners.street.push(faker.location.streetAddress());
    partners.city.push(faker.location.city());
    partners.zip.push(faker.location.zipCode());
    partners.isCompany.push(isCompany);
    partners.ref.push(`C${String(i).padStart(6, '0')}`);
  }
  await client.query(
    `INSERT INTO res_partner (name, complete_name, email, phone, street, city, zip, is_company, ref, company_id,
                              customer_rank, active, create_uid, create_date, write_uid, write_date)
     SELECT n, n, e, p, s, c, z, ic, r, 1, 1, true, 2, now() at time zone 'UTC', 2, now() at time zone 'UTC'
     FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::boolean[], $8::varchar[])
          AS t(n, e, p, s, c, z, ic, r)`,
    [partners.name, partners.email, partners.phone, partners.street, partners.city, partners.zip, partners.isCompany, partners.ref],
  );

  await client.query(`UPDATE res_partner SET country_id = 233 WHERE customer_rank > 0`);

  // Vendors (supplier_rank 1, ref V000001…): each product is bought from one of them.
  const vendors = { name: [] as string[], email: [] as string[], ref: [] as string[] };
  for (let i = 1; i <= size.vendors; i++) {
    const name = `${faker.company.name()} Supply`;
    vendors.name.push(name);
    vendors.email.push(`orders@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`);
    vendors.ref.push(`V${String(i).padStart(6, '0')}`);
  }
  const vendorIds = await client.query<{ id: number }>(
    `INSERT INTO res_partner (name, complete_name, email, is_company, ref, company_id, supplier_rank, country_id, active, create_uid, create_date, write_uid, write_date)
     SELECT n, n, e, true, r, 1, 1, 233, true, 2, now() at time zone 'UTC', 2, now() at time zone 'UTC'
     FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS t(n, e, r) RETURNING id`,
    [vendors.name, vendors.email, vendors.ref],
  );
  const firstVendor = vendorIds.rows[0]?.id ?? 0;

  // Products: template i ↔ product i; storable (detailed_type 'product'), FIFO category.
  const products = { name: [] as string[], price: [] as number[], code: [] as string[], barcode: [] as string[], qty: [] as number[], cost: [] as number[], inDate: [] as string[] };
  for (let i = 1; i <= size.products; i++) {
    const price = Number(faker.commerce.price({ min: 2, max: 400, dec: 2 }));
    products.name.push(faker.commerce.productName());
    products.price.push(price);
    products.code.push(`SKU-${String(i).padStart(6, '0')}`);
    products.barcode.push(labBarcode(i));
    products.qty.push(faker.number.int({ min: 50, max: 1000 }));
    products.cost.push(Math.round(price * faker.number.float({ min: 0.45, max: 0.75 }) * 100) / 100);
    products.inDate.push(new Date(now.getTime() - faker.number.int({ min: 1, max: 180 }) * 86_400_000).toISOString());
  }
  await client.query(
    `INSERT INTO product_template (id, name, detailed_type, type, categ_id, uom_id, uom_po_id, list_price, sale_ok, purchase_ok,
                                   invoice_policy, active, create_uid, create_date, write_uid, write_date)
     SELECT ord, jsonb_build_object('en_US', n), 'product', 'product', 2, 1, 1, lp, true, true, 'order', true,
            2, now() at time zone 'UTC', 2, now() at time zone 'UTC'
     FROM unnest($1::varchar[], $2::numeric[]) WITH ORDINALITY AS t(n, lp, ord)`,
    [products.name, products.price],
  );
  await client.query(
    `INSERT INTO product_product (id, product_tmpl_id, default_code, barcode, combination_indices, standard_price, active,
                                  create_uid, create_date, write_uid, write_date)
     SELECT ord, ord, dc, bc, '', sp, true, 2, now() at time zone 'UTC', 2, now() at time zone 'UTC'
     FROM unnest($1::varchar[], $2::varchar[], $3::numeric[]) WITH ORDINALITY AS t(dc, bc, sp, ord)`,
    [products.code, products.barcode, products.cost],
  );
  // Buy route and one vendor price per product (round-robin over the vendors)
  await client.query(`INSERT INTO stock_route_product (product_id, route_id) SELECT id, 1 FROM product_template`);
  await client.query(
    `INSERT INTO product_supplierinfo (partner_id, product_tmpl_id, sequence, min_qty, price, delay, company_id, currency_id, create_uid, create_date, write_uid, write_date)
     SELECT $1 + ((ord - 1) % $2), ord, 1, 1, c, 3, 1, 1, 2, now() at time zone 'UTC', 2, now() at time zone 'UTC'
     FROM unnest($3::numeric[]) WITH ORDINALITY AS t(c, ord)`,
    [firstVendor, size.vendors, products.cost],
  );
  // Reordering rules on the first products: manual ones (worked by buyers), every 5th automatic (the scheduler's)
  await client.query(
    `INSERT INTO stock_warehouse_orderpoint (name, trigger, warehouse_id, location_id, product_id, company_id, route_id, product_min_qty, product_max_qty,
                                             qty_multiple, qty_to_order, active, create_uid, create_date, write_uid, write_date)
     SELECT 'OP/' || lpad(g::text, 5, '0'), CASE WHEN g % 5 = 0 THEN 'auto' ELSE 'manual' END, 1, 8, g, 1, 1, 20, 100, 1, 0, true,
            2, now() at time zone 'UTC', 2, now() at time zone 'UTC'
     FROM generate_series(1, $1::int) AS g`,
    [size.orderpoints],
  );
  await client.query(`SELECT setval('ir_sequence_005', $1::int)`, [size.orderpoints]);
  await client.query(
    `INSERT INTO stock_quant (product_id, company_id, location_id, quantity, reserved_quantity, in_date,
                              create_uid, create_date, write_uid, write_date)
     SELECT ord, 1, 8, q, 0, d, 2, d, 2, d
     FROM unnest($1::numeric[], $2::timestamp[]) WITH ORDINALITY AS t(q, d, ord)`,
    [products.qty, products.inDate],
  );
  // One incoming FIFO layer per product (what an inventory adjustment leaves in stock_account).
  await client.query(
    `INSERT INTO stock_valuation_layer (company_id, product_id, quantity, unit_cost, value, remaining_qty, remaining_value,
                                        description, create_uid, create_date, write_uid, write_date)
     SELECT 1, ord, q, c, round(q * c, 2), q, round(q * c, 2), 'Product Quantity Updated', 2, d, 2, d
     FROM unnest($1::numeric[], $2::numeric[], $3::timestamp[]) WITH ORDINALITY AS t(q, c, d, ord)`,
    [products.qty, products.cost, products.inDate],
  );
  for (const table of ['res_partner', 'product_template', 'product_product']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
}
