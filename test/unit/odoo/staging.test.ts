import { describe, expect, it } from 'vitest';
import { assertStaging, NotStagingError } from '../../../src/odoo/staging.js';
import type { OdooClient } from '../../../src/odoo/types.js';

function clientWithMarker(value: string | undefined): OdooClient {
  return {
    transport: 'xmlrpc',
    uid: 2,
    authenticate: async () => 2,
    call: async <T>() => (value === undefined ? [] : [{ key: 'database.is_neutralized', value }]) as T,
    close: async () => undefined,
  };
}

describe('assertStaging', () => {
  it('passes a neutralized database', async () => {
    await expect(assertStaging(clientWithMarker('true'), { url: 'http://h:8069', db: 'stg' })).resolves.toBe(true);
  });

  it('refuses an unmarked database with NOT_STAGING and says what to do', async () => {
    const promise = assertStaging(clientWithMarker(undefined), { url: 'http://h:8069', db: 'prod', action: 'create test data' });
    await expect(promise).rejects.toBeInstanceOf(NotStagingError);
    await expect(assertStaging(clientWithMarker('false'), { url: 'http://h:8069', db: 'prod', action: 'create test data' })).rejects.toThrow(
      'http://h:8069/ database prod: database.is_neutralized is not set, so this may be production; refusing to create test data. Run "odoo-bin neutralize -d <db>" on the staging copy, or pass --allow-unneutralized-database if you are sure.',
    );
  });

  it('lets --allow-unneutralized-database through and reports the marker as absent', async () => {
    await expect(assertStaging(clientWithMarker(undefined), { url: 'http://h:8069', db: 'prod', allow: true })).resolves.toBe(false);
  });
});
