/**
 * The `/jsonrpc` transport: the JSON twin of XML-RPC for integrations on Odoo ≤ 18 (ODOO17-RPC.md).
 *
 *   POST /jsonrpc {jsonrpc:"2.0", method:"call", params:{service:"common", method:"authenticate", args:[db, login, password, {}]}}
 *   POST /jsonrpc {…, params:{service:"object", method:"execute_kw", args:[db, uid, password, model, method, args, kwargs]}}
 *
 * No session: every call carries the password. A method returning None gives a reply without
 * `result` (→ undefined); errors come with HTTP 200 and an `error` object.
 */
import { fromTransportError, loginRejected, OdooError, ProtocolError, redactSecret } from '../errors.js';
import { HttpChannel } from '../http.js';
import { postJsonRpc } from '../json-rpc.js';
import type { OdooClient, OdooTarget } from '../types.js';
import { LoginOnce } from './login-once.js';

const PATH = 'jsonrpc';

export class JsonRpcClient implements OdooClient {
  readonly transport = 'jsonrpc' as const;
  private readonly channel: HttpChannel;
  private readonly session: LoginOnce;
  private nextId = 1;

  constructor(private readonly target: OdooTarget) {
    this.channel = new HttpChannel(target.url, target.timeoutMs);
    this.session = new LoginOnce(() => this.login());
  }

  get uid(): number | undefined {
    return this.session.uid;
  }

  authenticate(): Promise<number> {
    return this.guard(() => this.session.ensure());
  }

  call<T = unknown>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    return this.guard(async () => {
      const uid = await this.session.ensure();
      const { db, password } = this.target;
      const params = { service: 'object', method: 'execute_kw', args: [db, uid, password, model, method, args, kwargs] };
      const { result } = await postJsonRpc(this.channel, PATH, params, this.nextId++, { call: `${model}.${method}` });
      return result as T;
    });
  }

  async close(): Promise<void> {
    await this.channel.close();
  }

  private async login(): Promise<number> {
    const { db, login, password } = this.target;
    const url = this.channel.urlOf(PATH);
    let uid: unknown;
    try {
      const params = { service: 'common', method: 'authenticate', args: [db, login, password, {}] };
      ({ result: uid } = await postJsonRpc(this.channel, PATH, params, this.nextId++));
    } catch (error) {
      if (error instanceof OdooError && error.kind === 'access_denied') throw loginRejected(url, login, db, error);
      throw error;
    }
    if (uid === false) throw loginRejected(url, login, db);
    if (typeof uid !== 'number') throw fromTransportError(new ProtocolError(`authenticate returned ${JSON.stringify(uid)}, expected a uid`), url);
    return uid;
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw redactSecret(error, this.target.password);
    }
  }
}
