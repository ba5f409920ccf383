/**
 * Validates a journey definition (./declarative.ts) read from a YAML or JSON file: one line per
 * problem naming the file and the field, e.g.
 *   my-journey.yaml: steps[2].call.method: expected a method name, got 42
 *   my-journey.yaml: steps[3].call.args[0][0]: expected a reference to params, setup, tag, vu, iteration or a step saved before (found, order), got "${ordr}"
 */
import { z } from 'zod';
import { fieldPath, problemLine } from '../problems.js';
import { parseReference, REFERENCE_ROOTS, referencesIn, type JourneyDefinition, type StepDefinition } from './declarative.js';
import { JourneyFileError } from './file-errors.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const name = z.string({ error: 'expected a kebab-case name' }).regex(KEBAB, { error: 'expected a kebab-case name' });
const identifier = z.string({ error: 'expected a name (letters, digits, _)' }).regex(/^[A-Za-z_][\w-]*$/, { error: 'expected a name (letters, digits, _)' });

const call = z.strictObject(
  {
    model: z.string({ error: 'expected a model name' }).regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, { error: 'expected a model name like sale.order' }),
    method: z.string({ error: 'expected a method name' }).regex(/^[a-z_][a-z0-9_]*$/, { error: 'expected a method name' }),
    args: z.array(z.unknown(), { error: 'expected a list of arguments' }).optional(),
    kwargs: z.record(z.string(), z.unknown(), { error: 'expected an object of keyword arguments' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'expected one of model, method, args, kwargs' : 'expected { model, method, args, kwargs }') },
);

const route = z.strictObject(
  {
    path: z.string({ error: 'expected a path like /mail/thread/data' }).regex(/^\/[\w/.-]+$/, { error: 'expected a path like /mail/thread/data' }),
    params: z.record(z.string(), z.unknown(), { error: 'expected an object of parameters' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'expected one of path, params' : 'expected { path, params }') },
);

const STEP_KEYS = ['name', 'call', 'button', 'route', 'save', 'think', 'repeat', 'steps'];
const step: z.ZodType<StepDefinition> = z.lazy(() =>
  z
    .strictObject(
      {
        name: name.optional(),
        call: call.optional(),
        button: call.optional(),
        route: route.optional(),
        save: identifier.optional(),
        think: z.number({ error: 'expected seconds ≥ 0' }).min(0, { error: 'expected seconds ≥ 0' }).max(3600, { error: 'expected at most 3600 seconds' }).optional(),
        repeat: z.union([z.number().int().min(0).max(10_000), z.string().regex(/^\$\{[^}]+\}$/)], { error: 'expected a whole number of turns or a reference like "${params.linesPerOrder}"' }).optional(),
        steps: z.array(step, { error: 'expected a list of steps' }).min(1, { error: 'expected at least one step' }).optional(),
      },
      { error: (issue) => (issue.code === 'unrecognized_keys' ? `expected one of ${STEP_KEYS.join(', ')}` : 'expected a step: { call | button | route | think | repeat + steps }') },
    )
    .superRefine((s, ctx) => {
      const kinds = ['call', 'button', 'route', 'think', 'steps'].filter((k) => (s as Record<string, unknown>)[k] !== undefined);
      if (kinds.length !== 1) ctx.addIssue({ code: 'custom', path: [], message: `expected exactly one of call, button, route, think, repeat + steps (found ${kinds.join(', ') || 'none'})` });
      if ((s.repeat === undefined) !== (s.steps === undefined)) ctx.addIssue({ code: 'custom', path: [s.repeat === undefined ? 'repeat' : 'steps'], message: 'expected repeat and steps together' });
      if (s.save !== undefined && (s.think !== undefined || s.steps !== undefined)) ctx.addIssue({ code: 'custom', path: ['save'], message: 'expected save on a call, button or route step' });
    }),
);

const param = z
  .strictObject(
    {
      draw: z.string({ error: 'expected a reference like "${pick(setup.customers).name}"' }).regex(/^\$\{[^}]+\}$/, { error: 'expected a reference like "${pick(setup.customers).name}"' }).optional(),
      between: z
        .tuple([z.number().int().min(0), z.number().int().min(0)], { error: 'expected [least, most], two whole numbers' })
        .refine(([least, most]) => least <= most, { error: 'expected [least, most] with least ≤ most' })
        .optional(),
      recorded: z.unknown().optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'expected one of draw, between, recorded' : 'expected { draw } or { between }') },
  )
  .refine((p) => (p.draw === undefined) !== (p.between === undefined), { error: 'expected exactly one of draw, between' });

export const journeyDefinitionSchema = z.strictObject(
  {
    name,
    params: z.record(identifier, param, { error: 'expected an object of name: { draw } or { between }' }).optional(),
    description: z.string({ error: 'expected a text' }).optional(),
    transport: z.enum(['web', 'xmlrpc', 'jsonrpc', 'json2'], { error: 'expected web, xmlrpc, jsonrpc or json2' }).optional(),
    modules: z.array(z.string({ error: 'expected a module name' }), { error: 'expected a list of module names' }).optional(),
    setup: z.record(identifier, call, { error: 'expected an object of name: { model, method, args, kwargs }' }).optional(),
    steps: z.array(step, { error: 'expected a list of steps' }).min(1, { error: 'expected at least one step' }),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'expected one of name, description, params, transport, modules, setup, steps' : 'expected a journey: { name, steps, … }') },
);

type Path = Array<string | number>;

/** Problems with the references of `steps`: unknown roots, `setup` names, `index` outside a repeat. */
function referenceProblems(steps: readonly StepDefinition[], base: Path, saved: string[], setupNames: string[], inRepeat: boolean, file: string, out: string[]): void {
  steps.forEach((s, i) => {
    const at: Path = [...base, i];
    const check = (value: unknown, path: Path) => {
      const walk = (v: unknown, p: Path): void => {
        if (typeof v === 'string') {
          for (const reference of referencesIn(v)) {
            const parsed = parseReference(reference);
            const roots = [...REFERENCE_ROOTS.filter((r) => r !== 'index' || inRepeat), ...saved];
            const known = parsed !== undefined && roots.indexOf(parsed.root) >= 0;
            const setupKnown = !parsed || parsed.root !== 'setup' || (typeof parsed.path[0] === 'string' && setupNames.indexOf(parsed.path[0]) >= 0);
            if (!known) {
              out.push(problemLine(file, fieldPath(p), `expected a reference to ${REFERENCE_ROOTS.filter((r) => r !== 'index' || inRepeat).join(', ')} or a step saved before (${saved.join(', ') || 'none yet'})`, `\${${reference}}`));
            } else if (!setupKnown) {
              out.push(problemLine(file, fieldPath(p), `expected setup.<name> of a setup lookup (${setupNames.join(', ') || 'none defined'})`, `\${${reference}}`));
            }
          }
        } else if (Array.isArray(v)) v.forEach((item, j) => walk(item, [...p, j]));
        else if (v !== null && typeof v === 'object') for (const key of Object.keys(v)) walk((v as Record<string, unknown>)[key], [...p, key]);
      };
      walk(value, path);
    };
    for (const key of ['call', 'button', 'route'] as const) if (s[key] !== undefined) check(s[key], [...at, key]);
    if (typeof s.repeat === 'string') check(s.repeat, [...at, 'repeat']);
    if (s.steps) referenceProblems(s.steps, [...at, 'steps'], saved.slice(), setupNames, true, file, out);
    if (s.save) saved.push(s.save);
  });
}

/**
 * `value` as a journey definition.
 * @throws JourneyFileError `JOURNEY_FILE_INVALID`, one line per problem (file and field named).
 */
export function validateJourneyDefinition(value: unknown, file: string): JourneyDefinition {
  const result = journeyDefinitionSchema.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const expected = issue.message.startsWith('expected') ? issue.message : `expected ${issue.message}`;
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      return keys.map((key) => {
        const path = key === undefined ? issue.path : [...issue.path, key];
        let got: unknown = value;
        for (const k of path) got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined;
        return problemLine(file, fieldPath(path), expected, got);
      });
    });
    throw new JourneyFileError([...new Set(lines.flat())]);
  }
  const definition = result.data as JourneyDefinition;
  const problems: string[] = [];
  const setupNames = Object.keys(definition.setup ?? {});
  for (const [key, p] of Object.entries(definition.params ?? {})) {
    if (p.draw === undefined) continue;
    // drawn before the first step: only the setup lookups and the run's own values exist yet
    const parsed = parseReference(p.draw.slice(2, -1));
    const roots = REFERENCE_ROOTS.filter((root) => root !== 'params' && root !== 'index');
    if (!parsed || roots.indexOf(parsed.root) < 0) {
      problems.push(problemLine(file, fieldPath(['params', key, 'draw']), `expected a reference to ${roots.join(', ')}`, p.draw));
    } else if (parsed.root === 'setup' && (typeof parsed.path[0] !== 'string' || setupNames.indexOf(parsed.path[0]) < 0)) {
      problems.push(problemLine(file, fieldPath(['params', key, 'draw']), `expected setup.<name> of a setup lookup (${setupNames.join(', ') || 'none defined'})`, p.draw));
    }
  }
  referenceProblems(definition.steps, ['steps'], [], setupNames, false, file, problems);
  if (problems.length > 0) throw new JourneyFileError(problems);
  return definition;
}
