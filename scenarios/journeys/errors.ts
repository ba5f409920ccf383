/**
 * Typed errors of journeys: a name that is not registered, a target without the data a journey
 * needs, or an Odoo reply a journey cannot continue from. Each has a stable `code`.
 */

export type JourneyErrorCode = 'JOURNEY_UNKNOWN' | 'JOURNEY_NO_DATA' | 'JOURNEY_UNEXPECTED_REPLY';

export class JourneyError extends Error {
  override readonly name = 'JourneyError';
  constructor(
    readonly code: JourneyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const journeyMessages = {
  unknown: (name: string, known: readonly string[]) =>
    `Unknown journey "${name}". Known journeys: ${known.join(', ')}. Check the journey names in the profile.`,
  noData: (journey: string, what: string, domain: string, hint: string) =>
    `Journey "${journey}" found no ${what} on the target (${domain}). ${hint}`,
  unexpectedReply: (journey: string, step: string, detail: string) =>
    `Journey "${journey}", step "${step}": ${detail}`,
};
