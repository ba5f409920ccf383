/**
 * Every number a model recommends carries its reason (DESIGN.md principle 5).
 */
export interface Reasoned<T = number> {
  value: T;
  unit?: string;
  /** One or two sentences a reader understands without the formula. */
  reason: string;
  /** The formula or method, with its source. */
  formula?: string;
  /** The inputs that produced the value. */
  inputs: Record<string, number | string | boolean>;
}
