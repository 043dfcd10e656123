/**
 * The complex-symmetric tridiagonal eigensolver (complex orthogonal QL + inverse iteration)
 * against two independent roads: nessref's unitary complex Schur road (`ceig`) and Eigen's real
 * EigenSolver (eigen@0.2.0, WebAssembly) applied to the real 2n×2n embedding [[A, −B], [B, A]] of
 * T = A + iB, whose spectrum is {λ} ∪ {λ̄}.
 *
 * Matrices: the physical class of the free-fermion road (M = ih − damping: imaginary hopping and
 * fields, non-positive real diagonal) and generic complex entries.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { EigModule } from "eigen";
import { eigenEigenvalues, eigenReady } from "../bench/eigenjs.js";
import { complexSymTridiagEig } from "../src/linalg/csymtridiag.js";
import { ceig } from "../src/linalg/schur.js";
import { complexMatrix, realMatrix } from "../src/linalg/matrix.js";

let eig: EigModule;
beforeAll(async () => { eig = await eigenReady(); });
afterEach(() => { eig.GC.flush(); });

// entries below 1e-6 in magnitude are set to 0: the property is about matrices of one scale (mixing
// 1e-300 with 1 tests only the comparison roads' own underflow handling)
const real = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v));

interface Tri { d: { re: Float64Array; im: Float64Array }; e: { re: Float64Array; im: Float64Array }; n: number }

const physical = fc.integer({ min: 1, max: 50 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    h: fc.array(real(-2, 2), { minLength: n, maxLength: n }),
    t: fc.array(real(0.2, 1.5), { minLength: Math.max(n - 1, 0), maxLength: Math.max(n - 1, 0) }),
    damp: fc.array(real(0, 1), { minLength: n, maxLength: n }),
    sparse: fc.boolean(),
  }).map(({ n, h, t, damp, sparse }): Tri => {
    const d = { re: new Float64Array(n), im: Float64Array.from(h) };
    for (let i = 0; i < n; i++) d.re[i] = sparse && i !== 0 && i !== n - 1 ? 0 : -damp[i]!;
    return { n, d, e: { re: new Float64Array(Math.max(n - 1, 0)), im: Float64Array.from(t) } };
  }));

const generic = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    dr: fc.array(real(-1, 1), { minLength: n, maxLength: n }), di: fc.array(real(-1, 1), { minLength: n, maxLength: n }),
    er: fc.array(real(-1, 1), { minLength: Math.max(n - 1, 0), maxLength: Math.max(n - 1, 0) }),
    ei: fc.array(real(-1, 1), { minLength: Math.max(n - 1, 0), maxLength: Math.max(n - 1, 0) }),
  }).map(({ n, dr, di, er, ei }): Tri => ({ n, d: { re: Float64Array.from(dr), im: Float64Array.from(di) }, e: { re: Float64Array.from(er), im: Float64Array.from(ei) } })));

function dense(t: Tri) {
  const { n } = t;
  const M = complexMatrix(n, n);
  for (let i = 0; i < n; i++) {
    M.re[i * n + i] = t.d.re[i]!; M.im[i * n + i] = t.d.im[i]!;
    if (i + 1 < n) for (const [a, b] of [[i, i + 1], [i + 1, i]]) { M.re[a! * n + b!] = t.e.re[i]!; M.im[a! * n + b!] = t.e.im[i]!; }
  }
  return M;
}

/** max over λ in `a` of the distance to the nearest value in `b` (a matching bound for simple spectra) */
function nearest(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number {
  let worst = 0;
  for (let k = 0; k < a.re.length; k++) {
    let best = Infinity;
    for (let l = 0; l < b.re.length; l++) best = Math.min(best, Math.hypot(a.re[k]! - b.re[l]!, a.im[k]! - b.im[l]!));
    worst = Math.max(worst, best);
  }
  return worst;
}

function check(t: Tri, mustSucceed: boolean): void {
  const r = complexSymTridiagEig(t.d, t.e);
  if (mustSucceed) expect(r.ok, r.reason).toBe(true);
  if (!r.ok) { expect(r.reason.length).toBeGreaterThan(0); return; }
  const { n } = t;
  const M = dense(t);
  let scale = 0;
  for (let p = 0; p < n * n; p++) scale = Math.max(scale, Math.hypot(M.re[p]!, M.im[p]!));
  scale = Math.max(scale, 1e-300);
  const V = r.vectors;
  // residual ‖M v − λ v‖ and bilinear orthonormality Vᵀ V = I
  let res = 0, orth = 0;
  for (let a = 0; a < n; a++) {
    for (let i = 0; i < n; i++) {
      let sr = 0, si = 0;
      for (let k = 0; k < n; k++) {
        const mr = M.re[i * n + k]!, mi = M.im[i * n + k]!, vr = V.re[k * n + a]!, vi = V.im[k * n + a]!;
        sr += mr * vr - mi * vi; si += mr * vi + mi * vr;
      }
      const vr = V.re[i * n + a]!, vi = V.im[i * n + a]!;
      sr -= r.values.re[a]! * vr - r.values.im[a]! * vi; si -= r.values.re[a]! * vi + r.values.im[a]! * vr;
      res = Math.max(res, Math.hypot(sr, si));
    }
    for (let b = 0; b < n; b++) {
      let qr = 0, qi = 0;
      for (let k = 0; k < n; k++) { qr += V.re[k * n + a]! * V.re[k * n + b]! - V.im[k * n + a]! * V.im[k * n + b]!; qi += V.re[k * n + a]! * V.im[k * n + b]! + V.im[k * n + a]! * V.re[k * n + b]!; }
      orth = Math.max(orth, Math.hypot(qr - (a === b ? 1 : 0), qi));
    }
  }
  // inverse-iteration eigenpairs have residual ≲ n ε ‖M‖ ‖v‖ times the growth of the pivoted tridiagonal LU;
  // ‖v‖ ≤ √cond for vᵀv = 1; the solver itself refuses pairs above 1e3·n·ε·‖M‖·‖v‖, the bound asserted here
  expect(res).toBeLessThan(1e3 * n * 2.2e-16 * scale * Math.sqrt(r.worstCondition) + 1e-300);
  // Vᵀ V = I holds to the eigenvector accuracy divided by the eigenvalue gaps: generous 1e-6 for n ≤ 50 random spectra
  expect(orth).toBeLessThan(1e-6 * r.worstCondition);
  // eigenvalues against the unitary Schur road; a simple eigenvalue moves by ≲ cond·n·ε·‖M‖
  const ref = ceig(M).values;
  expect(nearest(r.values, ref)).toBeLessThan(1e-9 * scale * r.worstCondition);
  expect(nearest(ref, r.values)).toBeLessThan(1e-9 * scale * r.worstCondition);
  // and against Eigen on the real embedding [[A, −B], [B, A]] (spectrum λ ∪ λ̄)
  const E = realMatrix(2 * n, 2 * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const a = M.re[i * n + j]!, b = M.im[i * n + j]!;
    E.data[i * 2 * n + j] = a; E.data[i * 2 * n + n + j] = -b;
    E.data[(n + i) * 2 * n + j] = b; E.data[(n + i) * 2 * n + n + j] = a;
  }
  const ev = eigenEigenvalues(eig, E);
  expect(nearest(r.values, ev)).toBeLessThan(1e-9 * scale * r.worstCondition);
}

describe("complexSymTridiagEig", () => {
  it("physical class (free-fermion M = ih − damping): always succeeds; eigenpairs, Vᵀ V = I, spectrum = ceig = Eigen", () => {
    fc.assert(fc.property(physical, (t) => check(t, true)), { numRuns: 60 });
  });
  it("generic complex symmetric tridiagonal: when it reports success the eigenpairs are right", () => {
    fc.assert(fc.property(generic, (t) => check(t, false)), { numRuns: 60 });
  });
  it("reports bad input", () => {
    expect(() => complexSymTridiagEig({ re: Float64Array.of(1, 2), im: Float64Array.of(0, 0) }, { re: new Float64Array(0), im: new Float64Array(0) })).toThrow(/n − 1/);
    expect(() => complexSymTridiagEig({ re: Float64Array.of(NaN), im: Float64Array.of(0) }, { re: new Float64Array(0), im: new Float64Array(0) })).toThrow(/non-finite/);
  });
  it("a 2×2 exceptional point ([[1, i], [i, −1]]: double eigenvalue 0, isotropic eigenvector) is reported, not returned", () => {
    const r = complexSymTridiagEig({ re: Float64Array.of(1, -1), im: Float64Array.of(0, 0) }, { re: Float64Array.of(0), im: Float64Array.of(1) });
    expect(r.ok).toBe(false);
  });
});
