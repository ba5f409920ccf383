/**
 * The forecast validator. The zod schema is checked against the `Forecast` type
 * (`satisfies z.ZodType<Forecast>`) so the two cannot drift apart. Unknown keys are rejected at
 * every level; every problem is one line `<file>: <field.path>: expected <what>, got <value>`
 * (the same format and helper as scenarios/profiles/schema.ts).
 */
import { z } from 'zod';
import type { Forecast } from '../../models/forecast.js';
import { profileProblems } from '../../scenarios/profiles/schema.js';
import { InputError } from '../errors.js';

export const FORECAST_INVALID = 'FORECAST_INVALID';

function onlyKeys(keys: readonly string[]): { error: (issue: { code?: string }) => string } {
  return { error: (issue) => (issue.code === 'unrecognized_keys' ? `expected one of ${keys.join(', ')}` : 'expected an object') };
}
const strict = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape, onlyKeys(Object.keys(shape)));
const nonNegative = (what: string) => z.number({ error: `expected ${what} ≥ 0` }).min(0, { error: `expected ${what} ≥ 0` });
const positive = (what: string) => z.number({ error: `expected ${what} > 0` }).gt(0, { error: `expected ${what} > 0` });
const whole = (what: string, min: number) =>
  z.number({ error: `expected a whole number of ${what} ≥ ${min}` }).int({ error: `expected a whole number of ${what} ≥ ${min}` }).min(min, {
    error: `expected a whole number of ${what} ≥ ${min}`,
  });
const share = z.number({ error: 'expected a share between 0 and 1' }).min(0, { error: 'expected a share between 0 and 1' }).max(1, {
  error: 'expected a share between 0 and 1',
});

/**
 * Upper bounds: generous for any real business (the largest distributors ship ~100 000 orders a day),
 * and they keep every sizing computation finite and quick.
 */
export const LIMITS = { ordersPerDay: 10_000_000, people: 100_000, lines: 10_000, horizonYears: 30, ms: 3_600_000, growthFactor: 100 } as const;
const lines = () => positive('a number of lines').max(LIMITS.lines, { error: `expected at most ${LIMITS.lines} lines` });
const millis = () => positive('milliseconds').max(LIMITS.ms, { error: `expected at most ${LIMITS.ms} milliseconds` });

export const forecastSchema = strict({
  name: z.string({ error: 'expected a text' }).min(1, { error: 'expected a non-empty text' }),
  warehouses: whole('warehouses', 1).max(1000, { error: 'expected at most 1000 warehouses' }),
  ordersPerDay: nonNegative('a number of orders').max(LIMITS.ordersPerDay, { error: `expected at most ${LIMITS.ordersPerDay} orders a day` }),
  linesPerOrder: strict({ mean: lines(), p95: lines().optional() }),
  peakHourShare: share.refine((v) => v > 0, { error: 'expected a share between 0 and 1' }),
  workingHours: positive('a number of hours').max(24, { error: 'expected a number of hours ≤ 24' }).optional(),
  scanners: whole('scanners', 0).max(LIMITS.people, { error: `expected at most ${LIMITS.people} scanners` }),
  picksPerScannerPerHour: positive('a number of pickings').max(3600, { error: 'expected at most 3600 pickings an hour' }).optional(),
  receiptsPerDay: nonNegative('a number of receipts').max(LIMITS.ordersPerDay, { error: `expected at most ${LIMITS.ordersPerDay} receipts a day` }).optional(),
  backOfficeUsers: whole('users', 0).max(LIMITS.people, { error: `expected at most ${LIMITS.people} users` }).optional(),
  activeProducts: whole('products', 1).max(1e9, { error: 'expected at most 1000000000 products' }).optional(),
  edi: strict({
    partners: whole('partners', 0).max(10_000, { error: 'expected at most 10000 partners' }),
    batchSize: whole('orders', 1).max(LIMITS.ordersPerDay, { error: `expected at most ${LIMITS.ordersPerDay} orders` }),
    intervalMinutes: z.number({ error: 'expected a number of minutes ≥ 1' }).min(1, { error: 'expected a number of minutes ≥ 1' }).max(1440, { error: 'expected a number of minutes ≤ 1440' }),
  }),
  monthEnd: strict({
    invoices: nonNegative('a number of invoices').max(1e8, { error: 'expected at most 100000000 invoices' }),
    hours: positive('a number of hours').max(744, { error: 'expected a number of hours ≤ 744 (a month)' }),
    reportUsers: whole('users', 0).max(LIMITS.people, { error: `expected at most ${LIMITS.people} users` }).optional(),
  }),
  growth: strict({
    annualRate: z
      .number({ error: 'expected a yearly rate (0.1 for +10 %)' })
      .gt(-1, { error: 'expected a yearly rate > -1' })
      .max(10, { error: 'expected a yearly rate ≤ 10 (+1000 %)' }),
    horizonYears: nonNegative('a number of years').max(LIMITS.horizonYears, { error: `expected at most ${LIMITS.horizonYears} years` }),
  }),
  slos: strict({
    requestP95Ms: millis(),
    orderEntryP95Ms: millis().optional(),
    scannerP95Ms: millis().optional(),
  }),
  isolation: strict({ dedicatedRequired: z.boolean({ error: 'expected true or false' }).optional(), reason: z.string({ error: 'expected a text' }).optional() }).optional(),
  database: strict({
    ramGb: positive('GB').max(65_536, { error: 'expected at most 65536 GB' }).optional(),
    cpus: whole('CPUs', 1).max(4096, { error: 'expected at most 4096 CPUs' }).optional(),
    storage: z.enum(['ssd', 'hdd', 'san', 'nvme'], { error: 'expected one of ssd, hdd, san, nvme' }).optional(),
  }).optional(),
})
  // The horizon's volume, not just today's, must stay within the bounds (growth compounds).
  .superRefine((forecast, ctx) => {
    const factor = Math.pow(1 + forecast.growth.annualRate, forecast.growth.horizonYears);
    const grown = forecast.ordersPerDay * factor;
    if (!(grown <= LIMITS.ordersPerDay)) {
      ctx.addIssue({
        code: 'custom',
        path: ['growth'],
        message: `expected a horizon volume of at most ${LIMITS.ordersPerDay} orders a day (ordersPerDay × (1 + annualRate)^horizonYears = ${formatVolume(grown)})`,
      });
    } else if (!(factor <= LIMITS.growthFactor)) {
      ctx.addIssue({ code: 'custom', path: ['growth'], message: `expected growth of at most ${LIMITS.growthFactor}× over the horizon ((1 + annualRate)^horizonYears = ${formatVolume(factor)})` });
    }
  }) satisfies z.ZodType<Forecast>;

const formatVolume = (x: number) => (Number.isFinite(x) ? (x >= 1e6 ? x.toExponential(2) : String(Math.round(x * 100) / 100)) : 'infinity');

/**
 * Validates an untrusted value (parsed YAML) as a Forecast.
 * @throws InputError `FORECAST_INVALID`, one message line per problem.
 */
export function validateForecast(value: unknown, file: string): Forecast {
  const result = forecastSchema.safeParse(value);
  if (result.success) return result.data;
  throw new InputError(FORECAST_INVALID, profileProblems(result.error, value, file).join('\n'));
}
