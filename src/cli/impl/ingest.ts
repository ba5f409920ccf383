/** `ingest k6 <paths..>`: k6 outputs (+ a collect-only run) → one run directory → report. No yargs here. */
import path from 'node:path';
import { ingestK6 } from '../../k6/ingest-files.js';
import { buildReport } from '../../pipeline/build-report.js';
import { ExitCode } from '../exit-codes.js';
import { checkRunIdFlag } from '../flag-checks.js';
import { planFromOptions } from '../plan-options.js';
import { stripControl } from '../terminal-text.js';
import { toolVersion } from '../../version.js';
import type { IngestCommandOptions } from '../commands/ingest.js';
import { reportLines } from '../report-lines.js';

export async function ingestCommandImpl(options: IngestCommandOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const id = checkRunIdFlag(options.id);
  const plan = await planFromOptions(options.profile, options);
  const url = options.target ?? env.ODOO_URL;
  const result = await ingestK6({
    paths: options.paths.map((p) => path.resolve(p)),
    plan,
    outDir: path.resolve(options.out),
    ...(id !== undefined ? { id } : {}),
    ...(url !== undefined ? { target: { url, db: options.db ?? env.ODOO_DB ?? 'unknown', login: options.login ?? env.ODOO_LOGIN ?? 'unknown' } } : {}),
    collect: (options.collect ?? []).map((c) => path.resolve(c)),
    partial: options.partial,
    toolVersion: toolVersion(),
  });
  process.stdout.write(
    stripControl(
      `ingested ${result.files} k6 output${result.files === 1 ? '' : 's'} (${result.iterations} iterations, ${result.droppedIterations} dropped${result.missing.length > 0 ? `; segments ${result.missing.join(', ')} missing` : ''}): ${result.dir}`,
      true,
    ) + '\n',
  );
  if (options.report) {
    const report = await buildReport(result.dir);
    process.stdout.write(reportLines(report));
  }
  return result.missing.length > 0 ? ExitCode.error : ExitCode.ok;
}
