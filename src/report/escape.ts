/**
 * HTML escaping for text and attribute values. Every string that reaches the report
 * (journey names, URLs, error kinds, reasons) goes through here.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape the five HTML-significant characters, so the result is safe both as element text
 * and inside a double- or single-quoted attribute value.
 *
 * @example escapeHtml('<b a="1">&') // → '&lt;b a=&quot;1&quot;&gt;&amp;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
