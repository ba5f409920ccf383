/** `model postgres --ram 16GB --cpus 4 --storage ssd --connections 300`. */
import { UsageError } from '../../errors.js';
import { formatKb } from '../../../models/pgtune.js';
import { postgresSizing } from '../../../models/postgres-sizing.js';
import type { ModelPostgresOptions } from '../commands/model.js';
import { ExitCode } from '../exit-codes.js';
import { checkNumberFlag, checkOptionalNumberFlag } from '../flag-checks.js';
import { table, toJson } from './format-model.js';

const UNITS_MB = 2 ** 20;
const UNITS: Record<string, number> = { MB: UNITS_MB, GB: 2 ** 30, TB: 2 ** 40 };

/** `16GB`, `16 GB`, `8192MB` → bytes. */
export function parseMemory(text: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(MB|GB|TB)?\s*$/i.exec(text);
  if (match === null) throw new UsageError(`${flag}: expected a size such as 16GB or 8192MB, got ${JSON.stringify(text)}`);
  return Number(match[1]) * (UNITS[(match[2] ?? 'GB').toUpperCase()] ?? UNITS['GB'] ?? 1);
}

export async function modelPostgresImpl(options: ModelPostgresOptions): Promise<number> {
  const ramBytes = parseMemory(options.ram, '--ram');
  // PostgreSQL needs some memory to start at all; beyond 64 TB the figures mean nothing.
  if (!(ramBytes >= 256 * UNITS_MB && ramBytes <= 64 * 2 ** 40)) throw new UsageError(`--ram: expected a size from 256MB to 64TB, got ${JSON.stringify(options.ram)}`);
  checkNumberFlag('--cpus', options.cpus, { min: 1, max: 4096, integer: true });
  checkOptionalNumberFlag('--connections', options.connections, { min: 1, max: 100_000, integer: true });
  checkNumberFlag('--pg-version', options['pg-version'], { min: 9, max: 99, integer: true });
  checkOptionalNumberFlag('--http-workers', options['http-workers'], { min: 0, max: 10_000, integer: true });
  checkOptionalNumberFlag('--cron-workers', options['cron-workers'], { min: 0, max: 1_000, integer: true });
  const odoo =
    options['http-workers'] !== undefined ? { httpWorkers: options['http-workers'], cronWorkers: options['cron-workers'] ?? 1 } : undefined;
  const sizing = postgresSizing({
    ramBytes,
    cpus: options.cpus,
    storage: options.storage,
    connections: options.connections,
    dbType: options['db-type'],
    dbVersion: options['pg-version'],
    odoo,
  });
  if (options.json) {
    process.stdout.write(toJson(sizing) + '\n');
    return ExitCode.ok;
  }
  const memory = new Set(['shared_buffers', 'effective_cache_size', 'maintenance_work_mem', 'wal_buffers', 'work_mem', 'autovacuum_work_mem', 'min_wal_size', 'max_wal_size']);
  const baselineRows = Object.entries(sizing.baseline)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => [k, typeof v === 'number' && memory.has(k) ? formatKb(v) : String(v)]);
  process.stdout.write(
    [
      `Baseline — ${sizing.baselineReason}`,
      table(['setting', 'value'], baselineRows),
      '',
      'Odoo adjustments',
      ...sizing.adjustments.map((a) => `  ${a.setting}: ${a.baseline ?? '(unset)'} → ${a.value}\n      ${a.reason}`),
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}
