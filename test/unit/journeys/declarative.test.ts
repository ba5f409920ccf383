/**
 * Journeys written as data (scenarios/journeys/declarative.ts): the file's mistakes get one line
 * naming the file and the field, and a valid definition runs its calls with the references resolved.
 */
import { describe, expect, it } from 'vitest';
import { journeyFromDefinition, parseReference } from '../../../scenarios/journeys/declarative.js';
import { validateJourneyDefinition } from '../../../scenarios/journeys/definition-schema.js';
import type { JourneyContext } from '../../../scenarios/journeys/types.js';
import type { OdooClient } from '../../../src/odoo/types.js';

const QUOTE = {
  name: 'quick-quote',
  setup: { customers: { model: 'res.partner', method: 'search_read', args: [[['customer_rank', '>', 0]]], kwargs: { fields: ['name'], limit: 50 } } },
  steps: [
    { name: 'customer', call: { model: 'res.partner', method: 'name_search', kwargs: { name: '${pick(setup.customers).name}', limit: 8 } }, save: 'found' },
    { name: 'create', call: { model: 'sale.order', method: 'create', args: [{ partner_id: '${found[0][0]}', client_order_ref: '${tag}', note: 'vu ${vu}' }] }, save: 'order' },
    { think: 2 },
    { repeat: '${params.linesPerOrder}', steps: [{ name: 'line', call: { model: 'sale.order.line', method: 'create', args: [{ order_id: '${order}', sequence: '${index}' }] } }] },
    { name: 'confirm', button: { model: 'sale.order', method: 'action_confirm', args: [['${order}']] } },
    { name: 'chatter', route: { path: '/mail/thread/messages', params: { thread_model: 'sale.order', thread_id: '${order}', limit: 30 } } },
  ],
};

interface Sent {
  via: string;
  model: string;
  method: string;
  args: unknown;
  kwargs?: unknown;
}

function recording(): { client: OdooClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const client: OdooClient = {
    transport: 'web', uid: 2, authenticate: async () => 2, close: async () => undefined,
    call: async <T>(model: string, method: string, args: unknown[] = [], kwargs?: Record<string, unknown>): Promise<T> => {
      sent.push({ via: 'call', model, method, args, kwargs });
      if (method === 'search_read') return [{ id: 7, name: 'Deco Addict' }, { id: 8, name: 'Azure Interior' }] as T;
      if (method === 'name_search') return [[8, 'Azure Interior']] as T;
      if (model === 'sale.order' && method === 'create') return 501 as T;
      return 1 as T;
    },
    callButton: async <T>(model: string, method: string, args: unknown[] = []): Promise<T> => {
      sent.push({ via: 'button', model, method, args });
      return false as T;
    },
    callRoute: async <T>(path: string, params: Record<string, unknown> = {}): Promise<T> => {
      sent.push({ via: 'route', model: path, method: '', args: params });
      return { messages: [] } as T;
    },
  };
  return { client, sent };
}

describe('a journey file as data', () => {
  it('runs its calls in order with the references resolved, keeping a whole reference\'s type', async () => {
    const journey = journeyFromDefinition(validateJourneyDefinition(QUOTE, 'quote.yaml'));
    expect(journey).toMatchObject({ name: 'quick-quote', transport: 'web', steps: ['customer', 'create', 'line', 'confirm', 'chatter'] });
    const { client, sent } = recording();
    const shared = await journey.setup!(client);
    const steps: string[] = [];
    const slept: number[] = [];
    const ctx: JourneyContext<Record<string, unknown>> = {
      client, shared, tag: 'run-1', vu: 3, iteration: 0, random: () => 0.9, params: { linesPerOrder: 2 },
      step: async (name, fn) => (steps.push(name), fn()), sleep: async (s) => void slept.push(s),
    };
    await journey.run(ctx);
    expect(steps).toEqual(['customer', 'create', 'line', 'line', 'confirm', 'chatter']);
    expect(slept).toEqual([2]);
    expect(sent[1]).toMatchObject({ model: 'res.partner', method: 'name_search', kwargs: { name: 'Azure Interior', limit: 8 } }); // pick: 0.9 × 2 → the second
    expect(sent[2]?.args).toEqual([{ partner_id: 8, client_order_ref: 'oc-run-1', note: 'vu 3' }]);
    expect(sent.slice(3, 5).map((s) => s.args)).toEqual([[{ order_id: 501, sequence: 0 }], [{ order_id: 501, sequence: 1 }]]);
    expect(sent[5]).toEqual({ via: 'button', model: 'sale.order', method: 'action_confirm', args: [[501]] });
    expect(sent[6]).toEqual({ via: 'route', model: '/mail/thread/messages', method: '', args: { thread_model: 'sale.order', thread_id: 501, limit: 30 } });
  });

  it('draws a repeat count from a distribution param per iteration', async () => {
    const journey = journeyFromDefinition(validateJourneyDefinition({ name: 'r', steps: [{ repeat: '${params.n}', steps: [{ call: { model: 'res.partner', method: 'search_count', args: [[]] } }] }] }, 'r.yaml'));
    const { client, sent } = recording();
    await journey.run({ client, shared: {}, tag: 't', vu: 0, iteration: 0, random: () => 0.5, params: { n: { distribution: 'empirical', values: [4], weights: [1] } }, step: (_n, fn) => fn() });
    expect(sent).toHaveLength(4);
  });

  it('draws its declared params per iteration (a dataset name, a whole number in range), unless the profile sets them', async () => {
    const definition = {
      name: 'typed',
      params: { customer: { draw: '${pick(setup.customers).name}', recorded: 'Deco Addict' }, quantity: { between: [1, 4], recorded: 2 } },
      setup: QUOTE.setup,
      steps: [{ call: { model: 'res.partner', method: 'name_search', kwargs: { name: '${params.customer}' } } }, { call: { model: 'sale.order.line', method: 'onchange', args: [[], { product_uom_qty: '${params.quantity}' }] } }],
    };
    const journey = journeyFromDefinition(validateJourneyDefinition(definition, 'typed.yaml'));
    const drawn = async (random: number, params?: Record<string, unknown>) => {
      const { client, sent } = recording();
      const shared = await journey.setup!(client);
      await journey.run({ client, shared, tag: 't', vu: 0, iteration: 0, random: () => random, ...(params ? { params } : {}), step: (_n, fn) => fn() });
      return [(sent[1]?.kwargs as { name: string }).name, (sent[2]?.args as [unknown, { product_uom_qty: number }])[1].product_uom_qty];
    };
    expect(await drawn(0.1)).toEqual(['Deco Addict', 1]);
    expect(await drawn(0.9)).toEqual(['Azure Interior', 4]);
    // the profile's values win: a fixed customer, a count distribution for the quantity
    expect(await drawn(0.9, { customer: 'Gemini Furniture', quantity: { distribution: 'empirical', values: [7], weights: [1] } })).toEqual(['Gemini Furniture', 7]);
  });

  it('parses references: roots, paths, pick', () => {
    expect(parseReference('found[0][1]')).toEqual({ pick: false, root: 'found', path: [0, 1], pickAt: 2 });
    expect(parseReference('pick(setup.customers).id')).toEqual({ pick: true, root: 'setup', path: ['customers', 'id'], pickAt: 1 });
    expect(parseReference('1 + 1')).toBeUndefined();
  });
});

describe('mistakes in a journey file: one line naming the file and the field', () => {
  const problems = (value: unknown): string[] => {
    try {
      validateJourneyDefinition(value, 'my-journey.yaml');
    } catch (error) {
      return (error as { problems: string[] }).problems;
    }
    return [];
  };

  it('names the field and what was expected', () => {
    expect(problems({ name: 'x', steps: [{ call: { model: 'sale.order', method: 42 } }] })).toEqual(['my-journey.yaml: steps[0].call.method: expected a method name, got 42']);
    expect(problems({ name: 'Bad Name', steps: [{ think: 1 }] })).toEqual(['my-journey.yaml: name: expected a kebab-case name, got "Bad Name"']);
    expect(problems({ name: 'x', steps: [{ call: { model: 'a', method: 'b' }, route: { path: '/x' } }] })).toEqual([
      'my-journey.yaml: steps[0]: expected exactly one of call, button, route, think, repeat + steps (found call, route), got {"call":{"model":"a","method":"b"},"route":{"path":"/x"}}',
    ]);
    expect(problems({ name: 'x', steps: [{ cal: {} }] })[0]).toBe('my-journey.yaml: steps[0].cal: expected one of name, call, button, route, save, think, repeat, steps, got {}');
    expect(problems({ name: 'x' })).toEqual(['my-journey.yaml: steps: expected a list of steps, got nothing']);
  });

  it('refuses a reference to nothing saved before, an unknown setup lookup, and index outside a repeat', () => {
    expect(problems({ name: 'x', steps: [{ call: { model: 'sale.order', method: 'action_confirm', args: [['${ordr}']] } }, { call: { model: 'a', method: 'b' }, save: 'ordr' }] })).toEqual([
      'my-journey.yaml: steps[0].call.args[0][0]: expected a reference to params, setup, tag, vu, iteration or a step saved before (none yet), got "${ordr}"',
    ]);
    expect(problems({ name: 'x', steps: [{ call: { model: 'a', method: 'b', args: ['${setup.people}'] } }] })).toEqual([
      'my-journey.yaml: steps[0].call.args[0]: expected setup.<name> of a setup lookup (none defined), got "${setup.people}"',
    ]);
    expect(problems({ name: 'x', steps: [{ call: { model: 'a', method: 'b', args: ['${index}'] } }] })).toHaveLength(1);
  });

  it('refuses a param drawn from an earlier step, an unknown lookup, or with neither draw nor between', () => {
    const steps = [{ think: 1 }];
    expect(problems({ name: 'x', params: { who: { draw: '${found[0]}' } }, steps })).toEqual(['my-journey.yaml: params.who.draw: expected a reference to setup, tag, vu, iteration, got "${found[0]}"']);
    expect(problems({ name: 'x', params: { who: { draw: '${pick(setup.people)[1]}' } }, steps })).toEqual(['my-journey.yaml: params.who.draw: expected setup.<name> of a setup lookup (none defined), got "${pick(setup.people)[1]}"']);
    expect(problems({ name: 'x', params: { n: { recorded: 2 } }, steps })).toEqual(['my-journey.yaml: params.n: expected exactly one of draw, between, got {"recorded":2}']);
    expect(problems({ name: 'x', params: { n: { between: [4, 1] } }, steps })).toEqual(['my-journey.yaml: params.n.between: expected [least, most] with least ≤ most, got [4,1]']);
  });
});
