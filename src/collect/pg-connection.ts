/**
 * What the PostgreSQL collectors share: the client settings (application_name, bounded connect
 * and query times), password scrubbing, and the fixed-cadence loop with reconnection and gaps
 * that both pg-activity and pg-stats run on:
 *
 *   connect ──ok──► sleep to tick k's due time ──► tick(client, k) ──ok──► k = nextTick(…)
 *      ▲  └─fail─► open gap, back off ─┐              └─fail─► open gap, close client
 *      └───────────────────────────────┘◄─────────────────────────┘
 *
 * A gap is reported (`onGap`) when the next tick succeeds, or at stop(). Ticks are due at
 * t0 + k × intervalMs (src/collect/cadence.ts): no drift, and a slow tick skips ticks instead of
 * piling them up (the skipped span is a gap too).
 */
import pg from 'pg';
import type { ClientConfig } from 'pg';
import { backoffDelay, firstTickAtOrAfter, nextTick, tickDue } from './cadence.js';
import { Sleeper, type CollectorClock } from './clock.js';

/** The application_name of every collector connection (excluded from the sampled sessions). */
export const COLLECTOR_APPLICATION_NAME = 'odoo-capacity-collector';

/** A span without readings: [fromT, toT) in epoch ms, and why. */
export interface LoopGap {
  fromT: number;
  toT: number;
  reason: string;
}

/** pg client settings: the collectors' application_name, bounded connect and query times. */
export function collectorClientConfig(pgUrl: string | ClientConfig, intervalMs: number): ClientConfig {
  const base: ClientConfig = typeof pgUrl === 'string' ? { connectionString: pgUrl } : { ...pgUrl };
  return {
    ...base,
    application_name: COLLECTOR_APPLICATION_NAME,
    connectionTimeoutMillis: base.connectionTimeoutMillis ?? 5000,
    // A hung network must not block the loop forever: give up on a query after 10 intervals (≥ 5 s).
    query_timeout: Math.max(5000, 10 * intervalMs),
    keepAlive: true,
  };
}

/** A function removing the connection's password from a message. */
export function passwordScrubber(pgUrl: string | ClientConfig): (text: string) => string {
  let secret: string | undefined;
  if (typeof pgUrl === 'string') {
    try {
      secret = decodeURIComponent(new URL(pgUrl).password) || undefined;
    } catch {
      secret = undefined;
    }
  } else if (typeof pgUrl.password === 'string' && pgUrl.password !== '') {
    secret = pgUrl.password;
  }
  return (text) => (secret ? text.split(secret).join('***') : text);
}

/** First line of an error's message. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}

/** Opens a client with an 'error' listener (an idle connection's error would otherwise crash the process). */
export async function openCollectorClient(config: ClientConfig): Promise<{ client: pg.Client; lastError: () => Error | undefined }> {
  const client = new pg.Client(config);
  let last: Error | undefined;
  client.on('error', (error) => {
    last = error;
  });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return { client, lastError: () => last };
}

export interface SamplingLoopOptions {
  intervalMs: number;
  clock: CollectorClock;
  backoff: { initialMs: number; maxMs: number };
  /** Opens and prepares a connection; throws when it cannot. */
  connect: () => Promise<{ client: pg.Client; lastError: () => Error | undefined }>;
  /**
   * One reading. Throwing closes the connection and opens a gap. A gap still open is closed at
   * `due` once the reading returns, or at the reading's own time `t` (epoch ms) when it calls
   * `closeGap(t)` first, so the gap ends exactly at a sample's timestamp.
   */
  tick: (client: pg.Client, index: number, due: number, closeGap: (t: number) => void) => Promise<void>;
  onGap: (gap: LoopGap) => void;
  scrub: (text: string) => string;
  /** What a tick does, for the skipped-ticks gap reason: "<work> took longer than …". Default 'reading'. */
  work?: string;
  /** Receives an unexpected error that ended the loop; without it, stop() rejects with that error. */
  onLoopError?: (error: unknown) => void;
}

export interface SamplingLoop {
  /** The open connection, if any (for a final reading at stop). */
  readonly client: pg.Client | undefined;
  /** Stops the loop; the connection stays open until close(). */
  stop(): Promise<void>;
  /** Closes the connection and reports a gap still open. */
  close(): Promise<void>;
}

/** Starts the loop; resolves once the first connection attempt is over (a failure opens a gap). */
export async function startSamplingLoop(options: SamplingLoopOptions): Promise<SamplingLoop> {
  const { intervalMs, clock, backoff } = options;
  const sleeper = new Sleeper(clock);
  let stopped = false;
  let current: { client: pg.Client; lastError: () => Error | undefined } | undefined;
  let gap: { fromT: number; reason: string } | undefined;

  const openGap = (fromT: number, reason: string) => {
    gap ??= { fromT, reason: options.scrub(reason) };
  };
  const closeGap = (toT: number) => {
    if (gap === undefined) return;
    const closed = { fromT: gap.fromT, toT, reason: gap.reason };
    gap = undefined;
    options.onGap(closed);
  };
  const closeClient = async () => {
    const old = current;
    current = undefined;
    await old?.client.end().catch(() => undefined);
  };
  const connect = async (): Promise<boolean> => {
    try {
      current = await options.connect();
      return true;
    } catch (error) {
      openGap(clock.now(), reasonOf(error));
      return false;
    }
  };

  const t0 = clock.now();
  await connect();

  const loop = async () => {
    let index = 0;
    let failures = 0;
    while (!stopped) {
      if (current === undefined) {
        if (failures > 0 || gap !== undefined) {
          if (await sleeper.sleep(backoffDelay(failures, backoff.initialMs, backoff.maxMs))) break;
        }
        failures++;
        if (!(await connect())) continue;
        failures = 0;
      }
      index = Math.max(index, firstTickAtOrAfter(t0, intervalMs, clock.now()));
      const due = tickDue(t0, intervalMs, index);
      if (await sleeper.sleep(due - clock.now())) break;
      const active = current;
      if (active === undefined) continue;
      try {
        await options.tick(active.client, index, due, closeGap);
        closeGap(due);
      } catch (error) {
        openGap(due, reasonOf(active.lastError() ?? error));
        await closeClient();
        continue;
      }
      const next = nextTick(t0, intervalMs, index, clock.now());
      if (next.skipped > 0) {
        // Closed by the next successful reading, so the gap spans exactly the unread time.
        const work = options.work ?? 'reading';
        openGap(tickDue(t0, intervalMs, index + 1), `${work} took longer than the ${intervalMs} ms interval; ${next.skipped} tick(s) skipped`);
      }
      index = next.index;
    }
  };
  const onLoopError = options.onLoopError;
  const running = onLoopError === undefined ? loop() : loop().catch(onLoopError);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      stopped = true;
      sleeper.cancel();
      await running;
    })();
    return stopping;
  };
  return {
    get client() {
      return current?.client;
    },
    stop,
    async close() {
      await stop();
      await closeClient();
      closeGap(clock.now());
    },
  };
}
