/**
 * The lab's model registry: every model answers the generic ORM methods (orm.ts) plus its own,
 * and has a searchable/readable `display_name`.
 */
import { accountAccount, accountJournal, accountMove, accountMoveLine, accountPayment, accountPaymentRegister, saleAdvancePaymentInv } from './account.js';
import { irConfigParameter, irModelData, irModuleModule, productCategory, resCompany, resCountry, resCurrency, resPartner, resUsers, uomUom } from './base.js';
import { PythonException } from './errors.js';
import { char, integer } from './fields.js';
import { genericMethods } from './orm.js';
import { productProduct, productSupplierinfo, productTemplate, stockChangeProductQty, stockRoute } from './product.js';
import { purchaseOrder, purchaseOrderLine } from './purchase.js';
import { procurementGroupWithScheduler, stockWarehouseOrderpoint } from './replenish.js';
import { saleOrder, saleOrderLine, saleReport } from './sale.js';
import {
  stockBackorderConfirmation, stockLocation, stockMove, stockMoveLine, stockPicking, stockPickingType, stockQuant, stockValuationLayer, stockWarehouse,
} from './stock.js';
import type { Env, Method, ModelDef } from './types.js';

const DEFINITIONS: ModelDef[] = [
  resPartner, resUsers, resCompany, resCurrency, resCountry, uomUom, productCategory, irConfigParameter, irModelData, irModuleModule,
  procurementGroupWithScheduler, productTemplate, productProduct, productSupplierinfo, stockRoute, saleOrder, saleOrderLine, saleReport,
  stockLocation, stockWarehouse, stockPickingType, stockQuant, stockPicking, stockMove, stockMoveLine, stockValuationLayer,
  stockBackorderConfirmation, stockWarehouseOrderpoint, purchaseOrder, purchaseOrderLine, stockChangeProductQty,
  accountAccount, accountJournal, accountMove, accountMoveLine, accountPayment, accountPaymentRegister, saleAdvancePaymentInv,
];

const MODELS = new Map<string, ModelDef>(
  DEFINITIONS.map((model) => {
    const withDisplayName: ModelDef = {
      ...model,
      fields: { id: integer('ID'), ...model.fields, display_name: char('Display Name', { sql: model.displayName }) },
    };
    withDisplayName.methods = { ...genericMethods(withDisplayName), ...model.methods };
    return [model.name, withDisplayName];
  }),
);

/** The model named `name`, or undefined. */
export function getModel(name: string): ModelDef | undefined {
  return MODELS.get(name);
}

/**
 * The method `model.method`, or odoo/api.py `call_kw`'s AttributeError
 * ("The method 'x' does not exist on the model 'y'").
 */
export function getMethod(model: ModelDef, method: string): Method {
  const fn = Object.prototype.hasOwnProperty.call(model.methods, method) ? model.methods[method] : undefined;
  if (!fn) throw new PythonException('builtins.AttributeError', `The method '${method}' does not exist on the model '${model.name}'`);
  return fn;
}

/** Calls `model.method(*args, **kwargs)` in `env` (the caller resolved the model and checked the name). */
export async function callMethod(env: Env, model: ModelDef, method: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
  const { context: _context, ...rest } = kwargs;
  return getMethod(model, method)(env, args, rest);
}
