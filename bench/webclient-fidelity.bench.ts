/**
 * Fidelity of the web-client order entry (issue 15): what one 5-line order costs the server when the
 * journey sends it as Odoo's web client does, against the API-shaped sequence the tool used to send
 * (name_search, search_read, 5 × name_search, create, action_confirm), in the same session, orders
 * interleaved. Figures from the server's own request log (per request `<queries> <SQL s> <other s>`):
 * requests per order and server seconds per order; prints the ratio web / API.
 *
 * Target: a real Odoo when ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_PASSWORD and ODOO_LOG (its log file,
 * readable here, log_level info) are set — nothing else may use that server meanwhile; else the lab
 * (its calibration, docs/CALIBRATION.md). BENCH_FIDELITY_ORDERS: orders of each kind (default 3).
 * Run: npm run build && node dist/bench/run-all.js webclient-fidelity
 */
import { median } from 'simple-statistics';
import { journeys } from '../scenarios/journeys/index.js';
import { createClient } from '../src/odoo/connect.js';
import type { OdooClient } from '../src/odoo/types.js';
import { pressButton } from '../scenarios/journeys/common.js';
import { measured, measuredServer, type Cost } from './server-log-cost.js';

const ORDERS = Number(process.env.BENCH_FIDELITY_ORDERS ?? 3);
const LINES = 5;

/** The API-shaped order the tool sent before issue 15 (scenarios/journeys/order-entry.ts until then). */
async function apiOrder(client: OdooClient, customer: { id: number; term: string }, products: Array<{ id: number; term: string }>): Promise<void> {
  await client.call('res.partner', 'name_search', [customer.term], { limit: 8 });
  await client.call('res.partner', 'search_read', [[['id', '=', customer.id]]], { fields: ['name', 'street', 'city', 'property_payment_term_id', 'property_product_pricelist', 'credit'], limit: 1 });
  for (const p of products) await client.call('product.product', 'name_search', [p.term], { limit: 8 });
  const order = await client.call<number>('sale.order', 'create', [{ partner_id: customer.id, client_order_ref: 'oc-bench-fidelity', order_line: products.map((p) => [0, 0, { product_id: p.id, product_uom_qty: 2 }]) }]);
  await pressButton(client, 'sale.order', 'action_confirm', [order]);
}

export async function run(): Promise<void> {
  const server = await measuredServer();
  const { target, logFile, real } = server;
  try {
    const client = createClient(target, 'web');
    await client.authenticate();
    const journey = journeys['order-entry'];
    if (journey === undefined) throw new Error('no order-entry journey');
    const shared = (await journey.setup?.(client)) as { customers: Array<{ id: number; term: string }>; products: Array<{ id: number; term: string }> };
    const web: Cost[] = [];
    const api: Cost[] = [];
    let seed = 1;
    for (let i = 0; i < ORDERS + 1; i++) {
      const random = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
      const products = shared.products.slice((i * LINES) % Math.max(1, shared.products.length - LINES), ((i * LINES) % Math.max(1, shared.products.length - LINES)) + LINES);
      const w = await measured(logFile, () =>
        journey.run({ client, shared, random, tag: 'oc-bench-fidelity', params: { linesPerOrder: LINES }, vu: 0, iteration: i, step: (_n, fn) => fn() }),
      );
      const a = await measured(logFile, () => apiOrder(client, shared.customers[0] as { id: number; term: string }, products));
      // The first of each is a warm-up (the web client's get_views, the workers' caches).
      if (i > 0) {
        web.push(w);
        api.push(a);
      }
    }
    await client.close();
    const med = (xs: Cost[], key: keyof Cost): number => median(xs.map((x) => x[key]));
    const row = (name: string, xs: Cost[]): string => `${name.padEnd(22)} ${String(med(xs, 'requests')).padStart(8)} ${med(xs, 'serverS').toFixed(3).padStart(12)}   ${xs.map((x) => x.serverS.toFixed(2)).join(' ')}`;
    process.stdout.write(`target: ${real ? `${target.url} (real Odoo, log ${logFile})` : 'the lab (calibrated)'}; ${ORDERS} orders of ${LINES} lines each way, medians\n`);
    process.stdout.write(`${'order entry'.padEnd(22)} ${'requests'.padStart(8)} ${'server s'.padStart(12)}   each\n`);
    process.stdout.write(row('web client (journey)', web) + '\n');
    process.stdout.write(row('API-shaped sequence', api) + '\n');
    process.stdout.write(`ratio web / API: ${(med(web, 'serverS') / med(api, 'serverS')).toFixed(2)}× server time, ${med(web, 'requests')} vs ${med(api, 'requests')} requests per order\n`);
  } finally {
    await server.stop();
  }
}
