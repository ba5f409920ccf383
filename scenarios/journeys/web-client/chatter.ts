/**
 * The chatter beside a form (mail's thread routes; fixture README, "Chatter"):
 *
 *   open       /mail/thread/data {request_list: [followers, attachments, suggestedRecipients, activities],
 *              thread_id, thread_model}, then /mail/thread/messages {thread_id, thread_model, limit: 30}
 *   refresh    after a button: /mail/thread/messages with `after: <last message id>` (16: `min_id`)
 *              before the record is read again, /mail/thread/data after it
 *
 * Transports without JSON routes (integrations) have no chatter: nothing is sent.
 */
import type { Web } from './web.js';

const REQUEST_LIST = ['followers', 'attachments', 'suggestedRecipients', 'activities'];

function threadKey(model: string, id: number): string {
  return `${model},${id}`;
}

/** The highest message id of a reply: 17 `{messages: [{id}]}`, 18 `{messages: [id]}`, 16 `[{id}]`. */
export function lastMessageId(reply: unknown): number | undefined {
  const list = Array.isArray(reply) ? reply : reply && typeof reply === 'object' ? (reply as { messages?: unknown }).messages : undefined;
  let last: number | undefined;
  if (!Array.isArray(list)) return last;
  for (const item of list) {
    const id = typeof item === 'number' ? item : item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    if (typeof id === 'number' && (last === undefined || id > last)) last = id;
  }
  return last;
}

export async function threadData(web: Web, model: string, id: number): Promise<void> {
  if (!web.client.callRoute) return;
  await web.client.callRoute('/mail/thread/data', { request_list: REQUEST_LIST.slice(), thread_id: id, thread_model: model });
}

/** `/mail/thread/messages`: the first page, or (refresh) the messages after the last one seen. */
export async function threadMessages(web: Web, model: string, id: number, refresh = false): Promise<void> {
  if (!web.client.callRoute) return;
  const key = threadKey(model, id);
  const after = refresh ? web.session.lastMessage[key] : undefined;
  const params: Record<string, unknown> = { thread_id: id, thread_model: model, limit: 30 };
  if (after !== undefined) params[web.version === 16 ? 'min_id' : 'after'] = after;
  const last = lastMessageId(await web.client.callRoute('/mail/thread/messages', params));
  if (last !== undefined) web.session.lastMessage[key] = last;
}

/** A form opened (or a record created): its chatter loads. */
export async function openThread(web: Web, model: string, id: number): Promise<void> {
  await threadData(web, model, id);
  await threadMessages(web, model, id);
}
