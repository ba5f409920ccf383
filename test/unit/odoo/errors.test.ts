import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  fromJsonRpcError,
  fromTransportError,
  fromXmlRpcFault,
  HttpStatusError,
  isMarshalNoneFault,
  lastExceptionLine,
  loginRejected,
  messages,
  OdooError,
  ProtocolError,
  redactSecret,
  RequestTimeoutError,
  safeUrl,
  SPECIFIC_CODES,
} from '../../../src/odoo/errors.js';
import {
  ACCESS_ERROR_TEXT,
  COOLDOWN_TEXT,
  DEADLOCK_TRACEBACK,
  EMPTY_TRANSFER_TEXT,
  jsonRpcError,
  MARSHAL_NONE_FAULT,
  MISSING_TEXT,
  PRIVATE_METHOD_TEXT,
  SERIALIZATION_TRACEBACK,
  USER_ERROR_TEXT,
  VALIDATION_TEXT,
  VALUE_ERROR_TRACEBACK,
} from './odoo17-replies.js';

const WEB = 'http://odoo.example:8069/web/dataset/call_kw/sale.order/unlink';
const XML = 'http://odoo.example:8069/xmlrpc/2/object';

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('fromJsonRpcError (Odoo 17 JsonRPCDispatcher.handle_error shapes)', () => {
  it('maps odoo.exceptions.UserError to user_error with Odoo text, call and URL', () => {
    const error = fromJsonRpcError(jsonRpcError('odoo.exceptions.UserError', USER_ERROR_TEXT), WEB, 'sale.order.unlink');
    expect(error).toBeInstanceOf(OdooError);
    expect(error.kind).toBe('user_error');
    expect(error.code).toBe('ODOO_USER_ERROR');
    expect(error.odooName).toBe('odoo.exceptions.UserError');
    expect(error.odooMessage).toBe(USER_ERROR_TEXT);
    expect(error.message).toBe(
      'Odoo at http://odoo.example:8069/web/dataset/call_kw/sale.order/unlink refused sale.order.unlink with a user error: You can not delete a sent quotation or a confirmed sales order. You must first cancel it.',
    );
    expect(error.debug).toContain('Traceback (most recent call last)');
  });

  it('maps ValidationError, MissingError and RedirectWarning', () => {
    const validation = fromJsonRpcError(jsonRpcError('odoo.exceptions.ValidationError', VALIDATION_TEXT), WEB);
    expect([validation.kind, validation.code]).toEqual(['validation_error', 'ODOO_VALIDATION_ERROR']);
    expect(validation.message).toBe(messages.validationError(WEB, undefined, VALIDATION_TEXT));

    const missing = fromJsonRpcError(jsonRpcError('odoo.exceptions.MissingError', MISSING_TEXT), WEB, 'sale.order.write');
    expect([missing.kind, missing.code]).toEqual(['missing_error', 'ODOO_MISSING_ERROR']);
    // Newlines of Odoo's text are folded: the CLI prints one line.
    expect(missing.message).toBe(
      'Odoo at http://odoo.example:8069/web/dataset/call_kw/sale.order/unlink: sale.order.write touched records that do not exist or were deleted: Record does not exist or has been deleted. (Record: sale.order(999999,), User: 2)',
    );

    const redirect = fromJsonRpcError(jsonRpcError('odoo.exceptions.RedirectWarning', EMPTY_TRANSFER_TEXT), WEB);
    expect(redirect.kind).toBe('user_error');
  });

  it('maps AccessDenied to access_denied and the login cooldown to its own code', () => {
    const denied = fromJsonRpcError(jsonRpcError('odoo.exceptions.AccessDenied', 'Access Denied'), 'http://odoo.example:8069/web/session/authenticate');
    expect([denied.kind, denied.code]).toEqual(['access_denied', 'ODOO_ACCESS_DENIED']);
    expect(denied.message).toContain('Do not retry');
    expect(denied.message).toContain('http://odoo.example:8069/web/session/authenticate');

    const cooldown = fromJsonRpcError(jsonRpcError('odoo.exceptions.AccessDenied', COOLDOWN_TEXT), WEB);
    expect([cooldown.kind, cooldown.code]).toEqual(['access_denied', SPECIFIC_CODES.loginCooldown]);
    expect(cooldown.message).toBe(messages.loginCooldown(WEB));
  });

  it('tells a private method apart from other AccessErrors', () => {
    const privateMethod = fromJsonRpcError(jsonRpcError('odoo.exceptions.AccessError', PRIVATE_METHOD_TEXT), WEB, 'sale.order._create_invoices');
    expect([privateMethod.kind, privateMethod.code]).toEqual(['private_method', 'ODOO_PRIVATE_METHOD']);
    expect(privateMethod.message).toBe(
      'Odoo at http://odoo.example:8069/web/dataset/call_kw/sale.order/unlink refuses to call a private method remotely: Private methods (such as _create_invoices) cannot be called remotely. Call the public method or wizard instead.',
    );

    const access = fromJsonRpcError(jsonRpcError('odoo.exceptions.AccessError', ACCESS_ERROR_TEXT), WEB, 'ir.config_parameter.search_read');
    expect([access.kind, access.code]).toEqual(['access_error', 'ODOO_ACCESS_ERROR']);
    expect(access.message).toContain('Give the load-test user the needed groups.');
  });

  it('maps code 100 to session_expired', () => {
    const error = fromJsonRpcError(jsonRpcError('odoo.http.SessionExpiredException', 'Session expired', 100, 'Odoo Session Expired'), WEB);
    expect([error.kind, error.code]).toEqual(['session_expired', 'ODOO_SESSION_EXPIRED']);
    expect(error.message).toBe(messages.sessionExpired(WEB));
  });

  it('maps code 404 to http_error ODOO_ROUTE_NOT_FOUND', () => {
    const error = fromJsonRpcError(jsonRpcError('werkzeug.exceptions.NotFound', '404 Not Found: The requested URL was not found on the server.', 404, '404: Not Found'), WEB);
    expect([error.kind, error.code]).toEqual(['http_error', SPECIFIC_CODES.routeNotFound]);
  });

  it('maps psycopg2 concurrency errors (after Odoo\'s 5 tries) to serialization_failure', () => {
    for (const name of [
      'psycopg2.errors.SerializationFailure',
      'psycopg2.errors.DeadlockDetected',
      'psycopg2.errors.LockNotAvailable',
      'psycopg2.extensions.TransactionRollbackError',
    ]) {
      const error = fromJsonRpcError(jsonRpcError(name, 'could not serialize access due to concurrent update\n'), WEB, 'stock.picking.button_validate');
      expect([error.kind, error.code, error.odooName]).toEqual(['serialization_failure', 'ODOO_SERIALIZATION_FAILURE', name]);
    }
    const byText = fromJsonRpcError(jsonRpcError('psycopg2.OperationalError', 'deadlock detected\nDETAIL: …'), WEB);
    expect(byText.kind).toBe('serialization_failure');
    expect(byText.message).toContain('after 5 tries');
  });

  it('maps any other exception to server_error naming the Python exception', () => {
    const error = fromJsonRpcError(jsonRpcError('builtins.KeyError', "'no.such.model'"), WEB, 'no.such.model.search_read');
    expect([error.kind, error.code]).toEqual(['server_error', 'ODOO_SERVER_ERROR']);
    expect(error.message).toBe(
      "Odoo at http://odoo.example:8069/web/dataset/call_kw/sale.order/unlink failed on no.such.model.search_read with a server error (builtins.KeyError): 'no.such.model' See the Odoo log for the traceback.",
    );
  });
});

describe('XML-RPC faults (Odoo 17 xmlrpc_handle_exception_int)', () => {
  it('recognises fault 1 "cannot marshal None" as a success, and nothing else', () => {
    expect(isMarshalNoneFault(MARSHAL_NONE_FAULT)).toBe(true);
    expect(isMarshalNoneFault({ faultCode: '1', faultString: MARSHAL_NONE_FAULT.faultString })).toBe(true);
    expect(isMarshalNoneFault({ faultCode: 1, faultString: SERIALIZATION_TRACEBACK })).toBe(false);
    expect(isMarshalNoneFault({ faultCode: 2, faultString: 'cannot marshal None unless allow_none is enabled' })).toBe(false);
  });

  it('maps fault 2 to user_error, or missing_error for Odoo\'s MissingError texts', () => {
    const user = fromXmlRpcFault({ faultCode: 2, faultString: USER_ERROR_TEXT }, XML, 'sale.order.unlink');
    expect([user.kind, user.code, user.faultCode, user.odooMessage]).toEqual(['user_error', 'ODOO_USER_ERROR', 2, USER_ERROR_TEXT]);
    expect(user.message).toBe(messages.userError(XML, 'sale.order.unlink', USER_ERROR_TEXT));

    const missing = fromXmlRpcFault({ faultCode: 2, faultString: MISSING_TEXT }, XML);
    expect(missing.kind).toBe('missing_error');
    const deleted = fromXmlRpcFault(
      { faultCode: 2, faultString: 'One of the documents you are trying to access has been deleted, please try again after refreshing.\n\n(Document type: sale.order, Operation: write, Records: [999], User: 2)' },
      XML,
    );
    expect(deleted.kind).toBe('missing_error');
  });

  it('maps fault 3 to access_denied and fault 4 to access_error or private_method', () => {
    const denied = fromXmlRpcFault({ faultCode: 3, faultString: 'Access Denied' }, XML);
    expect([denied.kind, denied.code, denied.faultCode]).toEqual(['access_denied', 'ODOO_ACCESS_DENIED', 3]);
    const cooldown = fromXmlRpcFault({ faultCode: 3, faultString: COOLDOWN_TEXT }, XML);
    expect(cooldown.code).toBe(SPECIFIC_CODES.loginCooldown);

    const privateMethod = fromXmlRpcFault({ faultCode: 4, faultString: PRIVATE_METHOD_TEXT }, XML, 'sale.order._create_invoices');
    expect([privateMethod.kind, privateMethod.code, privateMethod.faultCode]).toEqual(['private_method', 'ODOO_PRIVATE_METHOD', 4]);
    const access = fromXmlRpcFault({ faultCode: 4, faultString: ACCESS_ERROR_TEXT }, XML);
    expect([access.kind, access.odooName]).toEqual(['access_error', 'odoo.exceptions.AccessError']);
  });

  it('reads the exception line of a fault-1 traceback: serialization failure and deadlock', () => {
    const serialization = fromXmlRpcFault({ faultCode: 1, faultString: SERIALIZATION_TRACEBACK }, XML, 'stock.picking.button_validate');
    expect(serialization.kind).toBe('serialization_failure');
    expect(serialization.odooName).toBe('psycopg2.errors.SerializationFailure');
    expect(serialization.odooMessage).toBe('could not serialize access due to concurrent update');
    expect(serialization.debug).toBe(SERIALIZATION_TRACEBACK);
    expect(serialization.message).toBe(
      'Odoo at http://odoo.example:8069/xmlrpc/2/object gave up on stock.picking.button_validate after 5 tries because of concurrent updates (could not serialize access due to concurrent update). This is contention between parallel users: fewer concurrent writers on the same records, or accept it as a measured failure.',
    );

    const deadlock = fromXmlRpcFault({ faultCode: 1, faultString: DEADLOCK_TRACEBACK }, XML);
    expect([deadlock.kind, deadlock.odooName]).toEqual(['serialization_failure', 'psycopg2.errors.DeadlockDetected']);
    expect(deadlock.odooMessage?.split('\n')[0]).toBe('deadlock detected');
  });

  it('maps other fault-1 tracebacks to server_error with the exception line only', () => {
    const error = fromXmlRpcFault({ faultCode: 1, faultString: VALUE_ERROR_TRACEBACK }, XML, 'sale.order.read');
    expect([error.kind, error.code, error.odooName]).toEqual(['server_error', 'ODOO_SERVER_ERROR', 'ValueError']);
    expect(error.message).toBe(
      "Odoo at http://odoo.example:8069/xmlrpc/2/object failed on sale.order.read with a server error (ValueError): Invalid field 'no_such_field' on model 'sale.order' See the Odoo log for the traceback.",
    );
    expect(error.message).not.toContain('Traceback');
  });
});

describe('lastExceptionLine', () => {
  it('splits name and message and keeps non-tracebacks whole', () => {
    expect(lastExceptionLine(SERIALIZATION_TRACEBACK)).toEqual({
      name: 'psycopg2.errors.SerializationFailure',
      message: 'could not serialize access due to concurrent update',
    });
    expect(lastExceptionLine('plain text')).toEqual({ message: 'plain text' });
  });
});

describe('fromTransportError', () => {
  const url = 'http://odoo.example:8069/xmlrpc/2/object';
  const cases: Array<[Error, string]> = [
    [nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8069'), 'connection_refused'],
    [nodeError('ECONNRESET', 'read ECONNRESET'), 'connection_reset'],
    [new Error('socket hang up'), 'connection_reset'],
    [nodeError('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:8069'), 'timeout'],
    [new RequestTimeoutError(1500), 'timeout'],
    [nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND odoo.example'), 'dns_error'],
    [nodeError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN odoo.example'), 'dns_error'],
    [nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), 'tls_error'],
    [nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'tls_error'],
    [nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'tls_error'],
    [nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), 'tls_error'],
    [nodeError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), 'tls_error'],
    [new HttpStatusError(502), 'http_error'],
    [new ProtocolError('expected JSON, got "<html>"'), 'protocol_error'],
  ];
  it.each(cases)('maps %s', (input, kind) => {
    const error = fromTransportError(input, url);
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(ERROR_CODES[error.kind]);
    expect(error.message).toContain('odoo.example');
  });

  it('says what to do, with the numbers that matter', () => {
    expect(fromTransportError(new RequestTimeoutError(1500), url).message).toBe(
      'No answer from Odoo at http://odoo.example:8069/xmlrpc/2/object within 1500 ms. The workers may be saturated: lower the load or raise the target timeout.',
    );
    expect(fromTransportError(nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND odoo.example'), url).message).toBe(
      'Cannot resolve the host "odoo.example:8069" of http://odoo.example:8069/xmlrpc/2/object. Check the URL\'s host name and this machine\'s DNS.',
    );
    const bad = fromTransportError(new HttpStatusError(502), url);
    expect(bad.httpStatus).toBe(502);
    expect(bad.message).toBe(
      'Odoo at http://odoo.example:8069/xmlrpc/2/object answered HTTP 502. This comes from a proxy in front of Odoo: Odoo is down, restarting, or has no free worker (check workers, limit_time_real and the Odoo log).',
    );
    expect(fromTransportError(new HttpStatusError(301, 'https://odoo.example/xmlrpc/2/object'), url).message).toContain(
      'redirects to https://odoo.example/xmlrpc/2/object',
    );
  });

  it('passes an OdooError through unchanged', () => {
    const original = fromJsonRpcError(jsonRpcError('odoo.exceptions.UserError', USER_ERROR_TEXT), WEB);
    expect(fromTransportError(original, url)).toBe(original);
  });

  it('strips credentials from the URL it names', () => {
    const error = fromTransportError(nodeError('ECONNREFUSED', 'connect ECONNREFUSED'), 'http://admin:s3cret-pass@odoo.example:8069/jsonrpc?x=1');
    expect(error.message).not.toContain('s3cret-pass');
    expect(error.url).toBe('http://odoo.example:8069/jsonrpc');
    expect(safeUrl('http://u:p@h:1/a')).toBe('http://h:1/a');
  });
});

describe('loginRejected and redactSecret', () => {
  it('names login, database and URL, and says not to retry', () => {
    const error = loginRejected('http://odoo.example:8069/xmlrpc/2/common', 'loadtest', 'staging');
    expect([error.kind, error.code]).toEqual(['access_denied', 'ODOO_ACCESS_DENIED']);
    expect(error.message).toBe(
      'Odoo at http://odoo.example:8069/xmlrpc/2/common rejected login "loadtest" on database "staging" (wrong login or password, or unknown database). Do not retry: Odoo locks the client\'s IP out after 5 failed logins; fix the credentials first.',
    );
  });

  it('keeps the cooldown error as it is', () => {
    const cooldown = fromXmlRpcFault({ faultCode: 3, faultString: COOLDOWN_TEXT }, XML);
    expect(loginRejected(XML, 'loadtest', 'staging', cooldown)).toBe(cooldown);
  });

  it('replaces the password in every text of an OdooError', () => {
    const leaky = fromXmlRpcFault({ faultCode: 1, faultString: pythonLine('ValueError: bad value hunter2-secret') }, XML);
    const clean = redactSecret(leaky, 'hunter2-secret') as OdooError;
    expect(clean).toBeInstanceOf(OdooError);
    expect(clean.kind).toBe('server_error');
    for (const text of [clean.message, clean.odooMessage, clean.debug]) expect(text).not.toContain('hunter2-secret');
    expect(clean.message).toContain('bad value ********');
    const plain = new Error('x');
    expect(redactSecret(plain, 'hunter2-secret')).toBe(plain);
  });
});

function pythonLine(last: string): string {
  return `Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n    f()\n${last}\n`;
}
