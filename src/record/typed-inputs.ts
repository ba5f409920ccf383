/**
 * What a person typed during a recorded task, turned into journey params (pure): a replay then
 * searches other customers and products and keys other quantities, drawn from the dataset of the
 * Odoo it runs against, instead of repeating one recorded order.
 *
 *   name_search(name: "Deco Addict") on res.partner     → params.partner  drawn from setup.res_partner_names
 *   ["name", "ilike", "Desk Stand"] in a search domain  → params.product  drawn from setup.product_template_records
 *   product_uom_qty: 2 (a quantity other than 1)         → params.quantity between [1, 4]
 *
 * Every later occurrence of a typed text (an `autocomplete("Deco Addict")`, a domain) becomes the same
 * reference, so one iteration keeps one customer. Keystroke searches (“Dec”, “Deco”, “Deco Addict”)
 * are one input. Contexts are left as recorded.
 */
import type { CallDefinition, JourneyDefinition, ParamDefinition, StepDefinition } from '../../scenarios/journeys/declarative.js';

/** Keys whose numbers are quantities a person types (sale/purchase lines, moves, inventory counts). */
const QUANTITY_KEY = /^(product_uom_qty|product_qty|quantity|qty|qty_done|inventory_quantity)$/;
/** Methods whose domain holds what was typed into a search view. */
const SEARCH_METHODS = new Set(['web_search_read', 'search_read', 'search', 'search_count', 'web_read_group', 'read_group', 'name_search']);

/** res.partner → partner, product.template → product, stock.location → location. */
function paramBase(model: string): string {
  if (model.startsWith('product.')) return 'product';
  const last = model.split('.').pop() as string;
  return last.replace(/[^A-Za-z0-9_]/g, '_');
}

interface TypedText {
  param: string;
  model: string;
  /** Where the person typed it: a many2one's autocomplete (name_search) or a search view (a domain). */
  source: 'name_search' | 'domain';
  /** The longest text of a keystroke chain (what was finally typed). */
  recorded: string;
}

export interface TypedInputs {
  definition: JourneyDefinition;
  /** Params added, with what was typed. */
  params: Record<string, ParamDefinition>;
}

function callOf(step: StepDefinition): CallDefinition | undefined {
  return step.call ?? step.button;
}

/**
 * The model whose names a search on `field` of `model` matches: the searched model for its own
 * name fields, else a guess from the relational field's name (the HAR does not hold the relation).
 */
function searchedModel(model: string, field: string): string {
  const last = field.split('.')[0] as string;
  if (/partner_id$/.test(last)) return 'res.partner';
  if (last === 'product_tmpl_id') return 'product.template';
  if (/product_id$/.test(last)) return 'product.product';
  if (last === 'user_id') return 'res.users';
  return model;
}

/** `[field, 'ilike', text]` triples of a domain (nested lists included), with the model each text names. */
function ilikeTexts(model: string, value: unknown, out: Array<{ text: string; model: string }>): void {
  if (!Array.isArray(value)) return;
  if (value.length === 3 && typeof value[0] === 'string' && (value[1] === 'ilike' || value[1] === 'like' || value[1] === '=ilike') && typeof value[2] === 'string' && value[2] !== '') {
    out.push({ text: value[2], model: searchedModel(model, value[0]) });
    return;
  }
  for (const item of value) ilikeTexts(model, item, out);
}

function flatSteps(steps: readonly StepDefinition[]): StepDefinition[] {
  return steps.flatMap((s) => (s.steps ? flatSteps(s.steps) : [s]));
}

/** Typed texts in call order, with keystroke chains merged into one param per input. */
function findTypedTexts(steps: readonly StepDefinition[]): Map<string, TypedText> {
  const byText = new Map<string, TypedText>();
  const used = new Set<string>();
  let last: TypedText | undefined;
  const newParam = (model: string, text: string, source: TypedText['source']): TypedText => {
    const base = paramBase(model);
    let name = base;
    for (let n = 2; used.has(name); n += 1) name = `${base}${n}`;
    used.add(name);
    return { param: name, model, source, recorded: text };
  };
  for (const step of flatSteps(steps)) {
    const call = callOf(step);
    if (!call) continue;
    const texts: Array<{ text: string; model: string; source?: TypedText['source'] }> = [];
    const kwargs = call.kwargs ?? {};
    if (call.method === 'name_search' && typeof kwargs.name === 'string' && kwargs.name !== '') texts.push({ text: kwargs.name, model: call.model, source: 'name_search' });
    if (SEARCH_METHODS.has(call.method)) {
      ilikeTexts(call.model, kwargs.domain, texts);
      ilikeTexts(call.model, call.args?.[0], texts);
    }
    for (const { text, model, source = 'domain' } of texts) {
      if (byText.has(text)) continue;
      // a keystroke chain: the previous text on the same model is a prefix of this one
      if (last && last.model === model && text.startsWith(last.recorded)) {
        last.recorded = text;
        byText.set(text, last);
        continue;
      }
      last = newParam(model, text, source);
      byText.set(text, last);
    }
  }
  return byText;
}

function replaced(value: unknown, texts: Map<string, TypedText>, quantities: Map<number, string>, key: string | undefined): unknown {
  if (typeof value === 'string') {
    const typed = texts.get(value);
    return typed ? `\${params.${typed.param}}` : value;
  }
  if (typeof value === 'number') {
    const param = key !== undefined && QUANTITY_KEY.test(key) ? quantities.get(value) : undefined;
    return param ? `\${params.${param}}` : value;
  }
  if (Array.isArray(value)) return value.map((item) => replaced(item, texts, quantities, undefined));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(value)) out[k] = k === 'context' ? item : replaced(item, texts, quantities, k);
    return out;
  }
  return value;
}

/** Quantities other than 0 and 1 (the form's default) that requests sent under a quantity key. */
function findQuantities(value: unknown, out: Set<number>, key?: string): void {
  if (typeof value === 'number') {
    if (key !== undefined && QUANTITY_KEY.test(key) && value > 1 && Number.isInteger(value)) out.add(value);
  } else if (Array.isArray(value)) value.forEach((item) => findQuantities(item, out));
  else if (value !== null && typeof value === 'object') for (const [k, item] of Object.entries(value)) if (k !== 'context') findQuantities(item, out, k);
}

function rewriteSteps(steps: readonly StepDefinition[], texts: Map<string, TypedText>, quantities: Map<number, string>): StepDefinition[] {
  return steps.map((step) => {
    if (step.steps) return { ...step, steps: rewriteSteps(step.steps, texts, quantities) };
    const rewriteCall = (call: CallDefinition): CallDefinition => ({
      ...call,
      ...(call.args ? { args: replaced(call.args, texts, quantities, undefined) as unknown[] } : {}),
      ...(call.kwargs ? { kwargs: replaced(call.kwargs, texts, quantities, undefined) as Record<string, unknown> } : {}),
    });
    if (step.call) return { ...step, call: rewriteCall(step.call) };
    if (step.button) return { ...step, button: rewriteCall(step.button) };
    if (step.route?.params) return { ...step, route: { ...step.route, params: replaced(step.route.params, texts, quantities, undefined) as Record<string, unknown> } };
    return step;
  });
}

/**
 * Where a replay draws a typed text from. Into an autocomplete a person types what it offers: the
 * recorded name_search (its domain), with an empty text, gives display names (`[FURN_0001] Desk
 * Organizer`, which product's name_search understands). Into a search view a person types a name:
 * `search_read` of the model's `name`, since a display name's code prefix matches no `name ilike`.
 */
function lookupFor(typed: TypedText, steps: readonly StepDefinition[]): { key: string; call: CallDefinition; draw: string } {
  const base = typed.model.replace(/\./g, '_');
  if (typed.source === 'domain') {
    return { key: `${base}_records`, call: { model: typed.model, method: 'search_read', args: [[]], kwargs: { fields: ['name'], limit: 100 } }, draw: `\${pick(setup.${base}_records).name}` };
  }
  const recorded = flatSteps(steps).map(callOf).find((c) => c?.model === typed.model && c.method === 'name_search');
  const kwargs: Record<string, unknown> = { ...(recorded?.kwargs ?? {}), name: '', limit: 100 };
  return { key: `${base}_names`, call: { model: typed.model, method: 'name_search', args: [], kwargs }, draw: `\${pick(setup.${base}_names)[1]}` };
}

/** `definition` with typed texts and quantities as params drawn per iteration (see the module comment). */
export function parameterizeTypedInputs(definition: JourneyDefinition): TypedInputs {
  const texts = findTypedTexts(definition.steps);
  const sent = new Set<number>();
  for (const step of flatSteps(definition.steps)) {
    const call = callOf(step);
    if (call) findQuantities([call.args ?? [], call.kwargs ?? {}], sent);
  }
  const quantities = new Map<number, string>();
  const params: Record<string, ParamDefinition> = {};
  [...sent].sort((a, b) => a - b).forEach((value, i) => {
    const name = i === 0 ? 'quantity' : `quantity${i + 1}`;
    quantities.set(value, name);
    params[name] = { between: [Math.max(1, Math.floor(value / 2)), value * 2], recorded: value };
  });
  const setup: Record<string, CallDefinition> = { ...(definition.setup ?? {}) };
  for (const typed of new Set(texts.values())) {
    const lookup = lookupFor(typed, definition.steps);
    if (!setup[lookup.key]) setup[lookup.key] = lookup.call;
    params[typed.param] = { draw: lookup.draw, recorded: typed.recorded };
  }
  if (Object.keys(params).length === 0) return { definition, params };
  return {
    definition: {
      ...definition,
      params: { ...(definition.params ?? {}), ...params },
      setup,
      steps: rewriteSteps(definition.steps, texts, quantities),
    },
    params,
  };
}
