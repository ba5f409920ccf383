/**
 * The lab's tiny ORM vocabulary: model and field definitions mirroring Odoo 17's, and the
 * environment a model method runs in (one request = one REPEATABLE READ transaction).
 */
import type { QueryResult, QueryResultRow } from 'pg';

/** A cursor on the request's transaction; counts queries and SQL time for the request log. */
export interface Cursor {
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

export interface Env {
  cr: Cursor;
  /** Requesting user id. */
  uid: number;
  /** The call's `context` kwarg (Odoo's env.context). */
  context: Record<string, unknown>;
  /** Burns `fraction` (0..1) of the call's calibrated CPU budget (service-time.ts). */
  spend(fraction: number): void;
  /** Adds the calibrated per-line cost of this call for `count` order/picking lines to its budget (no-op for flat costs). */
  perLine?(count: number): void;
  /** The model registry (undefined for unknown names). */
  model(name: string): ModelDef | undefined;
}

/** A model method as called by `execute_kw` / `call_kw`: `(env, args, kwargs)`; `undefined` = Python None. */
export type Method = (env: Env, args: unknown[], kwargs: Record<string, unknown>) => Promise<unknown>;

export type FieldType =
  | 'integer' | 'float' | 'monetary' | 'char' | 'text' | 'boolean' | 'selection'
  | 'date' | 'datetime' | 'many2one' | 'one2many' | 'many2many';

export interface FieldDef {
  type: FieldType;
  /** Label (`string=`), used in Odoo's integrity-error messages. */
  string: string;
  /** Stored column (default: the field name). Ignored when `sql` is set. */
  column?: string;
  /** Translated field stored as jsonb `{"en_US": …}` (Odoo 17 `translate=True`). */
  translate?: boolean;
  /** Non-stored field: SQL expression over the model's alias (searchable, readable, not writable). */
  sql?: (alias: string) => string;
  /** Target model of relational fields. */
  relation?: string;
  /** one2many: column of the target table pointing back. */
  inverse?: string;
  /** Writable through the generic `write` / `create`. */
  writable?: boolean;
}

export interface ModelDef {
  name: string;
  /** `_description`, used in Odoo's integrity-error messages. */
  description: string;
  table: string;
  /** `_order`. */
  order: string;
  /** SQL expression of `display_name` over the model's alias. */
  displayName: (alias: string) => string;
  fields: Record<string, FieldDef>;
  /** Model-specific methods (the generic ORM ones are added by the registry). */
  methods: Record<string, Method>;
}
