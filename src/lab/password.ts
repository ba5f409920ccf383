/**
 * Odoo 17 password hashes: passlib's `pbkdf2_sha512` (res_users.py `_crypt_context`, at least
 * 600 000 rounds — MIN_ROUNDS), stored in `res_users.password` as
 * `$pbkdf2-sha512$<rounds>$<salt>$<checksum>` with passlib's "adapted base64" (`.` for `+`, no padding),
 * a 16-byte salt and a 64-byte checksum (passlib.handlers.pbkdf2).
 */
import { pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Odoo 17's minimum (and default) number of rounds. */
export const ODOO_PBKDF2_ROUNDS = 600_000;

function ab64Encode(buffer: Buffer): string {
  return buffer.toString('base64').replace(/=+$/, '').replace(/\+/g, '.');
}

function ab64Decode(text: string): Buffer {
  return Buffer.from(text.replace(/\./g, '+'), 'base64');
}

/** Hashes `password` as passlib's pbkdf2_sha512 does (blocking: ~0.3 s at 600 000 rounds). */
export function hashPassword(password: string, rounds = ODOO_PBKDF2_ROUNDS, salt: Buffer = randomBytes(16)): string {
  const checksum = pbkdf2Sync(password, salt, rounds, 64, 'sha512');
  return `$pbkdf2-sha512$${rounds}$${ab64Encode(salt)}$${ab64Encode(checksum)}`;
}

/** Verifies `password` against a stored pbkdf2_sha512 hash; false for any other format. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = /^\$pbkdf2-sha512\$(\d+)\$([A-Za-z0-9./]+)\$([A-Za-z0-9./]+)$/.exec(stored);
  if (!match || !password) return false;
  const rounds = Number(match[1]);
  const salt = ab64Decode(match[2] ?? '');
  const expected = ab64Decode(match[3] ?? '');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    pbkdf2(password, salt, rounds, expected.length, 'sha512', (error, key) => (error ? reject(error) : resolve(key))),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
