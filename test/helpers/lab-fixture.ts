/**
 * The lab the pipeline-level tests run against (src/lab/lab.ts `startLab`): two Odoo workers,
 * the small data set, service times at 0.1× so a run takes seconds. One per test file:
 *
 *   beforeAll(async () => ({ dir, lab } = await startTestLab()), 120_000);
 *   afterAll(() => stopTestLab(lab, dir));
 */
import { rmSync } from 'node:fs';
import { startLab, type Lab } from '../../src/lab/lab.js';
import { temporaryLabDirectory } from '../../src/lab/postgres.js';

/** startLab options of the test lab, without its directory (a restart passes them again). */
export const TEST_LAB = { workers: 2, dataset: 'small', timeScale: 0.1 } as const;

/** Starts the test lab in a new temporary directory (0755, usable as root). */
export async function startTestLab(): Promise<{ dir: string; lab: Lab }> {
  const dir = await temporaryLabDirectory();
  const lab = await startLab({ dir, ...TEST_LAB });
  return { dir, lab };
}

/** Stops the lab and removes its directory; either may be unset when start-up failed or was skipped. */
export async function stopTestLab(lab: Lab | undefined, dir: string | undefined): Promise<void> {
  await lab?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
