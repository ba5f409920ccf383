/**
 * Web sessions valid on every worker: the session id is `<payload>.<HMAC-SHA256>` with a secret
 * shared by the master and its workers (Odoo keeps sessions in a shared file store instead; the
 * effect for clients is the same opaque `session_id` cookie).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface WebSession {
  uid: number;
  login: string;
  db: string;
}

/** odoo/http.py SESSION_LIFETIME: one week, in seconds. */
export const SESSION_LIFETIME = 60 * 60 * 24 * 7;

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function encodeSession(secret: string, session: WebSession): string {
  const payload = Buffer.from(JSON.stringify({ ...session, n: randomBytes(9).toString('base64url') })).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The session behind a `session_id`, or undefined when absent, forged or malformed. */
export function decodeSession(secret: string, sid: string | undefined): WebSession | undefined {
  if (!sid) return undefined;
  const [payload, mac] = sid.split('.');
  if (!payload || !mac) return undefined;
  const expected = Buffer.from(sign(secret, payload));
  const actual = Buffer.from(mac);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<WebSession>;
    if (typeof data.uid !== 'number' || typeof data.login !== 'string' || typeof data.db !== 'string') return undefined;
    return { uid: data.uid, login: data.login, db: data.db };
  } catch {
    return undefined;
  }
}

/** `Set-Cookie` value as werkzeug writes Odoo's session cookie. */
export function sessionCookie(sid: string, now = new Date()): string {
  const expires = new Date(now.getTime() + SESSION_LIFETIME * 1000).toUTCString();
  return `session_id=${sid}; Expires=${expires}; Max-Age=${SESSION_LIFETIME}; HttpOnly; Path=/`;
}

/** The `session_id` cookie of a Cookie header. */
export function sessionIdFromCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'session_id') return rest.join('=');
  }
  return undefined;
}
