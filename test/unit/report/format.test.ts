import { describe, expect, it } from 'vitest';
import { displayUrl, formatDurationS, formatMs, formatNumber, formatRatio } from '../../../src/report/format.js';

describe('formatMs', () => {
  it('shows milliseconds below one second with three significant digits', () => {
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(0)).toBe('0 ms');
  });

  it('shows seconds from one second on', () => {
    expect(formatMs(3400)).toBe('3.4 s');
    expect(formatMs(3427.2)).toBe('3.43 s');
    expect(formatMs(2000)).toBe('2 s');
    expect(formatMs(10608)).toBe('10.6 s');
  });

  it('shows a dash for non-finite values', () => {
    expect(formatMs(Number.NaN)).toBe('–');
  });
});

describe('formatRatio, formatNumber, formatDurationS', () => {
  it('formats ratios as percentages', () => {
    expect(formatRatio(0.0123)).toBe('1.23 %');
    expect(formatRatio(0.01)).toBe('1 %');
  });

  it('trims trailing zeros', () => {
    expect(formatNumber(4.5, 2)).toBe('4.5');
    expect(formatNumber(9, 0)).toBe('9');
  });

  it('formats durations in hours, minutes and seconds', () => {
    expect(formatDurationS(600)).toBe('10 min');
    expect(formatDurationS(3725)).toBe('1 h 2 min 5 s');
    expect(formatDurationS(0)).toBe('0 s');
  });
});

describe('displayUrl', () => {
  it('removes the user name and password', () => {
    expect(displayUrl('https://admin:secret@staging.example.com/odoo')).toBe('https://staging.example.com/odoo');
  });

  it('cuts user info textually from strings that are not URLs', () => {
    expect(displayUrl('//admin:secret@host/x')).toBe('//host/x');
  });
});
