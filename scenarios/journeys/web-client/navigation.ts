/**
 * Moving around the web client: a menu opens an action's list (the first time in a page: the action
 * and its views load), the search bar filters it, a row opens a form with its chatter.
 *
 *   menu        [first time: /web/action/load, <model>.get_views] <model>.web_search_read
 *               + the list's banner route (e.g. /onboarding/sale_quotation {context}) when it has one
 *   search      <model>.web_search_read with ["&", <action domain>, <search-view filter domain>]
 *   open form   [first time: get_views of the form's action] <model>.web_read + /mail/thread/data + /mail/thread/messages
 */
import { openThread } from './chatter.js';
import { readForm, searchList, type Page } from './records.js';
import { loadAction, loadViews, type WindowActionData } from './session.js';
import { recordedList, type Specification } from './specs.js';
import { userContext, type Web } from './web.js';

export interface OpenedList {
  action: WindowActionData;
  model: string;
  domain: unknown[];
  specification: Specification;
  context: Record<string, unknown>;
  page: Page;
}

/** Replaces `"$uid"` in a recorded domain by the session's uid. */
function bind(domain: unknown, uid: number): unknown {
  if (domain === '$uid') return uid;
  return Array.isArray(domain) ? domain.map((item) => bind(item, uid)) : domain;
}

/**
 * A menu entry: the recorded list of action `xmlId` (./odoo17.json lists). `domain` replaces the
 * recorded default filter (e.g. a search), still AND-ed with nothing else.
 */
export async function openMenu(web: Web, xmlId: string, domain?: unknown[]): Promise<OpenedList> {
  const recorded = recordedList(xmlId);
  const action = await loadAction(web.client, web.session, xmlId);
  const model = action.res_model || recorded.model;
  const views = await loadViews(web.client, web.session, model, action);
  const context = recorded.context || {};
  const listDomain = (domain || bind(recorded.domain, web.session.context.uid)) as unknown[];
  const page = await searchList(web, model, { specification: recorded.specification, domain: listDomain, context });
  if (views.bannerRoute && web.client.callRoute) await web.client.callRoute(views.bannerRoute, { context: userContext(web) });
  return { action, model, domain: listDomain, specification: recorded.specification, context, page };
}

/** The search bar: the list again with `filter` AND-ed to the list's domain. */
export async function searchMenu(web: Web, list: OpenedList, filter: unknown[]): Promise<OpenedList> {
  const domain = list.domain.length > 0 ? ['&', ...normalized(list.domain), ...normalized(filter)] : filter;
  const page = await searchList(web, list.model, { specification: list.specification, domain, context: list.context });
  return { ...list, domain, page };
}

/** A domain in prefix form: implicit ANDs between its top-level leaves made explicit. */
function normalized(domain: unknown[]): unknown[] {
  if (domain.length <= 1 || typeof domain[0] === 'string') return domain;
  const ands: unknown[] = [];
  for (let i = 1; i < domain.length; i += 1) ands.push('&');
  return [...ands, ...domain];
}

/** The list shown again (a breadcrumb back to it). */
export async function reloadList(web: Web, list: OpenedList): Promise<OpenedList> {
  const page = await searchList(web, list.model, { specification: list.specification, domain: list.domain, context: list.context });
  return { ...list, page };
}

/** A form opened on record `id` (from a list row, a smart button …): the record, then its chatter. */
export async function openForm(web: Web, model: string, id: number, spec: Specification, context?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const record = await readForm(web, model, id, spec, context);
  await openThread(web, model, id);
  return record;
}

/**
 * The context the client runs an action with that a button of record `from` returned: the action's
 * context plus `active_model`, `active_id`, `active_ids` of that record.
 */
export function buttonActionContext(action: WindowActionData, from: { model: string; id: number }): Record<string, unknown> {
  return { active_model: from.model, active_id: from.id, active_ids: [from.id], ...actionContext(action.context) };
}

/** A form action a button of `from` returned (`act_window` with `res_id`): its views load once, then the form opens. */
export async function followAction(
  web: Web,
  action: WindowActionData,
  spec: Specification,
  from: { model: string; id: number },
): Promise<{ model: string; id: number; record: Record<string, unknown>; context: Record<string, unknown> }> {
  const model = action.res_model as string;
  await loadViews(web.client, web.session, model, action, { views: action.views });
  const context = buttonActionContext(action, from);
  const id = action.res_id as number;
  const record = await openForm(web, model, id, spec, context);
  return { model, id, record, context };
}

/** An action's context as the client evaluates it (a dict; a string context is left out). */
export function actionContext(context: unknown): Record<string, unknown> {
  return context && typeof context === 'object' && !Array.isArray(context) ? { ...(context as Record<string, unknown>) } : {};
}
