/**
 * One HTTP(S) channel per client: a keep-alive Agent, a per-request timeout, and every failure
 * mapped to an `OdooError` (src/odoo/errors.ts).
 *
 * Keep-alive: Odoo's prefork workers answer HTTP/1.0 and close after each response, a reverse proxy
 * usually keeps the connection open. Node's Agent handles both (a response without keep-alive
 * destroys the socket). A kept-alive socket may be closed by the proxy just as we reuse it: that
 * request never reached the server, so it is sent once more on a fresh socket (the pattern of
 * Node's `request.reusedSocket` documentation). A reset on a fresh socket is reported, never retried.
 */
import http from 'node:http';
import https from 'node:https';
import { fromTransportError, HttpStatusError, RequestTimeoutError } from './errors.js';

/** Default per-request timeout: 60 s (OdooTarget.timeoutMs). */
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface PostOptions {
  headers?: Record<string, string>;
  /**
   * Statuses resolved as replies instead of rejected (default: 2xx only). JSON-2 (Odoo ≥ 19) sends
   * its errors as 4xx/5xx with a JSON body the caller must read.
   */
  acceptStatus?: (status: number) => boolean;
}

export class HttpChannel {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  /**
   * @param baseUrl e.g. `http://127.0.0.1:8069` (a trailing slash or path prefix is kept).
   * @param timeoutMs whole-request limit in milliseconds: connect, send, wait, read.
   */
  constructor(
    baseUrl: string,
    readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const secure = this.base.protocol === 'https:';
    this.transport = secure ? https : http;
    this.agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  /** Absolute URL of `path` (relative to the base URL's path). */
  urlOf(path: string): string {
    return new URL(path.replace(/^\//, ''), this.base).toString();
  }

  /**
   * POSTs `body` to `path`. Resolves on any 2xx reply; rejects with an `OdooError` (kind http_error
   * for other statuses, timeout, connection_* …).
   */
  async post(path: string, body: string, options: PostOptions = {}): Promise<HttpReply> {
    const url = this.urlOf(path);
    try {
      return await this.send(url, body, options, true);
    } catch (error) {
      throw fromTransportError(error, url);
    }
  }

  private send(url: string, body: string, options: PostOptions, mayRetry: boolean): Promise<HttpReply> {
    return new Promise<HttpReply>((resolve, reject) => {
      const payload = Buffer.from(body, 'utf8');
      let settled = false;
      let gotResponse = false;
      const request = this.transport.request(url, {
        method: 'POST',
        agent: this.agent,
        headers: { ...options.headers, 'Content-Length': String(payload.length) },
      });
      const timer = setTimeout(() => {
        finish(() => reject(new RequestTimeoutError(this.timeoutMs)));
        request.destroy();
      }, this.timeoutMs);
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      request.on('error', (error: Error) => {
        if (!gotResponse && mayRetry && request.reusedSocket && isStaleSocketError(error)) {
          finish(() => this.send(url, body, options, false).then(resolve, reject));
          return;
        }
        finish(() => reject(error));
      });
      request.on('response', (response) => {
        gotResponse = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => finish(() => reject(error)));
        // A response cut short (worker killed mid-reply) ends with 'close' and no 'end'.
        response.on('close', () => {
          if (!response.complete) finish(() => reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const accepted = options.acceptStatus?.(status) ?? false;
          if (!accepted && (status < 200 || status >= 300)) {
            const location = typeof response.headers.location === 'string' ? response.headers.location : undefined;
            finish(() => reject(new HttpStatusError(status, location)));
            return;
          }
          finish(() => resolve({ status, headers: response.headers, body: Buffer.concat(chunks) }));
        });
      });
      request.end(payload);
    });
  }

  /** Closes idle sockets and refuses new ones. */
  async close(): Promise<void> {
    this.agent.destroy();
  }
}

function isStaleSocketError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ECONNRESET' || code === 'EPIPE' || error.message === 'socket hang up';
}
