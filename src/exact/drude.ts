/**
 * Infinite-temperature Drude weights of the periodic XXZ chain (MODELS §8, CONVENTIONS §8)
 * by exact diagonalization in symmetry sectors, with the analytic checks that go with them:
 * the XX value J²/16, the closed form of the energy Drude weight and the Prosen–Ilievski
 * lower bound.
 *
 * The chain: H = Σ_{b=1}^{L} J[s^x_b s^x_{b+1} + s^y_b s^y_{b+1} + Δ s^z_b s^z_{b+1}] with
 * site L+1 ≡ 1 and s = σ/2 (no fields). Its bond energies are e_b (the b-th term), the spin
 * current J_S = Σ_b j^S_b with j^S_b = J(s^x_b s^y_{b+1} − s^y_b s^x_{b+1}) =
 * (iJ/2)(s^+_b s^−_{b+1} − s^−_b s^+_{b+1}) (bond L → 1 included) and the energy current
 * J_E = Σ_i j^E_i with j^E_i = i[e_{i−1}, e_i] (e_0 ≡ e_L). The weights are
 *
 *   D/β  = (1/(2L·2^L)) Σ_{m,n: E_m = E_n} |⟨m|J_S|n⟩|²   (spin, coefficient of β),
 *   D/β² = (1/(2L·2^L)) Σ_{m,n: E_m = E_n} |⟨m|J_E|n⟩|²   (energy, coefficient of β²).
 *
 * Construction ({@link drudeWeight}):
 *
 * - Both currents commute with S^z, with the translation T (site i → i+1) and map the
 *   reflection P (site i → L+1−i) to minus themselves; J_S anticommutes and J_E commutes with
 *   the global spin flip F = Π σ^x. Hence only pairs inside one sector (M up spins, momentum k,
 *   T = e^{2πik/L}) contribute; F maps (M, k) to (L−M, k) and P maps (M, k) to (M, −k) without
 *   changing |⟨m|J|n⟩|², so only M ≤ L/2 and 0 ≤ k ≤ L/2 are diagonalised, sectors with
 *   M < L/2 (resp. 0 < k < L/2) counted twice.
 * - Momentum basis: |r, k⟩ = R_r^{−1/2} Σ_{j<R_r} e^{−2πikj/L} T^j |r⟩ over orbit
 *   representatives r (the smallest index of each translation orbit; its period R_r, the
 *   orbit's length, divides L) with k·R_r ≡ 0 (mod L); the other orbits have no component at
 *   this k and are dropped. An operator A commuting with T has ⟨r', k|A|r, k⟩ =
 *   Σ_s c_s e^{2πik l_s/L} (R_r/R_{r'})^{1/2} over the terms c_s|s⟩ of A|r⟩ with
 *   s = T^{l_s} r'.
 * - Real, smaller blocks (nessref choice, for speed; the spec cross-checks against a plain
 *   complex full-space diagonalization): for 0 < k < L/2 the antiunitary A = PK (K complex
 *   conjugation in the computational basis) commutes with H, T and both currents, and maps
 *   |r, k⟩ to e^{2πik l/L}|r̃, k⟩ (P r = T^l r̃); in a basis of A-fixed vectors H_k is real
 *   symmetric and both currents are real symmetric. For k ∈ {0, L/2} the basis is already
 *   real, H_k is split further by P = ±1, and the currents are i × a real antisymmetric
 *   matrix. At M = L/2 every sector is split further by F = ±1. The adapted vectors are built
 *   orbit by orbit (orbits of ≤ 4 momentum states under A or P and F) by projection and
 *   Gram–Schmidt, and the construction checks itself: the transformed H must be block
 *   diagonal and real (the currents real, resp. imaginary) to 1e−10 of the spectral scale.
 * - Every block is diagonalised with {@link symEig}; eigenvalues of all blocks of a sector
 *   are merged and grouped, and Σ |⟨m|J|n⟩|² is taken over all pairs in a group (pairs in
 *   different blocks included: the currents are odd under P and, for the spin current, F, so
 *   they connect P = +1 with P = −1 levels, which are degenerate in pairs).
 * - Degenerate levels: consecutive eigenvalues of a sector closer than
 *   τ = 1e−11 · S, S = |J|(1 + |Δ|) L, belong to one group (chained). S bounds the spectral
 *   scale (‖H‖ ≤ |J|(2 + |Δ|) L/4 ≤ S/2). The eigenvalues from the backward-stable symEig carry
 *   errors ≲ n·ε·‖H‖ ≲ 1e−13 · S for blocks of n ≤ 1000 (observed: exact degeneracies split by
 *   ≤ 5e−15 · S up to L = 16), so τ is ≥ 100× above the rounding. On the other side, the XXZ
 *   chain is integrable and its levels inside one sector do not repel: distinct levels come
 *   close, and their smallest distance shrinks with L (observed minimum over
 *   Δ ∈ {−0.8, 0.3, 0.5, 1.5, 2.7}: ≈ 1.2e−8 · S at L = 14 and 2.3e−9 · S at L = 16, both at
 *   Δ = 1.5), so τ stays ≥ 200× below them. (The 1e−9 · S first considered would have been
 *   only 2.3× below that L = 16 gap.) Every result reports the largest spread inside a group and the smallest gap between
 *   groups, so the margin is visible. Merging two distinct levels would add their
 *   |⟨m|J|n⟩|²; for the conserved J_E those elements vanish, so the energy weight does not
 *   depend on τ. Near a level crossing in Δ (exact degeneracy at Δ*) the gap closes linearly,
 *   so within |Δ − Δ*| ≲ τ/slope the pair is merged: the finite-L Drude weight itself is
 *   discontinuous at Δ*, and nessref takes the value at the crossing in that tiny window.
 *
 * Cost: the eigensolver takes ≈ 93 % of the time; the largest blocks are C(L, L/2−1)/L
 * (715 at L = 16, M = 7). Measured with Node 20 on the 2-core reference VM while it was shared
 * with other jobs (load ≈ 4): L = 14 ≈ 3 s; L = 16 ≈ 40 s (spin) and 43 s (energy) of CPU
 * time, which {@link drudeWeightParallel} (used by the `drude` kind from L = 15 on) spreads
 * over the available cores (expected ≈ 20–25 s wall on two idle cores; not measured, the VM
 * was never idle).
 *
 * Closed forms ({@link energyDrudeClosedForm}, {@link xxSpinDrude}): with Paulis,
 * e_b = (J/4)(X_bX_{b+1} + Y_bY_{b+1} + Δ Z_bZ_{b+1}) and, on sites (i−1, i, i+1),
 * j^E_i = −(J²/8)[XZY − YZX + Δ(YXZ − XYZ + ZYX − ZXY)]. These six Pauli strings are
 * orthonormal under the normalised trace, so ⟨(j^E_i)²⟩ = (J⁴/64)(2 + 4Δ²). For L ≥ 4 the
 * supports {i−1, i, i+1} of different i differ and every string has a non-identity factor on
 * each of its three sites, so different i are orthogonal and Tr(J_E²)/2^L = L(J⁴/32)(1 + 2Δ²).
 * J_E commutes with H on the periodic chain, so every matrix element between distinct levels
 * vanishes and the Drude sum is the whole trace: D/β² = (J⁴/64)(1 + 2Δ²) for every L ≥ 4.
 * At L = 3 all three j^E_i live on the same three sites; writing each string in site order,
 * the string σ^{π(1)}σ^{π(2)}σ^{π(3)} of the permutation π of (X, Y, Z) collects from the
 * three i the weights 1 (Z on the middle site of j^E_i) and Δ, Δ (X or Y there), so
 * J_E = (J²/8)(1 + 2Δ) Σ_π sgn(π) σ^{π(1)}σ^{π(2)}σ^{π(3)}, J_E is again conserved and
 * D/β² = (J⁴/64)(1 + 2Δ)². The same argument for the spin current at Δ = 0 (conserved for XX,
 * j^S_b = (J/4)(X_bY_{b+1} − Y_bX_{b+1})) gives D/β = J²/16 for every L ≥ 3. All of these are
 * verified against the sector ED and against a brute-force full-space computation
 * (spec/drude.spec.ts) and against NumPy (golden/drude).
 *
 * @module
 */
import { Decimal } from "decimal.js";
import { runEnsemble } from "../analysis/ensemble.js";
import { NessrefError } from "../errors.js";
import { realMatrix } from "../linalg/matrix.js";
import { symEig } from "../linalg/symeig.js";

/**
 * Largest ring length accepted by {@link drudeWeight} (sector ED; L = 16 takes ≈ 40 s of CPU
 * time, see the module comment).
 *
 * @example
 * ```ts
 * import { DRUDE_MAX_L } from "nessref/exact";
 * DRUDE_MAX_L; // 16
 * ```
 */
export const DRUDE_MAX_L = 16;

/**
 * Relative degeneracy tolerance of {@link drudeWeight}: levels closer than
 * DRUDE_DEGENERACY_REL · |J|(1 + |Δ|) L are treated as one level (see the module comment
 * for why 1e−11: ≥ 100× above eigenvalue rounding, ≥ 200× below the smallest observed true gap).
 *
 * @example
 * ```ts
 * import { DRUDE_DEGENERACY_REL } from "nessref/exact";
 * DRUDE_DEGENERACY_REL; // 1e-11
 * ```
 */
export const DRUDE_DEGENERACY_REL = 1e-11;

/**
 * Which current a Drude weight refers to: the spin current J_S or the energy current J_E
 * (CONVENTIONS §8).
 *
 * @example
 * ```ts
 * import type { DrudeCurrent } from "nessref/exact";
 * const c: DrudeCurrent = "energy";
 * ```
 */
export type DrudeCurrent = "spin" | "energy";

/**
 * Parameters of an infinite-temperature Drude weight (CONTRACT `drude`).
 *
 * @example
 * ```ts
 * import type { DrudeParams } from "nessref/exact";
 * const p: DrudeParams = { L: 10, J: 1, delta: 0.5, current: "spin" };
 * ```
 */
export interface DrudeParams {
  /** Ring length, 3..{@link DRUDE_MAX_L}. */
  L: number;
  /** Exchange J. */
  J: number;
  /** Anisotropy Δ. */
  delta: number;
  /** `"spin"` (D/β) or `"energy"` (D/β²). */
  current: DrudeCurrent;
}

/**
 * Result of {@link drudeWeight}.
 *
 * @example
 * ```ts
 * import { drudeWeight, type DrudeResult } from "nessref/exact";
 * const r: DrudeResult = drudeWeight({ L: 6, J: 1, delta: 0, current: "spin" });
 * r.value; // ≈ 0.0625
 * ```
 */
export interface DrudeResult {
  /** D/β (spin) or D/β² (energy), MODELS §8 normalization. */
  value: number;
  /** Number of (M, k) sectors diagonalised (M ≤ L/2, 0 ≤ k ≤ L/2; the others follow by symmetry). */
  sectors: number;
  /** Number of real symmetric blocks handed to symEig (after the P, F and PK reductions). */
  blocks: number;
  /** Size of the largest block. */
  largestBlock: number;
  /** Absolute degeneracy tolerance τ = 1e−11 · |J|(1 + |Δ|) L used to group levels. */
  degeneracyTolerance: number;
  /** Largest E_max − E_min inside a group of levels treated as degenerate (0 if none). */
  largestGroupSpread: number;
  /** Smallest distance between two adjacent groups of a sector (`null` if no sector has two groups). */
  smallestGroupGap: number | null;
  /** Wall-clock time of the computation in seconds. */
  seconds: number;
}

/**
 * A recognised root-of-unity anisotropy Δ = cos(πl/m), l and m coprime, 1 ≤ l < m.
 *
 * @example
 * ```ts
 * import type { RootOfUnityAnisotropy } from "nessref/exact";
 * const q: RootOfUnityAnisotropy = { l: 1, m: 3 }; // Δ = 1/2
 * ```
 */
export interface RootOfUnityAnisotropy {
  /** Numerator l (1 ≤ l < m, gcd(l, m) = 1). */
  l: number;
  /** Denominator m ≥ 2. */
  m: number;
}

function finite(v: unknown, name: string): void {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new NessrefError("invalid-input", `${name} must be a finite number, got ${String(v)}`, `/${name}`);
  }
}

function checkRingL(L: unknown, max: number): void {
  if (typeof L !== "number" || !Number.isInteger(L) || L < 3) {
    throw new NessrefError("invalid-input", `L must be an integer ≥ 3 (a ring), got ${String(L)}`, "/L");
  }
  if (L > max) {
    throw new NessrefError("out-of-range", `L = ${L} exceeds ${max}, the largest ring the sector ED of the drude kind handles`, "/L");
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Recognise Δ = cos(πl/m) with l, m coprime, 1 ≤ l < m ≤ `mMax`: the smallest such m (and its
 * l) with |cos(πl/m) − Δ| ≤ `tol`. Distinct fractions with m ≤ 64 give cosines at least
 * ~3e−5 apart, so the default tolerance 1e−12 identifies them unambiguously while accepting
 * Δ typed as a double (e.g. 0.7071067811865476 for cos(π/4)).
 *
 * @param delta - the anisotropy Δ
 * @param mMax - largest denominator searched (default 64)
 * @param tol - absolute tolerance (default 1e−12)
 * @returns `{ l, m }`, or `null` when |Δ| ≥ 1 or no fraction with m ≤ mMax matches
 * @throws NessrefError("invalid-input") if Δ is not finite
 *
 * @example
 * ```ts
 * import { anisotropyRootOfUnity } from "nessref/exact";
 * anisotropyRootOfUnity(0.5); // { l: 1, m: 3 }
 * anisotropyRootOfUnity(Math.cos(Math.PI / 4)); // { l: 1, m: 4 }
 * anisotropyRootOfUnity(0.3); // null
 * ```
 */
export function anisotropyRootOfUnity(delta: number, mMax = 64, tol = 1e-12): RootOfUnityAnisotropy | null {
  finite(delta, "delta");
  if (!(Math.abs(delta) < 1)) return null;
  for (let m = 2; m <= mMax; m++) {
    for (let l = 1; l < m; l++) {
      if (gcd(l, m) !== 1) continue;
      if (Math.abs(Math.cos((Math.PI * l) / m) - delta) <= tol) return { l, m };
    }
  }
  return null;
}

/**
 * The Prosen–Ilievski lower bound on the infinite-temperature spin Drude weight at
 * Δ = cos(πl/m) in the normalization of MODELS §8:
 * D/β ≥ (J²/16) · (sin²(πl/m) / sin²(π/m)) · (1 − (m/2π) sin(2π/m)).
 * (For m = 2, i.e. Δ = 0, it equals the XX value J²/16.)
 *
 * @param J - exchange J
 * @param l - numerator, 1 ≤ l < m, coprime to m
 * @param m - denominator ≥ 2
 * @returns the bound (a lower bound on the thermodynamic-limit D/β)
 * @throws NessrefError("invalid-input") for non-finite J or bad l, m
 *
 * @example
 * ```ts
 * import { prosenIlievskiBoundAt } from "nessref/exact";
 * prosenIlievskiBoundAt(1, 1, 3); // ≈ 0.036656
 * ```
 */
export function prosenIlievskiBoundAt(J: number, l: number, m: number): number {
  finite(J, "J");
  if (!Number.isInteger(m) || m < 2 || !Number.isInteger(l) || l < 1 || l >= m || gcd(l, m) !== 1) {
    throw new NessrefError("invalid-input", `need integers 1 ≤ l < m, gcd(l, m) = 1; got l = ${String(l)}, m = ${String(m)}`, "");
  }
  const sl = Math.sin((Math.PI * l) / m);
  const s1 = Math.sin(Math.PI / m);
  return ((J * J) / 16) * ((sl * sl) / (s1 * s1)) * oneMinusSinc((2 * Math.PI) / m);
}

/**
 * 1 − sin(x)/x for 0 < x ≤ π by its Taylor series Σ_{k≥1} (−1)^{k+1} x^{2k}/(2k+1)!: the
 * direct formula loses log₁₀(6/x²) digits to cancellation (≈ 3 at m = 64); the series' terms
 * are at most 1.7 and the sum ≥ 0.0016, so the result is accurate to a few ε relative.
 */
function oneMinusSinc(x: number): number {
  const x2 = x * x;
  let term = x2 / 6;
  let sum = 0;
  for (let k = 1; k <= 40; k++) {
    sum += k % 2 === 1 ? term : -term;
    term *= x2 / ((2 * k + 2) * (2 * k + 3));
    if (term < 1e-18 * sum) break;
  }
  return sum;
}

/**
 * The Prosen–Ilievski bound ({@link prosenIlievskiBoundAt}) at a given Δ, when Δ is recognised
 * as cos(πl/m) by {@link anisotropyRootOfUnity}.
 *
 * @param J - exchange J
 * @param delta - anisotropy Δ
 * @returns the bound on D/β, or `null` when Δ is not a recognised root of unity (in
 *   particular for |Δ| ≥ 1)
 * @throws NessrefError("invalid-input") for non-finite J or Δ
 *
 * @example
 * ```ts
 * import { prosenIlievskiBound } from "nessref/exact";
 * prosenIlievskiBound(1, 0.5); // ≈ 0.036656
 * prosenIlievskiBound(1, 1.5); // null
 * ```
 */
export function prosenIlievskiBound(J: number, delta: number): number | null {
  finite(J, "J");
  const q = anisotropyRootOfUnity(delta);
  return q === null ? null : prosenIlievskiBoundAt(J, q.l, q.m);
}

/**
 * The Prosen–Ilievski bound ({@link prosenIlievskiBoundAt}) evaluated with decimal.js at
 * `digits` significant digits (π from acos(−1) at that precision): the second road for the
 * double-precision formula.
 *
 * @param J - exchange J (a double, taken exactly)
 * @param l - numerator, 1 ≤ l < m, coprime to m
 * @param m - denominator ≥ 2
 * @param digits - working precision in significant digits (default 30)
 * @returns the bound as a decimal string with `digits` significant digits
 * @throws NessrefError("invalid-input") for non-finite J or bad l, m
 *
 * @example
 * ```ts
 * import { prosenIlievskiBoundDecimal } from "nessref/exact";
 * prosenIlievskiBoundDecimal(1, 1, 3); // "0.0366564580271034976791565703917"
 * ```
 */
export function prosenIlievskiBoundDecimal(J: number, l: number, m: number, digits = 30): string {
  prosenIlievskiBoundAt(J, l, m); // validation
  const D = Decimal.clone({ precision: digits });
  const pi = D.acos(-1);
  const sl = pi.times(l).div(m).sin();
  const s1 = pi.div(m).sin();
  const tail = new D(1).minus(new D(m).div(pi.times(2)).times(pi.times(2).div(m).sin()));
  const j2 = new D(J).times(J).div(16);
  return j2.times(sl.pow(2)).div(s1.pow(2)).times(tail).toSignificantDigits(digits).toString();
}

/**
 * Closed form of the infinite-temperature energy Drude weight D/β² of the periodic XXZ
 * chain (derived in the module comment): (J⁴/64)(1 + 2Δ²) for L ≥ 4, and (J⁴/64)(1 + 2Δ)²
 * for L = 3, where the three local currents share their support.
 *
 * @param J - exchange J
 * @param delta - anisotropy Δ
 * @param L - ring length ≥ 3
 * @returns D/β²
 * @throws NessrefError("invalid-input") for non-finite J, Δ or L not an integer ≥ 3
 *
 * @example
 * ```ts
 * import { energyDrudeClosedForm } from "nessref/exact";
 * energyDrudeClosedForm(1, 0.5, 10); // 0.0234375
 * energyDrudeClosedForm(1, 0.5, 3); // 0.0625
 * ```
 */
export function energyDrudeClosedForm(J: number, delta: number, L: number): number {
  finite(J, "J");
  finite(delta, "delta");
  checkRingL(L, Number.MAX_SAFE_INTEGER);
  const j4 = (J * J * J * J) / 64;
  return L === 3 ? j4 * (1 + 2 * delta) * (1 + 2 * delta) : j4 * (1 + 2 * delta * delta);
}

/**
 * Spin Drude weight of the XX ring (Δ = 0): D/β = J²/16 for every L ≥ 3 (the spin current is
 * conserved and ⟨J_S²⟩ = L J²/8, module comment).
 *
 * @param J - exchange J
 * @returns J²/16
 * @throws NessrefError("invalid-input") for non-finite J
 *
 * @example
 * ```ts
 * import { xxSpinDrude } from "nessref/exact";
 * xxSpinDrude(2); // 0.25
 * ```
 */
export function xxSpinDrude(J: number): number {
  finite(J, "J");
  return (J * J) / 16;
}

// ---------------------------------------------------------------------------------------
// sector ED

/** Translation orbits of all 2^L basis states: representative, shift (s = T^shift rep), period. */
interface Orbits {
  rep: Int32Array;
  shift: Uint8Array;
  period: Uint8Array;
  /** representatives with M up spins, ascending, for M = 0..L */
  repsByM: Int32Array[];
}

const orbitCache = new Map<number, Orbits>();

/** T moves site i to site i+1: bit position L−i → L−i−1, site L (bit 0) → site 1 (bit L−1). */
function rot(s: number, L: number): number {
  return (s >>> 1) | ((s & 1) << (L - 1));
}

function orbitsOf(L: number): Orbits {
  const hit = orbitCache.get(L);
  if (hit) return hit;
  const N = 1 << L;
  const rep = new Int32Array(N).fill(-1);
  const shift = new Uint8Array(N);
  const period = new Uint8Array(N);
  const orb = new Int32Array(L);
  for (let s = 0; s < N; s++) {
    if (rep[s] >= 0) continue;
    let t = s;
    let R = 0;
    do {
      orb[R++] = t;
      t = rot(t, L);
    } while (t !== s);
    let j0 = 0;
    for (let j = 1; j < R; j++) if (orb[j] < orb[j0]) j0 = j;
    for (let j = 0; j < R; j++) {
      rep[orb[j]] = orb[j0];
      shift[orb[j]] = (j - j0 + R) % R;
      period[orb[j]] = R;
    }
  }
  const byM: number[][] = [];
  for (let M = 0; M <= L; M++) byM.push([]);
  for (let s = 0; s < N; s++) if (rep[s] === s) byM[L - popcount(s)].push(s);
  const o = { rep, shift, period, repsByM: byM.map((r) => Int32Array.from(r)) };
  orbitCache.set(L, o);
  return o;
}

/** Reflection site i → L+1−i: bit reversal of the low L bits. */
function reflect(s: number, L: number): number {
  let r = 0;
  for (let q = 0; q < L; q++) if ((s >>> q) & 1) r |= 1 << (L - 1 - q);
  return r;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

/** e^{2πi m/L}, exact for multiples of L/4. */
function omega(m: number, L: number): [number, number] {
  const mm = ((m % L) + L) % L;
  if ((4 * mm) % L === 0) {
    const q = (4 * mm) / L;
    return q === 0 ? [1, 0] : q === 1 ? [0, 1] : q === 2 ? [-1, 0] : [0, -1];
  }
  const a = (2 * Math.PI * mm) / L;
  return [Math.cos(a), Math.sin(a)];
}

/** Sparse list of computational-basis terms (state, amplitude). */
interface Terms {
  s: number[];
  a: number[];
}

/** Bond b (1..L) joins sites b and b+1 (L+1 ≡ 1); bit positions of its two sites. */
function bondBits(L: number, b: number): [number, number] {
  return [L - b, b === L ? L - 1 : L - b - 1];
}

/**
 * The model's local pieces on computational states: diagonal of e_b, flip amplitude of e_b,
 * and the actions of H, J_S/i and J_E/i on one basis state (the currents are i × real).
 */
class Chain {
  readonly masks: Int32Array;
  readonly pa: Int32Array;
  readonly pb: Int32Array;
  constructor(readonly L: number, readonly J: number, readonly delta: number) {
    this.masks = new Int32Array(L + 1);
    this.pa = new Int32Array(L + 1);
    this.pb = new Int32Array(L + 1);
    for (let b = 1; b <= L; b++) {
      const [p, q] = bondBits(L, b);
      this.pa[b] = p;
      this.pb[b] = q;
      this.masks[b] = (1 << p) | (1 << q);
    }
  }
  private anti(b: number, s: number): boolean {
    return (((s >>> this.pa[b]) ^ (s >>> this.pb[b])) & 1) === 1;
  }
  /** ⟨s|e_b|s⟩ = JΔ s^z s^z. */
  diag(b: number, s: number): number {
    return this.anti(b, s) ? (-this.J * this.delta) / 4 : (this.J * this.delta) / 4;
  }
  /** ⟨s ⊕ mask_b|e_b|s⟩ = J/2 for an antiparallel pair, else 0. */
  flip(b: number, s: number): number {
    return this.anti(b, s) ? this.J / 2 : 0;
  }
  hamiltonian(s: number, out: Terms): void {
    let d = 0;
    for (let b = 1; b <= this.L; b++) {
      d += this.diag(b, s);
      const f = this.flip(b, s);
      if (f !== 0) {
        out.s.push(s ^ this.masks[b]);
        out.a.push(f);
      }
    }
    out.s.push(s);
    out.a.push(d);
  }
  /** J_S|s⟩ = i Σ a|s'⟩: j^S_b = (iJ/2)(s^+_b s^−_{b+1} − s^−_b s^+_{b+1}). */
  spinCurrent(s: number, out: Terms): void {
    for (let b = 1; b <= this.L; b++) {
      if (!this.anti(b, s)) continue;
      const bDown = ((s >>> this.pa[b]) & 1) === 1; // site b ↓, site b+1 ↑: s^+_b s^−_{b+1} acts
      out.s.push(s ^ this.masks[b]);
      out.a.push(bDown ? this.J / 2 : -this.J / 2);
    }
  }
  /** J_E|s⟩ = i Σ a|s'⟩ with j^E_i = i(e_l e_r − e_r e_l), l = bond i−1, r = bond i. */
  energyCurrent(s: number, out: Terms): void {
    const L = this.L;
    for (let i = 1; i <= L; i++) {
      const l = i === 1 ? L : i - 1;
      const r = i;
      const ml = this.masks[l], mr = this.masks[r];
      const fl = this.flip(l, s), fr = this.flip(r, s);
      // e_l e_r − e_r e_l on |s⟩; the diagonal products d_l d_r cancel exactly
      if (fl !== 0) {
        const v = fl * (this.diag(r, s) - this.diag(r, s ^ ml));
        if (v !== 0) {
          out.s.push(s ^ ml);
          out.a.push(v);
        }
      }
      if (fr !== 0) {
        const v = fr * (this.diag(l, s ^ mr) - this.diag(l, s));
        if (v !== 0) {
          out.s.push(s ^ mr);
          out.a.push(v);
        }
      }
      const v2 = fr * this.flip(l, s ^ mr) - fl * this.flip(r, s ^ ml);
      if (v2 !== 0) {
        out.s.push(s ^ mr ^ ml);
        out.a.push(v2);
      }
    }
  }
}

/** A sparse complex matrix by columns (duplicates allowed). */
interface SparseCols {
  start: Int32Array;
  row: Int32Array;
  re: Float64Array;
  im: Float64Array;
}

/** One sector's momentum basis and the operator columns in it. */
interface Sector {
  n: number;
  reps: Int32Array;
  pos: Int32Array; // full-space rep index → position, −1 elsewhere (shared scratch)
}

function momentumColumns(
  sec: Sector,
  o: Orbits,
  L: number,
  k: number,
  act: (s: number, out: Terms) => void,
  imaginary: boolean,
): SparseCols {
  const { n, reps, pos } = sec;
  const start = new Int32Array(n + 1);
  const row: number[] = [];
  const re: number[] = [];
  const im: number[] = [];
  const t: Terms = { s: [], a: [] };
  for (let c = 0; c < n; c++) {
    start[c] = row.length;
    const r = reps[c];
    const Rr = o.period[r];
    t.s.length = 0;
    t.a.length = 0;
    act(r, t);
    for (let q = 0; q < t.s.length; q++) {
      const s = t.s[q];
      const rp = o.rep[s];
      const p = pos[rp];
      if (p < 0) continue; // |r', k⟩ = 0: the orbit has no component at this k
      const [wr, wi] = omega(k * o.shift[s], L);
      const f = t.a[q] * Math.sqrt(Rr / o.period[rp]);
      // amplitude a (real) or i·a (imaginary), times e^{2πik l/L} · √(R_r/R_r')
      row.push(p);
      if (imaginary) {
        re.push(-f * wi);
        im.push(f * wr);
      } else {
        re.push(f * wr);
        im.push(f * wi);
      }
    }
  }
  start[n] = row.length;
  return { start, row: Int32Array.from(row), re: Float64Array.from(re), im: Float64Array.from(im) };
}

/** The symmetry-adapted basis: columns u_b over momentum states, grouped in blocks. */
interface Adapted {
  /** per adapted vector b: entries (momentum index, coefficient) */
  colStart: Int32Array;
  colIdx: Int32Array;
  colRe: Float64Array;
  colIm: Float64Array;
  /** per momentum index r: entries (adapted index b, coefficient) */
  rowStart: Int32Array;
  rowIdx: Int32Array;
  rowRe: Float64Array;
  rowIm: Float64Array;
  /** block of each adapted vector and block offsets */
  blockOf: Int32Array;
  offsets: number[];
}

interface SymOp {
  target: Int32Array;
  re: Float64Array;
  im: Float64Array;
}

/**
 * Build the adapted basis orbit by orbit. `anti` is the antiunitary A = PK (generic k) or
 * null (real sectors); `unitary` are the commuting unitary involutions to split by (P for
 * real sectors, F at half filling).
 */
function adaptedBasis(n: number, anti: SymOp | null, unitary: SymOp[]): Adapted {
  const nClass = 1 << unitary.length;
  const classVecs: { idx: number[]; re: number[]; im: number[] }[][] = [];
  for (let c = 0; c < nClass; c++) classVecs.push([]);
  const seen = new Uint8Array(n);
  const ops = anti ? [anti, ...unitary] : unitary;
  for (let q0 = 0; q0 < n; q0++) {
    if (seen[q0]) continue;
    // orbit of q0 under all maps
    const orbit = [q0];
    seen[q0] = 1;
    for (let h = 0; h < orbit.length; h++) {
      for (const op of ops) {
        const t = op.target[orbit[h]];
        if (!seen[t]) {
          seen[t] = 1;
          orbit.push(t);
        }
      }
    }
    const d = orbit.length;
    const local = new Map<number, number>();
    orbit.forEach((q, i) => local.set(q, i));
    type Vec = { re: Float64Array; im: Float64Array };
    const applyU = (op: SymOp, v: Vec): Vec => {
      const w = { re: new Float64Array(d), im: new Float64Array(d) };
      for (let i = 0; i < d; i++) {
        const j = local.get(op.target[orbit[i]])!;
        const cr = op.re[orbit[i]], ci = op.im[orbit[i]];
        w.re[j] += cr * v.re[i] - ci * v.im[i];
        w.im[j] += cr * v.im[i] + ci * v.re[i];
      }
      return w;
    };
    // seed vectors: real span (real sectors) or the A-fixed real subspace (generic k)
    let seeds: Vec[] = [];
    for (let i = 0; i < d; i++) {
      const e = { re: new Float64Array(d), im: new Float64Array(d) };
      e.re[i] = 1;
      if (!anti) {
        seeds.push(e);
        continue;
      }
      const ie = { re: new Float64Array(d), im: new Float64Array(d) };
      ie.im[i] = 1;
      for (const v of [e, ie]) {
        // (1 + A) v, A antiunitary: A(Σ v_i e_i) = Σ conj(v_i) c_i e_{t(i)}
        const w = { re: Float64Array.from(v.re), im: Float64Array.from(v.im) };
        for (let a = 0; a < d; a++) {
          const j = local.get(anti.target[orbit[a]])!;
          const cr = anti.re[orbit[a]], ci = anti.im[orbit[a]];
          w.re[j] += cr * v.re[a] + ci * v.im[a];
          w.im[j] += ci * v.re[a] - cr * v.im[a];
        }
        seeds.push(w);
      }
    }
    // split by the unitary involutions: class bit u set ⇔ eigenvalue −1 of unitary[u]
    let classes: Vec[][] = [seeds];
    for (const op of unitary) {
      const next: Vec[][] = [];
      for (const cl of classes) {
        const plus: Vec[] = [], minus: Vec[] = [];
        for (const v of cl) {
          const w = applyU(op, v);
          const p = { re: new Float64Array(d), im: new Float64Array(d) };
          const m = { re: new Float64Array(d), im: new Float64Array(d) };
          for (let i = 0; i < d; i++) {
            p.re[i] = (v.re[i] + w.re[i]) / 2;
            p.im[i] = (v.im[i] + w.im[i]) / 2;
            m.re[i] = (v.re[i] - w.re[i]) / 2;
            m.im[i] = (v.im[i] - w.im[i]) / 2;
          }
          plus.push(p);
          minus.push(m);
        }
        next.push(plus, minus);
      }
      classes = next;
    }
    seeds = [];
    // Gram–Schmidt inside each class with the real inner product Re⟨u|v⟩ (for A-fixed
    // vectors ⟨u|v⟩ is real, so the result is orthonormal over ℂ)
    let total = 0;
    classes.forEach((cl, c) => {
      // classes were built in order [(+,+),(+,−),(−,+),(−,−)] for bits (op0, op1): index c
      const basis: Vec[] = [];
      for (const v of cl) {
        const w = { re: Float64Array.from(v.re), im: Float64Array.from(v.im) };
        for (let pass = 0; pass < 2; pass++) {
          for (const u of basis) {
            let dot = 0;
            for (let i = 0; i < d; i++) dot += u.re[i] * w.re[i] + u.im[i] * w.im[i];
            for (let i = 0; i < d; i++) {
              w.re[i] -= dot * u.re[i];
              w.im[i] -= dot * u.im[i];
            }
          }
        }
        let nn = 0;
        for (let i = 0; i < d; i++) nn += w.re[i] * w.re[i] + w.im[i] * w.im[i];
        // a new direction has norm ≥ ~0.1 (coefficients are sums of roots of unity of
        // order ≤ 16); a dependent one leaves rounding residue ~1e−16
        if (nn > 1e-12) {
          const s = 1 / Math.sqrt(nn);
          for (let i = 0; i < d; i++) {
            w.re[i] *= s;
            w.im[i] *= s;
          }
          basis.push(w);
        }
      }
      total += basis.length;
      for (const u of basis) {
        const idx: number[] = [], re: number[] = [], im: number[] = [];
        for (let i = 0; i < d; i++) {
          if (u.re[i] !== 0 || u.im[i] !== 0) {
            idx.push(orbit[i]);
            re.push(u.re[i]);
            im.push(u.im[i]);
          }
        }
        classVecs[c].push({ idx, re, im });
      }
    });
    if (total !== d) {
      throw new NessrefError("internal", `internal error (please report): drude symmetry basis has ${total} vectors on an orbit of ${d} momentum states`, "");
    }
  }
  // assemble
  const offsets: number[] = [0];
  const blockOf = new Int32Array(n);
  const colStart = new Int32Array(n + 1);
  const ci: number[] = [], cr: number[] = [], cm: number[] = [];
  let b = 0;
  classVecs.forEach((vecs, c) => {
    for (const v of vecs) {
      blockOf[b] = c;
      colStart[b] = ci.length;
      for (let q = 0; q < v.idx.length; q++) {
        ci.push(v.idx[q]);
        cr.push(v.re[q]);
        cm.push(v.im[q]);
      }
      b++;
    }
    offsets.push(b);
  });
  if (b !== n) throw new NessrefError("internal", `internal error (please report): drude symmetry basis has ${b} vectors for ${n} states`, "");
  colStart[n] = ci.length;
  // row lists
  const rowCount = new Int32Array(n + 1);
  for (const r of ci) rowCount[r + 1]++;
  for (let r = 0; r < n; r++) rowCount[r + 1] += rowCount[r];
  const rowStart = Int32Array.from(rowCount);
  const fill = Int32Array.from(rowCount);
  const nnz = ci.length;
  const rowIdx = new Int32Array(nnz), rowRe = new Float64Array(nnz), rowIm = new Float64Array(nnz);
  for (let bb = 0; bb < n; bb++) {
    for (let q = colStart[bb]; q < colStart[bb + 1]; q++) {
      const r = ci[q];
      const at = fill[r]++;
      rowIdx[at] = bb;
      rowRe[at] = cr[q];
      rowIm[at] = cm[q];
    }
  }
  return {
    colStart,
    colIdx: Int32Array.from(ci),
    colRe: Float64Array.from(cr),
    colIm: Float64Array.from(cm),
    rowStart,
    rowIdx,
    rowRe,
    rowIm,
    blockOf,
    offsets,
  };
}

/**
 * Uᴴ A U column by column for a sparse momentum-basis A; calls `emit(a, b, re, im)` for every
 * nonzero entry (merged).
 */
function transform(A: SparseCols, U: Adapted, n: number, emit: (a: number, b: number, re: number, im: number) => void): void {
  const yr = new Float64Array(n), yi = new Float64Array(n);
  const ym = new Uint8Array(n);
  const zr = new Float64Array(n), zi = new Float64Array(n);
  const zm = new Uint8Array(n);
  const ty: number[] = [], tz: number[] = [];
  for (let b = 0; b < n; b++) {
    ty.length = 0;
    for (let q = U.colStart[b]; q < U.colStart[b + 1]; q++) {
      const r = U.colIdx[q];
      const ur = U.colRe[q], ui = U.colIm[q];
      for (let p = A.start[r]; p < A.start[r + 1]; p++) {
        const rr = A.row[p];
        const ar = A.re[p], ai = A.im[p];
        if (!ym[rr]) {
          ym[rr] = 1;
          ty.push(rr);
        }
        yr[rr] += ar * ur - ai * ui;
        yi[rr] += ar * ui + ai * ur;
      }
    }
    tz.length = 0;
    for (const rr of ty) {
      const vr = yr[rr], vi = yi[rr];
      for (let q = U.rowStart[rr]; q < U.rowStart[rr + 1]; q++) {
        const a = U.rowIdx[q];
        const wr = U.rowRe[q], wi = U.rowIm[q];
        if (!zm[a]) {
          zm[a] = 1;
          tz.push(a);
        }
        // conj(w) · v
        zr[a] += wr * vr + wi * vi;
        zi[a] += wr * vi - wi * vr;
      }
      yr[rr] = 0;
      yi[rr] = 0;
      ym[rr] = 0;
    }
    for (const a of tz) {
      emit(a, b, zr[a], zi[a]);
      zr[a] = 0;
      zi[a] = 0;
      zm[a] = 0;
    }
  }
}

interface SectorSum {
  sum: number;
  blocks: number;
  largestBlock: number;
  spread: number;
  gap: number;
}

function sectorSum(
  chain: Chain,
  o: Orbits,
  sec: Sector,
  k: number,
  useF: boolean,
  current: DrudeCurrent,
  tol: number,
  scale: number,
): SectorSum {
  const L = chain.L;
  const { n, reps, pos } = sec;
  const realSector = k === 0 || 2 * k === L;
  // symmetry maps on momentum states
  const mk = (f: (s: number) => number): SymOp => {
    const target = new Int32Array(n), re = new Float64Array(n), im = new Float64Array(n);
    for (let q = 0; q < n; q++) {
      const img = f(reps[q]);
      const t = pos[o.rep[img]];
      if (t < 0) throw new NessrefError("internal", "internal error (please report): drude symmetry leaves the sector", "");
      target[q] = t;
      const [wr, wi] = omega(k * o.shift[img], L);
      re[q] = wr;
      im[q] = wi;
    }
    return { target, re, im };
  };
  const Pop = mk((s) => reflect(s, L));
  const unitary: SymOp[] = [];
  if (realSector) unitary.push(Pop);
  if (useF) unitary.push(mk((s) => s ^ ((1 << L) - 1)));
  const U = adaptedBasis(n, realSector ? null : Pop, unitary);
  // H in the adapted basis: real, block diagonal
  const Hk = momentumColumns(sec, o, L, k, (s, out) => chain.hamiltonian(s, out), false);
  const nb = U.offsets.length - 1;
  const Hb: Float64Array[] = [];
  for (let c = 0; c < nb; c++) {
    const m = U.offsets[c + 1] - U.offsets[c];
    Hb.push(new Float64Array(m * m));
  }
  let leak = 0;
  transform(Hk, U, n, (a, b, re, im) => {
    const ca = U.blockOf[a], cb = U.blockOf[b];
    if (ca !== cb) {
      leak = Math.max(leak, Math.hypot(re, im));
      return;
    }
    leak = Math.max(leak, Math.abs(im));
    const off = U.offsets[ca];
    const m = U.offsets[ca + 1] - off;
    Hb[ca][(a - off) * m + (b - off)] = re;
  });
  // current in the adapted basis: real (generic k) or i × real (real sectors)
  const Jk = momentumColumns(sec, o, L, k, (s, out) => (current === "spin" ? chain.spinCurrent(s, out) : chain.energyCurrent(s, out)), true);
  const gA: number[] = [], gB: number[] = [], gV: number[] = [];
  transform(Jk, U, n, (a, b, re, im) => {
    const keep = realSector ? im : re;
    const drop = realSector ? re : im;
    leak = Math.max(leak, Math.abs(drop));
    if (keep !== 0) {
      gA.push(a);
      gB.push(b);
      gV.push(keep);
    }
  });
  if (!(leak <= 1e-10 * scale)) {
    throw new NessrefError("internal", `internal error (please report): drude symmetry blocks leak ${leak.toExponential(2)} (scale ${scale})`, "");
  }
  // diagonalise the blocks
  const E = new Float64Array(n);
  const V: Float64Array[] = [];
  let largest = 0;
  let used = 0;
  for (let c = 0; c < nb; c++) {
    const off = U.offsets[c];
    const m = U.offsets[c + 1] - off;
    largest = Math.max(largest, m);
    if (m > 0) used++;
    if (m === 0) {
      V.push(new Float64Array(0));
      continue;
    }
    const { values, vectors } = symEig(realMatrix(m, m, Hb[c]));
    E.set(values, off);
    V.push(vectors.data);
  }
  // W = G · V (columns of V are the eigenvectors, global column index = block offset + j)
  const W = new Float64Array(n * n);
  for (let q = 0; q < gA.length; q++) {
    const a = gA[q], b = gB[q], g = gV[q];
    const c = U.blockOf[b];
    const off = U.offsets[c];
    const m = U.offsets[c + 1] - off;
    const Vc = V[c];
    const vo = (b - off) * m;
    const wo = a * n + off;
    for (let j = 0; j < m; j++) W[wo + j] += g * Vc[vo + j];
  }
  const colBlock = new Int32Array(n);
  for (let c = 0; c < nb; c++) for (let i = U.offsets[c]; i < U.offsets[c + 1]; i++) colBlock[i] = c;
  /** ⟨m|G|col⟩ for eigen-columns m, col. */
  const element = (mcol: number, col: number): number => {
    const c = colBlock[mcol];
    const off = U.offsets[c];
    const m = U.offsets[c + 1] - off;
    const Vc = V[c];
    const j = mcol - off;
    let s = 0;
    for (let i = 0; i < m; i++) s += Vc[i * m + j] * W[(off + i) * n + col];
    return s;
  };
  // group the merged spectrum
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => E[x] - E[y]);
  let sum = 0;
  let spread = 0;
  let gap = Infinity;
  for (let a = 0; a < n; ) {
    let b = a + 1;
    while (b < n && E[order[b]] - E[order[b - 1]] <= tol) b++;
    spread = Math.max(spread, E[order[b - 1]] - E[order[a]]);
    if (b < n) gap = Math.min(gap, E[order[b]] - E[order[b - 1]]);
    for (let x = a; x < b; x++) {
      for (let y = a; y < b; y++) {
        const v = element(order[x], order[y]);
        sum += v * v;
      }
    }
    a = b;
  }
  return { sum, blocks: used, largestBlock: largest, spread, gap };
}

/**
 * One (M, k) sector of a Drude computation: the input of {@link drudeSectorTask}.
 *
 * @example
 * ```ts
 * import type { DrudeSectorInput } from "nessref/exact";
 * const s: DrudeSectorInput = { L: 8, J: 1, delta: 0.5, current: "spin", M: 4, k: 1 };
 * ```
 */
export interface DrudeSectorInput extends DrudeParams {
  /** Number of up spins, 0 ≤ M ≤ L/2. */
  M: number;
  /** Momentum index, 0 ≤ k ≤ L/2 (translation eigenvalue e^{2πik/L}). */
  k: number;
}

/**
 * What one sector contributes ({@link drudeSectorTask}).
 *
 * @example
 * ```ts
 * import { drudeSectorTask, type DrudeSectorOutput } from "nessref/exact";
 * const o: DrudeSectorOutput = drudeSectorTask({ L: 6, J: 1, delta: 0, current: "spin", M: 3, k: 1 });
 * o.weight; // 2 (k and −k)
 * ```
 */
export interface DrudeSectorOutput {
  /** Σ_{E_m = E_n} |⟨m|J|n⟩|² inside this one sector. */
  sum: number;
  /** How many sectors it stands for: 2 for M < L/2 (M ↔ L−M) times 2 for 0 < k < L/2 (k ↔ −k). */
  weight: number;
  /** Number of momentum states of the sector. */
  dimension: number;
  /** Number of non-empty real blocks diagonalised. */
  blocks: number;
  /** Size of the largest block. */
  largestBlock: number;
  /** Largest spread inside a group of degenerate levels. */
  spread: number;
  /** Smallest gap between adjacent groups (`null` if fewer than two groups). */
  gap: number | null;
}

function checkParams(p: DrudeParams): void {
  checkRingL(p.L, DRUDE_MAX_L);
  finite(p.J, "J");
  finite(p.delta, "delta");
  if (Math.abs(p.delta) > 1e150) {
    // H would hold entries ~Δ·L and J_E matrix elements ~Δ, whose squares overflow
    throw new NessrefError("out-of-range", `|Δ| = ${Math.abs(p.delta)} exceeds 1e150, beyond which the ED overflows double precision`, "/delta");
  }
  if (p.current !== "spin" && p.current !== "energy") {
    throw new NessrefError("invalid-input", `current must be "spin" or "energy", got ${String(p.current)}`, "/current");
  }
}

/**
 * The Drude sum of one (M, k) sector (module comment): a pure function of its input, exported
 * so that {@link drudeWeightParallel} can run sectors on worker threads.
 *
 * @param s - the chain parameters and the sector (0 ≤ M ≤ L/2, 0 ≤ k ≤ L/2)
 * @returns the sector's sum, its symmetry weight and its block statistics
 * @throws NessrefError("invalid-input") for bad parameters or a sector outside that range;
 *   ("out-of-range") for L > {@link DRUDE_MAX_L}
 *
 * @example
 * ```ts
 * import { drudeSectorTask } from "nessref/exact";
 * drudeSectorTask({ L: 4, J: 1, delta: 0, current: "spin", M: 2, k: 2 }).sum; // ≈ 4
 * ```
 */
export function drudeSectorTask(s: DrudeSectorInput): DrudeSectorOutput {
  checkParams(s);
  const { L, J, delta, current, M, k } = s;
  if (!Number.isInteger(M) || M < 0 || 2 * M > L) throw new NessrefError("invalid-input", `M must be an integer in 0..${Math.floor(L / 2)}, got ${String(M)}`, "/M");
  if (!Number.isInteger(k) || k < 0 || 2 * k > L) throw new NessrefError("invalid-input", `k must be an integer in 0..${Math.floor(L / 2)}, got ${String(k)}`, "/k");
  const o = orbitsOf(L);
  const reps = o.repsByM[M].filter((r) => (k * o.period[r]) % L === 0);
  const n = reps.length;
  const weight = (2 * M === L ? 1 : 2) * (k === 0 || 2 * k === L ? 1 : 2);
  if (n === 0 || J === 0) return { sum: 0, weight, dimension: n, blocks: 0, largestBlock: 0, spread: 0, gap: null };
  const pos = new Int32Array(1 << L).fill(-1);
  reps.forEach((r, i) => (pos[r] = i));
  const scale = Math.abs(J) * (1 + Math.abs(delta)) * L;
  const res = sectorSum(new Chain(L, J, delta), o, { n, reps, pos }, k, 2 * M === L, current, DRUDE_DEGENERACY_REL * scale, scale);
  return {
    sum: res.sum,
    weight,
    dimension: n,
    blocks: res.blocks,
    largestBlock: res.largestBlock,
    spread: res.spread,
    gap: Number.isFinite(res.gap) ? res.gap : null,
  };
}

/**
 * The sectors a Drude computation diagonalises (M ≤ L/2, 0 ≤ k ≤ L/2, non-empty), largest
 * first (so that a worker pool balances), as inputs of {@link drudeSectorTask}. The inputs
 * carry J = 1 (J = 0 stays 0): H ∝ J leaves the eigenvectors and the level groups unchanged
 * (τ ∝ |J|; J → −J only reverses the spectrum) while J_S ∝ J and J_E ∝ J², so
 * D(J) = J²·D(1) (spin) and J⁴·D(1) (energy); {@link drudeWeight} applies that factor, which
 * keeps the eigensolver away from overflow and underflow for extreme J.
 *
 * @param p - the parameters (validated)
 * @returns one input per sector
 * @throws NessrefError("invalid-input" | "out-of-range") as {@link drudeWeight}
 *
 * @example
 * ```ts
 * import { drudeSectorInputs } from "nessref/exact";
 * drudeSectorInputs({ L: 4, J: 1, delta: 0, current: "spin" }).length; // 7 (M = 0..2, k = 0..2; M = 0 has only k = 0)
 * ```
 */
export function drudeSectorInputs(p: DrudeParams): DrudeSectorInput[] {
  checkParams(p);
  const L = p.L;
  const o = orbitsOf(L);
  const out: { s: DrudeSectorInput; n: number }[] = [];
  for (let M = 0; 2 * M <= L; M++) {
    for (let k = 0; 2 * k <= L; k++) {
      let n = 0;
      for (const r of o.repsByM[M]) if ((k * o.period[r]) % L === 0) n++;
      // symEig cost ~ Σ (block size)³: half filling is split by F, k ∈ {0, L/2} by P
      const split = (2 * M === L ? 2 : 1) * (k === 0 || 2 * k === L ? 2 : 1);
      if (n > 0) out.push({ s: { L, J: p.J === 0 ? 0 : 1, delta: p.delta, current: p.current, M, k }, n: n / split });
    }
  }
  // stable: larger cost first, ties in (M, k) order
  return out.map((x, i) => ({ ...x, i })).sort((a, b) => b.n - a.n || a.i - b.i).map((x) => x.s);
}

function combine(p: DrudeParams, outs: readonly DrudeSectorOutput[], t0: number): DrudeResult {
  let total = 0, blocks = 0, largestBlock = 0, spread = 0;
  let gap: number | null = null;
  for (const o of outs) {
    total += o.weight * o.sum;
    blocks += o.blocks;
    largestBlock = Math.max(largestBlock, o.largestBlock);
    spread = Math.max(spread, o.spread);
    if (o.gap !== null) gap = gap === null ? o.gap : Math.min(gap, o.gap);
  }
  const aJ = Math.abs(p.J);
  const factor = p.current === "spin" ? aJ * aJ : aJ * aJ * (aJ * aJ);
  const value = (total / (2 * p.L * 2 ** p.L)) * factor;
  if (!Number.isFinite(value)) {
    throw new NessrefError(
      "out-of-range",
      `the Drude weight overflows double precision at J = ${p.J}, Δ = ${p.delta} (it grows as J² (spin) or J⁴Δ² (energy))`,
      aJ > 1 ? "/J" : "/delta",
    );
  }
  return {
    value,
    sectors: outs.length,
    blocks,
    largestBlock,
    degeneracyTolerance: DRUDE_DEGENERACY_REL * aJ * (1 + Math.abs(p.delta)) * p.L,
    largestGroupSpread: spread * aJ,
    smallestGroupGap: gap === null ? null : gap * aJ,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Infinite-temperature Drude weight of the periodic XXZ ring (MODELS §8, CONVENTIONS §8) by
 * exact diagonalization in the (M, k) sectors, each further reduced to real symmetric blocks
 * (module comment), in the calling thread. Returns D/β for the spin current and D/β² for the
 * energy current. {@link drudeWeightParallel} gives the same numbers (bit for bit: the sector
 * sums are added in the same order) on worker threads.
 *
 * Cost: dominated by symEig on blocks of size up to C(L, L/2−1)/L (715 at L = 16); ≈ 40 s of
 * one core at L = 16 (module comment).
 *
 * @param p - ring length 3..{@link DRUDE_MAX_L}, J, Δ (finite) and the current
 * @returns the weight with sector counts, the degeneracy tolerance and its margins, and the time
 * @throws NessrefError("invalid-input") for non-finite J or Δ, L not an integer ≥ 3 or an
 *   unknown current; ("out-of-range") for L > {@link DRUDE_MAX_L} or a weight that overflows
 *   (|J| ≳ 1e75 for the energy current, 1e150 for the spin current, or huge Δ)
 *
 * @example
 * ```ts
 * import { drudeWeight } from "nessref/exact";
 * drudeWeight({ L: 8, J: 1, delta: 0, current: "spin" }).value; // ≈ 0.0625 (= J²/16)
 * drudeWeight({ L: 8, J: 1, delta: 0.5, current: "energy" }).value; // ≈ 0.0234375
 * ```
 */
export function drudeWeight(p: DrudeParams): DrudeResult {
  const t0 = performance.now();
  const inputs = drudeSectorInputs(p);
  return combine(p, inputs.map((s) => drudeSectorTask(s)), t0);
}

/**
 * {@link drudeWeight} with the sectors spread over worker threads ({@link runEnsemble},
 * dynamic scheduling, largest sectors first). The result does not depend on the number of
 * workers. Under a TypeScript loader (vitest) the pool runs in the calling thread.
 *
 * @param p - as for {@link drudeWeight}
 * @param workers - number of threads (default: available parallelism; 0 = calling thread)
 * @returns the same result as {@link drudeWeight}, `seconds` being wall-clock time
 * @throws NessrefError as {@link drudeWeight}
 *
 * @example
 * ```ts
 * import { drudeWeightParallel } from "nessref/exact";
 * const r = await drudeWeightParallel({ L: 14, J: 1, delta: 0.5, current: "spin" }, 2);
 * r.value; // ≈ 0.0398
 * ```
 */
export async function drudeWeightParallel(p: DrudeParams, workers?: number): Promise<DrudeResult> {
  const t0 = performance.now();
  const inputs = drudeSectorInputs(p);
  const outs = await runEnsemble<DrudeSectorInput, DrudeSectorOutput>({
    module: new URL("./drude.js", import.meta.url),
    task: "drudeSectorTask",
    inputs,
    workers,
  });
  return combine(p, outs, t0);
}
