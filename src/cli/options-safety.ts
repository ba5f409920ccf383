/**
 * Option builders for the safety guards of `run` (issue 10, src/safety/): hard caps with their
 * overrides, `--dry-run`, and the circuit breaker.
 */
import type { Argv } from 'yargs';
import { DEFAULT_CAPS } from '../safety/caps.js';
import { DEFAULT_BREAKER } from '../safety/circuit-breaker.js';

export interface SafetyOptions {
  'max-rate'?: number;
  'max-duration'?: number;
  'max-vus'?: number;
  'dry-run': boolean;
  breaker: boolean;
  'breaker-error-rate'?: number;
  'breaker-p95-ms'?: number;
}

export function withSafety<T>(yargs: Argv<T>): Argv<T & SafetyOptions> {
  return yargs
    .option('max-rate', { type: 'number', describe: `Safety cap: total iterations/s the plan may reach (default ${DEFAULT_CAPS.maxRatePerS})` })
    .option('max-duration', { type: 'number', describe: `Safety cap: plan duration, seconds (default ${DEFAULT_CAPS.maxDurationS}, 4 h)` })
    .option('max-vus', { type: 'number', describe: `Safety cap: virtual users the engine may create (default ${DEFAULT_CAPS.maxVus})` })
    .option('dry-run', { type: 'boolean', default: false, describe: 'Print the plan, the target, the load and the data the run would create; send nothing' })
    .option('breaker', { type: 'boolean', default: true, describe: 'Circuit breaker: abort when the target fails or slows past a safety limit (--no-breaker to disable)' })
    .option('breaker-error-rate', {
      type: 'number',
      describe: `Breaker: abort above this share of failed iterations over ${DEFAULT_BREAKER.windowS} s (default ${DEFAULT_BREAKER.errorRate})`,
    })
    .option('breaker-p95-ms', {
      type: 'number',
      describe: `Breaker: abort above this p95 step latency over ${DEFAULT_BREAKER.windowS} s, ms (default ${DEFAULT_BREAKER.p95Ms})`,
    });
}
