/**
 * JSON-2 (Odoo ≥ 19) takes named arguments only: `POST /json/2/<model>/<method>` with a JSON object
 * `{ids?, context?, <param>: value, …}` that Odoo binds to the method's signature
 * (`inspect.signature(func).bind(records, **kwargs)`). Journeys are written with `execute_kw`-style
 * positional arguments, so this module names them per method.
 *
 * Parameter names are those of Odoo 19's `odoo/orm/models.py` (the same as 17 except
 * `name_search(name, domain, …)`, whose second parameter was `args` up to 17).
 * Methods not listed here that receive one positional argument get it as `ids` (buttons and actions:
 * `action_confirm([[id]])`); with more they cannot be named and the call is refused before sending.
 */
import { messages, OdooError } from './errors.js';

/** `@api.model` methods: positional arguments in order (no `ids`). */
export const MODEL_METHOD_PARAMS: Readonly<Record<string, readonly string[]>> = {
  create: ['vals_list'],
  search: ['domain', 'offset', 'limit', 'order'],
  search_read: ['domain', 'fields', 'offset', 'limit', 'order'],
  search_count: ['domain', 'limit'],
  name_search: ['name', 'domain', 'operator', 'limit'],
  name_create: ['name'],
  read_group: ['domain', 'fields', 'groupby', 'offset', 'limit', 'orderby', 'lazy'],
  web_search_read: ['domain', 'specification', 'offset', 'limit', 'order', 'count_limit'],
  fields_get: ['allfields', 'attributes'],
  default_get: ['fields'],
  check_access_rights: ['operation', 'raise_exception'],
};

/** Record methods: the first positional argument is `ids`, the others in order. */
export const RECORD_METHOD_PARAMS: Readonly<Record<string, readonly string[]>> = {
  read: ['fields', 'load'],
  write: ['vals'],
  unlink: [],
  copy: ['default'],
  web_read: ['specification'],
  action_archive: [],
  action_unarchive: [],
};

/** The JSON-2 request body for `model.method(*args, **kwargs)`. */
export function json2Body(model: string, method: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const call = `${model}.${method}`;
  const body: Record<string, unknown> = {};
  const modelParams = MODEL_METHOD_PARAMS[method];
  const recordParams = RECORD_METHOD_PARAMS[method];
  if (modelParams !== undefined) {
    nameInOrder(body, modelParams, args, call);
  } else if (recordParams !== undefined) {
    if (args.length > 0) body.ids = idsOf(args[0]);
    nameInOrder(body, recordParams, args.slice(1), call);
  } else if (args.length === 1) {
    body.ids = idsOf(args[0]);
  } else if (args.length > 1) {
    throw new OdooError({ kind: 'protocol_error', message: messages.json2PositionalArguments(call, args.length) });
  }
  // kwargs win over positional names (as Python would refuse a duplicate, we let the explicit one stand).
  for (const [key, value] of Object.entries(kwargs)) body[key] = value;
  return body;
}

function nameInOrder(body: Record<string, unknown>, names: readonly string[], args: readonly unknown[], call: string): void {
  if (args.length > names.length) throw new OdooError({ kind: 'protocol_error', message: messages.json2PositionalArguments(call, args.length) });
  args.forEach((value, index) => {
    const name = names[index];
    if (name !== undefined) body[name] = value;
  });
}

/** `[[1, 2]]`'s first argument `[1, 2]`, or a bare id `7` as `[7]`. */
function idsOf(value: unknown): unknown {
  return typeof value === 'number' ? [value] : value;
}
