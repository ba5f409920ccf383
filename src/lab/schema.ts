/**
 * The lab's Odoo 17 schema (DDL), kept in a .ts module so that `tsc` ships it to dist/ with the CLI.
 * See the header comment inside the SQL for what it mirrors.
 */
export const LAB_SCHEMA_SQL = `
-- The lab's Odoo 17 schema: the tables one order-to-delivery journey touches, with Odoo's table
-- and column names, its audit columns (create_uid/create_date/write_uid/write_date), the indexes
-- Odoo creates for index=True fields and its foreign keys (ON DELETE as the ORM declares them).
-- Float fields with digits are numeric in Odoo 17 (fields.Float.column_type), so are they here.
-- Source of names: odoo/addons/{base,product,stock,sale,sale_stock,stock_account}/models/*.py (17.0).

CREATE TABLE res_currency (
  id serial PRIMARY KEY,
  name varchar NOT NULL UNIQUE,
  symbol varchar NOT NULL,
  rounding numeric NOT NULL DEFAULT 0.01,
  active boolean DEFAULT true
);

CREATE TABLE res_partner (
  id serial PRIMARY KEY,
  name varchar,
  complete_name varchar,
  company_id integer,
  parent_id integer REFERENCES res_partner (id) ON DELETE SET NULL,
  ref varchar,
  email varchar,
  phone varchar,
  street varchar,
  city varchar,
  zip varchar,
  is_company boolean DEFAULT false,
  customer_rank integer DEFAULT 0,
  supplier_rank integer DEFAULT 0,
  vat varchar,
  country_id integer,
  lang varchar DEFAULT 'en_US',
  active boolean DEFAULT true,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX res_partner__complete_name_index ON res_partner (complete_name);
CREATE INDEX res_partner__company_id_index ON res_partner (company_id);
CREATE INDEX res_partner__parent_id_index ON res_partner (parent_id);
CREATE INDEX res_partner__ref_index ON res_partner (ref);
CREATE INDEX res_partner__email_index ON res_partner (email);

CREATE TABLE res_company (
  id serial PRIMARY KEY,
  name varchar NOT NULL UNIQUE,
  partner_id integer NOT NULL REFERENCES res_partner (id) ON DELETE RESTRICT,
  currency_id integer NOT NULL REFERENCES res_currency (id) ON DELETE RESTRICT,
  create_date timestamp without time zone,
  write_date timestamp without time zone
);
ALTER TABLE res_partner ADD FOREIGN KEY (company_id) REFERENCES res_company (id) ON DELETE SET NULL;

CREATE TABLE res_users (
  id serial PRIMARY KEY,
  login varchar NOT NULL,
  password varchar,
  partner_id integer NOT NULL REFERENCES res_partner (id) ON DELETE RESTRICT,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  active boolean DEFAULT true,
  share boolean DEFAULT false,
  login_date timestamp without time zone,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone,
  CONSTRAINT res_users_login_key UNIQUE (login)
);

CREATE TABLE uom_uom (
  id serial PRIMARY KEY,
  name jsonb NOT NULL,
  factor numeric NOT NULL DEFAULT 1,
  rounding numeric NOT NULL DEFAULT 0.01,
  uom_type varchar NOT NULL DEFAULT 'reference',
  active boolean DEFAULT true
);

CREATE TABLE product_category (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  complete_name varchar,
  parent_id integer REFERENCES product_category (id) ON DELETE CASCADE,
  parent_path varchar,
  -- company-dependent properties (ir_property in Odoo), flattened for the lab
  property_cost_method varchar NOT NULL DEFAULT 'fifo',
  property_valuation varchar NOT NULL DEFAULT 'real_time'
);
CREATE INDEX product_category__parent_path_index ON product_category (parent_path);

CREATE TABLE product_template (
  id serial PRIMARY KEY,
  name jsonb NOT NULL,
  detailed_type varchar NOT NULL,
  type varchar NOT NULL,
  categ_id integer NOT NULL REFERENCES product_category (id) ON DELETE RESTRICT,
  uom_id integer NOT NULL REFERENCES uom_uom (id) ON DELETE RESTRICT,
  uom_po_id integer NOT NULL REFERENCES uom_uom (id) ON DELETE RESTRICT,
  company_id integer REFERENCES res_company (id) ON DELETE SET NULL,
  list_price numeric,
  sale_ok boolean DEFAULT true,
  purchase_ok boolean DEFAULT true,
  tracking varchar NOT NULL DEFAULT 'none',
  invoice_policy varchar DEFAULT 'order',
  purchase_method varchar DEFAULT 'receive',
  description_sale text,
  sale_line_warn varchar NOT NULL DEFAULT 'no-message',
  priority varchar DEFAULT '0',
  active boolean DEFAULT true,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX product_template__company_id_index ON product_template (company_id);

CREATE TABLE product_product (
  id serial PRIMARY KEY,
  product_tmpl_id integer NOT NULL REFERENCES product_template (id) ON DELETE CASCADE,
  default_code varchar,
  barcode varchar,
  combination_indices varchar,
  -- company-dependent standard_price (ir_property in Odoo), flattened for the lab
  standard_price numeric DEFAULT 0,
  active boolean DEFAULT true,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX product_product__product_tmpl_id_index ON product_product (product_tmpl_id);
CREATE INDEX product_product__default_code_index ON product_product (default_code);
CREATE INDEX product_product__barcode_index ON product_product (barcode);
CREATE UNIQUE INDEX product_product_combination_unique ON product_product (product_tmpl_id, combination_indices) WHERE active IS TRUE;

CREATE TABLE stock_location (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  complete_name varchar,
  usage varchar NOT NULL,
  location_id integer REFERENCES stock_location (id) ON DELETE CASCADE,
  parent_path varchar,
  company_id integer REFERENCES res_company (id) ON DELETE SET NULL,
  warehouse_id integer,
  barcode varchar,
  active boolean DEFAULT true,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone,
  CONSTRAINT stock_location_barcode_company_uniq UNIQUE (barcode, company_id)
);
CREATE INDEX stock_location__parent_path_index ON stock_location (parent_path);
CREATE INDEX stock_location__usage_index ON stock_location (usage);
CREATE INDEX stock_location__company_id_index ON stock_location (company_id);

CREATE TABLE ir_sequence (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  code varchar,
  implementation varchar NOT NULL DEFAULT 'standard',
  prefix varchar,
  padding integer NOT NULL DEFAULT 0,
  number_increment integer NOT NULL DEFAULT 1,
  number_next integer NOT NULL DEFAULT 1,
  company_id integer REFERENCES res_company (id) ON DELETE SET NULL,
  active boolean DEFAULT true
);

CREATE TABLE stock_warehouse (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  code varchar NOT NULL,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  partner_id integer REFERENCES res_partner (id) ON DELETE SET NULL,
  view_location_id integer NOT NULL REFERENCES stock_location (id) ON DELETE RESTRICT,
  lot_stock_id integer NOT NULL REFERENCES stock_location (id) ON DELETE RESTRICT,
  delivery_steps varchar NOT NULL DEFAULT 'ship_only',
  reception_steps varchar NOT NULL DEFAULT 'one_step',
  in_type_id integer,
  out_type_id integer,
  active boolean DEFAULT true,
  CONSTRAINT stock_warehouse_warehouse_name_uniq UNIQUE (name, company_id),
  CONSTRAINT stock_warehouse_warehouse_code_uniq UNIQUE (code, company_id)
);
ALTER TABLE stock_location ADD FOREIGN KEY (warehouse_id) REFERENCES stock_warehouse (id) ON DELETE SET NULL;

CREATE TABLE stock_picking_type (
  id serial PRIMARY KEY,
  name jsonb NOT NULL,
  code varchar NOT NULL,
  sequence_code varchar NOT NULL,
  sequence_id integer REFERENCES ir_sequence (id) ON DELETE SET NULL,
  warehouse_id integer REFERENCES stock_warehouse (id) ON DELETE CASCADE,
  default_location_src_id integer REFERENCES stock_location (id) ON DELETE SET NULL,
  default_location_dest_id integer REFERENCES stock_location (id) ON DELETE SET NULL,
  reservation_method varchar NOT NULL DEFAULT 'at_confirm',
  create_backorder varchar NOT NULL DEFAULT 'ask',
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  active boolean DEFAULT true
);
ALTER TABLE stock_warehouse ADD FOREIGN KEY (in_type_id) REFERENCES stock_picking_type (id) ON DELETE SET NULL;
ALTER TABLE stock_warehouse ADD FOREIGN KEY (out_type_id) REFERENCES stock_picking_type (id) ON DELETE SET NULL;

CREATE TABLE stock_quant (
  id serial PRIMARY KEY,
  product_id integer NOT NULL REFERENCES product_product (id) ON DELETE RESTRICT,
  company_id integer REFERENCES res_company (id) ON DELETE SET NULL,
  location_id integer NOT NULL REFERENCES stock_location (id) ON DELETE RESTRICT,
  lot_id integer,
  package_id integer,
  owner_id integer REFERENCES res_partner (id) ON DELETE RESTRICT,
  quantity numeric NOT NULL DEFAULT 0,
  reserved_quantity numeric NOT NULL DEFAULT 0,
  inventory_quantity numeric,
  inventory_quantity_set boolean DEFAULT false,
  in_date timestamp without time zone NOT NULL,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX stock_quant__product_id_index ON stock_quant (product_id);
CREATE INDEX stock_quant__location_id_index ON stock_quant (location_id);
CREATE INDEX stock_quant_product_location_index ON stock_quant (product_id, location_id, company_id, lot_id, package_id, owner_id);

CREATE TABLE procurement_group (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  move_type varchar NOT NULL DEFAULT 'direct',
  partner_id integer REFERENCES res_partner (id) ON DELETE SET NULL,
  sale_id integer,
  create_date timestamp without time zone
);

CREATE TABLE sale_order (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  state varchar DEFAULT 'draft',
  date_order timestamp without time zone NOT NULL,
  partner_id integer NOT NULL REFERENCES res_partner (id) ON DELETE RESTRICT,
  partner_invoice_id integer NOT NULL REFERENCES res_partner (id) ON DELETE RESTRICT,
  partner_shipping_id integer NOT NULL REFERENCES res_partner (id) ON DELETE RESTRICT,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  currency_id integer REFERENCES res_currency (id) ON DELETE RESTRICT,
  user_id integer REFERENCES res_users (id) ON DELETE SET NULL,
  warehouse_id integer REFERENCES stock_warehouse (id) ON DELETE RESTRICT,
  procurement_group_id integer REFERENCES procurement_group (id) ON DELETE SET NULL,
  picking_policy varchar NOT NULL DEFAULT 'direct',
  client_order_ref varchar,
  origin varchar,
  note text,
  amount_untaxed numeric,
  amount_tax numeric,
  amount_total numeric,
  invoice_status varchar,
  delivery_status varchar,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX sale_order__name_index ON sale_order (name);
CREATE INDEX sale_order__state_index ON sale_order (state);
CREATE INDEX sale_order__date_order_index ON sale_order (date_order);
CREATE INDEX sale_order__partner_id_index ON sale_order (partner_id);
CREATE INDEX sale_order__company_id_index ON sale_order (company_id);
ALTER TABLE procurement_group ADD FOREIGN KEY (sale_id) REFERENCES sale_order (id) ON DELETE SET NULL;

CREATE TABLE sale_order_line (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES sale_order (id) ON DELETE CASCADE,
  sequence integer DEFAULT 10,
  name text NOT NULL,
  product_id integer REFERENCES product_product (id) ON DELETE RESTRICT,
  product_uom integer REFERENCES uom_uom (id) ON DELETE RESTRICT,
  product_uom_qty numeric NOT NULL,
  price_unit numeric NOT NULL,
  discount numeric DEFAULT 0,
  price_subtotal numeric,
  price_tax double precision,
  price_total numeric,
  qty_delivered numeric DEFAULT 0,
  qty_invoiced numeric DEFAULT 0,
  customer_lead double precision NOT NULL DEFAULT 0,
  state varchar,
  company_id integer REFERENCES res_company (id) ON DELETE RESTRICT,
  currency_id integer REFERENCES res_currency (id) ON DELETE RESTRICT,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX sale_order_line__order_id_index ON sale_order_line (order_id);
CREATE INDEX sale_order_line__product_id_index ON sale_order_line (product_id);

CREATE TABLE stock_picking (
  id serial PRIMARY KEY,
  name varchar,
  origin varchar,
  note text,
  move_type varchar NOT NULL DEFAULT 'direct',
  state varchar,
  group_id integer REFERENCES procurement_group (id) ON DELETE SET NULL,
  priority varchar DEFAULT '0',
  scheduled_date timestamp without time zone,
  date_deadline timestamp without time zone,
  date_done timestamp without time zone,
  location_id integer NOT NULL REFERENCES stock_location (id) ON DELETE RESTRICT,
  location_dest_id integer NOT NULL REFERENCES stock_location (id) ON DELETE RESTRICT,
  picking_type_id integer NOT NULL REFERENCES stock_picking_type (id) ON DELETE RESTRICT,
  partner_id integer REFERENCES res_partner (id) ON DELETE SET NULL,
  company_id integer REFERENCES res_company (id) ON DELETE SET NULL,
  user_id integer REFERENCES res_users (id) ON DELETE SET NULL,
  sale_id integer REFERENCES sale_order (id) ON DELETE SET NULL,
  backorder_id integer REFERENCES stock_picking (id) ON DELETE SET NULL,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone,
  CONSTRAINT stock_picking_name_uniq UNIQUE (name, company_id)
);
CREATE INDEX stock_picking__origin_index ON stock_picking (origin);
CREATE INDEX stock_picking__state_index ON stock_picking (state);
CREATE INDEX stock_picking__scheduled_date_index ON stock_picking (scheduled_date);
CREATE INDEX stock_picking__picking_type_id_index ON stock_picking (picking_type_id);
CREATE INDEX stock_picking__sale_id_index ON stock_picking (sale_id);
CREATE INDEX stock_picking__group_id_index ON stock_picking (group_id);

CREATE TABLE stock_move (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  reference varchar,
  origin varchar,
  sequence integer DEFAULT 10,
  priority varchar DEFAULT '0',
  date timestamp without time zone NOT NULL,
  date_deadline timestamp without time zone,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  product_id integer NOT NULL REFERENCES product_product (id) ON DELETE RESTRICT,
  product_uom_qty numeric NOT NULL,
  product_uom integer NOT NULL REFERENCES uom_uom (id) ON DELETE RESTRICT,
  product_qty numeric,
  quantity numeric DEFAULT 0,
  picked boolean DEFAULT false,
  location_id integer NOT NULL REFERENCES stock_location (id) ON DELETE RESTRICT,
  location_dest_id integer NOT NULL REFERENCES stock_location (id) ON DELETE RESTRICT,
  partner_id integer REFERENCES res_partner (id) ON DELETE SET NULL,
  picking_id integer REFERENCES stock_picking (id) ON DELETE SET NULL,
  picking_type_id integer REFERENCES stock_picking_type (id) ON DELETE SET NULL,
  state varchar,
  procure_method varchar NOT NULL DEFAULT 'make_to_stock',
  price_unit double precision,
  group_id integer REFERENCES procurement_group (id) ON DELETE SET NULL,
  sale_line_id integer REFERENCES sale_order_line (id) ON DELETE SET NULL,
  purchase_line_id integer,
  orderpoint_id integer,
  warehouse_id integer REFERENCES stock_warehouse (id) ON DELETE SET NULL,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX stock_move__reference_index ON stock_move (reference);
CREATE INDEX stock_move__product_id_index ON stock_move (product_id);
CREATE INDEX stock_move__picking_id_index ON stock_move (picking_id);
CREATE INDEX stock_move__sale_line_id_index ON stock_move (sale_line_id);
CREATE INDEX stock_move__state_index ON stock_move (state);
CREATE INDEX stock_move_product_location_index ON stock_move (product_id, location_id, location_dest_id, company_id, state);

CREATE TABLE stock_move_line (
  id serial PRIMARY KEY,
  picking_id integer REFERENCES stock_picking (id) ON DELETE SET NULL,
  move_id integer REFERENCES stock_move (id) ON DELETE CASCADE,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  product_id integer REFERENCES product_product (id) ON DELETE CASCADE,
  product_uom_id integer NOT NULL REFERENCES uom_uom (id) ON DELETE RESTRICT,
  quantity numeric,
  quantity_product_uom numeric,
  picked boolean DEFAULT false,
  lot_id integer,
  lot_name varchar,
  package_id integer,
  result_package_id integer,
  owner_id integer REFERENCES res_partner (id) ON DELETE SET NULL,
  location_id integer NOT NULL REFERENCES stock_location (id) ON DELETE RESTRICT,
  location_dest_id integer NOT NULL REFERENCES stock_location (id) ON DELETE RESTRICT,
  state varchar,
  reference varchar,
  date timestamp without time zone NOT NULL,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX stock_move_line__picking_id_index ON stock_move_line (picking_id);
CREATE INDEX stock_move_line__move_id_index ON stock_move_line (move_id);
CREATE INDEX stock_move_line__product_id_index ON stock_move_line (product_id);
CREATE INDEX stock_move_line__location_id_index ON stock_move_line (location_id);

CREATE TABLE stock_valuation_layer (
  id serial PRIMARY KEY,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  product_id integer NOT NULL REFERENCES product_product (id) ON DELETE RESTRICT,
  quantity numeric,
  unit_cost numeric,
  value numeric,
  remaining_qty numeric,
  remaining_value numeric,
  description varchar,
  stock_valuation_layer_id integer REFERENCES stock_valuation_layer (id) ON DELETE SET NULL,
  stock_move_id integer REFERENCES stock_move (id) ON DELETE SET NULL,
  account_move_id integer,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX stock_valuation_layer__product_id_index ON stock_valuation_layer (product_id);
CREATE INDEX stock_valuation_layer__stock_move_id_index ON stock_valuation_layer (stock_move_id);
-- stock_account 17.0 StockValuationLayer.init() creates this index for FIFO consumption
CREATE INDEX stock_valuation_layer_index ON stock_valuation_layer (product_id, remaining_qty, stock_move_id, company_id, create_date);

CREATE TABLE ir_config_parameter (
  id serial PRIMARY KEY,
  key varchar NOT NULL,
  value text NOT NULL,
  create_date timestamp without time zone,
  write_date timestamp without time zone,
  CONSTRAINT ir_config_parameter_key_uniq UNIQUE (key)
);

CREATE TABLE ir_module_module (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  shortdesc jsonb,
  author varchar,
  state varchar(16),
  latest_version varchar,
  application boolean DEFAULT false,
  CONSTRAINT ir_module_module_name_uniq UNIQUE (name)
);
CREATE INDEX ir_module_module__state_index ON ir_module_module (state);

-- Business tables beyond order-to-delivery: countries, routes and vendors, reordering rules,
-- purchase, accounting (moves, lines, payments), the wizards the journeys open (Odoo stores
-- TransientModel records in tables too), sale.report (a view in Odoo), ir.model.data, ir.cron.
CREATE TABLE res_country (
  id serial PRIMARY KEY,
  name jsonb NOT NULL,
  code varchar(2) NOT NULL,
  CONSTRAINT res_country_code_uniq UNIQUE (code)
);
ALTER TABLE res_partner ADD FOREIGN KEY (country_id) REFERENCES res_country (id) ON DELETE RESTRICT;
CREATE INDEX res_partner__vat_index ON res_partner (vat);

CREATE TABLE ir_model_data (
  id serial PRIMARY KEY,
  module varchar NOT NULL,
  name varchar NOT NULL,
  model varchar NOT NULL,
  res_id integer,
  noupdate boolean DEFAULT false,
  CONSTRAINT ir_model_data_name_nospaces CHECK (name NOT LIKE '% %')
);
CREATE UNIQUE INDEX ir_model_data_module_name_uniq_index ON ir_model_data (module, name);
CREATE INDEX ir_model_data_model_res_id_index ON ir_model_data (model, res_id);

CREATE TABLE stock_route (
  id serial PRIMARY KEY,
  name jsonb NOT NULL,
  sequence integer DEFAULT 0,
  product_selectable boolean DEFAULT true,
  company_id integer REFERENCES res_company (id) ON DELETE SET NULL,
  active boolean DEFAULT true
);
CREATE TABLE stock_route_product (
  product_id integer NOT NULL REFERENCES product_template (id) ON DELETE CASCADE,
  route_id integer NOT NULL REFERENCES stock_route (id) ON DELETE CASCADE,
  PRIMARY KEY (product_id, route_id)
);
CREATE INDEX stock_route_product_route_id_idx ON stock_route_product (route_id);

CREATE TABLE product_supplierinfo (
  id serial PRIMARY KEY,
  partner_id integer NOT NULL REFERENCES res_partner (id) ON DELETE CASCADE,
  product_tmpl_id integer REFERENCES product_template (id) ON DELETE CASCADE,
  product_id integer REFERENCES product_product (id) ON DELETE CASCADE,
  sequence integer DEFAULT 1,
  min_qty numeric NOT NULL DEFAULT 0,
  price numeric NOT NULL DEFAULT 0,
  delay integer NOT NULL DEFAULT 1,
  company_id integer REFERENCES res_company (id) ON DELETE SET NULL,
  currency_id integer NOT NULL REFERENCES res_currency (id) ON DELETE RESTRICT,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX product_supplierinfo__product_tmpl_id_index ON product_supplierinfo (product_tmpl_id);
CREATE INDEX product_supplierinfo__partner_id_index ON product_supplierinfo (partner_id);

CREATE TABLE stock_warehouse_orderpoint (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  trigger varchar DEFAULT 'auto',
  active boolean DEFAULT true,
  snoozed_until date,
  warehouse_id integer NOT NULL REFERENCES stock_warehouse (id) ON DELETE CASCADE,
  location_id integer NOT NULL REFERENCES stock_location (id) ON DELETE CASCADE,
  product_id integer NOT NULL REFERENCES product_product (id) ON DELETE CASCADE,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  route_id integer REFERENCES stock_route (id) ON DELETE SET NULL,
  group_id integer REFERENCES procurement_group (id) ON DELETE SET NULL,
  product_min_qty numeric NOT NULL DEFAULT 0,
  product_max_qty numeric NOT NULL DEFAULT 0,
  qty_multiple numeric NOT NULL DEFAULT 1,
  qty_to_order numeric,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone,
  CONSTRAINT stock_warehouse_orderpoint_product_location_check UNIQUE (product_id, location_id, company_id)
);
CREATE INDEX stock_warehouse_orderpoint__product_id_index ON stock_warehouse_orderpoint (product_id);
CREATE INDEX stock_warehouse_orderpoint__trigger_index ON stock_warehouse_orderpoint (trigger);

CREATE TABLE purchase_order (
  id serial PRIMARY KEY,
  name varchar NOT NULL,
  origin varchar,
  partner_ref varchar,
  state varchar DEFAULT 'draft',
  priority varchar DEFAULT '0',
  date_order timestamp without time zone NOT NULL,
  date_approve timestamp without time zone,
  date_planned timestamp without time zone,
  partner_id integer NOT NULL REFERENCES res_partner (id) ON DELETE RESTRICT,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  currency_id integer NOT NULL REFERENCES res_currency (id) ON DELETE RESTRICT,
  user_id integer REFERENCES res_users (id) ON DELETE SET NULL,
  picking_type_id integer NOT NULL REFERENCES stock_picking_type (id) ON DELETE RESTRICT,
  group_id integer REFERENCES procurement_group (id) ON DELETE SET NULL,
  amount_untaxed numeric,
  amount_tax numeric,
  amount_total numeric,
  invoice_status varchar DEFAULT 'no',
  receipt_status varchar,
  notes text,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX purchase_order__name_index ON purchase_order (name);
CREATE INDEX purchase_order__state_index ON purchase_order (state);
CREATE INDEX purchase_order__partner_id_index ON purchase_order (partner_id);
CREATE INDEX purchase_order__date_order_index ON purchase_order (date_order);

CREATE TABLE purchase_order_line (
  id serial PRIMARY KEY,
  order_id integer NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
  sequence integer DEFAULT 10,
  name text NOT NULL,
  product_id integer REFERENCES product_product (id) ON DELETE RESTRICT,
  product_uom integer REFERENCES uom_uom (id) ON DELETE RESTRICT,
  product_qty numeric NOT NULL,
  product_uom_qty numeric,
  price_unit numeric NOT NULL,
  price_subtotal numeric,
  price_total numeric,
  qty_received numeric DEFAULT 0,
  qty_invoiced numeric DEFAULT 0,
  date_planned timestamp without time zone,
  orderpoint_id integer REFERENCES stock_warehouse_orderpoint (id) ON DELETE SET NULL,
  partner_id integer REFERENCES res_partner (id) ON DELETE SET NULL,
  state varchar,
  company_id integer REFERENCES res_company (id) ON DELETE SET NULL,
  currency_id integer REFERENCES res_currency (id) ON DELETE RESTRICT,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX purchase_order_line__order_id_index ON purchase_order_line (order_id);
CREATE INDEX purchase_order_line__product_id_index ON purchase_order_line (product_id);
CREATE INDEX purchase_order_line__orderpoint_id_index ON purchase_order_line (orderpoint_id);
ALTER TABLE stock_move ADD FOREIGN KEY (purchase_line_id) REFERENCES purchase_order_line (id) ON DELETE SET NULL;
ALTER TABLE stock_move ADD FOREIGN KEY (orderpoint_id) REFERENCES stock_warehouse_orderpoint (id) ON DELETE SET NULL;
CREATE INDEX stock_move__purchase_line_id_index ON stock_move (purchase_line_id);

CREATE TABLE account_account (
  id serial PRIMARY KEY,
  name jsonb NOT NULL,
  code varchar(64) NOT NULL,
  account_type varchar NOT NULL,
  reconcile boolean DEFAULT false,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  CONSTRAINT account_account_code_company_uniq UNIQUE (code, company_id)
);

CREATE TABLE account_journal (
  id serial PRIMARY KEY,
  name jsonb NOT NULL,
  code varchar(5) NOT NULL,
  type varchar NOT NULL,
  default_account_id integer REFERENCES account_account (id) ON DELETE RESTRICT,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  sequence_prefix varchar NOT NULL,
  active boolean DEFAULT true
);

CREATE TABLE account_move (
  id serial PRIMARY KEY,
  name varchar,
  ref varchar,
  move_type varchar NOT NULL,
  state varchar NOT NULL DEFAULT 'draft',
  date date NOT NULL,
  invoice_date date,
  invoice_date_due date,
  invoice_origin varchar,
  payment_reference varchar,
  payment_state varchar DEFAULT 'not_paid',
  partner_id integer REFERENCES res_partner (id) ON DELETE RESTRICT,
  commercial_partner_id integer REFERENCES res_partner (id) ON DELETE RESTRICT,
  journal_id integer NOT NULL REFERENCES account_journal (id) ON DELETE RESTRICT,
  company_id integer NOT NULL REFERENCES res_company (id) ON DELETE RESTRICT,
  currency_id integer NOT NULL REFERENCES res_currency (id) ON DELETE RESTRICT,
  amount_untaxed numeric,
  amount_tax numeric,
  amount_total numeric,
  amount_residual numeric,
  sequence_prefix varchar,
  sequence_number integer,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX account_move__state_index ON account_move (state);
CREATE INDEX account_move__date_index ON account_move (date);
CREATE INDEX account_move__partner_id_index ON account_move (partner_id);
CREATE INDEX account_move__journal_id_index ON account_move (journal_id);
CREATE INDEX account_move_sequence_index ON account_move (journal_id, sequence_prefix, sequence_number DESC);
CREATE UNIQUE INDEX account_move_unique_name ON account_move (name, journal_id) WHERE (state = 'posted' AND name != '/');
ALTER TABLE stock_valuation_layer ADD FOREIGN KEY (account_move_id) REFERENCES account_move (id) ON DELETE RESTRICT;

CREATE TABLE account_move_line (
  id serial PRIMARY KEY,
  move_id integer NOT NULL REFERENCES account_move (id) ON DELETE CASCADE,
  move_name varchar,
  parent_state varchar,
  date date,
  journal_id integer REFERENCES account_journal (id) ON DELETE SET NULL,
  company_id integer REFERENCES res_company (id) ON DELETE SET NULL,
  account_id integer REFERENCES account_account (id) ON DELETE RESTRICT,
  account_type varchar,
  partner_id integer REFERENCES res_partner (id) ON DELETE RESTRICT,
  product_id integer REFERENCES product_product (id) ON DELETE RESTRICT,
  display_type varchar NOT NULL DEFAULT 'product',
  name varchar,
  quantity numeric,
  price_unit numeric,
  price_subtotal numeric,
  price_total numeric,
  debit numeric DEFAULT 0,
  credit numeric DEFAULT 0,
  balance numeric DEFAULT 0,
  amount_residual numeric DEFAULT 0,
  reconciled boolean DEFAULT false,
  currency_id integer NOT NULL REFERENCES res_currency (id) ON DELETE RESTRICT,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX account_move_line__move_id_index ON account_move_line (move_id);
CREATE INDEX account_move_line__account_id_index ON account_move_line (account_id);
CREATE INDEX account_move_line__partner_id_index ON account_move_line (partner_id);
CREATE INDEX account_move_line__date_index ON account_move_line (date);
CREATE INDEX account_move_line__parent_state_index ON account_move_line (parent_state);
CREATE INDEX account_move_line_account_id_date_idx ON account_move_line (account_id, date);
CREATE INDEX account_move_line_partner_id_ref_idx ON account_move_line (partner_id, account_id) WHERE reconciled IS NOT TRUE;

CREATE TABLE sale_order_line_invoice_rel (
  invoice_line_id integer NOT NULL REFERENCES account_move_line (id) ON DELETE CASCADE,
  order_line_id integer NOT NULL REFERENCES sale_order_line (id) ON DELETE CASCADE,
  PRIMARY KEY (invoice_line_id, order_line_id)
);
CREATE INDEX sale_order_line_invoice_rel_order_line_id_idx ON sale_order_line_invoice_rel (order_line_id);

CREATE TABLE account_payment (
  id serial PRIMARY KEY,
  move_id integer NOT NULL REFERENCES account_move (id) ON DELETE CASCADE,
  payment_type varchar NOT NULL,
  partner_type varchar NOT NULL,
  partner_id integer REFERENCES res_partner (id) ON DELETE RESTRICT,
  amount numeric,
  payment_reference varchar,
  journal_id integer REFERENCES account_journal (id) ON DELETE RESTRICT,
  company_id integer REFERENCES res_company (id) ON DELETE RESTRICT,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE INDEX account_payment__move_id_index ON account_payment (move_id);

-- TransientModel tables (vacuumed by ir.autovacuum in Odoo; the lab's cron does the same)
CREATE TABLE sale_advance_payment_inv (
  id serial PRIMARY KEY,
  advance_payment_method varchar NOT NULL DEFAULT 'delivered',
  sale_order_ids integer[],
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE TABLE account_payment_register (
  id serial PRIMARY KEY,
  line_ids integer[],
  communication varchar,
  amount numeric,
  payment_date date,
  journal_id integer REFERENCES account_journal (id) ON DELETE SET NULL,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);
CREATE TABLE stock_backorder_confirmation (
  id serial PRIMARY KEY,
  pick_ids integer[],
  show_transfers boolean DEFAULT false,
  create_uid integer,
  create_date timestamp without time zone,
  write_uid integer,
  write_date timestamp without time zone
);

CREATE TABLE ir_cron (
  id serial PRIMARY KEY,
  cron_name varchar NOT NULL,
  model varchar NOT NULL,
  method varchar NOT NULL,
  interval_number integer DEFAULT 1,
  interval_type varchar DEFAULT 'days',
  nextcall timestamp without time zone NOT NULL,
  lastcall timestamp without time zone,
  priority integer DEFAULT 5,
  active boolean DEFAULT true
);

-- sale/report/sale_report.py: a view over order lines
CREATE VIEW sale_report AS
  SELECT l.id, so.name, so.date_order AS date, l.product_id, l.product_uom, so.partner_id, so.user_id,
         so.company_id, so.state, l.order_id, l.product_uom_qty, l.qty_delivered, l.qty_invoiced,
         l.price_subtotal, l.price_total, so.warehouse_id
  FROM sale_order_line l JOIN sale_order so ON so.id = l.order_id;
`;

/**
 * The chatter (mail's mail_message and mail_followers, reduced): what /mail/thread/data and
 * /mail/thread/messages read and what creating, confirming and validating write. `IF NOT EXISTS`:
 * also run on a lab database created before the web-client journeys (src/lab/lab.ts).
 */
export const LAB_MAIL_SQL = `
CREATE TABLE IF NOT EXISTS mail_message (
  id serial PRIMARY KEY,
  model varchar NOT NULL,
  res_id integer NOT NULL,
  record_name varchar,
  body text,
  message_type varchar(16) NOT NULL DEFAULT 'notification',
  subtype varchar,
  author_id integer REFERENCES res_partner (id) ON DELETE SET NULL,
  tracking jsonb,
  date timestamp without time zone NOT NULL DEFAULT (now() at time zone 'UTC')
);
CREATE INDEX IF NOT EXISTS mail_message__thread_index ON mail_message (model, res_id, id);

CREATE TABLE IF NOT EXISTS mail_followers (
  id serial PRIMARY KEY,
  res_model varchar NOT NULL,
  res_id integer NOT NULL,
  partner_id integer NOT NULL REFERENCES res_partner (id) ON DELETE CASCADE,
  CONSTRAINT mail_followers_res_partner_res_model_id_uniq UNIQUE (res_model, res_id, partner_id)
);
INSERT INTO ir_module_module (name, shortdesc, author, state, latest_version, application)
  VALUES ('partner_autocomplete', '{"en_US": "Partner Autocomplete"}', 'Odoo S.A.', 'installed', '17.0.1.0', false)
  ON CONFLICT (name) DO NOTHING;
`;
