/**
 * Real HTTP servers on 127.0.0.1:0 that answer like Odoo 17 (shapes from test/unit/odoo/odoo17-replies.ts),
 * with scripted handlers, recording every request and the connection it came on.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import Deserializer from 'xmlrpc/lib/deserializer.js';
import * as serializer from 'xmlrpc/lib/serializer.js';

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** 1-based number of the TCP connection the request came on. */
  connection: number;
  /** 1-based number of this request on its connection. */
  onConnection: number;
}

export interface BodyReply {
  status?: number;
  headers?: Record<string, string | string[]>;
  body: string;
}

export type Reply =
  | BodyReply
  | 'reset' // destroy the socket without answering
  | 'hang'; // never answer

export type Handler = (request: SeenRequest) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  requests: SeenRequest[];
  connections(): number;
  close(): Promise<void>;
}

/** An HTTP/1.1 server (keep-alive, like a reverse proxy) driven by `handler`. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  let connections = 0;
  const perSocket = new WeakMap<net.Socket, { id: number; count: number }>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const info = perSocket.get(req.socket) ?? { id: 0, count: 0 };
      info.count += 1;
      const seen: SeenRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        connection: info.id,
        onConnection: info.count,
      };
      requests.push(seen);
      void Promise.resolve(handler(seen)).then((reply) => {
        if (reply === 'hang') return;
        if (reply === 'reset') {
          req.socket.destroy();
          return;
        }
        res.writeHead(reply.status ?? 200, reply.headers ?? {});
        res.end(reply.body);
      });
    });
  });
  server.on('connection', (socket: net.Socket) => {
    connections += 1;
    perSocket.set(socket, { id: connections, count: 0 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A raw TCP server answering like an Odoo prefork worker: `HTTP/1.0 200 OK`, no keep-alive, the
 * connection closed after each reply (docs/ODOO-PROTOCOL.md). `reply` gets the request body.
 */
export async function startHttp10Server(reply: (body: string) => { contentType: string; body: string }): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    const id = connections;
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const head = buffer.subarray(0, headerEnd).toString('latin1');
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < headerEnd + 4 + length) return;
      const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      const [requestLine = ''] = head.split('\r\n');
      const [method = '', path = ''] = requestLine.split(' ');
      requests.push({ method, path, headers: {}, body, connection: id, onConnection: 1 });
      const answer = reply(body);
      const payload = Buffer.from(answer.body, 'utf8');
      socket.end(
        Buffer.concat([
          Buffer.from(`HTTP/1.0 200 OK\r\nContent-Type: ${answer.contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`, 'latin1'),
          payload,
        ]),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// --- Odoo 17 reply bodies -------------------------------------------------------------------------

export interface JsonRpcCall {
  jsonrpc: string;
  method: string;
  params: Record<string, unknown>;
  id: number | null;
}

export function parseJsonRpc(body: string): JsonRpcCall {
  return JSON.parse(body) as JsonRpcCall;
}

/** `JsonRPCDispatcher._response`: `result` only when not None. */
export function jsonRpcResult(id: number | null, result: unknown): BodyReply {
  const payload: Record<string, unknown> = { jsonrpc: '2.0', id };
  if (result !== undefined && result !== null) payload.result = result;
  return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) };
}

export function jsonRpcErrorReply(id: number | null, error: unknown, extraHeaders: Record<string, string | string[]> = {}): BodyReply {
  return { headers: { 'Content-Type': 'application/json', ...extraHeaders }, body: JSON.stringify({ jsonrpc: '2.0', id, error }) };
}

export function xmlResult(value: unknown): BodyReply {
  return { headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: serializer.serializeMethodResponse(value) };
}

export function xmlFault(faultCode: number, faultString: string): BodyReply {
  return { headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: serializer.serializeFault({ faultCode, faultString }) };
}

/** Decodes an XML-RPC `<methodCall>` with the xmlrpc package (as Odoo's `xmlrpc.client.loads`). */
export function parseMethodCall(body: string): Promise<{ method: string; params: unknown[] }> {
  return new Promise((resolve, reject) => {
    new Deserializer('utf8').deserializeMethodCall(Readable.from([Buffer.from(body, 'utf8')], { objectMode: false }), (error, method, params) => {
      if (error) reject(error);
      else resolve({ method: method ?? '', params: params ?? [] });
    });
  });
}

/** What `/web/session/authenticate` sets (odoo/http.py: max_age SESSION_LIFETIME, httponly). */
export function sessionCookie(sid: string): string {
  return `session_id=${sid}; Expires=Sat, 14 Mar 2026 10:00:00 GMT; Max-Age=604800; HttpOnly; Path=/`;
}
