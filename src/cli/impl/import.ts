/** `import har <file> --out journey.yaml`: a HAR export → a journey definition file. No yargs here. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.js';
import { journeyFromHar, type Har } from '../../record/har-journey.js';
import type { ImportCommandOptions } from '../commands/import.js';
import { ExitCode } from '../exit-codes.js';
import { journeyNameFor, writeRecordedJourney } from './journey-file.js';

export async function importCommandImpl(options: ImportCommandOptions): Promise<number> {
  const name = journeyNameFor(options.out, options.name);
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
  process.stdout.write(writeRecordedJourney(imported, options.out, `imported from ${path.basename(options.file)} by odoo-capacity import har`));
  return ExitCode.ok;
}
