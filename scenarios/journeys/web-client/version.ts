/**
 * Which Odoo web client's calls a journey sends, chosen from the server's major version (read by
 * `check` and `run` from `/web/webclient/version_info`, handed to journeys as `ctx.serverMajor`):
 *
 *   16   the Owl views on the legacy BasicModel: `onchange(ids, values, field_name, field_onchange)`
 *        with `field_name` a string when one field changed and `field_onchange` a flat dict of
 *        strings (`{"partner_id": "1", "order_line.product_id": "1", …}`, basic_model.js
 *        `_buildOnchangeSpecs`); forms read with `read(ids, fields)` (and one `read` per x2many);
 *        saving is `create([vals])` (or `write`) then `read`; lists `web_search_read(domain, fields, …)`;
 *        chatter `/mail/thread/*` refreshed with `min_id`.
 *   17   exactly what test/fixtures/odoo17-webclient/ recorded: `web_search_read` / `web_read` with a
 *        specification dict, `onchange(ids, values, field_names, spec)`, `web_save(ids, vals,
 *        {specification})`, chatter refreshed with `after`.
 *   18   as 17: addons/web/models/models.py keeps the `web_read` / `web_save` / `onchange` signatures,
 *        mail's `/mail/thread/data` and `/mail/thread/messages` keep their parameters; `web_save`'s
 *        specification is built with the x2many lists' current order (relational_model/utils.js
 *        `getFieldsSpec(…, { orderBys })`), the default order for lists nobody re-sorted — what 17
 *        sends. Later majors get these shapes.
 */

export type WebClientVersion = 16 | 17 | 18;

/** The version whose traffic is recorded in test/fixtures/odoo17-webclient/. */
export const RECORDED_VERSION: WebClientVersion = 17;

/**
 * @param major the server's major version; undefined or NaN when unknown.
 * @example webClientVersion(15) // 16 (the oldest shapes this tool speaks)
 */
export function webClientVersion(major: number | undefined): WebClientVersion {
  if (major === undefined || !isFinite(major)) return RECORDED_VERSION;
  if (major <= 16) return 16;
  if (major >= 18) return 18;
  return 17;
}
