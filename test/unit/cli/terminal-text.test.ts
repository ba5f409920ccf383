import { describe, expect, it } from 'vitest';
import { stripControl } from '../../../src/cli/terminal-text.js';

describe('stripControl', () => {
  it('removes ESC, BEL, C1 (CSI 0x9b) and DEL, keeps printable text, tabs and newlines', () => {
    expect(stripControl('a\u001b[2Jb\u001b]0;title\u0007c\u009b31md\u007fe\tf\ng')).toBe('a[2Jb]0;titlec31mde\tf\ng');
  });

  it('turns newlines into spaces for one-line output', () => {
    expect(stripControl('first\nsecond\r\nthird', true)).toBe('first second  third');
  });

  it('leaves non-ASCII text alone', () => {
    expect(stripControl('Lieferung für Müller – 3 × 5 € ✓')).toBe('Lieferung für Müller – 3 × 5 € ✓');
  });
});
