import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/report/escape.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<b a="1" c='2'>&</b>`)).toBe('&lt;b a=&quot;1&quot; c=&#39;2&#39;&gt;&amp;&lt;/b&gt;');
  });

  it('escapes an ampersand once, so existing entities stay visible as text', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('leaves other text, including non-ASCII, unchanged', () => {
    expect(escapeHtml('Müller – 3.4 s ≥ 2 s')).toBe('Müller – 3.4 s ≥ 2 s');
  });
});
