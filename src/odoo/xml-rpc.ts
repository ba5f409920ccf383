/**
 * XML-RPC encoding with the `xmlrpc` package's serializer and deserializer, over our own
 * `HttpChannel` (its client has no timeout and no status handling).
 *
 * Odoo 17 (`/xmlrpc/2/<service>`) answers `text/xml` with HTTP 200 for results and faults alike;
 * a method returning None becomes fault 1 "cannot marshal None …", which is a success
 * (`isMarshalNoneFault`, docs/ODOO-PROTOCOL.md).
 */
import { Readable } from 'node:stream';
import Deserializer from 'xmlrpc/lib/deserializer.js';
import * as serializer from 'xmlrpc/lib/serializer.js';
import { fromTransportError, fromXmlRpcFault, isMarshalNoneFault, ProtocolError } from './errors.js';
import type { HttpChannel } from './http.js';
import { snippet } from './json-rpc.js';

/**
 * A copy of `value` without `undefined` (JSON.stringify's rule: dropped from structs, `null` in
 * arrays): the serializer would send an empty `<value/>`, which Python reads as `""`.
 */
export function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : dropUndefined(item)));
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = dropUndefined(item);
    return out;
  }
  return value;
}

/** `<methodCall>` XML for `method(params…)`. */
export function encodeMethodCall(method: string, params: unknown[]): string {
  return serializer.serializeMethodCall(method, dropUndefined(params) as unknown[]);
}

type Decoded = { ok: true; value: unknown } | { ok: false; fault: { faultCode: number | string; faultString: string } };

/** Parses a `<methodResponse>` into its value or its fault; rejects with the parse error. */
export function decodeMethodResponse(body: Buffer): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const deserializer = new Deserializer('utf8');
    deserializer.deserializeMethodResponse(Readable.from([body], { objectMode: false }), (error, value) => {
      if (!error) resolve({ ok: true, value });
      else if (error.faultCode !== undefined) resolve({ ok: false, fault: { faultCode: error.faultCode, faultString: error.faultString ?? '' } });
      else reject(error);
    });
  });
}

/**
 * Calls `method(params…)` on `path` (e.g. `xmlrpc/2/object`). Resolves with the value (undefined
 * for the marshal-None fault); rejects with a mapped `OdooError`.
 * @param call `model.method`, for error messages.
 */
export async function xmlRpcCall(channel: HttpChannel, path: string, method: string, params: unknown[], call?: string): Promise<unknown> {
  const url = channel.urlOf(path);
  const reply = await channel.post(path, encodeMethodCall(method, params), {
    headers: { 'Content-Type': 'text/xml', Accept: 'text/xml' },
  });
  let decoded: Decoded;
  try {
    decoded = await decodeMethodResponse(reply.body);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw fromTransportError(new ProtocolError(`expected XML-RPC, ${detail}: "${snippet(reply.body.toString('utf8'))}"`), url);
  }
  if (decoded.ok) return decoded.value;
  if (isMarshalNoneFault(decoded.fault)) return undefined;
  throw fromXmlRpcFault(decoded.fault, url, call);
}
