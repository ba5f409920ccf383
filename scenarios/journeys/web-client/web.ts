/**
 * One virtual user's web client: the Odoo client, its page session and the web-client version to
 * speak. Every module of ./ takes it as first argument.
 */
import type { OdooClient } from '../../../src/odoo/types.js';
import type { JourneyContext } from '../types.js';
import { webSession, type WebSessionState } from './session.js';
import { webClientVersion, type WebClientVersion } from './version.js';

export interface Web {
  client: OdooClient;
  session: WebSessionState;
  version: WebClientVersion;
}

/** The web client of this iteration's virtual user (loads the page on its first iteration). */
export async function openWeb(ctx: Pick<JourneyContext<unknown>, 'client' | 'session' | 'serverMajor'>): Promise<Web> {
  return { client: ctx.client, session: await webSession(ctx), version: webClientVersion(ctx.serverMajor) };
}

/** The user context with `extra` on top (the web client adds action and field contexts this way). */
export function userContext(web: Web, extra?: Record<string, unknown>): Record<string, unknown> {
  return extra ? { ...web.session.context, ...extra } : { ...web.session.context };
}
