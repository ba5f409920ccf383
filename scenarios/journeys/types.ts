import type { OdooClient, TransportName } from '../../src/odoo/types.js';

/** What a journey iteration receives from the engine. */
export interface JourneyContext<S = unknown> {
  client: OdooClient;
  /**
   * Run one named step. Its duration is recorded under (journey, step) and a failure is counted
   * against that step; the error is re-thrown so the iteration stops.
   */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Deterministic random numbers in [0, 1) for this iteration (seeded from the run seed). */
  random: () => number;
  /** What `setup` returned, shared by every iteration of the run. */
  shared: S;
  /** Tag for records this run creates (the run id); written into `client_order_ref`/`origin` so cleanup finds them. */
  tag: string;
  /**
   * Business parameters the profile gives this journey, only those the journey declares in its
   * `params`; undefined when the profile gives none. Read them with `param(ctx, declared, name)`
   * (./common.ts), which falls back to the declared default.
   */
  params?: Record<string, unknown>;
  /** Virtual-user number (0-based) and iteration number of this VU. */
  vu: number;
  iteration: number;
  /**
   * Think time: waits `seconds` on the engine's clock (fake time in tests; k6's `sleep` in the
   * k6 bundle). Every engine provides it; optional only so hand-made contexts in tests need not.
   * Counts in the iteration's latency, not in any step's.
   */
  sleep?(seconds: number): Promise<void>;
  /**
   * State that lives as long as the virtual user's session, across its iterations: what a browser
   * page keeps in memory (the web client's loaded actions and views, see
   * scenarios/journeys/web-client/session.ts). The engines give every VU its own object; hand-made
   * contexts may leave it out (a session per client is kept then).
   */
  session?: Record<string, unknown>;
  /**
   * Major version of the target Odoo (16, 17, 18 …) as `run`/`check` read it from
   * `/web/webclient/version_info`; interactive journeys send that version's web-client calls.
   * Absent: 17, the version the recorded web-client traffic comes from.
   */
  serverMajor?: number;
}

/**
 * A parameter a journey reads from `ctx.params`: what kind of value it takes, its default (the one
 * the journey uses when the profile gives none) and what it changes. A profile may give a journey
 * only the parameters it declares (scenarios/profiles/schema.ts).
 *
 * - `count`: a number or a distribution (scenarios/distributions.ts `Count`), drawn per iteration;
 *   default a number or `{min, max}` drawn uniformly.
 * - `seconds`: a think time ≥ 0.
 * - `share`: a probability, 0–1.
 * - `choice`: one of `values`.
 * - `value`: anything a journey file uses as given (its `params:` or a `${params.name}` reference).
 */
export type JourneyParam =
  | { kind: 'count'; default: number | { min: number; max: number }; about: string }
  | { kind: 'seconds'; default: number; about: string }
  | { kind: 'share'; default: number; about: string }
  | { kind: 'choice'; values: readonly string[]; default: string; about: string }
  /** A journey file's param, used as given (`${params.name}`): a number, a text or a count drawn per iteration. */
  | { kind: 'value'; about: string };

/** One business flow, written once, run by the embedded engine and bundled for k6. */
export interface Journey<S = unknown> {
  /** Stable kebab-case name used in profiles, metrics and reports, e.g. `order-to-delivery`. */
  name: string;
  /** One line for humans. */
  description: string;
  /** The transport its real-world counterpart uses (interactive: `web`; integrations: `xmlrpc`). */
  transport: TransportName;
  /** Named steps in order, so reports can list them even before they ran. */
  steps: readonly string[];
  /** Odoo modules the journey needs. */
  modules: readonly string[];
  /** The parameters it reads from `ctx.params` (none when absent). */
  params?: Readonly<Record<string, JourneyParam>>;
  /** Once per run before load starts: look up the data the iterations pick from (customers, products …). */
  setup?(client: OdooClient): Promise<S>;
  /** One iteration. */
  run(ctx: JourneyContext<S>): Promise<void>;
}
