/**
 * What a browser page of the web client keeps for its whole life, per virtual user (`ctx.session`):
 *
 *   page load      the user context `{lang, tz, uid, allowed_company_ids}` and the current company,
 *                  from `/web/session/get_session_info` (the page embeds the same session_info)
 *   first open     of an action: `/web/action/load {action_id, additional_context}` then
 *                  `<model>.get_views({views, options: {action_id, load_filters, toolbar}})`; the page
 *                  keeps both, so later visits skip them (fixture README, "firstOpenOnly")
 *   chatter        the last message id seen per thread (`after` of the next refresh)
 *   x2many rows    the counter of `virtual_N` ids of new lines
 *
 * Journeys are bundled for k6: no Node APIs, ES2017 built-ins.
 */
import type { OdooClient } from '../../../src/odoo/types.js';
import type { JourneyContext } from '../types.js';
import type { FieldType, KnownFields } from './specs.js';

export interface UserContext {
  lang: string;
  tz: string;
  uid: number;
  allowed_company_ids: number[];
}

/** An `ir.actions.act_window` as `/web/action/load` or a button answers it (the keys used here). */
export interface WindowActionData {
  id?: number;
  res_model?: string;
  res_id?: number;
  views?: Array<[number | false, string]>;
  search_view_id?: [number, string] | false;
  domain?: unknown;
  context?: unknown;
  target?: string;
  type?: string;
}

export interface LoadedViews {
  /** The list view's `banner_route` (e.g. `/onboarding/sale_quotation`), fetched beside the list. */
  bannerRoute?: string;
}

export interface WebSessionState {
  context: UserContext;
  companyId: number;
  /** Actions loaded by xml id. */
  actions: Record<string, WindowActionData>;
  /** get_views done, by `model|action id`. */
  views: Record<string, LoadedViews>;
  /** Fields per model as get_views described them (specifications are cut down to these). */
  fields: KnownFields;
  /** Last chatter message id per `model,id`. */
  lastMessage: Record<string, number>;
  nextVirtual: number;
}

const KEY = 'odoo-capacity/web-client';
/** Sessions of contexts that carry none (hand-made contexts in tests), one per client. */
const perClient = new WeakMap<OdooClient, Record<string, unknown>>();

function sessionStore(ctx: Pick<JourneyContext<unknown>, 'client' | 'session'>): Record<string, unknown> {
  if (ctx.session) return ctx.session;
  let store = perClient.get(ctx.client);
  if (!store) {
    store = {};
    perClient.set(ctx.client, store);
  }
  return store;
}

interface SessionInfo {
  uid?: number;
  user_context?: { lang?: string; tz?: string };
  user_companies?: { current_company?: number | [number, string] };
  company_id?: number;
}

/** The session of this VU, loading the page (session info) the first time. */
export async function webSession(ctx: Pick<JourneyContext<unknown>, 'client' | 'session'>): Promise<WebSessionState> {
  const store = sessionStore(ctx);
  const existing = store[KEY] as WebSessionState | undefined;
  if (existing) return existing;
  const { client } = ctx;
  let info: SessionInfo = {};
  if (client.callRoute) info = (await client.callRoute<SessionInfo>('/web/session/get_session_info', {})) || {};
  const current = info.user_companies ? info.user_companies.current_company : undefined;
  const companyId = typeof current === 'number' ? current : Array.isArray(current) ? current[0] : typeof info.company_id === 'number' ? info.company_id : 1;
  const uid = typeof info.uid === 'number' ? info.uid : (client.uid ?? 2);
  const userContext = info.user_context || {};
  const state: WebSessionState = {
    context: { lang: userContext.lang || 'en_US', tz: userContext.tz || 'UTC', uid, allowed_company_ids: [companyId] },
    companyId,
    actions: {},
    views: {},
    fields: {},
    lastMessage: {},
    nextVirtual: 1,
  };
  store[KEY] = state;
  return state;
}

/** `/web/action/load` once per session for the action `xmlId` (the web client opens menus by action id). */
export async function loadAction(client: OdooClient, session: WebSessionState, xmlId: string): Promise<WindowActionData> {
  const known = session.actions[xmlId];
  if (known) return known;
  let action: WindowActionData = {};
  if (client.callRoute) action = (await client.callRoute<WindowActionData>('/web/action/load', { action_id: xmlId, additional_context: {} })) || {};
  session.actions[xmlId] = action;
  return action;
}

interface GetViewsResult {
  views?: Record<string, { arch?: string }>;
  models?: Record<string, Record<string, { type?: string; relation?: string }> | { fields?: Record<string, { type?: string; relation?: string }> }>;
}

/**
 * `model.get_views` once per session and action, with the action's views (its search view last)
 * and `options {action_id, load_filters, toolbar}` as the web client sends them; records the fields
 * of every model it describes (17: `models[model]` is the fields dict; 18 also wraps it in `{fields}`).
 */
export async function loadViews(
  client: OdooClient,
  session: WebSessionState,
  model: string,
  action: WindowActionData,
  options: { dialog?: boolean; views?: Array<[number | false, string]> } = {},
): Promise<LoadedViews> {
  const key = `${model}|${action.id === undefined ? '-' : action.id}`;
  const known = session.views[key];
  if (known) return known;
  const views: Array<[number | false, string]> = (options.views || action.views || [[false, 'list'], [false, 'form']]).slice();
  if (!options.dialog) views.push([action.search_view_id ? action.search_view_id[0] : false, 'search']);
  const result =
    (await client.call<GetViewsResult>(model, 'get_views', [], {
      context: { ...session.context },
      views,
      options: { action_id: action.id === undefined ? false : action.id, load_filters: !options.dialog, toolbar: !options.dialog },
    })) || {};
  const models = result.models || {};
  for (const name of Object.keys(models)) {
    const raw = models[name] as Record<string, unknown>;
    const fields = (raw && typeof raw.fields === 'object' && raw.fields !== null && !('type' in (raw.fields as object)) ? raw.fields : raw) as Record<string, { type?: string; relation?: string }>;
    const types: Record<string, FieldType> = session.fields[name] || {};
    for (const field of Object.keys(fields)) {
      const description = fields[field] || {};
      const type = description.type || 'char';
      types[field] = description.relation ? [type, description.relation] : type;
    }
    session.fields[name] = types;
  }
  const list = result.views ? result.views.list || result.views.kanban : undefined;
  const banner = list && typeof list.arch === 'string' ? /banner_route="([^"]+)"/.exec(list.arch) : null;
  const loaded: LoadedViews = banner && banner[1] ? { bannerRoute: banner[1] } : {};
  session.views[key] = loaded;
  return loaded;
}

/** A fresh `virtual_N` id for a new x2many row (the web client numbers them per page). */
export function virtualId(session: WebSessionState): string {
  return `virtual_${session.nextVirtual++}`;
}
