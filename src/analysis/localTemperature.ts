/**
 * Local inverse temperatures of a bond (CONVENTIONS §3, [P4]): the β that makes the bond's
 * Gibbs state e^{−βe_b}/Z closest to the two-site reduced density matrix in Hilbert–Schmidt
 * distance, minimised over all real β (negative allowed), globally.
 *
 * With e_b = Σ_k ε_k |u_k⟩⟨u_k| and r_k = ⟨u_k|ρ|u_k⟩, the distance is
 * f(β) = Tr ρ² − 2 Σ_k w_k r_k + Σ_k w_k², w_k = e^{−βε_k}/Z — a smooth function of one variable.
 * Global search: f on 4001 points of β = atanh(u)/s, u uniform in (−1, 1), s = (ε_max − ε_min)/15
 * (dense near β = 0, reaching |β|·(ε_max − ε_min) ≈ 62 where every excited weight is ≤ e^{−62}),
 * then bisection on f′ in every grid interval where f′ changes sign from − to + (f′ has none of the
 * cancellation that makes f flat to rounding near its minimum). The smallest f wins; an end of the
 * grid that is strictly lower means the infimum is at |β| → ∞, which is reported, not clipped.
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
  // f'(β) = Σ_k w_k'(2w_k − 2r_k), w_k' = −w_k(ε_k − ⟨ε⟩)
  const df = (beta: number) => {
    weights(eps, beta, w);
    let mean = 0;
    for (let k = 0; k < d; k++) mean += w[k] * eps[k];
    let s = 0;
    for (let k = 0; k < d; k++) s += -w[k] * (eps[k] - mean) * (2 * w[k] - 2 * r[k]);
    return s;
  };
  // |β|·spread reaches 15·atanh(1 − 2/4002) ≈ 62 at the ends, where every excited weight is ≤ e^{−62}
  const sc = spread / 15;
  const n = 4001;
  const betas = new Float64Array(n), vals = new Float64Array(n), ders = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = -1 + (2 * (i + 1)) / (n + 1);
    betas[i] = Math.atanh(u) / sc;
    vals[i] = f(betas[i]);
    ders[i] = df(betas[i]);
  }
  // Local minima are sign changes − → + of f′ (f′ is free of the cancellation in f near its
  // minimum, which is flat where the excited weights are small); each is refined by bisection on f′.
  let out: LocalBeta = { beta: NaN, distance: Infinity };
  for (let i = 0; i < n - 1; i++) {
    if (!(ders[i] < 0 && ders[i + 1] >= 0)) continue;
    let a = betas[i], b = betas[i + 1];
    for (let it = 0; it < 200 && b - a > 4e-16 * Math.max(1, Math.abs(a)); it++) {
      const m = 0.5 * (a + b);
      if (df(m) < 0) a = m;
      else b = m;
    }
    const x = 0.5 * (a + b);
    const fx = f(x);
    if (fx < out.distance) out = { beta: x, distance: fx };
  }
  // the ends stand for |β| → ∞: a strictly smaller value there means no finite minimiser
  const edge = Math.min(ders[0] > 0 ? vals[0] : Infinity, ders[n - 1] < 0 ? vals[n - 1] : Infinity);
  if (!Number.isFinite(out.beta) || edge < out.distance - 1e-14) {
    throw new NessrefError("no-convergence", "localInverseTemperature: the distance decreases towards |β| → ∞ (ρ is at a zero- or negative-zero-temperature limit)", "");
  }
  return out;
}

