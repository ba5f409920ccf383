/**
 * `record --out journey.yaml`: Chromium on the target, a task done in its web client (by a person,
 * or by `--script`), written as a journey file. No yargs here.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { importCodeFile } from '../../../scenarios/files.js';
import { InputError } from '../../errors.js';
import { findChromium } from '../../record/browser.js';
import { captureTask, RecordLoginError, type RecordScript } from '../../record/capture.js';
import { journeyFromHar } from '../../record/har-journey.js';
import type { RecordCommandOptions } from '../commands/record.js';
import { ExitCode } from '../exit-codes.js';
import { journeyNameFor, writeRecordedJourney } from './journey-file.js';
import { targetFromOptions } from './target.js';

async function loadScript(file: string): Promise<RecordScript> {
  const fail = (line: string): never => {
    throw new InputError('RECORD_SCRIPT_INVALID', line);
  };
  const module = await importCodeFile(path.resolve(file), file, fail);
  const script = module.default;
  if (typeof script !== 'function') return fail(`${file}: expected a default export: async function ({ page, target }) driving the task, got ${script === undefined ? 'none' : typeof script}`);
  return script as RecordScript;
}

/** Resolves when the person is done: the page or browser closed, Enter in this terminal, or Ctrl-C. */
function personDone(page: Page): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.stdin.pause();
      process.removeListener('SIGINT', done);
      resolve();
    };
    page.once('close', done);
    page.context().browser()?.once('disconnected', done);
    process.once('SIGINT', done);
    if (process.stdin.isTTY) process.stdin.once('data', done);
  });
}

export async function recordCommandImpl(options: RecordCommandOptions): Promise<number> {
  const name = journeyNameFor(options.out, options.name);
  const target = targetFromOptions(options);
  const executablePath = findChromium(options.browser);
  const script = options.script !== undefined ? await loadScript(options.script) : undefined;
  if (!script && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new InputError('NO_DISPLAY', 'record: no display for the browser window (DISPLAY is not set): run it on a desktop, or give --script to drive the page from a file');
  }
  if (!script) {
    process.stderr.write(`opening Chromium on ${target.url} (db ${target.db}${target.password ? `, logged in as ${target.login}` : ': log in'}).\n`);
    process.stderr.write('Do the task once, as a person would; then close the window, or press Enter here.\n');
  }
  let har;
  try {
    har = await captureTask({ target, executablePath, headless: script !== undefined && options.headed !== true, ...(script ? { script } : { untilDone: personDone }) });
  } catch (error) {
    if (error instanceof RecordLoginError) throw new InputError('RECORD_LOGIN_FAILED', error.message);
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new InputError('RECORD_FAILED', `record: ${script ? `${options.script} failed` : 'the browser stopped'}: ${first}`);
  }
  let imported;
  try {
    imported = journeyFromHar(har, name);
  } catch (error) {
    throw new InputError('RECORD_EMPTY', `record: ${error instanceof Error ? error.message : String(error)}; nothing was written`);
  }
  process.stdout.write(writeRecordedJourney(imported, options.out, `recorded in Chromium on ${new URL(target.url).origin} by odoo-capacity record`));
  return ExitCode.ok;
}
