/**
 * Erlang B — the probability that an arrival finds all `c` servers busy in a loss system
 * (M/M/c/c: no queue, the arrival is turned away). Used here as the numerically stable route
 * to Erlang C (models/erlang-c.ts).
 *
 * Definition (Erlang's loss formula; Kleinrock, *Queueing Systems* Vol. 1, 1975, §3.7 M/M/m/m;
 * Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory*, 4th ed., 2008, §2.6):
 *
 *     B(c, A) = (A^c / c!) / Σ_{k=0..c} A^k / k!
 *
 * Computed by the recursion (Jagerman, "Some properties of the Erlang loss function",
 * Bell System Technical Journal 53(3), 1974):
 *
 *     B(0, A) = 1,   B(k, A) = A·B(k−1, A) / (k + A·B(k−1, A))
 *
 * which never forms A^c or c! and so neither overflows nor loses precision for large c.
 */
import { requireInteger, requireNonNegative } from './model-input.js';

/**
 * Erlang B blocking probability B(c, A).
 *
 * @param servers c, number of servers (integer ≥ 0).
 * @param offeredLoad A = λ·S in Erlangs (dimensionless, ≥ 0).
 * @returns probability in [0, 1]. O(c).
 * @throws InputError `MODEL_INPUT` when servers is not an integer ≥ 0 or the load is negative.
 * @example probabilityOfBlocking(3, 2) // → 0.2105… (= 4/19)
 */
export function probabilityOfBlocking(servers: number, offeredLoad: number): number {
  requireInteger('probabilityOfBlocking', 'servers', servers, 0);
  requireNonNegative('probabilityOfBlocking', 'offeredLoad', offeredLoad);
  let blocking = 1;
  for (let k = 1; k <= servers; k++) {
    blocking = (offeredLoad * blocking) / (k + offeredLoad * blocking);
  }
  return blocking;
}
