/**
 * How fast the simulator runs compared with real time: one busy business hour of the
 * morning-order-wave peak, scaled ×10 (≈ 3 000 order flows plus scanning and EDI), on 8 workers.
 * Prints simulated seconds per wall-clock second. Run: npm run build && node dist/bench/simulate.bench.js
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { compileProfile } from '../src/engine/compile.js';
import { getProfile } from '../scenarios/profiles/index.js';
import { simulate } from '../models/simulate/simulate.js';
import { demandsForJourneys } from '../models/calibration-defaults.js';

export async function run(): Promise<void> {
  const plan = compileProfile(getProfile('morning-order-wave'), { scale: 10, phase: 'peak' });
  const demands = demandsForJourneys(plan.scenarios.map((s) => s.journey));
  const started = performance.now();
  const result = simulate({ plan, demands, deployment: { httpWorkers: 8, cronWorkers: 1, cores: 8 }, contention: { conflictPerWriter: 0.02 } });
  const wallS = (performance.now() - started) / 1000;
  const completed = result.journeys.reduce((sum, j) => sum + j.count, 0);
  process.stdout.write(
    `simulate: ${result.durationS.toFixed(0)} s simulated in ${wallS.toFixed(3)} s wall (${(result.durationS / wallS).toFixed(0)}× real time), ` +
      `${completed} iterations, ${result.events} events\n`,
  );
}

// Run directly (node dist/bench/simulate.bench.js); `npm run bench` calls run().
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
