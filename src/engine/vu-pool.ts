/**
 * The virtual users of one scenario. Open model (DESIGN.md principle 2): an arrival takes a free
 * VU; when none is free a new one is created while the pool is below `maxVUs`; at `maxVUs` the
 * arrival is dropped (never queued). Each VU owns one OdooClient and logs in once.
 */
import type { OdooClient } from '../odoo/types.js';

export interface Vu {
  /** Run-wide number, 0-based (JourneyContext.vu). */
  readonly id: number;
  readonly client: OdooClient;
  /** Set after `authenticate()` resolved; cleared when the session expired. */
  authenticated: boolean;
  /** Iterations this VU has started (JourneyContext.iteration of the next one). */
  iterations: number;
  /** JourneyContext.session: what the VU's browser page keeps between iterations; emptied on each (re)login. */
  session?: Record<string, unknown>;
}

export class VuPool {
  private readonly all: Vu[] = [];
  private readonly free: Vu[] = [];

  /**
   * @param maxVUs hard upper bound on the pool size
   * @param createVu makes a new, not yet authenticated VU
   */
  constructor(
    readonly journey: string,
    readonly maxVUs: number,
    private readonly createVu: () => Vu,
  ) {}

  /** VUs created so far. */
  get size(): number {
    return this.all.length;
  }

  /** VUs running an iteration now. */
  get busy(): number {
    return this.all.length - this.free.length;
  }

  /** A free VU (most recently used first), a new one below maxVUs, or undefined: the arrival is dropped. */
  acquire(): Vu | undefined {
    const vu = this.free.pop();
    if (vu) return vu;
    if (this.all.length >= this.maxVUs) return undefined;
    const created = this.createVu();
    this.all.push(created);
    return created;
  }

  release(vu: Vu): void {
    this.free.push(vu);
  }

  /**
   * Creates `count` VUs before the start and logs them in, `concurrency` at a time, so the first
   * iterations do not pay for logins. Stops at the first failure and rejects with it.
   */
  async preallocate(count: number, login: (vu: Vu) => Promise<void>, concurrency = 4): Promise<void> {
    const created: Vu[] = [];
    for (let i = 0; i < count && this.all.length < this.maxVUs; i += 1) {
      const vu = this.createVu();
      this.all.push(vu);
      created.push(vu);
    }
    let next = 0;
    let failed = false; // after one failed login no other VU tries (Odoo blocks an IP after 5)
    const worker = async () => {
      while (next < created.length && !failed) {
        const vu = created[next++] as Vu;
        try {
          await login(vu);
        } catch (e) {
          failed = true;
          throw e;
        }
        this.free.push(vu);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, created.length) }, worker));
  }

  /** Closes every client; failures to close are ignored (the run is over). */
  async closeAll(): Promise<void> {
    await Promise.allSettled(this.all.map((vu) => vu.client.close()));
  }
}
