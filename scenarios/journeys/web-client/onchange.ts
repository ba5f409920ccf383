/**
 * Editing a record in a form: the record's values as the web client holds and sends them, and the
 * `onchange` call of each version.
 *
 *   17/18  model.onchange([ids, values, field_names, spec], {context})       odoo/models.py 17 `onchange(values, field_names, fields_spec)`
 *          new record: ([], {}, [], spec) → result.value = the defaults
 *          an edit:    (ids, all current values, ["partner_id"], spec) → result.value = what changed
 *   16     model.onchange([ids, values, field_name, field_onchange], {context})  with field_name a string
 *          for one field (a list for none) and field_onchange the flat dict of ./specs.ts fieldOnchange16
 *
 * Values (fixture README, "Protocol facts"): many2one → id; x2many → commands (`[4, id]` links,
 * `[0, "virtual_N", {…}]` new rows); empty char/text → false; x2many fields the server did not
 * send → [].
 */
import { fieldOnchange16, fieldType, isX2many, typeName, type KnownFields, type Specification } from './specs.js';
import type { Web } from './web.js';

/** A value of a server reply (onchange value, web_read/web_save record, 16 `read`) as the client sends it back. */
export function clientValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return type === 'one2many' || type === 'many2many' ? [] : false;
  switch (type) {
    case 'many2one':
      if (Array.isArray(value)) return value[0];
      if (typeof value === 'object') return (value as { id?: unknown }).id ?? false;
      return value;
    case 'many2many':
      return Array.isArray(value) ? value.map(linkCommand) : [];
    case 'one2many':
      return [];
    case 'char':
    case 'text':
    case 'html':
    case 'selection':
      return value === '' ? false : value;
    default:
      return value;
  }
}

/** `[4, id, {…}]` / `{id, …}` / `id` → `[4, id]`; a `[6, 0, ids]` stays. */
function linkCommand(item: unknown): unknown {
  if (typeof item === 'number') return [4, item];
  if (Array.isArray(item)) return item[0] === 6 ? item : [item[0], item[1]];
  if (typeof item === 'object' && item !== null) return [4, (item as { id?: unknown }).id];
  return item;
}

/** The values of one record being edited, in the order of the view's fields. */
export class FormRecord {
  readonly values: Record<string, unknown> = {};

  constructor(
    readonly model: string,
    readonly names: readonly string[],
    private readonly known: KnownFields,
  ) {
    for (const name of names) this.values[name] = isX2many(this.type(name)) ? [] : false;
  }

  type(name: string): string {
    return typeName(fieldType(this.model, name, this.known));
  }

  /** Merges an onchange `value` (or a read record) into the record. */
  apply(server: Record<string, unknown> | undefined): void {
    if (!server) return;
    for (const name of Object.keys(server)) {
      if (name === 'id' || this.names.indexOf(name) < 0) continue;
      const value = server[name];
      const known = fieldType(this.model, name, this.known);
      // a field no view described: a record dict or [id, name] pair is a many2one, a list a many2many
      const type = known !== undefined ? typeName(known) : Array.isArray(value) && typeof value[1] !== 'string' ? 'many2many' : typeof value === 'object' && value !== null ? 'many2one' : 'char';
      this.values[name] = clientValue(type, value);
    }
  }

  set(name: string, value: unknown): void {
    this.values[name] = value;
  }

  get(name: string): unknown {
    return this.values[name];
  }

  /** The values of `names` that the record has, in that order (a copy). */
  pick(names: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of names) if (Object.prototype.hasOwnProperty.call(this.values, name)) out[name] = copy(this.values[name]);
    return out;
  }

  /** Every value, in the view's order (a copy). */
  all(): Record<string, unknown> {
    return this.pick(this.names);
  }
}

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * A view context evaluated on a record as the web client's `evalPartialContext` does: each key maps
 * to a field of the record or `parent.<field>`; keys whose value cannot be evaluated (the field is
 * not on the record yet) are left out, in the template's order.
 */
export function partialContext(template: ReadonlyArray<readonly [string, string]>, record: Record<string, unknown>, parent?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, path] of template) {
    const fromParent = path.indexOf('parent.') === 0;
    const source = fromParent ? parent : record;
    const field = fromParent ? path.slice('parent.'.length) : path;
    if (source && Object.prototype.hasOwnProperty.call(source, field)) out[key] = source[field];
  }
  return out;
}

export interface OnchangeCall {
  model: string;
  ids: number[];
  values: Record<string, unknown>;
  /** Fields the user changed; [] for a new record's defaults. */
  changed: string[];
  spec: Specification;
  context: Record<string, unknown>;
  /** 16: the fields (dotted for x2many rows) whose change triggers an onchange, marked "1" in field_onchange. */
  onchangeFields?: readonly string[];
}

/** `onchange` as `web.version` sends it; resolves to `result.value` (an empty object when none). */
export async function onchange(web: Web, call: OnchangeCall): Promise<Record<string, unknown>> {
  const args =
    web.version === 16
      ? [call.ids, call.values, call.changed.length === 1 ? call.changed[0] : call.changed, fieldOnchange16(call.spec, call.onchangeFields || call.changed)]
      : [call.ids, call.values, call.changed, call.spec];
  const result = await web.client.call<{ value?: Record<string, unknown> } | null>(call.model, 'onchange', args, { context: call.context });
  return (result && result.value) || {};
}
