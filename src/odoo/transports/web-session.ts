/**
 * The web session transport: what the browser and the barcode app do (docs/ODOO-PROTOCOL.md).
 *
 *   POST /web/session/authenticate  {db, login, password}  → result.uid + Set-Cookie session_id
 *   POST /web/dataset/call_kw/<model>/<method>  {model, method, args, kwargs}  (Cookie: session_id)
 *   POST /web/dataset/call_button               {model, method, args, kwargs}  → cleaned action or false
 *   POST /mail/thread/data, /web/action/load …  plain JSON routes of the web client (callRoute)
 *
 * The `<model>/<method>` URL suffix is cosmetic (the body decides) but kept, as the web client
 * sends it and it shows in Odoo's request log. Errors arrive with HTTP 200 and an `error` object.
 */
import { fromTransportError, loginRejected, messages, OdooError, ProtocolError, safeUrl, SPECIFIC_CODES } from '../errors.js';
import type { HttpReply } from '../http.js';
import { decodeJsonRpcReply, jsonRpcRequest } from '../json-rpc.js';
import { TransportClient } from './client-base.js';

/** Value of the `session_id` cookie set by `reply`, `null` when it was deleted, undefined when not set. */
export function sessionCookieOf(reply: HttpReply): string | null | undefined {
  const header = reply.headers['set-cookie'];
  for (const line of header ?? []) {
    const match = /^\s*session_id=([^;]*)/.exec(line);
    if (match) return match[1] === '' ? null : (match[1] ?? null);
  }
  return undefined;
}

export class WebSessionClient extends TransportClient {
  readonly transport = 'web' as const;
  private sessionId: string | undefined;
  private nextId = 1;

  /** The current `session_id` cookie (for tests and diagnostics; it is a credential: never log it). */
  get sessionCookie(): string | undefined {
    return this.sessionId;
  }

  call<T = unknown>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    return this.guard(() =>
      this.relogOnExpiry(async () => (await this.post(`web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs }, `${model}.${method}`)) as T),
    );
  }

  /**
   * A form button, as the web client clicks it: the returned action (cleaned by Odoo's
   * `clean_action`) or `false` when the method returned something else than an action.
   */
  callButton<T = unknown>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    return this.guard(() =>
      this.relogOnExpiry(async () => (await this.post('web/dataset/call_button', { model, method, args, kwargs }, `${model}.${method}`)) as T),
    );
  }

  /** A plain JSON route of the web client (`/mail/thread/data`, `/web/action/load` …): its `result`. */
  callRoute<T = unknown>(path: string, params: Record<string, unknown> = {}): Promise<T> {
    const relative = path.replace(/^\/+/, '');
    return this.guard(() => this.relogOnExpiry(async () => (await this.post(relative, params, `/${relative}`)) as T));
  }

  protected async login(): Promise<number> {
    const { db, login, password } = this.target;
    const path = 'web/session/authenticate';
    const url = this.channel.urlOf(path);
    let result: unknown;
    try {
      result = await this.post(path, { db, login, password });
    } catch (error) {
      if (error instanceof OdooError && error.kind === 'access_denied') throw loginRejected(url, login, db, error);
      if (error instanceof OdooError && error.kind === 'access_error' && error.odooMessage === 'Database not found.') {
        throw new OdooError({ kind: 'access_error', code: SPECIFIC_CODES.databaseNotFound, url: safeUrl(url), message: messages.databaseNotFound(url, db), odooMessage: error.odooMessage });
      }
      throw error;
    }
    const uid = (result as { uid?: unknown } | null | undefined)?.uid;
    if (typeof result === 'object' && result !== null && 'uid' in result && (uid === null || uid === false)) {
      throw new OdooError({ kind: 'access_denied', code: SPECIFIC_CODES.twoFactor, url: safeUrl(url), message: messages.twoFactor(url, login) });
    }
    if (typeof uid !== 'number') throw fromTransportError(new ProtocolError('authenticate returned no uid'), url);
    if (this.sessionId === undefined) throw fromTransportError(new ProtocolError('authenticate set no session_id cookie'), url);
    return uid;
  }

  private async post(path: string, params: Record<string, unknown>, call?: string): Promise<unknown> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (this.sessionId !== undefined) headers.Cookie = `session_id=${this.sessionId}`;
    const reply = await this.channel.post(path, jsonRpcRequest(params, this.nextId++), { headers });
    // Odoo may rotate the session on any reply (login, expiry): keep the newest cookie.
    const cookie = sessionCookieOf(reply);
    if (cookie !== undefined) this.sessionId = cookie ?? undefined;
    return decodeJsonRpcReply(reply.body.toString('utf8'), this.channel.urlOf(path), call);
  }

  /**
   * Runs `call` logged in; when Odoo answers SessionExpiredException (a restart of Odoo with
   * file-less sessions, a logout, a session store wiped), logs in again once and retries. Odoo
   * checks the session before dispatching, so the refused call had no effect and the retry
   * cannot duplicate a write (Odoo 17 odoo/addons/base/models/ir_http.py `_authenticate` raises it before the endpoint runs).
   */
  private async relogOnExpiry<T>(call: () => Promise<T>): Promise<T> {
    await this.session.ensure();
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof OdooError && error.kind === 'session_expired')) throw error;
      this.session.reset();
      this.sessionId = undefined;
      await this.session.ensure();
      try {
        return await call();
      } catch (again) {
        if (again instanceof OdooError && again.kind === 'session_expired') this.session.reset();
        throw again;
      }
    }
  }
}

