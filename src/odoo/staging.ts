/**
 * The staging guard's evidence: `odoo-bin neutralize` (odoo/addons/base/data/neutralize.sql) inserts
 * `ir.config_parameter` `database.is_neutralized` = `true` (the column is text, so the stored value
 * is `"true"`). Odoo itself tests it with `get_param(...)` truthiness, i.e. any non-empty value.
 * Readable by administrators only (ir.config_parameter is restricted to base.group_system).
 */
import { messages, OdooError, safeUrl, SPECIFIC_CODES } from './errors.js';
import type { OdooClient } from './types.js';

export const NEUTRALIZED_KEY = 'database.is_neutralized';

/** Values that do not mark a database as neutralized (case-insensitive). */
const FALSY_VALUES = new Set(['', 'false', '0']);

/**
 * True when the database is marked as a neutralized (staging) copy.
 * `ir.config_parameter.search_read([[['key','=','database.is_neutralized']]], {fields:['key','value'], limit:1})`.
 * @param who url and login, for the message when the login may not read the parameter.
 * @throws OdooError `ODOO_STAGING_MARKER_UNREADABLE` (kind access_error) for a non-admin login.
 */
export async function readStagingMarker(client: OdooClient, who?: { url: string; login: string }): Promise<boolean> {
  let rows: Array<{ value?: unknown }>;
  try {
    rows = await client.call<Array<{ value?: unknown }>>('ir.config_parameter', 'search_read', [[['key', '=', NEUTRALIZED_KEY]]], {
      fields: ['key', 'value'],
      limit: 1,
    });
  } catch (error) {
    if (error instanceof OdooError && error.kind === 'access_error') {
      const url = who?.url ?? error.url ?? 'the target';
      throw new OdooError({
        kind: 'access_error',
        code: SPECIFIC_CODES.stagingMarkerUnreadable,
        url: safeUrl(url),
        message: messages.stagingMarkerUnreadable(url, who?.login),
        ...(error.odooMessage === undefined ? {} : { odooMessage: error.odooMessage }),
        cause: error,
      });
    }
    throw error;
  }
  const value = rows[0]?.value;
  if (value === undefined || value === null || value === false) return false;
  return !FALSY_VALUES.has(String(value).trim().toLowerCase());
}

/** Thrown by `assertStaging` when the database is not marked as a staging copy. */
export class NotStagingError extends Error {
  override readonly name = 'NotStagingError';
  readonly code = 'NOT_STAGING';
}

/** The refusal text (tests compare against it). */
export function notStagingMessage(url: string, db: string, action: string): string {
  return (
    `${safeUrl(url)} database ${db}: database.is_neutralized is not set, so this may be production; refusing to ${action}. ` +
    'Run "odoo-bin neutralize -d <db>" on the staging copy, or pass --allow-unneutralized-database if you are sure.'
  );
}

export interface AssertStagingOptions {
  /** `--allow-unneutralized-database`: go on (and return false) without the marker. */
  allow?: boolean;
  /** For the message: the target's URL and database, and what would be refused (default "write to it"). */
  url: string;
  db: string;
  login?: string;
  action?: string;
}

/**
 * The staging guard, called before any write: reads `database.is_neutralized` and throws
 * `NotStagingError` (code NOT_STAGING) unless it is set or `allow` is true.
 * @returns whether the marker is set.
 */
export async function assertStaging(client: OdooClient, options: AssertStagingOptions): Promise<boolean> {
  const neutralized = await readStagingMarker(client, options.login === undefined ? undefined : { url: options.url, login: options.login });
  if (!neutralized && !options.allow) throw new NotStagingError(notStagingMessage(options.url, options.db, options.action ?? 'write to it'));
  return neutralized;
}
