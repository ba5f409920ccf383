/**
 * `npm run bench`: runs every bench/*.bench.ts module (compiled to dist/bench/*.bench.js) in
 * sequence. A bench module exports `run(): Promise<void>` and prints its own figures.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2]; // optional: a name filter

const files = (await readdir(here)).filter((f) => /\.bench\.(js|ts)$/.test(f) && (only === undefined || f.includes(only))).sort();
for (const file of files) {
  process.stdout.write(`\n== ${file} ==\n`);
  const started = performance.now();
  const module = (await import(pathToFileURL(path.join(here, file)).href)) as { run?: () => Promise<void> };
  if (typeof module.run !== 'function') {
    process.stdout.write(`(skipped: ${file} exports no run())\n`);
    continue;
  }
  await module.run();
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
