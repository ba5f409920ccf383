/**
 * The engine's only source of time, injected so run loops can be tested in fake time
 * (STYLE.md §11; k6 tests its executors the same way with testing/synctest).
 */

export interface Clock {
  /** Epoch milliseconds, fractional allowed; never goes backwards. */
  now(): number;
  /** Resolves once `now() >= ms`, or as soon as `signal` aborts. Never rejects. */
  sleepUntil(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Wall-clock time from the monotonic `performance.now()` offset by the process start
 * (`performance.timeOrigin`): epoch milliseconds that an NTP step cannot move backwards.
 */
export const realClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleepUntil(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      // Node timers have millisecond granularity and may fire a fraction early: re-arm until due.
      const arm = () => {
        const remaining = ms - realClock.now();
        if (remaining <= 0) return done();
        timer = setTimeout(arm, Math.max(1, Math.ceil(remaining)));
      };
      signal?.addEventListener('abort', done, { once: true });
      arm();
    });
  },
};
