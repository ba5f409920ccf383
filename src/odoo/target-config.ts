/**
 * Where the Odoo target comes from: flags first, then environment variables
 * (ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_PASSWORD). The password is never taken from argv:
 * `--password-file` or ODOO_PASSWORD.
 */
import { readFileSync } from 'node:fs';
import { InputError, UsageError } from '../errors.js';
import type { OdooTarget } from './types.js';

export interface TargetFlags {
  target?: string;
  db?: string;
  login?: string;
  passwordFile?: string;
}

export function resolveTarget(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env): OdooTarget {
  const url = flags.target ?? env.ODOO_URL;
  const db = flags.db ?? env.ODOO_DB;
  const login = flags.login ?? env.ODOO_LOGIN;
  if (!url) throw new UsageError('no Odoo target: give --target <url> or set ODOO_URL.');
  if (!db) throw new UsageError('no Odoo database: give --db <name> or set ODOO_DB.');
  if (!login) throw new UsageError('no Odoo login: give --login <user> or set ODOO_LOGIN.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('TARGET_URL', `--target: expected an http(s) URL such as https://staging.example.com, got "${url}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InputError('TARGET_URL', `--target: expected an http:// or https:// URL, got "${parsed.protocol}".`);
  }
  if (parsed.username || parsed.password) {
    throw new InputError('TARGET_URL', '--target: put no credentials in the URL; use --login and ODOO_PASSWORD or --password-file.');
  }
  const password = readPassword(flags.passwordFile, env);
  return { url: parsed.origin + parsed.pathname.replace(/\/+$/, ''), db, login, password };
}

function readPassword(file: string | undefined, env: NodeJS.ProcessEnv): string {
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new InputError('PASSWORD_FILE', `--password-file ${file}: cannot read it; give a readable file holding the password.`);
    }
    const password = text.replace(/\r?\n$/, '');
    if (!password) throw new InputError('PASSWORD_FILE', `--password-file ${file}: the file is empty; put the password on its first line.`);
    return password;
  }
  const password = env.ODOO_PASSWORD;
  if (!password) throw new UsageError('no Odoo password: set ODOO_PASSWORD or give --password-file <file> (never on the command line).');
  return password;
}
