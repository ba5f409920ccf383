/**
 * A many2one field's autocomplete (fixture README, "Product on a sale line", "Customer"): the
 * dropdown opens with `name_search("")` when the field gets focus, and asks again with the typed
 * text after the debounce: `model.name_search({name, operator: "ilike", args: <field domain>,
 * limit: 8, context: {…user, …field context}})` → `[[id, display_name], …]`.
 */
import { userContext, type Web } from './web.js';

export type NameSearchResult = Array<[number, string]>;

export async function autocomplete(web: Web, model: string, typed: string, domain: unknown[], fieldContext?: Record<string, unknown>): Promise<NameSearchResult> {
  const search = (name: string) =>
    web.client.call<NameSearchResult>(model, 'name_search', [], { name, operator: 'ilike', args: domain, limit: 8, context: userContext(web, fieldContext) });
  await search('');
  return (await search(typed)) || [];
}
