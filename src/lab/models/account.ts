/**
 * Accounting (account 17.0): account.account, account.journal, account.move (invoices, bills and
 * payment entries), account.move.line, account.payment, and the wizards the journeys use:
 * sale.advance.payment.inv (invoice a sales order) and account.payment.register (pay an invoice).
 * Taxes are not modelled (amount_tax 0). The lab's chart: LAB_ACCOUNTS / LAB_JOURNALS (seed.ts).
 */
import { LAB_IDS } from '../ids.js';
import { UserError } from './errors.js';
import { auditFields, boolean, char, date, float, integer, many2one, monetary, one2many, selection } from './fields.js';
import { argument, ensureExist, insert, recordIds } from './orm.js';
import type { Env, ModelDef } from './types.js';

const NOW = `(now() at time zone 'UTC')`;
const TODAY = `(now() at time zone 'UTC')::date`;

/** Fixed ids of the lab's chart of accounts and journals (seeded by seed.ts). */
export const LAB_ACCOUNTS = { receivable: 1, payable: 2, income: 3, expense: 4, bank: 5, outstandingReceipts: 6, stockValuation: 7, stockInterim: 8 } as const;
export const LAB_JOURNALS = { sale: 1, purchase: 2, bank: 3, stock: 4 } as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function activeIds(env: Env, model: string): number[] {
  if (env.context.active_model !== undefined && env.context.active_model !== model) return [];
  const ids = env.context.active_ids ?? (env.context.active_id !== undefined ? [env.context.active_id] : []);
  return (Array.isArray(ids) ? ids : [ids]).map(Number).filter(Number.isInteger);
}

export const accountAccount: ModelDef = {
  name: 'account.account',
  description: 'Account',
  table: 'account_account',
  order: 'code, company_id',
  displayName: (a) => `${a}.code || ' ' || (${a}.name->>'en_US')`,
  fields: { name: char('Account Name', { translate: true }), code: char('Code'), account_type: selection('Type'), reconcile: boolean('Allow Reconciliation'), company_id: many2one('res.company', 'Company') },
  methods: {},
};

export const accountJournal: ModelDef = {
  name: 'account.journal',
  description: 'Journal',
  table: 'account_journal',
  order: 'sequence, type, code',
  displayName: (a) => `(${a}.name->>'en_US')`,
  fields: {
    name: char('Journal Name', { translate: true }), code: char('Short Code'), type: selection('Type'), sequence: integer('Sequence', { sql: () => '10' }),
    default_account_id: many2one('account.account', 'Default Account'), company_id: many2one('res.company', 'Company'), active: boolean('Active'),
  },
  methods: {},
};

export const accountMoveLine: ModelDef = {
  name: 'account.move.line',
  description: 'Journal Item',
  table: 'account_move_line',
  order: 'date desc, move_name desc, id',
  displayName: (a) => `COALESCE(${a}.move_name, '') || COALESCE(' - ' || ${a}.name, '')`,
  fields: {
    move_id: many2one('account.move', 'Journal Entry'),
    move_name: char('Number'),
    parent_state: selection('Status'),
    date: date('Date'),
    journal_id: many2one('account.journal', 'Journal'),
    company_id: many2one('res.company', 'Company'),
    account_id: many2one('account.account', 'Account'),
    account_type: selection('Internal Type'),
    partner_id: many2one('res.partner', 'Partner'),
    product_id: many2one('product.product', 'Product'),
    display_type: selection('Display Type'),
    name: char('Label'),
    quantity: float('Quantity'),
    price_unit: float('Unit Price'),
    price_subtotal: monetary('Subtotal'),
    price_total: monetary('Total'),
    debit: monetary('Debit'),
    credit: monetary('Credit'),
    balance: monetary('Balance'),
    amount_residual: monetary('Residual Amount'),
    reconciled: boolean('Reconciled'),
    currency_id: many2one('res.currency', 'Currency'),
    ...auditFields(),
  },
  methods: {},
};

export const accountMove: ModelDef = {
  name: 'account.move',
  description: 'Journal Entry',
  table: 'account_move',
  order: 'date desc, name desc, invoice_date desc, id desc',
  displayName: (a) => `CASE WHEN ${a}.name IS NULL OR ${a}.name = '/' THEN 'Draft ' || CASE ${a}.move_type WHEN 'out_invoice' THEN 'Invoice' WHEN 'in_invoice' THEN 'Bill' ELSE 'Entry' END || ' (* ' || ${a}.id || ')' ELSE ${a}.name END`,
  fields: {
    name: char('Number'),
    ref: char('Reference', { writable: true }),
    move_type: selection('Type'),
    state: selection('Status'),
    date: date('Date', { writable: true }),
    invoice_date: date('Invoice/Bill Date', { writable: true }),
    invoice_date_due: date('Due Date', { writable: true }),
    invoice_origin: char('Origin'),
    payment_reference: char('Payment Reference', { writable: true }),
    payment_state: selection('Payment Status'),
    partner_id: many2one('res.partner', 'Partner'),
    journal_id: many2one('account.journal', 'Journal'),
    company_id: many2one('res.company', 'Company'),
    currency_id: many2one('res.currency', 'Currency'),
    amount_untaxed: monetary('Untaxed Amount'),
    amount_tax: monetary('Tax'),
    amount_total: monetary('Total'),
    amount_residual: monetary('Amount Due'),
    line_ids: one2many('account.move.line', 'move_id', 'Journal Items'),
    invoice_line_ids: one2many('account.move.line', 'move_id', 'Invoice lines'),
    ...auditFields(),
  },
  methods: {
    /** account_move.py `action_post` → False (always). */
    async action_post(env, args) {
      const ids = await ensureExist(env, accountMove, recordIds(args));
      env.spend(0.3);
      for (const id of ids) await postMove(env, id);
      env.spend(0.4);
      return false;
    },
    /** account_move.py `action_register_payment`: the Register Payment dialog on these invoices. */
    async action_register_payment(env, args) {
      const ids = await ensureExist(env, accountMove, recordIds(args));
      env.spend(1);
      return {
        name: 'Register Payment', type: 'ir.actions.act_window', res_model: 'account.payment.register', view_mode: 'form', views: [[false, 'form']], target: 'new',
        context: { active_model: 'account.move', active_ids: ids, dont_redirect_to_payments: true, display_account_trust: true },
      };
    },
  },
};

/**
 * `_post`: checks, the invoice date, the next number of the journal's sequence (sequence.mixin:
 * the last `sequence_number` of the journal and prefix, + 1; concurrent posts in one journal
 * serialize on the journal row), then state 'posted' on the move and its lines.
 */
export async function postMove(env: Env, id: number): Promise<void> {
  const move = await env.cr.query<{ state: string; move_type: string; journal_id: number; partner_id: number | null; amount_total: string; invoice_date: string | null }>(
    `SELECT state, move_type, journal_id, partner_id, amount_total, to_char(invoice_date, 'YYYY-MM-DD') AS invoice_date FROM account_move WHERE id = $1`, [id]);
  const row = move.rows[0];
  if (!row) return;
  // account_move.py _post
  if (row.state === 'posted') throw new UserError('The entry is already posted.');
  if (row.move_type !== 'entry' && !row.partner_id) throw new UserError('The field \'Customer\' is required, please complete it to validate the Customer Invoice.');
  if (row.move_type !== 'entry' && Number(row.amount_total) < 0) throw new UserError('You cannot validate an invoice with a negative total amount. You should create a credit note instead. Use the action menu to transform it into a credit note or refund.');
  await env.cr.query('UPDATE account_journal SET sequence_prefix = sequence_prefix WHERE id = $1', [row.journal_id]);
  const journal = await env.cr.query<{ code: string }>('SELECT code FROM account_journal WHERE id = $1', [row.journal_id]);
  const year = new Date().getUTCFullYear();
  const prefix = `${journal.rows[0]?.code ?? 'MISC'}/${year}/`;
  const last = await env.cr.query<{ n: number | null }>(
    'SELECT max(sequence_number) AS n FROM account_move WHERE journal_id = $1 AND sequence_prefix = $2', [row.journal_id, prefix]);
  const number = (last.rows[0]?.n ?? 0) + 1;
  const name = `${prefix}${String(number).padStart(5, '0')}`;
  await env.cr.query(
    `UPDATE account_move SET state = 'posted', name = $2, sequence_prefix = $3, sequence_number = $4, invoice_date = COALESCE(invoice_date, ${TODAY}),
            date = COALESCE(invoice_date, date), write_uid = $5, write_date = ${NOW} WHERE id = $1`,
    [id, name, prefix, number, env.uid],
  );
  await env.cr.query(`UPDATE account_move_line SET parent_state = 'posted', move_name = $2, date = (SELECT date FROM account_move WHERE id = $1), write_date = ${NOW} WHERE move_id = $1`, [id, name]);
  if (row.partner_id && row.move_type === 'out_invoice') {
    await env.cr.query('UPDATE res_partner SET customer_rank = customer_rank + 1 WHERE id = $1', [row.partner_id]);
  }
}

interface InvoiceLine {
  productId: number;
  name: string;
  quantity: number;
  priceUnit: number;
  saleLineId?: number;
}

/**
 * A draft customer invoice or vendor bill (`_create_invoices` / `action_create_invoice`): one
 * product line per invoiced line on the income (expense) account and one receivable (payable) line.
 */
export async function createInvoice(env: Env, kind: 'out_invoice' | 'in_invoice', partnerId: number, origin: string, lines: InvoiceLine[]): Promise<number> {
  const total = Math.round(lines.reduce((sum, l) => sum + l.quantity * l.priceUnit, 0) * 100) / 100;
  const journal = kind === 'out_invoice' ? LAB_JOURNALS.sale : LAB_JOURNALS.purchase;
  const sign = kind === 'out_invoice' ? 1 : -1;
  const move = await env.cr.query<{ id: number }>(
    `INSERT INTO account_move (name, move_type, state, date, invoice_origin, payment_state, partner_id, commercial_partner_id, journal_id, company_id, currency_id,
                               amount_untaxed, amount_tax, amount_total, amount_residual, create_uid, create_date, write_uid, write_date)
     VALUES ('/', $1, 'draft', ${TODAY}, $2, 'not_paid', $3, $3, $4, $5, 1, $6, 0, $6, $6, $7, ${NOW}, $7, ${NOW}) RETURNING id`,
    [kind, origin, partnerId, journal, LAB_IDS.company, total, env.uid],
  );
  const moveId = move.rows[0]?.id ?? 0;
  const insertLine = async (account: number, accountType: string, values: { name: string; productId?: number; quantity?: number; priceUnit?: number; balance: number; residual: number; display: string }) => {
    const line = await env.cr.query<{ id: number }>(
      `INSERT INTO account_move_line (move_id, move_name, parent_state, date, journal_id, company_id, account_id, account_type, partner_id, product_id,
                                      display_type, name, quantity, price_unit, price_subtotal, price_total, debit, credit, balance, amount_residual, reconciled,
                                      currency_id, create_uid, create_date, write_uid, write_date)
       VALUES ($1, '/', 'draft', ${TODAY}, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $15, $16, false, 1, $17, ${NOW}, $17, ${NOW}) RETURNING id`,
      [moveId, journal, LAB_IDS.company, account, accountType, partnerId, values.productId ?? null, values.display, values.name, values.quantity ?? null, values.priceUnit ?? null,
        values.display === 'product' ? Math.abs(values.balance) : null, Math.max(0, values.balance), Math.max(0, -values.balance), values.balance, values.residual, env.uid],
    );
    return line.rows[0]?.id ?? 0;
  };
  for (const l of lines) {
    const subtotal = Math.round(l.quantity * l.priceUnit * 100) / 100;
    const lineId = await insertLine(kind === 'out_invoice' ? LAB_ACCOUNTS.income : LAB_ACCOUNTS.stockInterim, kind === 'out_invoice' ? 'income' : 'liability_current', {
      name: l.name, productId: l.productId, quantity: l.quantity, priceUnit: l.priceUnit, balance: -sign * subtotal, residual: 0, display: 'product',
    });
    if (l.saleLineId) await env.cr.query('INSERT INTO sale_order_line_invoice_rel (invoice_line_id, order_line_id) VALUES ($1, $2)', [lineId, l.saleLineId]);
  }
  await insertLine(kind === 'out_invoice' ? LAB_ACCOUNTS.receivable : LAB_ACCOUNTS.payable, kind === 'out_invoice' ? 'asset_receivable' : 'liability_payable', {
    name: '', balance: sign * total, residual: sign * total, display: 'payment_term',
  });
  return moveId;
}

/** The action `sale.order.action_view_invoice` returns for one invoice (keys as a real Odoo 17 answers). */
function invoiceAction(invoiceId: number, order: { name: string; partner_id: number }, paymentTermId: number | null): Record<string, unknown> {
  return {
    binding_model_id: false, binding_type: 'action', binding_view_types: 'list,form',
    // default_invoice_payment_term_id is None without payment terms: XML-RPC then fails to marshal the reply
    context: { default_move_type: 'out_invoice', default_partner_id: order.partner_id, default_partner_shipping_id: order.partner_id, default_invoice_payment_term_id: paymentTermId, default_invoice_origin: order.name },
    display_name: 'Invoices', domain: "[('move_type', '=', 'out_invoice')]", filter: false, groups_id: [], help: false, id: 254, limit: 80,
    mobile_view_mode: 'kanban', name: 'Invoices', res_id: invoiceId, res_model: 'account.move', search_view_id: [684, 'account.invoice.select'],
    target: 'current', type: 'ir.actions.act_window', view_id: [674, 'account.out.invoice.tree'], view_mode: 'tree,kanban,form,activity',
    views: [[681, 'form'], [674, 'tree'], [false, 'kanban'], [false, 'activity']], xml_id: 'account.action_move_out_invoice_type',
  };
}

/** sale.advance.payment.inv (TransientModel): `create` with the orders of the context, `create_invoices`. */
export const saleAdvancePaymentInv: ModelDef = {
  name: 'sale.advance.payment.inv',
  description: 'Sales Advance Payment Invoice',
  table: 'sale_advance_payment_inv',
  order: 'id',
  displayName: (a) => `'sale.advance.payment.inv,' || ${a}.id`,
  fields: { advance_payment_method: selection('Create Invoice', { writable: true }), ...auditFields() },
  methods: {
    async create(env, args, kwargs) {
      const first = argument(args, kwargs, 0, 'vals_list', undefined);
      const list = Array.isArray(first) ? first : [first];
      const ids: number[] = [];
      for (const vals of list) {
        const method = isRecord(vals) && typeof vals.advance_payment_method === 'string' ? vals.advance_payment_method : 'delivered';
        if (method !== 'delivered') throw new UserError('The lab models regular invoices only (advance_payment_method = \'delivered\').');
        ids.push(await insert(env, saleAdvancePaymentInv, { advance_payment_method: method }, { sale_order_ids: activeIds(env, 'sale.order') }));
      }
      env.spend(0.5);
      return Array.isArray(first) ? ids : ids[0];
    },
    /** → `action_view_invoice` of the new invoice (see invoiceAction for the None it carries). */
    async create_invoices(env, args) {
      const ids = await ensureExist(env, saleAdvancePaymentInv, recordIds(args));
      const wizard = await env.cr.query<{ sale_order_ids: number[] | null }>('SELECT sale_order_ids FROM sale_advance_payment_inv WHERE id = $1', [ids[0]]);
      const orderIds = wizard.rows[0]?.sale_order_ids ?? [];
      env.spend(0.3);
      let lastInvoice = 0;
      let lastOrder = { name: '', partner_id: 0 };
      for (const orderId of orderIds) {
        const order = await env.cr.query<{ name: string; partner_invoice_id: number; state: string }>('SELECT name, partner_invoice_id, state FROM sale_order WHERE id = $1', [orderId]);
        const lines = await env.cr.query<{ id: number; product_id: number; name: string; price_unit: string; to_invoice: string }>(
          `SELECT l.id, l.product_id, l.name, l.price_unit,
                  (CASE WHEN t.invoice_policy = 'order' THEN l.product_uom_qty ELSE l.qty_delivered END) - l.qty_invoiced AS to_invoice
           FROM sale_order_line l JOIN product_product p ON p.id = l.product_id JOIN product_template t ON t.id = p.product_tmpl_id
           WHERE l.order_id = $1 ORDER BY l.sequence, l.id`,
          [orderId],
        );
        const invoiceable = lines.rows.filter((l) => Number(l.to_invoice) > 0);
        const head = order.rows[0];
        if (!head || head.state !== 'sale' || invoiceable.length === 0) {
          // sale_order.py _nothing_to_invoice_error_message
          throw new UserError(
            'Cannot create an invoice. No items are available to invoice.\n\nTo resolve this issue, please ensure that:\n' +
              '   \u2022 The products have been delivered before attempting to invoice them.\n   \u2022 The invoicing policy of the product is configured correctly.\n\n' +
              'If you want to invoice based on ordered quantities instead:\n' +
              "   \u2022 For consumable or storable products, open the product, go to the 'General Information' tab and change the 'Invoicing Policy' from 'Delivered Quantities' to 'Ordered Quantities'.\n" +
              "   \u2022 For services (and other products), change the 'Invoicing Policy' to 'Prepaid/Fixed Price'.\n",
          );
        }
        lastInvoice = await createInvoice(env, 'out_invoice', head.partner_invoice_id, head.name,
          invoiceable.map((l) => ({ productId: l.product_id, name: l.name, quantity: Number(l.to_invoice), priceUnit: Number(l.price_unit), saleLineId: l.id })));
        for (const l of invoiceable) await env.cr.query('UPDATE sale_order_line SET qty_invoiced = qty_invoiced + $2 WHERE id = $1', [l.id, Number(l.to_invoice)]);
        await env.cr.query(`UPDATE sale_order SET invoice_status = 'invoiced', write_date = ${NOW} WHERE id = $1`, [orderId]);
        lastOrder = { name: head.name, partner_id: head.partner_invoice_id };
      }
      env.spend(0.4);
      return invoiceAction(lastInvoice, lastOrder, null);
    },
  },
};

export const accountPayment: ModelDef = {
  name: 'account.payment',
  description: 'Payments',
  table: 'account_payment',
  order: 'id desc',
  displayName: (a) => `(SELECT m.name FROM account_move m WHERE m.id = ${a}.move_id)`,
  fields: {
    move_id: many2one('account.move', 'Journal Entry'), payment_type: selection('Payment Type'), partner_type: selection('Partner Type'),
    partner_id: many2one('res.partner', 'Customer/Vendor'), amount: monetary('Amount'), payment_reference: char('Payment Reference'),
    journal_id: many2one('account.journal', 'Journal'), company_id: many2one('res.company', 'Company'), ...auditFields(),
  },
  methods: {},
};

/** account.payment.register (TransientModel): `create` on the invoices of the context, `action_create_payments`. */
export const accountPaymentRegister: ModelDef = {
  name: 'account.payment.register',
  description: 'Pay',
  table: 'account_payment_register',
  order: 'id',
  displayName: (a) => `'account.payment.register,' || ${a}.id`,
  fields: { communication: char('Memo', { writable: true }), amount: monetary('Amount', { writable: true }), payment_date: date('Payment Date', { writable: true }), ...auditFields() },
  methods: {
    async create(env, args, kwargs) {
      const first = argument(args, kwargs, 0, 'vals_list', undefined);
      const list = Array.isArray(first) ? first : [first];
      const moveIds = activeIds(env, 'account.move');
      const lines = await env.cr.query<{ id: number; state: string }>(
        `SELECT l.id, m.state FROM account_move_line l JOIN account_move m ON m.id = l.move_id
         WHERE l.move_id = ANY($1) AND l.account_type IN ('asset_receivable', 'liability_payable') AND NOT l.reconciled`,
        [moveIds],
      );
      // account_payment_register.py _get_batches / default_get
      if (lines.rows.some((l) => l.state !== 'posted') || (moveIds.length && !lines.rows.length)) {
        throw new UserError("You can only register payment for posted journal entries.");
      }
      const ids: number[] = [];
      for (const vals of list) ids.push(await insert(env, accountPaymentRegister, isRecord(vals) ? vals : {}, { line_ids: lines.rows.map((l) => l.id), journal_id: LAB_JOURNALS.bank }));
      env.spend(0.5);
      return Array.isArray(first) ? ids : ids[0];
    },
    /** → the created payment's form action (`{context: {create: false}, name: 'Payments', res_id, res_model: 'account.payment', type, view_mode: 'form'}`). */
    async action_create_payments(env, args) {
      const ids = await ensureExist(env, accountPaymentRegister, recordIds(args));
      const wizard = await env.cr.query<{ line_ids: number[] | null; communication: string | null; amount: string | null }>('SELECT line_ids, communication, amount FROM account_payment_register WHERE id = $1', [ids[0]]);
      const lineIds = wizard.rows[0]?.line_ids ?? [];
      const lines = await env.cr.query<{ id: number; move_id: number; partner_id: number; amount_residual: string; move_name: string }>(
        'SELECT id, move_id, partner_id, amount_residual, move_name FROM account_move_line WHERE id = ANY($1) AND NOT reconciled ORDER BY id FOR NO KEY UPDATE', [lineIds]);
      env.spend(0.3);
      let paymentId = 0;
      for (const line of lines.rows) {
        const amount = Number(line.amount_residual);
        const inbound = amount > 0;
        const entry = await env.cr.query<{ id: number }>(
          `INSERT INTO account_move (name, ref, move_type, state, date, partner_id, commercial_partner_id, journal_id, company_id, currency_id,
                                     amount_untaxed, amount_tax, amount_total, amount_residual, create_uid, create_date, write_uid, write_date)
           VALUES ('/', $1, 'entry', 'draft', ${TODAY}, $2, $2, $3, $4, 1, 0, 0, $5, 0, $6, ${NOW}, $6, ${NOW}) RETURNING id`,
          [wizard.rows[0]?.communication ?? line.move_name, line.partner_id, LAB_JOURNALS.bank, LAB_IDS.company, Math.abs(amount), env.uid],
        );
        const entryId = entry.rows[0]?.id ?? 0;
        for (const [account, type, balance] of [
          [LAB_ACCOUNTS.outstandingReceipts, 'asset_current', amount],
          [inbound ? LAB_ACCOUNTS.receivable : LAB_ACCOUNTS.payable, inbound ? 'asset_receivable' : 'liability_payable', -amount],
        ] as Array<[number, string, number]>) {
          await env.cr.query(
            `INSERT INTO account_move_line (move_id, move_name, parent_state, date, journal_id, company_id, account_id, account_type, partner_id, display_type, name,
                                            debit, credit, balance, amount_residual, reconciled, currency_id, create_uid, create_date, write_uid, write_date)
             VALUES ($1, '/', 'draft', ${TODAY}, $2, $3, $4, $5, $6, 'product', $7, $8, $9, $10, 0, $11, 1, $12, ${NOW}, $12, ${NOW})`,
            [entryId, LAB_JOURNALS.bank, LAB_IDS.company, account, type, line.partner_id, wizard.rows[0]?.communication ?? '', Math.max(0, balance), Math.max(0, -balance), balance, account !== LAB_ACCOUNTS.outstandingReceipts, env.uid],
          );
        }
        const payment = await env.cr.query<{ id: number }>(
          `INSERT INTO account_payment (move_id, payment_type, partner_type, partner_id, amount, payment_reference, journal_id, company_id, create_uid, create_date, write_uid, write_date)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ${NOW}, $9, ${NOW}) RETURNING id`,
          [entryId, inbound ? 'inbound' : 'outbound', inbound ? 'customer' : 'supplier', line.partner_id, Math.abs(amount), wizard.rows[0]?.communication ?? null, LAB_JOURNALS.bank, LAB_IDS.company, env.uid],
        );
        paymentId = payment.rows[0]?.id ?? 0;
        await postMove(env, entryId);
        // reconcile: the invoice's receivable line is settled
        await env.cr.query(`UPDATE account_move_line SET amount_residual = 0, reconciled = true, write_date = ${NOW} WHERE id = $1`, [line.id]);
        await env.cr.query(
          `UPDATE account_move SET amount_residual = (SELECT COALESCE(sum(abs(amount_residual)), 0) FROM account_move_line WHERE move_id = $1 AND account_type IN ('asset_receivable', 'liability_payable')),
                  payment_state = CASE WHEN (SELECT bool_and(reconciled) FROM account_move_line WHERE move_id = $1 AND account_type IN ('asset_receivable', 'liability_payable')) THEN 'paid' ELSE 'partial' END,
                  write_date = ${NOW} WHERE id = $1`,
          [line.move_id],
        );
      }
      env.spend(0.4);
      return { context: { create: false }, name: 'Payments', res_id: paymentId, res_model: 'account.payment', type: 'ir.actions.act_window', view_mode: 'form' };
    },
  },
};

