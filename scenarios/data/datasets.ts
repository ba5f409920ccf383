/**
 * Seeded data sets for `odoo-capacity prepare`: customers, vendors, products with EAN-13 barcodes,
 * stock on hand, bin locations and reordering rules, generated with @faker-js/faker from a fixed
 * seed so two runs (and two machines) produce the same records. Pure: no I/O.
 *
 * Every record carries a stable key under the data tag `oc-data` (docs/TAGGING.md):
 * partners `ref` `oc-data-C00001` / `oc-data-V0001`, products `default_code` `oc-data-P00001`,
 * bins `name` `oc-data-B001`, reordering rules `name` `oc-data-OP-P00001`.
 */
import { base, en, Faker } from '@faker-js/faker';

export type DatasetName = 'small' | 'medium' | 'large';

export interface DatasetSize {
  customers: number;
  vendors: number;
  products: number;
  /** Internal bin locations under the warehouse's stock location. */
  bins: number;
  /** On-hand units per product, uniform in [min, max]. */
  stock: { min: number; max: number };
  /** Products (the first N) that get a manual reordering rule with the Buy route. */
  orderpoints: number;
}

/** Sizes: `small` for a demo database or a smoke test, `large` ≈ a mid-size distributor's master data. */
export const DATASETS: Readonly<Record<DatasetName, DatasetSize>> = {
  small: { customers: 60, vendors: 6, products: 50, bins: 10, stock: { min: 300, max: 800 }, orderpoints: 10 },
  medium: { customers: 600, vendors: 30, products: 500, bins: 60, stock: { min: 500, max: 2000 }, orderpoints: 50 },
  large: { customers: 6000, vendors: 100, products: 3000, bins: 300, stock: { min: 1000, max: 5000 }, orderpoints: 200 },
};

/** Default faker seed. */
export const DEFAULT_DATA_SEED = 20260301;

export const DATA_TAG = 'oc-data';

export interface PartnerSpec {
  ref: string;
  name: string;
  email: string;
  phone: string;
  street: string;
  city: string;
  zip: string;
}

export interface ProductSpec {
  code: string;
  name: string;
  barcode: string;
  listPrice: number;
  cost: number;
  /** Index into `vendors`. */
  vendor: number;
  /** Units on hand. */
  stock: number;
  /** Index into `bins`. */
  bin: number;
  /** Gets a reordering rule. */
  orderpoint: boolean;
}

export interface BinSpec {
  name: string;
  barcode: string;
}

export interface Dataset {
  name: DatasetName;
  seed: number;
  customers: PartnerSpec[];
  vendors: PartnerSpec[];
  products: ProductSpec[];
  bins: BinSpec[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * EAN-13 check digit (GS1 General Specifications §7.9.1: weights 1,3 from the left over 12 digits,
 * check = (10 − sum mod 10) mod 10).
 * @example ean13CheckDigit('400638133393') // 1 (4006381333931)
 */
export function ean13CheckDigit(twelveDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelveDigits[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/**
 * The barcode of the product number `n` (1-based): GS1 prefix 29 (restricted circulation, in-store
 * numbers, so it never collides with a real GTIN), a fixed 0, and `n` on 9 digits, plus the check digit.
 */
export function productBarcode(n: number): string {
  const body = `290${pad(n, 9)}`;
  return body + String(ean13CheckDigit(body));
}

/** The data set `name` generated from `seed`: same inputs, same records. */
export function generateDataset(name: DatasetName, seed: number = DEFAULT_DATA_SEED): Dataset {
  const size = DATASETS[name];
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const partner = (ref: string): PartnerSpec => ({
    ref,
    name: faker.company.name(),
    email: faker.internet.email().toLowerCase(),
    phone: faker.phone.number({ style: 'national' }),
    street: faker.location.streetAddress(),
    city: faker.location.city(),
    zip: faker.location.zipCode('#####'),
  });
  const customers = Array.from({ length: size.customers }, (_, i) => partner(`${DATA_TAG}-C${pad(i + 1, 5)}`));
  const vendors = Array.from({ length: size.vendors }, (_, i) => partner(`${DATA_TAG}-V${pad(i + 1, 4)}`));
  const bins = Array.from({ length: size.bins }, (_, i) => ({ name: `${DATA_TAG}-B${pad(i + 1, 3)}`, barcode: `OC-B${pad(i + 1, 3)}` }));
  const products = Array.from({ length: size.products }, (_, i): ProductSpec => {
    const cost = faker.number.float({ min: 2, max: 400, fractionDigits: 2 });
    return {
      code: `${DATA_TAG}-P${pad(i + 1, 5)}`,
      name: `${faker.commerce.productName()} ${pad(i + 1, 5)}`,
      barcode: productBarcode(i + 1),
      cost,
      listPrice: Math.round(cost * faker.number.float({ min: 1.2, max: 2.2 }) * 100) / 100,
      vendor: i % Math.max(1, size.vendors),
      stock: faker.number.int(size.stock),
      bin: i % Math.max(1, size.bins),
      orderpoint: i < size.orderpoints,
    };
  });
  return { name, seed, customers, vendors, products, bins };
}
