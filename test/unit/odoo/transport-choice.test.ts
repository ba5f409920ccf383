import { describe, expect, it } from 'vitest';
import { transportFor } from '../../../src/odoo/transport-choice.js';

describe('transportFor', () => {
  it('keeps web journeys on the web session on every version', () => {
    expect(transportFor('web', 17)).toBe('web');
    expect(transportFor('web', 19)).toBe('web');
  });
  it('moves integration journeys from XML-RPC / JSON-RPC (≤ 18) to JSON-2 (≥ 19)', () => {
    expect(transportFor('xmlrpc', 17)).toBe('xmlrpc');
    expect(transportFor('xmlrpc', 18)).toBe('xmlrpc');
    expect(transportFor('xmlrpc', 19)).toBe('json2');
    expect(transportFor('jsonrpc', 20)).toBe('json2');
    expect(transportFor('json2', 17)).toBe('xmlrpc');
  });
  it('lets --transport win, and keeps the declared one when the version is unknown', () => {
    expect(transportFor('xmlrpc', 19, 'jsonrpc')).toBe('jsonrpc');
    expect(transportFor('web', 17, 'xmlrpc')).toBe('xmlrpc');
    expect(transportFor('xmlrpc', Number.NaN)).toBe('xmlrpc');
  });
});
