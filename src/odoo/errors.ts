/**
 * Typed Odoo errors and the pure functions that map Odoo 17's JSON-RPC errors, XML-RPC faults and
 * transport failures onto the stable kinds of `OdooErrorKind` (src/odoo/types.ts).
 *
 * Sources (Odoo 17.0, checked in the source tree):
 * - `odoo/http.py` `JsonRPCDispatcher.handle_error`: every JSON-RPC error is sent with HTTP 200 as
 *   `{code: 200, message: "Odoo Server Error", data: serialize_exception(exc)}`, where
 *   `data.name = "<module>.<class>"` (e.g. `odoo.exceptions.UserError`, `psycopg2.errors.SerializationFailure`)
 *   and `data.message = str(exc)`; code 100 / "Odoo Session Expired" for `odoo.http.SessionExpiredException`,
 *   code 404 / "404: Not Found" for `werkzeug.exceptions.NotFound`.
 * - `odoo/addons/base/controllers/rpc.py` `xmlrpc_handle_exception_int` (`/xmlrpc/2/*`):
 *   AccessError → fault 4, AccessDenied → fault 3, UserError (incl. ValidationError, MissingError,
 *   RedirectWarning) → fault 2 with `str(exc)`, anything else → fault 1 with the whole Python traceback.
 *   A method returning None fails to marshal *after* the transaction committed and is also fault 1.
 * - `odoo/models.py` `check_method_name`: `AccessError("Private methods (such as %s) cannot be called remotely.")`.
 * - `odoo/service/model.py` `retrying`: serialization failures, deadlocks and lock timeouts are retried
 *   5 times, then the psycopg2 error itself reaches the client.
 *
 * Every message names the URL (credentials stripped) and says what to do; none ever contains the
 * password (the password is never an input of these functions).
 */
import type { OdooErrorKind } from './types.js';

/** Stable codes per kind; a few kinds have a more specific code (see `OdooErrorCode`). */
export const ERROR_CODES: Readonly<Record<OdooErrorKind, string>> = {
  user_error: 'ODOO_USER_ERROR',
  validation_error: 'ODOO_VALIDATION_ERROR',
  access_denied: 'ODOO_ACCESS_DENIED',
  access_error: 'ODOO_ACCESS_ERROR',
  missing_error: 'ODOO_MISSING_ERROR',
  session_expired: 'ODOO_SESSION_EXPIRED',
  private_method: 'ODOO_PRIVATE_METHOD',
  serialization_failure: 'ODOO_SERIALIZATION_FAILURE',
  server_error: 'ODOO_SERVER_ERROR',
  http_error: 'ODOO_HTTP_ERROR',
  connection_refused: 'ODOO_CONNECTION_REFUSED',
  connection_reset: 'ODOO_CONNECTION_RESET',
  timeout: 'ODOO_TIMEOUT',
  dns_error: 'ODOO_DNS_ERROR',
  tls_error: 'ODOO_TLS_ERROR',
  protocol_error: 'ODOO_PROTOCOL_ERROR',
};

/** Specific codes used on top of `ERROR_CODES`. */
export const SPECIFIC_CODES = {
  /** access_denied: "Too many login failures" — Odoo's per-IP login cooldown is active. */
  loginCooldown: 'ODOO_LOGIN_COOLDOWN',
  /** access_denied: the login needs two-factor authentication; `/web/session/authenticate` returned `uid: null`. */
  twoFactor: 'ODOO_TWO_FACTOR_REQUIRED',
  /** http_error: JSON-RPC code 404 — the route does not exist (wrong URL, module not installed). */
  routeNotFound: 'ODOO_ROUTE_NOT_FOUND',
  /** access_error: `/web/session/authenticate` answered AccessError("Database not found.") (unknown db or dbfilter). */
  databaseNotFound: 'ODOO_DATABASE_NOT_FOUND',
  /** access_error: the staging marker (ir.config_parameter) is readable by administrators only. */
  stagingMarkerUnreadable: 'ODOO_STAGING_MARKER_UNREADABLE',
} as const;

export interface OdooErrorInit {
  kind: OdooErrorKind;
  message: string;
  /** Defaults to `ERROR_CODES[kind]`. */
  code?: string;
  odooName?: string;
  /** Odoo's own message (`error.data.message` / faultString), unmodified. */
  odooMessage?: string;
  /** Server traceback (`error.data.debug`, or a fault-1 faultString). Never shown by default. */
  debug?: string;
  faultCode?: number;
  httpStatus?: number;
  url?: string;
  cause?: unknown;
}

/** A failed Odoo call, counted per `kind` in a run. */
export class OdooError extends Error {
  override readonly name = 'OdooError';
  readonly kind: OdooErrorKind;
  /** Stable, e.g. `ODOO_USER_ERROR`. */
  readonly code: string;
  /** Python exception name, e.g. `odoo.exceptions.UserError`. */
  readonly odooName?: string;
  readonly odooMessage?: string;
  readonly debug?: string;
  /** XML-RPC fault code (1–4). */
  readonly faultCode?: number;
  /** HTTP status of a non-2xx reply. */
  readonly httpStatus?: number;
  /** The URL called (credentials stripped). */
  readonly url?: string;

  constructor(init: OdooErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code ?? ERROR_CODES[init.kind];
    if (init.odooName !== undefined) this.odooName = init.odooName;
    if (init.odooMessage !== undefined) this.odooMessage = init.odooMessage;
    if (init.debug !== undefined) this.debug = init.debug;
    if (init.faultCode !== undefined) this.faultCode = init.faultCode;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.url !== undefined) this.url = init.url;
  }
}

export function isOdooError(error: unknown): error is OdooError {
  return error instanceof OdooError;
}

// ---------------------------------------------------------------------------------------------
// Message builders (tests compare against these)
// ---------------------------------------------------------------------------------------------

/** `url` without user:password and without query string. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

/** Host (and port) of `url`, for DNS messages. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Odoo's text on one line (messages are printed as one line by the CLI). */
export function oneLine(text: string): string {
  return text.replace(/\s*\n+\s*/g, ' ').trim();
}

/** `sale.order.create` or `` when unknown, used as "Odoo refused sale.order.create at …". */
function callPart(call: string | undefined): string {
  return call ? `${call} ` : '';
}

export const messages = {
  connectionRefused: (url: string) =>
    `Cannot connect to Odoo at ${safeUrl(url)}: connection refused. Check the URL and port, and that Odoo (or its proxy) is running.`,
  connectionReset: (url: string) =>
    `Odoo at ${safeUrl(url)} closed the connection before answering (connection reset). A worker may have been killed (limit_time_real, limit_memory_hard) or a proxy dropped the request: check the Odoo log.`,
  timeout: (url: string, timeoutMs: number | undefined) =>
    `No answer from Odoo at ${safeUrl(url)} ${timeoutMs === undefined ? 'in time (ETIMEDOUT)' : `within ${timeoutMs} ms`}. The workers may be saturated: lower the load or raise the target timeout.`,
  dnsError: (url: string) =>
    `Cannot resolve the host "${hostOf(url)}" of ${safeUrl(url)}. Check the URL's host name and this machine's DNS.`,
  tlsError: (url: string, detail: string) =>
    `TLS failure talking to ${safeUrl(url)} (${detail}). Check the server certificate, or the http/https scheme of the URL.`,
  httpError: (url: string, status: number, location?: string) => {
    const base = `Odoo at ${safeUrl(url)} answered HTTP ${status}.`;
    if (status >= 300 && status < 400)
      return `${base} It redirects${location ? ` to ${location}` : ''}: use the final URL (often https://) as the target URL.`;
    if (status === 404) return `${base} The path does not exist: check that the URL points at the Odoo server itself.`;
    if (status === 401 || status === 403) return `${base} A proxy or firewall refused the request: allow this client or use the direct Odoo URL.`;
    if (status === 429) return `${base} A proxy rate-limits the client: lower the load or allow this client.`;
    if (status === 502 || status === 503 || status === 504)
      return `${base} This comes from a proxy in front of Odoo: Odoo is down, restarting, or has no free worker (check workers, limit_time_real and the Odoo log).`;
    return `${base} Check the Odoo log.`;
  },
  routeNotFound: (url: string) =>
    `Odoo at ${safeUrl(url)} has no such route (JSON-RPC 404). Check the URL, and that the module providing it is installed.`,
  protocolError: (url: string, detail: string) =>
    `The reply from ${safeUrl(url)} is not a valid Odoo RPC answer (${detail}). Check that the URL points at Odoo and not at another service or a proxy error page.`,
  accessDenied: (url: string, login?: string, db?: string) =>
    `Odoo at ${safeUrl(url)} rejected login ${login === undefined ? '' : `"${login}" `}${db === undefined ? '' : `on database "${db}" `}(wrong login or password, or unknown database). Do not retry: Odoo locks the client's IP out after 5 failed logins; fix the credentials first.`,
  loginCooldown: (url: string) =>
    `Odoo at ${safeUrl(url)} ignores logins from this IP for now: too many failed logins (by default 5, then 60 s per worker). Wait a minute, fix the credentials, and start again.`,
  twoFactor: (url: string, login: string) =>
    `Login "${login}" at ${safeUrl(url)} requires two-factor authentication, which the web session transport cannot pass. Use a load-test user without 2FA.`,
  databaseNotFound: (url: string, db: string) =>
    `Odoo at ${safeUrl(url)} has no database "${db}" (or its dbfilter hides it). Check the database name of the target.`,
  sessionExpired: (url: string) =>
    `The Odoo session at ${safeUrl(url)} has expired or is unknown to the server (restart, different database, or logged out). Authenticate again.`,
  privateMethod: (url: string, odooMessage: string) =>
    `Odoo at ${safeUrl(url)} refuses to call a private method remotely: ${oneLine(odooMessage)} Call the public method or wizard instead.`,
  serializationFailure: (url: string, call: string | undefined, odooMessage: string) =>
    `Odoo at ${safeUrl(url)} gave up on ${callPart(call)}after 5 tries because of concurrent updates (${oneLine(odooMessage)}). This is contention between parallel users: fewer concurrent writers on the same records, or accept it as a measured failure.`,
  userError: (url: string, call: string | undefined, odooMessage: string) =>
    `Odoo at ${safeUrl(url)} refused ${callPart(call)}with a user error: ${oneLine(odooMessage)}`,
  validationError: (url: string, call: string | undefined, odooMessage: string) =>
    `Odoo at ${safeUrl(url)} refused ${callPart(call)}with a validation error: ${oneLine(odooMessage)}`,
  missingError: (url: string, call: string | undefined, odooMessage: string) =>
    `Odoo at ${safeUrl(url)}: ${callPart(call)}touched records that do not exist or were deleted: ${oneLine(odooMessage)}`,
  accessError: (url: string, call: string | undefined, odooMessage: string) =>
    `Odoo at ${safeUrl(url)} refused ${callPart(call)}for lack of access rights: ${oneLine(odooMessage)} Give the load-test user the needed groups.`,
  serverError: (url: string, call: string | undefined, odooName: string | undefined, odooMessage: string) =>
    `Odoo at ${safeUrl(url)} failed on ${callPart(call)}with a server error${odooName ? ` (${odooName})` : ''}: ${oneLine(odooMessage)} See the Odoo log for the traceback.`,
  apiKeyRejected: (url: string, db: string | undefined) =>
    `Odoo at ${safeUrl(url)} rejected the API key${db === undefined ? '' : ` for database "${db}"`} (JSON-2 answers 401 for a missing, wrong or expired key). Create a key under Preferences → Account Security → New API Key and give it in ODOO_API_KEY (or the config file's apiKeyFile).`,
  json2NotFound: (url: string, call: string | undefined, odooMessage: string) =>
    `Odoo at ${safeUrl(url)} has no ${call ?? 'such model or method'} (JSON-2 404: ${oneLine(odooMessage)}). Check the model and method names, and that the module providing them is installed.`,
  json2BadArguments: (url: string, call: string | undefined, odooMessage: string) =>
    `Odoo at ${safeUrl(url)} refused the arguments of ${call ?? 'the call'} (JSON-2 422: ${oneLine(odooMessage)}). JSON-2 takes named arguments only: pass them as kwargs named like the method's parameters.`,
  json2PositionalArguments: (call: string, count: number) =>
    `${call}: JSON-2 takes named arguments only and the tool does not know the parameter names of this method (${count} positional arguments given). Pass them as kwargs.`,
  stagingMarkerUnreadable: (url: string, login?: string) =>
    `${login === undefined ? 'The login in use' : `Login "${login}"`} cannot read the staging marker (ir.config_parameter "database.is_neutralized") at ${safeUrl(url)}: only administrators can. Use an administrator login to check the target.`,
};

// ---------------------------------------------------------------------------------------------
// JSON-RPC errors
// ---------------------------------------------------------------------------------------------

/** `error` of an Odoo 17 JSON-RPC reply (odoo/http.py `JsonRPCDispatcher.handle_error`). */
export interface JsonRpcErrorBody {
  code: number;
  message: string;
  data?: {
    name?: string;
    message?: string;
    debug?: string;
    arguments?: unknown[];
    context?: Record<string, unknown>;
  };
}

const SERIALIZATION_NAMES = new Set([
  'psycopg2.errors.SerializationFailure',
  'psycopg2.errors.DeadlockDetected',
  'psycopg2.errors.LockNotAvailable',
  'psycopg2.extensions.TransactionRollbackError',
  'psycopg2.errors.TransactionRollback',
]);

/**
 * PostgreSQL concurrency failures that Odoo retries (`PG_CONCURRENCY_ERRORS_TO_RETRY`:
 * 55P03 lock_not_available, 40001 serialization_failure, 40P01 deadlock_detected), by name or text.
 */
export function isSerializationText(text: string): boolean {
  return /could not serialize access|deadlock detected|SerializationFailure|TransactionRollbackError|DeadlockDetected|LockNotAvailable/.test(
    text,
  );
}

const PRIVATE_METHOD = /Private methods \(such as .*\) cannot be called remotely/;
/** MissingError texts of odoo/models.py `_check_records` and odoo/fields.py `__get__` (English). */
const MISSING_TEXT = /^(Record does not exist or has been deleted|One of the documents you are trying to access has been deleted)/;

/**
 * Maps an Odoo JSON-RPC `error` object (web session and `/jsonrpc`) to an `OdooError`.
 * @param call `model.method` for the message, when known.
 * @example fromJsonRpcError({code: 200, message: 'Odoo Server Error', data: {name: 'odoo.exceptions.UserError', message: 'No.'}}, url).kind // 'user_error'
 */
export function fromJsonRpcError(error: JsonRpcErrorBody, url: string, call?: string): OdooError {
  const name = error.data?.name;
  const odooMessage = error.data?.message ?? error.message;
  const debug = error.data?.debug;
  const base = { url: safeUrl(url), odooMessage, ...(name === undefined ? {} : { odooName: name }), ...(debug ? { debug } : {}) };

  if (error.code === 100 || name === 'odoo.http.SessionExpiredException') {
    return new OdooError({ ...base, kind: 'session_expired', message: messages.sessionExpired(url) });
  }
  if (error.code === 404 || name === 'werkzeug.exceptions.NotFound') {
    return new OdooError({ ...base, kind: 'http_error', code: SPECIFIC_CODES.routeNotFound, message: messages.routeNotFound(url) });
  }
  switch (name) {
    case 'odoo.exceptions.AccessDenied':
      return accessDeniedError(url, odooMessage, base);
    case 'odoo.exceptions.AccessError':
      return PRIVATE_METHOD.test(odooMessage)
        ? new OdooError({ ...base, kind: 'private_method', message: messages.privateMethod(url, odooMessage) })
        : new OdooError({ ...base, kind: 'access_error', message: messages.accessError(url, call, odooMessage) });
    case 'odoo.exceptions.MissingError':
      return new OdooError({ ...base, kind: 'missing_error', message: messages.missingError(url, call, odooMessage) });
    case 'odoo.exceptions.ValidationError':
      return new OdooError({ ...base, kind: 'validation_error', message: messages.validationError(url, call, odooMessage) });
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.RedirectWarning':
      return new OdooError({ ...base, kind: 'user_error', message: messages.userError(url, call, odooMessage) });
  }
  if ((name !== undefined && SERIALIZATION_NAMES.has(name)) || isSerializationText(odooMessage)) {
    return new OdooError({ ...base, kind: 'serialization_failure', message: messages.serializationFailure(url, call, odooMessage) });
  }
  return new OdooError({ ...base, kind: 'server_error', message: messages.serverError(url, call, name, odooMessage) });
}

function accessDeniedError(url: string, odooMessage: string, base: Partial<OdooErrorInit>): OdooError {
  if (/Too many login failures/.test(odooMessage)) {
    return new OdooError({ ...base, kind: 'access_denied', code: SPECIFIC_CODES.loginCooldown, message: messages.loginCooldown(url) });
  }
  return new OdooError({ ...base, kind: 'access_denied', message: messages.accessDenied(url) });
}

// ---------------------------------------------------------------------------------------------
// JSON-2 errors (Odoo ≥ 19)
// ---------------------------------------------------------------------------------------------

/**
 * The body of a JSON-2 error reply (Odoo 19 `controllers/json2.py`
 * `Json2RpcDispatcher.handle_error`: `http.serialize_exception(exc)` with the exception's
 * `http_status`): `{name, message, arguments, context, debug}`. Early 19.0 builds sent only the
 * message as a JSON string; both are accepted.
 */
export interface Json2ErrorBody {
  name?: string;
  message?: string;
  arguments?: unknown[];
  context?: Record<string, unknown>;
  debug?: string;
}

/**
 * Maps a JSON-2 error reply (HTTP 4xx/5xx with a JSON body) to an `OdooError`.
 * 401 → access_denied (bad API key); werkzeug NotFound → http_error (no such model/method);
 * werkzeug UnprocessableEntity → protocol_error (arguments that do not bind); Odoo and psycopg2
 * exceptions by name as for JSON-RPC (UserError 422, AccessError 403, MissingError 404 …).
 * @param db the database, for the API-key message.
 */
export function fromJson2Error(status: number, body: Json2ErrorBody | string, url: string, call?: string, db?: string): OdooError {
  const error: Json2ErrorBody = typeof body === 'string' ? { message: body } : body;
  const name = error.name;
  const odooMessage = error.message ?? `HTTP ${status}`;
  const base = { url: safeUrl(url), httpStatus: status, odooMessage, ...(name === undefined ? {} : { odooName: name }), ...(error.debug ? { debug: error.debug } : {}) };
  if (status === 401 || name === 'werkzeug.exceptions.Unauthorized') {
    return new OdooError({ ...base, kind: 'access_denied', message: messages.apiKeyRejected(url, db) });
  }
  if (name === 'werkzeug.exceptions.NotFound' || (status === 404 && name === undefined)) {
    return new OdooError({ ...base, kind: 'http_error', code: SPECIFIC_CODES.routeNotFound, message: messages.json2NotFound(url, call, odooMessage) });
  }
  if (name === 'werkzeug.exceptions.UnprocessableEntity' || (status === 422 && name === undefined)) {
    return new OdooError({ ...base, kind: 'protocol_error', message: messages.json2BadArguments(url, call, odooMessage) });
  }
  // Same names as JSON-RPC; code 200 so that a MissingError's 404 is not read as "no route".
  const mapped = fromJsonRpcError({ code: 200, message: odooMessage, data: { ...(name === undefined ? {} : { name }), message: odooMessage, ...(error.debug ? { debug: error.debug } : {}) } }, url, call);
  return new OdooError({
    kind: mapped.kind,
    code: mapped.code,
    message: mapped.message,
    httpStatus: status,
    ...(mapped.odooName === undefined ? {} : { odooName: mapped.odooName }),
    ...(mapped.odooMessage === undefined ? {} : { odooMessage: mapped.odooMessage }),
    ...(mapped.debug === undefined ? {} : { debug: mapped.debug }),
    ...(mapped.url === undefined ? {} : { url: mapped.url }),
  });
}

// ---------------------------------------------------------------------------------------------
// XML-RPC faults
// ---------------------------------------------------------------------------------------------

/** An XML-RPC fault as decoded by the `xmlrpc` package (`faultCode`, `faultString`). */
export interface XmlRpcFault {
  faultCode: number | string;
  faultString: string;
}

/**
 * True for Odoo's fault 1 "cannot marshal None unless allow_none is enabled": the method returned
 * None and its transaction has already committed — a success with no value (docs/ODOO-PROTOCOL.md).
 */
export function isMarshalNoneFault(fault: XmlRpcFault): boolean {
  return Number(fault.faultCode) === 1 && fault.faultString.includes('cannot marshal None unless allow_none is enabled');
}

/**
 * The exception line of a Python traceback (`psycopg2.errors.SerializationFailure: could not …`)
 * split into name and message; the whole text when it is not a traceback.
 */
export function lastExceptionLine(traceback: string): { name?: string; message: string } {
  const lines = traceback.split('\n').map((line) => line.trimEnd());
  if (!lines[0]?.startsWith('Traceback (most recent call last)')) return { message: traceback.trim() };
  // The exception line is the last one that is not indented (frames and source lines are).
  let index = lines.length - 1;
  while (index > 0 && (lines[index] === '' || /^\s/.test(lines[index] ?? ''))) index -= 1;
  // Exception messages may span lines: take from the first unindented line after the last frame.
  let start = index;
  while (start > 1 && lines[start - 1] !== '' && !/^\s/.test(lines[start - 1] ?? '')) start -= 1;
  const text = lines.slice(start, index + 1).join('\n');
  const match = /^([A-Za-z_][\w.]*)(?::\s?([\s\S]*))?$/.exec(text);
  if (!match || match[1] === undefined) return { message: text };
  return { name: match[1], message: (match[2] ?? '').trim() || match[1] };
}

/**
 * Maps an Odoo 17 `/xmlrpc/2/*` fault to an `OdooError` (odoo/addons/base/controllers/rpc.py):
 * 1 → server error (or serialization failure, by the traceback), 2 → user error (missing error when
 * the text is one of Odoo's MissingError texts; ValidationError cannot be told apart here),
 * 3 → access denied, 4 → access error (private method when the text says so).
 * Check `isMarshalNoneFault` first: that fault is a success.
 */
export function fromXmlRpcFault(fault: XmlRpcFault, url: string, call?: string): OdooError {
  const faultCode = Number(fault.faultCode);
  const text = fault.faultString;
  const base = { url: safeUrl(url), ...(Number.isFinite(faultCode) ? { faultCode } : {}) };
  switch (faultCode) {
    case 2:
      return MISSING_TEXT.test(text)
        ? new OdooError({ ...base, kind: 'missing_error', odooName: 'odoo.exceptions.MissingError', odooMessage: text, message: messages.missingError(url, call, text) })
        : new OdooError({ ...base, kind: 'user_error', odooName: 'odoo.exceptions.UserError', odooMessage: text, message: messages.userError(url, call, text) });
    case 3:
      return accessDeniedError(url, text, { ...base, odooName: 'odoo.exceptions.AccessDenied', odooMessage: text });
    case 4:
      return PRIVATE_METHOD.test(text)
        ? new OdooError({ ...base, kind: 'private_method', odooName: 'odoo.exceptions.AccessError', odooMessage: text, message: messages.privateMethod(url, text) })
        : new OdooError({ ...base, kind: 'access_error', odooName: 'odoo.exceptions.AccessError', odooMessage: text, message: messages.accessError(url, call, text) });
  }
  const { name, message } = lastExceptionLine(text);
  const detail = { ...base, odooMessage: message, debug: text, ...(name === undefined ? {} : { odooName: name }) };
  if (isSerializationText(name ?? '') || isSerializationText(message)) {
    return new OdooError({ ...detail, kind: 'serialization_failure', message: messages.serializationFailure(url, call, message) });
  }
  return new OdooError({ ...detail, kind: 'server_error', message: messages.serverError(url, call, name, message) });
}

// ---------------------------------------------------------------------------------------------
// Transport failures
// ---------------------------------------------------------------------------------------------

/** Thrown by our own per-request timer (src/odoo/http.ts). */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  readonly code = 'ODOO_CLIENT_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`request timed out after ${timeoutMs} ms`);
  }
}

/** A reply with a non-2xx HTTP status. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly location?: string,
  ) {
    super(`HTTP ${status}`);
  }
}

/** A reply that is not JSON-RPC / XML-RPC (HTML page, truncated JSON …). */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'EPROTO',
]);

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Maps a Node transport failure (socket error code, our timeout, a non-2xx status, an unparsable
 * reply) to an `OdooError`. An `OdooError` passes through unchanged.
 */
export function fromTransportError(err: unknown, url: string): OdooError {
  if (err instanceof OdooError) return err;
  const base = { url: safeUrl(url), cause: err };
  if (err instanceof HttpStatusError) {
    return new OdooError({ ...base, kind: 'http_error', httpStatus: err.status, message: messages.httpError(url, err.status, err.location) });
  }
  if (err instanceof RequestTimeoutError) {
    return new OdooError({ ...base, kind: 'timeout', message: messages.timeout(url, err.timeoutMs) });
  }
  if (err instanceof ProtocolError) {
    return new OdooError({ ...base, kind: 'protocol_error', message: messages.protocolError(url, err.message) });
  }
  const code = errorCode(err);
  const text = err instanceof Error ? err.message : String(err);
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return new OdooError({ ...base, kind: 'connection_refused', message: messages.connectionRefused(url) });
  if (code === 'ECONNRESET' || code === 'EPIPE' || text === 'socket hang up') {
    return new OdooError({ ...base, kind: 'connection_reset', message: messages.connectionReset(url) });
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return new OdooError({ ...base, kind: 'timeout', message: messages.timeout(url, undefined) });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new OdooError({ ...base, kind: 'dns_error', message: messages.dnsError(url) });
  if (code !== undefined && (TLS_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_'))) {
    return new OdooError({ ...base, kind: 'tls_error', message: messages.tlsError(url, code) });
  }
  return new OdooError({ ...base, kind: 'protocol_error', message: messages.protocolError(url, code ? `${code}: ${text}` : text) });
}

/** Shortest secret that is redacted: shorter strings would blank ordinary words out of messages. */
const MIN_REDACTED_LENGTH = 3;

/**
 * A copy of `error` with every occurrence of `secret` (the password) in its texts replaced by
 * `********` — defence in depth for server texts we do not control (messages we build never
 * contain it). Other values pass through unchanged.
 */
export function redactSecret<E>(error: E, secret: string): E | OdooError {
  if (!(error instanceof OdooError) || secret.length < MIN_REDACTED_LENGTH) return error;
  const texts = [error.message, error.odooMessage, error.debug];
  if (!texts.some((text) => text?.includes(secret))) return error;
  const hide = (text: string | undefined): string | undefined => text?.split(secret).join('********');
  const init: OdooErrorInit = { kind: error.kind, code: error.code, message: hide(error.message) ?? '' };
  const odooMessage = hide(error.odooMessage);
  const debug = hide(error.debug);
  if (odooMessage !== undefined) init.odooMessage = odooMessage;
  if (debug !== undefined) init.debug = debug;
  if (error.odooName !== undefined) init.odooName = error.odooName;
  if (error.faultCode !== undefined) init.faultCode = error.faultCode;
  if (error.httpStatus !== undefined) init.httpStatus = error.httpStatus;
  if (error.url !== undefined) init.url = error.url;
  return new OdooError(init);
}

/**
 * The error for a rejected login, naming the login, database and URL. A login-cooldown error
 * (`ODOO_LOGIN_COOLDOWN`) passes through with its own message.
 */
export function loginRejected(url: string, login: string, db: string, cause?: OdooError): OdooError {
  if (cause?.code === SPECIFIC_CODES.loginCooldown) return cause;
  return new OdooError({
    kind: 'access_denied',
    url: safeUrl(url),
    message: messages.accessDenied(url, login, db),
    ...(cause?.odooName === undefined ? {} : { odooName: cause.odooName }),
    ...(cause?.odooMessage === undefined ? {} : { odooMessage: cause.odooMessage }),
    ...(cause?.faultCode === undefined ? {} : { faultCode: cause.faultCode }),
  });
}
