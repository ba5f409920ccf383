/**
 * What the Odoo web client knows about a model before it reads one: `get_views` once per model and
 * session (the page keeps views and field descriptions in memory — test/fixtures/odoo17-webclient,
 * `firstOpenOnly`), and field specifications built from the fields the views describe. A journey
 * prunes the recorded Odoo 17 specifications (specs-17.ts) to the fields the target's `get_views`
 * reports, so the same journey reads what this server's forms show, whichever modules it has.
 */
import type { OdooClient } from '../../../src/odoo/types.js';

/** A web client field specification: field → `{}` or `{fields: {…}, context?, limit?, order?}`. */
export type Specification = { [field: string]: SpecEntry };
export interface SpecEntry {
  fields?: Specification;
  context?: Record<string, unknown>;
  limit?: number;
  order?: string;
}

/** Field descriptions per model, as get_views returns them (`models`). */
export type FieldsByModel = Record<string, Record<string, { type?: string; relation?: string }>>;

/** The web client's user context: language, time zone, user, companies. */
export interface UserContext {
  lang: string;
  tz: string;
  uid: number;
  allowed_company_ids: number[];
}

/** The views a sales, inventory or product action opens, as the web client asks for them. */
export const ACTION_VIEWS: Record<string, Array<[number | false, string]>> = {
  'sale.order': [[false, 'list'], [false, 'kanban'], [false, 'form'], [false, 'calendar'], [false, 'pivot'], [false, 'graph'], [false, 'activity'], [false, 'search']],
  'stock.picking': [[false, 'list'], [false, 'kanban'], [false, 'form'], [false, 'calendar'], [false, 'activity'], [false, 'search']],
  'product.template': [[false, 'kanban'], [false, 'list'], [false, 'form'], [false, 'activity'], [false, 'search']],
};

/** Per client (one per virtual user, i.e. one browser page), the field descriptions already loaded. */
const loaded = new WeakMap<OdooClient, Map<string, Promise<FieldsByModel>>>();

/**
 * The fields of `model` (and of its sub-views' models) for this client: `get_views` the first time
 * in the session, from memory afterwards — as the web client does.
 */
export function viewsOf(client: OdooClient, model: string, context: UserContext): Promise<FieldsByModel> {
  let byModel = loaded.get(client);
  if (byModel === undefined) {
    byModel = new Map();
    loaded.set(client, byModel);
  }
  const cached = byModel.get(model);
  if (cached !== undefined) return cached;
  const views = ACTION_VIEWS[model] ?? [[false, 'list'], [false, 'form'], [false, 'search']];
  const pending = client
    .call<{ models?: FieldsByModel }>(model, 'get_views', [], { views, options: { action_id: false, load_filters: true, toolbar: true }, context })
    .then((result) => result?.models ?? {});
  // A failed get_views is asked again next time (the page would reload).
  pending.catch(() => byModel?.delete(model));
  byModel.set(model, pending);
  return pending;
}

/**
 * `spec` without the fields `model` lacks on this server; relational sub-specifications are pruned
 * against their target model when its fields are known, kept whole otherwise.
 */
export function pruneSpec(spec: Specification, model: string, fields: FieldsByModel): Specification {
  const known = fields[model];
  if (known === undefined) return spec;
  const out: Specification = {};
  for (const [name, entry] of Object.entries(spec)) {
    const field = known[name];
    if (field === undefined) continue;
    if (entry.fields !== undefined && field.relation !== undefined && fields[field.relation] !== undefined) {
      out[name] = { ...entry, fields: pruneSpec(entry.fields, field.relation, fields) };
    } else out[name] = entry;
  }
  return out;
}

/** `values` keeping only fields `model` has on this server. */
export function pruneValues(values: Record<string, unknown>, model: string, fields: FieldsByModel): Record<string, unknown> {
  const known = fields[model];
  if (known === undefined) return values;
  return Object.fromEntries(Object.entries(values).filter(([name]) => known[name] !== undefined));
}
