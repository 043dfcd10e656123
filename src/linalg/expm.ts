/**
 * Matrix exponential by scaling and squaring with Padé approximants.
 *
 * Higham, "The scaling and squaring method for the matrix exponential revisited",
 * SIAM J. Matrix Anal. Appl. 26 (2005) 1179–1193, Algorithm 2.3: choose the Padé degree
 * m ∈ {3, 5, 7, 9, 13} from ‖A‖₁ and the backward-error thresholds θ_m; for ‖A‖₁ > θ₁₃
 * scale A by 2^{−s}, apply the [13/13] approximant and square s times. The Padé
 * coefficients b_k = (2m−k)! m! / ((2m)! k! (m−k)!) are computed from that formula.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { cmatmul, matmul } from "./dense.js";
import { cluFactor, cluSolveMatrix, luFactor, luSolveMatrix } from "./lu.js";
import { type ComplexMatrix, type RealMatrix, complexMatrix, realMatrix } from "./matrix.js";

/** Degrees and backward-error thresholds θ_m (Higham 2005, Table 2.3; unit roundoff 2⁻⁵³). */
const DEGREES = [3, 5, 7, 9, 13] as const;
const THETA: Record<number, number> = {
  3: 1.495585217958292e-2,
  5: 2.539398330063230e-1,
  7: 9.504178996162932e-1,
  9: 2.097847961257068e0,
  13: 5.371920351148152e0,
};

/** Padé [m/m] numerator coefficients b_0..b_m of exp, from the factorial formula. */
function padeCoefficients(m: number): Float64Array {
  const b = new Float64Array(m + 1);
  // b_k = (2m−k)! m! / ((2m)! k! (m−k)!), computed by the ratio b_{k+1}/b_k = (m−k)/((2m−k)(k+1)).
  b[0] = 1;
  for (let k = 0; k < m; k++) b[k + 1] = (b[k]! * (m - k)) / ((2 * m - k) * (k + 1));
  return b;
}

/** Minimal matrix algebra the algorithm needs, for real and complex storage. */
interface Algebra<M> {
  n: number;
  mul(a: M, b: M): M;
  /** Σ c_i M_i + c0·I */
  comb(cs: readonly number[], ms: readonly M[], c0: number): M;
  /** (V − U)⁻¹ (V + U) */
  padeSolve(U: M, V: M): M;
  scaleInPlace(a: M, f: number): void;
  norm1(a: M): number;
}

function expmGeneric<M>(A: M, alg: Algebra<M>): M {
  const n1 = alg.norm1(A);
  for (const m of DEGREES) {
    if (m === 13) break;
    if (n1 <= THETA[m]!) {
      const b = padeCoefficients(m);
      const A2 = alg.mul(A, A);
      const pows: M[] = [A2];
      for (let k = 4; k < m; k += 2) pows.push(alg.mul(pows[pows.length - 1]!, A2));
      // U = A (b_1 I + b_3 A² + …), V = b_0 I + b_2 A² + …
      const oddC: number[] = [], evenC: number[] = [];
      for (let j = 0; j < pows.length; j++) { oddC.push(b[2 * j + 3]!); evenC.push(b[2 * j + 2]!); }
      const U = alg.mul(A, alg.comb(oddC, pows, b[1]!));
      const V = alg.comb(evenC, pows, b[0]!);
      return alg.padeSolve(U, V);
    }
  }
  const th = THETA[13]!;
  const s = n1 > th ? Math.max(0, Math.ceil(Math.log2(n1 / th))) : 0;
  const As = alg.comb([2 ** -s], [A], 0);
  const b = padeCoefficients(13);
  const A2 = alg.mul(As, As), A4 = alg.mul(A2, A2), A6 = alg.mul(A4, A2);
  const U = alg.mul(As, alg.comb([b[3]!, b[5]!, b[7]!, 1], [A2, A4, A6, alg.mul(A6, alg.comb([b[9]!, b[11]!, b[13]!], [A2, A4, A6], 0))], b[1]!));
  const V = alg.comb([b[2]!, b[4]!, b[6]!, 1], [A2, A4, A6, alg.mul(A6, alg.comb([b[8]!, b[10]!, b[12]!], [A2, A4, A6], 0))], b[0]!);
  let R = alg.padeSolve(U, V);
  for (let k = 0; k < s; k++) R = alg.mul(R, R);
  return R;
}

function requireSquareFinite(who: string, rows: number, cols: number, parts: Float64Array[]): void {
  if (rows !== cols) throw new NessrefError("invalid-input", `${who}: matrix ${rows}×${cols} is not square`, "");
  for (const p of parts) for (let i = 0; i < p.length; i++) {
    if (!Number.isFinite(p[i]!)) throw new NessrefError("invalid-input", `${who}: matrix has a non-finite entry`, "");
  }
}

function requireFiniteResult(who: string, parts: Float64Array[]): void {
  for (const p of parts) for (let i = 0; i < p.length; i++) {
    if (!Number.isFinite(p[i]!)) throw new NessrefError("out-of-range", `${who}: e^A overflows double precision (‖A‖ too large)`, "");
  }
}

function realAlgebra(n: number): Algebra<RealMatrix> {
  return {
    n,
    mul: (a, b) => matmul(a, b),
    comb: (cs, ms, c0) => {
      const out = new Float64Array(n * n);
      for (let t = 0; t < ms.length; t++) {
        const c = cs[t]!, d = ms[t]!.data;
        for (let i = 0; i < out.length; i++) out[i] += c * d[i]!;
      }
      for (let i = 0; i < n; i++) out[i * n + i] += c0;
      return realMatrix(n, n, out);
    },
    padeSolve: (U, V) => {
      const P = new Float64Array(n * n), Qm = new Float64Array(n * n);
      for (let i = 0; i < P.length; i++) { P[i] = V.data[i]! + U.data[i]!; Qm[i] = V.data[i]! - U.data[i]!; }
      return luSolveMatrix(luFactor(realMatrix(n, n, Qm)), realMatrix(n, n, P));
    },
    scaleInPlace: (a, f) => { for (let i = 0; i < a.data.length; i++) a.data[i] *= f; },
    norm1: (a) => {
      let best = 0;
      for (let j = 0; j < n; j++) { let s = 0; for (let i = 0; i < n; i++) s += Math.abs(a.data[i * n + j]!); if (s > best) best = s; }
      return best;
    },
  };
}

function complexAlgebra(n: number): Algebra<ComplexMatrix> {
  return {
    n,
    mul: (a, b) => cmatmul(a, b),
    comb: (cs, ms, c0) => {
      const re = new Float64Array(n * n), im = new Float64Array(n * n);
      for (let t = 0; t < ms.length; t++) {
        const c = cs[t]!, dr = ms[t]!.re, di = ms[t]!.im;
        for (let i = 0; i < re.length; i++) { re[i] += c * dr[i]!; im[i] += c * di[i]!; }
      }
      for (let i = 0; i < n; i++) re[i * n + i] += c0;
      return complexMatrix(n, n, re, im);
    },
    padeSolve: (U, V) => {
      const len = n * n;
      const Pr = new Float64Array(len), Pi = new Float64Array(len), Qr = new Float64Array(len), Qi = new Float64Array(len);
      for (let i = 0; i < len; i++) {
        Pr[i] = V.re[i]! + U.re[i]!; Pi[i] = V.im[i]! + U.im[i]!;
        Qr[i] = V.re[i]! - U.re[i]!; Qi[i] = V.im[i]! - U.im[i]!;
      }
      return cluSolveMatrix(cluFactor(complexMatrix(n, n, Qr, Qi)), complexMatrix(n, n, Pr, Pi));
    },
    scaleInPlace: (a, f) => { for (let i = 0; i < a.re.length; i++) { a.re[i] *= f; a.im[i] *= f; } },
    norm1: (a) => {
      let best = 0;
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += Math.hypot(a.re[i * n + j]!, a.im[i * n + j]!);
        if (s > best) best = s;
      }
      return best;
    },
  };
}

/**
 * Matrix exponential e^A of a real square matrix.
 *
 * Scaling and squaring with Padé approximants of degree 3, 5, 7, 9 or 13 chosen from
 * ‖A‖₁ and Higham's thresholds θ_m (Higham, SIAM J. Matrix Anal. Appl. 26 (2005) 1179,
 * Alg. 2.3); the rational approximant is evaluated with one LU solve.
 *
 * @param A - n×n real matrix with finite entries.
 * @returns e^A.
 * @throws NessrefError `invalid-input` for non-square or non-finite input, `out-of-range` when e^A overflows.
 *
 * @example
 * ```ts
 * import { fromRows, expm } from "nessref/linalg";
 * expm(fromRows([[0, 1], [0, 0]])).data; // [1, 1, 0, 1]
 * ```
 */
export function expm(A: RealMatrix): RealMatrix {
  requireSquareFinite("expm", A.rows, A.cols, [A.data]);
  if (A.rows === 0) return realMatrix(0, 0);
  const E = expmGeneric(A, realAlgebra(A.rows));
  requireFiniteResult("expm", [E.data]);
  return E;
}

/**
 * Matrix exponential e^A of a complex square matrix (same algorithm as {@link expm}:
 * Higham 2005 scaling and squaring with Padé approximants, complex arithmetic).
 * Typical use: the propagator e^{−iHt} of a Hamiltonian.
 *
 * @param A - n×n complex matrix with finite entries.
 * @returns e^A.
 * @throws NessrefError `invalid-input` for non-square or non-finite input, `out-of-range` when e^A overflows.
 *
 * @example
 * ```ts
 * import { complexFromRows, cexpm } from "nessref/linalg";
 * // e^{−i σ^x π/2} = −i σ^x
 * const U = cexpm(complexFromRows({ re: [[0, 0], [0, 0]], im: [[0, -Math.PI / 2], [-Math.PI / 2, 0]] }));
 * ```
 */
export function cexpm(A: ComplexMatrix): ComplexMatrix {
  requireSquareFinite("cexpm", A.rows, A.cols, [A.re, A.im]);
  if (A.rows === 0) return complexMatrix(0, 0);
  const E = expmGeneric(A, complexAlgebra(A.rows));
  requireFiniteResult("cexpm", [E.re, E.im]);
  return E;
}
