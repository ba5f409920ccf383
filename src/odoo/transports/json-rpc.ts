/**
 * The `/jsonrpc` transport: the JSON twin of XML-RPC for integrations on Odoo ≤ 18 (docs/ODOO-PROTOCOL.md).
 *
 *   POST /jsonrpc {jsonrpc:"2.0", method:"call", params:{service:"common", method:"authenticate", args:[db, login, password, {}]}}
 *   POST /jsonrpc {…, params:{service:"object", method:"execute_kw", args:[db, uid, password, model, method, args, kwargs]}}
 *
 * No session: every call carries the password. A method returning None gives a reply without
 * `result` (→ undefined); errors come with HTTP 200 and an `error` object.
 */
import { postJsonRpc } from '../json-rpc.js';
import { TransportClient, uidFromAuthenticate } from './client-base.js';

const PATH = 'jsonrpc';

export class JsonRpcClient extends TransportClient {
  readonly transport = 'jsonrpc' as const;
  private nextId = 1;

  call<T = unknown>(model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<T> {
    return this.guard(async () => {
      const uid = await this.session.ensure();
      const { db, password } = this.target;
      const params = { service: 'object', method: 'execute_kw', args: [db, uid, password, model, method, args, kwargs] };
      const { result } = await postJsonRpc(this.channel, PATH, params, this.nextId++, { call: `${model}.${method}` });
      return result as T;
    });
  }

  protected login(): Promise<number> {
    const { db, login, password } = this.target;
    const params = { service: 'common', method: 'authenticate', args: [db, login, password, {}] };
    return uidFromAuthenticate(this.target, this.channel.urlOf(PATH), async () => (await postJsonRpc(this.channel, PATH, params, this.nextId++)).result);
  }
}
