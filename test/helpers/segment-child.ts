/**
 * One load generator of a distributed run, as its own process: `runLoad` (the pipeline `run` uses)
 * on one execution segment of a profile, plus the raw latency of every iteration it measured, so
 * a test can compare merged histograms with the values themselves.
 *
 *   node --import tsx test/helpers/segment-child.ts '<json: SegmentChildInput>'   (ODOO_PASSWORD in the environment)
 *
 * Prints one JSON line: SegmentChildOutput.
 */
import { journeys } from '../../scenarios/journeys/index.js';
import { loadProfile } from '../../scenarios/profiles/load.js';
import { compileProfile } from '../../src/engine/compile.js';
import { segmentPlan } from '../../src/plan/segment.js';
import { runLoad } from '../../src/pipeline/run-load.js';

export interface SegmentChildInput {
  profileFile: string;
  durationS: number;
  keep: 'peak-rates' | 'totals';
  seed: number;
  segment?: { index: number; count: number };
  /** Epoch ms: start the load then, after setup (run --start-at). */
  startAt?: number;
  runsDir: string;
  target: { url: string; db: string; login: string };
}

export interface SegmentChildOutput {
  runDir: string;
  status: string;
  /** Whole-iteration latencies (µs) as measured, the same values the windows' histograms hold. */
  latenciesUs: number[];
  scheduled: number;
  dropped: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as SegmentChildInput;
const plan = compileProfile(await loadProfile(input.profileFile), { compress: { durationS: input.durationS, keep: input.keep }, seed: input.seed });
const latenciesUs: number[] = [];
let scheduled = 0;
let dropped = 0;
const result = await runLoad({
  plan: input.segment ? segmentPlan(plan, input.segment) : plan,
  journeys,
  target: { ...input.target, password: process.env.ODOO_PASSWORD ?? '' },
  runsDir: input.runsDir,
  odooWorkers: 2,
  ...(input.startAt !== undefined ? { startAt: input.startAt } : {}),
  onSample: (s) => {
    if (s.type === 'iteration') latenciesUs.push(s.latencyUs);
    if (s.type === 'arrival') {
      scheduled += 1;
      if (s.dropped) dropped += 1;
    }
  },
});
const output: SegmentChildOutput = { runDir: result.runDir, status: result.status, latenciesUs, scheduled, dropped };
process.stdout.write(JSON.stringify(output) + '\n');
