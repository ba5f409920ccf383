/**
 * What one lab worker does with one HTTP request: Odoo 17's routes, authentication, transactions,
 * service time, error shapes and request log line.
 *
 * Routes (odoo/addons/web/controllers/{webclient,session,dataset}.py, base/controllers/rpc.py):
 *   POST /web/webclient/version_info, /web/session/authenticate, /web/session/get_session_info,
 *        /web/dataset/call_kw[/<path>], /web/dataset/call_button   (JSON-RPC, web session)
 *        /web/action/load, /mail/thread/data, /mail/thread/messages, /onboarding/<route>
 *                                                                  (web client JSON routes, ../models/web-routes.ts)
 *   POST /xmlrpc/2/common, /xmlrpc/2/object, /xmlrpc/2/db          (XML-RPC, integer fault codes)
 *   POST /jsonrpc                                                   (JSON-RPC {service, method, args})
 */
import type { Pool } from 'pg';
import {
  AccessDenied, AccessError, PythonException, SessionExpired, UserError,
  checkMethodName, formatTraceback, marshalNoneError, MARSHAL_NONE_FRAMES,
} from '../models/errors.js';
import { callMethod, getModel } from '../models/registry.js';
import type { Cursor, Env } from '../models/types.js';
import { verifyPassword } from '../password.js';
import type { QueryStats } from './cursor.js';
import { OdooLog, perfInfo, requestMessage } from './log.js';
import type { HttpRequestMessage, HttpResponseMessage, WorkerConfig } from './protocol.js';
import { readOnly, retrying, type RetryOptions } from './retrying.js';
import { CALIBRATION, ServiceBudget, burnCpu, methodCpuMs, perLineCpuMs, routeCpuMs, type TransportKind } from './service-time.js';
import { WEB_ROUTES, webRouteOf } from '../models/web-routes.js';
import { decodeSession, encodeSession, sessionCookie, sessionIdFromCookie, type WebSession } from './session.js';
import { faultResponse, methodResponse, parseMethodCall } from './xmlrpc-codec.js';

/** odoo/release.py 17.0 as exposed by common.exp_version (RPC_VERSION_1). */
export const VERSION_INFO = {
  server_version: '17.0',
  server_version_info: [17, 0, 0, 'final', 0, ''],
  server_serie: '17.0',
  protocol_version: 1,
};

/** res_users.py `_on_login_cooldown` defaults: 5 failures, 60 s (per worker, per IP). */
const COOLDOWN_AFTER = 5;
const COOLDOWN_SECONDS = 60;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface RequestState {
  stats: QueryStats;
  db: string;
  ip: string;
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };
const XML_HEADERS = { 'Content-Type': 'text/xml; charset=utf-8' };

export class LabWorkerApp {
  private readonly log: OdooLog;
  /** res.users.check's ormcache: (uid, password) pairs already verified by this worker. */
  private readonly checked = new Set<string>();
  private readonly loginFailures = new Map<string, { failures: number; last: number }>();
  private registryLoaded = false;

  constructor(
    private readonly config: WorkerConfig,
    private readonly pool: Pool,
  ) {
    this.log = new OdooLog(config.logFile);
  }

  /** Serves one request; never throws. */
  async handle(request: HttpRequestMessage): Promise<HttpResponseMessage> {
    const started = performance.now();
    const state: RequestState = { stats: { count: 0, seconds: 0 }, db: this.config.db, ip: request.remoteAddress };
    if (!this.registryLoaded) {
      // The first request a worker serves loads the registry (~3.5 s in Odoo 17).
      this.registryLoaded = true;
      burnCpu(CALIBRATION.registryLoadMs * this.config.timeScale);
    }
    let reply: Reply;
    try {
      reply = await this.route(request, state);
    } catch (error) {
      reply = { status: 500, headers: { 'Content-Type': 'text/plain' }, body: `Internal Server Error: ${error instanceof Error ? error.message : String(error)}` };
    }
    const seconds = (performance.now() - started) / 1000;
    const path = request.url;
    this.log.info(
      state.db,
      'werkzeug',
      requestMessage(request.remoteAddress, new Date(), request.method, path, reply.status),
      perfInfo(state.stats.count, state.stats.seconds, seconds - state.stats.seconds),
    );
    return { type: 'response', id: request.id, ...reply };
  }

  private async route(request: HttpRequestMessage, state: RequestState): Promise<Reply> {
    const path = request.url.split('?')[0] ?? '';
    if (request.method !== 'POST') return notFound();
    if (path === '/xmlrpc/2/common' || path === '/xmlrpc/2/object' || path === '/xmlrpc/2/db') {
      return this.xmlrpc(path.slice('/xmlrpc/2/'.length), request, state);
    }
    if (path === '/jsonrpc') return this.json(request, state, (params) => this.jsonrpcService(params, state));
    if (path === '/web/webclient/version_info') {
      return this.json(request, state, async () => {
        this.spendService('web', 'version_info');
        return VERSION_INFO;
      });
    }
    if (path === '/web/session/authenticate') return this.webAuthenticate(request, state);
    if (path === '/web/session/get_session_info') {
      return this.json(request, state, async () => {
        const session = this.requireSession(request);
        return this.withSignaling(state, () => this.sessionInfo(session));
      });
    }
    if (path === '/web/dataset/call_kw' || path.startsWith('/web/dataset/call_kw/')) {
      return this.json(request, state, (params) => this.webCallKw(request, params, state, false));
    }
    if (path === '/web/dataset/call_button') {
      return this.json(request, state, (params) => this.webCallKw(request, params, state, true));
    }
    const route = webRouteOf(path);
    if (route) return this.json(request, state, (params) => this.webRoute(request, route, params, state));
    return notFound();
  }

  // ---------------------------------------------------------------- transports

  /** JSON-RPC over HTTP (odoo/http.py JsonRPCDispatcher): errors are HTTP 200 with `error`. */
  private async json(
    request: HttpRequestMessage,
    state: RequestState,
    handler: (params: Record<string, unknown>) => Promise<unknown>,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    let payload: { id?: unknown; params?: unknown };
    try {
      payload = JSON.parse(request.body) as { id?: unknown; params?: unknown };
      if (typeof payload !== 'object' || payload === null) throw new Error('not an object');
    } catch {
      return { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: 'Invalid JSON data' };
    }
    const id = payload.id ?? null;
    const params = (typeof payload.params === 'object' && payload.params !== null ? payload.params : {}) as Record<string, unknown>;
    const response: Record<string, unknown> = { jsonrpc: '2.0', id };
    const extraHeaders = { ...headers };
    try {
      const result = await handler(params);
      if (result instanceof CookieResult) {
        extraHeaders['Set-Cookie'] = result.cookie;
        response.result = result.value;
      } else if (result !== undefined && result !== null) {
        response.result = result; // a None result leaves no `result` key (JsonRPCDispatcher._response)
      }
    } catch (error) {
      const exception = toPythonException(error);
      this.logWebError(exception, state);
      response.error = jsonError(exception);
    }
    return { status: 200, headers: { ...JSON_HEADERS, ...extraHeaders }, body: JSON.stringify(response) };
  }

  /** odoo/http.py logs UserErrors as warnings, session expiry as info, the rest with a traceback. */
  private logWebError(exception: PythonException, state: RequestState): void {
    if (exception instanceof SessionExpired) this.log.info(state.db, 'odoo.http', 'Session expired');
    else if (exception.faultCode !== 1) this.log.write('WARNING', state.db, 'odoo.http', exception.message);
    else this.log.write('ERROR', state.db, 'odoo.http', `Exception during request handling.\n${formatTraceback(exception)}`);
  }

  /** XML-RPC (rpc.py xmlrpc_2): faults 1 (traceback) / 2 / 3 / 4. */
  private async xmlrpc(service: string, request: HttpRequestMessage, state: RequestState): Promise<Reply> {
    try {
      let call: { method: string; params: unknown[] };
      try {
        call = await parseMethodCall(request.body);
      } catch (error) {
        throw new PythonException('xml.parsers.expat.ExpatError', error instanceof Error ? error.message : String(error));
      }
      const result = await this.dispatchRpc(service, call.method, call.params, state, 'xmlrpc');
      // xmlrpc.client.dumps(allow_none=False) refuses a None anywhere in the reply (e.g. inside an action's context)
      if (containsNone(result)) {
        // xmlrpc.client.dumps(allow_none=False) fails after the transaction committed
        const error = marshalNoneError();
        return { status: 200, headers: XML_HEADERS, body: faultResponse(1, formatTraceback(error, MARSHAL_NONE_FRAMES)) };
      }
      return { status: 200, headers: XML_HEADERS, body: methodResponse(result) };
    } catch (error) {
      const exception = toPythonException(error);
      const faultString = exception.faultCode === 1 ? formatTraceback(exception) : exception.message;
      return { status: 200, headers: XML_HEADERS, body: faultResponse(exception.faultCode, faultString) };
    }
  }

  /** POST /jsonrpc `{service, method, args}` (rpc.py `jsonrpc`). */
  private async jsonrpcService(params: Record<string, unknown>, state: RequestState): Promise<unknown> {
    const service = params.service;
    const method = params.method;
    const args = Array.isArray(params.args) ? params.args : [];
    if (typeof service !== 'string' || typeof method !== 'string') {
      throw new PythonException('builtins.TypeError', "RPC.jsonrpc() missing 3 required positional arguments: 'service', 'method', and 'args'");
    }
    return this.dispatchRpc(service, method, args, state, 'jsonrpc');
  }

  /** odoo/http.py `dispatch_rpc`. */
  private async dispatchRpc(service: string, method: string, params: unknown[], state: RequestState, transport: TransportKind): Promise<unknown> {
    if (service === 'common') return this.commonService(method, params, state, transport);
    if (service === 'object') return this.objectService(method, params, state, transport);
    if (service === 'db') {
      state.db = 'None';
      if (method === 'list') return [this.config.db];
      if (method === 'server_version') return VERSION_INFO.server_version;
      throw new PythonException('builtins.KeyError', `'exp_${method}'`);
    }
    throw new PythonException('builtins.KeyError', `'${service}'`);
  }

  /** odoo/service/common.py. */
  private async commonService(method: string, params: unknown[], state: RequestState, transport: TransportKind): Promise<unknown> {
    switch (method) {
      case 'version':
        state.db = 'None';
        this.spendService(transport, 'common', 'version');
        return VERSION_INFO;
      case 'about':
        state.db = 'None';
        return 'See http://openerp.com';
      case 'login':
      case 'authenticate': {
        const [db, login, password] = params;
        try {
          const uid = await this.login(String(db), String(login), typeof password === 'string' ? password : '', 'n/a', state);
          this.spendService(transport, 'common', method);
          return uid;
        } catch (error) {
          if (error instanceof AccessDenied) return false; // common.exp_authenticate
          throw error;
        }
      }
      default:
        state.db = 'None';
        throw new PythonException('builtins.Exception', `Method not found: ${method}`);
    }
  }

  /** odoo/service/model.py `dispatch` → `execute_kw`. */
  private async objectService(method: string, params: unknown[], state: RequestState, transport: TransportKind): Promise<unknown> {
    const [db, uidRaw, password, model, modelMethod, args, kwargs] = params;
    this.checkDb(String(db), state);
    const uid = Number(uidRaw);
    if (!Number.isInteger(uid)) throw new PythonException('builtins.ValueError', `invalid literal for int() with base 10: '${String(uidRaw)}'`);
    await this.checkCredentials(uid, typeof password === 'string' ? password : '', state);
    if (method !== 'execute_kw' && method !== 'execute') throw new PythonException('builtins.NameError', `Method not available ${method}`);
    const callArgs = method === 'execute' ? params.slice(5) : Array.isArray(args) ? args : [];
    const callKwargs = method === 'execute' ? {} : isRecord(kwargs) ? kwargs : {};
    return this.withSignaling(state, async () => {
      const modelName = String(model);
      const methodName = String(modelMethod);
      checkMethodName(methodName);
      const result = await this.execute(uid, modelName, methodName, callArgs, callKwargs, state, transport, () => {
        // service/model.py execute_cr
        throw new UserError(`Object ${modelName} doesn't exist`);
      });
      if (result === undefined || result === null) {
        this.log.info(state.db, 'odoo.service.model', `The method ${methodName} of the object ${modelName} can not return \`None\`!`);
      }
      return result;
    });
  }

  /** /web/dataset/call_kw and call_button (dataset.py). */
  private async webCallKw(request: HttpRequestMessage, params: Record<string, unknown>, state: RequestState, button: boolean): Promise<unknown> {
    const session = this.requireSession(request);
    const model = String(params.model);
    const method = String(params.method);
    const args = Array.isArray(params.args) ? params.args : [];
    const kwargs = isRecord(params.kwargs) ? params.kwargs : {};
    return this.withSignaling(state, async () => {
      checkMethodName(method);
      const result = await this.execute(session.uid, model, method, args, kwargs, state, 'web', () => {
        // request.env[model] on an unknown model
        throw new PythonException('builtins.KeyError', `'${model}'`);
      });
      if (!button) return result;
      return isRecord(result) && result.type !== '' ? result : false;
    });
  }

  /** A JSON route of the web client (auth user): one retried transaction, calibrated as `route:<route>`. */
  private async webRoute(request: HttpRequestMessage, route: string, params: Record<string, unknown>, state: RequestState): Promise<unknown> {
    const session = this.requireSession(request);
    const handler = WEB_ROUTES[route];
    if (!handler) throw new PythonException('werkzeug.exceptions.NotFound', '404 Not Found');
    const ms = (routeCpuMs(CALIBRATION, route) + CALIBRATION.transportOverheadMs.web) * this.config.timeScale;
    return this.withSignaling(state, () =>
      retrying(this.retryOptions(state), async (cr) => {
        const budget = new ServiceBudget(ms);
        const value = await handler(this.env(cr, session.uid, isRecord(params.context) ? params.context : {}, budget), params);
        budget.finish();
        return value;
      }),
    );
  }

  /** One method call in one retried REPEATABLE READ transaction, with its calibrated CPU time. */
  private async execute(
    uid: number,
    modelName: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown>,
    state: RequestState,
    transport: TransportKind,
    unknownModel: () => never,
  ): Promise<unknown> {
    const model = getModel(modelName);
    const detail = costDetail(method, args, kwargs);
    const methodMs = (methodCpuMs(CALIBRATION, modelName, method, detail) + CALIBRATION.transportOverheadMs[transport]) * this.config.timeScale;
    const lineMs = perLineCpuMs(CALIBRATION, modelName, method, detail) * this.config.timeScale;
    const result = await retrying(this.retryOptions(state), async (cr) => {
      if (!model) unknownModel();
      const budget = new ServiceBudget(methodMs);
      const env = this.env(cr, uid, isRecord(kwargs.context) ? kwargs.context : {}, budget);
      env.perLine = (count) => budget.extend(Math.max(0, count) * lineMs);
      const value = await callMethod(env, model, method, args, kwargs);
      budget.finish();
      return value;
    });
    return result;
  }

  private env(cr: Cursor, uid: number, context: Record<string, unknown>, budget: ServiceBudget): Env {
    return { cr, uid, context, spend: (fraction) => budget.spend(fraction), model: (name) => getModel(name) };
  }

  // ---------------------------------------------------------------- authentication

  private async webAuthenticate(request: HttpRequestMessage, state: RequestState): Promise<Reply> {
    return this.json(request, state, async (params) => {
      const db = String(params.db);
      // session.py authenticate: db_filter([db])
      if (db !== this.config.db) throw new AccessError('Database not found.');
      const login = String(params.login);
      const uid = await this.login(db, login, typeof params.password === 'string' ? params.password : '', request.remoteAddress, state);
      const session: WebSession = { uid, login, db };
      const info = await this.withSignaling(state, () => this.sessionInfo(session));
      this.spendService('web', 'web', 'authenticate');
      return new CookieResult(info, sessionCookie(encodeSession(this.config.sessionSecret, session)));
    });
  }

  /** res_users.py `_login` with `_assert_can_auth` (per-worker, per-IP cooldown). */
  private async login(db: string, login: string, password: string, ip: string, state: RequestState): Promise<number> {
    this.checkDb(db, state);
    const source = state.ip;
    const failures = this.loginFailures.get(source);
    if (failures && failures.failures >= COOLDOWN_AFTER && Date.now() - failures.last < COOLDOWN_SECONDS * 1000) {
      this.log.write(
        'WARNING', db, 'odoo.addons.base.models.res_users',
        `Login attempt ignored for ${source} (user ${pythonStr(login)}) on ${db}: ${failures.failures} failures since last success, last failure at ${new Date(failures.last).toISOString().replace('T', ' ').replace('Z', '')}. You can configure the number of login failures before a user is put on cooldown as well as the duration in the System Parameters. Disable this feature by setting "base.login_cooldown_after" to 0.`,
      );
      throw new AccessDenied('Too many login failures, please wait a bit before trying again.');
    }
    const row = await retrying(this.retryOptions(state), async (cr) => {
      const result = await cr.query<{ id: number; password: string | null }>(
        'SELECT id, COALESCE(password, \'\') AS password FROM res_users WHERE login = $1 AND active = true ORDER BY login LIMIT 1',
        [login],
      );
      return result.rows[0];
    });
    const ok = !!password && !!row && (await verifyPassword(password, row.password ?? ''));
    if (!ok || !row) {
      const previous = this.loginFailures.get(source)?.failures ?? 0;
      this.loginFailures.set(source, { failures: previous + 1, last: Date.now() });
      this.log.info(db, 'odoo.addons.base.models.res_users', `Login failed for db:${db} login:${login} from ${ip}`);
      throw new AccessDenied();
    }
    this.loginFailures.delete(source);
    this.log.info(db, 'odoo.addons.base.models.res_users', `Login successful for db:${db} login:${login} from ${ip}`);
    return row.id;
  }

  /** res_users.py `check` (ormcached per worker on (uid, password)). */
  private async checkCredentials(uid: number, password: string, state: RequestState): Promise<void> {
    if (!password) throw new AccessDenied();
    const key = `${uid}\u0000${password}`;
    if (this.checked.has(key)) return;
    const row = await readOnly(this.retryOptions(state), async (cr) => {
      const result = await cr.query<{ password: string; active: boolean }>('SELECT COALESCE(password, \'\') AS password, active FROM res_users WHERE id = $1', [uid]);
      return result.rows[0];
    });
    if (!row || !row.active || !(await verifyPassword(password, row.password))) throw new AccessDenied();
    this.checked.add(key);
  }

  private requireSession(request: HttpRequestMessage): WebSession {
    const session = decodeSession(this.config.sessionSecret, sessionIdFromCookie(request.headers.cookie));
    if (!session || session.db !== this.config.db) throw new SessionExpired();
    return session;
  }

  /** A reduced ir.http `session_info()`. */
  private async sessionInfo(session: WebSession): Promise<Record<string, unknown>> {
    const pool = this.pool;
    const user = await pool.query<{ name: string; partner_id: number; company_id: number; company: string }>(
      `SELECT p.name, u.partner_id, u.company_id, c.name AS company FROM res_users u
       JOIN res_partner p ON p.id = u.partner_id JOIN res_company c ON c.id = u.company_id WHERE u.id = $1`,
      [session.uid],
    );
    const row = user.rows[0];
    return {
      uid: session.uid,
      is_system: session.uid === 2,
      is_admin: session.uid === 2,
      is_public: false,
      is_internal_user: true,
      user_context: { lang: 'en_US', tz: 'Europe/Brussels', uid: session.uid },
      db: session.db,
      registry_hash: 'lab',
      server_version: VERSION_INFO.server_version,
      server_version_info: VERSION_INFO.server_version_info,
      support_url: 'https://www.odoo.com/buy',
      name: row?.name ?? '',
      username: session.login,
      partner_display_name: row?.name ?? '',
      partner_id: row?.partner_id ?? false,
      company_id: row?.company_id ?? 1,
      'web.base.url': 'http://localhost:8069',
      active_ids_limit: 20000,
      max_file_upload_size: 134217728,
      home_action_id: false,
      user_companies: {
        current_company: row?.company_id ?? 1,
        allowed_companies: { [row?.company_id ?? 1]: { id: row?.company_id ?? 1, name: row?.company ?? '', sequence: 10, child_ids: [], parent_id: false } },
        disallowed_ancestor_companies: {},
      },
      currencies: { 1: { symbol: '$', position: 'before', digits: [69, 2] } },
      show_effect: true,
      display_switch_company_menu: false,
      user_id: [session.uid],
      cache_hashes: {},
    };
  }

  // ---------------------------------------------------------------- helpers

  private checkDb(db: string, state: RequestState): void {
    state.db = db;
    if (db !== this.config.db) {
      state.db = '?';
      throw new PythonException('psycopg2.OperationalError', `connection to server at "${this.config.pg.host}", port ${this.config.pg.port} failed: FATAL:  database "${db}" does not exist\n`);
    }
  }

  /** registry.check_signaling(): a read-only cursor (ends in ROLLBACK) before the request's work. */
  private async withSignaling<T>(state: RequestState, fn: () => Promise<T>): Promise<T> {
    await readOnly(this.retryOptions(state), (cr) =>
      cr.query('SELECT base_registry_signaling.last_value, base_cache_signaling.last_value FROM base_registry_signaling, base_cache_signaling'),
    );
    return fn();
  }

  private spendService(transport: TransportKind, model: string, method?: string): void {
    const ms = method === undefined ? methodCpuMs(CALIBRATION, transport, model) : methodCpuMs(CALIBRATION, model, method);
    burnCpu((ms + CALIBRATION.transportOverheadMs[transport]) * this.config.timeScale);
  }

  private retryOptions(state: RequestState): RetryOptions {
    return { pool: this.pool, log: this.log, db: this.config.db, stats: state.stats };
  }
}

/**
 * What distinguishes calls of one method that cost Odoo differently (calibration `<model>.<method>:<detail>`):
 * an onchange's changed field (`new` for a new record's defaults; test/fixtures/odoo17-webclient: a new
 * order line 3 queries, its product 38, its quantity 26).
 */
export function costDetail(method: string, args: unknown[], kwargs: Record<string, unknown>): string | undefined {
  if (method !== 'onchange') return undefined;
  const names = args.length > 2 ? args[2] : kwargs.field_names ?? kwargs.field_name;
  if (typeof names === 'string') return names || 'new';
  return Array.isArray(names) && typeof names[0] === 'string' ? names[0] : 'new';
}

/** A JSON-RPC result that also sets a cookie. */
class CookieResult {
  constructor(
    readonly value: unknown,
    readonly cookie: string,
  ) {}
}

/** True when `value` is None or holds a None at any depth (what Python's XML-RPC marshaller refuses). */
export function containsNone(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.some(containsNone);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).some(containsNone);
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pythonStr(value: string): string {
  return `'${value.replace(/'/g, "\\'")}'`;
}

function notFound(): Reply {
  return {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
  };
}

/** Any thrown value as the Python exception Odoo would report. */
export function toPythonException(error: unknown): PythonException {
  if (error instanceof PythonException) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PythonException('builtins.Exception', message);
}

/** odoo/http.py JsonRPCDispatcher.handle_error + serialize_exception. */
export function jsonError(exception: PythonException): Record<string, unknown> {
  const expired = exception instanceof SessionExpired;
  return {
    code: expired ? 100 : 200,
    message: expired ? 'Odoo Session Expired' : 'Odoo Server Error',
    data: {
      name: exception.pythonName,
      debug: formatTraceback(exception),
      message: exception.message,
      arguments: exception.args,
      context: {},
    },
  };
}
