/** Writing a recorded journey (`import har`, `record`): checked, with a header saying where it came from. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { validateJourneyDefinition } from '../../../scenarios/journeys/definition-schema.js';
import { UsageError } from '../../errors.js';
import type { HarImport } from '../../record/har-journey.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The journey name: `--name`, else the output file's name; `--out` must be a YAML file. */
export function journeyNameFor(out: string, name: string | undefined): string {
  if (!/\.ya?ml$/i.test(out)) throw new UsageError(`--out: expected a .yaml file, got ${JSON.stringify(out)}.`);
  const chosen = name ?? path.basename(out).replace(/\.ya?ml$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!KEBAB.test(chosen)) throw new UsageError(`--name: expected a kebab-case journey name, got ${JSON.stringify(chosen)}.`);
  return chosen;
}

/** Writes the journey (it must load again as one) and returns the line the command prints. */
export function writeRecordedJourney(imported: HarImport, out: string, source: string): string {
  const { definition, stats } = imported;
  validateJourneyDefinition(definition, out);
  const name = definition.name;
  const skipped = Object.entries(stats.skipped).map(([why, n]) => `${n} ${why}`).join(', ') || 'none';
  const header = [
    `# ${name}: ${source}.`,
    `# ${stats.steps} of ${stats.requests} requests kept (left out: ${skipped}); ${stats.references} ids answered by the server are references (\${sN…}).`,
    '# Name it in a profile: journeys: { ' + name + ': ./' + path.basename(out) + ' }.',
    `# What was typed is drawn per iteration (params: ${Object.keys(imported.params).join(', ') || 'none found'}); a profile's params: { ${name}: { … } } fixes any of them.`,
  ].join('\n');
  writeFileSync(out, `${header}\n${stringify(definition, { lineWidth: 0, aliasDuplicateObjects: false })}`);
  const params = Object.keys(imported.params).length;
  return `journey ${name}: ${stats.steps} steps, ${stats.references} references, ${params} ${params === 1 ? 'param' : 'params'} → ${out}\n`;
}
