/**
 * The clock collectors run on: epoch milliseconds and timers. Injected so scheduling can be
 * tested in fake time; the default is the system clock.
 */
export interface CollectorClock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: CollectorClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Sleeps that `cancel()` ends for good (used by stop()): the current sleep resolves `true` at
 * once, and so does every later one. A sleep that ran its time resolves `false`.
 */
export class Sleeper {
  private wakeCurrent: (() => void) | undefined;
  private cancelled = false;

  constructor(private readonly clock: CollectorClock) {}

  sleep(ms: number): Promise<boolean> {
    if (this.cancelled) return Promise.resolve(true);
    return new Promise((resolve) => {
      const handle = this.clock.setTimeout(() => {
        this.wakeCurrent = undefined;
        resolve(false);
      }, Math.max(0, ms));
      this.wakeCurrent = () => {
        this.clock.clearTimeout(handle);
        this.wakeCurrent = undefined;
        resolve(true);
      };
    });
  }

  cancel(): void {
    this.cancelled = true;
    this.wakeCurrent?.();
  }
}
