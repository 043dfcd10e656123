/**
 * Fractional hydrodynamics of a weakly open system ([P4] SM eqs. (10)–(12); MODELS §4): with
 * the Riesz derivative ∇^z the Green's function is G(k) = 1/(γ̄|k|^z + εḡ), and white-noise
 * sink/source disorder ⟨δg(r)δg(r′)⟩ = δg² δ(r − r′) gives
 *
 *   ⟨δT²⟩ = ε²θ²δg²/(2π)^d ∫ d^dk (γ̄|k|^z + εḡ)^{−2}
 *         = C_d(z) · θ² δg² ḡ^{d/z−2} γ̄^{−d/z} ε^{d/z},
 *   C_d(z) = S_d/((2π)^d z) · B(d/z, 2 − d/z) = S_d/((2π)^d z) · πδ/sin(πδ),  δ = 1 − d/z,
 *
 * with S_1 = 2, S_2 = 2π the area of the unit sphere (B(a, 2−a) = (1−a)π/sin(πa)); it converges
 * for z > d/2. For d = 1, C_1(z) = (z − 1)/(z² sin(π/z)), exactly the factor printed in eq. (12);
 * for d = 2, C_2(z) = (z − 2)/(2 z² sin(2π/z)), half of it (the paper writes "∼" and drops S_d·π/(2π)^d,
 * which is 1 for d = 1 and ½ for d = 2). **(nessref: the exact prefactor, derived here.)**
 *
 * Second road: {@link fractionalTemperatureVarianceQuadrature} integrates the k-integral of eq.
 * (12) itself in decimal.js, by the trapezoidal rule after k = κe^x (exponentially convergent for
 * an integrand analytic in a strip).
 *
 * @module
 */
import { Decimal } from "decimal.js";
import { NessrefError } from "../../errors.js";

/**
 * Parameters of eq. (12) of the [P4] supplement.
 *
 * @example
 * ```ts
 * import type { FractionalParameters } from "nessref/exact";
 * const p: FractionalParameters = { d: 1, z: 3, epsilon: 0.01, theta: 1, dg: 0.05, gbar: 1, gammaBar: 1 };
 * ```
 */
export interface FractionalParameters {
  /** dimension d = 1 or 2 */
  d: 1 | 2;
  /** dynamical exponent z > d/2 */
  z: number;
  /** bath coupling ε > 0 */
  epsilon: number;
  /** source strength θ */
  theta: number;
  /** disorder strength δg ≥ 0 (⟨δg(r)δg(r′)⟩ = δg² δ(r − r′)) */
  dg: number;
  /** mean sink weight ḡ > 0 */
  gbar: number;
  /** generalized diffusion constant γ̄ > 0 */
  gammaBar: number;
}

function check(p: FractionalParameters, who: string): void {
  if (p.d !== 1 && p.d !== 2) throw new NessrefError("invalid-input", `${who}: d must be 1 or 2, got ${String(p.d)}`, "/d");
  if (!Number.isFinite(p.z) || !(p.z > p.d / 2)) throw new NessrefError("invalid-input", `${who}: z must be finite and > d/2 = ${p.d / 2} (the k-integral diverges otherwise), got ${p.z}`, "/z");
  for (const [k, v] of [["epsilon", p.epsilon], ["gbar", p.gbar], ["gammaBar", p.gammaBar]] as const) {
    if (!Number.isFinite(v) || !(v > 0)) throw new NessrefError("invalid-input", `${who}: ${k} must be finite and > 0, got ${v}`, `/${k}`);
  }
  if (!Number.isFinite(p.theta)) throw new NessrefError("invalid-input", `${who}: theta must be finite`, "/theta");
  if (!Number.isFinite(p.dg) || p.dg < 0) throw new NessrefError("invalid-input", `${who}: dg must be finite and ≥ 0, got ${p.dg}`, "/dg");
}

/**
 * The prefactor C_d(z) of eq. (12) (module description): ⟨δT²⟩ = C_d(z) θ²δg² ḡ^{d/z−2} γ̄^{−d/z} ε^{d/z}.
 *
 * @param d - dimension 1 or 2
 * @param z - dynamical exponent, > d/2
 * @returns C_d(z)
 * @throws NessrefError("invalid-input") for d ∉ {1, 2} or z ≤ d/2
 *
 * @example
 * ```ts
 * import { fractionalPrefactor } from "nessref/exact";
 * fractionalPrefactor(1, 2); // 1/4 = (2 − 1)/(2² sin(π/2)): diffusion
 * ```
 */
export function fractionalPrefactor(d: 1 | 2, z: number): number {
  check({ d, z, epsilon: 1, theta: 1, dg: 1, gbar: 1, gammaBar: 1 }, "fractionalPrefactor");
  const delta = (z - d) / z;
  const x = Math.PI * delta;
  const ratio = Math.abs(x) < 1e-4 ? 1 + (x * x) / 6 + (7 * x ** 4) / 360 : x / Math.sin(x);
  const Sd = d === 1 ? 2 : 2 * Math.PI;
  return (Sd / ((2 * Math.PI) ** d * z)) * ratio;
}

/**
 * ⟨δT²⟩ of eq. (12) of the [P4] supplement in closed form (module description).
 *
 * @param p - d, z, ε, θ, δg, ḡ, γ̄
 * @returns ⟨δT²⟩
 * @throws NessrefError("invalid-input") for parameters out of range
 *
 * @example
 * ```ts
 * import { fractionalTemperatureVariance } from "nessref/exact";
 * fractionalTemperatureVariance({ d: 1, z: 2, epsilon: 0.01, theta: 1, dg: 0.05, gbar: 1, gammaBar: 1 });
 * // 0.25·0.05²·0.01^{1/2} = 6.25e-5
 * ```
 */
export function fractionalTemperatureVariance(p: FractionalParameters): number {
  check(p, "fractionalTemperatureVariance");
  const a = p.d / p.z;
  return fractionalPrefactor(p.d, p.z) * p.theta ** 2 * p.dg ** 2 * p.gbar ** (a - 2) * p.gammaBar ** -a * p.epsilon ** a;
}

/**
 * ⟨δT²⟩ of eq. (12) by quadrature of its k-integral in decimal.js (the second road to
 * {@link fractionalTemperatureVariance}): ε²θ²δg² S_d/(2π)^d ∫_0^∞ k^{d−1} (γ̄k^z + εḡ)^{−2} dk with
 * k = κe^x, κ = (εḡ/γ̄)^{1/z}, by the trapezoidal rule on x ∈ [−X₋, X₊]. The integrand is analytic
 * in the strip |Im x| < π/z, so the rule's error is ≈ e^{−2π²/(zh)}; h and X± are chosen for an
 * error below 10^{−(digits+5)} and the sum runs at `digits + 10` significant digits.
 *
 * @param p - d, z, ε, θ, δg, ḡ, γ̄
 * @param digits - target significant digits, 10..60 (default 30)
 * @returns ⟨δT²⟩ as a decimal string with `digits` significant digits
 * @throws NessrefError("invalid-input") for parameters out of range
 *
 * @example
 * ```ts
 * import { fractionalTemperatureVarianceQuadrature } from "nessref/exact";
 * fractionalTemperatureVarianceQuadrature({ d: 1, z: 2, epsilon: 0.01, theta: 1, dg: 0.05, gbar: 1, gammaBar: 1 }, 20);
 * // "0.0000625" to 20 digits
 * ```
 */
export function fractionalTemperatureVarianceQuadrature(p: FractionalParameters, digits = 30): string {
  check(p, "fractionalTemperatureVarianceQuadrature");
  if (!Number.isInteger(digits) || digits < 10 || digits > 60) throw new NessrefError("invalid-input", `fractionalTemperatureVarianceQuadrature: digits must be an integer in [10, 60], got ${digits}`, "/digits");
  const D = Decimal.clone({ precision: digits + 10 });
  const d = p.d, z = new D(p.z);
  const eg = new D(p.epsilon).mul(p.gbar);
  const gb = new D(p.gammaBar);
  const kappa = eg.div(gb).pow(new D(1).div(z));
  const lnTarget = (digits + 5) * Math.LN10;
  const h = (2 * Math.PI ** 2) / (p.z * lnTarget);
  const xl = lnTarget / d, xr = lnTarget / (2 * p.z - d);
  const n0 = Math.ceil(xl / h), n1 = Math.ceil(xr / h);
  const hD = new D(h);
  let sum = new D(0);
  for (let m = -n0; m <= n1; m++) {
    const k = kappa.mul(hD.mul(m).exp());
    // k · k^{d−1}/(γ̄ k^z + εḡ)²  (dk = k dx)
    const den = gb.mul(k.pow(z)).add(eg);
    sum = sum.add(k.pow(d).div(den.mul(den)));
  }
  const integral = sum.mul(hD);
  const pi = D.acos(-1);
  const Sd = d === 1 ? new D(2) : pi.mul(2);
  const pref = new D(p.epsilon).pow(2).mul(new D(p.theta).pow(2)).mul(new D(p.dg).pow(2)).mul(Sd).div(pi.mul(2).pow(d));
  return pref.mul(integral).toSignificantDigits(digits).toString();
}
