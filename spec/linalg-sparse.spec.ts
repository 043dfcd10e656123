/**
 * Invariants of the sparse kernels (CSR), the Krylov solvers (GMRES, BiCGSTAB) and the
 * null-vector (NESS) solvers, on fast-check random inputs.
 *
 * Random matrices come from the library's seeded generator (src/analysis/random.ts) with a
 * fast-check-chosen seed, so every counterexample is reproducible from its seed.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Rng } from "../src/analysis/random.js";
import { NessrefError } from "../src/errors.js";
import { complexMatrix, realMatrix, type ComplexMatrix, type ComplexVector, type RealMatrix } from "../src/linalg/matrix.js";
import { adjoint, cadd, ckron, cmatmul, cmatvec, conj, ctranspose, matvec, transpose } from "../src/linalg/dense.js";
import { hermEigvalues } from "../src/linalg/symeig.js";
import {
  ComplexTripletBuilder,
  TripletBuilder,
  ccsrAdjoint,
  ccsrFromDense,
  ccsrMatvec,
  ccsrOperator,
  ccsrToDense,
  csrFromDense,
  csrMatvec,
  csrOperator,
  csrToDense,
  csrTranspose,
  nnz,
} from "../src/linalg/sparse.js";
import { bicgstab, cbicgstab, cgmres, gmres } from "../src/linalg/krylov.js";
import { cnullVector, cnullVectorSparse, kernelDimension, nullVector } from "../src/linalg/nullspace.js";

const EPS = 2.220446049250313e-16;

// ------------------------------------------------------------------ generators

function randReal(rng: Rng, m: number, n: number): RealMatrix {
  const A = realMatrix(m, n);
  for (let k = 0; k < m * n; k++) A.data[k] = rng.uniform(-1, 1);
  return A;
}

function randComplex(rng: Rng, m: number, n: number): ComplexMatrix {
  const A = complexMatrix(m, n);
  for (let k = 0; k < m * n; k++) {
    A.re[k] = rng.uniform(-1, 1);
    A.im[k] = rng.uniform(-1, 1);
  }
  return A;
}

/**
 * Random sparse-ish matrix (density ~ p) with a dominant diagonal: |a_ii| = 2 Σ_j≠i |a_ij| + 1,
 * so κ₂ ≤ 3 (Gershgorin). `definite`: positive diagonal (field of values in the right
 * half-plane, where restarted GMRES(m) converges for every m — Elman's bound); otherwise
 * random signs (indefinite: GMRES(m) with small m may stagnate).
 */
function diagDominantReal(rng: Rng, n: number, p: number, definite = false): RealMatrix {
  const A = realMatrix(n, n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      if (i !== j && rng.nextFloat() < p) {
        const v = rng.uniform(-1, 1);
        A.data[i * n + j] = v;
        s += Math.abs(v);
      }
    }
    A.data[i * n + i] = (!definite && rng.nextFloat() < 0.5 ? -1 : 1) * (2 * s + 1);
  }
  return A;
}

/** Complex analogue of {@link diagDominantReal}; `definite`: diagonal phases in [−0.4π, 0.4π]. */
function diagDominantComplex(rng: Rng, n: number, p: number, definite = false): ComplexMatrix {
  const A = complexMatrix(n, n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      if (i !== j && rng.nextFloat() < p) {
        const a = rng.uniform(-1, 1);
        const b = rng.uniform(-1, 1);
        A.re[i * n + j] = a;
        A.im[i * n + j] = b;
        s += Math.hypot(a, b);
      }
    }
    const ph = definite ? rng.uniform(-0.4 * Math.PI, 0.4 * Math.PI) : rng.uniform(0, 2 * Math.PI);
    A.re[i * n + i] = (2 * s + 1) * Math.cos(ph);
    A.im[i * n + i] = (2 * s + 1) * Math.sin(ph);
  }
  return A;
}

function randVec(rng: Rng, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.uniform(-1, 1);
  return x;
}

function randCVec(rng: Rng, n: number): ComplexVector {
  return { re: randVec(rng, n), im: randVec(rng, n) };
}

function nrm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

function cnrm(x: ComplexVector): number {
  return Math.hypot(nrm(x.re), nrm(x.im));
}

function relResidual(A: RealMatrix, x: Float64Array, b: Float64Array): number {
  const ax = matvec(A, x);
  let s = 0;
  for (let i = 0; i < b.length; i++) s += (b[i] - ax[i]) ** 2;
  return Math.sqrt(s) / nrm(b);
}

function crelResidual(A: ComplexMatrix, x: ComplexVector, b: ComplexVector): number {
  const ax = cmatvec(A, x);
  let s = 0;
  for (let i = 0; i < b.re.length; i++) s += (b.re[i] - ax.re[i]) ** 2 + (b.im[i] - ax.im[i]) ** 2;
  return Math.sqrt(s) / cnrm(b);
}

// ------------------------------------------------------------------ Lindblad generators

function randHermitian(rng: Rng, d: number): ComplexMatrix {
  const G = randComplex(rng, d, d);
  const H = cadd(G, adjoint(G));
  return H;
}

/**
 * Liouvillian in column-stacking vectorization, vec(AXB) = (Bᵀ ⊗ A) vec(X) (MODELS.md §0):
 * 𝓛 = −i(𝟙⊗H − Hᵀ⊗𝟙) + Σ_k [ L̄_k⊗L_k − ½ 𝟙⊗L_k†L_k − ½ (L_k†L_k)ᵀ⊗𝟙 ].
 */
function liouvillian(H: ComplexMatrix, Ls: ComplexMatrix[]): ComplexMatrix {
  const d = H.rows;
  const I = complexMatrix(d, d);
  for (let i = 0; i < d; i++) I.re[i * d + i] = 1;
  const N = d * d;
  const out = complexMatrix(N, N);
  const addScaled = (M: ComplexMatrix, sr: number, si: number): void => {
    for (let k = 0; k < N * N; k++) {
      const a = M.re[k];
      const b = M.im[k];
      out.re[k] += sr * a - si * b;
      out.im[k] += sr * b + si * a;
    }
  };
  addScaled(ckron(I, H), 0, -1);
  addScaled(ckron(ctranspose(H), I), 0, 1);
  for (const L of Ls) {
    const LdL = cmatmul(adjoint(L), L);
    addScaled(ckron(conj(L), L), 1, 0);
    addScaled(ckron(I, LdL), -0.5, 0);
    addScaled(ckron(ctranspose(LdL), I), -0.5, 0);
  }
  return out;
}

/** vec(𝟙) in column stacking: Tr ρ = tᵀ vec(ρ). */
function traceFunctional(d: number): ComplexVector {
  const t = { re: new Float64Array(d * d), im: new Float64Array(d * d) };
  for (let i = 0; i < d; i++) t.re[i + i * d] = 1;
  return t;
}

/** ρ from its column-stacked vectorization. */
function unvec(x: ComplexVector, d: number): ComplexMatrix {
  const R = complexMatrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      R.re[i * d + j] = x.re[i + j * d];
      R.im[i * d + j] = x.im[i + j * d];
    }
  }
  return R;
}

function randomLindblad(seed: number, d: number, nJumps: number): ComplexMatrix {
  const rng = new Rng(seed);
  const H = randHermitian(rng, d);
  const Ls: ComplexMatrix[] = [];
  for (let k = 0; k < nJumps; k++) Ls.push(randComplex(rng, d, d));
  return liouvillian(H, Ls);
}

function blockDiag(A: ComplexMatrix, B: ComplexMatrix): ComplexMatrix {
  const n = A.rows + B.rows;
  const C = complexMatrix(n, n);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) {
      C.re[i * n + j] = A.re[i * A.cols + j];
      C.im[i * n + j] = A.im[i * A.cols + j];
    }
  }
  for (let i = 0; i < B.rows; i++) {
    for (let j = 0; j < B.cols; j++) {
      C.re[(A.rows + i) * n + A.cols + j] = B.re[i * B.cols + j];
      C.im[(A.rows + i) * n + A.cols + j] = B.im[i * B.cols + j];
    }
  }
  return C;
}

function expectCode(f: () => unknown, codes: string[]): void {
  let caught: unknown = undefined;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(NessrefError);
  expect(codes).toContain((caught as NessrefError).code);
}

const seedArb = fc.integer({ min: 0, max: 0x7fffffff });

// ------------------------------------------------------------------ CSR

describe("CSR matrices", () => {
  const tripletsArb = fc
    .record({ m: fc.integer({ min: 1, max: 12 }), n: fc.integer({ min: 1, max: 12 }) })
    .chain(({ m, n }) =>
      fc.record({
        m: fc.constant(m),
        n: fc.constant(n),
        // small index ranges force duplicates; some values exactly zero, some cancelling
        t: fc.array(
          fc.tuple(fc.nat({ max: m - 1 }), fc.nat({ max: n - 1 }), fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1, max: 1, noNaN: true })), fc.double({ min: -1, max: 1, noNaN: true })),
          { maxLength: 60 },
        ),
      }),
    );

  it("triplets (with duplicates) compress to the dense accumulation, columns sorted, zeros dropped", () => {
    fc.assert(
      fc.property(tripletsArb, ({ m, n, t }) => {
        const b = new TripletBuilder(m, n, 2); // tiny capacity: exercises growth
        const cb = new ComplexTripletBuilder(m, n, 1);
        const D = realMatrix(m, n);
        const C = complexMatrix(m, n);
        for (const [i, j, v, w] of t) {
          b.push(i, j, v);
          cb.push(i, j, v, w);
          D.data[i * n + j] += v; // same push order as the builder's duplicate sum: exact equality
          C.re[i * n + j] += v;
          C.im[i * n + j] += w;
        }
        for (const [A, Dn] of [
          [b.toCsr(), D],
          [b.toCsr(false), D],
        ] as const) {
          expect(Array.from(csrToDense(A).data)).toEqual(Array.from(Dn.data));
          for (let i = 0; i < m; i++) {
            expect(A.rowPtr[i + 1]).toBeGreaterThanOrEqual(A.rowPtr[i]);
            for (let p = A.rowPtr[i] + 1; p < A.rowPtr[i + 1]; p++) expect(A.colIdx[p]).toBeGreaterThan(A.colIdx[p - 1]);
          }
        }
        const A = b.toCsr();
        for (let p = 0; p < nnz(A); p++) expect(A.values[p]).not.toBe(0);
        // compress ∘ dense round trip is the identity on the pattern of nonzeros
        expect(csrFromDense(D)).toEqual(A);
        const CA = cb.toCsr();
        const CD = ccsrToDense(CA);
        expect(Array.from(CD.re)).toEqual(Array.from(C.re));
        expect(Array.from(CD.im)).toEqual(Array.from(C.im));
        expect(ccsrFromDense(C)).toEqual(CA);
      }),
      { numRuns: 200 },
    );
  });

  it("matvec equals dense matvec; transpose and adjoint identities", () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 25 }), fc.double({ min: 0.05, max: 1, noNaN: true }), (seed, m, n, p) => {
        const rng = new Rng(seed);
        const D = randReal(rng, m, n);
        const C = randComplex(rng, m, n);
        for (let k = 0; k < m * n; k++) {
          if (rng.nextFloat() > p) D.data[k] = 0;
          if (rng.nextFloat() > p) {
            C.re[k] = 0;
            C.im[k] = 0;
          }
        }
        const A = csrFromDense(D);
        const CA = ccsrFromDense(C);
        const x = randVec(rng, n);
        const y = csrMatvec(A, x, new Float64Array(m).fill(NaN)); // y is overwritten, not accumulated
        const yd = matvec(D, x);
        // the two sums differ only in order / skipped exact zeros: |Δ| ≤ n·ε·Σ|a_ij x_j|, entries ≤ 1
        for (let i = 0; i < m; i++) expect(Math.abs(y[i] - yd[i])).toBeLessThanOrEqual(2 * n * EPS * n);
        const cx = randCVec(rng, n);
        const cy = ccsrMatvec(CA, cx);
        const cyd = cmatvec(C, cx);
        // complex products: 4 real terms per entry, |Δ| ≤ 2n·ε·Σ|a||x| with |a|,|x| ≤ √2
        for (let i = 0; i < m; i++) {
          expect(Math.abs(cy.re[i] - cyd.re[i])).toBeLessThanOrEqual(8 * n * EPS * n);
          expect(Math.abs(cy.im[i] - cyd.im[i])).toBeLessThanOrEqual(8 * n * EPS * n);
        }
        // transpose is exact (pure data movement), and an involution
        const At = csrTranspose(A);
        expect(Array.from(csrToDense(At).data)).toEqual(Array.from(transpose(D).data));
        expect(csrTranspose(At)).toEqual(A);
        const Ah = ccsrAdjoint(CA);
        const Hd = adjoint(C);
        // exact data movement; `+ 0` identifies −0 with +0 (negating a stored 0 imaginary part)
        expect(Array.from(ccsrToDense(Ah).re, (v) => v + 0)).toEqual(Array.from(Hd.re, (v) => v + 0));
        expect(Array.from(ccsrToDense(Ah).im, (v) => v + 0)).toEqual(Array.from(Hd.im, (v) => v + 0));
        // ⟨A x, z⟩ = ⟨x, A† z⟩ (Hermitian inner product), rounding ≤ c·(m+n)·ε·‖A‖_F‖x‖‖z‖
        const z = randCVec(rng, m);
        const Ax = ccsrMatvec(CA, cx);
        const Ahz = ccsrMatvec(Ah, z);
        let lr = 0;
        let li = 0;
        let rr = 0;
        let ri = 0;
        for (let i = 0; i < m; i++) {
          lr += Ax.re[i] * z.re[i] + Ax.im[i] * z.im[i]; // conj(z)·Ax
          li += Ax.im[i] * z.re[i] - Ax.re[i] * z.im[i];
        }
        for (let j = 0; j < n; j++) {
          rr += cx.re[j] * Ahz.re[j] + cx.im[j] * Ahz.im[j]; // conj(A†z)·x
          ri += cx.im[j] * Ahz.re[j] - cx.re[j] * Ahz.im[j];
        }
        const scale = Math.sqrt(2 * m * n) * cnrm(cx) * cnrm(z) + 1;
        expect(Math.abs(lr - rr)).toBeLessThanOrEqual(10 * (m + n) * EPS * scale); // c = 10 slack
        expect(Math.abs(li - ri)).toBeLessThanOrEqual(10 * (m + n) * EPS * scale);
      }),
      { numRuns: 150 },
    );
  });

  it("rejects mismatched shapes and bad indices", () => {
    const A = csrFromDense(realMatrix(2, 3));
    expectCode(() => csrMatvec(A, new Float64Array(2)), ["invalid-input"]);
    expectCode(() => csrMatvec(A, new Float64Array(3), new Float64Array(3)), ["invalid-input"]);
    expectCode(() => new TripletBuilder(2, 2).push(2, 0, 1), ["invalid-input"]);
    expectCode(() => new ComplexTripletBuilder(2, 2).push(0, 0, NaN, 0), ["invalid-input"]);
  });
});

// ------------------------------------------------------------------ Krylov

describe("Krylov solvers", () => {
  const sysArb = fc.record({ seed: seedArb, n: fc.integer({ min: 1, max: 60 }), p: fc.double({ min: 0.05, max: 0.6, noNaN: true }) });

  it("GMRES and BiCGSTAB solve diagonally dominant real systems to the true residual tolerance", () => {
    fc.assert(
      fc.property(sysArb, fc.integer({ min: 2, max: 40 }), ({ seed, n, p }, restart) => {
        const rng = new Rng(seed);
        const D = diagDominantReal(rng, n, p, true);
        const A = csrOperator(csrFromDense(D));
        const b = randVec(rng, n);
        const tol = 1e-10;
        // indefinite system: full GMRES (restart = n) is guaranteed to converge in ≤ n steps
        const Dind = diagDominantReal(rng, n, p, false);
        const Aind = csrOperator(csrFromDense(Dind));
        const rind = gmres(Aind, b, { tol, restart: n });
        expect(rind.converged).toBe(true);
        expect(Math.abs(relResidual(Dind, rind.x, b) - rind.residual)).toBeLessThanOrEqual(1e3 * n * EPS);
        for (const r of [gmres(A, b, { tol, restart }), bicgstab(A, b, { tol })]) {
          expect(r.converged).toBe(true);
          expect(r.residual).toBeLessThanOrEqual(tol);
          // reported residual is the true one: recompute densely (agreement to rounding, ~n·ε·κ, κ ≤ 3 here)
          expect(Math.abs(relResidual(D, r.x, b) - r.residual)).toBeLessThanOrEqual(1e3 * n * EPS);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("cGMRES and cBiCGSTAB solve diagonally dominant complex systems to the true residual tolerance", () => {
    fc.assert(
      fc.property(sysArb, fc.integer({ min: 2, max: 40 }), ({ seed, n, p }, restart) => {
        const rng = new Rng(seed);
        const D = diagDominantComplex(rng, n, p, true);
        const A = ccsrOperator(ccsrFromDense(D));
        const b = randCVec(rng, n);
        const tol = 1e-10;
        const Dind = diagDominantComplex(rng, n, p, false);
        const rind = cgmres(ccsrOperator(ccsrFromDense(Dind)), b, { tol, restart: n });
        expect(rind.converged).toBe(true);
        expect(Math.abs(crelResidual(Dind, rind.x, b) - rind.residual)).toBeLessThanOrEqual(1e3 * n * EPS);
        for (const r of [cgmres(A, b, { tol, restart }), cbicgstab(A, b, { tol })]) {
          expect(r.converged).toBe(true);
          expect(r.residual).toBeLessThanOrEqual(tol);
          expect(Math.abs(crelResidual(D, r.x, b) - r.residual)).toBeLessThanOrEqual(1e3 * n * EPS);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("GMRES with restart ≥ n is exact to rounding within n iterations", () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 40 }), (seed, n) => {
        const rng = new Rng(seed);
        // well-conditioned dense matrix: I·(3√n) + random, κ ≲ 3
        const D = randReal(rng, n, n);
        for (let i = 0; i < n; i++) D.data[i * n + i] += 3 * Math.sqrt(n);
        const C = randComplex(rng, n, n);
        for (let i = 0; i < n; i++) C.re[i * n + i] += 4 * Math.sqrt(n);
        const b = randVec(rng, n);
        const cb = randCVec(rng, n);
        // "exact to rounding": backward-stable Arnoldi (MGS + reorthogonalisation) gives
        // residual ≲ c·n·ε·κ; with κ ≤ 3 and c = 30 slack, tol = 100·n·ε
        const tol = 100 * n * EPS;
        const r = gmres(csrOperator(csrFromDense(D)), b, { restart: n, tol, maxIter: n });
        expect(r.converged).toBe(true);
        expect(r.iterations).toBeLessThanOrEqual(n);
        const c = cgmres(ccsrOperator(ccsrFromDense(C)), cb, { restart: n + 5, tol, maxIter: n });
        expect(c.converged).toBe(true);
        expect(c.iterations).toBeLessThanOrEqual(n);
      }),
      { numRuns: 100 },
    );
  });

  it("right preconditioning (Jacobi) and initial guesses keep the true residual below tolerance", () => {
    fc.assert(
      fc.property(sysArb, ({ seed, n, p }) => {
        const rng = new Rng(seed);
        const D = diagDominantComplex(rng, n, p, true);
        const A = ccsrOperator(ccsrFromDense(D));
        const jac = (x: ComplexVector, y: ComplexVector): void => {
          for (let i = 0; i < n; i++) {
            const a = D.re[i * n + i];
            const bb = D.im[i * n + i];
            const d = a * a + bb * bb;
            y.re[i] = (x.re[i] * a + x.im[i] * bb) / d;
            y.im[i] = (x.im[i] * a - x.re[i] * bb) / d;
          }
        };
        const b = randCVec(rng, n);
        const x0 = randCVec(rng, n);
        const tol = 1e-11;
        for (const r of [cgmres(A, b, { tol, precond: jac, x0 }), cbicgstab(A, b, { tol, precond: jac, x0 })]) {
          expect(r.converged).toBe(true);
          expect(crelResidual(D, r.x, b)).toBeLessThanOrEqual(tol * 1.01 + 1e3 * n * EPS); // recomputation rounding
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never returns NaN: a singular inconsistent system stops with converged = false", () => {
    // A = diag(1, 0), b = (1, 1): no solution; best residual is 1/√2
    const D = realMatrix(2, 2, Float64Array.of(1, 0, 0, 0));
    const A = csrOperator(csrFromDense(D));
    const b = Float64Array.of(1, 1);
    for (const r of [gmres(A, b, { maxIter: 50 }), bicgstab(A, b, { maxIter: 50 })]) {
      expect(r.converged).toBe(false);
      for (const v of r.x) expect(Number.isFinite(v)).toBe(true);
      expect(Number.isFinite(r.residual)).toBe(true);
      expect(r.residual).toBeGreaterThanOrEqual(Math.SQRT1_2 - 1e-12); // the least-squares minimum, rounding slack
    }
    // b = 0 → x = 0 exactly
    expect(Array.from(gmres(A, new Float64Array(2)).x)).toEqual([0, 0]);
  });
});

// ------------------------------------------------------------------ null vectors

/** Checks that x (normalised by the trace) is a density matrix with a small residual. */
function expectDensityMatrix(x: ComplexVector, d: number, residual: number): void {
  const rho = unvec(x, d);
  let tr = 0;
  let tri = 0;
  let herm = 0;
  let norm = 0;
  for (let i = 0; i < d; i++) {
    tr += rho.re[i * d + i];
    tri += rho.im[i * d + i];
    for (let j = 0; j < d; j++) {
      herm = Math.max(herm, Math.hypot(rho.re[i * d + j] - rho.re[j * d + i], rho.im[i * d + j] + rho.im[j * d + i]));
      norm = Math.max(norm, Math.hypot(rho.re[i * d + j], rho.im[i * d + j]));
    }
  }
  // Tr ρ = 1 is imposed by the normalisation tᵀx = 1: rounding only
  expect(Math.abs(tr - 1)).toBeLessThanOrEqual(100 * d * EPS);
  expect(Math.abs(tri)).toBeLessThanOrEqual(100 * d * EPS);
  // Hermiticity is not imposed; it follows from uniqueness (𝓛 commutes with †). The error
  // is the solver's forward error, ≲ κ·ε with κ ~ σ_max/σ_gap; 1e-8 leaves room for κ ≤ 1e6
  // (the random generators below have gaps ≳ 1e-4·‖𝓛‖, seen in the smallest singular values).
  expect(herm).toBeLessThanOrEqual(1e-8);
  // PSD: eigenvalues ≥ −(same forward-error bound)
  const ev = hermEigvalues(rho);
  for (const v of ev) expect(v).toBeGreaterThanOrEqual(-1e-8);
  // backward-stable LU on the bordered system: residual ≤ c·n·ε, c = 100 slack
  expect(residual).toBeLessThanOrEqual(100 * d * d * EPS);
  expect(norm).toBeLessThanOrEqual(1 + 1e-8); // |ρ_ij| ≤ 1 for a density matrix
}

describe("null vectors (NESS)", () => {
  const lindArb = fc.record({ seed: seedArb, d: fc.constantFrom(2, 4), nJumps: fc.integer({ min: 1, max: 3 }) });

  it("random Lindblad generators: the dense null vector is a density matrix (SVD road and condition road)", () => {
    fc.assert(
      fc.property(lindArb, ({ seed, d, nJumps }) => {
        const L = randomLindblad(seed, d, nJumps);
        const t = traceFunctional(d);
        const r = cnullVector(L, t);
        expect(r.method).toBe("bordered-lu");
        expect(r.smallestSingularValues!.length).toBeGreaterThan(0);
        expectDensityMatrix(r.x, d, r.residual);
        expect(kernelDimension(L)).toBe(1);
        // the condition-estimate road (svdMaxDim = 0) gives the same vector: both are backward
        // stable solves of the same nonsingular system, difference ≲ κ·ε·‖x‖, κ ≤ 1e6 here
        const r2 = cnullVector(L, t, { svdMaxDim: 0 });
        let diff = 0;
        for (let i = 0; i < d * d; i++) diff = Math.max(diff, Math.hypot(r.x.re[i] - r2.x.re[i], r.x.im[i] - r2.x.im[i]));
        expect(diff).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it("the sparse (bordered GMRES) road agrees with the dense road", () => {
    fc.assert(
      fc.property(lindArb, ({ seed, d, nJumps }) => {
        const L = randomLindblad(seed, d, nJumps);
        const t = traceFunctional(d);
        const dense = cnullVector(L, t);
        // restart ≥ n + 1: GMRES is a direct method here, solutions accurate to ~κ·tol
        const sp = cnullVectorSparse(ccsrFromDense(L), d * d, t, { tol: 1e-13, restart: d * d + 1 });
        expect(sp.method).toBe("bordered-gmres");
        let diff = 0;
        for (let i = 0; i < d * d; i++) diff = Math.max(diff, Math.hypot(dense.x.re[i] - sp.x.re[i], dense.x.im[i] - sp.x.im[i]));
        // GMRES tol 1e-13 times κ(bordered) ≲ 1e4 for these generators
        expect(diff).toBeLessThanOrEqual(1e-8);
        // the operator form gives the same answer as the CSR form
        const op = cnullVectorSparse(ccsrOperator(ccsrFromDense(L)), d * d, t, { tol: 1e-13, restart: d * d + 1 });
        for (let i = 0; i < d * d; i++) expect(Math.abs(op.x.re[i] - sp.x.re[i])).toBeLessThanOrEqual(1e-8);
      }),
      { numRuns: 100 },
    );
  });

  it("restarted bordered GMRES (default restart 30) on 3-qubit generators agrees with the dense road", () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 3 }), (seed, nJumps) => {
        const d = 8;
        const L = randomLindblad(seed, d, nJumps);
        const t = traceFunctional(d);
        const dense = cnullVector(L, t);
        const sp = cnullVectorSparse(ccsrFromDense(L), d * d, t, { tol: 1e-12 });
        // both residuals verified; the vectors differ by ≲ κ(bordered)·tol with κ ≲ 1e3 seen here, slack 10
        expect(sp.residual).toBeLessThanOrEqual(1e-10);
        let diff = 0;
        for (let i = 0; i < d * d; i++) diff = Math.max(diff, Math.hypot(dense.x.re[i] - sp.x.re[i], dense.x.im[i] - sp.x.im[i]));
        expect(diff).toBeLessThanOrEqual(1e-8);
        expectDensityMatrix(dense.x, d, dense.residual);
      }),
      { numRuns: 20 },
    );
  });

  it("a 2-dimensional kernel (pure dephasing, or two decoupled copies) throws non-unique-ness", () => {
    fc.assert(
      fc.property(seedArb, fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), (seed, h, g) => {
        // H = h σ^z, L = √g σ^z: every diagonal ρ is stationary → dim ker 𝓛 = 2
        const sz = complexMatrix(2, 2, Float64Array.of(1, 0, 0, -1), new Float64Array(4));
        const H = complexMatrix(2, 2, Float64Array.of(h, 0, 0, -h), new Float64Array(4));
        const Lz = complexMatrix(2, 2, sz.re.map((v) => v * Math.sqrt(g)), new Float64Array(4));
        const deph = liouvillian(H, [Lz]);
        const t2 = traceFunctional(2);
        expectCode(() => cnullVector(deph, t2), ["non-unique-ness"]);
        expectCode(() => cnullVector(deph, t2, { svdMaxDim: 0 }), ["non-unique-ness"]);
        expect(kernelDimension(deph)).toBe(2);
        // two decoupled copies of a random generator (block-diagonal): dim ker = 2
        const L1 = randomLindblad(seed, 2, 2);
        const L2 = randomLindblad(seed + 1, 2, 1);
        const B = blockDiag(L1, L2);
        const tB = { re: new Float64Array(8), im: new Float64Array(8) };
        tB.re.set(t2.re, 0);
        tB.re.set(t2.re, 4);
        expectCode(() => cnullVector(B, tB), ["non-unique-ness"]);
        expectCode(() => cnullVector(B, tB, { svdMaxDim: 0 }), ["non-unique-ness"]);
        // the sparse road: the bordered system is singular; it stagnates or the two borders disagree
        expectCode(() => cnullVectorSparse(ccsrFromDense(B), 8, tB, { maxIter: 200, restart: 9 }), ["non-unique-ness", "no-convergence"]);
        expectCode(() => cnullVectorSparse(ccsrFromDense(deph), 4, t2, { maxIter: 200, restart: 5 }), ["non-unique-ness", "no-convergence"]);
      }),
      { numRuns: 30 },
    );
  });

  it("a nonsingular matrix throws no-steady-state (all roads)", () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 12 }), (seed, n) => {
        const rng = new Rng(seed);
        const D = diagDominantComplex(rng, n, 0.5); // nonsingular, κ ≤ 3
        const t = randCVec(rng, n);
        expectCode(() => cnullVector(D, t), ["no-steady-state"]);
        expectCode(() => cnullVector(D, t, { svdMaxDim: 0 }), ["no-steady-state"]);
        expectCode(() => cnullVectorSparse(ccsrFromDense(D), n, t, { restart: n + 1 }), ["no-steady-state"]);
        const R = diagDominantReal(rng, n, 0.5);
        expectCode(() => nullVector(R, t.re), ["no-steady-state"]);
        expectCode(() => nullVector(R, t.re, { svdMaxDim: 0 }), ["no-steady-state"]);
      }),
      { numRuns: 60 },
    );
  });

  it("real rate matrices: the null vector is the stationary distribution", () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 30 }), (seed, n) => {
        const rng = new Rng(seed);
        // W_ij ≥ 0 (j → i), diagonal = −column sum: a generator of a classical Markov chain
        const W = realMatrix(n, n);
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let i = 0; i < n; i++) {
            if (i !== j) {
              const w = rng.uniform(0.1, 1);
              W.data[i * n + j] = w;
              s += w;
            }
          }
          W.data[j * n + j] = -s;
        }
        const ones = new Float64Array(n).fill(1);
        for (const opts of [{}, { svdMaxDim: 0 }]) {
          const r = nullVector(W, ones, opts);
          let sum = 0;
          for (const p of r.x) {
            expect(p).toBeGreaterThan(0); // irreducible chain: strictly positive (Perron–Frobenius)
            sum += p;
          }
          expect(Math.abs(sum - 1)).toBeLessThanOrEqual(10 * n * EPS); // normalisation, rounding
          expect(r.residual).toBeLessThanOrEqual(100 * n * EPS); // backward-stable LU, c = 100 slack
        }
        // complex road on the same matrix agrees (the solution is real)
        const c = cnullVector({ rows: n, cols: n, re: W.data, im: new Float64Array(n * n) }, { re: ones, im: new Float64Array(n) });
        const r = nullVector(W, ones);
        for (let i = 0; i < n; i++) {
          expect(Math.abs(c.x.re[i] - r.x[i])).toBeLessThanOrEqual(1e-12); // κ ≤ ~1e2 for rates in [0.1, 1]
          expect(Math.abs(c.x.im[i])).toBeLessThanOrEqual(1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a kernel orthogonal to t cannot be normalised", () => {
    // A = diag(0, 1): kernel e₀; t = e₁ ⟂ kernel
    const A = complexMatrix(2, 2, Float64Array.of(0, 0, 0, 1), new Float64Array(4));
    expectCode(() => cnullVector(A, { re: Float64Array.of(0, 1), im: new Float64Array(2) }), ["no-steady-state"]);
    expectCode(() => cnullVector(A, { re: Float64Array.of(1, 0), im: new Float64Array(1) }), ["invalid-input"]);
  });
});

describe("pcg with the Jacobi and IC(0) preconditioners (src/linalg/cg.ts)", () => {
  // random symmetric M-matrices: a weighted graph Laplacian on random edges plus a positive diagonal
  const mMatrix = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(
    fc.constant(n),
    fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.double({ min: -3, max: 1, noNaN: true })), { maxLength: 4 * n }),
    fc.array(fc.double({ min: -4, max: 0, noNaN: true }), { minLength: n, maxLength: n }),
    fc.array(fc.integer({ min: -1000, max: 1000 }).map((k) => k / 1000), { minLength: n, maxLength: n }),
  ));
  it("solves SPD M-matrices to the requested residual and agrees with LU", async () => {
    const { pcg, jacobiPreconditioner, ic0Preconditioner } = await import("../src/linalg/cg.js");
    const { csrFromDense, csrOperator } = await import("../src/linalg/sparse.js");
    const { solve } = await import("../src/linalg/lu.js");
    fc.assert(
      fc.property(mMatrix, ([n, edges, diag, b]) => {
        const A = realMatrix(n, n);
        for (const [i, j, lg] of edges) {
          if (i === j) continue;
          const g = 10 ** lg;
          A.data[i * n + j] -= g; A.data[j * n + i] -= g; A.data[i * n + i] += g; A.data[j * n + j] += g;
        }
        for (let i = 0; i < n; i++) A.data[i * n + i] += 10 ** diag[i];
        const rhs = Float64Array.from(b);
        const x = solve(A, rhs);
        const S = csrFromDense(A);
        const op = csrOperator(S);
        const d = Float64Array.from({ length: n }, (_, i) => A.data[i * n + i]);
        for (const precond of [undefined, jacobiPreconditioner(d), ic0Preconditioner(S)]) {
          const r = pcg(op, rhs, { tol: 1e-12, maxIter: 20 * n + 100, ...(precond ? { precond } : {}) });
          // converged, or stopped at the roundoff floor: the reported residual is the true one either way
          expect(r.residual).toBeLessThanOrEqual(1e-10);
          // forward error ≤ cond·(residual + n·ε); cond ≤ (max row sum)/(min diagonal excess) ≤ (4·4n·10 + 1)/1e-4
          const cond = (160 * n + 1) / 1e-4;
          const xs = Math.max(...x.map(Math.abs), 1e-300);
          for (let i = 0; i < n; i++) expect(Math.abs(r.x[i] - x[i])).toBeLessThanOrEqual(cond * (r.residual + 64 * n * 2.2e-16) * xs * Math.sqrt(n));
        }
      }),
      { numRuns: 200, seed: 94 },
    );
  });

  it("IC(0) is exact on a tridiagonal SPD matrix (no fill): one CG step", async () => {
    const { pcg, ic0Preconditioner } = await import("../src/linalg/cg.js");
    const { csrFromDense, csrOperator } = await import("../src/linalg/sparse.js");
    const n = 30;
    const A = realMatrix(n, n);
    for (let i = 0; i < n; i++) {
      A.data[i * n + i] = 2.5;
      if (i > 0) { A.data[i * n + i - 1] = -1; A.data[(i - 1) * n + i] = -1; }
    }
    const S = csrFromDense(A);
    const r = pcg(csrOperator(S), Float64Array.from({ length: n }, (_, i) => Math.sin(i)), { tol: 1e-13, precond: ic0Preconditioner(S) });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThanOrEqual(2);
  });
});
