/**
 * The Chromium `record` drives: `--browser`, else the first of the usual system browsers on PATH,
 * else Playwright's own download when one is installed. None: one line saying where it looked.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { InputError } from '../errors.js';

/** Executable names of Chromium-family browsers, in the order they are looked for on PATH. */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to launch.
 * @throws InputError `NO_BROWSER` (exit 1) naming what was tried and how to get one.
 */
export function findChromium(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit !== undefined) {
    if (executable(explicit)) return explicit;
    throw new InputError('NO_BROWSER', `--browser: ${explicit} is not an executable browser; give the path of Chromium or Chrome`);
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of BROWSER_NAMES) {
      const file = path.join(dir, name);
      if (executable(file)) return file;
    }
  }
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  throw new InputError(
    'NO_BROWSER',
    `record needs Chromium and found none (looked for ${BROWSER_NAMES.join(', ')} on PATH, and Playwright's own download): install it (Debian/Ubuntu: apt-get install chromium) or give --browser /path/to/chrome`,
  );
}
