/**
 * Runs one iteration of a journey on a VU and emits its samples.
 *
 *   intended start ──(engine late?)── actual start ──(login, fresh VU only)── service start ── end
 *   latency = end − intended start − login      service = end − service start
 *
 * Latency counts from the scheduled time, so an engine that got to the arrival late does not hide
 * the wait (no coordinated omission); the one-off login of a fresh VU is an artefact of the load
 * generator, not something a logged-in user waits for, so it is left out.
 */
import type { Journey, JourneyContext } from '../../scenarios/journeys/types.js';
import type { Clock } from './clock.js';
import { errorKindOf, errorMessageOf, type ErrorKind } from './error-kind.js';
import { mixSeed, mulberry32 } from '../plan/random.js';
import type { SampleSink } from './samples.js';
import type { Vu } from './vu-pool.js';

export interface IterationRunner {
  /** Never rejects: failures become samples. `arrival` is the 1-based arrival number in its scenario. */
  run(vu: Vu, intendedMs: number, arrival: number): Promise<void>;
}

export interface IterationOptions {
  journey: Journey;
  shared: unknown;
  /** JourneyContext.tag (the run id). */
  tag: string;
  /** Run seed and scenario index: iteration k of a scenario always gets the same random stream. */
  seed: number;
  scenarioIndex: number;
  clock: Clock;
  samples: SampleSink;
  /** Stop scheduling: a fresh VU is not logged in once the run is stopping. */
  signal: AbortSignal;
  /** JourneyContext.params: the scenario's business parameters. */
  params?: Record<string, unknown>;
  /** JourneyContext.serverMajor: the target's major version (undefined: unknown). */
  serverMajor?: number;
  /** A login was refused (access_denied): the run must stop before Odoo locks the IP out. */
  onAccessDenied(vu: Vu, message: string): void;
}

const toUs = (ms: number) => Math.max(0, Math.round(ms * 1000));

export function createIterationRunner(o: IterationOptions): IterationRunner {
  const journey = o.journey.name;
  return {
    async run(vu, intendedMs, arrival) {
      const { clock, samples } = o;
      const actualStart = clock.now();
      let loginMs = 0;
      if (!vu.authenticated) {
        if (o.signal.aborted) return;
        try {
          await vu.client.authenticate();
          vu.authenticated = true;
          vu.session = {}; // a new login is a new browser session: views and actions load again
        } catch (e) {
          const end = clock.now();
          const kind = errorKindOf(e);
          const message = `authenticate: ${errorMessageOf(e)}`;
          samples.push({ type: 'error', journey, step: null, t: end, kind, message });
          samples.push({ type: 'iteration', journey, t: end, intendedT: intendedMs, latencyUs: toUs(end - intendedMs), serviceUs: toUs(end - actualStart), error: kind });
          if (kind === 'access_denied') o.onAccessDenied(vu, message);
          return;
        }
        loginMs = clock.now() - actualStart;
      }

      const serviceStart = clock.now();
      let reported: unknown = undefined; // the error a step already turned into an event
      const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
        const start = clock.now();
        try {
          const value = await fn();
          const end = clock.now();
          samples.push({ type: 'step', journey, step: name, t: end, durationUs: toUs(end - start), error: null });
          return value;
        } catch (e) {
          const end = clock.now();
          const kind = errorKindOf(e);
          samples.push({ type: 'step', journey, step: name, t: end, durationUs: toUs(end - start), error: kind });
          if (reported !== e) samples.push({ type: 'error', journey, step: name, t: end, kind, message: errorMessageOf(e) });
          reported = e;
          throw e;
        }
      };
      const context: JourneyContext = {
        client: vu.client,
        step,
        random: mulberry32(mixSeed(o.seed, o.scenarioIndex, arrival)),
        shared: o.shared,
        tag: o.tag,
        vu: vu.id,
        iteration: vu.iterations++,
        sleep: (seconds) => clock.sleepUntil(clock.now() + Math.max(0, seconds) * 1000, o.signal),
        session: (vu.session ??= {}),
        ...(o.params !== undefined ? { params: o.params } : {}),
        ...(o.serverMajor !== undefined ? { serverMajor: o.serverMajor } : {}),
      };

      let error: ErrorKind | null = null;
      try {
        await o.journey.run(context);
      } catch (e) {
        error = errorKindOf(e);
        if (reported !== e) samples.push({ type: 'error', journey, step: null, t: clock.now(), kind: error, message: errorMessageOf(e) });
        if (error === 'session_expired') vu.authenticated = false; // log in again before the next iteration
      }
      const end = clock.now();
      samples.push({
        type: 'iteration',
        journey,
        t: end,
        intendedT: intendedMs,
        latencyUs: toUs(end - intendedMs - loginMs),
        serviceUs: toUs(end - serviceStart),
        error,
      });
    },
  };
}
