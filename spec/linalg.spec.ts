// Properties of the dense kernels, LU, QR and the symmetric/Hermitian eigensolvers.
// Matrices are drawn from a fast-check seed through a small local generator (entries
// uniform in [-1, 1)), so that sizes up to 80 stay cheap to generate.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import {
  adjoint,
  cmatmul,
  cmatmulAdjointLeft,
  cmatmulAdjointRight,
  ckron,
  conj,
  csub,
  ctranspose,
  kron,
  matmul,
  matvec,
  cmatvec,
  normFro,
  cnormFro,
  normInf,
  norm1,
  cnorm1,
  sub,
  transpose,
  maxAbs,
  cmaxAbs,
} from "../src/linalg/dense.js";
import {
  luFactor,
  luSolve,
  luDet,
  condEstimate1,
  inverse,
  cluFactor,
  cluSolve,
  cluDet,
  ccondEstimate1,
  cinverse,
  luSolveMatrix,
} from "../src/linalg/lu.js";
import { qr, cqr } from "../src/linalg/qr.js";
import { symEig, symEigvalues, hermEig, hermEigvalues } from "../src/linalg/symeig.js";
import { tridiagEig, tridiagEigenvalues } from "../src/linalg/tridiag.js";
import { complexMatrix, realMatrix, identity, complexIdentity, type ComplexMatrix, type RealMatrix } from "../src/linalg/matrix.js";
import { NessrefError } from "../src/errors.js";

const EPS = Number.EPSILON;

/** Deterministic uniform [-1, 1) stream from a seed (test-only generator). */
function stream(seed: number): () => number {
  let s = (seed >>> 0) || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2147483648 - 1;
  };
}

function randReal(m: number, n: number, seed: number): RealMatrix {
  const r = stream(seed);
  return realMatrix(m, n, Float64Array.from({ length: m * n }, r));
}
function randComplex(m: number, n: number, seed: number): ComplexMatrix {
  const r = stream(seed);
  return complexMatrix(m, n, Float64Array.from({ length: m * n }, r), Float64Array.from({ length: m * n }, r));
}
function randSym(n: number, seed: number): RealMatrix {
  const A = randReal(n, n, seed);
  return realMatrix(n, n, add2(A, transpose(A)));
}
function add2(A: RealMatrix, B: RealMatrix): Float64Array {
  return A.data.map((v, i) => v + B.data[i]);
}
function randHerm(n: number, seed: number): ComplexMatrix {
  const A = randComplex(n, n, seed);
  const H = adjoint(A);
  return complexMatrix(n, n, A.re.map((v, i) => v + H.re[i]), A.im.map((v, i) => v + H.im[i]));
}
function maxDiffFromIdentity(M: RealMatrix): number {
  return maxAbs(sub(M, identity(M.rows)));
}
function cmaxDiffFromIdentity(M: ComplexMatrix): number {
  return cmaxAbs(csub(M, complexIdentity(M.rows)));
}
/** Sizes 1..80, skewed small so that the many cheap runs cover edge cases and few runs are large. */
const size = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 13, max: 80 }) });
const seed = fc.integer({ min: 1, max: 0x7fffffff });

describe("dense kernels", () => {
  it("kron mixed-product property (A⊗B)(C⊗D) = AC ⊗ BD, real and complex", () => {
    const dim = fc.integer({ min: 1, max: 4 });
    fc.assert(
      fc.property(dim, dim, dim, dim, dim, dim, seed, (a, b, c, d, e, f, s) => {
        const A = randReal(a, b, s), C = randReal(b, c, s + 1), B = randReal(d, e, s + 2), D = randReal(e, f, s + 3);
        const lhs = matmul(kron(A, B), kron(C, D));
        const rhs = kron(matmul(A, C), matmul(B, D));
        // entries are sums of ≤ 16 products of O(1) numbers: rounding ≤ 16·4ε·max, 1e-13 leaves slack
        expect(maxAbs(sub(lhs, rhs))).toBeLessThanOrEqual(1e-13);
        const Ac = randComplex(a, b, s), Cc = randComplex(b, c, s + 1), Bc = randComplex(d, e, s + 2), Dc = randComplex(e, f, s + 3);
        const l2 = cmatmul(ckron(Ac, Bc), ckron(Cc, Dc));
        const r2 = ckron(cmatmul(Ac, Cc), cmatmul(Bc, Dc));
        // same reasoning, complex products have 4 terms each: 1e-12 slack
        expect(cmaxAbs(csub(l2, r2))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 100 },
    );
  });

  it("kron uses A as the most significant factor", () => {
    const A = realMatrix(2, 2, Float64Array.of(1, 2, 3, 4));
    const K = kron(A, identity(2));
    // (A⊗I)[(i·2+k),(j·2+l)] = A[i][j]·δ_kl — exact small integers
    expect(Array.from(K.data)).toEqual([1, 0, 2, 0, 0, 1, 0, 2, 3, 0, 4, 0, 0, 3, 0, 4]);
  });

  it("adjoint identities: (AB)† = B†A†, (A†)† = A, A†B and AB† kernels agree with explicit adjoints", () => {
    fc.assert(
      fc.property(size, size, size, seed, (m, k, n, s) => {
        const A = randComplex(m, k, s), B = randComplex(k, n, s + 7);
        const lhs = adjoint(cmatmul(A, B));
        const rhs = cmatmul(adjoint(B), adjoint(A));
        // same products summed in different order: ≤ 2k·ε·k per entry (entries O(1)), 1e-12·k slack
        expect(cmaxAbs(csub(lhs, rhs))).toBeLessThanOrEqual(1e-13 * k);
        expect(cmaxAbs(csub(adjoint(adjoint(A)), A))).toBe(0); // exact: only sign flips
        expect(cmaxAbs(csub(ctranspose(conj(A)), adjoint(A)))).toBe(0); // exact
        const C = randComplex(m, n, s + 9);
        expect(cmaxAbs(csub(cmatmulAdjointLeft(A, C), cmatmul(adjoint(A), C)))).toBeLessThanOrEqual(1e-13 * m);
        const D = randComplex(n, k, s + 11);
        expect(cmaxAbs(csub(cmatmulAdjointRight(A, D), cmatmul(A, adjoint(D))))).toBeLessThanOrEqual(1e-13 * k);
      }),
      { numRuns: 60 },
    );
  });

  it("matvec agrees with matmul by a one-column matrix; norms are consistent", () => {
    fc.assert(
      fc.property(size, size, seed, (m, n, s) => {
        const A = randReal(m, n, s);
        const x = randReal(n, 1, s + 3);
        const y = matvec(A, x.data);
        const Y = matmul(A, x);
        // identical summation order: exact equality
        expect(Array.from(y)).toEqual(Array.from(Y.data));
        const C = randComplex(m, n, s);
        const z = randComplex(n, 1, s + 5);
        const w = cmatvec(C, { re: z.re, im: z.im });
        const W = cmatmul(C, z);
        // different accumulation grouping of the complex terms: ≤ n·4ε per entry
        for (let i = 0; i < m; i++) expect(Math.abs(w.re[i] - W.re[i]) + Math.abs(w.im[i] - W.im[i])).toBeLessThanOrEqual(1e-13 * n);
        // ‖A‖₁ = ‖Aᵀ‖∞ exactly (same sums); ‖A‖_F ≤ √(min(m,n))·‖A‖₂ ≤ √n·‖A‖∞·… — check the elementary bound ‖A‖_F ≤ √m‖A‖∞ with rounding slack
        expect(norm1(A)).toBe(normInf(transpose(A)));
        expect(normFro(A)).toBeLessThanOrEqual(Math.sqrt(m) * normInf(A) * (1 + 1e-14));
        expect(cnormFro(C)).toBeLessThanOrEqual(Math.sqrt(n) * cnorm1(C) * (1 + 1e-14));
      }),
      { numRuns: 60 },
    );
  });

  it("shape mismatches throw invalid-input", () => {
    expect(() => matmul(identity(2), identity(3))).toThrow(NessrefError);
    expect(() => matvec(identity(2), new Float64Array(3))).toThrow(NessrefError);
  });
});

describe("LU", () => {
  it("solve residual ‖Ax − b‖∞ ≤ c·n·ε·‖A‖∞‖x‖∞ (backward stability of GEPP)", () => {
    fc.assert(
      fc.property(size, seed, (n, s) => {
        const A = randReal(n, n, s);
        const b = randReal(n, 1, s + 1).data;
        const f = luFactor(A);
        fc.pre(!f.singular);
        const x = luSolve(f, b);
        const r = matvec(A, x).map((v, i) => v - b[i]);
        const rn = Math.max(...Array.from(r, Math.abs));
        const xn = Math.max(...Array.from(x, Math.abs));
        // GEPP: (A+E)x = b with ‖E‖∞ ≤ c·n·ε·ρ·‖A‖∞; growth ρ is small for random matrices, c = 50 slack
        expect(rn).toBeLessThanOrEqual(50 * n * EPS * normInf(A) * xn);
        // complex likewise
        const C = randComplex(n, n, s);
        const cb = randComplex(n, 1, s + 2);
        const cf = cluFactor(C);
        fc.pre(!cf.singular);
        const cx = cluSolve(cf, { re: cb.re, im: cb.im });
        const cr = cmatvec(C, cx);
        let crn = 0, cxn = 0;
        for (let i = 0; i < n; i++) {
          crn = Math.max(crn, Math.hypot(cr.re[i] - cb.re[i], cr.im[i] - cb.im[i]));
          cxn = Math.max(cxn, Math.hypot(cx.re[i], cx.im[i]));
        }
        // complex arithmetic adds a factor ≈ √2·2 per operation; c = 100 slack
        expect(crn).toBeLessThanOrEqual(100 * n * EPS * cnorm1(adjoint(C)) * cxn);
      }),
      { numRuns: 80 },
    );
  });

  it("det(AB) = det(A)·det(B), real and complex (moderate sizes)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), seed, (n, s) => {
        const A = randReal(n, n, s), B = randReal(n, n, s + 3);
        const fa = luFactor(A), fb = luFactor(B);
        const ka = condEstimate1(fa), kb = condEstimate1(fb);
        fc.pre(ka < 1e6 && kb < 1e6);
        const lhs = luDet(luFactor(matmul(A, B)));
        const rhs = luDet(fa) * luDet(fb);
        // relative error of a computed determinant ≲ n·ε·κ (perturbation of log det ≤ ‖A⁻¹‖‖E‖·n); c = 100 slack
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(100 * n * EPS * (ka + kb) * Math.abs(rhs));
        const C = randComplex(n, n, s), D = randComplex(n, n, s + 3);
        const fc1 = cluFactor(C), fd = cluFactor(D);
        const kc = ccondEstimate1(fc1), kd = ccondEstimate1(fd);
        fc.pre(kc < 1e6 && kd < 1e6);
        const l = cluDet(cluFactor(cmatmul(C, D)));
        const a = cluDet(fc1), b = cluDet(fd);
        const rr = a.re * b.re - a.im * b.im, ri = a.re * b.im + a.im * b.re;
        // same bound as the real case
        expect(Math.hypot(l.re - rr, l.im - ri)).toBeLessThanOrEqual(100 * n * EPS * (kc + kd) * Math.hypot(rr, ri));
      }),
      { numRuns: 80 },
    );
  });

  it("condEstimate1 lies within a factor 10 below the exact κ₁ = ‖A‖₁‖A⁻¹‖₁ (and never above it)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), seed, fc.integer({ min: 0, max: 8 }), (n, s, ill) => {
        // graded columns make some draws ill-conditioned (κ up to ~1e8)
        const A = randReal(n, n, s);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.data[i * n + j] *= 10 ** (-(ill * j) / Math.max(n - 1, 1));
        const f = luFactor(A);
        fc.pre(!f.singular);
        const exact = norm1(A) * norm1(inverse(A));
        const est = condEstimate1(f);
        // Hager–Higham gives a lower bound of ‖A⁻¹‖₁ (up to rounding in the solves, 1e-6 relative slack);
        // Higham (2002) §15.3 reports it is almost always within a factor 3 — we claim 10.
        expect(est).toBeLessThanOrEqual(exact * (1 + 1e-6));
        expect(est).toBeGreaterThanOrEqual(exact / 10);
        const C = randComplex(n, n, s);
        const cf = cluFactor(C);
        fc.pre(!cf.singular);
        const cexact = cnorm1(C) * cnorm1(cinverse(C));
        const cest = ccondEstimate1(cf);
        // same claims for the complex variant
        expect(cest).toBeLessThanOrEqual(cexact * (1 + 1e-6));
        expect(cest).toBeGreaterThanOrEqual(cexact / 10);
      }),
      { numRuns: 80 },
    );
  });

  it("A·inverse(A) ≈ I and luSolveMatrix matches column-wise luSolve", () => {
    fc.assert(
      fc.property(size, seed, (n, s) => {
        const A = randReal(n, n, s);
        const f = luFactor(A);
        fc.pre(!f.singular);
        const kappa = condEstimate1(f);
        // ‖A·X − I‖ ≤ c·n·ε·κ for the computed inverse X; c = 50 slack (κ ≥ 1)
        expect(maxDiffFromIdentity(matmul(A, inverse(A)))).toBeLessThanOrEqual(50 * n * EPS * kappa);
        const B = randReal(n, 3, s + 1);
        const X = luSolveMatrix(f, B);
        for (let c = 0; c < 3; c++) {
          const col = Float64Array.from({ length: n }, (_, i) => B.data[i * 3 + c]);
          const x = luSolve(f, col);
          // same substitutions, different summation order: both forward-stable to c·n·ε·κ·‖x‖, c = 50
          const xn = Math.max(...Array.from(x, Math.abs));
          for (let i = 0; i < n; i++) expect(Math.abs(x[i] - X.data[i * 3 + c])).toBeLessThanOrEqual(50 * n * EPS * kappa * xn);
        }
        const C = randComplex(n, n, s);
        const cf = cluFactor(C);
        fc.pre(!cf.singular);
        expect(cmaxDiffFromIdentity(cmatmul(C, cinverse(C)))).toBeLessThanOrEqual(100 * n * EPS * ccondEstimate1(cf));
      }),
      { numRuns: 60 },
    );
  });

  it("singular matrices are flagged; solves throw 'singular'", () => {
    const A = realMatrix(3, 3, Float64Array.of(1, 2, 3, 2, 4, 6, 1, 0, 1));
    const f = luFactor(A);
    expect(f.singular).toBe(true);
    expect(condEstimate1(f)).toBe(Infinity);
    expect(() => luSolve(f, new Float64Array(3))).toThrowError(expect.objectContaining({ code: "singular" }));
    const cf = cluFactor(complexMatrix(2, 2));
    expect(cf.singular).toBe(true);
    expect(() => cluSolve(cf, { re: new Float64Array(2), im: new Float64Array(2) })).toThrowError(expect.objectContaining({ code: "singular" }));
  });
});

describe("QR", () => {
  it("A = QR, Q orthonormal, R upper triangular (real, full and thin, any m×n)", () => {
    fc.assert(
      fc.property(size, size, seed, fc.boolean(), (m, n, s, thin) => {
        const A = randReal(m, n, s);
        const { Q, R } = qr(A, { thin });
        const t = Math.min(m, n);
        expect(Q.rows).toBe(m);
        expect(Q.cols).toBe(thin ? t : m);
        expect(R.rows).toBe(thin ? t : m);
        for (let i = 0; i < R.rows; i++) for (let j = 0; j < Math.min(i, n); j++) expect(R.data[i * n + j]).toBe(0);
        // Householder QR is backward stable: ‖QR − A‖_F ≤ c·m·n·ε·‖A‖_F (GVL §5.2.2), c = 10 slack
        expect(normFro(sub(matmul(Q, R), A))).toBeLessThanOrEqual(10 * m * n * EPS * Math.max(normFro(A), 1e-300));
        // computed Q is orthonormal to ≈ c·m·ε
        expect(maxDiffFromIdentity(matmul(transpose(Q), Q))).toBeLessThanOrEqual(50 * m * EPS);
      }),
      { numRuns: 80 },
    );
  });

  it("A = QR, Q unitary, R upper triangular (complex)", () => {
    fc.assert(
      fc.property(size, size, seed, fc.boolean(), (m, n, s, thin) => {
        const A = randComplex(m, n, s);
        const { Q, R } = cqr(A, { thin });
        for (let i = 0; i < R.rows; i++) {
          for (let j = 0; j < Math.min(i, n); j++) {
            expect(R.re[i * n + j]).toBe(0);
            expect(R.im[i * n + j]).toBe(0);
          }
        }
        // backward stability as in the real case, complex flops ×4: c = 40
        expect(cnormFro(csub(cmatmul(Q, R), A))).toBeLessThanOrEqual(40 * m * n * EPS * cnormFro(A));
        expect(cmaxDiffFromIdentity(cmatmulAdjointLeft(Q, Q))).toBeLessThanOrEqual(100 * m * EPS);
      }),
      { numRuns: 60 },
    );
  });
});

/** Random orthogonal Q (from the QR of a random matrix) and A = Q diag(λ) Qᵀ. */
function withSpectrum(lambda: Float64Array, s: number): RealMatrix {
  const n = lambda.length;
  const { Q } = qr(randReal(n, n, s));
  const QL = realMatrix(n, n, Q.data.map((v, k) => v * lambda[k % n]));
  const A = matmul(QL, transpose(Q));
  // symmetrise exactly (rounding leaves ~ε asymmetry)
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A.data[j * n + i] = A.data[i * n + j];
  return A;
}

function checkSymEig(A: RealMatrix, values: Float64Array, V: RealMatrix): void {
  const n = A.rows;
  const nrm = Math.max(normFro(A), 1e-300);
  for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  const AV = matmul(A, V);
  const VL = realMatrix(n, n, V.data.map((v, k) => v * values[k % n]));
  // backward stable: ‖AV − VΛ‖_F ≤ c·n·ε·‖A‖_F; c = 20 slack
  expect(normFro(sub(AV, VL))).toBeLessThanOrEqual(20 * n * EPS * nrm);
  // orthogonality of accumulated rotations: ‖VᵀV − I‖ ≤ c·n·ε, c = 20
  expect(maxDiffFromIdentity(matmul(transpose(V), V))).toBeLessThanOrEqual(20 * n * EPS);
}

describe("symmetric / Hermitian eigensolvers", () => {
  it("symEig: A V = V Λ, VᵀV = I, ascending; symEigvalues agrees", () => {
    fc.assert(
      fc.property(size, seed, (n, s) => {
        const A = randSym(n, s);
        const { values, vectors } = symEig(A);
        checkSymEig(A, values, vectors);
        const v2 = symEigvalues(A);
        // same reduction and QR without vectors: identical shifts, only the rotation bookkeeping differs
        for (let i = 0; i < n; i++) expect(Math.abs(v2[i] - values[i])).toBeLessThanOrEqual(10 * n * EPS * normFro(A));
      }),
      { numRuns: 60 },
    );
  });

  it("symEig on near-degenerate spectra (clusters 1 + 1e-12·k): values to O(nε‖A‖), vectors orthonormal", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), seed, fc.integer({ min: 1, max: 60 }), (n, s, clusterSize) => {
        const r = stream(s + 99);
        const c = Math.min(clusterSize, n);
        const lambda = Float64Array.from({ length: n }, (_, i) => (i < c ? 1 + 1e-12 * i : 3 * r()));
        const A = withSpectrum(lambda, s);
        const { values, vectors } = symEig(A);
        checkSymEig(A, values, vectors);
        const sorted = Float64Array.from(lambda).sort();
        // Weyl: |λᵢ(A+E) − λᵢ(A)| ≤ ‖E‖₂; A itself carries O(nε) rounding from its construction; c = 20
        for (let i = 0; i < n; i++) expect(Math.abs(values[i] - sorted[i])).toBeLessThanOrEqual(20 * n * EPS * 3);
      }),
      { numRuns: 40 },
    );
  });

  it("hermEig: A V = V Λ, V†V = I, ascending, real symmetric input gives the same values as symEig", () => {
    fc.assert(
      fc.property(size, seed, (n, s) => {
        const A = randHerm(n, s);
        const { values, vectors } = hermEig(A);
        const nrm = cnormFro(A);
        for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
        const AV = cmatmul(A, vectors);
        const VL = complexMatrix(n, n, vectors.re.map((v, k) => v * values[k % n]), vectors.im.map((v, k) => v * values[k % n]));
        // backward stable: ‖AV − VΛ‖_F ≤ c·n·ε·‖A‖_F; complex arithmetic, c = 40
        expect(cnormFro(csub(AV, VL))).toBeLessThanOrEqual(40 * n * EPS * nrm);
        expect(cmaxDiffFromIdentity(cmatmulAdjointLeft(vectors, vectors))).toBeLessThanOrEqual(40 * n * EPS);
        const v2 = hermEigvalues(A);
        // same method without vectors
        for (let i = 0; i < n; i++) expect(Math.abs(v2[i] - values[i])).toBeLessThanOrEqual(10 * n * EPS * nrm);
        const S = randSym(n, s);
        const hs = hermEigvalues(complexMatrix(n, n, S.data, new Float64Array(n * n)));
        const ss = symEigvalues(S);
        // two backward-stable computations of the same spectrum: each within c·n·ε·‖S‖_F, c = 20
        for (let i = 0; i < n; i++) expect(Math.abs(hs[i] - ss[i])).toBeLessThanOrEqual(40 * n * EPS * normFro(S));
      }),
      { numRuns: 50 },
    );
  });

  it("hermEig on near-degenerate spectra (A = U diag(λ) U†, U from cqr)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), seed, (n, s) => {
        const r = stream(s + 5);
        const lambda = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -2 + 1e-12 * i : 2 * r()));
        const { Q: U } = cqr(randComplex(n, n, s));
        const UL = complexMatrix(n, n, U.re.map((v, k) => v * lambda[k % n]), U.im.map((v, k) => v * lambda[k % n]));
        const A0 = cmatmulAdjointRight(UL, U);
        const A = complexMatrix(n, n, A0.re.slice(), A0.im.slice());
        for (let i = 0; i < n; i++) {
          A.im[i * n + i] = 0;
          for (let j = 0; j < i; j++) {
            A.re[j * n + i] = A.re[i * n + j];
            A.im[j * n + i] = -A.im[i * n + j];
          }
        }
        const { values, vectors } = hermEig(A);
        const sorted = Float64Array.from(lambda).sort();
        // Weyl bound with construction rounding O(nε·max|λ|); c = 40 for complex arithmetic
        for (let i = 0; i < n; i++) expect(Math.abs(values[i] - sorted[i])).toBeLessThanOrEqual(40 * n * EPS * 2);
        expect(cmaxDiffFromIdentity(cmatmulAdjointLeft(vectors, vectors))).toBeLessThanOrEqual(40 * n * EPS);
      }),
      { numRuns: 30 },
    );
  });

  it("tridiagEig agrees with symEig on the same tridiagonal matrix", () => {
    fc.assert(
      fc.property(size, seed, (n, s) => {
        const r = stream(s);
        const d = Float64Array.from({ length: n }, r);
        const e = Float64Array.from({ length: Math.max(n - 1, 0) }, r);
        const T = realMatrix(n, n);
        for (let i = 0; i < n; i++) T.data[i * n + i] = d[i];
        for (let i = 0; i < n - 1; i++) T.data[i * n + i + 1] = T.data[(i + 1) * n + i] = e[i];
        const t = tridiagEig(d, e, { vectors: true });
        checkSymEig(T, t.values, t.vectors!);
        const sv = symEigvalues(T);
        // two backward-stable solvers: each within c·n·ε·‖T‖_F of the truth (Weyl), c = 20 each
        for (let i = 0; i < n; i++) expect(Math.abs(t.values[i] - sv[i])).toBeLessThanOrEqual(40 * n * EPS * normFro(T));
        const only = tridiagEig(d, e);
        expect(only.vectors).toBeUndefined();
        // identical shifts and rotations: exact equality
        expect(Array.from(only.values)).toEqual(Array.from(t.values));
      }),
      { numRuns: 60 },
    );
  });

  it("tridiagEigenvalues (root-free QL) agrees with symEig, also on split, graded and integer matrices", () => {
    const kind = fc.constantFrom("normal", "split", "graded", "integer");
    fc.assert(
      fc.property(size, seed, kind, (n, s, k) => {
        const r = stream(s);
        const d = Float64Array.from({ length: n }, () => (k === "integer" ? Math.round(4 * r()) : r()));
        const e = Float64Array.from({ length: Math.max(n - 1, 0) }, () => {
          const x = r();
          if (k === "split") return Math.abs(x) < 0.3 ? 0 : x; // exact zeros: the matrix splits
          if (k === "graded") return x * 10 ** (-8 * Math.abs(r())); // couplings down to 1e−8
          if (k === "integer") return Math.abs(x) < 0.3 ? 0 : 1;
          return x;
        });
        const T = realMatrix(n, n);
        for (let i = 0; i < n; i++) T.data[i * n + i] = d[i];
        for (let i = 0; i < n - 1; i++) T.data[i * n + i + 1] = T.data[(i + 1) * n + i] = e[i];
        const v = tridiagEigenvalues(d, e);
        const sv = symEigvalues(T);
        expect(v.length).toBe(n);
        for (let i = 1; i < n; i++) expect(v[i]).toBeGreaterThanOrEqual(v[i - 1]);
        // two backward-stable solvers: each within c·n·ε·‖T‖_F of the truth (Weyl), c = 20 each
        for (let i = 0; i < n; i++) expect(Math.abs(v[i] - sv[i])).toBeLessThanOrEqual(40 * n * EPS * normFro(T));
      }),
      { numRuns: 120 },
    );
  });

  it("non-symmetric / non-Hermitian input is rejected with invalid-input", () => {
    const A = realMatrix(2, 2, Float64Array.of(1, 2, 3, 4));
    expect(() => symEig(A)).toThrowError(expect.objectContaining({ code: "invalid-input" }));
    const H = complexMatrix(2, 2, Float64Array.of(1, 0, 0, 1), Float64Array.of(0, 1, 1, 0));
    expect(() => hermEig(H)).toThrowError(expect.objectContaining({ code: "invalid-input" }));
  });
});

describe("third road: closed-form eigenvalues of 2×2 and 3×3 symmetric matrices in 30-digit decimal", () => {
  const D30 = Decimal.clone({ precision: 30 });
  const entry = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });

  it("2×2: λ = (a+c)/2 ∓ √(((a−c)/2)² + b²)", () => {
    fc.assert(
      fc.property(entry, entry, entry, (a, b, c) => {
        const A = realMatrix(2, 2, Float64Array.of(a, b, b, c));
        const vals = symEig(A).values;
        const mid = new D30(a).plus(c).div(2);
        const rad = new D30(a).minus(c).div(2).pow(2).plus(new D30(b).pow(2)).sqrt();
        const exact = [mid.minus(rad).toNumber(), mid.plus(rad).toNumber()];
        // symmetric eigenvalues are perfectly conditioned: |Δλ| ≤ ‖E‖₂ with ‖E‖ ≤ c·n·ε·‖A‖_F, c = 10
        // plus a few units of the smallest subnormal: for subnormal entries the spacing of doubles is absolute
        const tol = 10 * 2 * EPS * normFro(A) + 4 * Number.MIN_VALUE;
        expect(Math.abs(vals[0] - exact[0])).toBeLessThanOrEqual(tol);
        expect(Math.abs(vals[1] - exact[1])).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 300 },
    );
  });

  it("3×3: trigonometric solution of the characteristic cubic", () => {
    const pi = D30.acos(-1);
    fc.assert(
      fc.property(fc.array(entry, { minLength: 6, maxLength: 6 }), ([a, b, c, d, e, f]) => {
        // A = [[a, d, e], [d, b, f], [e, f, c]]
        const A = realMatrix(3, 3, Float64Array.of(a, d, e, d, b, f, e, f, c));
        const vals = symEig(A).values;
        const [A11, A22, A33, A12, A13, A23] = [a, b, c, d, e, f].map((x) => new D30(x));
        const q = A11.plus(A22).plus(A33).div(3);
        const p1 = A12.pow(2).plus(A13.pow(2)).plus(A23.pow(2));
        const p2 = A11.minus(q).pow(2).plus(A22.minus(q).pow(2)).plus(A33.minus(q).pow(2)).plus(p1.times(2));
        let exact: number[];
        if (p2.isZero()) {
          exact = [q.toNumber(), q.toNumber(), q.toNumber()];
        } else {
          const p = p2.div(6).sqrt();
          const B11 = A11.minus(q).div(p), B22 = A22.minus(q).div(p), B33 = A33.minus(q).div(p);
          const B12 = A12.div(p), B13 = A13.div(p), B23 = A23.div(p);
          const detB = B11.times(B22.times(B33).minus(B23.pow(2)))
            .minus(B12.times(B12.times(B33).minus(B23.times(B13))))
            .plus(B13.times(B12.times(B23).minus(B22.times(B13))));
          let r = detB.div(2);
          if (r.lt(-1)) r = new D30(-1);
          if (r.gt(1)) r = new D30(1);
          const phi = D30.acos(r).div(3);
          const l1 = q.plus(p.times(2).times(D30.cos(phi)));
          const l3 = q.plus(p.times(2).times(D30.cos(phi.plus(pi.times(2).div(3)))));
          const l2 = q.times(3).minus(l1).minus(l3);
          exact = [l3.toNumber(), l2.toNumber(), l1.toNumber()].sort((x, y) => x - y);
        }
        // |Δλ| ≤ ‖E‖₂ ≤ c·n·ε·‖A‖_F for a backward-stable symmetric solver (n = 3, c = 10);
        // the 30-digit reference is exact at this scale
        // (plus a few subnormal units, the absolute spacing of doubles near zero)
        const tol = 10 * 3 * EPS * normFro(A) + 4 * Number.MIN_VALUE;
        for (let i = 0; i < 3; i++) expect(Math.abs(vals[i] - exact[i])).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 300 },
    );
  });
});
