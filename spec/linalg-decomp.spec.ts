// Properties of the decompositions of helper B: SVD, Schur / general eigenproblem,
// Sylvester / Lyapunov, matrix exponential. Matrices are generated from fast-check
// seeds by a local xorshift generator (sizes and seeds shrink together).
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { NessrefError } from "../src/errors.js";
import { cmatmul, matmul } from "../src/linalg/dense.js";
import { type ComplexMatrix, type RealMatrix, complexMatrix, realMatrix } from "../src/linalg/matrix.js";
import { csingularValues, csvd, rank, singularValues, svd } from "../src/linalg/svd.js";
import { ceig, ceigvals, chessenberg, cschur, eig, eigvals, hessenberg, realSchur, schur } from "../src/linalg/schur.js";
import { lyapunov, realLyapunov, sylvester } from "../src/linalg/sylvester.js";
import { cexpm, expm } from "../src/linalg/expm.js";
import { hermEig, symEig } from "../src/linalg/symeig.js";

const EPS = 2.220446049250313e-16;

// ---------------------------------------------------------------- generators and norms
function rng(seed: number): () => number {
  let s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296 * 2 - 1; // uniform in [−1, 1)
  };
}
function randReal(m: number, n: number, seed: number): RealMatrix {
  const r = rng(seed); const d = new Float64Array(m * n);
  for (let i = 0; i < d.length; i++) d[i] = r();
  return realMatrix(m, n, d);
}
function randComplex(m: number, n: number, seed: number): ComplexMatrix {
  return complexMatrix(m, n, randReal(m, n, seed).data, randReal(m, n, seed + 7919).data);
}
function realT(A: RealMatrix): RealMatrix {
  const B = realMatrix(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) B.data[j * A.rows + i] = A.data[i * A.cols + j]!;
  return B;
}
function cAdj(A: ComplexMatrix): ComplexMatrix {
  const B = complexMatrix(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) {
    B.re[j * A.rows + i] = A.re[i * A.cols + j]!; B.im[j * A.rows + i] = -A.im[i * A.cols + j]!;
  }
  return B;
}
const fro = (A: RealMatrix): number => Math.sqrt(A.data.reduce((s, x) => s + x * x, 0));
const cfro = (A: ComplexMatrix): number => Math.sqrt(A.re.reduce((s, x) => s + x * x, 0) + A.im.reduce((s, x) => s + x * x, 0));
function diffFro(A: RealMatrix, B: RealMatrix): number {
  let s = 0; for (let i = 0; i < A.data.length; i++) { const d = A.data[i]! - B.data[i]!; s += d * d; } return Math.sqrt(s);
}
function cdiffFro(A: ComplexMatrix, B: ComplexMatrix): number {
  let s = 0;
  for (let i = 0; i < A.re.length; i++) { const a = A.re[i]! - B.re[i]!, b = A.im[i]! - B.im[i]!; s += a * a + b * b; }
  return Math.sqrt(s);
}
function eyeDist(G: RealMatrix): number {
  let s = 0; const n = G.rows;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { const d = G.data[i * n + j]! - (i === j ? 1 : 0); s += d * d; }
  return Math.sqrt(s);
}
function ceyeDist(G: ComplexMatrix): number {
  let s = 0; const n = G.rows;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const p = i * n + j; const d = G.re[p]! - (i === j ? 1 : 0); s += d * d + G.im[p]! * G.im[p]!;
  }
  return Math.sqrt(s);
}
function scaleCols(U: RealMatrix, s: Float64Array): RealMatrix {
  const B = realMatrix(U.rows, U.cols);
  for (let i = 0; i < U.rows; i++) for (let j = 0; j < U.cols; j++) B.data[i * U.cols + j] = U.data[i * U.cols + j]! * s[j]!;
  return B;
}
function cscaleCols(U: ComplexMatrix, s: Float64Array): ComplexMatrix {
  const B = complexMatrix(U.rows, U.cols);
  for (let i = 0; i < U.rows; i++) for (let j = 0; j < U.cols; j++) {
    const p = i * U.cols + j; B.re[p] = U.re[p]! * s[j]!; B.im[p] = U.im[p]! * s[j]!;
  }
  return B;
}
/** A random orthogonal n×n matrix (left singular vectors of a random matrix). */
const randOrth = (n: number, seed: number): RealMatrix => svd(randReal(n, n, seed)).U;
const randUnitary = (n: number, seed: number): ComplexMatrix => csvd(randComplex(n, n, seed)).U;
/** U diag(s) Vᵀ with prescribed singular values (m×n, length(s) = min(m, n)). */
function withSingularValues(m: number, n: number, s: Float64Array, seed: number): RealMatrix {
  const k = Math.min(m, n);
  const U = randOrth(m, seed), V = randOrth(n, seed + 1);
  const Uk = realMatrix(m, k), Vk = realMatrix(n, k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) Uk.data[i * k + j] = U.data[i * m + j]!;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) Vk.data[i * k + j] = V.data[i * n + j]!;
  return matmul(scaleCols(Uk, s), realT(Vk));
}
type Kind = "random" | "rankDeficient" | "repeated" | "zero";
function testMatrix(m: number, n: number, kind: Kind, seed: number): RealMatrix {
  const k = Math.min(m, n);
  if (kind === "zero") return realMatrix(m, n);
  if (kind === "rankDeficient") {
    const r = Math.max(1, Math.floor(k / 2));
    return matmul(randReal(m, r, seed), randReal(r, n, seed + 3));
  }
  if (kind === "repeated") {
    const s = new Float64Array(k); for (let i = 0; i < k; i++) s[i] = i < k / 2 ? 2 : 0.5; // two clusters
    return withSingularValues(m, n, s, seed);
  }
  return randReal(m, n, seed);
}
const kindArb = fc.constantFrom<Kind>("random", "rankDeficient", "repeated", "zero");

// ---------------------------------------------------------------- SVD
function checkRealSVD(A: RealMatrix): void {
  const { U, s, V } = svd(A);
  const m = A.rows, n = A.cols, k = Math.min(m, n);
  expect(U.rows).toBe(m); expect(U.cols).toBe(k); expect(V.rows).toBe(n); expect(V.cols).toBe(k); expect(s.length).toBe(k);
  const big = Math.max(m, n);
  // backward stable: ‖A − UΣVᵀ‖_F ≤ c·max(m,n)·ε·‖A‖_F, c = 20 slack for the rotation count constant
  expect(diffFro(matmul(scaleCols(U, s), realT(V)), A)).toBeLessThanOrEqual(20 * big * EPS * fro(A) + 1e-300);
  // orthonormal columns to rounding: ‖UᵀU − I‖_F ≤ c·max(m,n)·ε·√k, c = 20
  expect(eyeDist(matmul(realT(U), U))).toBeLessThanOrEqual(20 * big * EPS * Math.sqrt(k) + 1e-300);
  expect(eyeDist(matmul(realT(V), V))).toBeLessThanOrEqual(20 * big * EPS * Math.sqrt(k) + 1e-300);
  for (let i = 0; i < k; i++) { expect(s[i]!).toBeGreaterThanOrEqual(0); if (i > 0) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!); }
}
function checkComplexSVD(A: ComplexMatrix): void {
  const { U, s, V } = csvd(A);
  const m = A.rows, n = A.cols, k = Math.min(m, n), big = Math.max(m, n);
  expect(U.cols).toBe(k); expect(V.rows).toBe(n);
  // backward stable: ‖A − UΣV†‖_F ≤ c·max(m,n)·ε·‖A‖_F, c = 30 (complex rounding ≈ 2–4× real)
  expect(cdiffFro(cmatmul(cscaleCols(U, s), cAdj(V)), A)).toBeLessThanOrEqual(30 * big * EPS * cfro(A) + 1e-300);
  // unitary columns: ‖U†U − I‖_F ≤ c·max(m,n)·ε·√k, c = 30
  expect(ceyeDist(cmatmul(cAdj(U), U))).toBeLessThanOrEqual(30 * big * EPS * Math.sqrt(k) + 1e-300);
  expect(ceyeDist(cmatmul(cAdj(V), V))).toBeLessThanOrEqual(30 * big * EPS * Math.sqrt(k) + 1e-300);
  for (let i = 0; i < k; i++) { expect(s[i]!).toBeGreaterThanOrEqual(0); if (i > 0) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!); }
}

describe("svd (real)", () => {
  it("A = U Σ Vᵀ, orthonormal factors, s descending (sizes 1..40, both shapes, degenerate kinds)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), kindArb, fc.integer(),
      (m, n, kind, seed) => { checkRealSVD(testMatrix(m, n, kind, seed)); }), { numRuns: 180 });
  });
  it("large shapes up to 80 (fewer runs)", () => {
    fc.assert(fc.property(fc.integer({ min: 41, max: 80 }), fc.integer({ min: 41, max: 80 }), kindArb, fc.integer(),
      (m, n, kind, seed) => { checkRealSVD(testMatrix(m, n, kind, seed)); }), { numRuns: 12 });
  });
  it("blocked paths (panel bidiagonalisation for min(m,n) > 96, WY accumulation): shapes 97..150", () => {
    // same backward-error and orthogonality bounds as checkRealSVD; sizes chosen above the
    // blocking thresholds of svd.ts (BRD_TAIL + BRD_NB = 96 columns, 2·ACC_NB = 64 reflectors)
    fc.assert(fc.property(fc.integer({ min: 97, max: 150 }), fc.integer({ min: 97, max: 150 }), kindArb, fc.integer(),
      (m, n, kind, seed) => { checkRealSVD(testMatrix(m, n, kind, seed)); }), { numRuns: 6 });
  });
  it("singular values agree with √eig(AᵀA) for well-separated spectra", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 10 }), fc.integer(), (n, extra, seed) => {
      const m = n + extra;
      const s = new Float64Array(n); for (let i = 0; i < n; i++) s[i] = n + 1 - i; // n, …, 1: gaps of 1
      const A = withSingularValues(m, n, s, seed);
      const ev = symEig(matmul(realT(A), A)).values; // ascending
      const got = singularValues(A);
      for (let i = 0; i < n; i++) {
        const ref = Math.sqrt(Math.max(ev[n - 1 - i]!, 0));
        // eig(AᵀA) is accurate to c·n·ε·‖A‖², so √ is accurate to that / (2 s_i) with s_i ≥ 1; c = 50
        expect(Math.abs(got[i]! - ref)).toBeLessThanOrEqual(50 * m * EPS * (n + 1) ** 2);
        // prescribed values are reproduced to backward-error level c·m·ε·‖A‖, c = 50
        expect(Math.abs(got[i]! - s[i]!)).toBeLessThanOrEqual(50 * m * EPS * (n + 1));
      }
    }), { numRuns: 75 });
  });
  it("singularValues equals svd(A).s and rank sees rank deficiency", () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 2, max: 30 }), fc.integer(), (m, n, seed) => {
      const A = testMatrix(m, n, "rankDeficient", seed);
      const s1 = singularValues(A), s2 = svd(A).s;
      // svd runs a second QR pass with the computed singular values as shifts, so the rotations
      // differ from singularValues; both are backward stable for the same bidiagonal: c·ε·s₁, c = 10·k
      for (let i = 0; i < s1.length; i++) expect(Math.abs(s1[i]! - s2[i]!)).toBeLessThanOrEqual(10 * s1.length * EPS * s1[0]!);
      expect(rank(A)).toBe(Math.max(1, Math.floor(Math.min(m, n) / 2)));
    }), { numRuns: 90 });
  });
  it("extreme scales (entries ~1e±300) give scaled singular values, no overflow/underflow", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.constantFrom(1e300, 1e-300, 2 ** 1000, 2 ** -1000), fc.integer(), (m, n, f, seed) => {
      const A = randReal(m, n, seed);
      const B = realMatrix(m, n, A.data.map((x) => x * f));
      const s = singularValues(A), t = singularValues(B);
      // scaling by f multiplies exact singular values by f; both computations backward stable:
      // |t/f − s| ≤ c·max(m,n)·ε·s₁ with c = 40 (20 per side)
      for (let i = 0; i < s.length; i++) {
        expect(Number.isFinite(t[i]!)).toBe(true);
        expect(Math.abs(t[i]! / f - s[i]!)).toBeLessThanOrEqual(40 * Math.max(m, n) * EPS * s[0]!);
      }
      const C = complexMatrix(m, n, B.data, A.data.map((x) => -x * f));
      const cs = csingularValues(C);
      // C = f·(1 − i)·A has singular values √2·f·s
      for (let i = 0; i < s.length; i++) expect(Math.abs(cs[i]! / (f * Math.SQRT2) - s[i]!)).toBeLessThanOrEqual(60 * Math.max(m, n) * EPS * s[0]!);
    }), { numRuns: 30 });
  });
  it("zero and tiny cases", () => {
    const Z = svd(realMatrix(4, 3));
    expect(Array.from(Z.s)).toEqual([0, 0, 0]);
    expect(eyeDist(matmul(realT(Z.U), Z.U))).toBe(0);
    expect(svd(realMatrix(1, 1, Float64Array.of(-3))).s[0]).toBe(3);
    expect(() => svd(realMatrix(2, 2, Float64Array.of(1, NaN, 0, 1)))).toThrow(NessrefError);
  });
});

describe("csvd (complex)", () => {
  it("A = U Σ V†, unitary factors, s descending (sizes 1..40, both shapes)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.integer(), (m, n, deficient, seed) => {
      let A = randComplex(m, n, seed);
      if (deficient) { const r = Math.max(1, Math.floor(Math.min(m, n) / 2)); A = cmatmul(randComplex(m, r, seed), randComplex(r, n, seed + 5)); }
      checkComplexSVD(A);
    }), { numRuns: 150 });
  });
  it("large shapes up to 80 (fewer runs)", () => {
    fc.assert(fc.property(fc.integer({ min: 41, max: 80 }), fc.integer({ min: 41, max: 80 }), fc.integer(),
      (m, n, seed) => { checkComplexSVD(randComplex(m, n, seed)); }), { numRuns: 8 });
  });
  it("csingularValues of a real matrix equals singularValues; repeated singular values", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer(), (m, n, seed) => {
      const A = testMatrix(m, n, "repeated", seed);
      const s1 = singularValues(A), s2 = csingularValues(complexMatrix(m, n, A.data, new Float64Array(m * n)));
      // both backward stable: each within c·max(m,n)·ε·‖A‖₂ of the truth (Weyl), c = 20 per side
      for (let i = 0; i < s1.length; i++) expect(Math.abs(s1[i]! - s2[i]!)).toBeLessThanOrEqual(40 * Math.max(m, n) * EPS * 2);
    }), { numRuns: 75 });
  });
});

// ---------------------------------------------------------------- Schur and eig
function clustered(n: number, seed: number): RealMatrix {
  // Q (D + N) Qᵀ: eigenvalues in two tight clusters (1 ± 1e-9·k, −2) plus a small nilpotent part
  const Q = randOrth(n, seed);
  const M = realMatrix(n, n);
  for (let i = 0; i < n; i++) {
    M.data[i * n + i] = i % 2 === 0 ? 1 + 1e-9 * i : -2;
    if (i + 1 < n) M.data[i * n + i + 1] = 0.1;
  }
  return matmul(matmul(Q, M), realT(Q));
}
function checkComplexSchur(A: ComplexMatrix, T: ComplexMatrix, Z: ComplexMatrix): void {
  const n = A.rows;
  // backward stable: ‖AZ − ZT‖_F ≤ c·n·ε·‖A‖_F, c = 30 (QR sweeps, Givens/Householder constants)
  expect(cdiffFro(cmatmul(A, Z), cmatmul(Z, T))).toBeLessThanOrEqual(30 * n * EPS * cfro(A) + 1e-300);
  expect(ceyeDist(cmatmul(cAdj(Z), Z))).toBeLessThanOrEqual(30 * n * EPS * Math.sqrt(n));
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) { expect(T.re[i * n + j]).toBe(0); expect(T.im[i * n + j]).toBe(0); }
}
function eigResidual(A: ComplexMatrix, values: { re: Float64Array; im: Float64Array }, V: ComplexMatrix): number {
  const n = A.rows; const AV = cmatmul(A, V); let worst = 0;
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const p = i * n + k; const vr = V.re[p]!, vi = V.im[p]!;
      const dr = AV.re[p]! - (values.re[k]! * vr - values.im[k]! * vi), di = AV.im[p]! - (values.re[k]! * vi + values.im[k]! * vr);
      s += dr * dr + di * di;
    }
    worst = Math.max(worst, Math.sqrt(s));
  }
  return worst;
}
const toC = (A: RealMatrix): ComplexMatrix => complexMatrix(A.rows, A.cols, A.data, new Float64Array(A.data.length));

describe("Schur forms", () => {
  it("schur (real input): A Z = Z T, T triangular, Z unitary; realSchur quasi-triangular", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.integer(), (n, clus, seed) => {
      const A = clus ? clustered(n, seed) : randReal(n, n, seed);
      const { T, Z } = schur(A);
      checkComplexSchur(toC(A), T, Z);
      const R = realSchur(A);
      // same bound for the real form: ‖AZ − ZT‖_F ≤ 30·n·ε·‖A‖_F
      expect(diffFro(matmul(A, R.Z), matmul(R.Z, R.T))).toBeLessThanOrEqual(30 * n * EPS * fro(A) + 1e-300);
      for (let i = 2; i < n; i++) for (let j = 0; j < i - 1; j++) expect(R.T.data[i * n + j]).toBe(0);
      for (let i = 1; i + 1 < n; i++) expect(R.T.data[i * n + i - 1] === 0 || R.T.data[(i + 1) * n + i] === 0).toBe(true);
      // every 2×2 block is in LAPACK's standard form: equal diagonal entries, βγ < 0 (complex pair)
      for (let i = 0; i + 1 < n; i++) {
        if (R.T.data[(i + 1) * n + i] === 0) continue;
        expect(R.T.data[i * n + i]).toBe(R.T.data[(i + 1) * n + i + 1]);
        expect(R.T.data[i * n + i + 1]! * R.T.data[(i + 1) * n + i]!).toBeLessThan(0);
      }
    }), { numRuns: 120 });
  });
  it("cschur: A Z = Z T, T triangular, Z unitary", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer(), (n, seed) => {
      const A = randComplex(n, n, seed);
      const { T, Z } = cschur(A);
      checkComplexSchur(A, T, Z);
    }), { numRuns: 90 });
  });
  it("large sizes up to 80 (fewer runs)", () => {
    fc.assert(fc.property(fc.integer({ min: 41, max: 80 }), fc.integer(), (n, seed) => {
      const A = randReal(n, n, seed);
      const S = schur(A); checkComplexSchur(toC(A), S.T, S.Z);
      const C = randComplex(n, n, seed); const S2 = cschur(C); checkComplexSchur(C, S2.T, S2.Z);
    }), { numRuns: 6 });
  });
  it("extreme scales: eigenvalues of f·A are f·eigenvalues of A (f = 1e±300)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.constantFrom(1e300, 1e-300), fc.integer(), (n, f, seed) => {
      const A = randReal(n, n, seed);
      const S = schur(realMatrix(n, n, A.data.map((x) => x * f)));
      const E = eig(A);
      for (let k = 0; k < n; k++) {
        const lr = S.T.re[k * n + k]! / f, li = S.T.im[k * n + k]! / f;
        expect(Number.isFinite(lr) && Number.isFinite(li)).toBe(true);
        // each eigenvalue is matched by one of the unscaled run; random spectra are well separated,
        // eigenvalue condition numbers of random 20×20 matrices are modest: 1e5·n·ε·‖A‖_F slack
        let best = Infinity;
        for (let j = 0; j < n; j++) best = Math.min(best, Math.hypot(lr - E.values.re[j]!, li - E.values.im[j]!));
        expect(best).toBeLessThanOrEqual(1e5 * n * EPS * fro(A));
      }
      const C = cschur(complexMatrix(n, n, A.data.map((x) => x * f), new Float64Array(n * n)));
      for (let k = 0; k < n; k++) expect(Number.isFinite(C.T.re[k * n + k]! / f)).toBe(true);
    }), { numRuns: 20 });
  });
  it("hessenberg / chessenberg: A = Q H Q†, H Hessenberg", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (n, seed) => {
      const A = randReal(n, n, seed);
      const { H, Q } = hessenberg(A);
      // Householder reduction is backward stable: c·n·ε·‖A‖_F, c = 20
      expect(diffFro(matmul(matmul(Q, H), realT(Q)), A)).toBeLessThanOrEqual(20 * n * EPS * fro(A));
      for (let i = 2; i < n; i++) for (let j = 0; j < i - 1; j++) expect(H.data[i * n + j]).toBe(0);
      const C = randComplex(n, n, seed);
      const R = chessenberg(C);
      expect(cdiffFro(cmatmul(cmatmul(R.Q, R.H), cAdj(R.Q)), C)).toBeLessThanOrEqual(20 * n * EPS * cfro(C));
    }), { numRuns: 60 });
  });
});

describe("general eigenproblem", () => {
  it("eig / ceig: ‖A v − λ v‖ small for unit v", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.integer(), (n, clus, seed) => {
      const A = clus ? clustered(n, seed) : randReal(n, n, seed);
      const E = eig(A);
      // eigenvectors of a backward-stable Schur form: residual ≤ c·n·ε·‖A‖_F, c = 50
      expect(eigResidual(toC(A), E.values, E.vectors)).toBeLessThanOrEqual(50 * n * EPS * fro(A) + 1e-300);
      const C = randComplex(n, n, seed);
      const F = ceig(C);
      expect(eigResidual(C, F.values, F.vectors)).toBeLessThanOrEqual(50 * n * EPS * cfro(C) + 1e-300);
      const cv = ceigvals(C);
      // same QR iteration without vectors: identical shifts up to rounding differences → compare as multisets loosely:
      // every eigenvalue of ceigvals is within c·n·ε·‖C‖ / (separation) — random spectra are well separated; c generous 1e6
      for (let k = 0; k < n; k++) {
        let best = Infinity;
        for (let j = 0; j < n; j++) best = Math.min(best, Math.hypot(cv.re[k]! - F.values.re[j]!, cv.im[k]! - F.values.im[j]!));
        expect(best).toBeLessThanOrEqual(1e6 * n * EPS * cfro(C));
      }
    }), { numRuns: 90 });
  });
  it("eigenvalues of a real matrix come in exact conjugate pairs", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer(), (n, seed) => {
      const v = eigvals(randReal(n, n, seed));
      for (let k = 0; k < n; k++) {
        if (v.im[k] === 0) continue;
        // pairs are produced adjacent (+Im first) from one 2×2 block: exact equality is the property
        expect(v.im[k]!).toBeGreaterThan(0);
        expect(v.re[k + 1]).toBe(v.re[k]); expect(v.im[k + 1]).toBe(-v.im[k]!);
        k++;
      }
    }), { numRuns: 120 });
  });
  it("eigvals of a symmetric matrix agree with symEig", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer(), (n, seed) => {
      const B = randReal(n, n, seed);
      const S = realMatrix(n, n); for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S.data[i * n + j] = B.data[i * n + j]! + B.data[j * n + i]!;
      const v = eigvals(S); const ref = symEig(S).values;
      const got = Array.from(v.re).sort((a, b) => a - b);
      // symmetric eigenvalues are perfectly conditioned: |Δλ| ≤ backward error c·n·ε·‖S‖_F, c = 30 per method
      for (let k = 0; k < n; k++) {
        expect(Math.abs(got[k]! - ref[k]!)).toBeLessThanOrEqual(60 * n * EPS * fro(S) + 1e-300);
        // a nonzero imaginary part can only come from rounding between close eigenvalues: bounded the same way
        expect(Math.abs(v.im[k]!)).toBeLessThanOrEqual(60 * n * EPS * fro(S) + 1e-300);
      }
    }), { numRuns: 90 });
  });
});

// ---------------------------------------------------------------- Sylvester / Lyapunov
function shiftStable(A: RealMatrix): RealMatrix {
  // A − (‖A‖_F + 1)·I has every eigenvalue in Re λ ≤ −1 (Gershgorin / ‖A‖₂ ≤ ‖A‖_F)
  const n = A.rows; const B = realMatrix(n, n, Float64Array.from(A.data)); const f = fro(A) + 1;
  for (let i = 0; i < n; i++) B.data[i * n + i] -= f;
  return B;
}
describe("Sylvester and Lyapunov equations", () => {
  it("sylvester: ‖AX + XB − C‖ ≤ c·(m+n)·ε·(‖A‖+‖B‖)‖X‖", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer(), (m, n, seed) => {
      const A = randComplex(m, m, seed), B = randComplex(n, n, seed + 1), C = randComplex(m, n, seed + 2);
      let X: ComplexMatrix;
      try { X = sylvester(A, B, C); } catch (e) {
        // random spectra can nearly collide; the only allowed failure is the documented one
        expect((e as NessrefError).code).toBe("singular"); return;
      }
      const R = cmatmul(A, X); const XB = cmatmul(X, B);
      for (let i = 0; i < R.re.length; i++) { R.re[i] += XB.re[i]! - C.re[i]!; R.im[i] += XB.im[i]! - C.im[i]!; }
      // Bartels–Stewart backward error bound (Higham, Accuracy & Stability, §16.2): c = 50 slack
      expect(cfro(R)).toBeLessThanOrEqual(50 * (m + n) * EPS * (cfro(A) + cfro(B)) * cfro(X) + 1e-300);
    }), { numRuns: 120 });
  });
  it("sylvester on real inputs returns the real solution (two roads: real overload vs complex)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer(), (m, n, seed) => {
      const A = shiftStable(randReal(m, m, seed)), B = shiftStable(randReal(n, n, seed + 1)), C = randReal(m, n, seed + 2);
      const X = sylvester(A, B, C);
      const Xc = sylvester(toC(A), toC(B), toC(C));
      expect(X.rows).toBe(m); expect(X.cols).toBe(n);
      // identical computation: the real overload returns the real part bit for bit
      expect(Array.from(X.data)).toEqual(Array.from(Xc.re));
      // the imaginary part of the complex solution of a real problem is rounding:
      // ≤ c·(m+n)·ε·(‖A‖+‖B‖)‖X‖ with ‖(A ⊕ B)⁻¹‖ ≤ 1/2 for the shifted spectra, c = 50
      expect(Math.sqrt(Xc.im.reduce((s, x) => s + x * x, 0))).toBeLessThanOrEqual(50 * (m + n) * EPS * (fro(A) + fro(B)) * fro(X) + 1e-300);
    }), { numRuns: 30 });
  });
  it("sylvester throws singular when λ(A) + λ(B) = 0", () => {
    const A = complexMatrix(2, 2, Float64Array.of(1, 2, 0, 3), new Float64Array(4));
    const B = complexMatrix(1, 1, Float64Array.of(-3), new Float64Array(1));
    expect(() => sylvester(A, B, complexMatrix(2, 1))).toThrow(expect.objectContaining({ code: "singular" }));
    expect(() => sylvester(A, B, complexMatrix(3, 1))).toThrow(expect.objectContaining({ code: "invalid-input" }));
  });
  it("realLyapunov: stable A, Q = I gives X = Xᵀ ⪰ 0 with small residual", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer(), (n, seed) => {
      const A = shiftStable(randReal(n, n, seed));
      const Q = realMatrix(n, n); for (let i = 0; i < n; i++) Q.data[i * n + i] = 1;
      const X = realLyapunov(A, Q);
      const AX = matmul(A, X); const R = realMatrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) R.data[i * n + j] = AX.data[i * n + j]! + AX.data[j * n + i]! + Q.data[i * n + j]!;
      // backward error ~ c·n·ε·2‖A‖‖X‖ (Bartels–Stewart), c = 50
      expect(fro(R)).toBeLessThanOrEqual(50 * n * EPS * 2 * fro(A) * fro(X));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(X.data[i * n + j]).toBe(X.data[j * n + i]);
      // X = ∫ e^{At} e^{Aᵀt} dt ≻ 0; computed eigenvalues ≥ −(rounding c·n·ε·‖X‖_F, c = 50)
      const ev = symEig(X).values;
      expect(ev[0]!).toBeGreaterThanOrEqual(-50 * n * EPS * fro(X));
    }), { numRuns: 90 });
  });
  it("realLyapunov stays backward stable when |Re λ| ≪ ‖A‖ (ordered chain of oscillators damped at its ends: standardized 2×2 blocks)", () => {
    fc.assert(fc.property(fc.integer({ min: 10, max: 80 }), fc.integer(), (k, seed) => {
      // A = [[0, I], [−H, −λΠ]], H = V − gΔ on a k-site chain, Π = damping at the two end sites: the
      // damping rates of the bulk modes are ~λ/k² ≪ ‖A‖ and their imaginary parts cluster
      const r = rng(seed), n = 2 * k, A = realMatrix(n, n), Q = realMatrix(n, n);
      const V = 0.5 + 1.5 * Math.abs(r()), g = 0.3 + 1.2 * Math.abs(r()), lam = 0.1 + 0.9 * Math.abs(r());
      for (let i = 0; i < k; i++) {
        A.data[i * n + k + i] = 1;
        A.data[(k + i) * n + i] = -(V + g * ((i > 0 ? 1 : 0) + (i < k - 1 ? 1 : 0)));
        if (i > 0) A.data[(k + i) * n + i - 1] = g;
        if (i < k - 1) A.data[(k + i) * n + i + 1] = g;
      }
      A.data[k * n + k] = -lam; A.data[(n - 1) * n + n - 1] = -lam;
      Q.data[k * n + k] = 2 * lam; Q.data[(n - 1) * n + n - 1] = 4 * lam;
      const X = realLyapunov(A, Q);
      const AX = matmul(A, X); let rr = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rr += (AX.data[i * n + j]! + AX.data[j * n + i]! + Q.data[i * n + j]!) ** 2;
      // Bartels–Stewart backward error ≲ n·ε(2‖A‖‖X‖ + ‖Q‖) (c = 1). Measured ≤ 0.13 of it on such
      // chains with the 2×2 blocks of realSchur standardized (equal diagonal entries), 3.7 without:
      // then Re λ ~ 1e−5‖A‖ is only the cancellation of two O(‖A‖) diagonal entries
      expect(Math.sqrt(rr)).toBeLessThanOrEqual(n * EPS * (2 * fro(A) * fro(X) + fro(Q)));
    }), { numRuns: 30 });
  });
  it("realLyapunov agrees with the complex lyapunov (two roads: real quasi-triangular vs complex Schur)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (n, seed) => {
      const A = shiftStable(randReal(n, n, seed)); const Q = randReal(n, n, seed + 4);
      const X1 = realLyapunov(A, Q);
      const X2 = lyapunov(toC(A), toC(Q));
      // both backward stable; ‖L⁻¹‖ ≤ 1/(2·min|Re λ|) ≤ 1/2 for the shifted A, so the forward gap is
      // ≤ c·n·ε·‖A‖_F‖X‖_F, c = 100 (two solvers, 50 each)
      const D = complexMatrix(n, n, X1.data, new Float64Array(n * n));
      expect(cdiffFro(D, X2)).toBeLessThanOrEqual(100 * n * EPS * fro(A) * fro(X1) + 1e-300);
    }), { numRuns: 40 });
  });
  it("realLyapunov throws singular when λ_i + λ_j = 0", () => {
    const A = realMatrix(2, 2, Float64Array.of(1, 5, 0, -1));
    expect(() => realLyapunov(A, realMatrix(2, 2, Float64Array.of(1, 0, 0, 1)))).toThrow(expect.objectContaining({ code: "singular" }));
    const R = realMatrix(2, 2, Float64Array.of(0, 1, -1, 0)); // eigenvalues ±i: λ + conj(λ) = 0
    expect(() => realLyapunov(R, realMatrix(2, 2, Float64Array.of(1, 0, 0, 1)))).toThrow(expect.objectContaining({ code: "singular" }));
  });
  it("lyapunov (complex): Hermitian Q gives Hermitian X, small residual", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (n, seed) => {
      const A0 = randComplex(n, n, seed); const f = cfro(A0) + 1;
      for (let i = 0; i < n; i++) A0.re[i * n + i] -= f;
      const G = randComplex(n, n, seed + 9); const Q = cmatmul(G, cAdj(G)); // Hermitian ⪰ 0
      const X = lyapunov(A0, Q);
      const AX = cmatmul(A0, X); const R = cmatmul(X, cAdj(A0));
      for (let i = 0; i < R.re.length; i++) { R.re[i] += AX.re[i]! + Q.re[i]!; R.im[i] += AX.im[i]! + Q.im[i]!; }
      // backward error ~ c·n·ε·2‖A‖‖X‖, c = 50
      expect(cfro(R)).toBeLessThanOrEqual(50 * n * EPS * 2 * cfro(A0) * cfro(X) + 1e-300);
      const ev = hermEig(X).values;
      expect(ev[0]!).toBeGreaterThanOrEqual(-50 * n * EPS * cfro(X));
    }), { numRuns: 75 });
  });
});

// ---------------------------------------------------------------- expm
function randHermitian(n: number, seed: number, scale: number): ComplexMatrix {
  const G = randComplex(n, n, seed); const H = complexMatrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    H.re[i * n + j] = scale * (G.re[i * n + j]! + G.re[j * n + i]!) / 2;
    H.im[i * n + j] = scale * (G.im[i * n + j]! - G.im[j * n + i]!) / 2;
  }
  return H;
}
function spectralFn(H: ComplexMatrix, f: (x: number) => [number, number]): ComplexMatrix {
  const { values, vectors: V } = hermEig(H); const n = H.rows;
  const W = complexMatrix(n, n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const [fr, fi] = f(values[k]!); const p = i * n + k;
    W.re[p] = V.re[p]! * fr - V.im[p]! * fi; W.im[p] = V.re[p]! * fi + V.im[p]! * fr;
  }
  return cmatmul(W, cAdj(V));
}
describe("matrix exponential", () => {
  it("cexpm(H) = V e^Λ V† for Hermitian H; cexpm(−iHt) unitary and = V e^{−iΛt} V†", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.01, max: 3, noNaN: true }), fc.integer(), (n, scale, seed) => {
      const H = randHermitian(n, seed, scale);
      const E = cexpm(H); const ref = spectralFn(H, (x) => [Math.exp(x), 0]);
      // both sides accurate to c·n·ε·‖e^H‖·(1 + ‖H‖) (Padé backward error + squaring), c = 100
      const nrm = cfro(ref);
      expect(cdiffFro(E, ref)).toBeLessThanOrEqual(100 * n * EPS * nrm * (1 + cfro(H)));
      const t = 1.7; const mH = complexMatrix(n, n);
      for (let i = 0; i < n * n; i++) { mH.re[i] = t * H.im[i]!; mH.im[i] = -t * H.re[i]!; } // −iHt
      const Ut = cexpm(mH);
      // unitarity lost only to rounding amplified by the s squarings ~ log2‖Ht‖: c·n·ε·(1+‖Ht‖), c = 100
      expect(ceyeDist(cmatmul(cAdj(Ut), Ut))).toBeLessThanOrEqual(100 * n * EPS * (1 + t * cfro(H)));
      const refU = spectralFn(H, (x) => [Math.cos(x * t), -Math.sin(x * t)]);
      expect(cdiffFro(Ut, refU)).toBeLessThanOrEqual(100 * n * EPS * Math.sqrt(n) * (1 + t * cfro(H)));
    }), { numRuns: 90 });
  });
  it("real symmetric: expm(S) = V e^Λ Vᵀ", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.001, max: 4, noNaN: true }), fc.integer(), (n, scale, seed) => {
      const B = randReal(n, n, seed); const S = realMatrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S.data[i * n + j] = scale * (B.data[i * n + j]! + B.data[j * n + i]!) / 2;
      const { values, vectors: V } = symEig(S);
      const ref = matmul(scaleCols(V, values.map(Math.exp)), realT(V));
      // c·n·ε·‖e^S‖·(1 + ‖S‖), c = 100 (Higham 2005 backward error, squaring amplification)
      expect(diffFro(expm(S), ref)).toBeLessThanOrEqual(100 * n * EPS * fro(ref) * (1 + fro(S)));
    }), { numRuns: 90 });
  });
  it("expm(A) expm(−A) = I", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.001, max: 2, noNaN: true }), fc.integer(), (n, scale, seed) => {
      const A = randReal(n, n, seed); for (let i = 0; i < A.data.length; i++) A.data[i] *= scale / Math.sqrt(n);
      const mA = realMatrix(n, n, A.data.map((x) => -x));
      const E1 = expm(A), E2 = expm(mA);
      // relative error of each factor ≲ c·n·ε·‖A‖, times ‖e^A‖‖e^{−A}‖ ≤ e^{2‖A‖}; c = 100
      expect(eyeDist(matmul(E1, E2))).toBeLessThanOrEqual(100 * n * EPS * (1 + fro(A)) * fro(E1) * fro(E2));
    }), { numRuns: 90 });
  });
  it("nilpotent 2×2 and 3×3 vs closed form I + N + N²/2", () => {
    fc.assert(fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), (a, b, c) => {
      const N2 = realMatrix(2, 2, Float64Array.of(0, a, 0, 0));
      const E2 = expm(N2);
      // closed form e^N = I + N; entries O(|a|) with Padé/squaring rounding c·ε·(1+|a|)², c = 200
      expect(Math.abs(E2.data[1]! - a)).toBeLessThanOrEqual(200 * EPS * (1 + Math.abs(a)) ** 2);
      expect(Math.abs(E2.data[0]! - 1) + Math.abs(E2.data[2]!) + Math.abs(E2.data[3]! - 1)).toBeLessThanOrEqual(200 * EPS * (1 + Math.abs(a)) ** 2);
      const N3 = realMatrix(3, 3, Float64Array.of(0, a, b, 0, 0, c, 0, 0, 0));
      const E3 = expm(N3);
      const ref = [1, a, b + (a * c) / 2, 0, 1, c, 0, 0, 1];
      const sz = 1 + Math.abs(a) + Math.abs(b) + Math.abs(c);
      // rounding c·ε·(1 + ‖N‖)² (largest entry of e^N is O(‖N‖²)), c = 400
      for (let i = 0; i < 9; i++) expect(Math.abs(E3.data[i]! - ref[i]!)).toBeLessThanOrEqual(400 * EPS * sz * sz);
    }), { numRuns: 150 });
  });
  it("expm(A + B) = expm(A) expm(B) for commuting A, B = αA² + βI", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.integer(), (n, alpha, beta, seed) => {
      const A = randReal(n, n, seed); for (let i = 0; i < A.data.length; i++) A.data[i] /= Math.sqrt(n);
      const A2 = matmul(A, A); const B = realMatrix(n, n);
      for (let i = 0; i < n * n; i++) B.data[i] = alpha * A2.data[i]!;
      for (let i = 0; i < n; i++) B.data[i * n + i] += beta;
      const S = realMatrix(n, n); for (let i = 0; i < n * n; i++) S.data[i] = A.data[i]! + B.data[i]!;
      const lhs = expm(S), rhs = matmul(expm(A), expm(B));
      // each exponential accurate to c·n·ε·(1+‖·‖)‖e^·‖; product error bounded by the sum; c = 200
      expect(diffFro(lhs, rhs)).toBeLessThanOrEqual(200 * n * EPS * (1 + fro(S)) * (fro(lhs) + fro(expm(A)) * fro(expm(B))));
    }), { numRuns: 90 });
  });
  it("rejects non-square input", () => {
    expect(() => expm(realMatrix(2, 3))).toThrow(expect.objectContaining({ code: "invalid-input" }));
    expect(() => cexpm(complexMatrix(2, 3))).toThrow(expect.objectContaining({ code: "invalid-input" }));
    // e^{1000} overflows double precision: reported, never returned as Infinity/NaN
    expect(() => expm(realMatrix(1, 1, Float64Array.of(1000)))).toThrow(expect.objectContaining({ code: "out-of-range" }));
  });
});
