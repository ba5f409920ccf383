/**
 * Replays the recorded Odoo 17 web client traffic (test/fixtures/odoo17-webclient/) to a journey:
 * a recording OdooClient answers each call with the fixture's response to the same call (by path and
 * occurrence in the task), and what a page loads once (session info, /web/action/load, get_views)
 * from the fixture's warm-up run. The comparison helpers reduce calls to their shapes: route, model,
 * method, argument count, the keys of kwargs, specifications, contexts and value dicts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OdooClient } from '../../../src/odoo/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../fixtures/odoo17-webclient');

export interface RecordedRequest {
  path: string;
  model: string | null;
  method: string | null;
  request: { params: Record<string, unknown> };
  response: { result?: unknown; error?: unknown };
  server: { queries: number; sqlS: number; otherS: number };
}

export interface WebClientFixture {
  task: string;
  steps: Array<{ name: string; requests: RecordedRequest[] }>;
  firstOpenOnly: { requests: RecordedRequest[] };
  totals: { requests: number; queries: number; sqlS: number; otherS: number };
}

export function loadWebClientFixture(name: 'order-entry' | 'order-lookup' | 'stock-inquiry' | 'delivery-validate'): WebClientFixture {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as WebClientFixture;
}

export function requestsOf(fixture: WebClientFixture): RecordedRequest[] {
  return fixture.steps.flatMap((step) => step.requests);
}

export interface Sent {
  path: string;
  model: string | null;
  method: string | null;
  params: Record<string, unknown>;
}

/** Responses are matched by path, and for onchange also by the changed fields (defaults, product, quantity …). */
function answerKey(path: string, params: Record<string, unknown>): string {
  return path.endsWith('/onchange') ? `${path} ${JSON.stringify((params.args as unknown[] | undefined)?.[2])}` : path;
}

/** The path of a JSON-RPC call as the web client posts it. */
function callPath(model: string, method: string): string {
  return `/web/dataset/call_kw/${model}/${method}`;
}

/**
 * A client that records every call and answers from `fixtures`: the n-th call to a path in an
 * iteration gets the n-th recorded response to that path (`newIteration()` starts counting again).
 */
export class ReplayClient implements OdooClient {
  readonly transport = 'web' as const;
  readonly uid = 2;
  readonly sent: Sent[] = [];
  private readonly byPath = new Map<string, RecordedRequest[]>();
  private readonly once: RecordedRequest[] = [];
  private seen = new Map<string, number>();

  /**
   * @param fixtures the tasks whose responses answer the calls
   * @param page more tasks recorded in the same browser page, whose first-open calls (actions, views) the page already made
   */
  /** Answers a call instead of the fixture when it returns something else than undefined. */
  override?: (sent: Sent) => unknown;

  constructor(fixtures: WebClientFixture[], page: WebClientFixture[] = []) {
    for (const fixture of fixtures) {
      for (const request of requestsOf(fixture)) {
        const key = answerKey(request.path, request.request.params);
        this.byPath.set(key, [...(this.byPath.get(key) ?? []), request]);
      }
    }
    for (const fixture of [...fixtures, ...page]) this.once.push(...fixture.firstOpenOnly.requests);
  }

  newIteration(): void {
    this.seen = new Map();
  }

  async authenticate(): Promise<number> {
    return 2;
  }

  async close(): Promise<void> {}

  async call<T>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    return this.answer({ path: callPath(model, method), model, method, params: { model, method, args, kwargs } }) as T;
  }

  async callButton<T>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    return this.answer({ path: '/web/dataset/call_button', model, method, params: { model, method, args, kwargs } }) as T;
  }

  async callRoute<T>(route: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.answer({ path: route, model: null, method: null, params }) as T;
  }

  private answer(sent: Sent): unknown {
    this.sent.push(sent);
    const overridden = this.override?.(sent);
    if (overridden !== undefined) return overridden;
    if (sent.path === '/web/session/get_session_info') {
      return { uid: 2, user_context: { lang: 'en_US', tz: 'Europe/Brussels', uid: 2 }, user_companies: { current_company: 1 } };
    }
    if (sent.path === '/web/action/load') {
      const found = this.once.find((r) => r.path === '/web/action/load' && (r.response.result as { xml_id?: string } | undefined)?.xml_id === sent.params.action_id);
      return found?.response.result ?? false;
    }
    if (sent.method === 'get_views') {
      const actionOf = (params: Record<string, unknown>) => ((params.kwargs as { options?: { action_id?: unknown } } | undefined)?.options?.action_id);
      const candidates = this.once.filter((r) => r.method === 'get_views' && r.model === sent.model);
      const found = candidates.find((r) => actionOf(r.request.params) === actionOf(sent.params)) ?? candidates[0];
      return found?.response.result ?? { views: {}, models: {} };
    }
    const key = answerKey(sent.path, sent.params);
    const index = this.seen.get(key) ?? 0;
    this.seen.set(key, index + 1);
    const recorded = this.byPath.get(key)?.[index];
    if (!recorded) return key.endsWith('/name_search') ? [] : false;
    return recorded.response.result;
  }
}

/** The shape of a specification or value dict: keys, recursively through `fields`, `context` keys. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) {
    // x2many commands: [0, "virtual_N", {…}] → [0, "virtual", shape]
    if (value.length === 3 && typeof value[0] === 'number' && typeof value[1] === 'string') return [value[0], value[1].replace(/_\d+$/, ''), shapeOf(value[2])];
    return value.map(shapeOf);
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = shapeOf((value as Record<string, unknown>)[key]);
    return out;
  }
  return typeof value;
}

/** A call reduced to what the comparison checks, one line of text per concern. */
export function describeCall(call: { path: string; model: string | null; method: string | null; params: Record<string, unknown> }): Record<string, unknown> {
  const params = call.params;
  const args = params.args as unknown[] | undefined;
  const kwargs = params.kwargs as Record<string, unknown> | undefined;
  const out: Record<string, unknown> = { path: call.path, model: call.model, method: call.method };
  if (args === undefined) {
    out.params = Object.keys(params).sort();
    return out;
  }
  out.args = args.length;
  out.kwargs = Object.keys(kwargs ?? {}).sort();
  if (kwargs?.context) out.context = Object.keys(kwargs.context as object).sort();
  if (kwargs?.specification) out.specification = shapeOf(kwargs.specification);
  if (kwargs?.domain) out.domain = JSON.stringify(kwargs.domain).replace(/"[^"]*ilike","[^"]*"/g, '"ilike",?').replace(/"child_of","[^"]*"/g, '"child_of",?');
  if (call.method === 'name_search') out.name = (kwargs?.name as string) === '' ? 'empty' : 'typed';
  if (call.method === 'onchange') {
    out.values = shapeOf(args[1]);
    out.fieldNames = args[2];
    out.specification = shapeOf(args[3]);
  }
  if (call.method === 'web_save') out.values = shapeOf(args[1]);
  return out;
}
