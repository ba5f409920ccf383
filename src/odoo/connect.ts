/**
 * One `OdooClient` for a target and a transport name. `json2` (Odoo ≥ 19: `/json/2/<model>/<method>`
 * with an API key) is not implemented yet and throws an `OdooError` with code
 * `ODOO_TRANSPORT_NOT_IMPLEMENTED`.
 */
import { messages, OdooError, SPECIFIC_CODES } from './errors.js';
import { JsonRpcClient } from './transports/json-rpc.js';
import { WebSessionClient } from './transports/web-session.js';
import { XmlRpcClient } from './transports/xml-rpc.js';
import type { OdooClient, OdooTarget, TransportName } from './types.js';

/** A new client; nothing is sent until `authenticate()` or the first `call()`. */
export function createClient(target: OdooTarget, transport: TransportName): OdooClient {
  switch (transport) {
    case 'web':
      return new WebSessionClient(target);
    case 'xmlrpc':
      return new XmlRpcClient(target);
    case 'jsonrpc':
      return new JsonRpcClient(target);
    case 'json2':
      throw new OdooError({ kind: 'protocol_error', code: SPECIFIC_CODES.notImplemented, message: messages.notImplemented('json2') });
  }
}
