/**
 * Pieces shared by the journeys: tags, ids, parameters, button presses and picking validation with
 * the wizards Odoo 17 may open. Written against `OdooClient` only (no Node APIs, ES2017 built-ins):
 * journeys are also bundled for k6.
 */
import type { OdooClient } from '../../src/odoo/types.js';
import { sampleCount, type Count } from '../distributions.js';
import { JourneyError, journeyMessages } from './errors.js';
import type { JourneyContext, JourneyParam } from './types.js';

/** Every tag starts with this, so `cleanup --all-tagged` finds what any run created (docs/TAGGING.md). */
export const TAG_PREFIX = 'oc-';
/** Tag of the records `prepare` creates (stable, so a second prepare finds them). */
export const DATA_TAG = 'oc-data';

/** The tag written into records: `oc-<run id>` (the engine passes the bare run id). */
export function runTag(tag: string): string {
  return tag.indexOf(TAG_PREFIX) === 0 ? tag : TAG_PREFIX + tag;
}

/** Records looked up by a journey's `setup` (per model, at most). */
export const SETUP_LIMIT = 500;

export type Domain = ReadonlyArray<readonly unknown[] | string>;
export type Many2one = [number, string] | false;

export interface IdRow {
  id: number;
}

/** `create` answers an id for `[{…}]` and a list of ids for `[[{…}]]` (odoo/api.py `_call_kw_model_create`). */
export function idOf(value: unknown, journey: string, step: string): number {
  const id = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof id !== 'number') {
    throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(journey, step, `create returned ${JSON.stringify(value)}, expected an id`));
  }
  return id;
}

/** The ids a batch `create([[…]])` answered (JSON-2 and JSON-RPC: a list; one dict: one id). */
export function idsOf(value: unknown, journey: string, step: string): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'number')) return value as number[];
  throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(journey, step, `create returned ${JSON.stringify(value)}, expected ids`));
}

export async function searchIds(client: OdooClient, model: string, domain: Domain, limit: number = SETUP_LIMIT): Promise<number[]> {
  const rows = await client.call<IdRow[]>(model, 'search_read', [domain], { fields: ['id'], limit, order: 'id' });
  return rows.map((row) => row.id);
}

/** Uniform choice; throws JOURNEY_NO_DATA on an empty list. */
export function pickOne<T>(items: readonly T[], random: () => number, journey: string): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new JourneyError('JOURNEY_NO_DATA', journeyMessages.noData(journey, 'records', 'empty list', 'Run setup first.'));
  return item;
}

/** `count` distinct items when there are enough (repeats only beyond `items.length`). */
export function pickSome<T>(items: readonly T[], count: number, random: () => number, journey: string): T[] {
  const pool = items.slice();
  const chosen: T[] = [];
  for (let i = 0; i < count; i += 1) {
    if (pool.length === 0) pool.push(...items);
    const index = Math.floor(random() * pool.length);
    const item = pool.splice(index, 1)[0];
    chosen.push(item === undefined ? pickOne(items, random, journey) : item);
  }
  return chosen;
}

/** Uniform integer in [min, max]. */
export function between(min: number, max: number, random: () => number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * A count parameter from the profile (`ctx.params[name]`: a number or a distribution, drawn with
 * `sampleCount`), else the journey's own default: a number, or `{min, max}` drawn uniformly.
 */
export function numberParam(ctx: JourneyContext<unknown>, name: string, fallback: number | { min: number; max: number }): number {
  const value = ctx.params === undefined ? undefined : ctx.params[name];
  if (isCount(value)) return sampleCount(value, ctx.random, 1);
  if (typeof fallback === 'number') return fallback;
  return between(Math.ceil(fallback.min), Math.floor(fallback.max), ctx.random);
}

function isCount(value: unknown): value is Count {
  return typeof value === 'number' || (typeof value === 'object' && value !== null && typeof (value as { distribution?: unknown }).distribution === 'string');
}

/** Think time between human actions (`params[name]` seconds, else the declared default), when the engine can sleep. */
export async function thinkTime(ctx: JourneyContext<unknown>, declared: Readonly<Record<string, JourneyParam>>, name: string): Promise<void> {
  const given = ctx.params === undefined ? undefined : ctx.params[name];
  const spec = declared[name];
  const seconds = typeof given === 'number' ? given : spec?.kind === 'seconds' ? spec.default : 0;
  if (seconds > 0 && ctx.sleep) await ctx.sleep(seconds);
}

/**
 * A declared numeric parameter for this iteration: the profile's value (a count is drawn), else the
 * journey's declared default.
 * @throws Error when `name` is not declared: a journey reads only what it declares.
 */
export function param(ctx: JourneyContext<unknown>, declared: Readonly<Record<string, JourneyParam>>, name: string): number {
  const spec = declared[name];
  if (spec === undefined || spec.kind === 'choice' || spec.kind === 'value') throw new Error(`journey param ${name}: not declared as a number (declare it in the journey's params)`);
  if (spec.kind === 'count') return numberParam(ctx, name, spec.default);
  const given = ctx.params === undefined ? undefined : ctx.params[name];
  return typeof given === 'number' ? given : spec.default;
}

/** A declared `choice` parameter: the profile's value, else the declared default. */
export function choiceParam(ctx: JourneyContext<unknown>, declared: Readonly<Record<string, JourneyParam>>, name: string): string {
  const spec = declared[name];
  if (spec === undefined || spec.kind !== 'choice') throw new Error(`journey param ${name}: not declared as a choice`);
  const given = ctx.params === undefined ? undefined : ctx.params[name];
  return typeof given === 'string' && spec.values.includes(given) ? given : spec.default;
}

/**
 * A form button as the user presses it: `/web/dataset/call_button` when the transport has it (the
 * browser's way; `false` when the method returned something else than an action), else `call`.
 */
export function pressButton<T = unknown>(client: OdooClient, model: string, method: string, ids: number[], kwargs?: Record<string, unknown>): Promise<T> {
  if (client.callButton) return client.callButton<T>(model, method, [ids], kwargs);
  return client.call<T>(model, method, [ids], kwargs);
}

/** The part of an `ir.actions.act_window` dict journeys read. */
export interface WindowAction {
  type?: string;
  res_model?: string;
  res_id?: number;
  context?: Record<string, unknown>;
}

export type BackorderChoice = 'create' | 'cancel';

/**
 * `stock.picking.button_validate` and the wizards it may open in Odoo 17, except the backorder one:
 * - done: `true` (call_kw) / `false` (call_button) / nothing → resolves `undefined`;
 * - `confirm.stock.sms` (stock_sms: a one-time warning per company before the first delivery SMS):
 *   `send_sms` acknowledges it and validates again;
 * - `stock.backorder.confirmation` (some quantities short): resolves that action, for `answerBackorder`.
 * Odoo 17 has no immediate-transfer wizard (`stock.immediate.transfer` is gone since 17.0).
 */
export async function pressValidate(client: OdooClient, picking: { id: number; name: string }, journey: string, step: string): Promise<WindowAction | undefined> {
  let result = await pressButton<unknown>(client, 'stock.picking', 'button_validate', [picking.id]);
  for (let round = 0; round < 3; round += 1) {
    if (result === true || result === undefined || result === false || result === null) return undefined;
    const action = result as WindowAction;
    if (action.res_model === 'confirm.stock.sms' && typeof action.res_id === 'number') {
      result = await pressButton<unknown>(client, 'confirm.stock.sms', 'send_sms', [action.res_id], { context: action.context ?? {} });
      continue;
    }
    if (action.res_model === 'stock.backorder.confirmation') return action;
    break;
  }
  throw new JourneyError(
    'JOURNEY_UNEXPECTED_REPLY',
    journeyMessages.unexpectedReply(journey, step, `button_validate on ${picking.name} opened ${JSON.stringify((result as WindowAction | null)?.res_model)}, which this journey does not handle`),
  );
}

/**
 * Answers the backorder wizard: `stock.backorder.confirmation.create([{}], {context})`, then
 * `process` (keep a backorder) or `process_cancel_backorder`, both with the action's context
 * (it carries button_validate_picking_ids and default_pick_ids).
 */
export async function answerBackorder(client: OdooClient, action: WindowAction, choice: BackorderChoice, journey: string, step: string): Promise<void> {
  const context = action.context ?? {};
  const wizardId = idOf(await client.call('stock.backorder.confirmation', 'create', [{}], { context }), journey, step);
  await pressButton(client, 'stock.backorder.confirmation', choice === 'create' ? 'process' : 'process_cancel_backorder', [wizardId], { context });
}

/** `pressValidate`, then `answerBackorder` when asked. @returns whether the backorder wizard came up. */
export async function validatePicking(
  client: OdooClient,
  picking: { id: number; name: string },
  journey: string,
  step: string,
  backorder: BackorderChoice = 'create',
): Promise<{ backorderWizard: boolean }> {
  const action = await pressValidate(client, picking, journey, step);
  if (action) await answerBackorder(client, action, backorder, journey, step);
  return { backorderWizard: action !== undefined };
}

/** Thrown when setup finds nothing: names what is missing and says to run prepare. */
export function noData(journey: string, what: string, domain: string): JourneyError {
  return new JourneyError('JOURNEY_NO_DATA', journeyMessages.noData(journey, what, domain, 'Run "odoo-capacity prepare --dataset small" (or create them), then "odoo-capacity check".'));
}

/**
 * Ids of the records `prepare` created (`field =like 'oc-data-<kind>%'`), else of `fallback`.
 * @param kind e.g. `C` for customers (refs `oc-data-C00001`).
 */
export async function preparedOr(client: OdooClient, model: string, field: string, kind: string, extra: Domain, fallback: Domain): Promise<number[]> {
  const tagged = await searchIds(client, model, [[field, '=like', `${DATA_TAG}-${kind}%`], ...extra]);
  if (tagged.length > 0) return tagged;
  return searchIds(client, model, fallback);
}
