/**
 * A TCP proxy on 127.0.0.1 that tests can break: forward to an upstream port (which may change,
 * e.g. after a restart), answer every connection with an HTTP 503 as a proxy in front of a
 * restarting Odoo does, or be cut (listener closed and live connections destroyed: connection
 * refused) and restored on the same port.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode = 'forward' | 'http-503';

export class FaultProxy {
  mode: ProxyMode = 'forward';
  /** Requests answered with 503 so far. */
  served503 = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    public upstreamPort: number,
    public port: number,
  ) {}

  static async start(upstreamPort: number, port = 0): Promise<FaultProxy> {
    const proxy = new FaultProxy(upstreamPort, port);
    await proxy.listen();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Closes the listener and destroys every live connection: new connections are refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    if (!this.server) await this.listen();
  }

  async stop(): Promise<void> {
    await this.cut();
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        const address = server.address();
        if (typeof address === 'object' && address) this.port = address.port;
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => undefined);
    if (this.mode === 'http-503') {
      client.once('data', () => {
        this.served503 += 1;
        const body = 'Service Unavailable';
        client.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      });
      return;
    }
    const upstream = connect(this.upstreamPort, '127.0.0.1');
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  }
}
