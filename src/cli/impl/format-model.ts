/** Text output shared by the model, simulate and plan commands. */
import type { Reasoned } from '../../../models/reasoned.js';

/** `label: 8 workers — reason` */
export function reasonedLine(label: string, r: Reasoned<number | string>): string {
  return `  ${label}: ${formatValue(r.value)}${r.unit ? ` ${r.unit}` : ''}\n      ${r.reason}`;
}

export function formatValue(value: number | string): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '∞';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/** A plain text table: columns padded to the widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** JSON with Infinity shown as the string "Infinity" (JSON has no infinity). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}
