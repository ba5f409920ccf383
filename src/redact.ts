/**
 * Removes secrets from connection strings before they are logged or stored (DESIGN.md: the
 * password never reaches the run directory).
 *
 * Handles, anywhere in the text:
 * - the password of a URL's userinfo, `scheme://user:secret@host` → `scheme://user@host`
 *   (the last `@` before the host ends the userinfo, as in the WHATWG URL parser, so a raw `@`
 *   in a password is removed too);
 * - secret query parameters, `?sslmode=require&password=secret` → `?sslmode=require`;
 * - libpq keyword/value strings, `host=db password='a b' dbname=x` → `host=db dbname=x`.
 *
 * Secret keys (case-insensitive): see `SECRET_KEYS`.
 */

/** Parameter names whose values are secrets: libpq's `password`/`sslpassword`, common aliases and API tokens. */
export const SECRET_KEYS: readonly string[] = ['password', 'passwd', 'pwd', 'sslpassword', 'api_key', 'apikey', 'token'];

const keys = SECRET_KEYS.join('|');
/** `scheme://` then the userinfo (no whitespace, `/`, `?`, `#`; greedy, so up to the last `@`). */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#]*)@/gi;
/** `?key=value` or `&key=value` in a URL query. */
const QUERY_SECRET = new RegExp(`([?&])(?:${keys})=[^&#\\s]*`, 'gi');
/** `key = value` or `key='quoted value'` in a libpq keyword/value string. */
const KEYWORD_SECRET = new RegExp(`(^|\\s)(?:${keys})\\s*=\\s*(?:'(?:[^'\\\\]|\\\\.)*'|[^\\s'&]*)(\\s*)`, 'gi');

/**
 * The text with every password removed (not masked: nothing of it is kept).
 * @example redactUrl('postgres://odoo:s3cret@db:5432/stage') // → 'postgres://odoo@db:5432/stage'
 */
export function redactUrl(text: string): string {
  return text
    .replace(USERINFO, (_m, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
      return user === '' ? scheme : `${scheme}${user}@`;
    })
    .replace(QUERY_SECRET, (_m, separator: string) => (separator === '?' ? '?' : ''))
    .replace(/\?&/g, '?')
    .replace(/\?(?=#|\s|$)/g, '')
    .replace(KEYWORD_SECRET, (_m, lead: string, trail: string) => (lead !== '' && trail !== '' ? lead : ''));
}

/**
 * For text that failed to parse as a URL (so the userinfo may hold spaces or other characters
 * `redactUrl` does not expect): everything before the last `@` after the scheme is replaced by
 * `…`, user name included, then `redactUrl` runs on the rest.
 * @example redactUnparsedUrl('http://u:pa ss@[bad') // → 'http://…@[bad'
 */
export function redactUnparsedUrl(text: string): string {
  const match = /^(\s*[a-z][a-z0-9+.-]*:\/\/)?([\s\S]*)@/i.exec(text);
  if (match === null) return redactUrl(text);
  return redactUrl(`${match[1] ?? ''}…@${text.slice(match[0].length)}`);
}

/** A JSON.stringify replacer that runs `redactUrl` on every string value: records reach disk without secrets. */
export function redactingReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? redactUrl(value) : value;
}
