/**
 * The rest of the Odoo 17 web client's model methods (addons/web/models/models.py), as the lab
 * serves them for web-client journeys (docs/ODOO-PROTOCOL.md, test/fixtures/odoo17-webclient):
 *
 * - `get_views(views, options)` → `{views: {<type>: {arch, id, model}}, models: {<model>: {<field>: {type, relation?, …}}}}`,
 *   the model itself and the targets of its one2many fields (the form's sub-views), as Odoo 17 answers;
 * - `onchange(ids, values, field_names, spec)` (17's signature) → `{value: {…}}`: a new record
 *   (`field_names` empty) gets no defaults beyond what the client sent; a changed many2one answers its
 *   target read with the field's sub-specification, as Odoo's onchange reads what the form shows.
 *   The lab does not run Odoo's onchange methods: their cost is the calibrated CPU time;
 * - `web_save(ids, vals, specification)` → `[record]`: create (ids `[]`) or write, then `web_read`;
 *   one2many commands may carry the client's virtual ids (`[0, "virtual_3", {…}]`).
 *
 * Lab simplifications: arches are stubs (`<form/>`); onchange computes nothing.
 */
import { PythonException, pythonRepr } from './errors.js';
import { argument, recordIds } from './orm.js';
import { webRead } from './orm-web.js';
import type { Method, ModelDef } from './types.js';

type Specification = Record<string, { fields?: Specification } | undefined>;

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PythonException('builtins.TypeError', `${what} must be a dict, got ${pythonRepr(value)}`);
  }
  return value as Record<string, unknown>;
}

/** fields_get-style description of a model's fields, as get_views returns them. */
function describeFields(model: ModelDef): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(model.fields).map(([name, field]) => [
      name,
      {
        name,
        type: field.type,
        string: field.string,
        readonly: field.writable !== true && name !== 'id',
        required: false,
        searchable: true,
        sortable: field.sql === undefined,
        ...(field.relation ? { relation: field.relation } : {}),
      },
    ]),
  );
}

export function webClientMethods(model: ModelDef): Record<string, Method> {
  return {
    async get_views(env, args, kwargs) {
      const views = argument(args, kwargs, 0, 'views', []) as unknown;
      if (!Array.isArray(views)) throw new PythonException('builtins.TypeError', `views must be a list, got ${pythonRepr(views)}`);
      env.spend(0.5);
      const result: Record<string, unknown> = {};
      for (const view of views) {
        const type = Array.isArray(view) ? String(view[1]) : 'form';
        result[type] = { arch: type === 'search' ? '<search/>' : `<${type === 'list' ? 'tree' : type}/>`, id: false, model: model.name };
      }
      const models: Record<string, unknown> = { [model.name]: describeFields(model) };
      for (const field of Object.values(model.fields)) {
        if (field.type !== 'one2many' || !field.relation) continue;
        const target = env.model(field.relation);
        if (target) models[target.name] = describeFields(target);
      }
      return { views: result, models };
    },

    async onchange(env, args, kwargs) {
      const values = asRecord(argument(args, kwargs, 1, 'values', {}), 'values');
      const names = argument(args, kwargs, 2, 'field_names', []);
      const spec = asRecord(argument(args, kwargs, 3, 'fields_spec', {}), 'fields_spec') as Specification;
      const changed = Array.isArray(names) ? names.map(String) : [String(names)];
      const value: Record<string, unknown> = {};
      for (const name of changed) {
        const field = model.fields[name];
        const id = values[name];
        if (field?.type !== 'many2one' || !field.relation || typeof id !== 'number') continue;
        const target = env.model(field.relation);
        if (!target) continue;
        // What the form shows of the new value: its sub-specification, else its display name.
        const [row] = await webRead(env, target, [id], spec[name]?.fields ?? { display_name: {} });
        if (row) value[name] = row;
      }
      env.spend(0.5);
      return { value };
    },

    async web_save(env, args, kwargs) {
      const ids = recordIds(args);
      const vals = asRecord(argument(args, kwargs, 1, 'vals', {}), 'vals');
      const specification = asRecord(kwargs.specification ?? {}, 'specification') as Specification;
      const create = model.methods.create;
      const write = model.methods.write;
      let saved = ids;
      if (ids.length === 0) {
        if (!create) throw new PythonException('builtins.AttributeError', `The method 'create' does not exist on the model '${model.name}'`);
        saved = [Number(await create(env, [vals], {}))];
      } else if (Object.keys(vals).length > 0) {
        if (!write) throw new PythonException('builtins.AttributeError', `The method 'write' does not exist on the model '${model.name}'`);
        await write(env, [ids, vals], {});
      }
      return webRead(env, model, saved, specification);
    },
  };
}
