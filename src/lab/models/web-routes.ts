/**
 * The plain JSON routes of the web client the lab serves (beside call_kw and call_button), each run
 * in one transaction with the calibrated cost `route:<path>` (../calibration.json).
 */
import { threadData, threadMessages } from './mail.js';
import type { Env } from './types.js';
import { loadAction, onboardingPanel } from './web-views.js';

export type WebRoute = (env: Env, params: Record<string, unknown>) => Promise<unknown>;

export const WEB_ROUTES: Record<string, WebRoute> = {
  '/web/action/load': loadAction,
  '/mail/thread/data': threadData,
  '/mail/thread/messages': threadMessages,
  '/onboarding/sale_quotation': (env) => onboardingPanel(env),
};

/** The route `path` is served as, or undefined (404). */
export function webRouteOf(path: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(WEB_ROUTES, path) ? path : undefined;
}
