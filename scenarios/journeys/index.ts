/**
 * The journey registry: profiles name journeys, the engine looks them up here.
 * Add a journey by importing it and adding it under its `name`. Journeys are also bundled for k6
 * (ES2017, goja): no Node APIs, no ES2020+ built-ins.
 */
import { barcodePick } from './barcode-pick.js';
import { browse } from './browse.js';
import { ediOrderImport } from './edi-order-import.js';
import { JourneyError, journeyMessages } from './errors.js';
import { invoicing } from './invoicing.js';
import { monthEndReports } from './month-end-reports.js';
import { orderEntry } from './order-entry.js';
import { orderLookup } from './order-lookup.js';
import { orderToDelivery } from './order-to-delivery.js';
import { receipt } from './receipt.js';
import { replenishment } from './replenishment.js';
import { stockInquiry } from './stock-inquiry.js';
import type { Journey } from './types.js';

// Each journey has its own shared-data type; the registry only needs the common shape.
const all: Journey[] = [orderToDelivery, orderEntry, orderLookup, ediOrderImport, barcodePick, receipt, invoicing, replenishment, stockInquiry, monthEndReports, browse];

export const journeys: Record<string, Journey> = {};
for (const journey of all) journeys[journey.name] = journey;

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
