import { describe, expect, it } from 'vitest';
import { DATASETS, ean13CheckDigit, generateDataset, productBarcode } from '../../../scenarios/data/datasets.js';

describe('ean13CheckDigit', () => {
  it('matches published EAN-13 codes', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1); // 4006381333931 (GS1 example)
    expect(ean13CheckDigit('978030640615')).toBe(7); // ISBN 978-0-306-40615-7
    expect(productBarcode(1)).toBe('2900000000018');
    expect(productBarcode(2)).toBe('2900000000025');
  });
});

describe('generateDataset', () => {
  it('gives the same records for the same seed and other records for another seed', () => {
    const a = generateDataset('small', 7);
    expect(generateDataset('small', 7)).toEqual(a);
    expect(generateDataset('small', 8).customers[0]?.name).not.toBe(a.customers[0]?.name);
  });

  it('has the sizes, stable keys, unique barcodes and stock in range of its data set', () => {
    const data = generateDataset('small');
    const size = DATASETS.small;
    expect(data.customers).toHaveLength(size.customers);
    expect(data.vendors).toHaveLength(size.vendors);
    expect(data.products).toHaveLength(size.products);
    expect(data.customers[0]?.ref).toBe('oc-data-C00001');
    expect(data.vendors[5]?.ref).toBe('oc-data-V0006');
    expect(data.products[49]?.code).toBe('oc-data-P00050');
    expect(data.bins[9]?.name).toBe('oc-data-B010');
    expect(new Set(data.products.map((p) => p.barcode)).size).toBe(size.products);
    expect(data.products.filter((p) => p.orderpoint)).toHaveLength(size.orderpoints);
    for (const p of data.products) {
      expect(p.stock).toBeGreaterThanOrEqual(size.stock.min);
      expect(p.stock).toBeLessThanOrEqual(size.stock.max);
      expect(p.listPrice).toBeGreaterThan(p.cost);
    }
  });
});
