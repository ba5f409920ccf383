/**
 * What the collectors' role can see, checked once at start, with one line per missing piece
 * saying what to run. The collectors work with a role that has only pg_monitor:
 *
 *   CREATE ROLE monitor LOGIN PASSWORD '…';
 *   GRANT pg_monitor TO monitor;            -- includes pg_read_all_stats and pg_read_all_settings
 *   CREATE EXTENSION pg_stat_statements;     -- once, in the Odoo database, as a superuser
 *
 * Without pg_read_all_stats (part of pg_monitor) PostgreSQL hides other roles' sessions in
 * pg_stat_activity (state, wait events, query_id are NULL) and their pg_stat_statements query
 * texts (`<insufficient privilege>`); the counters views (pg_stat_database, pg_stat_bgwriter,
 * pg_stat_wal, pg_locks) are readable by every role.
 */
import type pg from 'pg';

/** How pg_stat_statements can be read in the target database. */
export type StatementsAccess =
  | 'ok'
  /** CREATE EXTENSION was not run in this database. */
  | 'not-installed'
  /** Created, but the library is not in shared_preload_libraries (SQLSTATE 55000). */
  | 'not-preloaded'
  /** The role may not select from the view (SQLSTATE 42501). */
  | 'no-privilege';

export interface PrivilegeReport {
  role: string;
  superuser: boolean;
  /** Member (with inheritance) of pg_monitor. */
  pgMonitor: boolean;
  /** Member of pg_read_all_stats (pg_monitor includes it). */
  readAllStats: boolean;
  statements: StatementsAccess;
  /** pg_wait_sampling created in the database and its profile readable. */
  waitSampling: boolean;
  /** One line per missing piece: what is hidden and the command that fixes it. Empty when nothing is missing. */
  missing: string[];
}

/** A PostgreSQL server error (it has a SQLSTATE); anything else is a connection problem. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Quotes a role name for the GRANT line shown to the user. */
function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Messages of `missing`, exported so tests and docs use the same text. */
export const privilegeMessages = {
  readAllStats: (role: string) =>
    `role ${role} is neither superuser nor a member of pg_monitor / pg_read_all_stats: other roles' sessions (state, wait events, query ids) and pg_stat_statements query texts are hidden; run: GRANT pg_monitor TO ${quoteIdent(role)};`,
  statementsNotInstalled: (database: string) =>
    `pg_stat_statements is not created in database ${database}: no statement statistics; run as a superuser in ${database}: CREATE EXTENSION pg_stat_statements; (it must also be in shared_preload_libraries)`,
  statementsNotPreloaded: () =>
    `pg_stat_statements is not loaded: no statement statistics; add pg_stat_statements to shared_preload_libraries in postgresql.conf and restart PostgreSQL`,
  statementsNoPrivilege: (role: string) =>
    `role ${role} may not read pg_stat_statements: no statement statistics; run: GRANT pg_monitor TO ${quoteIdent(role)}; (or GRANT SELECT ON pg_stat_statements TO ${quoteIdent(role)};)`,
};

/** Probes a view with `SELECT … LIMIT 0`: the SQLSTATE of the failure, or undefined when readable. */
async function probe(client: pg.Client, sql: string): Promise<string | undefined> {
  try {
    await client.query(sql);
    return undefined;
  } catch (error) {
    const state = sqlState(error);
    if (state === undefined) throw error;
    return state;
  }
}

/** Checks the connected role (throws only on connection errors). */
export async function checkPrivileges(client: pg.Client, database: string): Promise<PrivilegeReport> {
  const roleRow = await client.query<{ role: string; superuser: boolean; monitor: boolean; read_all_stats: boolean; pgss: boolean; pgws: boolean }>(
    `SELECT current_user AS role,
            coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) AS superuser,
            pg_has_role(current_user, 'pg_monitor', 'USAGE') AS monitor,
            pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS read_all_stats,
            EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS pgss,
            EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_wait_sampling') AS pgws`,
  );
  const row = roleRow.rows[0]!;
  let statements: StatementsAccess = 'ok';
  if (!row.pgss) statements = 'not-installed';
  else {
    const state = await probe(client, 'SELECT queryid FROM pg_stat_statements LIMIT 0');
    if (state === '55000') statements = 'not-preloaded';
    else if (state === '42501') statements = 'no-privilege';
    else if (state === '42P01') statements = 'not-installed';
    else if (state !== undefined) statements = 'no-privilege';
  }
  const waitSampling = row.pgws && (await probe(client, 'SELECT count FROM pg_wait_sampling_profile LIMIT 0')) === undefined;
  const missing: string[] = [];
  const readAllStats = row.superuser || row.read_all_stats;
  if (!readAllStats) missing.push(privilegeMessages.readAllStats(row.role));
  if (statements === 'not-installed') missing.push(privilegeMessages.statementsNotInstalled(database));
  if (statements === 'not-preloaded') missing.push(privilegeMessages.statementsNotPreloaded());
  if (statements === 'no-privilege') missing.push(privilegeMessages.statementsNoPrivilege(row.role));
  return {
    role: row.role,
    superuser: row.superuser,
    pgMonitor: row.superuser || row.monitor,
    readAllStats,
    statements,
    waitSampling,
    missing,
  };
}
