/**
 * Warm-up before measuring: the first request an Odoo worker serves for a database after a
 * (re)start loads the registry (~3.5 s on the reference machine, docs/ODOO-PROTOCOL.md), and each worker
 * checks a password once before caching it. Measuring before every worker is warm would charge
 * those seconds to the first virtual users.
 *
 * Odoo's prefork server lets its workers race to accept connections, so N concurrent calls land on
 * up to N workers. The warm-up sends rounds of N = max(2 × workers, 4) concurrent cheap calls
 * (`res.users.search_count` on the logged-in user: one indexed query) on fresh connections and stops
 * when a whole round answers within `fastMs`, or after `maxRounds`.
 */
import { createClient } from './connect.js';
import type { OdooClient, OdooTarget, TransportName } from './types.js';

/** Workers assumed when the caller does not know (Odoo's sizing rule for 2 cores: 2 × 2 + 1). */
export const DEFAULT_WORKERS = 5;

export interface WarmUpOptions {
  /** A round is warm when its slowest call took at most this long. Default 1000 ms. */
  fastMs?: number;
  /** Give up after this many rounds (the target is then just slow, not cold). Default 5. */
  maxRounds?: number;
  /** Client factory (tests); default `createClient`. */
  connect?: (target: OdooTarget, transport: TransportName) => OdooClient;
  /** Milliseconds clock (tests); default `performance.now`. */
  now?: () => number;
}

export interface WarmUpRound {
  calls: number;
  /** Slowest call of the round, ms. */
  slowestMs: number;
}

export interface WarmUpResult {
  /** True when the last round was fast. */
  warm: boolean;
  rounds: WarmUpRound[];
  /** Concurrent calls per round. */
  concurrency: number;
  durationMs: number;
}

/**
 * Touch every Odoo worker until each answers fast.
 * @param workers the server's HTTP worker count when known (odoo.conf `workers`).
 * @throws OdooError from the login (a bad password stops here, once) or from a failed call.
 */
export async function warmUp(target: OdooTarget, transport: TransportName, workers: number = DEFAULT_WORKERS, options: WarmUpOptions = {}): Promise<WarmUpResult> {
  const fastMs = options.fastMs ?? 1000;
  const maxRounds = options.maxRounds ?? 5;
  const connect = options.connect ?? createClient;
  const now = options.now ?? (() => performance.now());
  const concurrency = Math.max(2 * Math.max(1, Math.floor(workers)), 4);
  const started = now();

  // One login (one PBKDF2 check). Concurrent calls on one client each get their own connection
  // (the keep-alive agent opens a socket per request in flight), so they spread over the workers.
  const client = connect(target, transport);
  const rounds: WarmUpRound[] = [];
  try {
    const uid = await client.authenticate();
    for (let round = 0; round < maxRounds; round += 1) {
      const times = await Promise.all(
        Array.from({ length: concurrency }, async () => {
          const t0 = now();
          await client.call('res.users', 'search_count', [[['id', '=', uid]]]);
          return now() - t0;
        }),
      );
      const slowestMs = Math.max(...times);
      rounds.push({ calls: times.length, slowestMs });
      if (slowestMs <= fastMs) return { warm: true, rounds, concurrency, durationMs: now() - started };
    }
    return { warm: false, rounds, concurrency, durationMs: now() - started };
  } finally {
    await client.close();
  }
}
