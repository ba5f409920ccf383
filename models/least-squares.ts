/**
 * Non-linear least squares by Levenberg–Marquardt, for models with a handful of parameters.
 * (Hand-written: simple-statistics fits only straight lines — `linearRegression` — and has no
 * non-linear fit; the USL needs one.)
 *
 * Minimises S(β) = Σᵢ (yᵢ − f(xᵢ; β))². Each step solves Marquardt's scaled normal equations
 *
 *     (JᵀJ + λ·diag(JᵀJ)) δ = Jᵀr          (r = y − f, J = ∂f/∂β)
 *
 * accepting β + δ when S falls (then λ ← λ/10) and retrying with λ ← λ·10 otherwise
 * (Marquardt, "An algorithm for least-squares estimation of nonlinear parameters",
 * J. SIAM 11(2), 1963; Press et al., *Numerical Recipes* 3rd ed. 2007, §15.5.2).
 * The diagonal scaling makes the step independent of the parameters' units, which matters for the
 * USL where κ ≈ 1e-4 sits next to γ ≈ 90. Lower bounds are kept by projection (a parameter that
 * would cross its bound is set on it), as R's `nlxb` (package nlmrt) does for the USL fit.
 *
 * At the optimum the asymptotic covariance of β̂ is s²·(JᵀJ)⁻¹ with s² = S / (n − p)
 * (Bates & Watts, *Nonlinear Regression Analysis and Its Applications*, Wiley 1988, §2.3).
 * No suitable npm package is a dependency of this project, hence this small, tested implementation.
 */

export interface LeastSquaresProblem {
  /** Observations (x, y). */
  xs: readonly number[];
  ys: readonly number[];
  /** f(x; β). */
  model: (x: number, params: readonly number[]) => number;
  /** ∂f/∂βⱼ at x, one entry per parameter. */
  gradient: (x: number, params: readonly number[]) => number[];
  initial: readonly number[];
  /** Lower bound per parameter (−Infinity for none). */
  lower?: readonly number[];
  /** Iteration cap. Default 500. */
  maxIterations?: number;
}

export interface LeastSquaresFit {
  params: number[];
  /** Residual sum of squares S(β̂). */
  rss: number;
  iterations: number;
  converged: boolean;
  /** s²·(JᵀJ)⁻¹ at β̂; null when JᵀJ is singular. */
  covariance: number[][] | null;
  /** n − p. */
  degreesOfFreedom: number;
}

/** Fits β by Levenberg–Marquardt (see the file comment). */
export function levenbergMarquardt(problem: LeastSquaresProblem): LeastSquaresFit {
  const { xs, ys, model } = problem;
  const p = problem.initial.length;
  const lower = problem.lower ?? problem.initial.map(() => Number.NEGATIVE_INFINITY);
  const maxIterations = problem.maxIterations ?? 500;
  const project = (beta: number[]): number[] => beta.map((b, j) => Math.max(b, lower[j] ?? Number.NEGATIVE_INFINITY));
  const rssOf = (beta: readonly number[]): number => xs.reduce((sum, x, i) => sum + ((ys[i] ?? 0) - model(x, beta)) ** 2, 0);

  let params = project([...problem.initial]);
  let rss = rssOf(params);
  let lambda = 1e-3;
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    const { jtj, jtr } = normalEquations(problem, params);
    let improved = false;
    for (let attempt = 0; attempt < 30; attempt++) {
      const damped = jtj.map((row, j) => row.map((v, k) => (j === k ? v + lambda * Math.max(v, 1e-300) : v)));
      const step = solve(damped, jtr);
      if (step === null) {
        lambda *= 10;
        continue;
      }
      const candidate = project(params.map((b, j) => b + (step[j] ?? 0)));
      const candidateRss = rssOf(candidate);
      if (Number.isFinite(candidateRss) && candidateRss <= rss) {
        const relativeChange = Math.max(...candidate.map((b, j) => Math.abs(b - (params[j] ?? 0)) / Math.max(Math.abs(b), 1e-12)));
        converged = rss - candidateRss <= 1e-14 * Math.max(rss, 1e-300) || relativeChange < 1e-12;
        params = candidate;
        rss = candidateRss;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        break;
      }
      lambda *= 10;
    }
    if (!improved) converged = true; // no step lowers S: a (bounded) minimum
  }

  const degreesOfFreedom = xs.length - p;
  const { jtj } = normalEquations(problem, params);
  const inverse = invert(jtj);
  const s2 = degreesOfFreedom > 0 ? rss / degreesOfFreedom : Number.NaN;
  const covariance = inverse === null ? null : inverse.map((row) => row.map((v) => v * s2));
  return { params, rss, iterations, converged, covariance, degreesOfFreedom };
}

function normalEquations(problem: LeastSquaresProblem, params: readonly number[]): { jtj: number[][]; jtr: number[] } {
  const p = params.length;
  const jtj = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const jtr = new Array<number>(p).fill(0);
  problem.xs.forEach((x, i) => {
    const g = problem.gradient(x, params);
    const r = (problem.ys[i] ?? 0) - problem.model(x, params);
    for (let j = 0; j < p; j++) {
      jtr[j] = (jtr[j] ?? 0) + (g[j] ?? 0) * r;
      const row = jtj[j];
      if (row === undefined) continue;
      for (let k = 0; k < p; k++) row[k] = (row[k] ?? 0) + (g[j] ?? 0) * (g[k] ?? 0);
    }
  });
  return { jtj, jtr };
}

/** Solves A x = b by Gaussian elimination with partial pivoting; null when A is singular. */
export function solve(a: readonly number[][], b: readonly number[]): number[] | null {
  const inverse = invert(a);
  if (inverse === null) return null;
  return inverse.map((row) => row.reduce((sum, v, j) => sum + v * (b[j] ?? 0), 0));
}

/**
 * A⁻¹ for a symmetric positive (semi-)definite A (normal equations), by Gauss–Jordan elimination
 * with partial pivoting after equilibration: B = D·A·D with D = diag(1/√aᵢᵢ), A⁻¹ = D·B⁻¹·D. The
 * scaling keeps the pivots comparable when parameters differ by orders of magnitude.
 * Returns null when A is singular (a pivot of B below 1e-13).
 */
export function invert(a: readonly number[][]): number[][] | null {
  const n = a.length;
  const d = a.map((row, i) => {
    const diagonal = Math.abs(row[i] ?? 0);
    return diagonal > 0 ? 1 / Math.sqrt(diagonal) : 1;
  });
  const m = a.map((row, i) => [
    ...row.map((v, j) => v * (d[i] ?? 1) * (d[j] ?? 1)),
    ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  ]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    const pivotRow = m[pivot];
    const current = m[col];
    if (pivotRow === undefined || current === undefined) return null;
    const p = pivotRow[col] ?? 0;
    if (!Number.isFinite(p) || Math.abs(p) < 1e-13) return null;
    m[col] = pivotRow;
    m[pivot] = current;
    for (let k = 0; k < 2 * n; k++) pivotRow[k] = (pivotRow[k] ?? 0) / p;
    for (let r = 0; r < n; r++) {
      const other = m[r];
      if (r === col || other === undefined) continue;
      const factor = other[col] ?? 0;
      if (factor === 0) continue;
      for (let k = 0; k < 2 * n; k++) other[k] = (other[k] ?? 0) - factor * (pivotRow[k] ?? 0);
    }
  }
  return m.map((row, i) => row.slice(n).map((v, j) => v * (d[i] ?? 1) * (d[j] ?? 1)));
}
