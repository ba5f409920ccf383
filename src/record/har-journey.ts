/**
 * A browser's HAR export of a task in Odoo's web client → a journey definition
 * (scenarios/journeys/declarative.ts), pure:
 *
 *   POST /web/dataset/call_kw[/…]    → call   {model, method, args, kwargs}
 *   POST /web/dataset/call_button    → button {model, method, args, kwargs}
 *   POST other JSON-RPC routes       → route  {path, params}     (/mail/thread/data, /onboarding/…)
 *   left out: what a page does once or on its own — login and session info, /web/action/load and
 *   get_views (a virtual user loads them on its first iteration), the page's start-up calls
 *   (messaging, systray, has_group, check_access_rights), the bus, images and assets
 *   a gap of a second or more between two requests → think: <seconds>
 *
 * Ids the server answered (a record's `id`, `res_id`, a name_search pair, a variant's `product_id`)
 * become references where later requests send them back as record ids (`${s7[0].id}`; the latest
 * answer holding the id), so a replay works on the records it creates itself; numbers the page sent
 * before any answer held them (the uid, the company), other numbers and contexts stay literal.
 * What the person typed (searched names, quantities) becomes params drawn per iteration
 * (./typed-inputs.ts).
 */
import type { JourneyDefinition, ParamDefinition, StepDefinition } from '../../scenarios/journeys/declarative.js';
import { parameterizeTypedInputs } from './typed-inputs.js';

/** The parts of a HAR 1.2 file read here. */
export interface Har {
  log: { entries: HarEntry[] };
}
export interface HarEntry {
  startedDateTime: string;
  time?: number;
  request: { method: string; url: string; postData?: { text?: string } };
  response: { status: number; content?: { text?: string } };
}

export interface HarImport {
  definition: JourneyDefinition;
  /** Requests read, kept, and left out (by reason). */
  stats: { requests: number; steps: number; references: number; skipped: Record<string, number> };
  /** Typed inputs turned into params, with what was typed. */
  params: Record<string, ParamDefinition>;
}

const SKIP: Array<[RegExp, string]> = [
  [/^\/web\/session\//, 'session'],
  [/^\/web\/webclient\//, 'page load'],
  [/^\/web\/action\/load$/, 'action load (once per page)'],
  [/^\/(bus|longpolling|websocket)\b/, 'bus'],
  [/^\/web\/(image|content|static|assets)\b/, 'assets'],
  // the page's own start-up (messaging, systray, failures), once per page load as the person opened it
  [/^\/mail\/(init_messaging|load_message_failures)$/, 'page start-up (once per page)'],
];

/** Methods a page calls once when it starts or first opens a view, not per task (the recording's `firstOpenOnly`). */
const ONCE_PER_PAGE_METHODS = new Set(['get_views', 'has_group', 'check_access_rights', 'systray_get_activities', 'iap_enrich_auto', 'render_public_asset', 'load_views']);

interface Origin {
  step: number;
  path: Array<string | number>;
  /** 2: a record's own `id`, a name_search pair, a variant's `product_id`; 1: a `res_id` pointing at a record. */
  rank: number;
}

function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)).join('');
}

/** Ids in a reply, with where they are: `id`/`res_id`/`product_id` keys and the ids of `[id, name]` pairs. */
function idsIn(value: unknown, path: Array<string | number>, out: Array<{ id: number; path: Array<string | number> }>): void {
  if (Array.isArray(value)) {
    if (value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'string') out.push({ id: value[0], path: [...path, 0] });
    else value.forEach((item, i) => idsIn(item, [...path, i], out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if ((key === 'id' || key === 'res_id' || key === 'product_id') && typeof item === 'number' && item > 0) out.push({ id: item, path: [...path, key] });
    else if (key !== 'context') idsIn(item, [...path, key], out);
  }
}

/** Every number a request sends (outside contexts), to know which ids the page had before a reply. */
function numbersIn(value: unknown, out: Set<number>): void {
  if (typeof value === 'number') out.add(value);
  else if (Array.isArray(value)) value.forEach((item) => numbersIn(item, out));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) if (key !== 'context') numbersIn(item, out);
}

/** Keys whose numbers are record ids (`partner_id`, `tax_id`, `thread_id`, `res_id`, `ids` …). */
const ID_KEY = /(^|_)(id|ids)$/;

/**
 * `value` with answered ids replaced by references — only where a request holds record ids (under an
 * id-like key, or the records a method is called on), so a line's `sequence: 10` stays 10 even when a
 * partner has id 10; contexts are left as they are.
 */
function referenced(value: unknown, origins: Map<number, Origin>, used: Set<number>, counter: { n: number }, idPosition: boolean): unknown {
  if (typeof value === 'number') {
    const origin = idPosition ? origins.get(value) : undefined;
    if (!origin) return value;
    used.add(origin.step);
    counter.n += 1;
    return `\${s${origin.step}${pathText(origin.path)}}`;
  }
  if (Array.isArray(value)) return value.map((item) => referenced(item, origins, used, counter, idPosition));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = key === 'context' ? item : referenced(item, origins, used, counter, ID_KEY.test(key));
    return out;
  }
  return value;
}

/** A call's arguments with ids replaced: `args[0]` are the records it runs on (`[[id]]`, or a template id). */
function referencedArgs(args: unknown[], origins: Map<number, Origin>, used: Set<number>, counter: { n: number }): unknown[] {
  return args.map((arg, i) => referenced(arg, origins, used, counter, i === 0));
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] ?? url;
  }
}

/**
 * The journey `name` a HAR holds.
 * @throws Error with a one-line message when the HAR has no web client calls.
 */
export function journeyFromHar(har: Har, name: string): HarImport {
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const origins = new Map<number, Origin>();
  const constants = new Set<number>();
  const steps: Array<StepDefinition & { index: number }> = [];
  const used = new Set<number>();
  const counter = { n: 0 };
  let previousEnd: number | undefined;
  let requests = 0;
  const entries = [...har.log.entries].sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime));
  for (const entry of entries) {
    requests += 1;
    const path = pathOf(entry.request.url);
    if (entry.request.method !== 'POST') {
      skip('not a POST');
      continue;
    }
    const rule = SKIP.find(([pattern]) => pattern.test(path));
    if (rule) {
      skip(rule[1]);
      continue;
    }
    let body: { method?: string; params?: Record<string, unknown> };
    try {
      body = JSON.parse(entry.request.postData?.text ?? '') as typeof body;
    } catch {
      skip('not JSON-RPC');
      continue;
    }
    const params = body.params ?? {};
    const isCall = path === '/web/dataset/call_kw' || path.startsWith('/web/dataset/call_kw/');
    if (isCall && ONCE_PER_PAGE_METHODS.has(String(params.method))) {
      skip(params.method === 'get_views' ? 'get_views (once per page)' : 'page start-up (once per page)');
      continue;
    }
    const started = Date.parse(entry.startedDateTime);
    if (previousEnd !== undefined && started - previousEnd >= 1000) steps.push({ think: Math.round((started - previousEnd) / 100) / 10, index: -1 });
    previousEnd = started + (entry.time ?? 0);
    const index = steps.filter((s) => s.index >= 0).length + 1;
    if (isCall || path === '/web/dataset/call_button') {
      const args = referencedArgs(Array.isArray(params.args) ? params.args : [], origins, used, counter);
      const kwargs = referenced(params.kwargs ?? {}, origins, used, counter, false) as Record<string, unknown>;
      const call = { model: String(params.model), method: String(params.method), args, kwargs };
      steps.push({ ...(isCall ? { call } : { button: call }), index });
    } else {
      steps.push({ route: { path, params: referenced(params, origins, used, counter, false) as Record<string, unknown> }, index });
    }
    // numbers the page sent before any answer held them (the uid, the company) are constants
    const sent = new Set<number>();
    numbersIn(params, sent);
    for (const n of sent) if (!origins.has(n)) constants.add(n);
    let result: unknown;
    try {
      result = (JSON.parse(entry.response.content?.text ?? '') as { result?: unknown }).result;
    } catch {
      result = undefined;
    }
    const found: Array<{ id: number; path: Array<string | number> }> = [];
    idsIn(result, [], found);
    // the latest answer holding an id is the one a person acted on (the search just typed, not a list seen before)
    for (const { id, path: where } of found.reverse()) {
      const rank = where[where.length - 1] === 'res_id' ? 1 : 2;
      const known = origins.get(id);
      if (!constants.has(id) && (!known || rank >= known.rank)) origins.set(id, { step: index, path: where, rank });
    }
  }
  const kept = steps.filter((s) => s.index >= 0).length;
  if (kept === 0) throw new Error(`the HAR holds no web client call (/web/dataset/call_kw, call_button or a JSON route) among its ${requests} requests`);
  const { definition, params } = parameterizeTypedInputs({
    name,
    description: `Recorded from a browser: ${kept} requests of the web client.`,
    transport: 'web',
    steps: steps.map(({ index, ...step }) => (index >= 0 && used.has(index) ? { ...step, save: `s${index}` } : step)),
  });
  return { definition, params, stats: { requests, steps: kept, references: counter.n, skipped } };
}
