/**
 * The second road for linalg: nessref's own TypeScript decompositions against eigen@0.2.0
 * (the WebAssembly port of Eigen, an independent C++ implementation), on fast-check
 * random real matrices of sizes 1..80, including near-degenerate spectra.
 *
 * Every comparison is a bound from perturbation theory with the backward error of a
 * stable algorithm, ‖E‖ ≲ n·ε·‖A‖, applied to BOTH codes (so the difference is at most
 * twice the bound), with a stated slack factor.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { EigModule } from "eigen";
import { eigenEigenvalues, eigenReady, eigenSingularValues, toEigen, vectorFromEigen } from "../bench/eigenjs.js";
import { realMatrix, type RealMatrix } from "../src/linalg/matrix.js";
import { luDet, luFactor, solve } from "../src/linalg/lu.js";
import { qr } from "../src/linalg/qr.js";
import { symEig } from "../src/linalg/symeig.js";
import { singularValues } from "../src/linalg/svd.js";
import { eigvals } from "../src/linalg/schur.js";

const EPS = 2.220446049250313e-16;

let eig: EigModule;
beforeAll(async () => {
  eig = await eigenReady();
});
afterEach(() => {
  eig.GC.flush();
});

// ---------------------------------------------------------------- deterministic generators
/** Small seeded generator (splitmix32-style) so a fast-check seed fixes a whole matrix. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296; // [0, 1)
  };
}

function randomMatrix(m: number, n: number, seed: number): RealMatrix {
  const r = rng(seed);
  const A = realMatrix(m, n);
  for (let i = 0; i < m * n; i++) A.data[i] = 2 * r() - 1;
  return A;
}

/** M ← H M H with H = I − 2 v vᵀ / vᵀv (H symmetric orthogonal), in place, M n×n. */
function reflectBoth(M: RealMatrix, v: Float64Array): void {
  const n = M.rows;
  const d = M.data;
  let vv = 0;
  for (let i = 0; i < n; i++) vv += v[i] * v[i];
  if (vv === 0) return;
  const beta = 2 / vv;
  const w = new Float64Array(n);
  // left: M ← M − beta v (vᵀ M)
  for (let j = 0; j < n; j++) w[j] = 0;
  for (let i = 0; i < n; i++) {
    const vi = v[i];
    const off = i * n;
    for (let j = 0; j < n; j++) w[j] += vi * d[off + j];
  }
  for (let i = 0; i < n; i++) {
    const f = beta * v[i];
    const off = i * n;
    for (let j = 0; j < n; j++) d[off + j] -= f * w[j];
  }
  // right: M ← M − beta (M v) vᵀ
  for (let i = 0; i < n; i++) {
    let s = 0;
    const off = i * n;
    for (let j = 0; j < n; j++) s += d[off + j] * v[j];
    const f = beta * s;
    for (let j = 0; j < n; j++) d[off + j] -= f * v[j];
  }
}

/** Q B Qᵀ for a product Q of a few random Householder reflectors (orthogonal similarity). */
function orthoSimilar(B: RealMatrix, seed: number): RealMatrix {
  const n = B.rows;
  const M = realMatrix(n, n, Float64Array.from(B.data));
  const r = rng(seed ^ 0x5bd1e995);
  const k = Math.min(n, 6);
  const v = new Float64Array(n);
  for (let t = 0; t < k; t++) {
    for (let i = 0; i < n; i++) v[i] = 2 * r() - 1;
    reflectBoth(M, v);
  }
  return M;
}

/** Symmetric matrix with a clustered spectrum: a few centres, offsets 10^-(4..12). */
function clusteredSymmetric(n: number, seed: number): RealMatrix {
  const r = rng(seed);
  const D = realMatrix(n, n);
  const centres = [-1, 0.25, 1, 3];
  for (let i = 0; i < n; i++) {
    const c = centres[Math.floor(r() * centres.length)];
    const off = (r() < 0.5 ? 0 : 1) * Math.pow(10, -4 - 8 * r()) * (r() < 0.5 ? -1 : 1);
    D.data[i * n + i] = c + off;
  }
  return orthoSimilar(D, seed);
}

function randomSymmetric(n: number, seed: number): RealMatrix {
  const G = randomMatrix(n, n, seed);
  const S = realMatrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S.data[i * n + j] = 0.5 * (G.data[i * n + j] + G.data[j * n + i]);
  return S;
}

/** Real normal matrix Q B Qᵀ, B block diagonal of [[a, b], [−b, a]] blocks (clustered a). */
function normalMatrix(n: number, seed: number): { A: RealMatrix; re: Float64Array; im: Float64Array } {
  const r = rng(seed);
  const B = realMatrix(n, n);
  // the spectrum by construction: a ± i b for each 2×2 rotation-like block, a for 1×1
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  let i = 0;
  while (i < n) {
    const a = r() < 0.3 ? 0.5 : 2 * r() - 1;
    if (i + 1 < n && r() < 0.6) {
      const b = r() < 0.3 ? 1e-9 : 2 * r() - 1; // near-real pairs are nearly degenerate
      B.data[i * n + i] = a;
      B.data[(i + 1) * n + i + 1] = a;
      B.data[i * n + i + 1] = b;
      B.data[(i + 1) * n + i] = -b;
      re[i] = a; im[i] = b; re[i + 1] = a; im[i + 1] = -b;
      i += 2;
    } else {
      B.data[i * n + i] = a;
      re[i] = a;
      i += 1;
    }
  }
  return { A: orthoSimilar(B, seed), re, im };
}

/** U diag(s) Vᵀ-like matrix with repeated / graded singular values (via two reflector sets). */
function gradedMatrix(n: number, seed: number): RealMatrix {
  const r = rng(seed);
  const D = realMatrix(n, n);
  for (let i = 0; i < n; i++) D.data[i * n + i] = r() < 0.4 ? 1 : Math.pow(10, -10 * r());
  // Q1 D Q1 then a second, independent left reflection set keeps it non-symmetric.
  const M = orthoSimilar(D, seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 2 * r() - 1;
  let vv = 0;
  for (let i = 0; i < n; i++) vv += v[i] * v[i];
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[j] += v[i] * M.data[i * n + j];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.data[i * n + j] -= (2 / vv) * v[i] * w[j];
  return M;
}

function normFro(A: RealMatrix): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += A.data[i] * A.data[i];
  return Math.sqrt(s);
}

// Sizes: mostly small (fast), some up to 80.
const size = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 13, max: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 41, max: 80 }) },
);
const seedArb = fc.integer({ min: 0, max: 0x7fffffff });
// eigen@0.2.0's EigenSolver returned garbage (denormal "pointer" values) in some runs of a
// long sequence of 61..80-sized solves inside vitest (not reproduced standalone; likely the
// WebAssembly stack/heap issue FACTS.md reports for 0.2.2 at ≥100). The eigensolver
// comparisons therefore stay at n ≤ 60, and every eigen spectrum is checked against the
// trace first (see eigenSane), so a broken second road fails loudly, never silently.
const sizeEig = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 13, max: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 41, max: 60 }) },
);

/**
 * Guard on eigen's output: Σλ_i = tr A up to rounding (|Δ| ≤ 100 n ε ‖A‖_F, a loose
 * bound for two summations of n terms of size ≤ ‖A‖), and Σ Im λ_i = 0 for real A.
 */
function eigenSane(A: RealMatrix, re: Float64Array, im: Float64Array): void {
  expect(traceConsistent(A, re, im), "eigen@0.2.0 eigenvalues inconsistent with the trace or not closed under conjugation").toBe(true);
}
/** The trace / conjugation test behind {@link eigenSane}, as a boolean. */
function traceConsistent(A: RealMatrix, re: Float64Array, im: Float64Array): boolean {
  const n = A.rows;
  let tr = 0;
  for (let i = 0; i < n; i++) tr += A.data[i * n + i];
  let sr = 0;
  let si = 0;
  for (let i = 0; i < re.length; i++) {
    sr += re[i];
    si += im[i];
  }
  const tol = 100 * n * EPS * Math.max(normFro(A), Number.MIN_VALUE);
  return re.length === n && Math.abs(sr - tr) <= tol && Math.abs(si) <= tol;
}

// -------------------------------------------------------------------------------- tests
describe("second road: nessref linalg vs eigen@0.2.0", () => {
  it("symmetric eigenvalues (random and clustered) agree with eigen's EigenSolver", () => {
    fc.assert(
      fc.property(sizeEig, seedArb, fc.boolean(), (n, seed, clustered) => {
        const A = clustered ? clusteredSymmetric(n, seed) : randomSymmetric(n, seed);
        const ours = symEig(A);
        const theirs = eigenEigenvalues(eig, A);
        eig.GC.flush();
        eigenSane(A, theirs.re, theirs.im);
        const ev = Float64Array.from(theirs.re).sort();
        const nrm = normFro(A);
        // Weyl: each code's eigenvalues are exact for A + E, ‖E‖₂ ≲ n ε ‖A‖; the
        // difference is ≤ 2 n ε ‖A‖_F; c = 20 slack for the constants of the two codes.
        const tol = 20 * n * EPS * Math.max(nrm, Number.MIN_VALUE);
        for (let i = 0; i < n; i++) {
          // eigen's general solver on a symmetric matrix: imaginary parts are rounding only.
          expect(Math.abs(theirs.im[i])).toBeLessThanOrEqual(tol);
          expect(Math.abs(ours.values[i] - ev[i])).toBeLessThanOrEqual(tol);
        }
        for (let i = 1; i < n; i++) expect(ours.values[i]).toBeGreaterThanOrEqual(ours.values[i - 1]);
      }),
      { numRuns: 60, seed: 0x1a2b3c },
    );
  });

  it("symmetric eigenvectors of well-separated eigenvalues match eigen's up to sign", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), seedArb, (n, seed) => {
        const A = randomSymmetric(n, seed);
        const ours = symEig(A);
        const r = eig.Solvers.eigenSolve(toEigen(eig, A), true);
        const k = r.eigenvalues.rows();
        const lam = new Float64Array(k);
        for (let i = 0; i < k; i++) lam[i] = r.eigenvalues.get(i, 0).real();
        const nrm = normFro(A);
        for (let p = 0; p < n; p++) {
          const mu = ours.values[p];
          // gap of our eigenvalue p to the rest of the spectrum
          let gap = Infinity;
          for (let q = 0; q < n; q++) if (q !== p) gap = Math.min(gap, Math.abs(ours.values[q] - mu));
          if (gap < 1e-3 * nrm) continue; // Davis–Kahan bound useless for tight clusters
          let best = 0;
          let bestDist = Infinity;
          for (let i = 0; i < k; i++) {
            const dd = Math.abs(lam[i] - mu);
            if (dd < bestDist) {
              bestDist = dd;
              best = i;
            }
          }
          // |⟨v, w⟩| / (‖v‖ ‖w‖) with w complex (its phase is arbitrary).
          let dr = 0;
          let di = 0;
          let vv = 0;
          let ww = 0;
          for (let j = 0; j < n; j++) {
            const vj = ours.vectors.data[j * n + p];
            const c = r.eigenvectors.get(j, best);
            dr += vj * c.real();
            di += vj * c.imag();
            vv += vj * vj;
            ww += c.real() * c.real() + c.imag() * c.imag();
          }
          const cos = Math.hypot(dr, di) / Math.sqrt(vv * ww);
          // Davis–Kahan: sin∠ ≤ ‖E‖/gap per code, ‖E‖ ≲ n ε ‖A‖; 1 − cos ≈ sin²/2, and
          // 1 − cos cannot resolve below ~ε: bound (2·20 n ε ‖A‖/gap)² + 4ε.
          const s = (40 * n * EPS * nrm) / gap;
          expect(1 - cos).toBeLessThanOrEqual(s * s + 4 * EPS);
        }
        eig.GC.flush();
      }),
      { numRuns: 30, seed: 0x2b3c4d },
    );
  });

  it("singular values (random, graded/repeated, rectangular) agree with eigen's JacobiSVD", () => {
    fc.assert(
      fc.property(size, size, seedArb, fc.integer({ min: 0, max: 2 }), (m, n, seed, kind) => {
        const A = kind === 0 ? randomMatrix(m, n, seed) : kind === 1 ? gradedMatrix(n, seed) : randomMatrix(n, n, seed);
        const ours = singularValues(A);
        const theirs = eigenSingularValues(eig, A);
        eig.GC.flush();
        const k = Math.min(A.rows, A.cols);
        expect(ours.length).toBe(k);
        expect(theirs.length).toBe(k);
        const smax = Math.max(ours[0] ?? 0, theirs[0] ?? 0);
        // Weyl for singular values: |Δσ_i| ≤ ‖E‖₂ ≲ max(m,n) ε σ_max for each backward-stable
        // code; c = 20 slack (two codes, constants of bidiagonal QR and one-sided Jacobi).
        const tol = 20 * Math.max(A.rows, A.cols) * EPS * smax;
        for (let i = 0; i < k; i++) expect(Math.abs(ours[i] - theirs[i])).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 60, seed: 0x3c4d5e },
    );
  });

  let eigenGaveUp = 0;
  it("eigenvalues of real normal matrices (clustered, near-real pairs) agree tightly", () => {
    fc.assert(
      fc.property(sizeEig, seedArb, (n, seed) => {
        const { A, re, im } = normalMatrix(n, seed);
        const ours = eigvals(A);
        // Normal matrices: every eigenvalue condition number is 1 (Bauer–Fike with a
        // unitary eigenbasis), so |Δλ| ≤ ‖E‖₂ ≲ n ε ‖A‖ per code; c = 20 slack. The six
        // reflections that build A add O(ε‖A‖) each to the constructed spectrum.
        const tol = 20 * n * EPS * normFro(A);
        // first reference: the spectrum A was built with
        expect(maxMatchedDistance(ours.re, ours.im, re, im)).toBeLessThanOrEqual(tol);
        // second road: eigen@0.2.0. Its RealSchur gives up after 40·n sweeps on some of these
        // clustered spectra (seen: n = 16, seed 675224162) and, since the WebAssembly port
        // does not expose info(), returns eigenvalues that are not a spectrum of A at all
        // (zeros standalone, other garbage inside vitest). Such an answer fails the trace
        // test; it is counted and bounded below, never taken as agreement.
        const theirs = eigenEigenvalues(eig, A);
        eig.GC.flush();
        if (!traceConsistent(A, theirs.re, theirs.im)) {
          eigenGaveUp++;
          return;
        }
        eigenSane(A, theirs.re, theirs.im);
        expect(maxMatchedDistance(ours.re, ours.im, theirs.re, theirs.im)).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 50, seed: 0x4d5e6f },
    );
    // eigen's non-convergence must stay the exception (≤ 5 of 50 runs), or the second road is gone.
    expect(eigenGaveUp).toBeLessThanOrEqual(5);
  });

  it("eigenvalues of general real matrices agree within κ-scaled bounds", () => {
    fc.assert(
      fc.property(sizeEig, seedArb, (n, seed) => {
        const A = randomMatrix(n, n, seed);
        const ours = eigvals(A);
        // eigen's right eigenvectors X give the condition numbers κ_i = ‖x_i‖ ‖y_i‖ / |y_iᴴ x_i|
        // with left vectors y_iᴴ = rows of X⁻¹ (Golub & Van Loan, 4th ed., §7.2.2).
        const r = eig.Solvers.eigenSolve(toEigen(eig, A), true);
        const X = r.eigenvectors;
        const Xi = X.inverse();
        const re = new Float64Array(n);
        const im = new Float64Array(n);
        let kmax = 1;
        for (let i = 0; i < n; i++) {
          const c = r.eigenvalues.get(i, 0);
          re[i] = c.real();
          im[i] = c.imag();
          let xn = 0;
          let yn = 0;
          for (let j = 0; j < n; j++) {
            const x = X.get(j, i);
            const y = Xi.get(i, j);
            xn += x.real() * x.real() + x.imag() * x.imag();
            yn += y.real() * y.real() + y.imag() * y.imag();
          }
          // y_iᴴ x_i = (X⁻¹X)_ii = 1, so κ_i = ‖x_i‖ ‖row_i(X⁻¹)‖.
          kmax = Math.max(kmax, Math.sqrt(xn * yn));
        }
        eig.GC.flush();
        eigenSane(A, re, im);
        // First-order perturbation: |Δλ_i| ≤ κ_i ‖E‖₂ with ‖E‖ ≲ n ε ‖A‖ per code; c = 50
        // slack. Non-normal spectra are not exact to n ε ‖A‖, hence the κ factor.
        const tol = 50 * n * EPS * normFro(A) * kmax;
        expect(maxMatchedDistance(ours.re, ours.im, re, im)).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 50, seed: 0x5e6f70 },
    );
  });

  it("LU determinant and solve agree with eigen's det and inverse", () => {
    fc.assert(
      fc.property(size, seedArb, (n, seed) => {
        const A = randomMatrix(n, n, seed);
        const sv = eigenSingularValues(eig, A);
        const kappa = sv[0] / sv[n - 1];
        const M = toEigen(eig, A);
        const detE = M.det();
        const f = luFactor(A);
        const detO = luDet(f);
        // det(A + E) = det(A)(1 + tr(A⁻¹E) + …): relative change ≤ n κ₂(A) ‖E‖/‖A‖ with
        // ‖E‖ ≲ n ε ‖A‖ (partial pivoting, growth small for random matrices); c = 20 slack.
        const relTol = 20 * n * n * EPS * kappa;
        expect(Math.abs(detO - detE)).toBeLessThanOrEqual(relTol * Math.abs(detE));
        const r = rng(seed ^ 0x77);
        const b = new Float64Array(n);
        for (let i = 0; i < n; i++) b[i] = 2 * r() - 1;
        const x = solve(A, b);
        const B = new eig.Matrix(n, 1);
        for (let i = 0; i < n; i++) B.set(i, 0, b[i]);
        const xe = vectorFromEigen(M.inverse().matMul(B));
        eig.GC.flush();
        let dn = 0;
        let xn = 0;
        for (let i = 0; i < n; i++) {
          dn += (x[i] - xe[i]) ** 2;
          xn += xe[i] ** 2;
        }
        // Forward error of a backward-stable solve: ‖Δx‖/‖x‖ ≤ κ₂(A) n ε per code; the
        // inverse-times-b road is not backward stable but is forward-accurate to the same
        // order (Higham, Accuracy and Stability, 2nd ed., §14.3); c = 20 slack.
        expect(Math.sqrt(dn)).toBeLessThanOrEqual(20 * n * EPS * kappa * Math.sqrt(xn));
      }),
      { numRuns: 60, seed: 0x6f7081 },
    );
  });

  it("QR: |R_ii| agree with eigen's Householder QR (square and tall)", () => {
    fc.assert(
      fc.property(size, fc.integer({ min: 0, max: 20 }), seedArb, (n, extra, seed) => {
        const m = n + extra;
        const A = randomMatrix(m, n, seed);
        const { R } = qr(A);
        const out = eig.Decompositions.qr(toEigen(eig, A));
        const sv = eigenSingularValues(eig, A);
        const kappa = sv[0] / sv[n - 1];
        const Rc = R.cols;
        const diagE = new Float64Array(n);
        for (let i = 0; i < n; i++) diagE[i] = out.R.get(i, i);
        eig.GC.flush();
        // Without pivoting R is unique up to row signs for full column rank; its
        // perturbation is ‖ΔR‖/‖R‖ ≲ κ₂(A) ‖E‖/‖A‖ (Sun 1991; Higham, 2nd ed., §19.9), with
        // ‖E‖ ≲ m n ε ‖A‖ for Householder QR; c = 10 slack.
        const tol = 10 * m * n * EPS * kappa * normFro(A);
        for (let i = 0; i < n; i++) {
          expect(Math.abs(Math.abs(R.data[i * Rc + i]) - Math.abs(diagE[i]))).toBeLessThanOrEqual(tol);
        }
      }),
      { numRuns: 50, seed: 0x708192 },
    );
  });
});

/**
 * Greedy multiset matching of two complex spectra: for each of ours (largest modulus
 * first), take the nearest unmatched eigen value; return the largest matched distance.
 */
function maxMatchedDistance(ar: Float64Array, ai: Float64Array, br: Float64Array, bi: Float64Array): number {
  const n = ar.length;
  expect(br.length).toBe(n);
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => Math.hypot(ar[q], ai[q]) - Math.hypot(ar[p], ai[p]));
  const used = new Uint8Array(n);
  let worst = 0;
  for (const p of order) {
    let best = -1;
    let bd = Infinity;
    for (let q = 0; q < n; q++) {
      if (used[q]) continue;
      const d = Math.hypot(ar[p] - br[q], ai[p] - bi[q]);
      if (d < bd) {
        bd = d;
        best = q;
      }
    }
    used[best] = 1;
    worst = Math.max(worst, bd);
  }
  return worst;
}
