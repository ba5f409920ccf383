/**
 * Which kind a thrown value is. OdooError (src/odoo/errors.ts) carries a string `kind`
 * (an `OdooErrorKind`); anything else — a journey's own bug, a TypeError — is `other`.
 * Duck-typed so the engine does not depend on the transport implementation.
 */
import type { OdooErrorKind } from '../odoo/types.js';

export type ErrorKind = OdooErrorKind | 'other';

/** Every OdooErrorKind, checked complete by the compiler (a Record over the union). */
const KNOWN: Record<OdooErrorKind, true> = {
  user_error: true,
  validation_error: true,
  access_denied: true,
  access_error: true,
  missing_error: true,
  session_expired: true,
  private_method: true,
  serialization_failure: true,
  server_error: true,
  http_error: true,
  connection_refused: true,
  connection_reset: true,
  timeout: true,
  dns_error: true,
  tls_error: true,
  protocol_error: true,
};

/** The error's `kind` when it is a known OdooErrorKind, else `other`. */
export function errorKindOf(error: unknown): ErrorKind {
  if (typeof error === 'object' && error !== null) {
    const kind = (error as { kind?: unknown }).kind;
    if (typeof kind === 'string' && Object.hasOwn(KNOWN, kind)) return kind as OdooErrorKind;
  }
  return 'other';
}

/** Longest message kept in an error event (characters). */
const MAX_MESSAGE = 300;

/** First line of the error's message, shortened to 300 characters. */
export function errorMessageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}
