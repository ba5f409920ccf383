/**
 * Typed errors for profile mistakes (DESIGN.md principle 8: one clear line per problem).
 */

export type ProfileErrorCode = 'PROFILE_INVALID' | 'PROFILE_UNKNOWN' | 'PROFILE_NOT_FOUND' | 'PROFILE_UNREADABLE';

/**
 * A profile that cannot be used. `problems` holds one line per problem, each
 * `<file>: <field.path>: expected <what>, got <value>`; `message` is those lines joined by newlines.
 */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    readonly code: ProfileErrorCode,
    readonly problems: readonly string[],
  ) {
    super(problems.join('\n'));
  }
}
