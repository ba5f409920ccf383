/**
 * The k6 side of a journey (bundled into the exported script): each k6 scenario's `exec` function
 * runs one iteration of its journey with the same JourneyContext the embedded engine gives.
 *
 * Per VU (each k6 VU is its own JavaScript runtime, so module state is per VU): one client per
 * journey, logged in once, and `journey.setup` run once (k6's own setup() runs in a separate VU and
 * would have to pass its result as JSON; per-VU setup keeps the journeys unchanged).
 *
 * Metrics (read back by src/k6/ingest.ts):
 *   journey_duration   Trend (ms)  {journey, outcome}        whole iteration after login; outcome ok | error kind
 *   step_duration      Trend (ms)  {journey, step, outcome}  one ctx.step
 *   journey_failed     Rate        {journey}                 1 for a failed iteration
 *   journey_iterations Counter     {journey}
 *   odoo_errors        Counter     {journey, step, kind}
 */
import { sleep } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import type { Journey, JourneyContext } from '../../../scenarios/journeys/types.js';
import { errorKindOf } from '../../engine/error-kind.js';
import { mixSeed, mulberry32 } from '../../plan/random.js';
import { K6OdooClient, type K6Target, type StepState } from './client.js';

export interface K6ScenarioConfig {
  journey: string;
  /** Index of the scenario in the plan (random streams). */
  index: number;
  params?: Record<string, unknown>;
  /** Closed-model think time after each iteration, seconds. */
  thinkTimeS?: number;
}

export interface K6ScriptConfig {
  seed: number;
  /** JourneyContext.tag default (the run id is passed as ODOO_CAPACITY_TAG by `run --engine k6`). */
  tag: string;
}

/** JourneyContext.serverMajor inside k6: `ODOO_MAJOR` (set by `run --engine k6` from the server's version), else undefined (17). */
function serverMajorFromEnv(): number | undefined {
  const major = Number(__ENV.ODOO_MAJOR);
  return __ENV.ODOO_MAJOR && isFinite(major) ? major : undefined;
}

const journeyDuration = new Trend('journey_duration', true);
const stepDuration = new Trend('step_duration', true);
const journeyFailed = new Rate('journey_failed');
const journeyIterations = new Counter('journey_iterations');
const odooErrors = new Counter('odoo_errors');

interface VuJourney {
  client: K6OdooClient;
  shared: unknown;
  ready: boolean;
  /** JourneyContext.session: this VU's browser-page state, new on every (re)login. */
  session: Record<string, unknown>;
}

function targetFromEnv(): K6Target {
  const need = (name: string): string => {
    const value = __ENV[name];
    if (value === undefined || value === '') throw new Error(`set ${name} (k6 run -e ${name}=… or in the environment)`);
    return value;
  };
  return { url: need('ODOO_URL'), db: need('ODOO_DB'), login: need('ODOO_LOGIN'), password: need('ODOO_PASSWORD'), timeout: __ENV.ODOO_TIMEOUT || '60s' };
}

/** The exec function of one scenario. */
export function scenarioExec(journeys: Record<string, Journey>, script: K6ScriptConfig, scenario: K6ScenarioConfig): () => Promise<void> {
  const journey = journeys[scenario.journey];
  if (journey === undefined) throw new Error(`journey ${scenario.journey} is not in the bundle`);
  const state: StepState = { journey: journey.name, step: 'authenticate' };
  let vu: VuJourney | undefined;

  return async function iteration(): Promise<void> {
    if (vu === undefined) vu = { client: new K6OdooClient(targetFromEnv(), journey.transport, state), shared: undefined, ready: false, session: {} };
    const current = vu;
    if (!current.ready) {
      state.step = 'authenticate';
      await current.client.authenticate();
      current.session = {};
      if (journey.setup) {
        state.step = 'setup';
        current.shared = await journey.setup(current.client);
      }
      current.ready = true;
    }
    const started = Date.now();
    const ctx: JourneyContext = {
      client: current.client,
      async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
        const stepStarted = Date.now();
        state.step = name;
        try {
          const value = await fn();
          stepDuration.add(Date.now() - stepStarted, { journey: journey.name, step: name, outcome: 'ok' });
          return value;
        } catch (e) {
          const kind = errorKindOf(e);
          stepDuration.add(Date.now() - stepStarted, { journey: journey.name, step: name, outcome: kind });
          odooErrors.add(1, { journey: journey.name, step: name, kind });
          throw e;
        } finally {
          state.step = '-';
        }
      },
      random: mulberry32(mixSeed(script.seed, scenario.index, __VU, __ITER)),
      shared: current.shared,
      tag: __ENV.ODOO_CAPACITY_TAG || script.tag,
      vu: __VU,
      iteration: __ITER,
      sleep: (seconds: number) => {
        sleep(seconds);
        return Promise.resolve();
      },
    };
    if (scenario.params !== undefined) ctx.params = scenario.params;
    ctx.session = current.session;
    const major = serverMajorFromEnv();
    if (major !== undefined) ctx.serverMajor = major;
    let outcome = 'ok';
    try {
      await journey.run(ctx);
    } catch (e) {
      outcome = errorKindOf(e);
      if (outcome === 'session_expired') current.ready = false; // log in again next iteration
    }
    journeyDuration.add(Date.now() - started, { journey: journey.name, outcome });
    journeyFailed.add(outcome === 'ok' ? 0 : 1, { journey: journey.name });
    journeyIterations.add(1, { journey: journey.name });
    if (scenario.thinkTimeS) sleep(scenario.thinkTimeS);
  };
}
