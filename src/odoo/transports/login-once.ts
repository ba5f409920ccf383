/**
 * Authenticate once per client, shared by concurrent callers (docs/ODOO-PROTOCOL.md: a login costs
 * 0.7–0.8 s of PBKDF2, and five failures lock the client's IP out for 60 s).
 *
 * - Calls made before `authenticate()` wait for one shared login.
 * - A rejected login (`access_denied`) is remembered: later calls fail at once with the same error
 *   instead of hitting the server again. Transport failures (timeout, refused …) are not
 *   remembered, so a later call may try again.
 */
import { OdooError } from '../errors.js';

export class LoginOnce {
  private uidValue: number | undefined;
  private pending: Promise<number> | undefined;

  constructor(private readonly login: () => Promise<number>) {}

  get uid(): number | undefined {
    return this.uidValue;
  }

  /**
   * Forgets the login (the server said the session expired: restart, logout): the next `ensure()`
   * logs in again. A remembered refusal is kept.
   */
  reset(): void {
    if (this.uidValue === undefined) return;
    this.uidValue = undefined;
    this.pending = undefined;
  }

  /** The uid, logging in when not done yet. */
  ensure(): Promise<number> {
    if (this.uidValue !== undefined) return Promise.resolve(this.uidValue);
    this.pending ??= this.login().then(
      (uid) => {
        this.uidValue = uid;
        return uid;
      },
      (error: unknown) => {
        const remember = error instanceof OdooError && error.kind === 'access_denied';
        if (!remember) this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }
}
