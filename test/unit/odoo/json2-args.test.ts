import { describe, expect, it } from 'vitest';
import { OdooError } from '../../../src/odoo/errors.js';
import { json2Body } from '../../../src/odoo/json2-args.js';

describe('json2Body (positional execute_kw arguments → JSON-2 named arguments)', () => {
  it('names @api.model arguments in signature order', () => {
    expect(json2Body('res.partner', 'search_read', [[['name', 'ilike', 'deco']], ['name']], { limit: 5 })).toEqual({
      domain: [['name', 'ilike', 'deco']],
      fields: ['name'],
      limit: 5,
    });
    expect(json2Body('sale.order', 'create', [[{ partner_id: 7 }]], {})).toEqual({ vals_list: [{ partner_id: 7 }] });
    expect(json2Body('res.partner', 'name_search', ['Deco'], { limit: 8 })).toEqual({ name: 'Deco', limit: 8 });
    expect(json2Body('stock.quant', 'read_group', [[], ['quantity:sum'], ['location_id']], { lazy: false })).toEqual({
      domain: [],
      fields: ['quantity:sum'],
      groupby: ['location_id'],
      lazy: false,
    });
  });

  it('sends record methods their ids and the other arguments by name', () => {
    expect(json2Body('stock.move.line', 'write', [[5], { quantity: 2, picked: true }], {})).toEqual({ ids: [5], vals: { quantity: 2, picked: true } });
    expect(json2Body('res.partner', 'read', [[1, 2], ['name']], {})).toEqual({ ids: [1, 2], fields: ['name'] });
    expect(json2Body('sale.order', 'web_read', [[3]], { specification: { name: {} } })).toEqual({ ids: [3], specification: { name: {} } });
  });

  it('treats the single argument of an unknown method (a button) as ids, with the context', () => {
    expect(json2Body('sale.order', 'action_confirm', [[9]], {})).toEqual({ ids: [9] });
    expect(json2Body('stock.backorder.confirmation', 'process', [[4]], { context: { button_validate_picking_ids: [88] } })).toEqual({
      ids: [4],
      context: { button_validate_picking_ids: [88] },
    });
    expect(json2Body('procurement.group', 'run_scheduler', [], {})).toEqual({});
  });

  it('refuses positional arguments it cannot name, before sending anything', () => {
    expect(() => json2Body('x.model', 'do_it', [[1], 'a'], {})).toThrow(OdooError);
    expect(() => json2Body('x.model', 'do_it', [[1], 'a'], {})).toThrow(
      'x.model.do_it: JSON-2 takes named arguments only and the tool does not know the parameter names of this method (2 positional arguments given). Pass them as kwargs.',
    );
    expect(() => json2Body('res.partner', 'search_count', [[], 5, 'extra'], {})).toThrow('res.partner.search_count: JSON-2 takes named arguments only');
  });
});
