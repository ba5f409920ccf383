/**
 * The OdooClient contract: what journeys are written against (DESIGN.md, principle 1).
 * Transports (web session, XML-RPC, /jsonrpc, JSON-2) implement it in src/odoo/transports/.
 */

/** How a client talks to Odoo. Interactive users use `web`; integrations `xmlrpc` (≤ 18) or `json2` (≥ 19). */
export type TransportName = 'web' | 'xmlrpc' | 'jsonrpc' | 'json2';

/** Where and as whom to connect. The password never leaves this object: it is not logged or stored. */
export interface OdooTarget {
  /** Base URL, e.g. `http://127.0.0.1:8069` (no trailing slash needed). */
  url: string;
  /** Database name. */
  db: string;
  login: string;
  password: string;
  /**
   * API key for the JSON-2 transport (Odoo ≥ 19: `Authorization: bearer <key>`); when absent the
   * password is sent instead (Odoo accepts an API key wherever a password is expected, not the reverse).
   */
  apiKey?: string;
  /** Per-request timeout in milliseconds. Default 60 000. */
  timeoutMs?: number;
}

export interface ServerVersion {
  /** e.g. `"17.0"` or `"17.0+e"` */
  serverVersion: string;
  /** e.g. `[17, 0, 0, "final", 0, ""]` */
  serverVersionInfo: Array<string | number>;
  /** The major version as a number (17). */
  major: number;
}

export interface OdooClient {
  readonly transport: TransportName;
  /** The authenticated user id, once `authenticate()` resolved. */
  readonly uid: number | undefined;
  /**
   * Log in once; the session (cookie or uid+password) is reused by every later call.
   * Rejects with `OdooError` kind `access_denied` on bad credentials — callers must not retry
   * (Odoo locks an IP out after five failures).
   */
  authenticate(): Promise<number>;
  /**
   * `model.method(*args, **kwargs)`. Resolves to the method's return value, `undefined` when the
   * method returned None (including XML-RPC's "cannot marshal None" fault, which is a success).
   * Rejects with a typed `OdooError` (src/odoo/errors.ts).
   */
  call<T = unknown>(model: string, method: string, args?: unknown[], kwargs?: Record<string, unknown>): Promise<T>;
  /**
   * A form button pressed as the web client does (`/web/dataset/call_button`): resolves to the
   * action the button returned (cleaned by Odoo) or `false`. Only the web session transport has it;
   * journeys fall back to `call` when it is absent (see scenarios/journeys/common.ts `pressButton`).
   */
  callButton?<T = unknown>(model: string, method: string, args?: unknown[], kwargs?: Record<string, unknown>): Promise<T>;
  /**
   * A plain JSON route of the web client (not a model method), e.g. `/mail/thread/data` with
   * `{thread_model, thread_id, request_list}` or `/web/action/load` with `{action_id}`: the
   * JSON-RPC `params` are sent as given and the `result` is returned. Only the web session
   * transport has it (and the k6 bundle's web client); integrations never call routes.
   */
  callRoute?<T = unknown>(path: string, params?: Record<string, unknown>): Promise<T>;
  /** Releases sockets. */
  close(): Promise<void>;
}

/**
 * Stable error kinds, counted per kind in a run. Mapped from Odoo's JSON-RPC `error.data.name`,
 * XML-RPC fault codes/strings and transport failures.
 */
export type OdooErrorKind =
  | 'user_error' // odoo.exceptions.UserError, XML-RPC fault 2
  | 'validation_error' // odoo.exceptions.ValidationError
  | 'access_denied' // bad login/password (authenticate → False, odoo.exceptions.AccessDenied, XML-RPC fault 3)
  | 'access_error' // odoo.exceptions.AccessError, XML-RPC fault 4
  | 'missing_error' // odoo.exceptions.MissingError
  | 'session_expired' // odoo.http.SessionExpiredException (JSON-RPC code 100)
  | 'private_method' // an AccessError (XML-RPC fault 4) "Private methods (such as …) cannot be called remotely."
  | 'serialization_failure' // psycopg2 SerializationFailure / concurrent update after Odoo's 5 retries
  | 'server_error' // any other server-side exception (fault 1, JSON-RPC code 200)
  | 'http_error' // non-200 status (502/503 from a proxy, 404 …)
  | 'connection_refused'
  | 'connection_reset'
  | 'timeout'
  | 'dns_error'
  | 'tls_error'
  | 'protocol_error'; // a reply that is not JSON-RPC / XML-RPC
