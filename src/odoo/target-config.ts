/**
 * Where the Odoo target comes from, in order of precedence:
 *   1. flags (`--target`, `--db`, `--login`, `--password-file`, `--api-key-file`),
 *   2. environment variables (ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_PASSWORD, ODOO_API_KEY),
 *   3. a config file: `--config <file>`, else `./odoo-capacity.yaml` when it exists:
 *
 *      target:
 *        url: https://staging.example.com
 *        db: staging
 *        login: loadtest
 *        passwordFile: /run/secrets/odoo-password     # or passwordEnv: STAGING_ODOO_PASSWORD
 *        apiKeyFile: /run/secrets/odoo-api-key        # optional (JSON-2, Odoo ≥ 19), or apiKeyEnv
 *        timeoutMs: 60000                             # optional
 *
 * Each setting is taken from the first source that has it. Secrets are never read from argv
 * (only from files or environment variables), and the file itself may not hold them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError, UsageError } from '../errors.js';
import type { OdooTarget } from './types.js';
import { redactUnparsedUrl } from '../redact.js';

/** Looked for in the working directory when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = 'odoo-capacity.yaml';

export interface TargetFlags {
  target?: string;
  db?: string;
  login?: string;
  passwordFile?: string;
  apiKeyFile?: string;
  /** `--config <file>`; an explicit file must exist. */
  config?: string;
}

const targetSection = z
  .object({
    url: z.string().min(1).optional(),
    db: z.string().min(1).optional(),
    login: z.string().min(1).optional(),
    passwordFile: z.string().min(1).optional(),
    passwordEnv: z.string().min(1).optional(),
    apiKeyFile: z.string().min(1).optional(),
    apiKeyEnv: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .strict();

const configSchema = z.object({ target: targetSection.optional() }).passthrough();

export type TargetSection = z.infer<typeof targetSection>;

/**
 * The `target:` section of a config file, relative file paths resolved against the file's folder.
 * @throws InputError `CONFIG_FILE` naming the file and the field at fault.
 */
export function readConfigFile(file: string): TargetSection {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('CONFIG_FILE', `${file}: cannot read the config file; check --config.`);
  }
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new InputError('CONFIG_FILE', `${file}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`);
  }
  if (data === null || data === undefined) return {};
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || '(top level)' : '(top level)';
    const extra = issue?.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}; expected url, db, login, passwordFile|passwordEnv, apiKeyFile|apiKeyEnv, timeoutMs` : (issue?.message ?? 'invalid');
    throw new InputError('CONFIG_FILE', `${file}: ${where}: ${extra}.`);
  }
  const section = parsed.data.target ?? {};
  const dir = path.dirname(path.resolve(file));
  const resolved: TargetSection = { ...section };
  if (section.passwordFile) resolved.passwordFile = path.resolve(dir, section.passwordFile);
  if (section.apiKeyFile) resolved.apiKeyFile = path.resolve(dir, section.apiKeyFile);
  return resolved;
}

/** The config file to read: `--config`, else ./odoo-capacity.yaml if present, else none. */
export function configFileFor(flags: TargetFlags, cwd: string = process.cwd()): string | undefined {
  if (flags.config) return flags.config;
  const fallback = path.join(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? fallback : undefined;
}

/**
 * The target from flags, environment and config file (see the module comment).
 * @throws UsageError when url, db, login or the password is missing; InputError for bad values.
 */
export function resolveTarget(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): OdooTarget {
  const file = configFileFor(flags, cwd);
  const config = file ? readConfigFile(file) : {};
  const from = file ? ` or target.%s in ${file}` : '';
  const url = flags.target ?? env.ODOO_URL ?? config.url;
  const db = flags.db ?? env.ODOO_DB ?? config.db;
  const login = flags.login ?? env.ODOO_LOGIN ?? config.login;
  if (!url) throw new UsageError(`no Odoo target: give --target <url>, set ODOO_URL${from.replace('%s', 'url')}, or put target.url in ${DEFAULT_CONFIG_FILE}.`);
  if (!db) throw new UsageError(`no Odoo database: give --db <name> or set ODOO_DB${from.replace('%s', 'db')}.`);
  if (!login) throw new UsageError(`no Odoo login: give --login <user> or set ODOO_LOGIN${from.replace('%s', 'login')}.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('TARGET_URL', `--target: expected an http(s) URL such as https://staging.example.com, got "${redactUnparsedUrl(url)}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InputError('TARGET_URL', `--target: expected an http:// or https:// URL, got "${parsed.protocol}".`);
  }
  if (parsed.username || parsed.password) {
    throw new InputError('TARGET_URL', '--target: put no credentials in the URL; use --login and ODOO_PASSWORD or --password-file.');
  }
  const password = readPassword(flags, env, config, file);
  const apiKey = readApiKey(flags, env, config, file);
  const target: OdooTarget = { url: parsed.origin + parsed.pathname.replace(/\/+$/, ''), db, login, password };
  if (apiKey !== undefined) target.apiKey = apiKey;
  if (config.timeoutMs !== undefined) target.timeoutMs = config.timeoutMs;
  return target;
}

function readPassword(flags: TargetFlags, env: NodeJS.ProcessEnv, config: TargetSection, file: string | undefined): string {
  if (flags.passwordFile) return readSecretFile(flags.passwordFile, '--password-file', 'the password');
  if (env.ODOO_PASSWORD) return env.ODOO_PASSWORD;
  if (config.passwordFile) return readSecretFile(config.passwordFile, `${file}: target.passwordFile`, 'the password');
  if (config.passwordEnv) {
    const value = env[config.passwordEnv];
    if (!value) throw new UsageError(`${file}: target.passwordEnv names ${config.passwordEnv}, which is not set; export it or use target.passwordFile.`);
    return value;
  }
  throw new UsageError('no Odoo password: set ODOO_PASSWORD, give --password-file <file>, or set target.passwordFile in the config file (never on the command line).');
}

function readApiKey(flags: TargetFlags, env: NodeJS.ProcessEnv, config: TargetSection, file: string | undefined): string | undefined {
  if (flags.apiKeyFile) return readSecretFile(flags.apiKeyFile, '--api-key-file', 'the API key');
  if (env.ODOO_API_KEY) return env.ODOO_API_KEY;
  if (config.apiKeyFile) return readSecretFile(config.apiKeyFile, `${file}: target.apiKeyFile`, 'the API key');
  if (config.apiKeyEnv) {
    const value = env[config.apiKeyEnv];
    if (!value) throw new UsageError(`${file}: target.apiKeyEnv names ${config.apiKeyEnv}, which is not set; export it or use target.apiKeyFile.`);
    return value;
  }
  return undefined;
}

/** The first line of a secret file. `what` names the flag or config field in messages. */
function readSecretFile(file: string, where: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('PASSWORD_FILE', `${where} ${file}: cannot read it; give a readable file holding ${what}.`);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (!secret) throw new InputError('PASSWORD_FILE', `${where} ${file}: the file is empty; put ${what} on its first line.`);
  return secret;
}
