/** Ids of the lab's base records, fixed by seed.ts and relied upon by the models. */
/** Fixed ids of Odoo's base records in the lab (as in a fresh Odoo 17 database). */
export const LAB_IDS = {
  company: 1,
  companyPartner: 1,
  adminUser: 2,
  adminPartner: 3,
  uomUnit: 1,
  categorySaleable: 2,
  locationVendors: 4,
  locationCustomers: 5,
  locationInventory: 6,
  locationWarehouseView: 7,
  locationStock: 8,
  warehouse: 1,
  pickingTypeIn: 1,
  pickingTypeOut: 2,
  sequenceSaleOrder: 1,
  sequenceOut: 2,
  sequenceIn: 3,
} as const;
