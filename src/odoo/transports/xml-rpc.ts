/**
 * The XML-RPC transport: what EDI and other integrations use on Odoo ≤ 18 (ODOO17-RPC.md).
 *
 *   /xmlrpc/2/common  authenticate(db, login, password, {})  → uid, or False for bad credentials
 *   /xmlrpc/2/object  execute_kw(db, uid, password, model, method, args, kwargs)
 *
 * There is no session: every call carries the password, and each Odoo worker caches the checked
 * (uid, password) pair. Fault 1 "cannot marshal None …" is a success with no value.
 */
import { fromTransportError, loginRejected, OdooError, ProtocolError, redactSecret } from '../errors.js';
import { HttpChannel } from '../http.js';
import type { OdooClient, OdooTarget } from '../types.js';
import { xmlRpcCall } from '../xml-rpc.js';
import { LoginOnce } from './login-once.js';

export class XmlRpcClient implements OdooClient {
  readonly transport = 'xmlrpc' as const;
  private readonly channel: HttpChannel;
  private readonly session: LoginOnce;

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
      return (await xmlRpcCall(this.channel, 'xmlrpc/2/object', 'execute_kw', [db, uid, password, model, method, args, kwargs], `${model}.${method}`)) as T;
    });
  }

  async close(): Promise<void> {
    await this.channel.close();
  }

  private async login(): Promise<number> {
    const { db, login, password } = this.target;
    const path = 'xmlrpc/2/common';
    const url = this.channel.urlOf(path);
    let uid: unknown;
    try {
      uid = await xmlRpcCall(this.channel, path, 'authenticate', [db, login, password, {}]);
    } catch (error) {
      if (error instanceof OdooError && error.kind === 'access_denied') throw loginRejected(url, login, db, error);
      throw error;
    }
    // common.exp_authenticate catches AccessDenied and returns False.
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
