/**
 * Field specifications of the forms and lists the interactive journeys open, as Odoo 17's web client
 * sent them (./odoo17.json, taken from test/fixtures/odoo17-webclient/: the four recorded tasks and the
 * browse and invoicing journeys recorded with `odoo-capacity record`), and what the other versions
 * make of them (./version.ts): a 16 field list or flat `field_onchange` dict, an 18 save specification.
 *
 * A server with fewer modules than the recorded one has fewer fields on its views: every
 * specification and value dict is cut down to the fields the session's `get_views` reported
 * (`knownFields`), as the web client only asks for what its views hold.
 */
import data from './odoo17.json' with { type: 'json' };
import type { WebClientVersion } from './version.js';

/** `{field: {}}`, `{field: {fields: {…}, context, limit, order}}` (addons/web/models/models.py `web_read`). */
export interface FieldSpec {
  fields?: Specification;
  context?: Record<string, unknown>;
  limit?: number;
  order?: string;
}
export type Specification = Record<string, FieldSpec>;

/** A field's type, or `[type, relation]` for relational fields (from get_views). */
export type FieldType = string | [string, string];

interface ListData {
  model: string;
  domain: unknown[];
  specification: Specification;
  context?: Record<string, unknown>;
}
interface FormData {
  onchange?: Specification;
  read?: Specification;
  values?: string[];
  saved?: string[];
}
interface SpecData {
  types: Record<string, Record<string, FieldType>>;
  lists: Record<string, ListData>;
  forms: Record<string, FormData>;
}

export const RECORDED: SpecData = data as unknown as SpecData;

/** Fields each model's views hold in this session (model → field → type); absent model: no filtering. */
export type KnownFields = Record<string, Record<string, FieldType>>;

export function typeName(type: FieldType | undefined): string {
  if (type === undefined) return 'char';
  return typeof type === 'string' ? type : type[0];
}

export function relationOf(type: FieldType | undefined): string | undefined {
  return Array.isArray(type) ? type[1] : undefined;
}

/** The recorded type of `model.field`, else what get_views said. */
export function fieldType(model: string, field: string, known?: KnownFields): FieldType | undefined {
  const recorded = RECORDED.types[model];
  return (recorded && recorded[field]) || (known && known[model] ? known[model][field] : undefined);
}

export function isX2many(type: FieldType | undefined): boolean {
  const name = typeName(type);
  return name === 'one2many' || name === 'many2many';
}

function has(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A deep copy of `spec` without the fields the session's views do not hold (`display_name` and `id` always exist). */
export function filterSpec(spec: Specification, model: string, known: KnownFields): Specification {
  const fields = known[model];
  const out: Specification = {};
  for (const name of Object.keys(spec)) {
    if (fields && !has(fields, name) && name !== 'display_name' && name !== 'id') continue;
    const entry = copy(spec[name] as FieldSpec);
    const relation = relationOf(fieldType(model, name, known));
    if (entry.fields && relation) entry.fields = filterSpec(entry.fields, relation, known);
    out[name] = entry;
  }
  return out;
}

/** `names` without the fields the session's views do not hold. */
export function filterNames(names: readonly string[], model: string, known: KnownFields): string[] {
  const fields = known[model];
  return fields ? names.filter((name) => has(fields, name) || name === 'display_name') : names.slice();
}

/** Odoo 16's `fields` argument of `read` / `web_search_read`: the top-level names of a specification. */
export function fieldNames(spec: Specification): string[] {
  return Object.keys(spec);
}

/**
 * Odoo 16's `field_onchange` (basic_model.js `_buildOnchangeSpecs`): one key per field of the view,
 * sub-fields of x2many lists as `list.field`, "1" for the fields whose change triggers an onchange.
 */
export function fieldOnchange16(spec: Specification, onchangeFields: readonly string[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(spec)) {
    const path = prefix + name;
    out[path] = onchangeFields.indexOf(path) >= 0 ? '1' : '';
    const sub = (spec[name] as FieldSpec).fields;
    if (sub && (spec[name] as FieldSpec).limit !== undefined) {
      const nested = fieldOnchange16(sub, onchangeFields, path + '.');
      for (const key of Object.keys(nested)) out[key] = nested[key] as string;
    }
  }
  return out;
}

/**
 * The specification `web_save` carries. 17: the form's read specification. 18 builds it with
 * `getFieldsSpec(…, { orderBys })`: each x2many sub-specification carries the list's current order
 * (`orderBys[field] || defaultOrderBy`), which for lists a journey never re-sorts is the default
 * order 17 already sends — so both answer the recorded specification; 16 reads after `create`.
 */
export function saveSpecification(spec: Specification, _version: WebClientVersion): Specification {
  return copy(spec);
}

/** The list of action `xml id` (model, domain, specification, extra context), as recorded. */
export function recordedList(action: string): ListData {
  const list = RECORDED.lists[action];
  if (!list) throw new Error(`web-client: no recorded list for action ${action}`);
  return list;
}

/** The form data of `model`, as recorded. */
export function recordedForm(model: string): FormData {
  const form = RECORDED.forms[model];
  if (!form) throw new Error(`web-client: no recorded form for ${model}`);
  return form;
}
