/**
 * The request's cursor: counts statements and SQL time for the werkzeug log line (odoo/sql_db.py
 * `sql_log_count`, `sql_log_time`), and logs failed statements as Odoo does:
 * `ERROR <db> odoo.sql_db: bad query: <statement>\nERROR: <PostgreSQL message>\n`.
 */
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { Cursor } from '../models/types.js';
import type { OdooLog } from './log.js';

export interface QueryStats {
  count: number;
  /** Seconds spent in PostgreSQL round trips. */
  seconds: number;
}

/** A statement with its bind values inlined, as psycopg2's mogrified query appears in Odoo's log. */
export function inlineParams(sql: string, params: unknown[] = []): string {
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
    return `'${String(value).replace(/'/g, "''")}'`;
  };
  return sql.replace(/\$(\d+)/g, (match, n: string) => (Number(n) <= params.length ? literal(params[Number(n) - 1]) : match));
}

export class CountingCursor implements Cursor {
  constructor(
    private readonly client: PoolClient,
    private readonly stats: QueryStats,
    private readonly log: OdooLog,
    private readonly db: string,
  ) {}

  async query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const started = performance.now();
    try {
      const result = await this.client.query<R>(sql, params);
      this.stats.count += 1;
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.write('ERROR', this.db, 'odoo.sql_db', `bad query: ${inlineParams(sql.replace(/\s+/g, ' ').trim(), params)}\nERROR: ${message}\n`);
      throw error;
    } finally {
      this.stats.seconds += (performance.now() - started) / 1000;
    }
  }
}
