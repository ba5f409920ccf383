import { describe, expect, it } from 'vitest';
import { bytesPerOrder, bytesPerRow, postgresStorageGrowth, rowsPerOrder } from '../../../models/storage-growth.js';

describe('storage growth', () => {
  it('sizes a row as (heap row + 4 + 20 × indexes) / 0.9', () => {
    expect(bytesPerRow('sale_order')).toBeCloseTo((201 + 4 + 20 * 10) / 0.9, 9); // 450
    expect(bytesPerRow('account_move_line')).toBeCloseTo((236 + 4 + 20 * 21) / 0.9, 9);
    expect(bytesPerRow('unknown_table')).toBe(0);
  });

  it('counts the rows an order of 2 lines leaves behind', () => {
    expect(rowsPerOrder(2)).toEqual({
      sale_order: 1, sale_order_line: 2, stock_picking: 1, stock_move: 2, stock_move_line: 2, stock_valuation_layer: 2,
      account_move: 3, account_move_line: 8, mail_message: 6, mail_tracking_value: 6,
    });
  });

  it('gives GB per year at the horizon for a small forecast (hand-computed)', () => {
    // Numerators (heap + 4 + 20 × indexes) × rows for 2 lines:
    // 405 + 346·2 + 415 + 557·2 + 294·2 + 284·2 + 754·3 + 660·8 + 491·6 + 155·6 = 15200 → 16888.9 B per order.
    expect(bytesPerOrder(2)).toBeCloseTo(15200 / 0.9, 6);
    const r = postgresStorageGrowth({ ordersPerDay: 100, linesPerOrder: { mean: 2 }, growth: { annualRate: 0.1, horizonYears: 2 } });
    // 100 × 250 × 16888.9 B = 0.393225 GB in year one; × 1.1² = 0.47580 GB/year at the horizon; 0.39322 × (1 + 1.1) over 2 years.
    const firstYear = (100 * 250 * (15200 / 0.9)) / 2 ** 30;
    expect(firstYear).toBeCloseTo(0.393225, 6);
    expect(r.value).toBeCloseTo(firstYear * 1.21, 9);
    expect(r.value).toBeCloseTo(0.4758, 4);
    expect(r.unit).toBe('GB/year');
    expect(r.inputs['cumulativeGb']).toBeCloseTo(firstYear * 2.1, 9);
    expect(r.inputs['bytesPerOrder']).toBe(16889);
    expect(r.reason).toContain('after 2 years of 10 % growth');
  });
});
