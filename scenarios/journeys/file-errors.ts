/**
 * A journey file of the user's that cannot be used: one line per problem, each naming the file
 * (and the field, or the line and column), `message` the lines joined by newlines.
 */
export class JourneyFileError extends Error {
  override readonly name = 'JourneyFileError';
  readonly code = 'JOURNEY_FILE_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}
