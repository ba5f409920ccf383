/**
 * Specifications of forms the recorded traffic (./odoo17.json) does not cover: the invoicing wizards
 * and the invoice form. NOT recorded: chosen from the Odoo 17 form views
 * (sale/wizard/sale_make_invoice_advance_views.xml, account/views/account_move_views.xml,
 * account/wizard/account_payment_register_views.xml), kept to the
 * fields that drive the server's work; shorter than what the web client really asks for, so these
 * journeys cost the server somewhat less than real users do. Record them (README, "Journeys of your
 * own") to replace them.
 */
import type { Specification } from './specs.js';

const plain = {};
const named = { fields: { display_name: {} } };

export const UNRECORDED_FORMS: Record<string, { onchange?: Specification; read?: Specification; saved?: string[] }> = {
  'sale.advance.payment.inv': {
    onchange: {
      advance_payment_method: plain, count: plain, sale_order_ids: { fields: {} }, has_down_payments: plain, deduct_down_payments: plain,
      product_id: named, amount: plain, fixed_amount: plain, currency_id: { fields: {} }, company_id: { fields: {} }, amount_invoiced: plain, amount_to_invoice: plain,
    },
    saved: ['advance_payment_method', 'deduct_down_payments', 'amount', 'fixed_amount'],
  },
  'account.move': {
    read: {
      name: plain, state: plain, move_type: plain, partner_id: named, invoice_date: plain, invoice_date_due: plain, invoice_origin: plain, payment_state: plain,
      journal_id: named, company_id: named, currency_id: { fields: {} }, amount_untaxed: plain, amount_tax: plain, amount_total: plain, amount_residual: plain,
      invoice_line_ids: {
        fields: { sequence: plain, product_id: named, name: plain, account_id: named, quantity: plain, price_unit: plain, price_subtotal: plain, price_total: plain, display_type: plain },
        limit: 40, order: 'sequence ASC, id ASC',
      },
      line_ids: { fields: { account_id: named, name: plain, debit: plain, credit: plain, balance: plain, display_type: plain }, limit: 40, order: 'sequence ASC, id ASC' },
    },
  },
  'account.payment.register': {
    onchange: {
      line_ids: { fields: {} }, partner_id: { fields: {} }, journal_id: named, payment_method_line_id: named, amount: plain, currency_id: { fields: {} },
      payment_date: plain, communication: plain, payment_difference: plain, company_id: { fields: {} },
    },
    saved: ['journal_id', 'payment_method_line_id', 'amount', 'payment_date', 'communication'],
  },
};

/** Lists the recordings do not hold (none now: the customers list was recorded, ./odoo17.json). */
export const UNRECORDED_LISTS: Record<string, { model: string; domain: unknown[]; specification: Specification; context?: Record<string, unknown> }> = {};
