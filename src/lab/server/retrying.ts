/**
 * One RPC call = one REPEATABLE READ transaction, retried on concurrency errors exactly as
 * odoo/service/model.py `retrying()` (17.0) does: up to MAX_TRIES_ON_CONCURRENCY_FAILURE = 5 tries
 * on SQLSTATE 55P03 / 40001 / 40P01; before try n+1 it logs
 * `SERIALIZATION_FAILURE, <5-n> tries left, try again in <uniform(0, 2**n) %.4f> sec...` and sleeps
 * that long *inside the worker*; after the 5th failure it logs
 * `SERIALIZATION_FAILURE, maximum number of tries reached!` and the error reaches the client.
 * Integrity errors (class 23) become ValidationError (`_as_validation_error`).
 */
import type { Pool } from 'pg';
import { PythonException, ValidationError } from '../models/errors.js';
import type { Cursor } from '../models/types.js';
import { CountingCursor, type QueryStats } from './cursor.js';
import type { OdooLog } from './log.js';

export const MAX_TRIES_ON_CONCURRENCY_FAILURE = 5;

/** psycopg2.errorcodes names of the retried SQLSTATEs. */
const RETRIED: Record<string, { name: string; pythonClass: string }> = {
  '55P03': { name: 'LOCK_NOT_AVAILABLE', pythonClass: 'psycopg2.errors.LockNotAvailable' },
  '40001': { name: 'SERIALIZATION_FAILURE', pythonClass: 'psycopg2.errors.SerializationFailure' },
  '40P01': { name: 'DEADLOCK_DETECTED', pythonClass: 'psycopg2.errors.DeadlockDetected' },
};

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A PostgreSQL error as the Python exception psycopg2 raises (str() ends with a newline). */
export function asPythonError(error: unknown): unknown {
  const code = sqlState(error);
  if (!code || !(error instanceof Error) || error instanceof PythonException) return error;
  const retried = RETRIED[code];
  if (retried) return new PythonException(retried.pythonClass, `${error.message}\n`);
  if (code.startsWith('23')) return new ValidationError(`The operation cannot be completed: ${error.message}`);
  return new PythonException('psycopg2.errors.InternalError', `${error.message}\n`);
}

export interface RetryOptions {
  pool: Pool;
  log: OdooLog;
  db: string;
  stats: QueryStats;
  /** Random source in [0, 1) (default Math.random). */
  random?: () => number;
  /** Sleep (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

/** Runs `fn` in a REPEATABLE READ transaction and commits; retries the whole call on concurrency errors. */
export async function retrying<T>(options: RetryOptions, fn: (cr: Cursor, tryNumber: number) => Promise<T>): Promise<T> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const client = await options.pool.connect();
  const cr = new CountingCursor(client, options.stats, options.log, options.db);
  try {
    for (let tryNumber = 1; ; tryNumber++) {
      const triesLeft = MAX_TRIES_ON_CONCURRENCY_FAILURE - tryNumber;
      // BEGIN/COMMIT are not counted: Odoo sets the isolation level on the connection and commits outside cr.execute
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      try {
        const result = await fn(cr, tryNumber);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const retried = RETRIED[sqlState(error) ?? ''];
        if (!retried) throw asPythonError(error);
        if (!triesLeft) {
          options.log.info(options.db, 'odoo.service.model', `${retried.name}, maximum number of tries reached!`);
          throw asPythonError(error);
        }
        const wait = random() * 2 ** tryNumber;
        options.log.info(options.db, 'odoo.service.model', `${retried.name}, ${triesLeft} tries left, try again in ${wait.toFixed(4)} sec...`);
        await sleep(wait * 1000);
      }
    }
  } finally {
    client.release();
  }
}

/**
 * A short read-only transaction ended by ROLLBACK, as Odoo's `closing(registry.cursor())` blocks
 * (registry `check_signaling` on every request, `res.users.check`) end.
 */
export async function readOnly<T>(options: RetryOptions, fn: (cr: Cursor) => Promise<T>): Promise<T> {
  const client = await options.pool.connect();
  const cr = new CountingCursor(client, options.stats, options.log, options.db);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    return await fn(cr);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
