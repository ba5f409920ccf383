/**
 * Odoo 17.0 reply shapes, as built by odoo/http.py (`JsonRPCDispatcher.handle_error`,
 * `serialize_exception`) and odoo/addons/base/controllers/rpc.py (`xmlrpc_handle_exception_int`).
 * Messages are Odoo 17's own English texts (sale_order.py, stock_picking.py, models.py, res_users.py).
 */
import type { JsonRpcErrorBody } from '../../../src/odoo/errors.js';

const TRACE_HEAD = [
  'Traceback (most recent call last):',
  '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 1764, in _serve_db',
  '    return service_model.retrying(self._serve_ir_http, self.env)',
  '  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 133, in retrying',
  '    result = func()',
].join('\n');

/** `serialize_exception(exc)` for `module.Class(message)`. */
export function jsonRpcError(name: string, message: string, code = 200, topMessage = 'Odoo Server Error'): JsonRpcErrorBody {
  return {
    code,
    message: topMessage,
    data: {
      name,
      debug: `${TRACE_HEAD}\n${name}: ${message}\n`,
      message,
      arguments: [message],
      context: {},
    },
  };
}

export const USER_ERROR_TEXT = 'You can not delete a sent quotation or a confirmed sales order. You must first cancel it.';
export const EMPTY_TRANSFER_TEXT = 'You can’t validate an empty transfer. Please add some products to move before proceeding.';
export const PRIVATE_METHOD_TEXT = 'Private methods (such as _create_invoices) cannot be called remotely.';
export const ACCESS_ERROR_TEXT =
  "You are not allowed to access 'System Parameter' (ir.config_parameter) records.\n\nThis operation is allowed for the following groups:\n\t- Administration/Settings\n\nContact your administrator to request access if necessary.";
export const MISSING_TEXT = 'Record does not exist or has been deleted.\n(Record: sale.order(999999,), User: 2)';
export const VALIDATION_TEXT = 'The operation cannot be completed: Quantity must be positive';
export const COOLDOWN_TEXT = 'Too many login failures, please wait a bit before trying again.';

/** A fault-1 faultString: the full Python traceback ending with `<name>: <message>`. */
export function pythonTraceback(lastLines: string): string {
  return [
    'Traceback (most recent call last):',
    '  File "/usr/lib/python3/dist-packages/odoo/addons/base/controllers/rpc.py", line 160, in xmlrpc_2',
    '    response = self._xmlrpc(service)',
    '  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 39, in dispatch',
    '    res = execute_kw(db, uid, *params[3:])',
    '  File "/usr/lib/python3/dist-packages/odoo/sql_db.py", line 332, in execute',
    '    res = self._obj.execute(query, params)',
    lastLines,
    '',
  ].join('\n');
}

/** Fault 1 when the method returned None (rpc.py `_xmlrpc` dumps with allow_none=False after commit). */
export const MARSHAL_NONE_FAULT = {
  faultCode: 1,
  faultString: [
    'Traceback (most recent call last):',
    '  File "/usr/lib/python3/dist-packages/odoo/addons/base/controllers/rpc.py", line 160, in xmlrpc_2',
    '    response = self._xmlrpc(service)',
    '  File "/usr/lib/python3/dist-packages/odoo/addons/base/controllers/rpc.py", line 140, in _xmlrpc',
    '    return xmlrpc.client.dumps((result,), methodresponse=1, allow_none=False)',
    '  File "/usr/lib/python3.10/xmlrpc/client.py", line 567, in dump_nil',
    '    raise TypeError("cannot marshal None unless allow_none is enabled")',
    'TypeError: cannot marshal None unless allow_none is enabled',
    '',
  ].join('\n'),
};

export const SERIALIZATION_TRACEBACK = pythonTraceback('psycopg2.errors.SerializationFailure: could not serialize access due to concurrent update');
export const DEADLOCK_TRACEBACK = pythonTraceback(
  [
    'psycopg2.errors.DeadlockDetected: deadlock detected',
    'DETAIL:  Process 4242 waits for ShareLock on transaction 1234; blocked by process 4243.',
    'HINT:  See server log for query details.',
    'CONTEXT:  while updating tuple (12,7) in relation "stock_valuation_layer"',
  ].join('\n'),
);
export const VALUE_ERROR_TRACEBACK = pythonTraceback('ValueError: Invalid field \'no_such_field\' on model \'sale.order\'');

/** `/web/webclient/version_info` result of 17.0-20240709. */
export const VERSION_INFO = {
  server_version: '17.0',
  server_version_info: [17, 0, 0, 'final', 0, ''],
  server_serie: '17.0',
  protocol_version: 1,
};
