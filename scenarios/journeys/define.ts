/**
 * The typed journey API for journey files of your own (TypeScript or JavaScript):
 *
 *   // my-journey.ts — name it in a profile: journeys: { my-quote: ./my-journey.ts }
 *   import { defineJourney, openWeb, openMenu, QuotationForm, runTag } from 'odoo-capacity/journeys';
 *   export default defineJourney({
 *     name: 'my-quote',
 *     description: 'A quotation of two lines, saved, not confirmed.',
 *     transport: 'web',
 *     steps: ['open', 'customer', 'add-line', 'save'],
 *     modules: ['sale'],
 *     async run(ctx) {
 *       const web = await openWeb(ctx);
 *       await ctx.step('open', () => openMenu(web, 'sale.action_quotations_with_onboarding'));
 *       …
 *     },
 *   });
 *
 * The loader (./load.ts) resolves `odoo-capacity/journeys` to this module wherever the file lives,
 * and checks the journey's shape. Write against `ctx.client` (OdooClient) and the helpers below only:
 * the same file runs in the embedded engine and in the k6 bundle (no Node APIs there).
 */
import type { Journey } from './types.js';

export type { Journey, JourneyContext } from './types.js';
export type { OdooClient, TransportName } from '../../src/odoo/types.js';
export { between, idOf, numberParam, pickOne, pickSome, pressButton as pressApiButton, runTag, thinkTime } from './common.js';
export { autocomplete } from './web-client/autocomplete.js';
export { pressAndReload, pressButton } from './web-client/buttons.js';
export { openThread, threadData, threadMessages } from './web-client/chatter.js';
export { followAction, openForm, openMenu, reloadList, searchMenu } from './web-client/navigation.js';
export { FormRecord, onchange } from './web-client/onchange.js';
export { readForm, searchList } from './web-client/records.js';
export { QuotationForm } from './web-client/sale-order-form.js';
export { saveForm } from './web-client/save.js';
export { loadAction, loadViews } from './web-client/session.js';
export { openWeb, userContext } from './web-client/web.js';

/** Identity: returns `journey` as it is, typed. */
export function defineJourney<S>(journey: Journey<S>): Journey<S> {
  return journey;
}
