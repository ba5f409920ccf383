/**
 * Runs journeys against a real Odoo (ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_PASSWORD) the way the engine
 * does: setup once, then iterations with named steps, a seeded random and a run tag.
 */
import type { Journey, JourneyContext } from '../../../scenarios/journeys/types.js';
import { mulberry32 } from '../../../src/plan/random.js';
import { createClient } from '../../../src/odoo/connect.js';
import type { OdooClient, OdooTarget, TransportName } from '../../../src/odoo/types.js';

/** The target from the environment, or undefined (tests then skip). */
export function realTarget(env: NodeJS.ProcessEnv = process.env): OdooTarget | undefined {
  const { ODOO_URL: url, ODOO_DB: db, ODOO_LOGIN: login, ODOO_PASSWORD: password } = env;
  if (!url || !db || !login || !password) return undefined;
  return { url, db, login, password, ...(env.ODOO_API_KEY ? { apiKey: env.ODOO_API_KEY } : {}) };
}

export interface JourneyRun {
  /** Step names in the order they ran (repeated steps repeated). */
  steps: string[];
  /** Milliseconds per step run. */
  durations: Array<{ step: string; ms: number }>;
}

/**
 * `iterations` iterations of `journey` on one client (one login), sequentially.
 * @param params profile parameters (`ctx.params`).
 */
export async function runJourney(
  target: OdooTarget,
  journey: Journey,
  options: { tag: string; iterations?: number; seed?: number; transport?: TransportName; params?: Record<string, unknown>; client?: OdooClient },
): Promise<JourneyRun> {
  const client = options.client ?? createClient(target, options.transport ?? journey.transport);
  const run: JourneyRun = { steps: [], durations: [] };
  try {
    await client.authenticate();
    const shared = journey.setup ? await journey.setup(client) : undefined;
    // The engine's generator, so iterations are deterministic the same way.
    const random = mulberry32(options.seed ?? 1);
    for (let iteration = 0; iteration < (options.iterations ?? 1); iteration += 1) {
      const ctx: JourneyContext & { params?: Record<string, unknown> } = {
        client,
        random,
        shared,
        tag: options.tag,
        vu: 0,
        iteration,
        step: async (name, fn) => {
          run.steps.push(name);
          const t0 = performance.now();
          try {
            return await fn();
          } finally {
            run.durations.push({ step: name, ms: Math.round(performance.now() - t0) });
          }
        },
        ...(options.params ? { params: options.params } : {}),
      };
      await journey.run(ctx);
    }
  } finally {
    if (!options.client) await client.close();
  }
  return run;
}
