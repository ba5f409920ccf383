import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../src/odoo/target-config.js';

function dir(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'oc-target-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  return root;
}

const YAML = 'target:\n  url: https://file.example.com/\n  db: filedb\n  login: filelogin\n  passwordFile: secret.txt\n  timeoutMs: 30000\n';

describe('resolveTarget precedence: flags, then environment, then config file', () => {
  it('takes everything from ./odoo-capacity.yaml, with the password file relative to it', () => {
    const cwd = dir({ 'odoo-capacity.yaml': YAML, 'secret.txt': 'from-file\n' });
    expect(resolveTarget({}, {}, cwd)).toEqual({ url: 'https://file.example.com', db: 'filedb', login: 'filelogin', password: 'from-file', timeoutMs: 30000 });
  });

  it('lets the environment override the file and flags override both', () => {
    const cwd = dir({ 'odoo-capacity.yaml': YAML, 'secret.txt': 'from-file', 'flag-pw': 'from-flag' });
    const env = { ODOO_URL: 'http://env:8069', ODOO_DB: 'envdb', ODOO_PASSWORD: 'from-env', ODOO_API_KEY: 'env-key' };
    expect(resolveTarget({ db: 'flagdb' }, env, cwd)).toEqual({ url: 'http://env:8069', db: 'flagdb', login: 'filelogin', password: 'from-env', apiKey: 'env-key', timeoutMs: 30000 });
    expect(resolveTarget({ passwordFile: path.join(cwd, 'flag-pw') }, env, cwd).password).toBe('from-flag');
  });

  it('reads passwordEnv and apiKeyEnv from the variables they name', () => {
    const cwd = dir({ 'c.yaml': 'target:\n  url: http://h:8069\n  db: d\n  login: l\n  passwordEnv: STAGING_PW\n  apiKeyEnv: STAGING_KEY\n' });
    expect(resolveTarget({ config: path.join(cwd, 'c.yaml') }, { STAGING_PW: 'pw', STAGING_KEY: 'key' }, cwd)).toMatchObject({ password: 'pw', apiKey: 'key' });
    expect(() => resolveTarget({ config: path.join(cwd, 'c.yaml') }, {}, cwd)).toThrow(`${path.join(cwd, 'c.yaml')}: target.passwordEnv names STAGING_PW, which is not set; export it or use target.passwordFile.`);
  });

  it('rejects unknown keys (a password in the file) naming the file and field', () => {
    const cwd = dir({ 'c.yaml': 'target:\n  url: http://h\n  password: hunter2\n' });
    const file = path.join(cwd, 'c.yaml');
    expect(() => resolveTarget({ config: file }, {}, cwd)).toThrow(
      `${file}: target: unknown key(s) password; expected url, db, login, passwordFile|passwordEnv, apiKeyFile|apiKeyEnv, timeoutMs.`,
    );
  });

  it('says where to put a missing setting', () => {
    const cwd = dir({});
    expect(() => resolveTarget({}, {}, cwd)).toThrow('no Odoo target: give --target <url>, set ODOO_URL, or put target.url in odoo-capacity.yaml.');
    expect(() => resolveTarget({ target: 'http://h', db: 'd', login: 'l' }, {}, cwd)).toThrow(
      'no Odoo password: set ODOO_PASSWORD, give --password-file <file>, or set target.passwordFile in the config file (never on the command line).',
    );
  });

  it('refuses an explicit config file that does not exist', () => {
    const cwd = dir({});
    expect(() => resolveTarget({ config: path.join(cwd, 'nope.yaml') }, {}, cwd)).toThrow(`${path.join(cwd, 'nope.yaml')}: cannot read the config file; check --config.`);
  });
});
