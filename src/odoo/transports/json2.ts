/**
 * The JSON-2 transport: integrations on Odoo ≥ 19 (docs/ODOO-PROTOCOL.md; Odoo 19 "External JSON-2 API").
 *
 *   POST /json/2/<model>/<method>
 *   Authorization: bearer <api key>      X-Odoo-Database: <db>      Content-Type: application/json
 *   {"ids": [...], "context": {...}, "<param>": value, ...}           named arguments only
 *   ← 200 and the JSON value (null for None)   |   4xx/5xx and {name, message, arguments, context, debug}
 *
 * One transaction per call, no session: the API key travels with every request. There is no login
 * call; `authenticate()` looks the login's uid up (`res.users.search`), which also proves the key,
 * and a rejected key is remembered so no virtual user sends it again.
 */
import { fromJson2Error, fromTransportError, HttpStatusError, loginRejected, ProtocolError, type Json2ErrorBody } from '../errors.js';
import { json2Body } from '../json2-args.js';
import { snippet } from '../json-rpc.js';
import { TransportClient } from './client-base.js';

export class Json2Client extends TransportClient {
  readonly transport = 'json2' as const;

  /** The key sent as bearer token: `apiKey`, else the password. */
  private get key(): string {
    return this.target.apiKey ?? this.target.password;
  }

  /** The password, then the key that may stand for it. */
  protected override secrets(): string[] {
    return [this.target.password, this.key];
  }

  call<T = unknown>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    return this.guard(async () => {
      await this.session.ensure();
      return (await this.post(model, method, json2Body(model, method, args, kwargs))) as T;
    });
  }

  protected async login(): Promise<number> {
    const ids = await this.post('res.users', 'search', { domain: [['login', '=', this.target.login]], limit: 1 });
    const uid = Array.isArray(ids) ? ids[0] : undefined;
    // The key is valid (no 401) but the login is not visible to it (misspelled, or another company's user).
    if (typeof uid !== 'number') throw loginRejected(this.channel.urlOf('json/2/res.users/search'), this.target.login, this.target.db);
    return uid;
  }

  private async post(model: string, method: string, body: Record<string, unknown>): Promise<unknown> {
    const path = `json/2/${model}/${method}`;
    const url = this.channel.urlOf(path);
    const reply = await this.channel.post(path, JSON.stringify(body), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'application/json',
        Authorization: `bearer ${this.key}`,
        'X-Odoo-Database': this.target.db,
        'User-Agent': 'odoo-capacity',
      },
      // 4xx/5xx with a JSON body are Odoo errors; other bodies (a proxy's HTML page) are HTTP errors.
      acceptStatus: () => true,
    });
    const text = reply.body.toString('utf8');
    let parsed: unknown;
    let isJson = true;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      isJson = false;
    }
    if (reply.status >= 200 && reply.status < 300) {
      if (!isJson) throw fromTransportError(new ProtocolError(`expected JSON, got "${snippet(text)}"`), url);
      return parsed === null ? undefined : parsed;
    }
    if (!isJson || !isErrorBody(parsed)) {
      throw fromTransportError(new HttpStatusError(reply.status, typeof reply.headers.location === 'string' ? reply.headers.location : undefined), url);
    }
    throw fromJson2Error(reply.status, parsed, url, `${model}.${method}`, this.target.db);
  }
}

function isErrorBody(value: unknown): value is Json2ErrorBody | string {
  if (typeof value === 'string') return true;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('name' in value || 'message' in value);
}
