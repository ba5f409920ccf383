/**
 * One `OdooClient` for a target and a transport name: `web` (browser session), `xmlrpc` and
 * `jsonrpc` (integrations up to Odoo 18), `json2` (integrations from Odoo 19 on).
 */
import { Json2Client } from './transports/json2.js';
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
      return new Json2Client(target);
  }
}
