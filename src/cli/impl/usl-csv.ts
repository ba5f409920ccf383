/**
 * CSV of (concurrency, throughput) points for `model usl`: a header naming the two columns
 * (any order, other columns ignored), one point per line, `#` comments and blank lines skipped.
 * A bad line is one error naming file:line.
 */
import { InputError } from '../../errors.js';
import type { UslPoint } from '../../../models/usl.js';

export const USL_CSV_INVALID = 'USL_CSV_INVALID';

export function parseUslCsv(text: string, file: string): UslPoint[] {
  const lines = text.split(/\r?\n/);
  let header: string[] | undefined;
  let headerLine = 0;
  const points: UslPoint[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(',').map((c) => c.trim());
    if (header === undefined) {
      header = cells.map((c) => c.toLowerCase());
      headerLine = i + 1;
      for (const column of ['concurrency', 'throughput']) {
        if (!header.includes(column)) {
          throw new InputError(USL_CSV_INVALID, `${file}:${headerLine}: expected a header with columns concurrency,throughput, got ${JSON.stringify(line)}`);
        }
      }
      return;
    }
    const n = Number(cells[header.indexOf('concurrency')]);
    const x = Number(cells[header.indexOf('throughput')]);
    if (cells.length < header.length || !Number.isFinite(n) || n <= 0 || !Number.isFinite(x) || x < 0) {
      throw new InputError(USL_CSV_INVALID, `${file}:${i + 1}: expected concurrency > 0 and throughput ≥ 0 as numbers, got ${JSON.stringify(line)}`);
    }
    points.push({ concurrency: n, throughput: x });
  });
  if (header === undefined) throw new InputError(USL_CSV_INVALID, `${file}: empty; expected a header concurrency,throughput and at least 6 points`);
  return points;
}
