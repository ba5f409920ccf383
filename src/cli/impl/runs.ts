/** `runs`: the run directories under --dir with their status, newest first. No yargs here. */
import { readdir, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { InputError } from '../../errors.js';
import { listRuns, type RunListing } from '../../run/reader.js';
import { isRunWrite, runState, type LivenessProbe, type RunState } from '../../safety/run-liveness.js';
import { ExitCode } from '../exit-codes.js';
import type { RunsCommandOptions } from '../commands/runs.js';

export interface RunRow extends RunListing {
  state: RunState;
  /** Newest modification time of any file in the run directory, ISO 8601. */
  lastWriteAt: string | null;
}

/** Is process `pid` alive on this machine? (signal 0 checks without sending; EPERM means it exists.) */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const HERE: LivenessProbe = { hostname: hostname(), isAlive };

/** Newest mtime (epoch ms) of the run's own files directly in `dir` (not its reports), or null. */
async function lastWrite(dir: string): Promise<number | null> {
  let newest: number | null = null;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!isRunWrite(name)) continue;
    const s = await stat(path.join(dir, name)).catch(() => undefined);
    if (s?.isFile()) newest = Math.max(newest ?? 0, s.mtimeMs);
  }
  return newest;
}

export async function listRunRows(root: string, now = Date.now(), here: LivenessProbe = HERE): Promise<RunRow[]> {
  let listings: RunListing[];
  try {
    listings = await listRuns(root);
  } catch (e) {
    throw new InputError('RUNS_DIR', `--dir ${root}: cannot list it (${(e as Error).message.split('\n')[0]}); give the directory that holds the run directories.`);
  }
  const rows: RunRow[] = [];
  for (const listing of listings) {
    const written = await lastWrite(path.join(root, listing.id));
    rows.push({ ...listing, state: runState(listing.status, written, now, listing.writer, here), lastWriteAt: written === null ? null : new Date(written).toISOString() });
  }
  return rows;
}

export async function runsCommandImpl(options: RunsCommandOptions): Promise<number> {
  const rows = await listRunRows(options.dir);
  if (options.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return ExitCode.ok;
  }
  if (rows.length === 0) {
    process.stdout.write(`no runs in ${options.dir}\n`);
    return ExitCode.ok;
  }
  const table = [['RUN', 'STATUS', 'PROFILE', 'STARTED'], ...rows.map((r) => [r.id, r.state, r.profile ?? '-', r.startedAt ?? '-'])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) process.stdout.write(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ') + '\n');
  for (const r of rows) {
    if (r.state === 'killed') process.stdout.write(`${r.id}: the process that wrote it is gone (last write ${r.lastWriteAt ?? 'unknown'}); \`report\` reads it as a partial run\n`);
    if (r.problem) process.stdout.write(`${r.id}: ${r.problem}\n`);
  }
  return ExitCode.ok;
}
