/**
 * The generic ORM methods every lab model answers (odoo/models.py 17.0 semantics):
 * `search`, `search_read`, `search_count`, `read`, `name_search`, `write`, and the value
 * formats of `read` (many2one → `[id, display_name]` or False, empty char → False, floats as numbers,
 * datetimes as `YYYY-MM-DD HH:MM:SS` UTC strings, x2many → ids).
 */
import { domainMentions, domainToSql, fieldSql } from './domain.js';
import { readGroup, webReadGroup } from './orm-group.js';
import { webMethods } from './orm-web.js';
import { MissingError, PythonException, UserError, pythonRepr } from './errors.js';
import type { Env, FieldDef, Method, ModelDef } from './types.js';

export interface SearchOptions {
  offset?: number;
  limit?: number | false | null;
  order?: string | false | null;
}

function valueError(message: string): PythonException {
  return new PythonException('builtins.ValueError', message);
}

/** Positional-or-keyword argument `name` at position `index` (Python call semantics). */
export function argument(args: unknown[], kwargs: Record<string, unknown>, index: number, name: string, fallback?: unknown): unknown {
  if (name in kwargs) return kwargs[name];
  return index < args.length ? args[index] : fallback;
}

/** The record ids a method was called on (`args[0]`: an id or a list of ids). */
export function recordIds(args: unknown[]): number[] {
  const first = args[0];
  const list = Array.isArray(first) ? first : first === undefined || first === false || first === null ? [] : [first];
  return list.map((v) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new PythonException('builtins.TypeError', `unhashable type: ${pythonRepr(v)}`);
    return v;
  });
}

/** Odoo's ORDER BY check (models.py `_check_qorder` / `_order_to_sql`). */
export function orderSql(model: ModelDef, order: string, alias: string): string {
  const terms = order.split(',').map((t) => t.trim()).filter(Boolean);
  const parts: string[] = [];
  for (const term of terms) {
    const match = /^([a-z0-9_]+)(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?$/i.exec(term);
    const field = match?.[1] === 'id' ? undefined : match ? model.fields[match[1] ?? ''] : undefined;
    if (!match || (match[1] !== 'id' && (!field || field.type === 'one2many' || field.type === 'many2many'))) {
      // odoo/models.py _check_qorder
      throw new UserError(`Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`);
    }
    const expr = match[1] === 'id' || !field ? `${alias}.id` : fieldSql(field, match[1] ?? '', alias);
    parts.push(`${expr} ${(match[2] ?? 'asc').toUpperCase()}${match[3] ? ` NULLS ${match[3].toUpperCase()}` : ''}`);
  }
  return parts.join(', ');
}

/** `model.search(domain, offset, limit, order)` → ids; applies Odoo's implicit `active = True`. */
export async function search(env: Env, model: ModelDef, domain: unknown, options: SearchOptions = {}): Promise<number[]> {
  const params: unknown[] = [];
  const alias = model.table;
  let where = domainToSql(model, domain ?? [], alias, params, (name) => env.model(name));
  if (model.fields.active && env.context.active_test !== false && !domainMentions(domain, 'active')) {
    where = `(${where}) AND ${alias}."active" = true`;
  }
  let sql = `SELECT ${alias}.id FROM ${model.table} ${alias} WHERE ${where} ORDER BY ${orderSql(model, options.order || model.order, alias)}`;
  if (typeof options.limit === 'number') sql += ` LIMIT ${Math.max(0, Math.floor(options.limit))}`;
  if (options.offset) sql += ` OFFSET ${Math.max(0, Math.floor(options.offset))}`;
  const result = await env.cr.query<{ id: number }>(sql, params);
  return result.rows.map((r) => r.id);
}

/** `search_count(domain)`. */
export async function searchCount(env: Env, model: ModelDef, domain: unknown): Promise<number> {
  const params: unknown[] = [];
  const alias = model.table;
  let where = domainToSql(model, domain ?? [], alias, params, (name) => env.model(name));
  if (model.fields.active && env.context.active_test !== false && !domainMentions(domain, 'active')) {
    where = `(${where}) AND ${alias}."active" = true`;
  }
  const result = await env.cr.query<{ n: string }>(`SELECT count(1) AS n FROM ${model.table} ${alias} WHERE ${where}`, params);
  return Number(result.rows[0]?.n ?? 0);
}

function selectExpr(field: FieldDef, name: string, alias: string): string {
  const expr = fieldSql(field, name, alias);
  if (field.type === 'datetime') return `to_char(${expr}, 'YYYY-MM-DD HH24:MI:SS')`;
  if (field.type === 'date') return `to_char(${expr}, 'YYYY-MM-DD')`;
  return expr;
}

function formatScalar(field: FieldDef, value: unknown): unknown {
  switch (field.type) {
    case 'integer':
      return value === null || value === undefined ? 0 : Number(value);
    case 'float':
    case 'monetary':
      return value === null || value === undefined ? 0 : Number(value);
    case 'boolean':
      return value === true;
    default:
      return value === null || value === undefined || value === '' ? false : value;
  }
}

/** Field names a `fields` argument asks for (all the model's fields when empty). */
export function requestedFields(model: ModelDef, fields: unknown): string[] {
  if (!Array.isArray(fields) || fields.length === 0) return Object.keys(model.fields);
  return fields.map((name) => {
    if (typeof name !== 'string' || (name !== 'id' && !model.fields[name])) {
      // odoo/models.py read(): unknown field names
      throw valueError(`Invalid field ${pythonRepr(name)} on model ${pythonRepr(model.name)}`);
    }
    return name;
  });
}

/** `read(ids, fields)`: one dict per existing id, in the order of `ids` (missing ids are skipped, as Odoo 17 does). */
export async function read(env: Env, model: ModelDef, ids: number[], fields: unknown): Promise<Array<Record<string, unknown>>> {
  if (ids.length === 0) return [];
  const names = requestedFields(model, fields).filter((n) => n !== 'id');
  const alias = model.table;
  // computed x2many fields (`sql` giving an int[]) are read like columns
  const isComputedX2many = (f: FieldDef | undefined) => (f?.type === 'one2many' || f?.type === 'many2many') && f.sql !== undefined;
  const scalar = names.filter((n) => {
    const f = model.fields[n];
    return (f?.type !== 'one2many' && f?.type !== 'many2many') || isComputedX2many(f);
  });
  const columns = [`${alias}.id AS id`, ...scalar.map((n, i) => `${selectExpr(model.fields[n] as FieldDef, n, alias)} AS f${i}`)];
  const result = await env.cr.query(`SELECT ${columns.join(', ')} FROM ${model.table} ${alias} WHERE ${alias}.id = ANY($1)`, [ids]);
  const rows = new Map<number, Record<string, unknown>>(result.rows.map((row) => [Number(row.id), row]));

  // many2one display names, one query per target model
  const m2oValues = new Map<string, Map<number, string>>();
  for (const [i, name] of scalar.entries()) {
    const field = model.fields[name] as FieldDef;
    if (field.type !== 'many2one' || !field.relation) continue;
    const target = env.model(field.relation);
    const targetIds = [...new Set([...rows.values()].map((r) => r[`f${i}`]).filter((v): v is number => typeof v === 'number'))];
    const names = m2oValues.get(field.relation) ?? new Map<number, string>();
    const missing = targetIds.filter((id) => !names.has(id));
    if (target && missing.length) {
      const t = target.table;
      const dn = await env.cr.query<{ id: number; dn: string | null }>(
        `SELECT ${t}.id, ${target.displayName(t)} AS dn FROM ${t} ${t} WHERE ${t}.id = ANY($1)`,
        [missing],
      );
      for (const row of dn.rows) names.set(row.id, row.dn ?? '');
    }
    m2oValues.set(field.relation, names);
  }

  // x2many ids, one query per field
  const x2many = new Map<string, Map<number, number[]>>();
  for (const name of names) {
    const field = model.fields[name] as FieldDef;
    if ((field.type !== 'one2many' && field.type !== 'many2many') || isComputedX2many(field)) continue;
    const target = field.relation ? env.model(field.relation) : undefined;
    const byParent = new Map<number, number[]>();
    if (target && field.inverse) {
      const t = target.table;
      const children = await env.cr.query<{ pid: number; id: number }>(
        `SELECT ${t}."${field.inverse}" AS pid, ${t}.id FROM ${t} ${t} WHERE ${t}."${field.inverse}" = ANY($1) ORDER BY ${orderSql(target, target.order, t)}`,
        [[...rows.keys()]],
      );
      for (const row of children.rows) byParent.set(row.pid, [...(byParent.get(row.pid) ?? []), row.id]);
    }
    x2many.set(name, byParent);
  }

  const records: Array<Record<string, unknown>> = [];
  for (const id of ids) {
    const row = rows.get(id);
    if (!row) continue;
    const record: Record<string, unknown> = { id };
    for (const name of names) {
      const field = model.fields[name] as FieldDef;
      const value = row[`f${scalar.indexOf(name)}`];
      if (isComputedX2many(field)) {
        record[name] = Array.isArray(value) ? value.map(Number) : [];
        continue;
      }
      if (field.type === 'one2many' || field.type === 'many2many') {
        record[name] = x2many.get(name)?.get(id) ?? [];
        continue;
      }
      if (field.type === 'many2one') {
        const display = typeof value === 'number' && field.relation ? m2oValues.get(field.relation)?.get(value) : undefined;
        record[name] = typeof value === 'number' ? [value, display ?? ''] : false;
      } else {
        record[name] = formatScalar(field, value);
      }
    }
    records.push(record);
  }
  return records;
}

/** Raised when a method touches a record that is not in the database (fields.py `__get__`). */
export function missingRecord(model: ModelDef, ids: number[], uid: number): MissingError {
  const record = `${model.name}(${ids.join(', ')}${ids.length === 1 ? ',' : ''})`;
  return new MissingError(`Record does not exist or has been deleted.\n(Record: ${record}, User: ${uid})`);
}

/** Checks that every id exists; returns them. */
export async function ensureExist(env: Env, model: ModelDef, ids: number[]): Promise<number[]> {
  const result = await env.cr.query<{ id: number }>(`SELECT id FROM ${model.table} WHERE id = ANY($1)`, [ids]);
  const found = new Set(result.rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw missingRecord(model, missing, env.uid);
  return ids;
}

/** SQL literal for a value written to a field (translated fields are jsonb). */
function writeValue(field: FieldDef, value: unknown): unknown {
  if (field.translate) return JSON.stringify({ en_US: value === false ? '' : value });
  if (value === false && field.type !== 'boolean') return null;
  return value;
}

/** Column/value pairs of `vals` for the generic create/write; unknown or read-only fields raise like Odoo. */
export function columnValues(model: ModelDef, vals: unknown): Array<[string, unknown]> {
  if (typeof vals !== 'object' || vals === null || Array.isArray(vals)) {
    throw new PythonException('builtins.TypeError', `'${Array.isArray(vals) ? 'list' : typeof vals}' object is not a mapping`);
  }
  const pairs: Array<[string, unknown]> = [];
  for (const [name, value] of Object.entries(vals as Record<string, unknown>)) {
    const field = model.fields[name];
    if (!field) {
      // odoo/models.py _check_... : unknown fields in vals are reported with this ValueError
      throw valueError(`Invalid field ${pythonRepr(name)} on model ${pythonRepr(model.name)}`);
    }
    if (!field.writable || field.sql) continue; // Odoo silently ignores writes on computed non-inverse fields
    pairs.push([field.column ?? name, writeValue(field, value)]);
  }
  return pairs;
}

/** Generic `write(ids, vals)` → True. */
export async function write(env: Env, model: ModelDef, ids: number[], vals: unknown): Promise<true> {
  const pairs = columnValues(model, vals);
  if (ids.length === 0) return true;
  await ensureExist(env, model, ids);
  const params: unknown[] = [ids, env.uid];
  const sets = pairs.map(([column, value]) => {
    params.push(value);
    return `"${column}" = $${params.length}`;
  });
  sets.push(`write_uid = $2`, `write_date = (now() at time zone 'UTC')`);
  await env.cr.query(`UPDATE ${model.table} SET ${sets.join(', ')} WHERE id = ANY($1)`, params);
  return true;
}

/** Generic INSERT of one record from `vals` plus `extra` columns; returns its id. */
export async function insert(env: Env, model: ModelDef, vals: unknown, extra: Record<string, unknown> = {}): Promise<number> {
  const pairs = [...columnValues(model, vals), ...Object.entries(extra)];
  const seen = new Set<string>();
  const unique = pairs.filter(([c]) => (seen.has(c) ? false : (seen.add(c), true)));
  const columns = [...unique.map(([c]) => `"${c}"`), 'create_uid', 'create_date', 'write_uid', 'write_date'];
  const params = unique.map(([, v]) => v);
  params.push(env.uid);
  const uidParam = `$${params.length}`;
  const placeholders = [...unique.map((_, i) => `$${i + 1}`), uidParam, `(now() at time zone 'UTC')`, uidParam, `(now() at time zone 'UTC')`];
  const result = await env.cr.query<{ id: number }>(
    `INSERT INTO ${model.table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING id`,
    params,
  );
  return result.rows[0]?.id ?? 0;
}

/** The ORM methods every model answers, bound to `model`. */
export function genericMethods(model: ModelDef): Record<string, Method> {
  const searchOptions = (args: unknown[], kwargs: Record<string, unknown>, base: number): SearchOptions => ({
    offset: Number(argument(args, kwargs, base, 'offset', 0)) || 0,
    limit: argument(args, kwargs, base + 1, 'limit', null) as number | null,
    order: argument(args, kwargs, base + 2, 'order', null) as string | null,
  });
  return {
    async search(env, args, kwargs) {
      return search(env, model, argument(args, kwargs, 0, 'domain', []), searchOptions(args, kwargs, 1));
    },
    async search_count(env, args, kwargs) {
      return searchCount(env, model, argument(args, kwargs, 0, 'domain', []));
    },
    async search_read(env, args, kwargs) {
      const ids = await search(env, model, argument(args, kwargs, 0, 'domain', []), searchOptions(args, kwargs, 2));
      env.spend(0.5);
      return read(env, model, ids, argument(args, kwargs, 1, 'fields', []));
    },
    async read(env, args, kwargs) {
      return read(env, model, recordIds(args), argument(args, kwargs, 1, 'fields', []));
    },
    async name_search(env, args, kwargs) {
      const name = String(argument(args, kwargs, 0, 'name', '') ?? '');
      const domain = (argument(args, kwargs, 1, 'args', []) as unknown[] | null) ?? [];
      const operator = String(argument(args, kwargs, 2, 'operator', 'ilike'));
      const limit = argument(args, kwargs, 3, 'limit', 100) as number | null;
      const full = name ? [...domain, ['display_name', operator, name]] : domain;
      const ids = await search(env, model, full, { limit });
      const rows = await read(env, model, ids, ['display_name']);
      return rows.map((r) => [r.id, r.display_name]);
    },
    async write(env, args, kwargs) {
      return write(env, model, recordIds(args), argument(args, kwargs, 1, 'vals', {}));
    },
    /** Generic `create` (models with their own logic override it): an id for a dict, ids for a list. */
    async create(env, args, kwargs) {
      const first = argument(args, kwargs, 0, 'vals_list', undefined);
      const list = Array.isArray(first) ? first : [first];
      const ids: number[] = [];
      for (const vals of list) ids.push(await insert(env, model, vals, model.fields.active ? { active: (vals as Record<string, unknown>)?.active ?? true } : {}));
      env.spend(0.5);
      return Array.isArray(first) ? ids : ids[0];
    },
    async action_archive(env, args) {
      return write(env, model, recordIds(args), { active: false });
    },
    async action_unarchive(env, args) {
      return write(env, model, recordIds(args), { active: true });
    },
    async read_group(env, args, kwargs) {
      return readGroup(env, model, args, kwargs);
    },
    async web_read_group(env, args, kwargs) {
      return webReadGroup(env, model, args, kwargs);
    },
    ...webMethods(model),
  };
}
