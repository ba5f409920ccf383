/**
 * The chatter, reduced to what the web client's calls cost and read (mail/controllers/thread.py 17.0):
 *
 *   /mail/thread/data      {thread_model, thread_id, request_list}   → access, followers, activities, attachments
 *   /mail/thread/messages  {thread_model, thread_id, limit, after?}  → {messages: [{id, body, date, …}]}
 *
 * Records write to it as mail.thread does: creating a sales order logs "Sales Order created" and
 * subscribes its creator; confirming and validating log a tracking message.
 */
import { argument } from './orm.js';
import type { Env } from './types.js';

const NOW = `(now() at time zone 'UTC')`;

/** Posts a notification on a thread as the user (and subscribes the author when `follow`). */
export async function postMessage(env: Env, model: string, resId: number, body: string, options: { follow?: boolean; tracking?: Record<string, unknown>; recordName?: string } = {}): Promise<void> {
  const author = await env.cr.query<{ partner_id: number }>('SELECT partner_id FROM res_users WHERE id = $1', [env.uid]);
  const partnerId = author.rows[0]?.partner_id ?? null;
  await env.cr.query(
    `INSERT INTO mail_message (model, res_id, record_name, body, message_type, subtype, author_id, tracking, date)
     VALUES ($1, $2, $3, $4, 'notification', 'Note', $5, $6, ${NOW})`,
    [model, resId, options.recordName ?? null, body, partnerId, options.tracking ? JSON.stringify(options.tracking) : null],
  );
  if (options.follow && partnerId !== null) {
    await env.cr.query('INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [model, resId, partnerId]);
  }
}

function threadOf(params: Record<string, unknown>): { model: string; id: number } {
  return { model: String(argument([], params, 0, 'thread_model', '')), id: Number(argument([], params, 1, 'thread_id', 0)) };
}

/** `/mail/thread/data`: the thread's followers (with the current user's own subscription), no activities or attachments. */
export async function threadData(env: Env, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { model, id } = threadOf(params);
  const followers = await env.cr.query<{ id: number; partner_id: number; name: string; email: string | null; is_company: boolean }>(
    `SELECT f.id, f.partner_id, p.name, p.email, COALESCE(p.is_company, false) AS is_company
     FROM mail_followers f JOIN res_partner p ON p.id = f.partner_id WHERE f.res_model = $1 AND f.res_id = $2 ORDER BY f.id`,
    [model, id],
  );
  const me = await env.cr.query<{ partner_id: number }>('SELECT partner_id FROM res_users WHERE id = $1', [env.uid]);
  env.spend(0.5);
  const list = followers.rows.map((f) => ({
    id: f.id, partner_id: f.partner_id, name: f.name, display_name: f.name, email: f.email ?? false, is_active: true,
    partner: { id: f.partner_id, name: f.name, email: f.email ?? false, active: true, is_company: f.is_company, type: 'partner' },
  }));
  return {
    hasWriteAccess: true, hasReadAccess: true, canPostOnReadonly: false, activities: [], attachments: [],
    followersCount: list.length, selfFollower: list.find((f) => f.partner_id === me.rows[0]?.partner_id) ?? null,
    followers: list, recipientsCount: 0, recipients: [], suggestedRecipients: [],
  };
}

/** `/mail/thread/messages`: the newest `limit` messages, or those after `after`. */
export async function threadMessages(env: Env, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { model, id } = threadOf(params);
  const limit = Math.max(1, Math.min(100, Number(params.limit) || 30));
  const after = typeof params.after === 'number' ? params.after : typeof params.min_id === 'number' ? params.min_id : 0;
  const rows = await env.cr.query<{ id: number; body: string | null; date: string; message_type: string; subtype: string | null; record_name: string | null; author_id: number | null; author: string | null; tracking: unknown }>(
    `SELECT m.id, m.body, to_char(m.date, 'YYYY-MM-DD HH24:MI:SS') AS date, m.message_type, m.subtype, m.record_name, m.author_id, p.name AS author, m.tracking
     FROM mail_message m LEFT JOIN res_partner p ON p.id = m.author_id
     WHERE m.model = $1 AND m.res_id = $2 AND m.id > $3 ORDER BY m.id DESC LIMIT ${limit}`,
    [model, id, after],
  );
  env.spend(0.5);
  return {
    messages: rows.rows.map((m) => ({
      id: m.id, body: m.body ?? '', date: m.date, message_type: m.message_type, subtype_id: m.subtype ? [2, m.subtype] : false, subject: false,
      model, res_id: id, record_name: m.record_name ?? false, author: m.author_id ? { id: m.author_id, name: m.author ?? '', type: 'partner' } : false,
      trackingValues: m.tracking ? [m.tracking] : [], attachments: [], notifications: [], reactions: [], linkPreviews: [],
    })),
  };
}
