/**
 * Link lengths and conductances of the random resistor networks of MODELS §4 ([P4] eq. (3) and
 * SM eqs. (13), (16)).
 *
 * - Lengths ℓ ≥ a: in 1D p(ℓ) = e^{−(ℓ−a)/ξ}/ξ (ℓ = a − ξ ln(1 − u), u uniform in [0, 1)); in 2D
 *   p(ℓ) ∝ e^{−(ℓ/ξ)²} on ℓ ≥ a, i.e. ℓ = (ξ/√2)·Z with Z a standard normal conditioned on
 *   Z ≥ c = √2 a/ξ, drawn by Robert's exponential rejection sampler (Robert, Stat. Comput. 5, 121
 *   (1995): proposal c + Exp(λ*), λ* = (c + √(c² + 4))/2, acceptance e^{−(z−λ*)²/2}), exact for
 *   every c ≥ 0. **(nessref choice: the sampler; MODELS fixes only the density.)**
 * - Conductance of a link: Γ = ε·κ0/ℓ^{2−d} + Γ0·e^{−ℓ/a} (thermal), Γ̃ = ε·σ0/ℓ^{2−d} + Γ̃0·e^{−ℓ/a}
 *   (charge; the contract's `Gamma0` serves as Γ̃0). In 2D ℓ^{2−d} = 1.
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
import type { Rng } from "../../analysis/random.js";

/**
 * The link-length law of MODELS §4.
 *
 * @example
 * ```ts
 * import type { LinkLaw } from "nessref/exact";
 * const law: LinkLaw = { dim: 1, a: 1, xi: 1 / 0.3 }; // α = a/ξ = 0.3
 * ```
 */
export interface LinkLaw {
  /** dimension d = 1 (exponential tail) or 2 (Gaussian tail) */
  dim: 1 | 2;
  /** minimal link length a > 0 */
  a: number;
  /** length scale ξ > 0 */
  xi: number;
}

/**
 * The conductance law Γ = ε·κ0/ℓ^{2−d} + Γ0·e^{−ℓ/a} of MODELS §4 (κ0 → σ0, Γ0 → Γ̃0 for charge).
 *
 * @example
 * ```ts
 * import type { ConductanceLaw } from "nessref/exact";
 * const law: ConductanceLaw = { dim: 1, a: 1, epsilon: 0.01, kappa0: 1, Gamma0: 5 };
 * ```
 */
export interface ConductanceLaw {
  /** dimension d = 1 or 2 */
  dim: 1 | 2;
  /** minimal link length a > 0 */
  a: number;
  /** bath coupling ε ≥ 0 */
  epsilon: number;
  /** κ0 ≥ 0 (thermal) or σ0 ≥ 0 (charge) */
  kappa0: number;
  /** Γ0 ≥ 0 (Γ̃0 in charge mode) */
  Gamma0: number;
}

function checkPositive(v: number, name: string, who: string): void {
  if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0)) throw new NessrefError("invalid-input", `${who}: ${name} must be finite and > 0, got ${String(v)}`, `/${name}`);
}

function checkNonNegative(v: number, name: string, who: string): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new NessrefError("invalid-input", `${who}: ${name} must be finite and ≥ 0, got ${String(v)}`, `/${name}`);
}

/**
 * One standard normal Z conditioned on Z ≥ c (c ≥ 0), by Robert's (1995) exponential rejection.
 *
 * @param rng - the library's generator (CONVENTIONS "Randomness")
 * @param c - the truncation point, finite and ≥ 0
 * @returns Z ≥ c
 *
 * @example
 * ```ts
 * import { normalTail } from "nessref/exact";
 * import { createRng } from "nessref/analysis";
 * normalTail(createRng(1), 2); // ≥ 2
 * ```
 */
export function normalTail(rng: Rng, c: number): number {
  const lam = (c + Math.sqrt(c * c + 4)) / 2;
  for (;;) {
    const z = c - Math.log(1 - rng.nextFloat()) / lam;
    const u = rng.nextFloat();
    const d = z - lam;
    if (u <= Math.exp(-0.5 * d * d)) return z;
  }
}

/**
 * Draw `count` link lengths ℓ ≥ a of MODELS §4 from `rng`, in order (1D: exponential above a;
 * 2D: Gaussian tail above a; the samplers are in the module description).
 *
 * @param rng - the library's generator
 * @param count - number of links, an integer ≥ 0
 * @param law - dimension, a and ξ
 * @returns the lengths
 * @throws NessrefError("invalid-input") for a bad count, a ≤ 0 or ξ ≤ 0
 *
 * @example
 * ```ts
 * import { sampleLinkLengths } from "nessref/exact";
 * import { createRng } from "nessref/analysis";
 * const l = sampleLinkLengths(createRng(7), 999, { dim: 1, a: 1, xi: 2 }); // mean ≈ a + ξ = 3
 * ```
 */
export function sampleLinkLengths(rng: Rng, count: number, law: LinkLaw): Float64Array {
  const who = "sampleLinkLengths";
  if (!Number.isInteger(count) || count < 0) throw new NessrefError("invalid-input", `${who}: count must be an integer ≥ 0, got ${count}`, "/count");
  checkPositive(law.a, "a", who);
  checkPositive(law.xi, "xi", who);
  const out = new Float64Array(count);
  if (law.dim === 1) {
    for (let k = 0; k < count; k++) out[k] = law.a - law.xi * Math.log(1 - rng.nextFloat());
  } else if (law.dim === 2) {
    const s = law.xi / Math.SQRT2;
    const c = law.a / s;
    for (let k = 0; k < count; k++) out[k] = Math.max(law.a, s * normalTail(rng, c));
  } else throw new NessrefError("invalid-input", `${who}: dim must be 1 or 2, got ${String(law.dim)}`, "/dim");
  return out;
}

/**
 * Conductances Γ_k = ε·κ0/ℓ_k^{2−d} + Γ0·e^{−ℓ_k/a} of MODELS §4 (thermal; with σ0 and Γ̃0 the
 * charge conductances Γ̃).
 *
 * @param lengths - link lengths, each finite and ≥ a
 * @param law - dimension, a, ε, κ0 (or σ0), Γ0 (or Γ̃0)
 * @returns the conductances
 * @throws NessrefError("invalid-input") for a length below a (`/lengths/k`) or a bad parameter;
 *   ("singular") for a link whose conductance is 0 (ε·κ0 = 0 and e^{−ℓ/a} underflows or Γ0 = 0):
 *   the network falls apart
 *
 * @example
 * ```ts
 * import { linkConductances } from "nessref/exact";
 * linkConductances([1, 2], { dim: 1, a: 1, epsilon: 0.1, kappa0: 1, Gamma0: 5 });
 * // [0.1 + 5/e, 0.05 + 5/e²]
 * ```
 */
export function linkConductances(lengths: ArrayLike<number>, law: ConductanceLaw): Float64Array {
  const who = "linkConductances";
  checkPositive(law.a, "a", who);
  checkNonNegative(law.epsilon, "epsilon", who);
  checkNonNegative(law.kappa0, "kappa0", who);
  checkNonNegative(law.Gamma0, "Gamma0", who);
  if (law.dim !== 1 && law.dim !== 2) throw new NessrefError("invalid-input", `${who}: dim must be 1 or 2, got ${String(law.dim)}`, "/dim");
  const ek = law.epsilon * law.kappa0;
  const out = new Float64Array(lengths.length);
  for (let k = 0; k < lengths.length; k++) {
    const l = lengths[k];
    if (typeof l !== "number" || !Number.isFinite(l) || l < law.a) {
      throw new NessrefError("invalid-input", `${who}: lengths[${k}] = ${String(l)} must be finite and ≥ a = ${law.a} (MODELS §4)`, `/lengths/${k}`);
    }
    // ε·(κ0/ℓ): the ensemble kernel forms the same product from κ0/ℓ stored once per realization
    const g = (law.dim === 1 ? law.epsilon * (law.kappa0 / l) : ek) + law.Gamma0 * Math.exp(-l / law.a);
    if (!(g > 0)) {
      throw new NessrefError("singular", `${who}: link ${k} (ℓ = ${l}) has conductance 0 (ε·κ0 = ${ek}, Γ0·e^{−ℓ/a} = ${law.Gamma0 * Math.exp(-l / law.a)}): the network is cut`, `/lengths/${k}`);
    }
    out[k] = g;
  }
  return out;
}
