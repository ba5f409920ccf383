/**
 * The JSON-2 transport against a real HTTP server that answers as Odoo 19's `/json/2` does
 * (Json2RpcDispatcher: 200 + JSON value; errors 4xx/5xx + {name, message, arguments, context, debug}).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Json2Client } from '../../../src/odoo/transports/json2.js';
import { OdooError } from '../../../src/odoo/errors.js';
import { startServer, type SeenRequest, type TestServer } from './odoo17-server.js';

const KEY = 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0';
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function json(status: number, value: unknown) {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

function odooError(status: number, name: string, message: string) {
  return json(status, { name, message, arguments: [message], context: {}, debug: `Traceback (most recent call last):\n  File "x.py", line 1\n${name}: ${message}\n` });
}

/** A JSON-2 server: res.users/search answers [2]; `route` answers the rest. */
async function json2Server(route: (model: string, method: string, body: Record<string, unknown>, request: SeenRequest) => ReturnType<typeof json>) {
  server = await startServer((request) => {
    if (request.headers.authorization !== `bearer ${KEY}`) return odooError(401, 'werkzeug.exceptions.Unauthorized', 'Invalid apikey');
    const match = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(request.path);
    if (!match) return odooError(404, 'werkzeug.exceptions.NotFound', 'Did you mean POST /json/2/<model>/<method>?');
    const body = JSON.parse(request.body) as Record<string, unknown>;
    if (match[1] === 'res.users' && match[2] === 'search') return json(200, [2]);
    return route(match[1] ?? '', match[2] ?? '', body, request);
  });
  return new Json2Client({ url: server.url, db: 'staging', login: 'edi', password: 'not-the-key', apiKey: KEY });
}

async function failure(promise: Promise<unknown>): Promise<OdooError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OdooError) return error;
    throw error;
  }
  throw new Error('expected an OdooError');
}

describe('Json2Client', () => {
  it('posts named arguments with the bearer key and database header, and returns the JSON value', async () => {
    const client = await json2Server((model, method, body) => {
      expect([model, method]).toEqual(['res.partner', 'search_read']);
      expect(body).toEqual({ domain: [['is_company', '=', true]], fields: ['name'], limit: 2, context: { lang: 'en_US' } });
      return json(200, [{ id: 25, name: 'Deco Addict' }]);
    });
    const rows = await client.call('res.partner', 'search_read', [[['is_company', '=', true]], ['name']], { limit: 2, context: { lang: 'en_US' } });
    expect(rows).toEqual([{ id: 25, name: 'Deco Addict' }]);
    expect(client.uid).toBe(2);
    const call = server?.requests.find((r) => r.path === '/json/2/res.partner/search_read');
    expect(call?.method).toBe('POST');
    expect(call?.headers['x-odoo-database']).toBe('staging');
    expect(call?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(server?.requests.map((r) => r.path)).toEqual(['/json/2/res.users/search', '/json/2/res.partner/search_read']);
    expect(JSON.parse(server?.requests[0]?.body ?? '{}')).toEqual({ domain: [['login', '=', 'edi']], limit: 1 });
    await client.close();
  });

  it('sends buttons their ids and answers undefined for None (null)', async () => {
    const client = await json2Server((_model, method, body) => {
      expect(method).toBe('action_post');
      expect(body).toEqual({ ids: [41] });
      return json(200, null);
    });
    expect(await client.call('account.move', 'action_post', [[41]])).toBeUndefined();
    await client.close();
  });

  it('maps a wrong API key (401) to access_denied once, without retrying', async () => {
    server = await startServer(() => odooError(401, 'werkzeug.exceptions.Unauthorized', 'Invalid apikey'));
    const client = new Json2Client({ url: server.url, db: 'staging', login: 'edi', password: 'pw', apiKey: 'wrong-key-123' });
    const first = await failure(client.call('res.partner', 'search_count', [[]]));
    const second = await failure(client.call('res.partner', 'search_count', [[]]));
    expect(first.kind).toBe('access_denied');
    expect(first.httpStatus).toBe(401);
    expect(first.message).toBe(
      `Odoo at ${server.url}/json/2/res.users/search rejected the API key for database "staging" (JSON-2 answers 401 for a missing, wrong or expired key). Create a key under Preferences → Account Security → New API Key and give it in ODOO_API_KEY (or the config file's apiKeyFile).`,
    );
    expect(second).toBe(first);
    expect(server.requests).toHaveLength(1);
    await client.close();
  });

  it.each([
    [422, 'odoo.exceptions.UserError', 'You cannot validate a transfer if no quantities are reserved.', 'user_error'],
    [422, 'odoo.exceptions.ValidationError', 'The barcode must be unique.', 'validation_error'],
    [403, 'odoo.exceptions.AccessError', 'You are not allowed to modify Sales Order (sale.order) records.', 'access_error'],
    [403, 'odoo.exceptions.AccessError', "Private methods (such as 'sale.order._create_invoices') cannot be called remotely.", 'private_method'],
    [404, 'odoo.exceptions.MissingError', 'Record does not exist or has been deleted.', 'missing_error'],
    [403, 'odoo.http.SessionExpiredException', 'Session expired', 'session_expired'],
    [500, 'psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update', 'serialization_failure'],
    [500, 'builtins.ZeroDivisionError', 'division by zero', 'server_error'],
    [404, 'werkzeug.exceptions.NotFound', "the model 'sale.ordr' does not exist", 'http_error'],
    [422, 'werkzeug.exceptions.UnprocessableEntity', "got an unexpected keyword argument 'vals'", 'protocol_error'],
  ])('maps HTTP %i %s to %s', async (status, name, message, kind) => {
    const client = await json2Server(() => odooError(status, name, message));
    const error = await failure(client.call('sale.order', 'action_confirm', [[7]]));
    expect(error.kind).toBe(kind);
    expect(error.httpStatus).toBe(status);
    expect(error.odooMessage).toBe(message);
    await client.close();
  });

  it('reports a proxy error page (HTML 502) as an HTTP error', async () => {
    server = await startServer(() => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>Bad Gateway</html>' }));
    const client = new Json2Client({ url: server.url, db: 'staging', login: 'edi', password: 'pw', apiKey: KEY });
    const error = await failure(client.authenticate());
    expect(error.kind).toBe('http_error');
    expect(error.httpStatus).toBe(502);
    await client.close();
  });

  it('never puts the key in an error message', async () => {
    const client = await json2Server(() => odooError(422, 'odoo.exceptions.UserError', `bad key ${KEY} echoed`));
    const error = await failure(client.call('res.partner', 'search_count', [[]]));
    expect(error.message).not.toContain(KEY);
    expect(error.odooMessage).toBe('bad key ******** echoed');
    await client.close();
  });
});
