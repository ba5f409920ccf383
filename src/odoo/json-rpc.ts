/**
 * Odoo's JSON-RPC 2.0 envelope (odoo/http.py `JsonRPCDispatcher`), shared by the web session and
 * `/jsonrpc` transports and by `detectVersion`.
 *
 *   → {"jsonrpc": "2.0", "method": "call", "params": {...}, "id": n}
 *   ← {"jsonrpc": "2.0", "id": n, "result": ...}        (no `result` key when the method returned None)
 *   ← {"jsonrpc": "2.0", "id": n, "error": {code, message, data: {name, message, debug, ...}}}   (HTTP 200)
 */
import { fromJsonRpcError, ProtocolError, fromTransportError, type JsonRpcErrorBody } from './errors.js';
import type { HttpChannel, HttpReply } from './http.js';

/** The request body for `params` (`method` is ignored by Odoo; the path routes the call). */
export function jsonRpcRequest(params: Record<string, unknown>, id: number): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'call', params, id });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJsonRpcError(value: unknown): value is JsonRpcErrorBody {
  return isRecord(value) && typeof value.code === 'number' && typeof value.message === 'string';
}

/** First characters of a body, for protocol-error messages. */
export function snippet(body: string, max = 80): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/**
 * Decodes a JSON-RPC reply: the `result` (undefined when absent: the method returned None), or
 * throws the mapped `OdooError`.
 * @param call `model.method`, for error messages.
 */
export function decodeJsonRpcReply(body: string, url: string, call?: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw fromTransportError(new ProtocolError(`expected JSON, got "${snippet(body)}"`), url);
  }
  if (!isRecord(parsed) || parsed.jsonrpc !== '2.0') {
    throw fromTransportError(new ProtocolError(`expected a JSON-RPC 2.0 object, got "${snippet(body)}"`), url);
  }
  if ('error' in parsed && parsed.error !== undefined && parsed.error !== null) {
    if (!isJsonRpcError(parsed.error)) throw fromTransportError(new ProtocolError(`malformed error object "${snippet(body)}"`), url);
    throw fromJsonRpcError(parsed.error, url, call);
  }
  return parsed.result;
}

/** POSTs one JSON-RPC call and decodes its reply. Resolves with the reply too (for cookies). */
export async function postJsonRpc(
  channel: HttpChannel,
  path: string,
  params: Record<string, unknown>,
  id: number,
  options: { headers?: Record<string, string>; call?: string } = {},
): Promise<{ result: unknown; reply: HttpReply }> {
  const reply = await channel.post(path, jsonRpcRequest(params, id), {
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers },
  });
  return { result: decodeJsonRpcReply(reply.body.toString('utf8'), channel.urlOf(path), options.call), reply };
}
