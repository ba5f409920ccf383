/**
 * PGTune's formulas, reproduced exactly: a PostgreSQL memory and planner baseline from RAM, CPUs,
 * connections, storage and workload type.
 *
 * Source: le0pard/pgtune, src/features/configuration/configurationSlice.js at commit
 * 7caef27c204d304623eda21f23e7d56c1ad78d36 (https://github.com/le0pard/pgtune), the selectors
 * `selectSharedBuffers` … `selectIoWorkers`; display units as its configurationView `formatValue`.
 * Memory values are in kB, as PGTune computes them (1 GB = 1 048 576 kB).
 * test/unit/models/pgtune.test.ts compares against values obtained by executing that source.
 *
 * The per-type constants (web 1/4 of RAM for shared_buffers, …) are PGTune's, not tuned here;
 * Odoo-specific changes come after, in models/postgres-sizing.ts.
 */

export type PgDbType = 'web' | 'oltp' | 'dw' | 'desktop' | 'mixed';
export type PgStorage = 'ssd' | 'hdd' | 'san' | 'nvme';
export type PgOs = 'linux' | 'windows' | 'mac';
export type PgDbSize = 'less_ram' | 'mid_ram' | 'greater_ram';

export interface PgTuneInput {
  /** PostgreSQL major version. Default 18 (PGTune's DEFAULT_DB_VERSION). */
  dbVersion?: number;
  /** Default 'linux'. */
  os?: PgOs;
  dbType: PgDbType;
  /** Total RAM of the database server, bytes. */
  totalMemoryBytes: number;
  /** CPU count; undefined = not given (no parallel settings). */
  cpus?: number;
  /** max_connections; undefined = PGTune's per-type default. */
  connections?: number;
  storage: PgStorage;
  /** Database size relative to RAM. Default 'mid_ram'. */
  dbSize?: PgDbSize;
}

/** PGTune's output; memory settings in kB, null = setting omitted (PostgreSQL default kept). */
export interface PgTuneResult {
  max_connections: number;
  shared_buffers: number;
  effective_cache_size: number;
  maintenance_work_mem: number;
  checkpoint_completion_target: number;
  wal_buffers: number;
  default_statistics_target: number;
  random_page_cost: number;
  effective_io_concurrency: number | null;
  work_mem: number;
  huge_pages: 'try' | 'off';
  jit: 'off' | null;
  wal_compression: 'lz4' | 'on' | null;
  autovacuum_max_workers: number | null;
  autovacuum_work_mem: number | null;
  io_method: 'io_uring' | 'worker' | null;
  io_workers: number | null;
  min_wal_size: number;
  max_wal_size: number;
  max_worker_processes: number | null;
  max_parallel_workers_per_gather: number | null;
  max_parallel_workers: number | null;
  max_parallel_maintenance_workers: number | null;
}

const KB_PER_MB = 1024;
const KB_PER_GB = 1048576;
const DEFAULT_MAX_WORKER_PROCESSES = 8;

function byType<T>(dbType: PgDbType, values: Record<PgDbType, T>): T {
  return values[dbType];
}

/**
 * PGTune's recommendation for the inputs (see the file comment).
 * @example pgTune({ dbType: 'web', totalMemoryBytes: 16 * 2 ** 30, cpus: 4, connections: 300, storage: 'ssd' }).work_mem // → 13797 (kB)
 */
export function pgTune(input: PgTuneInput): PgTuneResult {
  const dbVersion = input.dbVersion ?? 18;
  const os = input.os ?? 'linux';
  const dbSize = input.dbSize ?? 'mid_ram';
  const { dbType, storage } = input;
  const cpus = input.cpus !== undefined && input.cpus > 0 ? input.cpus : null;
  const totalKb = input.totalMemoryBytes / 1024;

  const maxConnections = input.connections ?? byType(dbType, { web: 200, oltp: 300, dw: 40, desktop: 20, mixed: 100 });

  let sharedBuffers = dbType === 'desktop' ? Math.floor(totalKb / 16) : Math.floor(totalKb / 4);
  if (dbVersion < 10 && os === 'windows') sharedBuffers = Math.min(sharedBuffers, 512 * KB_PER_MB);

  const hugePages = os !== 'mac' && sharedBuffers >= 2 * KB_PER_GB ? 'try' : 'off';
  const effectiveCacheSize = dbType === 'desktop' ? Math.floor(totalKb / 4) : Math.floor((totalKb * 3) / 4);

  let maintenanceWorkMem = dbType === 'dw' ? Math.floor(totalKb / 8) : Math.floor(totalKb / 16);
  const windowsOld = os === 'windows' && dbVersion <= 17;
  const maintenanceLimit = windowsOld ? 2 * KB_PER_GB : 8 * KB_PER_GB;
  if (maintenanceWorkMem >= maintenanceLimit) maintenanceWorkMem = windowsOld ? maintenanceLimit - KB_PER_MB : maintenanceLimit;

  const minWal = byType(dbType, { web: 1024, oltp: 2048, dw: 4096, desktop: 100, mixed: 1024 }) * KB_PER_MB;
  const maxWal = byType(dbType, { web: 4096, oltp: 8192, dw: 16384, desktop: 2048, mixed: 4096 }) * KB_PER_MB;

  // wal_buffers: 3 % of shared_buffers, at most 16 MB, rounded up to 16 MB from 14 MB, at least 32 kB.
  let walBuffers = Math.floor((3 * sharedBuffers) / 100);
  if (walBuffers > 16 * KB_PER_MB) walBuffers = 16 * KB_PER_MB;
  if (walBuffers > 14 * KB_PER_MB && walBuffers < 16 * KB_PER_MB) walBuffers = 16 * KB_PER_MB;
  if (walBuffers < 32) walBuffers = 32;

  const randomPageCost = dbSize === 'less_ram' ? 1.1 : storage === 'hdd' ? 4 : dbType === 'dw' ? 4 : 1.1;
  const effectiveIoConcurrency = os !== 'linux' ? null : { hdd: 2, ssd: 200, san: 300, nvme: 1000 }[storage];

  let parallel: Pick<PgTuneResult, 'max_worker_processes' | 'max_parallel_workers_per_gather' | 'max_parallel_workers' | 'max_parallel_maintenance_workers'> = {
    max_worker_processes: null,
    max_parallel_workers_per_gather: null,
    max_parallel_workers: null,
    max_parallel_maintenance_workers: null,
  };
  if (cpus !== null && cpus >= 4) {
    let perGather = Math.ceil(cpus / 2);
    if (dbType !== 'dw' && perGather > 4) perGather = 4;
    parallel = {
      max_worker_processes: cpus,
      max_parallel_workers_per_gather: perGather,
      max_parallel_workers: dbVersion >= 10 ? cpus : null,
      max_parallel_maintenance_workers: dbVersion >= 11 ? Math.min(4, Math.ceil(cpus / 2)) : null,
    };
  }

  // work_mem = (RAM − shared_buffers) / ((max_connections + max_worker_processes) × 3), per type.
  const parallelForWorkMem = parallel.max_worker_processes ?? DEFAULT_MAX_WORKER_PROCESSES;
  const workMemBase = (totalKb - sharedBuffers) / ((maxConnections + parallelForWorkMem) * 3);
  let workMem = Math.floor(byType(dbType, { web: workMemBase, oltp: workMemBase, dw: workMemBase / 2, desktop: workMemBase / 6, mixed: workMemBase / 2 }));
  if (dbSize === 'less_ram') workMem = Math.floor(workMem * 1.3);
  else if (dbSize === 'greater_ram') workMem = Math.floor(workMem * 0.9);
  if (workMem < 4 * KB_PER_MB) workMem = 4 * KB_PER_MB;
  if (windowsOld && workMem > 2 * KB_PER_GB - KB_PER_MB) workMem = 2 * KB_PER_GB - KB_PER_MB;

  let autovacuumWorkMem: number | null = maintenanceWorkMem >= 2 * KB_PER_GB ? 2 * KB_PER_GB : null;
  if (autovacuumWorkMem !== null && windowsOld && autovacuumWorkMem > 2 * KB_PER_GB - KB_PER_MB) autovacuumWorkMem = 2 * KB_PER_GB - KB_PER_MB;

  const ioMethod = dbVersion < 18 ? null : os === 'linux' ? 'io_uring' : 'worker';
  const ioWorkersValue = cpus === null ? 0 : Math.min(32, Math.max(3, Math.floor(cpus / 4)));
  const ioWorkers = dbVersion < 18 || cpus === null || ioMethod === 'io_uring' || ioWorkersValue <= 3 ? null : ioWorkersValue;

  return {
    max_connections: maxConnections,
    shared_buffers: sharedBuffers,
    effective_cache_size: effectiveCacheSize,
    maintenance_work_mem: maintenanceWorkMem,
    checkpoint_completion_target: 0.9,
    wal_buffers: walBuffers,
    default_statistics_target: dbType === 'dw' ? 500 : 100,
    random_page_cost: randomPageCost,
    effective_io_concurrency: effectiveIoConcurrency,
    work_mem: workMem,
    huge_pages: hugePages,
    jit: dbVersion >= 12 && (dbType === 'web' || dbType === 'oltp' || dbType === 'mixed') ? 'off' : null,
    wal_compression: dbVersion >= 15 ? 'lz4' : dbVersion >= 10 ? 'on' : null,
    autovacuum_max_workers: cpus === null ? null : cpus >= 32 ? 5 : cpus >= 16 ? 4 : null,
    autovacuum_work_mem: autovacuumWorkMem,
    io_method: ioMethod,
    io_workers: ioWorkers,
    min_wal_size: minWal,
    max_wal_size: maxWal,
    ...parallel,
  };
}

/** PGTune's display of a kB value: whole GB, else whole MB, else kB (`4GB`, `16MB`, `13797kB`). */
export function formatKb(valueKb: number): string {
  if (valueKb % KB_PER_GB === 0) return `${Math.floor(valueKb / KB_PER_GB)}GB`;
  if (valueKb % KB_PER_MB === 0) return `${Math.floor(valueKb / KB_PER_MB)}MB`;
  return `${valueKb}kB`;
}
