/**
 * Reads a forecast YAML file and validates it (schema.ts).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Forecast } from '../../models/forecast.js';
import { InputError } from '../errors.js';
import { FORECAST_INVALID, validateForecast } from './schema.js';

export const FORECAST_UNREADABLE = 'FORECAST_UNREADABLE';

/**
 * @param file path as the user gave it (used in messages).
 * @throws InputError `FORECAST_UNREADABLE` (missing file), `FORECAST_INVALID` (bad YAML or fields).
 */
export async function readForecast(file: string): Promise<Forecast> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(FORECAST_UNREADABLE, `${file}: cannot read the forecast (${reason}); see examples/forecast.yaml for one to start from`);
  }
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    const first = ((error as Error).message.split('\n')[0] ?? '').trim();
    throw new InputError(FORECAST_INVALID, `${file}: not valid YAML: ${first}`);
  }
  return validateForecast(value, file);
}
