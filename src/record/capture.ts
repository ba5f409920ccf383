/**
 * A task performed in Odoo's web client, captured from a real browser (playwright-core): every
 * JSON request the page sends to the target and its answer, as HAR entries for ./har-journey.ts.
 *
 * The browser is logged in through `/web/session/authenticate` before recording starts, with the
 * target's credentials (never written anywhere: the session routes are left out of the journey,
 * and the cookie lives in the browser only). Then either a script drives the page (`record
 * --script`, for CI and repeatable recordings) or a person does the task and says when it is done.
 */
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import type { OdooTarget } from '../odoo/types.js';
import type { Har, HarEntry } from './har-journey.js';

/** A recording script: drives the page through the task (the browser is logged in already). */
export type RecordScript = (context: { page: Page; target: string }) => Promise<void>;

export interface CaptureOptions {
  target: OdooTarget;
  executablePath: string;
  headless: boolean;
  /** Drives the page; without it, `untilDone` waits for the person. */
  script?: RecordScript;
  /** Resolves when the person is done (the page was closed, Enter, Ctrl-C). */
  untilDone?: (page: Page) => Promise<void>;
}

/** Why the browser could not log in: one line, the password never shown. */
export class RecordLoginError extends Error {}

const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function entryOf(request: Request, origin: string): Promise<HarEntry | undefined> {
  if (request.method() !== 'POST' || !request.url().startsWith(origin)) return undefined;
  const postData = request.postData();
  if (postData === null || !/^\s*\{/.test(postData)) return undefined; // forms (the login page), uploads
  const response = await request.response();
  if (!response) return undefined;
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined; // the page or browser closed before the body was read
  }
  const timing = request.timing();
  return {
    startedDateTime: new Date(timing.startTime).toISOString(),
    time: Math.max(0, timing.responseEnd),
    request: { method: 'POST', url: request.url(), postData: { text: postData } },
    response: { status: response.status(), content: { text } },
  };
}

async function logIn(page: Page, target: OdooTarget): Promise<void> {
  const url = target.url.replace(/\/+$/, '');
  let reply;
  try {
    reply = await page.context().request.post(`${url}/web/session/authenticate`, {
      data: { jsonrpc: '2.0', method: 'call', params: { db: target.db, login: target.login, password: target.password } },
    });
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/^apiRequestContext\.post: /, '');
    throw new RecordLoginError(`the browser could not reach ${url} to log in: ${why}`);
  }
  const body = (await reply.json().catch(() => ({}))) as { result?: { uid?: unknown }; error?: { data?: { message?: string }; message?: string } };
  if (typeof body.result?.uid !== 'number') {
    const why = body.error?.data?.message ?? body.error?.message ?? `HTTP ${reply.status()}`;
    throw new RecordLoginError(`the browser could not log in to ${url} (db ${target.db}, login ${target.login}): ${why.split('\n')[0]}`);
  }
}

/** Launches the browser, logs it in, records the task, and returns what the page sent, in order. */
export async function captureTask(options: CaptureOptions): Promise<Har> {
  const origin = new URL(options.target.url).origin;
  const browser: Browser = await chromium.launch({ executablePath: options.executablePath, headless: options.headless, args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    if (options.target.password) await logIn(page, options.target);
    const entries: HarEntry[] = [];
    const pending: Array<Promise<void>> = [];
    page.on('requestfinished', (request) => {
      pending.push(entryOf(request, origin).then((entry) => void (entry && entries.push(entry)), () => undefined));
    });
    if (options.script) {
      await options.script({ page, target: origin });
    } else {
      await page.goto(`${origin}/web`);
      await options.untilDone?.(page);
    }
    await Promise.all(pending);
    return { log: { entries } };
  } finally {
    await browser.close().catch(() => undefined);
  }
}
