/** Student's t against R: qt(0.975, c(1, 4, 10, 30)) = 12.706205, 2.776445, 2.228139, 2.042272; pt(1, 3) = 0.8044989. */
import { describe, expect, it } from 'vitest';
import { regularizedIncompleteBeta, studentTCdf, studentTQuantile } from '../../../models/student-t.js';

describe('student t', () => {
  it.each([
    [1, 12.706205],
    [4, 2.776445],
    [10, 2.228139],
    [30, 2.042272],
  ])('qt(0.975, %i) = %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 5);
  });

  it('pt(1, 3) = 0.8044989 and is symmetric', () => {
    expect(studentTCdf(1, 3)).toBeCloseTo(0.8044989, 7);
    expect(studentTCdf(-1, 3)).toBeCloseTo(1 - 0.8044989, 7);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776445, 5);
  });

  it('pbeta(0.3, 2, 5) = 0.579825', () => {
    expect(regularizedIncompleteBeta(0.3, 2, 5)).toBeCloseTo(0.579825, 6);
  });
});
