/**
 * What every transport client shares: one HTTP channel to the target, one shared login
 * (LoginOnce: concurrent callers wait for it, a refusal is remembered), secrets redacted from
 * every error a public method rejects with, and close() releasing the sockets. A transport only
 * adds how it logs in (`login`) and how it calls a method (`call`).
 */
import { fromTransportError, loginRejected, OdooError, ProtocolError, redactSecret } from '../errors.js';
import { HttpChannel } from '../http.js';
import type { OdooClient, OdooTarget, TransportName } from '../types.js';
import { LoginOnce } from './login-once.js';

export abstract class TransportClient implements OdooClient {
  abstract readonly transport: TransportName;
  protected readonly channel: HttpChannel;
  protected readonly session: LoginOnce;

  constructor(protected readonly target: OdooTarget) {
    this.channel = new HttpChannel(target.url, target.timeoutMs);
    // Called lazily (first ensure()), so a subclass's own fields are set by then.
    this.session = new LoginOnce(() => this.login());
  }

  get uid(): number | undefined {
    return this.session.uid;
  }

  authenticate(): Promise<number> {
    return this.guard(() => this.session.ensure());
  }

  abstract call<T = unknown>(model: string, method: string, args?: unknown[], kwargs?: Record<string, unknown>): Promise<T>;

  async close(): Promise<void> {
    await this.channel.close();
  }

  /** Logs in once (through `session`): resolves to the uid; rejects with an OdooError. */
  protected abstract login(): Promise<number>;

  /** The credentials to hide from error texts, in the order they are redacted. */
  protected secrets(): string[] {
    return [this.target.password];
  }

  /** Runs `fn`, redacting every secret from the error it rejects with. */
  protected async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.secrets().reduce<unknown>((redacted, secret) => redactSecret(redacted, secret), error);
    }
  }
}

/**
 * The uid from a password login of the stateless RPCs (XML-RPC and /jsonrpc
 * `common.authenticate(db, login, password, {})`), with the same errors for both: a refusal,
 * raised (`access_denied`) or returned (`False`: common.exp_authenticate catches AccessDenied),
 * gives `loginRejected`; any other non-uid reply is a protocol error at `url`.
 */
export async function uidFromAuthenticate(target: OdooTarget, url: string, authenticate: () => Promise<unknown>): Promise<number> {
  const { db, login } = target;
  let uid: unknown;
  try {
    uid = await authenticate();
  } catch (error) {
    if (error instanceof OdooError && error.kind === 'access_denied') throw loginRejected(url, login, db, error);
    throw error;
  }
  if (uid === false) throw loginRejected(url, login, db);
  if (typeof uid !== 'number') throw fromTransportError(new ProtocolError(`authenticate returned ${JSON.stringify(uid)}, expected a uid`), url);
  return uid;
}
