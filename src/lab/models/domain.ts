/**
 * Odoo domains → SQL WHERE clauses, for the operators the journeys use:
 * `=`, `!=`, `<>`, `in`, `not in`, `like`, `ilike`, `not like`, `not ilike`, `=like`, `=ilike`,
 * `<`, `>`, `<=`, `>=`, in Polish notation with `&`, `|`, `!` (implicit `&` between leaves),
 * `child_of` (on many2one fields of a model with `parent_id`; a name searches the target first, as
 * expression.py does), on the fields a model defines, and `many2one.field` / `x2many.field` paths
 * (one subquery per step; an x2many needs its `inverse`).
 *
 * Semantics follow odoo/osv/expression.py (17.0): `= False` is `IS NULL` (or false for booleans),
 * `!=` and `not in` also match NULLs, `in []` is FALSE, `ilike` wraps the value in `%`.
 */
import { PythonException, pythonRepr } from './errors.js';
import type { FieldDef, ModelDef } from './types.js';

export type ModelLookup = (name: string) => ModelDef | undefined;

const OPERATORS = new Set(['=', '!=', '<>', 'in', 'not in', 'like', 'ilike', 'not like', 'not ilike', '=like', '=ilike', '<', '>', '<=', '>=', 'child_of', 'parent_of']);

function valueError(message: string): PythonException {
  return new PythonException('builtins.ValueError', message);
}

function leafRepr(leaf: unknown[]): string {
  return `(${leaf.map(pythonRepr).join(', ')})`;
}

/** SQL expression of a field on `alias`. */
export function fieldSql(field: FieldDef, name: string, alias: string): string {
  if (field.sql) return field.sql(alias);
  const column = `${alias}."${field.column ?? name}"`;
  return field.translate ? `(${column}->>'en_US')` : column;
}

class Translator {
  private aliasCounter = 0;
  constructor(
    private readonly params: unknown[],
    private readonly lookup: ModelLookup,
  ) {}

  private param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  domain(model: ModelDef, domain: unknown, alias: string): string {
    if (!Array.isArray(domain)) throw valueError(`Domain ${pythonRepr(domain)} is syntactically not correct.`);
    if (domain.length === 0) return 'TRUE';
    // Polish notation, read right to left with a stack (expression.py normalize + parse).
    const items = [...domain];
    const stack: string[] = [];
    for (let i = items.length - 1; i >= 0; i--) {
      const item: unknown = items[i];
      if (item === '&' || item === '|') {
        const left = stack.pop();
        const right = stack.pop();
        if (left === undefined || right === undefined) throw valueError(`Domain ${pythonRepr(domain)} is syntactically not correct.`);
        stack.push(`(${left} ${item === '&' ? 'AND' : 'OR'} ${right})`);
      } else if (item === '!') {
        const operand = stack.pop();
        if (operand === undefined) throw valueError(`Domain ${pythonRepr(domain)} is syntactically not correct.`);
        stack.push(`(NOT ${operand})`);
      } else if (Array.isArray(item)) {
        stack.push(this.leaf(model, item, alias));
      } else {
        throw valueError(`Invalid leaf ${pythonRepr(item)}`);
      }
    }
    // Leaves left on the stack are implicitly AND-ed.
    return stack.length === 1 ? (stack[0] ?? 'TRUE') : `(${stack.reverse().join(' AND ')})`;
  }

  private leaf(model: ModelDef, leaf: unknown[], alias: string): string {
    if (leaf.length !== 3) throw valueError(`Invalid leaf ${pythonRepr(leaf)}`);
    const [left, rawOperator, right] = leaf;
    if (left === 1 && right === 1) return 'TRUE';
    if (left === 0 && right === 1) return 'FALSE';
    if (typeof left !== 'string' || typeof rawOperator !== 'string') throw valueError(`Invalid leaf ${leafRepr(leaf)}`);
    const operator = rawOperator.toLowerCase();
    if (!OPERATORS.has(operator)) throw valueError(`Invalid leaf ${leafRepr(leaf)}`);
    const [head, ...rest] = left.split('.');
    const field = head === undefined ? undefined : model.fields[head];
    if (!field || head === undefined) throw valueError(`Invalid field ${model.name}.${head ?? left} in leaf ${leafRepr(leaf)}`);
    if (rest.length > 0) {
      const target = field.relation ? this.lookup(field.relation) : undefined;
      const x2many = (field.type === 'one2many' || field.type === 'many2many') && field.inverse !== undefined;
      if ((field.type !== 'many2one' && !x2many) || !target) throw valueError(`Invalid field ${model.name}.${left} in leaf ${leafRepr(leaf)}`);
      const sub = `${target.table}__${++this.aliasCounter}`;
      const inner = this.leaf(target, [rest.join('.'), operator, right], sub);
      if (x2many) return `${alias}.id IN (SELECT ${sub}."${field.inverse}" FROM ${target.table} ${sub} WHERE ${inner})`;
      return `${fieldSql(field, head, alias)} IN (SELECT ${sub}.id FROM ${target.table} ${sub} WHERE ${inner})`;
    }
    if (operator === 'child_of' || operator === 'parent_of') return this.hierarchy(model, field, head, alias, right, leaf, operator);
    if ((field.type === 'one2many' || field.type === 'many2many') && field.sql) {
      return this.computedX2manyLeaf(field.sql(alias), operator, right, leaf);
    }
    if (field.type === 'one2many' || field.type === 'many2many') {
      return this.x2manyLeaf(field, operator, right, alias, leaf);
    }
    const expr = fieldSql(field, head, alias);
    if (field.type === 'many2one' && typeof right === 'string' && operator.includes('like')) {
      const target = field.relation ? this.lookup(field.relation) : undefined;
      if (!target) throw valueError(`Invalid field ${model.name}.${left} in leaf ${leafRepr(leaf)}`);
      const sub = `${target.table}__${++this.aliasCounter}`;
      const negate = operator.startsWith('not');
      const like = this.likeSql(target.displayName(sub), negate ? operator.slice(4) : operator, right);
      return `(${expr} ${negate ? 'NOT IN' : 'IN'} (SELECT ${sub}.id FROM ${target.table} ${sub} WHERE ${like})${negate ? ` OR ${expr} IS NULL` : ''})`;
    }
    return this.comparison(field, expr, operator, right);
  }

  /**
   * `many2one child_of value` / `parent_of value`: the target records (ids, or found by name like
   * name_search when a text is given) and their children, or parents (`parent_id`, one level: the
   * lab's hierarchies are flat).
   */
  private hierarchy(model: ModelDef, field: FieldDef, name: string, alias: string, right: unknown, leaf: unknown[], operator: string): string {
    const target = field.relation ? this.lookup(field.relation) : undefined;
    if (field.type !== 'many2one' || !target) throw valueError(`Invalid leaf ${leafRepr(leaf)} on ${model.name}`);
    const sub = `${target.table}__${++this.aliasCounter}`;
    const roots =
      typeof right === 'string'
        ? `SELECT ${sub}.id FROM ${target.table} ${sub} WHERE ${this.likeSql(target.displayName(sub), 'ilike', right)}`
        : `SELECT unnest(${this.param((Array.isArray(right) ? right : [right]).filter((v) => typeof v === 'number'))}::int[])`;
    let related = '';
    if (target.fields.parent_id) {
      related = operator === 'child_of' ? ` OR c.parent_id IN (${roots})` : ` OR c.id IN (SELECT r.parent_id FROM ${target.table} r WHERE r.id IN (${roots}))`;
    }
    return `${fieldSql(field, name, alias)} IN (SELECT c.id FROM ${target.table} c WHERE c.id IN (${roots})${related})`;
  }

  private x2manyLeaf(field: FieldDef, operator: string, right: unknown, alias: string, leaf: unknown[]): string {
    const target = field.relation ? this.lookup(field.relation) : undefined;
    if (!target || !field.inverse || !['=', 'in', '!=', 'not in'].includes(operator)) {
      throw valueError(`Invalid leaf ${leafRepr(leaf)}`);
    }
    const positive = operator === '=' || operator === 'in';
    if (right === false || right === null) {
      return `${positive ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${target.table} x WHERE x."${field.inverse}" = ${alias}.id)`;
    }
    const ids = Array.isArray(right) ? right : [right];
    return `${alias}.id ${positive ? 'IN' : 'NOT IN'} (SELECT x."${field.inverse}" FROM ${target.table} x WHERE x.id = ANY(${this.param(ids)}) AND x."${field.inverse}" IS NOT NULL)`;
  }

  /** x2many computed as an int[] expression: `= False`, `!= False`, `in ids`, `not in ids`. */
  private computedX2manyLeaf(expr: string, operator: string, right: unknown, leaf: unknown[]): string {
    if (!['=', 'in', '!=', 'not in'].includes(operator)) throw valueError(`Invalid leaf ${leafRepr(leaf)}`);
    const positive = operator === '=' || operator === 'in';
    if (right === false || right === null) return positive ? `COALESCE(cardinality(${expr}), 0) = 0` : `COALESCE(cardinality(${expr}), 0) > 0`;
    const ids = Array.isArray(right) ? right : [right];
    return `${positive ? '' : 'NOT '}COALESCE(${expr} && ${this.param(ids)}::int[], false)`;
  }

  private likeSql(expr: string, operator: string, value: unknown): string {
    const text = String(value);
    switch (operator) {
      case 'like': return `${expr}::text LIKE ${this.param(`%${text}%`)}`;
      case 'ilike': return `${expr}::text ILIKE ${this.param(`%${text}%`)}`;
      case '=like': return `${expr}::text LIKE ${this.param(text)}`;
      default: return `${expr}::text ILIKE ${this.param(text)}`; // =ilike
    }
  }

  private comparison(field: FieldDef, expr: string, operator: string, right: unknown): string {
    const isFalse = right === false || right === null;
    switch (operator) {
      case '=':
        if (isFalse) return field.type === 'boolean' ? `(${expr} IS NULL OR ${expr} = false)` : `${expr} IS NULL`;
        if (field.type === 'boolean' && right === true) return `${expr} = true`;
        return `${expr} = ${this.param(right)}`;
      case '!=':
      case '<>':
        if (isFalse) return field.type === 'boolean' ? `${expr} = true` : `${expr} IS NOT NULL`;
        if (field.type === 'boolean' && right === true) return `(${expr} IS NULL OR ${expr} = false)`;
        return `(${expr} != ${this.param(right)} OR ${expr} IS NULL)`;
      case 'in':
      case 'not in': {
        const values = Array.isArray(right) ? right : [right];
        const present = values.filter((v) => v !== false && v !== null);
        const withNull = present.length !== values.length;
        if (operator === 'in') {
          const parts = present.length ? [`${expr} = ANY(${this.param(present)})`] : [];
          if (withNull) parts.push(`${expr} IS NULL`);
          return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
        }
        const parts = present.length ? [`${expr} != ALL(${this.param(present)})`] : ['TRUE'];
        if (withNull) parts.push(`${expr} IS NOT NULL`);
        else if (present.length) return `(${parts[0]} OR ${expr} IS NULL)`;
        return `(${parts.join(' AND ')})`;
      }
      case '<':
      case '>':
      case '<=':
      case '>=':
        return `${expr} ${operator} ${this.param(right)}`;
      default: {
        const negate = operator.startsWith('not ');
        const like = this.likeSql(expr, negate ? operator.slice(4) : operator, right);
        return negate ? `(NOT (${like}) OR ${expr} IS NULL)` : like;
      }
    }
  }
}

/**
 * Translates `domain` on `model` (table alias `alias`) to a SQL condition, appending bind values
 * to `params` (placeholders `$n`).
 * @throws PythonException `builtins.ValueError` with expression.py's message for unknown fields or operators.
 */
export function domainToSql(model: ModelDef, domain: unknown, alias: string, params: unknown[], lookup: ModelLookup): string {
  return new Translator(params, lookup).domain(model, domain, alias);
}

/** True when a domain mentions `field` (e.g. `active`, to lift Odoo's implicit active_test). */
export function domainMentions(domain: unknown, field: string): boolean {
  return Array.isArray(domain) && domain.some((leaf) => Array.isArray(leaf) && leaf[0] === field);
}
