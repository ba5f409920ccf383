/**
 * Journeys written as data (a YAML or JSON file of the user's, or what `import har` writes): a list
 * of steps, each one call, with references to the run, the profile's params, what `setup` looked up
 * and what earlier steps answered. Interpreted here at run time — by the embedded engine and inside
 * the k6 bundle (no Node APIs, ES2017 built-ins); validated when the file is read
 * (./definition-schema.ts).
 *
 *   name: quick-quote
 *   transport: web                      # default web; xmlrpc, jsonrpc, json2 for integrations
 *   setup:                              # once per run: named lookups
 *     customers: { model: res.partner, method: search_read, args: [[["customer_rank", ">", 0]]], kwargs: { fields: [name], limit: 50 } }
 *   steps:
 *     - name: customer
 *       call: { model: res.partner, method: name_search, kwargs: { name: "${pick(setup.customers).name}", limit: 8 } }
 *       save: found
 *     - name: create
 *       call: { model: sale.order, method: create, args: [{ partner_id: "${found[0][0]}", client_order_ref: "${tag}" }] }
 *       save: order
 *     - think: 2                        # seconds a person needs before the next step
 *     - name: confirm
 *       button: { model: sale.order, method: action_confirm, args: [["${order}"]] }
 *     - name: chatter
 *       route: { path: /mail/thread/messages, params: { thread_model: sale.order, thread_id: "${order}", limit: 30 } }
 *     - repeat: "${params.linesPerOrder}"   # a number, or a count param (drawn per iteration)
 *       steps: [ … ]                         # "${index}" is the 0-based turn
 *   params:                              # drawn at the start of every iteration, unless the profile sets them
 *     customer: { draw: "${pick(setup.customers).name}", recorded: "Deco Addict" }
 *     quantity: { between: [1, 4], recorded: 2 }  # a whole number; the profile may give a count distribution
 *
 * A reference is `${root.path[0].field}`: roots are `params`, `setup`, `tag` (the run's `oc-…` tag),
 * `vu`, `iteration`, `index` (inside `repeat`) and every `save` name of an earlier step;
 * `pick(list)` draws one element at random. A string that is exactly one reference keeps the
 * value's type (a number stays a number); inside a longer string it is written as text.
 */
import type { OdooClient, TransportName } from '../../src/odoo/types.js';
import { numberParam, runTag } from './common.js';
import { JourneyError, journeyMessages } from './errors.js';
import type { Journey, JourneyContext, JourneyParam } from './types.js';

export interface CallDefinition {
  model: string;
  method: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
}

export interface RouteDefinition {
  path: string;
  params?: Record<string, unknown>;
}

export interface StepDefinition {
  /** Step name in metrics and reports (default: `model.method`, the route, `think` or `repeat`). */
  name?: string;
  call?: CallDefinition;
  /** A form button (`/web/dataset/call_button`; `call` on transports without it). */
  button?: CallDefinition;
  route?: RouteDefinition;
  /** Keeps the result under this name for later references. */
  save?: string;
  /** Seconds to wait (think time). */
  think?: number;
  /** Runs `steps` this many times: a number or a reference (a count param is drawn per iteration). */
  repeat?: number | string;
  steps?: StepDefinition[];
}

/**
 * A journey's own input, drawn per iteration (what a person typed when the journey was recorded):
 * `draw` is a reference evaluated with `setup`, `tag`, `vu` and `iteration` (a dataset value);
 * `between` a whole number drawn uniformly. A profile's param of the same name takes precedence.
 */
export interface ParamDefinition {
  draw?: string;
  between?: [number, number];
  /** What was typed when the journey was recorded (documentation; not used at run time). */
  recorded?: unknown;
}

export interface JourneyDefinition {
  name: string;
  params?: Record<string, ParamDefinition>;
  description?: string;
  transport?: TransportName;
  modules?: string[];
  setup?: Record<string, CallDefinition>;
  steps: StepDefinition[];
}

/** Roots a reference may start from besides the `save` names. */
export const REFERENCE_ROOTS = ['params', 'setup', 'tag', 'vu', 'iteration', 'index'];

/** The params a journey file reads: the ones it declares and every `params.<name>` its references use. */
export function paramsRead(definition: JourneyDefinition): Record<string, JourneyParam> {
  const names = new Set(Object.keys(definition.params || {}));
  for (const match of JSON.stringify(definition.steps).matchAll(/\bparams\.([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1] as string);
  const out: Record<string, JourneyParam> = {};
  for (const name of names) out[name] = { kind: 'value', about: `used by the journey file as \${params.${name}}` };
  return out;
}

/** `${…}` occurrences in a string. */
const REFERENCE = /\$\{([^}]*)\}/g;

export interface ParsedReference {
  pick: boolean;
  root: string;
  path: Array<string | number>;
}

/**
 * `pick(setup.customers).name` → {pick: true, root: 'setup', path: ['customers', 'name']} with the
 * pick applied after `customers`; undefined when the text is not a reference.
 */
export function parseReference(text: string): (ParsedReference & { pickAt: number }) | undefined {
  const trimmed = text.trim();
  const picked = /^pick\(([^)]*)\)(.*)$/.exec(trimmed);
  const inner = picked ? (picked[1] as string) : trimmed;
  const rest = picked ? (picked[2] as string) : '';
  const head = /^([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\])*)$/.exec(inner.trim());
  if (!head) return undefined;
  const tail = /^((?:\.[A-Za-z_][\w-]*|\[\d+\])*)$/.exec(rest.trim());
  if (!tail) return undefined;
  const steps = (accessors: string): Array<string | number> => {
    const out: Array<string | number> = [];
    const token = /\.([A-Za-z_][\w-]*)|\[(\d+)\]/g;
    let match: RegExpExecArray | null;
    while ((match = token.exec(accessors)) !== null) out.push(match[1] !== undefined ? match[1] : Number(match[2]));
    return out;
  };
  const before = steps(head[2] as string);
  return { pick: picked !== null, root: head[1] as string, path: [...before, ...steps(tail[1] as string)], pickAt: before.length };
}

/** Every reference text inside `value` (strings, arrays and objects, recursively). */
export function referencesIn(value: unknown): string[] {
  if (typeof value === 'string') {
    const out: string[] = [];
    let match: RegExpExecArray | null;
    REFERENCE.lastIndex = 0;
    while ((match = REFERENCE.exec(value)) !== null) out.push(match[1] as string);
    return out;
  }
  if (Array.isArray(value)) return value.reduce<string[]>((all, item) => all.concat(referencesIn(item)), []);
  if (value !== null && typeof value === 'object') return Object.keys(value).reduce<string[]>((all, key) => all.concat(referencesIn((value as Record<string, unknown>)[key])), []);
  return [];
}

interface Scope {
  values: Record<string, unknown>;
  random: () => number;
  journey: string;
  step: string;
}

function lookup(reference: string, scope: Scope): unknown {
  const parsed = parseReference(reference);
  if (!parsed || !Object.prototype.hasOwnProperty.call(scope.values, parsed.root)) {
    throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(scope.journey, scope.step, `\${${reference}} has no value here`));
  }
  let value = scope.values[parsed.root];
  parsed.path.forEach((key, i) => {
    if (parsed.pick && i === parsed.pickAt) value = pickFrom(value, scope, reference);
    value = value === null || value === undefined ? undefined : (value as Record<string | number, unknown>)[key];
  });
  if (parsed.pick && parsed.pickAt === parsed.path.length) value = pickFrom(value, scope, reference);
  if (value === undefined) {
    throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(scope.journey, scope.step, `\${${reference}} is not in the reply it refers to`));
  }
  return value;
}

function pickFrom(list: unknown, scope: Scope, reference: string): unknown {
  if (!Array.isArray(list) || list.length === 0) {
    throw new JourneyError('JOURNEY_NO_DATA', journeyMessages.noData(scope.journey, `values for \${${reference}}`, 'an empty list', 'Check the setup lookup it picks from.'));
  }
  return list[Math.floor(scope.random() * list.length)];
}

/** `value` with every reference replaced (a whole-string reference keeps its type). */
export function resolve(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([^}]*)\}$/.exec(value);
    if (whole) return lookup(whole[1] as string, scope);
    return value.replace(REFERENCE, (_all, reference: string) => {
      const found = lookup(reference, scope);
      return typeof found === 'string' ? found : JSON.stringify(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, scope));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = resolve((value as Record<string, unknown>)[key], scope);
    return out;
  }
  return value;
}

/** The step name a step is recorded under. */
export function stepName(step: StepDefinition): string {
  if (step.name) return step.name;
  const call = step.call || step.button;
  if (call) return `${call.model}.${call.method}`;
  if (step.route) return step.route.path;
  return step.think !== undefined ? 'think' : 'repeat';
}

/** Every step name, in order (repeats expanded once). */
function stepNames(steps: readonly StepDefinition[]): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (names.indexOf(name) < 0) names.push(name);
  };
  for (const step of steps) {
    if (step.steps) stepNames(step.steps).forEach(add);
    else if (step.think === undefined) add(stepName(step));
  }
  return names;
}

async function send(client: OdooClient, step: StepDefinition, scope: Scope): Promise<unknown> {
  if (step.route) {
    if (!client.callRoute) throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply(scope.journey, scope.step, `the ${client.transport} transport has no web routes (${step.route.path}); use transport: web`));
    return client.callRoute(step.route.path, (resolve(step.route.params || {}, scope) as Record<string, unknown>) || {});
  }
  const call = (step.call || step.button) as CallDefinition;
  const args = resolve(call.args || [], scope) as unknown[];
  const kwargs = resolve(call.kwargs || {}, scope) as Record<string, unknown>;
  if (step.button && client.callButton) return client.callButton(call.model, call.method, args, kwargs);
  return client.call(call.model, call.method, args, kwargs);
}

async function runSteps(ctx: JourneyContext<Record<string, unknown>>, steps: readonly StepDefinition[], values: Record<string, unknown>, journey: string): Promise<void> {
  for (const step of steps) {
    const name = stepName(step);
    const scope: Scope = { values, random: ctx.random, journey, step: name };
    if (step.think !== undefined) {
      if (step.think > 0 && ctx.sleep) await ctx.sleep(step.think);
      continue;
    }
    if (step.steps) {
      const raw = typeof step.repeat === 'string' ? resolve(step.repeat, scope) : step.repeat;
      const times = Math.max(0, Math.floor(numberParam({ ...ctx, params: { repeat: raw } } as JourneyContext<unknown>, 'repeat', 1)));
      for (let index = 0; index < times; index += 1) await runSteps(ctx, step.steps, { ...values, index }, journey);
      continue;
    }
    const result = await ctx.step(name, () => send(ctx.client, step, scope));
    if (step.save) values[step.save] = result;
  }
}

/** The iteration's params: the profile's, then every declared param the profile does not set, drawn. */
function drawParams(ctx: JourneyContext<Record<string, unknown>>, declared: Record<string, ParamDefinition>, values: Record<string, unknown>, journey: string): Record<string, unknown> {
  const given = ctx.params || {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(given)) out[key] = given[key];
  for (const name of Object.keys(declared)) {
    const param = declared[name] as ParamDefinition;
    const range = param.between;
    if (range) {
      out[name] = numberParam(ctx as JourneyContext<unknown>, name, { min: range[0], max: range[1] });
    } else if (given[name] === undefined && param.draw !== undefined) {
      out[name] = resolve(param.draw, { values, random: ctx.random, journey, step: `params.${name}` });
    }
  }
  return out;
}

/** The Journey a definition describes (validated beforehand by ./definition-schema.ts). */
export function journeyFromDefinition(definition: JourneyDefinition): Journey<Record<string, unknown>> {
  const setup = definition.setup;
  return {
    name: definition.name,
    params: paramsRead(definition),
    description: definition.description || `${definition.name} (a journey file)`,
    transport: definition.transport || 'web',
    steps: stepNames(definition.steps),
    modules: definition.modules || [],
    ...(setup
      ? {
          async setup(client: OdooClient): Promise<Record<string, unknown>> {
            const out: Record<string, unknown> = {};
            for (const key of Object.keys(setup)) {
              const call = setup[key] as CallDefinition;
              out[key] = await client.call(call.model, call.method, call.args || [], call.kwargs || {});
            }
            return out;
          },
        }
      : {}),
    async run(ctx: JourneyContext<Record<string, unknown>>): Promise<void> {
      const values: Record<string, unknown> = { params: ctx.params || {}, setup: ctx.shared || {}, tag: runTag(ctx.tag), vu: ctx.vu, iteration: ctx.iteration };
      if (definition.params) values.params = drawParams(ctx, definition.params, values, definition.name);
      await runSteps(ctx, definition.steps, values, definition.name);
    },
  };
}
