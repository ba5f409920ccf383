/**
 * `odoo-capacity lab start` runs the lab in a detached process (this module's `serveLab`) and
 * records it in `<dir>/lab.json`; `lab stop` and `lab status` read that file.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { startLab, type LabOptions } from './lab.js';

/** What lab.json holds (no password: the password stays in its own file). */
export interface LabState {
  v: 1;
  pid: number;
  startedAt: string;
  odooUrl: string;
  db: string;
  login: string;
  passwordFile: string;
  pgPort: number;
  /** `postgres://postgres@127.0.0.1:<port>/<db>`: the password is in `<dir>/pgdata.password`. */
  pgUrlWithoutPassword: string;
  pgPasswordFile: string;
  logFile: string;
  workers: number;
  dataset: string;
}

export function stateFile(dir: string): string {
  return path.join(dir, 'lab.json');
}

export function readLabState(dir: string): LabState | undefined {
  const file = stateFile(dir);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LabState;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs the lab in this process until SIGTERM/SIGINT, keeping lab.json up to date. */
export async function serveLab(options: LabOptions): Promise<void> {
  const dir = path.resolve(options.dir);
  const lab = await startLab(options);
  const state: LabState = {
    v: 1,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    odooUrl: lab.odoo.url,
    db: lab.odoo.db,
    login: lab.odoo.login,
    passwordFile: lab.odoo.passwordFile,
    pgPort: lab.pg.port,
    pgUrlWithoutPassword: `postgres://${lab.pg.user}@${lab.pg.host}:${lab.pg.port}/${lab.odoo.db}`,
    pgPasswordFile: `${lab.pg.dataDir}.password`,
    logFile: lab.logFile,
    workers: options.workers,
    dataset: options.dataset,
  };
  const temp = stateFile(dir) + '.tmp';
  writeFileSync(temp, JSON.stringify(state, null, 2) + '\n');
  renameSync(temp, stateFile(dir));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await lab.stop();
  rmSync(stateFile(dir), { force: true });
}

/**
 * Starts `serveLab` in a detached process and waits (up to `timeoutMs`) until it is ready.
 * @returns the lab state.
 */
export async function startLabDaemon(cliEntry: string, args: string[], dir: string, timeoutMs = 120_000): Promise<LabState> {
  mkdirSync(dir, { recursive: true });
  const existing = readLabState(dir);
  if (existing && isAlive(existing.pid)) {
    throw new InputError('LAB_RUNNING', `${dir}: a lab is already running (pid ${existing.pid}, ${existing.odooUrl}); stop it with "odoo-capacity lab stop".`);
  }
  rmSync(stateFile(dir), { force: true });
  const logPath = path.join(dir, 'lab-daemon.log');
  const out = openSync(logPath, 'a');
  const child = spawn(process.execPath, [cliEntry, ...args], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = readLabState(dir);
    if (state && state.pid === child.pid) return state;
    if (child.exitCode !== null || (child.pid !== undefined && !isAlive(child.pid))) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const log = existsSync(logPath) ? readFileSync(logPath, 'utf8').trim().split('\n') : [];
  const last = log.filter((l) => l.trim()).pop() ?? 'no output';
  if (child.pid !== undefined && isAlive(child.pid)) process.kill(child.pid, 'SIGTERM');
  throw new InputError('LAB_START_FAILED', `${dir}: the lab did not start (${last.replace(/^odoo-capacity: /, '')}); see ${logPath}.`);
}

/** Stops the lab daemon recorded in `<dir>/lab.json`; resolves once it has exited. */
export async function stopLabDaemon(dir: string, timeoutMs = 30_000): Promise<LabState | undefined> {
  const state = readLabState(dir);
  if (!state || !isAlive(state.pid)) {
    rmSync(stateFile(dir), { force: true });
    return undefined;
  }
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
  rmSync(stateFile(dir), { force: true });
  return state;
}
