/**
 * The Python exceptions the lab raises, as Odoo 17's RPC layer sees them.
 *
 * Each carries the qualified Python class name (`error.data.name` in JSON-RPC, from
 * odoo/http.py `serialize_exception`) and the XML-RPC fault code Odoo maps it to
 * (odoo/addons/base/controllers/rpc.py `xmlrpc_handle_exception_int`):
 * AccessError → 4, AccessDenied → 3, UserError and its other subclasses → 2, anything else → 1
 * with the formatted traceback as faultString.
 */

/** XML-RPC fault codes of Odoo 17 (rpc.py: RPC_FAULT_CODE_*). */
export const FAULT_APPLICATION_ERROR = 1;
export const FAULT_WARNING = 2;
export const FAULT_ACCESS_DENIED = 3;
export const FAULT_ACCESS_ERROR = 4;

export class PythonException extends Error {
  /**
   * @param pythonName qualified class name, e.g. `odoo.exceptions.UserError`, `builtins.KeyError`
   * @param message `str(exception)`
   * @param faultCode XML-RPC fault code (1 = traceback as faultString)
   */
  constructor(
    readonly pythonName: string,
    message: string,
    readonly faultCode: number = FAULT_APPLICATION_ERROR,
  ) {
    super(message);
    this.name = pythonName;
  }

  /** `exception.args` as serialize_exception reports them. */
  get args(): unknown[] {
    return [this.message];
  }

  /** Class name as Python's traceback prints it on its last line (builtins without module). */
  get tracebackName(): string {
    return this.pythonName.startsWith('builtins.') ? this.pythonName.slice('builtins.'.length) : this.pythonName;
  }
}

export class UserError extends PythonException {
  constructor(message: string, pythonName = 'odoo.exceptions.UserError') {
    super(pythonName, message, FAULT_WARNING);
  }
}

export class ValidationError extends UserError {
  constructor(message: string) {
    super(message, 'odoo.exceptions.ValidationError');
  }
}

export class MissingError extends UserError {
  constructor(message: string) {
    super(message, 'odoo.exceptions.MissingError');
  }
}

export class AccessError extends PythonException {
  constructor(message: string) {
    super('odoo.exceptions.AccessError', message, FAULT_ACCESS_ERROR);
  }
}

/** Bad login or password; default message from odoo/exceptions.py `AccessDenied.__init__`. */
export class AccessDenied extends PythonException {
  constructor(message = 'Access Denied') {
    super('odoo.exceptions.AccessDenied', message, FAULT_ACCESS_DENIED);
  }
}

/** odoo/http.py `SessionExpiredException`, raised by ir_http `_auth_method_user` as "Session expired". */
export class SessionExpired extends PythonException {
  constructor() {
    super('odoo.http.SessionExpiredException', 'Session expired');
  }
}

/** odoo/models.py `check_method_name`: `^(_.*|init)$` names are private. */
export function checkMethodName(method: string): void {
  if (/^(_.*|init)$/s.test(method)) {
    // odoo/models.py check_method_name
    throw new AccessError(`Private methods (such as ${method}) cannot be called remotely.`);
  }
}

/** Python's repr of a JSON-ish value (for messages that embed `repr()` / `%r`). */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** A Python traceback for `error` as `traceback.format_exc()` would print it (frames are representative). */
export function formatTraceback(error: PythonException, frames: string[] = DEFAULT_FRAMES): string {
  const message = error.message.endsWith('\n') ? error.message : error.message + '\n';
  return ['Traceback (most recent call last):\n', ...frames, `${error.tracebackName}: ${message}`].join('');
}

const DEFAULT_FRAMES = [
  '  File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 150, in xmlrpc_2\n    response = self._xmlrpc(service)\n',
  '  File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 127, in _xmlrpc\n    result = dispatch_rpc(service, method, params)\n',
  '  File "/opt/odoo/odoo/http.py", line 368, in dispatch_rpc\n    return dispatch(method, params)\n',
  '  File "/opt/odoo/odoo/service/model.py", line 37, in dispatch\n    res = execute_kw(db, uid, *params[3:])\n',
];

/** Frames of XML-RPC's marshalling failure on a None result (rpc.py `_xmlrpc`, allow_none=False). */
export const MARSHAL_NONE_FRAMES = [
  '  File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 150, in xmlrpc_2\n    response = self._xmlrpc(service)\n',
  '  File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 128, in _xmlrpc\n    return xmlrpc.client.dumps((result,), methodresponse=1, allow_none=False)\n',
  '  File "/usr/lib/python3.10/xmlrpc/client.py", line 971, in dumps\n    data = m.dumps(params)\n',
  '  File "/usr/lib/python3.10/xmlrpc/client.py", line 502, in dumps\n    dump(v, write)\n',
  '  File "/usr/lib/python3.10/xmlrpc/client.py", line 524, in __dump\n    f(self, value, write)\n',
  '  File "/usr/lib/python3.10/xmlrpc/client.py", line 528, in dump_nil\n    raise TypeError("cannot marshal None unless allow_none is enabled")\n',
];

/** The TypeError XML-RPC raises when a method returned None (Python's xmlrpc.client.Marshaller.dump_nil). */
export function marshalNoneError(): PythonException {
  return new PythonException('builtins.TypeError', 'cannot marshal None unless allow_none is enabled');
}
