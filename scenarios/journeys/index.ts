/**
 * The journey registry: profiles name journeys, the engine looks them up here.
 * Add a journey by importing it and adding it under its `name`. Journeys are also bundled for k6
 * (ES2017, goja): no Node APIs, no ES2020+ built-ins.
 */
import { JourneyError, journeyMessages } from './errors.js';
import { orderToDelivery } from './order-to-delivery.js';
import type { Journey } from './types.js';

export const journeys: Record<string, Journey> = {
  [orderToDelivery.name]: orderToDelivery,
};

/** Names of all registered journeys, sorted. */
export function journeyNames(): string[] {
  return Object.keys(journeys).sort();
}

/**
 * The journey registered as `name`.
 * @throws JourneyError `JOURNEY_UNKNOWN`, listing the known names.
 */
export function getJourney(name: string): Journey {
  const journey = Object.prototype.hasOwnProperty.call(journeys, name) ? journeys[name] : undefined;
  if (!journey) throw new JourneyError('JOURNEY_UNKNOWN', journeyMessages.unknown(name, journeyNames()));
  return journey;
}
