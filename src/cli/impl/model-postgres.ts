/** `model postgres --ram 16GB --cpus 4 --storage ssd --connections 300`. */
import { UsageError } from '../../errors.js';
import { formatKb } from '../../../models/pgtune.js';
import { postgresSizing } from '../../../models/postgres-sizing.js';
import type { ModelPostgresOptions } from '../commands/model.js';
import { ExitCode } from '../exit-codes.js';
import { table, toJson } from './format-model.js';

const UNITS: Record<string, number> = { MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40 };

/** `16GB`, `16 GB`, `8192MB` → bytes. */
export function parseMemory(text: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(MB|GB|TB)?\s*$/i.exec(text);
  if (match === null) throw new UsageError(`${flag}: expected a size such as 16GB or 8192MB, got ${JSON.stringify(text)}`);
  return Number(match[1]) * (UNITS[(match[2] ?? 'GB').toUpperCase()] ?? UNITS['GB'] ?? 1);
}

export async function modelPostgresImpl(options: ModelPostgresOptions): Promise<number> {
  const ramBytes = parseMemory(options.ram, '--ram');
  if (!(Number.isInteger(options.cpus) && options.cpus >= 1)) throw new UsageError(`--cpus: expected a whole number ≥ 1, got ${options.cpus}`);
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
