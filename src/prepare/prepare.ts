/**
 * `prepare`: creates a seeded data set on the target over RPC (scenarios/data/datasets.ts), after the
 * staging guard, idempotently: each record is looked up by its stable key first (`ref`,
 * `default_code`, `name`, archived ones included), so a second run creates nothing and only tops stock
 * back up where runs consumed it.
 *
 * Calls (Odoo 17, any transport; `xmlrpc` by default):
 *   res.users.read([[uid], ['company_id']]); stock.warehouse.search_read([[company_id = c]], {fields: ['lot_stock_id'], limit: 1})
 *   ir.model.data.search_read([[module = purchase_stock, name = route_warehouse0_buy]])      the Buy route
 *   res.partner.search_read([[ref =like 'oc-data-%']], {context: {active_test: false}}); res.partner.create([[…]]); action_unarchive
 *   stock.location.search_read / create([[{name, location_id: lot_stock, usage: internal, barcode}]])
 *   product.product.search_read / create([[{name, default_code, barcode, detailed_type: 'product', invoice_policy: 'order',
 *       list_price, standard_price, route_ids: [[6, 0, [buy]]], seller_ids: [[0, 0, {partner_id, price, min_qty, delay}]]}]])
 *   product.product.read([ids, ['qty_available']]) then stock.quant.create([[{product_id, location_id, inventory_quantity_auto_apply}]], {context: {inventory_mode: true}})
 *   stock.warehouse.orderpoint.search_read / create([[{name, product_id, location_id, warehouse_id, trigger: 'manual', route_id, product_min_qty: 0, product_max_qty: 0}]])
 */
import { generateDataset, type Dataset, type DatasetName } from '../../scenarios/data/datasets.js';
import { InputError } from '../errors.js';
import { assertStaging } from '../odoo/staging.js';
import type { OdooClient } from '../odoo/types.js';

/** Records per `create` call. */
export const BATCH = 100;

export interface PrepareOptions {
  dataset: DatasetName;
  seed?: number;
  /** `--allow-unneutralized-database`. */
  allowUnneutralized?: boolean;
  /** For messages. */
  url: string;
  db: string;
  onProgress?: (line: string) => void;
}

export interface ModelCount {
  created: number;
  existing: number;
  /** Archived earlier (by cleanup) and made active again. */
  reactivated?: number;
  /** stock.quant: products whose stock was set back to the data set's quantity. */
  toppedUp?: number;
}

export type PrepareReport = Record<string, ModelCount>;

interface Row {
  id: number;
  active?: boolean;
}

export async function prepareDataset(client: OdooClient, options: PrepareOptions): Promise<PrepareReport> {
  await assertStaging(client, { allow: options.allowUnneutralized ?? false, url: options.url, db: options.db, action: 'create test data' });
  const data = generateDataset(options.dataset, options.seed);
  const say = options.onProgress ?? (() => undefined);
  const report: PrepareReport = {};
  const uid = client.uid ?? (await client.authenticate());
  const [user] = await client.call<Array<{ company_id: [number, string] }>>('res.users', 'read', [[uid], ['company_id']]);
  const companyId = user?.company_id[0];
  const [warehouse] = await client.call<Array<{ id: number; lot_stock_id: [number, string] }>>('stock.warehouse', 'search_read', [[['company_id', '=', companyId]]], {
    fields: ['lot_stock_id'],
    limit: 1,
    order: 'id',
  });
  if (!warehouse) throw new InputError('PREPARE_NO_WAREHOUSE', `${options.url} database ${options.db}: the login's company has no warehouse; install Inventory (stock) first.`);
  const stockLocation = warehouse.lot_stock_id[0];
  const buyRoute = await xmlId(client, 'purchase_stock', 'route_warehouse0_buy');

  say(`partners: ${data.customers.length} customers, ${data.vendors.length} vendors`);
  await ensure(client, 'res.partner', 'ref', data.customers.map((c) => c.ref), (ref, i) => partnerValues(data.customers[i], ref, 'customer'), report);
  const vendors = await ensure(client, 'res.partner', 'ref', data.vendors.map((v) => v.ref), (ref, i) => partnerValues(data.vendors[i], ref, 'vendor'), report);

  say(`locations: ${data.bins.length} bins under ${warehouse.lot_stock_id[1]}`);
  const bins = await ensure(
    client,
    'stock.location',
    'name',
    data.bins.map((b) => b.name),
    (name, i) => ({ name, barcode: data.bins[i]?.barcode, location_id: stockLocation, usage: 'internal' }),
    report,
    [['location_id', '=', stockLocation]],
  );

  say(`products: ${data.products.length}`);
  const products = await ensure(
    client,
    'product.product',
    'default_code',
    data.products.map((p) => p.code),
    (code, i) => {
      const spec = data.products[i];
      if (!spec) return {};
      const vendorId = vendors[data.vendors[spec.vendor]?.ref ?? ''];
      return {
        name: spec.name,
        default_code: code,
        barcode: spec.barcode,
        detailed_type: 'product',
        invoice_policy: 'order',
        sale_ok: true,
        purchase_ok: true,
        list_price: spec.listPrice,
        standard_price: spec.cost,
        ...(buyRoute === undefined ? {} : { route_ids: [[6, 0, [buyRoute]]] }),
        ...(vendorId === undefined ? {} : { seller_ids: [[0, 0, { partner_id: vendorId, price: spec.cost, min_qty: 1, delay: 3 }]] }),
      };
    },
    report,
  );

  say('stock on hand');
  report['stock.quant'] = await topUpStock(client, data, products, bins, stockLocation);

  if (buyRoute !== undefined) {
    say('reordering rules');
    const withRule = data.products.filter((p) => p.orderpoint);
    // One rule per (product, location, company) is allowed: skip products that already have one.
    const productIds = withRule.map((p) => products[p.code]).filter((id): id is number => id !== undefined);
    const taken = await client.call<Array<{ product_id: [number, string] }>>('stock.warehouse.orderpoint', 'search_read', [[['product_id', 'in', productIds], ['location_id', '=', stockLocation]]], {
      fields: ['product_id'],
      context: { active_test: false },
    });
    const busy = new Set(taken.map((row) => row.product_id[0]));
    await ensure(
      client,
      'stock.warehouse.orderpoint',
      'name',
      withRule.map((p) => `oc-data-OP-${p.code.slice('oc-data-'.length)}`),
      (name, i) => {
        const spec = withRule[i];
        const productId = spec === undefined ? undefined : products[spec.code];
        return { name, product_id: productId, location_id: stockLocation, warehouse_id: warehouse.id, trigger: 'manual', route_id: buyRoute, product_min_qty: 0, product_max_qty: 0 };
      },
      report,
      [],
      // Only consulted for rules not found by name: the product already has someone else's rule.
      (_name, i) => {
        const spec = withRule[i];
        return spec !== undefined && busy.has(products[spec.code] ?? -1);
      },
    );
  }
  return report;
}

function partnerValues(spec: Dataset['customers'][number] | undefined, ref: string, role: 'customer' | 'vendor'): Record<string, unknown> {
  if (!spec) return { ref };
  return {
    name: spec.name,
    ref,
    is_company: true,
    email: spec.email,
    phone: spec.phone,
    street: spec.street,
    city: spec.city,
    zip: spec.zip,
    ...(role === 'customer' ? { customer_rank: 1 } : { supplier_rank: 1 }),
  };
}

async function xmlId(client: OdooClient, module: string, name: string): Promise<number | undefined> {
  const rows = await client.call<Array<{ res_id: number }>>('ir.model.data', 'search_read', [[['module', '=', module], ['name', '=', name]]], { fields: ['res_id'], limit: 1 });
  return rows[0]?.res_id;
}

/**
 * Finds the records whose `key` field is one of `keys` (archived ones too, which are reactivated)
 * and creates the others in batches. Counts go to `report[model]` (added up over calls).
 * @param skip keys not to create although absent (e.g. a product that already has a rule).
 * @returns id by key.
 */
async function ensure(
  client: OdooClient,
  model: string,
  key: string,
  keys: string[],
  values: (key: string, index: number) => Record<string, unknown>,
  report: PrepareReport,
  extraDomain: unknown[] = [],
  skip?: (key: string, index: number) => boolean,
): Promise<Record<string, number>> {
  const byKey: Record<string, number> = {};
  const count = (report[model] ??= { created: 0, existing: 0 });
  const inactive: number[] = [];
  for (let start = 0; start < keys.length; start += 1000) {
    const slice = keys.slice(start, start + 1000);
    const rows = await client.call<Array<Row & Record<string, unknown>>>(model, 'search_read', [[[key, 'in', slice], ...extraDomain]], {
      fields: [key, 'active'],
      context: { active_test: false },
    });
    for (const row of rows) {
      const value = row[key];
      if (typeof value === 'string' && byKey[value] === undefined) {
        byKey[value] = row.id;
        count.existing += 1;
        if (row.active === false) inactive.push(row.id);
      }
    }
  }
  if (inactive.length > 0) {
    await client.call(model, 'write', [inactive, { active: true }]);
    count.reactivated = (count.reactivated ?? 0) + inactive.length;
  }
  const missing = keys.map((k, i) => ({ k, i })).filter(({ k, i }) => byKey[k] === undefined && !(skip?.(k, i) ?? false));
  for (let start = 0; start < missing.length; start += BATCH) {
    const batch = missing.slice(start, start + BATCH);
    const ids = await client.call<number[] | number>(model, 'create', [batch.map(({ k, i }) => values(k, i))]);
    const list = Array.isArray(ids) ? ids : [ids];
    batch.forEach(({ k }, j) => {
      const id = list[j];
      if (id !== undefined) byKey[k] = id;
    });
    count.created += list.length;
  }
  return byKey;
}

/**
 * Sets on-hand stock (`inventory_quantity_auto_apply`, inventory mode: sets, not adds) for every
 * product whose quantity fell below half of its data-set quantity, in its bin.
 */
async function topUpStock(client: OdooClient, data: Dataset, products: Record<string, number>, bins: Record<string, number>, stockLocation: number): Promise<ModelCount> {
  const ids = Object.values(products);
  const onHand: Record<number, number> = {};
  for (let start = 0; start < ids.length; start += 1000) {
    const rows = await client.call<Array<{ id: number; qty_available: number }>>('product.product', 'read', [ids.slice(start, start + 1000), ['qty_available']]);
    for (const row of rows) onHand[row.id] = row.qty_available;
  }
  const values: Array<Record<string, unknown>> = [];
  let existing = 0;
  for (const spec of data.products) {
    const productId = products[spec.code];
    if (productId === undefined) continue;
    if ((onHand[productId] ?? 0) >= spec.stock / 2) {
      existing += 1;
      continue;
    }
    const bin = data.bins[spec.bin];
    const location = (bin === undefined ? undefined : bins[bin.name]) ?? stockLocation;
    // The bin's quant gets the data set's quantity again (consumed stock may sit in other bins too).
    values.push({ product_id: productId, location_id: location, inventory_quantity_auto_apply: spec.stock });
  }
  for (let start = 0; start < values.length; start += BATCH) {
    await client.call('stock.quant', 'create', [values.slice(start, start + BATCH)], { context: { inventory_mode: true } });
  }
  return { created: 0, existing, toppedUp: values.length };
}
