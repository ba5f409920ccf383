/** `run <profile>`: compile, run, report. No yargs here. */
import path from 'node:path';
import { loadProfile } from '../../../scenarios/profiles/load.js';
import { journeysForProfile } from '../../../scenarios/journeys/load.js';
import { compileProfile } from '../../engine/compile.js';
import type { TransportName } from '../../odoo/types.js';
import { UsageError } from '../../errors.js';
import { checkNumberFlag, parseStartAt, SCALE_RULE, serverShapeFromFlags } from '../flag-checks.js';
import { segmentPlan } from '../../plan/segment.js';
import { segmentFromOptions, thresholdsFromOptions } from '../options-engine.js';
import { ExitCode } from '../exit-codes.js';
import { targetFromOptions } from './target.js';
import type { RunCommandOptions } from '../commands/run.js';
import { assertWithinCaps, capsFromOptions } from '../../safety/caps.js';
import { breakerFromOptions } from '../../safety/circuit-breaker.js';
import { describeDryRun, formatDryRun } from '../../safety/dry-run.js';
import { stripControl } from '../terminal-text.js';
import { runInteractively } from '../interactive-run.js';

export async function runCommandImpl(options: RunCommandOptions): Promise<number> {
  if (!options.profile) throw new UsageError('name a profile: run <profile> or run --profile <name|file> (see odoo-capacity profiles).');
  const profileName = options.profile;
  if (options['sample-interval'] < 100 || options['sample-interval'] > 60_000) {
    throw new UsageError(`--sample-interval: expected 100–60000 ms, got ${options['sample-interval']}.`);
  }
  if (!(options['stats-interval'] >= 1000)) {
    throw new UsageError(`--stats-interval: expected at least 1000 ms, got ${options['stats-interval']}.`);
  }
  checkNumberFlag('--scale', options.scale, SCALE_RULE);
  const server = serverShapeFromFlags(options);
  if (options.duration !== undefined && !(options.duration > 0)) {
    throw new UsageError(`--duration: expected seconds above 0, got ${options.duration}.`);
  }
  const startAt = parseStartAt(options['start-at']);
  if (startAt !== undefined && options.engine === 'k6') throw new UsageError('--start-at: works with the embedded engine only (k6 starts at once).');
  const caps = capsFromOptions(options);
  const breaker = breakerFromOptions(options);
  // A dry run sends nothing, so it needs no password (a file or config given is still read).
  const env = options['dry-run'] ? { ...process.env, ODOO_PASSWORD: process.env.ODOO_PASSWORD || 'not-needed-for-a-dry-run' } : process.env;
  const target = targetFromOptions(options, env);
  const profile = await loadProfile(profileName);
  const { journeys, sources } = await journeysForProfile(profile, profileName);
  const plan = compileProfile(profile, {
    scale: options.scale,
    compress: { durationS: options.duration, keep: options.keep },
    seed: options.seed,
    phase: options.phase,
  });
  const segment = segmentFromOptions(options);
  const runPlanned = segment ? segmentPlan(plan, segment) : plan;
  const thresholds = thresholdsFromOptions(plan, options);
  const pgUrl = options.pg ?? process.env.PG_URL;
  if (options['dry-run']) {
    const lines = formatDryRun(describeDryRun({ plan: runPlanned, target, pgUrl, caps }));
    process.stdout.write(lines.join('\n') + '\n');
    // A plan over a cap fails its dry run too (exit 1, the line naming the flag), as the real run would.
    assertWithinCaps(runPlanned, caps);
    return ExitCode.ok;
  }
  // Guards before any request: the caps (one line naming the flag to raise), then the staging marker in runLoad.
  assertWithinCaps(runPlanned, caps);
  return runInteractively({
    report: options.report,
    load: {
      plan: runPlanned,
      engine: options.engine,
      thresholds,
      journeys,
      journeySources: sources,
      target,
      transport: options.transport as TransportName | undefined,
      pgUrl,
      breaker,
      runsDir: path.resolve(options.out),
      allowUnneutralized: options['allow-unneutralized-database'],
      sampleIntervalMs: options['sample-interval'],
      statsIntervalMs: options['stats-interval'],
      odooLogFile: options['odoo-log'],
      ...(server ? { server, ...(server.workers ? { odooWorkers: server.workers } : {}) } : {}),
      ...(startAt !== undefined ? { startAt } : {}),
      pgLogFile: options['pg-log'],
      onWarning: (message) => process.stderr.write(`warning: ${stripControl(message, true)}\n`),
      onStart: ({ runDir, serverVersion }) =>
        process.stderr.write(stripControl(`running ${profile.name} for ${Math.round(plan.durationS)} s against ${target.url} (Odoo ${serverVersion}, db ${target.db}) → ${runDir}`, true) + '\n'),
    },
  });
}
