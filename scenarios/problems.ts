/**
 * One clear line per problem in a user's file (DESIGN.md principle 8): profiles and journeys word
 * their problems the same way.
 */

/**
 * One problem line.
 * @example problemLine('my.yaml', 'phases[1].end', 'expected HH:MM after start 08:00', '07:30')
 *   // 'my.yaml: phases[1].end: expected HH:MM after start 08:00, got "07:30"'
 */
export function problemLine(file: string, fieldPath: string, expected: string, got: unknown): string {
  return `${file}: ${fieldPath}: ${expected}, got ${showValue(got)}`;
}

/** A value as a user would write it: JSON, `nothing` for a missing field, short for big values. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function' || typeof value === 'symbol') return typeof value;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A zod-style path as the user sees it: `phases[1].rates["order-to-delivery"].from`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? (out === '' ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}
