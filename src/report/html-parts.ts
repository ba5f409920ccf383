/**
 * Small HTML builders shared by the report's sections. Every text argument is escaped here; only
 * `raw` cells and chart SVG (made by vega) pass through unescaped.
 */
import type { RenderedChart } from './charts.js';
import { escapeHtml } from './escape.js';
import { formatNumber } from './format.js';

/** A table cell: text (escaped), a number column, or markup already escaped. */
export type Cell = string | { num: string } | { raw: string };

function cell(c: Cell, header: boolean): string {
  if (typeof c === 'string') return header ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`;
  if ('num' in c) return `<td class="num">${escapeHtml(c.num)}</td>`;
  return `<td>${c.raw}</td>`;
}

/**
 * A captioned table; the first cell of each row is its row header. Columns named with a leading `#`
 * are numeric (right-aligned; the `#` is not shown).
 */
export function table(className: string, caption: string, columns: readonly string[], rows: readonly Cell[][]): string {
  const head = columns
    .map((c) => (c.startsWith('#') ? `<th scope="col" class="num">${escapeHtml(c.slice(1))}</th>` : `<th scope="col">${escapeHtml(c)}</th>`))
    .join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => cell(c, i === 0)).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table class="${className}">
<caption>${escapeHtml(caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

/** A numeric cell. */
export const num = (text: string): Cell => ({ num: text });

/** A definition list of facts. */
export function facts(pairs: ReadonlyArray<readonly [string, string]>, className = 'facts'): string {
  return `<dl class="${className}">\n${pairs.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>`;
}

/** A section of the appendix with its own heading (`id` names the heading). */
export function section(id: string, heading: string, body: string): string {
  return `<section aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${escapeHtml(heading)}</h3>
${body}
</section>`;
}

/** A paragraph that says evidence is missing, and why. */
export function missing(text: string): string {
  return `<p class="missing" role="note">${escapeHtml(text)}</p>`;
}

/** A chart as a figure with its caption (lead sentence + the spec's description + the bucket width). */
export function chartFigure(chart: RenderedChart, lead: string): string {
  const merged =
    chart.bucketS > 1
      ? ` Points are ${formatNumber(chart.bucketS)}-second buckets${chart.name === 'latency-over-time' ? ' showing the worst window in each bucket' : chart.name === 'wait-events' ? ' (mean of the sampled seconds)' : ''}.`
      : '';
  return `<figure class="chart chart--${chart.name}">
${chart.svg}
<figcaption>${escapeHtml(`${lead}. ${chart.description}${merged}`)}</figcaption>
</figure>`;
}

/** The first sentence of a text (up to and including its first ". "), for short table cells. */
export function firstSentence(text: string): string {
  const i = text.indexOf('. ');
  return i < 0 ? text : text.slice(0, i + 1);
}

/** A model input for display: numbers to 4 significant digits, the rest as is. */
export function formatInput(value: number | string | boolean): string {
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/** A byte count as kB / MB / GB (binary units). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${formatNumber(v, u === 0 ? 0 : 1)} ${units[u]}`;
}
