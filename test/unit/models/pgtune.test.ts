/**
 * PGTune reproduced exactly. Expected values were obtained by executing PGTune's own selectors
 * (le0pard/pgtune src/features/configuration/configurationSlice.js @ 7caef27c204d304623eda21f23e7d56c1ad78d36,
 * with `createSelector` replaced by plain composition) on these inputs; memory in kB.
 */
import { describe, expect, it } from 'vitest';
import { formatKb, pgTune, type PgTuneInput, type PgTuneResult } from '../../../models/pgtune.js';

const GB = 2 ** 30;
const cases: Array<[string, PgTuneInput, Partial<PgTuneResult>]> = [
  [
    'web, 16 GB, 4 CPUs, 300 connections, SSD, PG 18',
    { dbVersion: 18, dbType: 'web', totalMemoryBytes: 16 * GB, cpus: 4, connections: 300, storage: 'ssd' },
    {
      max_connections: 300, shared_buffers: 4194304, effective_cache_size: 12582912, maintenance_work_mem: 1048576,
      checkpoint_completion_target: 0.9, wal_buffers: 16384, default_statistics_target: 100, random_page_cost: 1.1,
      effective_io_concurrency: 200, work_mem: 13797, huge_pages: 'try', jit: 'off', wal_compression: 'lz4',
      autovacuum_max_workers: null, autovacuum_work_mem: null, io_method: 'io_uring', io_workers: null,
      min_wal_size: 1048576, max_wal_size: 4194304, max_worker_processes: 4, max_parallel_workers_per_gather: 2,
      max_parallel_workers: 4, max_parallel_maintenance_workers: 2,
    },
  ],
  [
    'oltp, 64 GB, 16 CPUs, default connections, NVMe, PG 16',
    { dbVersion: 16, dbType: 'oltp', totalMemoryBytes: 64 * GB, cpus: 16, storage: 'nvme' },
    {
      max_connections: 300, shared_buffers: 16777216, effective_cache_size: 50331648, maintenance_work_mem: 4194304,
      wal_buffers: 16384, random_page_cost: 1.1, effective_io_concurrency: 1000, work_mem: 53092, huge_pages: 'try',
      autovacuum_max_workers: 4, autovacuum_work_mem: 2097152, io_method: null, min_wal_size: 2097152, max_wal_size: 8388608,
      max_worker_processes: 16, max_parallel_workers_per_gather: 4, max_parallel_workers: 16, max_parallel_maintenance_workers: 4,
    },
  ],
  [
    'mixed, 8 GB, 2 CPUs, 150 connections, HDD, database smaller than RAM, PG 15',
    { dbVersion: 15, dbType: 'mixed', totalMemoryBytes: 8 * GB, cpus: 2, connections: 150, storage: 'hdd', dbSize: 'less_ram' },
    {
      max_connections: 150, shared_buffers: 2097152, effective_cache_size: 6291456, maintenance_work_mem: 524288,
      random_page_cost: 1.1, effective_io_concurrency: 2, work_mem: 8626, huge_pages: 'try', max_worker_processes: null,
      max_parallel_workers_per_gather: null,
    },
  ],
  [
    'web, 4 GB, 8 CPUs, default connections, SAN, database larger than RAM, PG 17',
    { dbVersion: 17, dbType: 'web', totalMemoryBytes: 4 * GB, cpus: 8, storage: 'san', dbSize: 'greater_ram' },
    {
      max_connections: 200, shared_buffers: 1048576, effective_cache_size: 3145728, maintenance_work_mem: 262144,
      effective_io_concurrency: 300, work_mem: 4536, huge_pages: 'off', max_worker_processes: 8,
      max_parallel_workers_per_gather: 4, max_parallel_workers: 8, max_parallel_maintenance_workers: 4,
    },
  ],
];

describe('pgTune reproduces PGTune', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(pgTune(input)).toMatchObject(expected);
  });

  it('formats kB as PGTune displays them', () => {
    expect(formatKb(4194304)).toBe('4GB');
    expect(formatKb(16384)).toBe('16MB');
    expect(formatKb(13797)).toBe('13797kB');
  });
});
