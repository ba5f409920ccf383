/** Whole NDJSON files of a run directory, for the tools that rewrite runs (merge, ingest). */
import { readdir, readFile, writeFile } from 'node:fs/promises';

/** A record as far as rewriting needs to know it: its time, when it has one (epoch ms). */
export type TimedRecord = { t?: unknown };

/** Every parsable line of `file`; a missing file is empty, a torn line (a crashed writer's last) is skipped. */
export async function readLines(file: string): Promise<TimedRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const out: TimedRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as TimedRecord);
    } catch {
      // A torn last line of a crashed run (readRun warns about it for metrics/events).
    }
  }
  return out;
}

export async function writeNdjson(file: string, records: readonly unknown[]): Promise<void> {
  await writeFile(file, records.map((r) => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : ''));
}

/** The `*.ndjson` file names of a directory. */
export async function ndjsonFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.ndjson'));
}

/** Sorts by `t` (records without a numeric `t` first), stable. */
export function byTime<T extends TimedRecord>(records: T[]): T[] {
  return records.sort((a, b) => (typeof a.t === 'number' ? a.t : 0) - (typeof b.t === 'number' ? b.t : 0));
}
