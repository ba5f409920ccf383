/**
 * `check`: is this Odoo ready for a load test of these journeys? Each item of the checklist is
 * `ok`, `missing` (required: the run would fail) or `warn`, with what to do when it is not ok.
 *
 *   connectivity + version   POST /web/webclient/version_info
 *   credentials              one login (never retried: five failures lock the IP out)
 *   transport                the journeys' transports for this version (src/odoo/transport-choice.ts)
 *   staging marker           ir.config_parameter database.is_neutralized
 *   modules                  ir.module.module.search_read([[name in …]], {fields: ['name', 'state']}) — state 'installed'
 *   dataset                  search_count of what the journeys pick from (customers, storable products with
 *                            barcodes and stock, warehouses, vendors, reordering rules, products invoiced on order)
 */
import type { Journey } from '../../scenarios/journeys/types.js';
import { DATA_TAG } from '../../scenarios/data/datasets.js';
import { createClient } from '../odoo/connect.js';
import { isOdooError } from '../odoo/errors.js';
import { readStagingMarker } from '../odoo/staging.js';
import { transportFor } from '../odoo/transport-choice.js';
import type { OdooClient, OdooTarget, TransportName } from '../odoo/types.js';
import { detectVersion } from '../odoo/version.js';

export type CheckStatus = 'ok' | 'missing' | 'warn';

export interface CheckItem {
  /** Stable id, e.g. `module:sale_stock`, `data:customers`. */
  id: string;
  label: string;
  status: CheckStatus;
  /** What was found. */
  detail: string;
  /** What to do when not ok. */
  fix?: string;
}

export interface CheckOptions {
  journeys: Journey[];
  transport?: TransportName;
  allowUnneutralized?: boolean;
  /** The dataset `prepare` would create, for the fix hint. */
  dataset?: string;
}

/** A need of the data set: a model, a domain and the least count the journeys work with. */
interface DataNeed {
  id: string;
  label: string;
  model: string;
  domain: unknown[];
  min: number;
  /** Journeys that need it. */
  journeys: string[];
}

const STORABLE = ['detailed_type', '=', 'product'];

/** What each journey picks from (see each journey's setup). */
export function dataNeeds(journeys: readonly string[]): DataNeed[] {
  const all: DataNeed[] = [
    { id: 'data:customers', label: 'customers (customer_rank > 0)', model: 'res.partner', domain: [['customer_rank', '>', 0]], min: 20, journeys: ['order-to-delivery', 'order-entry', 'order-lookup', 'edi-order-import', 'barcode-pick', 'invoicing', 'browse'] },
    { id: 'data:customer-refs', label: 'customers with a reference (EDI partner codes)', model: 'res.partner', domain: [['customer_rank', '>', 0], ['ref', '!=', false]], min: 10, journeys: ['edi-order-import'] },
    { id: 'data:products', label: 'storable products with a barcode and stock on hand', model: 'product.product', domain: [STORABLE, ['barcode', '!=', false], ['qty_available', '>', 0]], min: 20, journeys: ['order-to-delivery', 'order-entry', 'edi-order-import', 'barcode-pick', 'stock-inquiry'] },
    { id: 'data:warehouses', label: 'warehouses', model: 'stock.warehouse', domain: [], min: 1, journeys: ['order-to-delivery', 'barcode-pick', 'receipt', 'replenishment', 'stock-inquiry'] },
    { id: 'data:vendors', label: 'vendors (supplier_rank > 0)', model: 'res.partner', domain: [['supplier_rank', '>', 0]], min: 3, journeys: ['receipt', 'replenishment'] },
    { id: 'data:purchasable', label: 'purchasable storable products with a vendor', model: 'product.product', domain: [STORABLE, ['purchase_ok', '=', true], ['seller_ids', '!=', false]], min: 10, journeys: ['receipt', 'replenishment'] },
    { id: 'data:orderpoints', label: `reordering rules (prepare's ${DATA_TAG}-OP…)`, model: 'stock.warehouse.orderpoint', domain: [['name', '=like', `${DATA_TAG}-OP%`]], min: 5, journeys: ['replenishment'] },
    { id: 'data:invoice-on-order', label: 'products invoiced on ordered quantities', model: 'product.product', domain: [['sale_ok', '=', true], ['invoice_policy', '=', 'order']], min: 5, journeys: ['invoicing'] },
  ];
  return all.filter((need) => need.journeys.some((j) => journeys.includes(j)));
}

/**
 * Runs the checklist. Stops after connectivity or login fails (later items need them).
 * Never throws for what it checks; throws only for bugs.
 */
export async function checkTarget(target: OdooTarget, options: CheckOptions): Promise<CheckItem[]> {
  const items: CheckItem[] = [];
  const prepareHint = `run "odoo-capacity prepare --dataset ${options.dataset ?? 'small'}"`;
  let major = Number.NaN;
  try {
    const version = await detectVersion(target.url, target.timeoutMs);
    major = version.major;
    items.push({ id: 'connectivity', label: `Odoo answers at ${target.url}`, status: 'ok', detail: `server_version ${version.serverVersion}` });
    const supported = major >= 16;
    items.push({ id: 'version', label: 'Odoo version', status: supported ? 'ok' : 'warn', detail: `major ${major}`, ...(supported ? {} : { fix: 'journeys are written for Odoo 17 (field names differ before 17: qty_done, type)' }) });
  } catch (error) {
    items.push({ id: 'connectivity', label: `Odoo answers at ${target.url}`, status: 'missing', detail: messageOf(error), fix: 'check --target / ODOO_URL, the port, and that Odoo runs' });
    return items;
  }

  const transports = uniqueTransports(options.journeys.map((j) => transportFor(j.transport, major, options.transport)));
  items.push({ id: 'transport', label: 'transports the journeys will use', status: 'ok', detail: transports.join(', ') });
  const probeTransport: TransportName = major >= 19 ? 'json2' : 'xmlrpc';
  const client = createClient(target, options.transport ?? probeTransport);
  try {
    try {
      const uid = await client.authenticate();
      items.push({ id: 'credentials', label: `login "${target.login}" on database "${target.db}"`, status: 'ok', detail: `uid ${uid}` });
    } catch (error) {
      items.push({ id: 'credentials', label: `login "${target.login}" on database "${target.db}"`, status: 'missing', detail: messageOf(error), fix: 'fix ODOO_LOGIN / ODOO_PASSWORD (or --password-file) before retrying: Odoo locks the IP out after 5 failures' });
      return items;
    }
    items.push(await stagingItem(client, target, options.allowUnneutralized ?? false));
    items.push(...(await moduleItems(client, options.journeys)));
    items.push(...(await dataItems(client, options.journeys.map((j) => j.name), prepareHint)));
  } finally {
    await client.close();
  }
  return items;
}

async function stagingItem(client: OdooClient, target: OdooTarget, allow: boolean): Promise<CheckItem> {
  const label = 'staging marker database.is_neutralized';
  try {
    const neutralized = await readStagingMarker(client, { url: target.url, login: target.login });
    if (neutralized) return { id: 'staging', label, status: 'ok', detail: 'set' };
    return {
      id: 'staging',
      label,
      status: allow ? 'warn' : 'missing',
      detail: 'not set: this may be production',
      fix: 'run "odoo-bin neutralize -d <db>" on the staging copy, or pass --allow-unneutralized-database',
    };
  } catch (error) {
    return { id: 'staging', label, status: 'missing', detail: messageOf(error), fix: 'use an administrator login' };
  }
}

async function moduleItems(client: OdooClient, journeys: Journey[]): Promise<CheckItem[]> {
  const needed: Record<string, string[]> = {};
  for (const journey of journeys) for (const module of journey.modules) (needed[module] ??= []).push(journey.name);
  const names = Object.keys(needed).sort();
  if (names.length === 0) return [];
  const rows = await client.call<Array<{ name: string; state: string }>>('ir.module.module', 'search_read', [[['name', 'in', names]]], { fields: ['name', 'state'] });
  const state: Record<string, string> = {};
  for (const row of rows) state[row.name] = row.state;
  return names.map((name) => {
    const found = state[name] ?? 'not available';
    const ok = found === 'installed';
    return {
      id: `module:${name}`,
      label: `module ${name} (for ${(needed[name] ?? []).join(', ')})`,
      status: ok ? ('ok' as const) : ('missing' as const),
      detail: found,
      ...(ok ? {} : { fix: `install ${name} (Apps, or odoo-bin -i ${name} -d <db>)` }),
    };
  });
}

async function dataItems(client: OdooClient, journeys: string[], hint: string): Promise<CheckItem[]> {
  const items: CheckItem[] = [];
  for (const need of dataNeeds(journeys)) {
    let count: number;
    try {
      count = await client.call<number>(need.model, 'search_count', [need.domain]);
    } catch (error) {
      items.push({ id: need.id, label: need.label, status: 'missing', detail: messageOf(error), fix: hint });
      continue;
    }
    const ok = count >= need.min;
    items.push({ id: need.id, label: need.label, status: ok ? 'ok' : 'missing', detail: `${count} found, ${need.min} needed by ${need.journeys.filter((j) => journeys.includes(j)).join(', ')}`, ...(ok ? {} : { fix: hint }) });
  }
  return items;
}

function uniqueTransports(list: TransportName[]): TransportName[] {
  return list.filter((t, i) => list.indexOf(t) === i);
}

function messageOf(error: unknown): string {
  if (isOdooError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The checklist as text lines: `[ok] label — detail`, then `      fix: …` under items not ok. */
export function formatChecklist(items: readonly CheckItem[]): string {
  const mark: Record<CheckStatus, string> = { ok: '[ok]     ', missing: '[MISSING]', warn: '[warn]   ' };
  const lines: string[] = [];
  for (const item of items) {
    lines.push(`${mark[item.status]} ${item.label} — ${item.detail}`);
    if (item.status !== 'ok' && item.fix) lines.push(`          fix: ${item.fix}`);
  }
  const missing = items.filter((i) => i.status === 'missing').length;
  lines.push(missing === 0 ? 'ready: nothing required is missing.' : `not ready: ${missing} required item(s) missing.`);
  return lines.join('\n');
}
