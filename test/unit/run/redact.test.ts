import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/redact.js';

describe('redactUrl', () => {
  it.each([
    ['postgres://odoo:s3cret@db.internal:5432/stage', 'postgres://odoo@db.internal:5432/stage'],
    ['postgresql://odoo:p%40ss%2Fw@127.0.0.1/odoo?sslmode=require', 'postgresql://odoo@127.0.0.1/odoo?sslmode=require'],
    // a raw '@' in the password: the last '@' before the host ends the userinfo (WHATWG rule)
    ['postgres://odoo:p@ss@db/stage', 'postgres://odoo@db/stage'],
    ['postgres://:only-password@db/stage', 'postgres://db/stage'],
    ['https://admin:admin@odoo.example.com:8069', 'https://admin@odoo.example.com:8069'],
    ['http://127.0.0.1:8069', 'http://127.0.0.1:8069'],
    ['postgres://odoo@db/stage', 'postgres://odoo@db/stage'],
    ['postgres://db/stage?user=odoo&password=s3cret', 'postgres://db/stage?user=odoo'],
    ['postgres://db/stage?password=s3cret&sslmode=require', 'postgres://db/stage?sslmode=require'],
    ['postgres://db/stage?password=s3cret', 'postgres://db/stage'],
    ['http://odoo/web?db=x&api_key=abc#frag', 'http://odoo/web?db=x#frag'],
    ['host=db port=5432 password=s3cret dbname=stage', 'host=db port=5432 dbname=stage'],
    ["host=db password='two words' dbname=stage", 'host=db dbname=stage'],
    ['password = s3cret host=db', 'host=db'],
    ['host=db PASSWORD=s3cret', 'host=db'],
    ['could not connect to postgres://u:pw@h/db: refused', 'could not connect to postgres://u@h/db: refused'],
  ])('%s → %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it('leaves nothing of the password anywhere in the text', () => {
    const secret = 'Zq9!xK';
    const text = `postgres://odoo:${secret}@db/x?password=${secret} password=${secret}`;
    expect(redactUrl(text)).not.toContain(secret);
  });
});
