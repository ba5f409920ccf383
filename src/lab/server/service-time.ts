/**
 * Service time of the lab: real CPU work, calibrated per method (src/lab/calibration.json).
 *
 * Odoo spends most of a request computing in Python with its transaction open; the lab does the
 * same by hashing in a loop between its SQL statements until the process has used the budgeted CPU
 * time (`process.cpuUsage`, user + system). CPU time, not wall time: under contention a request
 * takes longer, as a real worker does, and a sleeping worker would not load the CPU at all.
 */
import { createHash } from 'node:crypto';
import calibrationData from '../calibration.json' with { type: 'json' };

export type TransportKind = 'web' | 'xmlrpc' | 'jsonrpc';

/** CPU ms of one call, or a fixed part and a part per order/picking line the method touches. */
export type MethodCost = number | { ms: number; perLineMs: number };

export interface Calibration {
  /** CPU ms of a method without its own entry. */
  defaultMs: number;
  /** CPU ms of the first request a worker serves (Odoo's registry load, ~3.5 s). */
  registryLoadMs: number;
  /** CPU ms added to every call by the transport. */
  transportOverheadMs: Record<TransportKind, number>;
  /**
   * CPU ms per `<model>.<method>:<detail>` (an onchange's changed field, `new` for defaults), then
   * `<model>.<method>`, then `<method>`; web client routes as `route:<path>`.
   */
  methodMs: Record<string, MethodCost>;
}

export const CALIBRATION: Calibration = calibrationData as Calibration;

function costOf(calibration: Calibration, model: string, method: string, detail?: string): MethodCost | undefined {
  const { methodMs } = calibration;
  return (detail === undefined ? undefined : methodMs[`${model}.${method}:${detail}`]) ?? methodMs[`${model}.${method}`] ?? methodMs[method];
}

/** Budgeted CPU ms (before timeScale) of `model.method` (its fixed part); model is `common`/`web` for service calls. */
export function methodCpuMs(calibration: Calibration, model: string, method: string, detail?: string): number {
  const cost = costOf(calibration, model, method, detail);
  if (cost === undefined) return calibration.defaultMs;
  return typeof cost === 'number' ? cost : cost.ms;
}

/** Budgeted CPU ms (before timeScale) of the web client JSON route `path` (`route:<path>`). */
export function routeCpuMs(calibration: Calibration, path: string): number {
  const cost = calibration.methodMs[`route:${path}`];
  if (cost === undefined) return calibration.defaultMs;
  return typeof cost === 'number' ? cost : cost.ms;
}

/** CPU ms (before timeScale) `model.method` adds per line it touches (0 when the cost is flat). */
export function perLineCpuMs(calibration: Calibration, model: string, method: string, detail?: string): number {
  const cost = costOf(calibration, model, method, detail);
  return cost === undefined || typeof cost === 'number' ? 0 : cost.perLineMs;
}

function cpuMsNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Burns `ms` of CPU time (hashing a buffer); returns at once for ms ≤ 0. */
export function burnCpu(ms: number): void {
  if (!(ms > 0)) return;
  const end = cpuMsNow() + ms;
  let block = Buffer.alloc(4096, 7);
  while (cpuMsNow() < end) {
    for (let i = 0; i < 8; i++) block = Buffer.concat([createHash('sha256').update(block).digest(), block.subarray(32)]);
  }
}

/**
 * A request's CPU budget: model code spends fractions of it between SQL statements (so the
 * transaction stays open while "Python" runs, as in Odoo); `finish()` burns what is left.
 */
export class ServiceBudget {
  private spent = 0;
  constructor(private totalMs: number) {}

  /** Adds `ms` to the budget (a method that learns how many lines it works on). */
  extend(ms: number): void {
    if (ms > 0) this.totalMs += ms;
  }

  /** Burns `fraction` (0..1) of the total budget, capped by what is left. */
  spend(fraction: number): void {
    const ms = Math.min(this.totalMs * fraction, this.totalMs - this.spent);
    burnCpu(ms);
    this.spent += Math.max(0, ms);
  }

  /** Burns the rest of the budget. */
  finish(): void {
    this.spend(1);
  }
}
