/**
 * A button of a form (fixture README, "Buttons"): `POST /web/dataset/call_button {model, method,
 * args: [[id]], kwargs: {context}}` → an action dict or `false`; after a button that stays on the
 * form the client refreshes the chatter's messages, reads the record again and refreshes the
 * chatter's data (followers, activities).
 */
import { threadData, threadMessages } from './chatter.js';
import { readForm } from './records.js';
import type { Specification } from './specs.js';
import { userContext, type Web } from './web.js';

/** Presses `method` on record `id`; resolves to what the button returned (an action, or false). */
export async function pressButton<T = unknown>(web: Web, model: string, method: string, id: number, extraContext?: Record<string, unknown>): Promise<T> {
  const kwargs = { context: userContext(web, extraContext) };
  if (web.client.callButton) return web.client.callButton<T>(model, method, [[id]], kwargs);
  return web.client.call<T>(model, method, [[id]], kwargs);
}

/** A button that keeps the form open: press, then messages → read → thread data. Resolves to the re-read record. */
export async function pressAndReload(
  web: Web,
  form: { model: string; id: number; spec: Specification; context?: Record<string, unknown> },
  method: string,
  buttonContext?: Record<string, unknown>,
): Promise<{ result: unknown; record: Record<string, unknown> }> {
  const result = await pressButton(web, form.model, method, form.id, buttonContext ?? form.context);
  await threadMessages(web, form.model, form.id, true);
  const record = await readForm(web, form.model, form.id, form.spec, form.context);
  await threadData(web, form.model, form.id);
  return { result, record };
}
