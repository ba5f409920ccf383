/** Shorthands for field definitions (Odoo's `fields.Char(...)` etc.). */
import type { FieldDef } from './types.js';

type Extra = Partial<Omit<FieldDef, 'type' | 'string'>>;

export const char = (string: string, extra: Extra = {}): FieldDef => ({ type: 'char', string, ...extra });
export const text = (string: string, extra: Extra = {}): FieldDef => ({ type: 'text', string, ...extra });
export const integer = (string: string, extra: Extra = {}): FieldDef => ({ type: 'integer', string, ...extra });
export const float = (string: string, extra: Extra = {}): FieldDef => ({ type: 'float', string, ...extra });
export const monetary = (string: string, extra: Extra = {}): FieldDef => ({ type: 'monetary', string, ...extra });
export const boolean = (string: string, extra: Extra = {}): FieldDef => ({ type: 'boolean', string, ...extra });
export const selection = (string: string, extra: Extra = {}): FieldDef => ({ type: 'selection', string, ...extra });
export const date = (string: string, extra: Extra = {}): FieldDef => ({ type: 'date', string, ...extra });
export const datetime = (string: string, extra: Extra = {}): FieldDef => ({ type: 'datetime', string, ...extra });
export const many2one = (relation: string, string: string, extra: Extra = {}): FieldDef => ({ type: 'many2one', relation, string, ...extra });
export const one2many = (relation: string, inverse: string, string: string): FieldDef => ({ type: 'one2many', relation, inverse, string });

/** Odoo's audit fields, present on every model. */
export const auditFields = (): Record<string, FieldDef> => ({
  create_uid: many2one('res.users', 'Created by'),
  create_date: datetime('Created on'),
  write_uid: many2one('res.users', 'Last Updated by'),
  write_date: datetime('Last Updated on'),
});
