/** `import har <file> --out journey.yaml`: a HAR export → a journey definition file. No yargs here. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { validateJourneyDefinition } from '../../../scenarios/journeys/definition-schema.js';
import { InputError, UsageError } from '../../errors.js';
import { journeyFromHar, type Har } from '../../record/har-journey.js';
import type { ImportCommandOptions } from '../commands/import.js';
import { ExitCode } from '../exit-codes.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function importCommandImpl(options: ImportCommandOptions): Promise<number> {
  if (!/\.ya?ml$/i.test(options.out)) throw new UsageError(`--out: expected a .yaml file, got ${JSON.stringify(options.out)}.`);
  const name = options.name ?? path.basename(options.out).replace(/\.ya?ml$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!KEBAB.test(name)) throw new UsageError(`--name: expected a kebab-case journey name, got ${JSON.stringify(name)}.`);
  let har: Har;
  try {
    har = JSON.parse(readFileSync(options.file, 'utf8')) as Har;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not a HAR file (expected the JSON a browser saves with "Save all as HAR")';
    throw new InputError('HAR_UNREADABLE', `${options.file}: ${why}`);
  }
  if (!Array.isArray(har?.log?.entries)) throw new InputError('HAR_UNREADABLE', `${options.file}: log.entries: expected the list of requests of a HAR file, got nothing`);
  let imported;
  try {
    imported = journeyFromHar(har, name);
  } catch (error) {
    throw new InputError('HAR_EMPTY', `${options.file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // what is written must load again as a journey
  validateJourneyDefinition(imported.definition, options.out);
  const { stats } = imported;
  const skipped = Object.entries(stats.skipped).map(([why, n]) => `${n} ${why}`).join(', ') || 'none';
  const header = [
    `# ${name}: imported from ${path.basename(options.file)} by odoo-capacity import har.`,
    `# ${stats.steps} of ${stats.requests} requests kept (left out: ${skipped}); ${stats.references} ids answered by the server are references (\${sN…}).`,
    '# Name it in a profile: journeys: { ' + name + ': ./' + path.basename(options.out) + ' }.',
    `# What was typed is drawn per iteration (params: ${Object.keys(imported.params).join(', ') || 'none found'}); a profile's params: { ${name}: { … } } fixes any of them.`,
  ].join('\n');
  writeFileSync(options.out, `${header}\n${stringify(imported.definition, { lineWidth: 0 })}`);
  const params = Object.keys(imported.params).length;
  process.stdout.write(`journey ${name}: ${stats.steps} steps, ${stats.references} references, ${params} ${params === 1 ? 'param' : 'params'} → ${options.out}\n`);
  return ExitCode.ok;
}
