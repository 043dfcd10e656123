/**
 * Local inverse temperatures of a bond (CONVENTIONS §3, [P4]): the β that makes the bond's
 * Gibbs state e^{−βe_b}/Z closest to the two-site reduced density matrix in Hilbert–Schmidt
 * distance, minimised over all real β (negative allowed), globally.
 *
 * With e_b = Σ_k ε_k |u_k⟩⟨u_k| and r_k = ⟨u_k|ρ|u_k⟩, the distance is
 * f(β) = Tr ρ² − 2 Σ_k w_k r_k + Σ_k w_k², w_k = e^{−βε_k}/Z — a smooth function of one variable.
 * Global search: f on 4001 points of β = atanh(u)/s, u uniform in (−1, 1), s = (ε_max − ε_min)/4
 * (dense near β = 0, reaching |β|·(ε_max − ε_min) ≈ 40 where w is saturated to e^{−40}), then
 * golden-section refinement in the bracket of every grid point within 1e-12 of the best, and a
 * final Newton polish on f′ = 0. The smallest value wins.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import type { ComplexMatrix } from "../linalg/matrix.js";
import { hermEig } from "../linalg/symeig.js";

/**
 * Result of {@link localInverseTemperature}.
 *
 * @example
 * ```ts
 * import type { LocalBeta } from "nessref/analysis";
 * const show = (b: LocalBeta) => `β = ${b.beta} (distance² ${b.distance})`;
 * ```
 */
export interface LocalBeta {
  /** The global minimiser β_b. */
  beta: number;
  /** f(β_b) = Tr[(ρ − e^{−β_b e}/Z)²]. */
  distance: number;
}

function weights(eps: Float64Array, beta: number, w: Float64Array): void {
  let top = -Infinity;
  for (let k = 0; k < eps.length; k++) top = Math.max(top, -beta * eps[k]);
  let Z = 0;
  for (let k = 0; k < eps.length; k++) { w[k] = Math.exp(-beta * eps[k] - top); Z += w[k]; }
  for (let k = 0; k < eps.length; k++) w[k] /= Z;
}

/**
 * The local inverse temperature of [P4] (CONVENTIONS §3): argmin over real β of
 * Tr[(ρ − e^{−βe}/Z)²].
 *
 * @param rho - the reduced density matrix (d×d Hermitian, e.g. two-site, 4×4)
 * @param e - the bond energy on the same sites (d×d Hermitian)
 * @returns the global minimiser and the minimal distance²
 * @throws NessrefError("invalid-input") for mismatched sizes or a constant e (β undefined);
 *   ("no-convergence") when the minimiser is at |β| → ∞ (ρ is a Gibbs limit)
 *
 * @example
 * ```ts
 * import { localInverseTemperature } from "nessref/analysis";
 * import { gibbsState } from "nessref/quantum";
 * import { complexFromRows } from "nessref/linalg";
 * const e = complexFromRows({ re: [[1, 0], [0, -1]] });
 * localInverseTemperature(gibbsState(e, 0.7), e).beta; // ≈ 0.7
 * ```
 */
export function localInverseTemperature(rho: ComplexMatrix, e: ComplexMatrix): LocalBeta {
  const d = e.rows;
  if (rho.rows !== d || rho.cols !== d || e.cols !== d) throw new NessrefError("invalid-input", "localInverseTemperature: ρ and e must be square of one size", "");
  const { values: eps, vectors: U } = hermEig(e);
  const spread = eps[d - 1] - eps[0];
  if (!(spread > 0)) throw new NessrefError("invalid-input", "localInverseTemperature: the bond energy is a multiple of 1, β is undefined", "");
  // r_k = ⟨u_k|ρ|u_k⟩, Tr ρ²
  const r = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let acc = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      // conj(U_ik) ρ_ij U_jk (real part)
      const ur = U.re[i * d + k], ui = -U.im[i * d + k];
      const vr = U.re[j * d + k], vi = U.im[j * d + k];
      const pr = rho.re[i * d + j], pim = rho.im[i * d + j];
      const ar = ur * pr - ui * pim, ai = ur * pim + ui * pr;
      acc += ar * vr - ai * vi;
    }
    r[k] = acc;
  }
  let tr2 = 0;
  for (let k = 0; k < d * d; k++) tr2 += rho.re[k] * rho.re[k] + rho.im[k] * rho.im[k];
  const w = new Float64Array(d);
  const f = (beta: number) => {
    weights(eps, beta, w);
    let s = tr2;
    for (let k = 0; k < d; k++) s += w[k] * w[k] - 2 * w[k] * r[k];
    return s;
  };
  // f'(β) = Σ_k w_k'(2w_k − 2r_k), w_k' = −w_k(ε_k − ⟨ε⟩); f'' by central difference of f'
  const df = (beta: number) => {
    weights(eps, beta, w);
    let mean = 0;
    for (let k = 0; k < d; k++) mean += w[k] * eps[k];
    let s = 0;
    for (let k = 0; k < d; k++) s += -w[k] * (eps[k] - mean) * (2 * w[k] - 2 * r[k]);
    return s;
  };
  const sc = spread / 4;
  const n = 4001;
  const betas = new Float64Array(n), vals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = -1 + (2 * (i + 1)) / (n + 1);
    betas[i] = Math.atanh(u) / sc;
    vals[i] = f(betas[i]);
  }
  let best = Infinity;
  for (let i = 0; i < n; i++) best = Math.min(best, vals[i]);
  let out: LocalBeta = { beta: NaN, distance: Infinity };
  for (let i = 0; i < n; i++) {
    if (vals[i] > best + 1e-12) continue;
    if ((i > 0 && vals[i - 1] < vals[i]) || (i < n - 1 && vals[i + 1] < vals[i])) continue; // not a grid minimum
    if (i === 0 || i === n - 1) {
      throw new NessrefError("no-convergence", "localInverseTemperature: the distance decreases towards |β| → ∞ (ρ is at a zero- or negative-zero-temperature limit)", "");
    }
    let a = betas[i - 1], b = betas[i + 1];
    const g = (Math.sqrt(5) - 1) / 2;
    let x1 = b - g * (b - a), x2 = a + g * (b - a), f1 = f(x1), f2 = f(x2);
    for (let it = 0; it < 200 && b - a > 1e-13 * (1 + Math.abs(a)); it++) {
      if (f1 < f2) { b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = f(x1); }
      else { a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = f(x2); }
    }
    let x = 0.5 * (a + b);
    // Newton on f' with a numerical f'' (keeps x inside the bracket)
    for (let it = 0; it < 20; it++) {
      const h = 1e-6 * (1 + Math.abs(x));
      const g1 = df(x), g2 = (df(x + h) - df(x - h)) / (2 * h);
      if (!(g2 > 0)) break;
      const nx = x - g1 / g2;
      if (!(nx >= betas[i - 1] && nx <= betas[i + 1])) break;
      if (Math.abs(nx - x) <= 1e-15 * (1 + Math.abs(x))) { x = nx; break; }
      x = nx;
    }
    const fx = f(x);
    if (fx < out.distance) out = { beta: x, distance: fx };
  }
  if (!Number.isFinite(out.beta)) throw new NessrefError("internal", "localInverseTemperature: no minimum found", "");
  return out;
}

