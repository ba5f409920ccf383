/**
 * The Odoo 17 web client's read methods (addons/web/models/models.py):
 * - `web_read(ids, specification)`: fields of `specification`; a many2one with `{fields: {…}}`
 *   answers `{id, …}` (False when empty), without sub-fields its id; an x2many with `{fields}`
 *   answers a list of such dicts, without them the ids;
 * - `web_search_read(domain, specification, offset=0, limit=None, order=None, count_limit=None)`
 *   → `{length, records}`, where `length` is a `search_count` only when the page is full;
 * - `web_save(ids, vals, specification)`: `create` (ids = []) or `write`, then `web_read`;
 * - `onchange` (./onchange.ts) and `get_views` (./web-views.ts).
 * Fields of the recorded views the lab does not store read as their type's empty value
 * (./onchange.ts emptyValue), as a real Odoo with more modules would answer them.
 */
import { PythonException, pythonRepr } from './errors.js';
import { onchange, emptyValue } from './onchange.js';
import { argument, insert, read, recordIds, search, searchCount, write } from './orm.js';
import type { Env, ModelDef } from './types.js';
import { getViews } from './web-views.js';

type Specification = Record<string, { fields?: Specification } | undefined>;

function asSpecification(value: unknown): Specification {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PythonException('builtins.TypeError', `specification must be a dict, got ${pythonRepr(value)}`);
  }
  return value as Specification;
}

/** `web_read` of `ids` on `model`. */
export async function webRead(env: Env, model: ModelDef, ids: number[], specification: Specification): Promise<Array<Record<string, unknown>>> {
  const all = Object.keys(specification).filter((n) => n !== 'id');
  const names = all.filter((n) => model.fields[n]);
  const rows = await read(env, model, ids, names.length ? names : ['display_name']);
  for (const row of rows) {
    for (const name of all) if (!model.fields[name]) row[name] = emptyValue(model, name);
  }
  for (const name of names) {
    const field = model.fields[name];
    const sub = specification[name]?.fields;
    if (!field || !field.relation) continue;
    const target = env.model(field.relation);
    if (!target) continue;
    if (field.type === 'many2one') {
      const targetIds = [...new Set(rows.map((r) => (Array.isArray(r[name]) ? (r[name] as [number, string])[0] : undefined)).filter((v): v is number => v !== undefined))];
      const nested = sub ? new Map((await webRead(env, target, targetIds, sub)).map((r) => [r.id as number, r])) : undefined;
      for (const row of rows) {
        const value = row[name];
        if (!Array.isArray(value)) row[name] = false;
        else row[name] = nested ? (nested.get(value[0] as number) ?? { id: value[0] }) : value[0];
      }
    } else if (sub) {
      const childIds = [...new Set(rows.flatMap((r) => (r[name] as number[]) ?? []))];
      const nested = new Map((await webRead(env, target, childIds, sub)).map((r) => [r.id as number, r]));
      for (const row of rows) row[name] = ((row[name] as number[]) ?? []).map((id) => nested.get(id) ?? { id });
    }
  }
  return rows;
}

/** The generic web methods, bound to `model`. */
export function webMethods(model: ModelDef): Record<string, (env: Env, args: unknown[], kwargs: Record<string, unknown>) => Promise<unknown>> {
  return {
    async web_read(env, args, kwargs) {
      const specification = asSpecification(argument(args, kwargs, 1, 'specification', {}));
      return webRead(env, model, recordIds(args), specification);
    },
    /** `web_save(vals, specification)` on `ids` (args[0]; [] creates with the model's own `create`). */
    async web_save(env, args, kwargs) {
      const ids = recordIds(args);
      const vals = argument(args, kwargs, 1, 'vals', {});
      if (typeof vals !== 'object' || vals === null || Array.isArray(vals)) throw new PythonException('builtins.TypeError', `vals must be a dict, got ${pythonRepr(vals)}`);
      const specification = asSpecification(argument(args, kwargs, 2, 'specification', {}) ?? {});
      // the lab stores fewer fields than the views show: what it does not store is not written
      const stored: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(vals as Record<string, unknown>)) if (model.fields[name]) stored[name] = value;
      let id = ids[0];
      if (id === undefined) {
        const create = model.methods.create;
        const created = create ? await create(env, [stored], {}) : await insert(env, model, stored);
        id = Array.isArray(created) ? (created[0] as number) : (created as number);
      } else {
        const update = model.methods.write;
        if (update) await update(env, [ids, stored], {});
        else await write(env, model, ids, stored);
      }
      env.spend(0.5);
      return webRead(env, model, [id], specification);
    },
    async onchange(env, args, kwargs) {
      return onchange(env, model, args, kwargs);
    },
    async get_views(env, args, kwargs) {
      return getViews(env, model, args, kwargs);
    },
    async web_search_read(env, args, kwargs) {
      const domain = argument(args, kwargs, 0, 'domain', []);
      const specification = asSpecification(argument(args, kwargs, 1, 'specification', {}));
      const offset = Number(argument(args, kwargs, 2, 'offset', 0)) || 0;
      const limit = argument(args, kwargs, 3, 'limit', null) as number | null;
      const order = argument(args, kwargs, 4, 'order', null) as string | null;
      const countLimit = argument(args, kwargs, 5, 'count_limit', null) as number | null;
      const ids = await search(env, model, domain, { offset, limit, order });
      env.spend(0.3);
      const records = await webRead(env, model, ids, specification);
      if (records.length === 0) return { length: 0, records: [] };
      const current = records.length + offset;
      const countLimitReached = typeof countLimit === 'number' && countLimit <= current;
      let length = current;
      if (typeof limit === 'number' && limit && ((records.length === limit && !countLimitReached) || env.context.force_search_count)) {
        length = await searchCount(env, model, domain);
        if (typeof countLimit === 'number' && countLimit) length = Math.min(length, countLimit);
      }
      return { length, records };
    },
  };
}
