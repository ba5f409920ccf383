/**
 * An OdooClient on k6's `k6/http` (bundled into the k6 script, runs in k6's JavaScript runtime —
 * no Node APIs). Same wire protocol as src/odoo/transports:
 *
 *   web      POST /web/session/authenticate {db, login, password} → session_id cookie (k6's per-VU
 *            cookie jar keeps it; the script sets `noCookiesReset: true` so it survives iterations),
 *            then POST /web/dataset/call_kw/<model>/<method> {model, method, args, kwargs}
 *   jsonrpc  POST /jsonrpc common.authenticate / object.execute_kw (uid + password per call)
 *   xmlrpc   k6 has no XML-RPC library: journeys that declare xmlrpc use /jsonrpc execute_kw, the
 *            same service and method over JSON (same server code path, JSON instead of XML encoding)
 *
 * Every request is tagged {journey, step, name: model.method} for k6's metrics.
 */
import http from 'k6/http';
import { decodeJsonRpcReply, jsonRpcRequest } from '../../odoo/json-rpc.js';
import { OdooError } from '../../odoo/errors.js';
import type { OdooClient, OdooErrorKind, TransportName } from '../../odoo/types.js';

export interface K6Target {
  url: string;
  db: string;
  login: string;
  password: string;
  /** k6 request timeout, e.g. `60s`. */
  timeout: string;
}

/** The step now running in this VU (k6 runs one iteration at a time per VU). */
export interface StepState {
  journey: string;
  step: string;
}

/** k6 network error codes (lib/netext/httpext/error_codes.go): 1050 timeout, 1100–1199 DNS, 1200–1299 connection, 1300–1399 TLS. */
function transportKind(code: number, text: string): OdooErrorKind {
  if (code === 1050 || /timeout/i.test(text)) return 'timeout';
  if (code >= 1100 && code < 1200) return 'dns_error';
  if (code >= 1300 && code < 1400) return 'tls_error';
  if (/refused/i.test(text)) return 'connection_refused';
  return 'connection_reset';
}

export class K6OdooClient implements OdooClient {
  readonly transport: TransportName;
  uid: number | undefined = undefined;
  private nextId = 1;

  constructor(
    private readonly target: K6Target,
    transport: TransportName,
    private readonly state: StepState,
  ) {
    // json2 (Odoo ≥ 19) and xmlrpc are spoken as /jsonrpc in the bundle; web stays web.
    this.transport = transport === 'web' ? 'web' : 'jsonrpc';
  }

  async authenticate(): Promise<number> {
    const { db, login, password } = this.target;
    const result =
      this.transport === 'web'
        ? ((await this.post('/web/session/authenticate', { db, login, password }, 'authenticate')) as { uid?: unknown } | null)
        : { uid: await this.post('/jsonrpc', { service: 'common', method: 'authenticate', args: [db, login, password, {}] }, 'authenticate') };
    const uid = result === null ? undefined : result.uid;
    if (typeof uid !== 'number') {
      throw new OdooError({ kind: 'access_denied', message: `${this.target.url}: login refused for ${login} on ${db}` });
    }
    this.uid = uid;
    return uid;
  }

  async call<T = unknown>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    const name = `${model}.${method}`;
    if (this.transport === 'web') return (await this.post(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs }, name)) as T;
    const { db, password } = this.target;
    return (await this.post('/jsonrpc', { service: 'object', method: 'execute_kw', args: [db, this.uid, password, model, method, args, kwargs] }, name)) as T;
  }

  /** A form button (`/web/dataset/call_button`); integrations fall back to `call`. */
  async callButton<T = unknown>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    if (this.transport !== 'web') return this.call<T>(model, method, args, kwargs);
    return (await this.post('/web/dataset/call_button', { model, method, args, kwargs }, `${model}.${method}`)) as T;
  }

  /** A plain JSON route of the web client (`/mail/thread/data` …). */
  async callRoute<T = unknown>(path: string, params: Record<string, unknown> = {}): Promise<T> {
    const route = '/' + path.replace(/^\/+/, '');
    return (await this.post(route, params, route)) as T;
  }

  async close(): Promise<void> {}

  private async post(path: string, params: Record<string, unknown>, name: string): Promise<unknown> {
    const url = this.target.url.replace(/\/+$/, '') + path;
    const res = await http.asyncRequest('POST', url, jsonRpcRequest(params, this.nextId++), {
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      tags: { journey: this.state.journey, step: this.state.step, name },
      timeout: this.target.timeout,
    });
    if (res.status === 0) throw new OdooError({ kind: transportKind(res.error_code, res.error), message: `${url}: ${res.error}`, url });
    if (res.status !== 200) throw new OdooError({ kind: 'http_error', httpStatus: res.status, message: `${url}: HTTP ${res.status}`, url });
    return decodeJsonRpcReply(res.body === null ? '' : res.body, url, name);
  }
}
