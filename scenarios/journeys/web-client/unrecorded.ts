/**
 * Specifications of forms and lists the recorded traffic (./odoo17.json) does not cover: the
 * invoicing wizards and the invoice form, the customer list and form. NOT recorded: chosen from the
 * Odoo 17 form views (sale/wizard/sale_make_invoice_advance_views.xml, account/views/account_move_views.xml,
 * account/wizard/account_payment_register_views.xml, base/views/res_partner_views.xml), kept to the
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
  'res.partner': {
    read: {
      name: plain, is_company: plain, parent_id: named, street: plain, city: plain, zip: plain, country_id: named, vat: plain, phone: plain, email: plain,
      property_payment_term_id: named, child_ids: { fields: { name: plain, email: plain, phone: plain }, limit: 40, order: '' },
    },
  },
};

export const UNRECORDED_LISTS: Record<string, { model: string; domain: unknown[]; specification: Specification; context?: Record<string, unknown> }> = {
  'account.res_partner_action_customer': {
    model: 'res.partner',
    domain: [],
    specification: { id: plain, display_name: plain, email: plain, phone: plain, city: plain, country_id: named, is_company: plain, parent_id: named },
    context: { res_partner_search_mode: 'customer', default_is_company: true, default_customer_rank: 1 },
  },
};
