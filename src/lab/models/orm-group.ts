/**
 * `read_group` and `web_read_group` (odoo/models.py 17.0 `read_group` → `_read_group`, and
 * addons/web/models/models.py `web_read_group`), on real SQL `GROUP BY`:
 *
 * - fields: `'name:agg'` (sum, avg, min, max, count, count_distinct, bool_and, bool_or, array_agg),
 *   `'alias:agg(name)'`, or a bare numeric field name (summed, as fields' default group_operator);
 * - groupby: `'field'` or `'date_field:granularity'` (day, week, month, quarter, year; a bare date
 *   field groups by month, as Odoo does);
 * - lazy (default true): only the first groupby; its count is `<field>_count` and the remaining
 *   groupbys go to `__context.group_by`; lazy=false counts in `__count`;
 * - every group carries `__domain` (the request's domain AND the group's own leaves, normalized as
 *   expression.AND does) and date groups `__range` — the shapes observed on a real Odoo 17
 *   (docs/ODOO-PROTOCOL.md "Month-end reads").
 */
import { domainToSql, fieldSql } from './domain.js';
import { PythonException, pythonRepr } from './errors.js';
import { argument } from './orm.js';
import type { Env, FieldDef, ModelDef } from './types.js';

type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'year';

interface GroupSpec {
  /** Key in the result (`date:month`, `partner_id`). */
  key: string;
  field: string;
  def: FieldDef;
  granularity?: Granularity;
}

interface AggregateSpec {
  key: string;
  field: string;
  fn: string;
}

const AGGREGATES = new Set(['sum', 'avg', 'min', 'max', 'count', 'count_distinct', 'bool_and', 'bool_or', 'array_agg']);
const GRANULARITIES = new Set(['day', 'week', 'month', 'quarter', 'year']);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** models.py regex_field_agg. */
const FIELD_AGG = /^(\w+)(?::(\w+)(?:\((\w+)\))?)?$/;

function valueError(message: string): PythonException {
  return new PythonException('builtins.ValueError', message);
}

/** expression.normalize_domain: adds the implicit '&' operators. */
export function normalizeDomain(domain: unknown[]): unknown[] {
  if (domain.length === 0) return [];
  const result: unknown[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (Array.isArray(token)) expected -= 1;
    else expected += token === '!' ? 0 : 1;
    result.push(token);
  }
  return result;
}

/** expression.AND: the conjunction of normalized non-empty domains. */
export function andDomains(domains: unknown[][]): unknown[] {
  const parts = domains.filter((d) => d.length > 0).map(normalizeDomain);
  if (parts.length === 0) return [];
  return [...Array.from({ length: parts.length - 1 }, () => '&'), ...parts.flat()];
}

function parseGroupby(model: ModelDef, spec: unknown): GroupSpec {
  if (typeof spec !== 'string') throw valueError(`Invalid groupby ${pythonRepr(spec)}`);
  const [field = '', granularity] = spec.split(':');
  const def = model.fields[field];
  if (!def) throw valueError(`Invalid field ${pythonRepr(field)} on model ${pythonRepr(model.name)}`);
  if (def.type === 'date' || def.type === 'datetime') {
    const g = granularity ?? 'month';
    if (!GRANULARITIES.has(g)) throw valueError(`Invalid date/time grouping ${pythonRepr(g)}`);
    return { key: spec, field, def, granularity: g as Granularity };
  }
  return { key: spec, field, def };
}

function parseAggregates(model: ModelDef, fields: unknown[], groupKeys: Set<string>): AggregateSpec[] {
  const specs: AggregateSpec[] = [];
  for (const spec of fields) {
    if (spec === '__count') continue;
    const match = typeof spec === 'string' ? FIELD_AGG.exec(spec) : null;
    if (!match) throw valueError(`Invalid field specification ${pythonRepr(spec)}.`);
    const [, name = '', fn, source] = match;
    const field = source ?? name;
    const def = model.fields[field];
    if (!def) throw valueError(`Invalid field ${pythonRepr(field)} on model ${pythonRepr(model.name)}`);
    if (fn) {
      if (!AGGREGATES.has(fn)) throw valueError(`Invalid aggregation function ${pythonRepr(fn)}.`);
      specs.push({ key: name, field, fn });
    } else if (['integer', 'float', 'monetary'].includes(def.type) && !groupKeys.has(name)) {
      specs.push({ key: name, field, fn: 'sum' });
    }
  }
  return specs;
}

function aggregateSql(fn: string, expr: string): string {
  switch (fn) {
    case 'count_distinct':
      return `count(DISTINCT ${expr})`;
    case 'array_agg':
      return `array_agg(${expr} ORDER BY ${expr})`;
    default:
      return `${fn}(${expr})`;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO week number (babel's `w` with ISO rules, as Odoo's en_US 'W'w YYYY label). */
function isoWeek(d: Date): { week: number; year: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  return { week: Math.ceil(((t.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7), year: t.getUTCFullYear() };
}

/** The group's label and [from, to) range, as models.py `_read_group_format_result` (en_US). */
function dateGroup(start: Date, granularity: Granularity): { label: string; end: Date } {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  switch (granularity) {
    case 'day':
      return { label: `${pad(start.getUTCDate())} ${MONTHS[m]?.slice(0, 3)} ${y}`, end: new Date(Date.UTC(y, m, start.getUTCDate() + 1)) };
    case 'week': {
      const { week, year } = isoWeek(start);
      return { label: `W${week} ${year}`, end: new Date(Date.UTC(y, m, start.getUTCDate() + 7)) };
    }
    case 'month':
      return { label: `${MONTHS[m]} ${y}`, end: new Date(Date.UTC(y, m + 1, 1)) };
    case 'quarter':
      return { label: `Q${Math.floor(m / 3) + 1} ${y}`, end: new Date(Date.UTC(y, m + 3, 1)) };
    case 'year':
      return { label: String(y), end: new Date(Date.UTC(y + 1, 0, 1)) };
  }
}

interface RawGroup {
  values: unknown[];
  count: number;
  aggregates: unknown[];
}

/** `read_group(domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True)`. */
export async function readGroup(env: Env, model: ModelDef, args: unknown[], kwargs: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const domain = (argument(args, kwargs, 0, 'domain', []) as unknown[] | null) ?? [];
  const fields = (argument(args, kwargs, 1, 'fields', []) as unknown[] | null) ?? [];
  const groupbyArg = argument(args, kwargs, 2, 'groupby', []);
  const groupbyAll = typeof groupbyArg === 'string' ? [groupbyArg] : ((groupbyArg as unknown[] | null) ?? []);
  const offset = Number(argument(args, kwargs, 3, 'offset', 0)) || 0;
  const limit = argument(args, kwargs, 4, 'limit', null);
  const lazy = argument(args, kwargs, 6, 'lazy', true) !== false;
  const groupby = lazy ? groupbyAll.slice(0, 1) : groupbyAll;
  const groups = groupby.map((spec) => parseGroupby(model, spec));
  const aggregates = parseAggregates(model, fields, new Set(groups.map((g) => g.key)));
  const countKey = lazy && groups.length === 1 ? `${groups[0]?.field}_count` : '__count';

  const alias = model.table;
  const params: unknown[] = [];
  let where = domainToSql(model, domain, alias, params, (name) => env.model(name));
  if (model.fields.active && !domain.some((leaf) => Array.isArray(leaf) && leaf[0] === 'active')) where = `(${where}) AND ${alias}."active" = true`;
  const groupExprs = groups.map((g) => {
    const expr = fieldSql(g.def, g.field, alias);
    return g.granularity ? `date_trunc('${g.granularity}', ${expr}::timestamp)` : expr;
  });
  const select = [
    ...groupExprs.map((e, i) => `${e} AS g${i}`),
    'count(*) AS n',
    ...aggregates.map((a, i) => `${aggregateSql(a.fn, fieldSql(model.fields[a.field] as FieldDef, a.field, alias))} AS a${i}`),
  ];
  const sql = `SELECT ${select.join(', ')} FROM ${model.table} ${alias} WHERE ${where}${groupExprs.length ? ` GROUP BY ${groupExprs.map((_, i) => `g${i}`).join(', ')}` : ''}`;
  const result = await env.cr.query(sql, params);
  env.spend(0.4);
  const raw: RawGroup[] = result.rows.map((row) => ({
    values: groups.map((_, i) => row[`g${i}`]),
    count: Number(row.n),
    aggregates: aggregates.map((_, i) => row[`a${i}`]),
  }));

  // many2one labels (display names), one query per target model
  const labels = new Map<number, Map<number, string>>();
  for (const [i, g] of groups.entries()) {
    if (g.def.type !== 'many2one' || !g.def.relation) continue;
    const target = env.model(g.def.relation);
    const ids = [...new Set(raw.map((r) => r.values[i]).filter((v): v is number => typeof v === 'number'))];
    const names = new Map<number, string>();
    if (target && ids.length) {
      const t = target.table;
      const rows = await env.cr.query<{ id: number; dn: string | null }>(`SELECT ${t}.id, ${target.displayName(t)} AS dn FROM ${t} ${t} WHERE ${t}.id = ANY($1)`, [ids]);
      for (const row of rows.rows) names.set(row.id, row.dn ?? '');
    }
    labels.set(i, names);
  }

  // Odoo orders groups by the groupby fields (many2one: the comodel's order, here its display name); NULLs last
  const sortKey = (r: RawGroup, i: number): string | number | undefined => {
    const v = r.values[i];
    if (v === null || v === undefined) return undefined;
    if (labels.has(i)) return labels.get(i)?.get(v as number) ?? '';
    if (v instanceof Date) return v.getTime();
    return typeof v === 'number' ? v : String(v);
  };
  raw.sort((a, b) => {
    for (let i = 0; i < groups.length; i++) {
      const x = sortKey(a, i);
      const y = sortKey(b, i);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  });
  const page = raw.slice(offset, typeof limit === 'number' ? offset + limit : undefined);

  return page.map((r) => {
    const record: Record<string, unknown> = {};
    const leaves: unknown[][] = [];
    const ranges: Record<string, { from: string; to: string }> = {};
    for (const [i, g] of groups.entries()) {
      const value = r.values[i];
      if (value === null || value === undefined) {
        record[g.key] = false;
        leaves.push([[g.field, '=', false]]);
      } else if (g.granularity) {
        const start = value instanceof Date ? new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate())) : new Date(String(value));
        const { label, end } = dateGroup(start, g.granularity);
        const suffix = g.def.type === 'datetime' ? ' 00:00:00' : '';
        const from = isoDate(start) + suffix;
        const to = isoDate(end) + suffix;
        record[g.key] = label;
        ranges[g.key] = { from, to };
        leaves.push(['&', [g.field, '>=', from], [g.field, '<', to]]);
      } else if (g.def.type === 'many2one') {
        record[g.key] = [value, labels.get(i)?.get(value as number) ?? ''];
        leaves.push([[g.field, '=', value]]);
      } else {
        record[g.key] = value;
        leaves.push([[g.field, '=', value]]);
      }
    }
    record[countKey] = r.count;
    for (const [i, a] of aggregates.entries()) {
      const v = r.aggregates[i];
      record[a.key] = a.fn === 'array_agg' || a.fn.startsWith('bool') ? (v ?? false) : v === null || v === undefined ? 0 : Number(v);
    }
    record.__domain = andDomains([domain, ...leaves]);
    if (Object.keys(ranges).length) record.__range = ranges;
    if (groups.length < groupbyAll.length) record.__context = { group_by: groupbyAll.slice(groups.length) };
    return record;
  });
}

const WEB_READ_GROUP_KWARGS = ['domain', 'fields', 'groupby', 'limit', 'offset', 'orderby', 'lazy', 'context'];

/** web_read_group(domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True) → {groups, length}. */
export async function webReadGroup(env: Env, model: ModelDef, args: unknown[], kwargs: Record<string, unknown>): Promise<Record<string, unknown>> {
  // Odoo 17 dropped 16's expand/expand_limit/expand_orderby: Python refuses any other keyword.
  const unexpected = Object.keys(kwargs).find((key) => WEB_READ_GROUP_KWARGS.indexOf(key) < 0);
  if (unexpected !== undefined) throw new PythonException('builtins.TypeError', `Base.web_read_group() got an unexpected keyword argument '${unexpected}'`);
  const domain = argument(args, kwargs, 0, 'domain', []);
  const fields = argument(args, kwargs, 1, 'fields', []);
  const groupby = argument(args, kwargs, 2, 'groupby', []);
  const limit = argument(args, kwargs, 3, 'limit', null);
  const offset = Number(argument(args, kwargs, 4, 'offset', 0)) || 0;
  const lazy = argument(args, kwargs, 6, 'lazy', true);
  const all = await readGroup(env, model, [domain, fields, groupby], { lazy });
  const groups = all.slice(offset, typeof limit === 'number' && limit ? offset + limit : undefined);
  const length = groups.length === 0 ? 0 : typeof limit === 'number' && limit && groups.length === limit ? all.length : groups.length + offset;
  return { groups, length };
}
