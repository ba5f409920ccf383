/**
 * Views and window actions, as the lab answers the web client's `get_views` and `/web/action/load`:
 * the fields of the models the recorded Odoo 17 web client loaded (../webclient.json, from
 * test/fixtures/odoo17-webclient/) completed with the lab's own models, and the actions it opened.
 * The lab stores fewer fields than a real Odoo: the others read as their type's empty value
 * (./orm-web.ts).
 */
import data from '../webclient.json' with { type: 'json' };
import { PythonException, ValidationError } from './errors.js';
import { argument } from './orm.js';
import type { Env, ModelDef } from './types.js';

type ViewField = string | [string, string];

interface WebClientData {
  models: Record<string, Record<string, ViewField>>;
  actions: Record<string, Record<string, unknown> & { id: number; xml_id: string; res_model: string }>;
}

const RECORDED = data as unknown as WebClientData;

/** Actions the recording did not open but journeys do (Odoo 17 xml ids; ids made up, above the recorded ones). */
const MORE_ACTIONS: WebClientData['actions'] = {
  'sale.action_view_sale_advance_payment_inv': {
    id: 9001, xml_id: 'sale.action_view_sale_advance_payment_inv', name: 'Create invoice(s)', type: 'ir.actions.act_window',
    res_model: 'sale.advance.payment.inv', view_mode: 'form', views: [[false, 'form']], search_view_id: false, context: {}, domain: false, target: 'new',
  },
  'account.res_partner_action_customer': {
    id: 9002, xml_id: 'account.res_partner_action_customer', name: 'Customers', type: 'ir.actions.act_window',
    res_model: 'res.partner', view_mode: 'kanban,tree,form', views: [[false, 'kanban'], [false, 'list'], [false, 'form']], search_view_id: false,
    context: "{'search_default_customer': 1, 'res_partner_search_mode': 'customer'}", domain: false, target: 'current',
  },
};

const ACTIONS: WebClientData['actions'] = { ...RECORDED.actions, ...MORE_ACTIONS };

/** The list of this action shows the sales onboarding banner (sale_order_views.xml `banner_route`). */
const BANNERS: Record<string, string> = { 'sale.action_quotations_with_onboarding': '/onboarding/sale_quotation' };

/** An action by xml id (or id), a copy; `extra` overrides its keys. */
export function windowAction(key: string | number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const action = typeof key === 'number' ? Object.values(ACTIONS).find((a) => a.id === key) : ACTIONS[key];
  // ir.actions.actions `_for_xml_id` / env.ref: an unknown xml id
  if (!action) throw new ValidationError(`External ID not found in the system: ${String(key)}`);
  return { ...structuredClone(action), ...extra };
}

/** `/web/action/load {action_id, additional_context}` (web/controllers/action.py). */
export async function loadAction(env: Env, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const raw = params.action_id;
  const key = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : String(raw);
  await env.cr.query('SELECT 1 FROM ir_model_data LIMIT 1');
  env.spend(0.5);
  return windowAction(key);
}

/** `/onboarding/<route>`: the onboarding panel's HTML (a hidden panel in the lab). */
export async function onboardingPanel(env: Env): Promise<Record<string, unknown>> {
  await env.cr.query("SELECT value FROM ir_config_parameter WHERE key = 'web.base.url'");
  env.spend(0.5);
  return { html: '<div class="o_onboarding_container collapse"/>' };
}

function viewFieldsOf(env: Env, model: ModelDef): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, field] of Object.entries(model.fields)) {
    out[name] = { name, type: field.type, string: field.string, readonly: !field.writable, store: !field.sql, ...(field.relation ? { relation: field.relation } : {}) };
  }
  for (const [name, type] of Object.entries(RECORDED.models[model.name] ?? {})) {
    if (out[name]) continue;
    out[name] = { name, type: Array.isArray(type) ? type[0] : type, string: name, readonly: true, store: false, ...(Array.isArray(type) ? { relation: type[1] } : {}) };
  }
  if (!env.model(model.name)) throw new PythonException('builtins.KeyError', `'${model.name}'`);
  return out;
}

/**
 * `model.get_views(views, options)` (odoo/models.py 17.0 `get_views`): an arch per requested view,
 * and `models` with the fields of the model and of its x2many lines' models.
 */
export async function getViews(env: Env, model: ModelDef, args: unknown[], kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
  const requested = (argument(args, kwargs, 0, 'views', []) as Array<[number | false, string]>) || [];
  const options = (argument(args, kwargs, 1, 'options', {}) as { action_id?: unknown; toolbar?: boolean }) || {};
  const action = typeof options.action_id === 'number' ? Object.values(ACTIONS).find((a) => a.id === options.action_id) : undefined;
  const banner = action ? BANNERS[action.xml_id] : undefined;
  await env.cr.query('SELECT id FROM ir_model_data WHERE model = $1 LIMIT 1', ['ir.ui.view']);
  env.spend(0.3);
  const models: Record<string, Record<string, Record<string, unknown>>> = { [model.name]: viewFieldsOf(env, model) };
  for (const field of Object.values(models[model.name] ?? {})) {
    const relation = field.relation as string | undefined;
    const target = relation ? env.model(relation) : undefined;
    if ((field.type === 'one2many') && target && !models[target.name]) models[target.name] = viewFieldsOf(env, target);
  }
  const views: Record<string, Record<string, unknown>> = {};
  for (const [id, type] of requested) {
    const root = type === 'list' ? 'tree' : type;
    const attributes = type === 'list' && banner ? ` banner_route="${banner}"` : '';
    views[type] = {
      arch: `<${root} string="${model.description}"${attributes}><field name="display_name"/></${root}>`,
      id: id || 0,
      model: model.name,
      ...(type === 'search' ? { filters: [] } : options.toolbar ? { toolbar: {} } : {}),
    };
  }
  env.spend(0.4);
  return { views, models };
}

/** The type a view gives `model.field` when the lab does not store it (recorded views), else undefined. */
export function recordedFieldType(model: string, field: string): string | undefined {
  const type = RECORDED.models[model]?.[field];
  return Array.isArray(type) ? type[0] : type;
}
