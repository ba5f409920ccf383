/**
 * Which transport a journey uses against a given Odoo: the user's `--transport` when given, else
 * the journey's own, except that integration journeys (declared `xmlrpc` or `jsonrpc`, as EDI
 * connectors talk to Odoo ≤ 18) move to JSON-2 from Odoo 19 on, where XML-RPC and /jsonrpc are
 * deprecated (removal planned for Odoo 22).
 */
import type { TransportName } from './types.js';

/** First Odoo major version with the JSON-2 API. */
export const JSON2_SINCE_MAJOR = 19;

/**
 * @param declared the journey's `transport`.
 * @param major the server's major version (`detectVersion().major`; NaN when unknown → as declared).
 * @param override `--transport`.
 * @example transportFor('xmlrpc', 19) // 'json2'
 */
export function transportFor(declared: TransportName, major: number, override?: TransportName): TransportName {
  if (override !== undefined) return override;
  if ((declared === 'xmlrpc' || declared === 'jsonrpc') && major >= JSON2_SINCE_MAJOR) return 'json2';
  if (declared === 'json2' && major < JSON2_SINCE_MAJOR) return 'xmlrpc';
  return declared;
}

/** The transports a user may name with `--transport`. */
export const TRANSPORT_NAMES: readonly TransportName[] = ['web', 'xmlrpc', 'jsonrpc', 'json2'];

export function isTransportName(value: string): value is TransportName {
  return (TRANSPORT_NAMES as readonly string[]).includes(value);
}
