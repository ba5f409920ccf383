/**
 * The XML-RPC transport: what EDI and other integrations use on Odoo ≤ 18 (docs/ODOO-PROTOCOL.md).
 *
 *   /xmlrpc/2/common  authenticate(db, login, password, {})  → uid, or False for bad credentials
 *   /xmlrpc/2/object  execute_kw(db, uid, password, model, method, args, kwargs)
 *
 * There is no session: every call carries the password, and each Odoo worker caches the checked
 * (uid, password) pair. Fault 1 "cannot marshal None …" is a success with no value.
 */
import { xmlRpcCall } from '../xml-rpc.js';
import { TransportClient, uidFromAuthenticate } from './client-base.js';

export class XmlRpcClient extends TransportClient {
  readonly transport = 'xmlrpc' as const;

  call<T = unknown>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    return this.guard(async () => {
      const uid = await this.session.ensure();
      const { db, password } = this.target;
      return (await xmlRpcCall(this.channel, 'xmlrpc/2/object', 'execute_kw', [db, uid, password, model, method, args, kwargs], `${model}.${method}`)) as T;
    });
  }

  protected login(): Promise<number> {
    const { db, login, password } = this.target;
    const path = 'xmlrpc/2/common';
    return uidFromAuthenticate(this.target, this.channel.urlOf(path), () => xmlRpcCall(this.channel, path, 'authenticate', [db, login, password, {}]));
  }
}
