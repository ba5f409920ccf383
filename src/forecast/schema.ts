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

export const forecastSchema = strict({
  name: z.string({ error: 'expected a text' }).min(1, { error: 'expected a non-empty text' }),
  warehouses: whole('warehouses', 1),
  ordersPerDay: nonNegative('a number of orders'),
  linesPerOrder: strict({ mean: positive('a number of lines'), p95: positive('a number of lines').optional() }),
  peakHourShare: share.refine((v) => v > 0, { error: 'expected a share between 0 and 1' }),
  workingHours: positive('a number of hours').max(24, { error: 'expected a number of hours ≤ 24' }).optional(),
  scanners: whole('scanners', 0),
  picksPerScannerPerHour: positive('a number of pickings').optional(),
  receiptsPerDay: nonNegative('a number of receipts').optional(),
  backOfficeUsers: whole('users', 0).optional(),
  activeProducts: whole('products', 1).optional(),
  edi: strict({ partners: whole('partners', 0), batchSize: whole('orders', 1), intervalMinutes: positive('a number of minutes') }),
  monthEnd: strict({ invoices: nonNegative('a number of invoices'), hours: positive('a number of hours'), reportUsers: whole('users', 0).optional() }),
  growth: strict({ annualRate: z.number({ error: 'expected a yearly rate (0.1 for +10 %)' }).gt(-1, { error: 'expected a yearly rate > -1' }), horizonYears: nonNegative('a number of years') }),
  slos: strict({
    requestP95Ms: positive('milliseconds'),
    orderEntryP95Ms: positive('milliseconds').optional(),
    scannerP95Ms: positive('milliseconds').optional(),
  }),
  isolation: strict({ dedicatedRequired: z.boolean({ error: 'expected true or false' }).optional(), reason: z.string({ error: 'expected a text' }).optional() }).optional(),
  database: strict({
    ramGb: positive('GB').optional(),
    cpus: whole('CPUs', 1).optional(),
    storage: z.enum(['ssd', 'hdd', 'san', 'nvme'], { error: 'expected one of ssd, hdd, san, nvme' }).optional(),
  }).optional(),
}) satisfies z.ZodType<Forecast>;

/**
 * Validates an untrusted value (parsed YAML) as a Forecast.
 * @throws InputError `FORECAST_INVALID`, one message line per problem.
 */
export function validateForecast(value: unknown, file: string): Forecast {
  const result = forecastSchema.safeParse(value);
  if (result.success) return result.data;
  throw new InputError(FORECAST_INVALID, profileProblems(result.error, value, file).join('\n'));
}
