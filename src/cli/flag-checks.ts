/**
 * Numeric flags checked at the command line, before any model or request: each problem is a
 * usage error naming the flag as the user typed it (`--rate`, not a model's parameter name).
 */
import { UsageError } from '../errors.js';
import type { ServerShapeRecord } from '../run/records.js';

export interface NumberRule {
  /** Smallest accepted value (inclusive unless `above`). */
  min?: number;
  /** The value must be strictly greater than this. */
  above?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
  integer?: boolean;
  /** What the number is, for the message: "requests per second". */
  unit?: string;
}

/** Describes the accepted range in words: "a whole number ≥ 1 and ≤ 4096". */
function expected(rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.above !== undefined) parts.push(`> ${rule.above}`);
  if (rule.min !== undefined) parts.push(`≥ ${rule.min}`);
  if (rule.max !== undefined) parts.push(`≤ ${rule.max}`);
  const kind = rule.integer ? 'a whole number' : 'a number';
  return `${kind}${rule.unit ? ` of ${rule.unit}` : ''}${parts.length > 0 ? ' ' + parts.join(' and ') : ''}`;
}

/** The `--odoo-workers`, `--odoo-cores` and `--db-cores` flags as a manifest record, checked; undefined when none was given. */
export function serverShapeFromFlags(options: { 'odoo-workers'?: number; 'odoo-cores'?: number; 'db-cores'?: number }): ServerShapeRecord | undefined {
  const workers = checkOptionalNumberFlag('--odoo-workers', options['odoo-workers'], { min: 1, max: 10_000, integer: true });
  const cores = checkOptionalNumberFlag('--odoo-cores', options['odoo-cores'], { above: 0, max: 4096 });
  const dbCores = checkOptionalNumberFlag('--db-cores', options['db-cores'], { above: 0, max: 4096 });
  if (workers === undefined && cores === undefined && dbCores === undefined) return undefined;
  return {
    ...(workers !== undefined ? { workers } : {}),
    ...(cores !== undefined ? { cores } : {}),
    ...(dbCores !== undefined ? { dbCores } : {}),
    source: 'command-line flags',
  };
}

/**
 * `value` when it is a finite number within `rule`.
 * @throws UsageError `<flag>: expected …, got …`
 */
export function checkNumberFlag(flag: string, value: number, rule: NumberRule): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (!rule.integer || Number.isInteger(value));
  if (!ok) throw new UsageError(`${flag}: expected ${expected(rule)}, got ${String(value)}`);
  return value;
}

/** `checkNumberFlag` for an optional flag: undefined stays undefined. */
export function checkOptionalNumberFlag(flag: string, value: number | undefined, rule: NumberRule): number | undefined {
  return value === undefined ? undefined : checkNumberFlag(flag, value, rule);
}

/** `--scale`: multiplies every business volume; a thousandfold is already beyond any staging server. */
export const SCALE_RULE: NumberRule = { above: 0, max: 1000 };

/**
 * `--id`: the name of a new run directory — letters, digits, `.`, `_`, `-` (no path).
 * @throws UsageError naming the flag.
 */
export function checkRunIdFlag(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id)) {
    throw new UsageError(`--id: expected a directory name of letters, digits, '.', '_' or '-' (no '/'), got '${id}'`);
  }
  return id;
}

/**
 * `--start-at`: an ISO 8601 time or epoch seconds, within the next 24 hours → epoch ms.
 * @throws UsageError naming the flag.
 */
export function parseStartAt(text: string | undefined, now: number = Date.now()): number | undefined {
  if (text === undefined) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) * 1000 : Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError(`--start-at: expected an ISO 8601 time (2026-11-23T07:00:00Z) or epoch seconds, got '${text}'`);
  if (ms < now) throw new UsageError(`--start-at: ${new Date(ms).toISOString()} is in the past`);
  if (ms > now + 86_400_000) throw new UsageError(`--start-at: ${new Date(ms).toISOString()} is more than 24 hours away`);
  return ms;
}
