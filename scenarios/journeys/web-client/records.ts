/**
 * Reading lists and forms as the web client does.
 *
 *   17/18  list  model.web_search_read({specification, offset: 0, order: "", limit: 80,
 *                 context: {…user, bin_size: true, …action, current_company_id}, count_limit: 10001, domain})
 *                 → {length, records}
 *          form  model.web_read([[id]], {context: {…user, bin_size: true, …action}, specification})
 *   16     list  model.web_search_read({domain, fields, offset, limit, order, count_limit, context})
 *          form  model.read([[id], fields], {context}) and one read per x2many list shown
 *
 * Specifications are cut down to the fields of the session's views (./specs.ts filterSpec).
 */
import { fieldNames, fieldType, filterSpec, relationOf, type FieldSpec, type Specification } from './specs.js';
import { userContext, type Web } from './web.js';

export interface Page {
  length: number;
  records: Array<Record<string, unknown> & { id: number }>;
}

export interface ListQuery {
  specification: Specification;
  domain: unknown[];
  /** The action's context on top of the user's (e.g. `default_detailed_type`). */
  context?: Record<string, unknown>;
  limit?: number;
  order?: string;
}

/** One page of a list or kanban view. */
export async function searchList(web: Web, model: string, query: ListQuery): Promise<Page> {
  const limit = query.limit === undefined ? 80 : query.limit;
  const order = query.order === undefined ? '' : query.order;
  const specification = filterSpec(query.specification, model, web.session.fields);
  const context = userContext(web, { bin_size: true, ...query.context, current_company_id: web.session.companyId });
  if (web.version === 16) {
    const page = await web.client.call<Page>(model, 'web_search_read', [], {
      domain: query.domain, fields: fieldNames(specification), offset: 0, limit, order, count_limit: 10001, context,
    });
    return page || { length: 0, records: [] };
  }
  const page = await web.client.call<Page>(model, 'web_search_read', [], {
    specification, offset: 0, order, limit, context, count_limit: 10001, domain: query.domain,
  });
  return page || { length: 0, records: [] };
}

/** A form's record (`web_read`; 16: `read` plus its x2many lists). */
export async function readForm(web: Web, model: string, id: number, spec: Specification, extraContext?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const specification = filterSpec(spec, model, web.session.fields);
  const context = userContext(web, { bin_size: true, ...extraContext });
  if (web.version === 16) return read16(web, model, [id], specification, context).then((rows) => rows[0] || { id });
  const rows = await web.client.call<Array<Record<string, unknown>>>(model, 'web_read', [[id]], { context, specification });
  return (rows && rows[0]) || { id };
}

/** Odoo 16: `read` of the top-level fields, then one `read` per x2many list with sub-fields. */
export async function read16(web: Web, model: string, ids: number[], spec: Specification, context: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const rows = (await web.client.call<Array<Record<string, unknown>>>(model, 'read', [ids, fieldNames(spec)], { context })) || [];
  for (const name of Object.keys(spec)) {
    const entry = spec[name] as FieldSpec;
    const relation = relationOf(fieldType(model, name, web.session.fields));
    if (!entry.fields || entry.limit === undefined || !relation) continue;
    const childIds: number[] = [];
    for (const row of rows) {
      const value = row[name];
      if (Array.isArray(value)) for (const child of value) if (typeof child === 'number') childIds.push(child);
    }
    if (childIds.length > 0) await web.client.call(relation, 'read', [childIds.slice(0, entry.limit), fieldNames(entry.fields)], { context });
  }
  return rows;
}
