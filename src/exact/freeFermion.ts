/**
 * Free fermions: the exact road for the XX chain (every Δ_b = 0, V = 0), CONVENTIONS §2.
 *
 * The chain is described by its single-particle matrix h (H = Σ_ij h_ij a†_i a_j + const,
 * tridiagonal: hopping t_b on bond b, on-site energy ε_i), reached from the spin chain by the
 * Jordan–Wigner map a†_x a_{x+1} = σ^+_x σ^−_{x+1}, n = (1 + σ^z)/2. The two-point function
 * C_ij = ⟨a†_i a_j⟩ of the NESS solves a closed linear equation (derived in CONVENTIONS §2):
 *
 *   0 = M C + C M† + F + 𝓡(C),
 *
 * M = i h − ½ Σ_s Γ_s e_s e_sᵀ − 2 G − Σ_k Γ_k Π_k (G = diag of dephasing rates, Π_k the
 * projector on a target pair), F = Σ_s γ⁺_s e_s e_sᵀ + Σ_k Γ_k τ_k (τ_k the pair's Gibbs
 * correlations), 𝓡(C) = 4 G diag(C) + Σ_k Γ_k Π_k C Π_k (the re-injection terms).
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { ceig } from "../linalg/schur.js";
import { complexSymTridiagEig } from "../linalg/csymtridiag.js";
import { cinverse, cluFactor, cluSolve, ccondEstimate1 } from "../linalg/lu.js";
import { gemm } from "../linalg/kernels.js";
import { complexMatrix, type ComplexMatrix } from "../linalg/matrix.js";

/**
 * A quadratic (free-fermion) chain: H = Σ_b t_b (a†_b a_{b+1} + h.c.) + Σ_i ε_i a†_i a_i + Σ_i κ_i,
 * with the bond energies e_b of CONVENTIONS §0/§1 (site terms split ½–½, weight 1 at the ends).
 * Storage: `Float64Array`s, index 0 = site 1 (bond 1).
 *
 * @example
 * ```ts
 * import { xxFermions } from "nessref/exact";
 * const c = xxFermions({ L: 4, J: 1 });
 * c.hopping; // [0.5, 0.5, 0.5]: J(s^x s^x + s^y s^y) = (J/2)(σ^+σ^− + h.c.)
 * ```
 */
export interface QuadraticChain {
  /** number of sites L ≥ 2 */
  readonly L: number;
  /** hopping t_b = h_{b,b+1} = h_{b+1,b} (L − 1 numbers) */
  readonly hopping: Float64Array;
  /** on-site single-particle energies ε_i = h_ii (L numbers) */
  readonly onsite: Float64Array;
  /** constant κ_i of each site term (ε_i n_i + κ_i; for the spin chain h_i s^z_i = h_i n_i − h_i/2) */
  readonly siteConstant: Float64Array;
  /** the language of the model: spin (results as ⟨s^z⟩ = n − ½) or fermion (§1d, also densities) */
  readonly language: "spin" | "fermion";
}

function finiteArray(a: ArrayLike<number> | undefined, L: number, name: string, path: string): Float64Array {
  const out = new Float64Array(L);
  if (a === undefined) return out;
  if (a.length !== L) throw new NessrefError("invalid-input", `${name} has ${a.length} entries, expected L = ${L}`, path);
  for (let i = 0; i < L; i++) {
    const v = a[i]!;
    if (!Number.isFinite(v)) throw new NessrefError("invalid-input", `${name}[${i}] is not a finite number`, `${path}/${i}`);
    out[i] = v;
  }
  return out;
}

function checkL(L: number, path: string): void {
  if (!Number.isInteger(L) || L < 2) throw new NessrefError("invalid-input", `L must be an integer ≥ 2, got ${L}`, path);
}

/**
 * The XX chain of CONVENTIONS §1 at Δ = 0 as free fermions: H = Σ_b J(s^x s^x + s^y s^y) + Σ_i h_i s^z_i,
 * i.e. t_b = J/2, ε_i = h_i, κ_i = −h_i/2 (s^z = n − ½).
 *
 * @param p - L, J and the per-site fields h_i (default zeros)
 * @returns the quadratic chain
 * @throws NessrefError("invalid-input") for L < 2 or non-finite numbers
 *
 * @example
 * ```ts
 * import { xxFermions } from "nessref/exact";
 * xxFermions({ L: 3, J: 2, fields: [0.1, 0, -0.1] }).onsite; // [0.1, 0, -0.1]
 * ```
 */
export function xxFermions(p: {
  /** number of sites */ L: number;
  /** exchange J */ J: number;
  /** per-site fields h_i */ fields?: ArrayLike<number>;
}): QuadraticChain {
  checkL(p.L, "/L");
  if (!Number.isFinite(p.J)) throw new NessrefError("invalid-input", "J must be finite", "/J");
  const h = finiteArray(p.fields, p.L, "fields", "/fields");
  const hopping = new Float64Array(p.L - 1).fill(p.J / 2);
  const siteConstant = new Float64Array(p.L);
  for (let i = 0; i < p.L; i++) siteConstant[i] = -h[i]! / 2;
  return { L: p.L, hopping, onsite: h, siteConstant, language: "spin" };
}

/**
 * The fermion chain of CONVENTIONS §1d at V = 0: H_F = Σ_x J(a†_x a_{x+1} + h.c.) + 2 Σ_x h_x n_x,
 * i.e. t_b = J, ε_i = 2h_i, κ_i = 0.
 *
 * @param p - L, J and the fields h_x (default zeros)
 * @returns the quadratic chain
 * @throws NessrefError("invalid-input") for L < 2 or non-finite numbers
 *
 * @example
 * ```ts
 * import { chainFermions } from "nessref/exact";
 * chainFermions({ L: 3, J: 1, fields: [1, 0, 0] }).onsite; // [2, 0, 0]
 * ```
 */
export function chainFermions(p: {
  /** number of sites */ L: number;
  /** hopping J */ J: number;
  /** fields h_x (entering as 2h_x n_x) */ fields?: ArrayLike<number>;
}): QuadraticChain {
  checkL(p.L, "/L");
  if (!Number.isFinite(p.J)) throw new NessrefError("invalid-input", "J must be finite", "/J");
  const h = finiteArray(p.fields, p.L, "fields", "/fields");
  const onsite = new Float64Array(p.L);
  for (let i = 0; i < p.L; i++) onsite[i] = 2 * h[i]!;
  return { L: p.L, hopping: new Float64Array(p.L - 1).fill(p.J), onsite, siteConstant: new Float64Array(p.L), language: "fermion" };
}

/**
 * A bath of the free-fermion road (CONVENTIONS §1a–§1c, §2), sites 1-based.
 * `source-sink` here is the fermionic pair L₊ = √γ⁺ a†_s, L₋ = √γ⁻ a_s: it equals the spin bath
 * √γ^± σ^±_s of §1b at s = 1 and s = L, where the Jordan–Wigner string drops out; at an interior
 * site the spin bath does not keep the two-point function closed (see CONVENTIONS §2). Likewise
 * `target` is the fermionic reset of the pair (the Gaussian target state, modes of the pair traced
 * out in the fermionic sense): it equals the spin reset of §1a on the end pairs (1, 2) and (L−1, L)
 * only, because for i < a < a+1 < j the string of a†_i a_j passes through the pair.
 *
 * @example
 * ```ts
 * import type { FermionBath } from "nessref/exact";
 * const b: FermionBath = { type: "dephasing", rate: 0.1 };
 * ```
 */
export type FermionBath =
  | {
      /** gain/loss at one site */ type: "source-sink";
      /** 1-based site */ site: number;
      /** γ⁺ ≥ 0 */ gammaPlus: number;
      /** γ⁻ ≥ 0 */ gammaMinus: number;
    }
  | {
      /** L_i = √γ_d σ^z_i */ type: "dephasing";
      /** γ_d ≥ 0 */ rate: number;
      /** 1-based sites (default all) */ sites?: readonly number[];
    }
  | {
      /** two-site reset to the Gibbs state of the clean bond (§1a) */ type: "target";
      /** adjacent pair [a, a + 1] */ sites: readonly number[];
      /** inverse temperature β */ beta: number;
      /** chemical potential μ */ mu: number;
      /** reset rate Γ (default 1) */ rate?: number;
    };

/**
 * Bands of a Hermitian correlation matrix: C_ii, C_{i,i+1}, C_{i,i+2} (upper entries), all that the
 * observables of CONVENTIONS §2 need.
 *
 * @example
 * ```ts
 * import { freeFermionNess, xxFermions } from "nessref/exact";
 * const { bands } = freeFermionNess(xxFermions({ L: 4, J: 1 }), [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0 }]);
 * bands.diag; // [1, 1, 1, 1]: one bath only, the chain fills up
 * ```
 */
export interface CorrelationBands {
  /** C_ii = ⟨n_i⟩ (L) */ readonly diag: Float64Array;
  /** Re C_{i,i+1} (L − 1) */ readonly off1Re: Float64Array;
  /** Im C_{i,i+1} (L − 1) */ readonly off1Im: Float64Array;
  /** Re C_{i,i+2} (L − 2) */ readonly off2Re: Float64Array;
  /** Im C_{i,i+2} (L − 2) */ readonly off2Im: Float64Array;
}

/**
 * The free-fermion NESS of {@link freeFermionNess} (CONVENTIONS §2).
 *
 * @example
 * ```ts
 * import { freeFermionNess, xxFermions } from "nessref/exact";
 * const ness = freeFermionNess(xxFermions({ L: 50, J: 1 }), [
 *   { type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0 }, { type: "source-sink", site: 50, gammaPlus: 0, gammaMinus: 1 }]);
 * ness.method; // "structured"
 * ness.residual; // ≈ 1e-17
 * ```
 */
export interface FreeFermionNess {
  /** the chain solved */ readonly chain: QuadraticChain;
  /** the bands of C used by every observable */ readonly bands: CorrelationBands;
  /** the full correlation matrix C_ij = ⟨a†_i a_j⟩ (null when the structured road ran without `full`) */
  readonly matrix: ComplexMatrix | null;
  /** which road: `structured` (uniform chain, end baths: tridiagonal C in closed form) or `general` (eigen-decomposition of M) */
  readonly method: "structured" | "general";
  /** the eigen-decomposition of the general road: complex-symmetric `tridiagonal` QL (O(L²)) or, when it fails its checks, the unitary `schur` road (null on the structured road) */
  readonly eigenRoad: "tridiagonal" | "schur" | null;
  /** max-abs residual of the full C equation, relative to max|F| (scale of the sources) */
  readonly residual: number;
  /** smallest damping rate −max Re λ(M) of the single-particle modes (general road; null on the structured road) */
  readonly minDamping: number | null;
  /** number of re-injection unknowns (dephased sites + 4 per target pair) solved by the reduced system */
  readonly reinjectionUnknowns: number;
}

interface Reservoirs {
  /** Γ_s = γ⁺ + γ⁻ per site */ gamma: Float64Array;
  /** γ⁺ per site */ gain: Float64Array;
  /** dephasing rate per site */ deph: Float64Array;
  /** target pairs */ targets: { a: number; rate: number; tau: [number, number, number] }[];
}

function fermi(x: number): number {
  return x >= 0 ? Math.exp(-x) / (1 + Math.exp(-x)) : 1 / (1 + Math.exp(x));
}

/**
 * The pair correlations τ_ij = Tr(ρ_k a†_i a_j) of the two-site Gibbs target of §1a, computed as a
 * Gaussian state: ρ_k ∝ exp(−β(t(a†_1a_2 + h.c.) − μ(n_1 + n_2))) has ⟨a†_i a_j⟩ = [f(β(k − μ))]_{ji}
 * with the single-particle k = [[0, t], [t, 0]] and f(x) = 1/(1 + eˣ); eigenvalues ±t on (1, ±1)/√2.
 *
 * @param t - pair hopping (J/2 for the XX chain, J for the §1d chain)
 * @param beta - inverse temperature
 * @param mu - chemical potential
 * @returns [τ_11 = τ_22, τ_12 = τ_21 (real), unused 0]
 */
function pairCorrelations(t: number, beta: number, mu: number): [number, number, number] {
  const fp = fermi(beta * (t - mu)), fm = fermi(beta * (-t - mu));
  return [(fp + fm) / 2, (fp - fm) / 2, 0];
}

function collectBaths(chain: QuadraticChain, baths: readonly FermionBath[]): Reservoirs {
  const L = chain.L;
  const gamma = new Float64Array(L), gain = new Float64Array(L), deph = new Float64Array(L);
  const targets: Reservoirs["targets"] = [];
  const nonNeg = (v: number, path: string, what: string): void => {
    if (!Number.isFinite(v) || v < 0) throw new NessrefError("invalid-input", `${what} must be a finite number ≥ 0, got ${v}`, path);
  };
  const siteOk = (s: number, path: string): void => {
    if (!Number.isInteger(s) || s < 1 || s > L) throw new NessrefError("invalid-input", `site ${s} does not exist (sites are 1..${L})`, path);
  };
  baths.forEach((b, k) => {
    const p = `/baths/${k}`;
    if (b.type === "source-sink") {
      siteOk(b.site, `${p}/site`);
      nonNeg(b.gammaPlus, `${p}/gammaPlus`, "gammaPlus");
      nonNeg(b.gammaMinus, `${p}/gammaMinus`, "gammaMinus");
      gamma[b.site - 1] += b.gammaPlus + b.gammaMinus;
      gain[b.site - 1] += b.gammaPlus;
    } else if (b.type === "dephasing") {
      nonNeg(b.rate, `${p}/rate`, "rate");
      const sites = b.sites ?? Array.from({ length: L }, (_, i) => i + 1);
      sites.forEach((s, j) => { siteOk(s, `${p}/sites/${j}`); deph[s - 1] += b.rate; });
    } else if (b.type === "target") {
      const [a, c] = b.sites;
      if (b.sites.length !== 2 || !Number.isInteger(a) || c !== a! + 1) {
        throw new NessrefError("invalid-input", "a target bath acts on two adjacent sites [a, a+1]", `${p}/sites`);
      }
      siteOk(a!, `${p}/sites/0`); siteOk(c!, `${p}/sites/1`);
      const rate = b.rate ?? 1;
      nonNeg(rate, `${p}/rate`, "rate");
      if (!Number.isFinite(b.beta)) throw new NessrefError("invalid-input", "beta must be finite", `${p}/beta`);
      if (!Number.isFinite(b.mu)) throw new NessrefError("invalid-input", "mu must be finite", `${p}/mu`);
      if (rate > 0) targets.push({ a: a! - 1, rate, tau: pairCorrelations(chain.hopping[a! - 1]!, b.beta, b.mu) });
    } else {
      throw new NessrefError("invalid-input", `bath type '${(b as { type: string }).type}' is not quadratic`, `${p}/type`);
    }
  });
  return { gamma, gain, deph, targets };
}

// ---------------------------------------------------------------------------------------------
// structured road: uniform hopping and on-site energy, source/sink at sites 1 and L only, any
// dephasing profile. C is tridiagonal: C_{b,b+1} = −i j/(2t), c_{b+1} − c_b = −j d_b/(2t²) with
// d_b = ½(Γ_b + Γ_{b+1}) + 2(g_b + g_{b+1}), and j = (n₁* − n_L*)/(1/Γ_1 + 1/Γ_L + Σ_b d_b/(2t²)).
// ---------------------------------------------------------------------------------------------

function structuredApplies(chain: QuadraticChain, r: Reservoirs): boolean {
  const { L, hopping, onsite } = chain;
  const t = hopping[0]!;
  if (t === 0 || r.targets.length > 0) return false;
  for (let b = 1; b < L - 1; b++) if (hopping[b] !== t) return false;
  for (let i = 1; i < L; i++) if (onsite[i] !== onsite[0]) return false;
  for (let i = 1; i < L - 1; i++) if (r.gamma[i] !== 0) return false;
  return r.gamma[0]! > 0 || r.gamma[L - 1]! > 0;
}

/**
 * The particle current and end densities of the structured road in closed form (CONVENTIONS §2):
 * the resistor law j = (n₁* − n_L*)/(1/Γ_1 + 1/Γ_L + Σ_b d_b/(2t²)) with the bath targets
 * n* = γ⁺/Γ and the bond "resistances" d_b/(2t²), d_b = ½(Γ_b + Γ_{b+1}) + 2(g_b + g_{b+1}).
 */
function structuredSolve(chain: QuadraticChain, r: Reservoirs): CorrelationBands {
  const L = chain.L, t = chain.hopping[0]!;
  const G1 = r.gamma[0]!, GL = r.gamma[L - 1]!;
  const d = new Float64Array(L - 1);
  let R = 0;
  for (let b = 0; b < L - 1; b++) {
    d[b] = 0.5 * (r.gamma[b]! + r.gamma[b + 1]!) + 2 * (r.deph[b]! + r.deph[b + 1]!);
    R += d[b]! / (2 * t * t);
  }
  let j = 0, c1: number;
  if (G1 > 0 && GL > 0) {
    j = (r.gain[0]! / G1 - r.gain[L - 1]! / GL) / (1 / G1 + 1 / GL + R);
    c1 = (r.gain[0]! - j) / G1;
  } else {
    c1 = G1 > 0 ? r.gain[0]! / G1 : r.gain[L - 1]! / GL;
  }
  const diag = new Float64Array(L);
  diag[0] = c1;
  for (let b = 0; b < L - 1; b++) diag[b + 1] = diag[b]! - (j * d[b]!) / (2 * t * t);
  const off1Im = new Float64Array(L - 1).fill(-j / (2 * t));
  return { diag, off1Re: new Float64Array(L - 1), off1Im, off2Re: new Float64Array(Math.max(L - 2, 0)), off2Im: new Float64Array(Math.max(L - 2, 0)) };
}

// ---------------------------------------------------------------------------------------------
// general road
// ---------------------------------------------------------------------------------------------

/** C = A·B for complex split matrices through four real gemm calls (tA/tB: use Aᵀ/Bᵀ; cB: conj B). */
function cgemm(A: ComplexMatrix, B: ComplexMatrix, opts: { tA?: boolean; tB?: boolean; conjA?: boolean; conjB?: boolean }): ComplexMatrix {
  const m = opts.tA ? A.cols : A.rows, k = opts.tA ? A.rows : A.cols;
  const n = opts.tB ? B.rows : B.cols;
  const ars = opts.tA ? 1 : A.cols, acs = opts.tA ? A.cols : 1;
  const brs = opts.tB ? 1 : B.cols, bcs = opts.tB ? B.cols : 1;
  const sa = opts.conjA ? -1 : 1, sb = opts.conjB ? -1 : 1;
  const C = complexMatrix(m, n);
  // 3M (Gauss) product: with a = Ar + i sa Ai, b = Br + i sb Bi:
  // T1 = Ar Br, T2 = (sa Ai)(sb Bi), T3 = (Ar + sa Ai)(Br + sb Bi); re = T1 − T2, im = T3 − T1 − T2
  const asum = new Float64Array(A.re.length), bsum = new Float64Array(B.re.length);
  for (let p = 0; p < asum.length; p++) asum[p] = A.re[p]! + sa * A.im[p]!;
  for (let p = 0; p < bsum.length; p++) bsum[p] = B.re[p]! + sb * B.im[p]!;
  const T2 = new Float64Array(m * n);
  gemm(m, n, k, 1, A.re, 0, ars, acs, B.re, 0, brs, bcs, C.re, 0, n);
  gemm(m, n, k, sa * sb, A.im, 0, ars, acs, B.im, 0, brs, bcs, T2, 0, n);
  gemm(m, n, k, 1, asum, 0, ars, acs, bsum, 0, brs, bcs, C.im, 0, n);
  for (let p = 0; p < m * n; p++) {
    const t1 = C.re[p]!, t2 = T2[p]!;
    C.re[p] = t1 - t2; C.im[p] = C.im[p]! - t1 - t2;
  }
  return C;
}

interface Spectral {
  L: number;
  /** eigenvectors V (columns) */ V: ComplexMatrix;
  /** W = V⁻¹ */ W: ComplexMatrix;
  /** κ_ab = −1/(λ_a + λ̄_b), row-major re/im */ kr: Float64Array; ki: Float64Array;
  minDamping: number;
  /** which eigen-decomposition was used */ road: "tridiagonal" | "schur";
}

function buildM(chain: QuadraticChain, r: Reservoirs): ComplexMatrix {
  const L = chain.L;
  const M = complexMatrix(L, L);
  for (let i = 0; i < L; i++) {
    M.im[i * L + i] = chain.onsite[i]!;
    M.re[i * L + i] = -0.5 * r.gamma[i]! - 2 * r.deph[i]!;
    if (i + 1 < L) { M.im[i * L + i + 1] = chain.hopping[i]!; M.im[(i + 1) * L + i] = chain.hopping[i]!; }
  }
  for (const tg of r.targets) for (const p of [tg.a, tg.a + 1]) M.re[p * L + p] -= tg.rate;
  return M;
}

/**
 * Eigen-decomposition of M. M is complex symmetric and tridiagonal (Mᵀ = M): the fast road is the
 * complex-symmetric QL + inverse iteration of {@link complexSymTridiagEig} (O(L²), V⁻¹ = Vᵀ); the
 * unitary road is the complex Schur form ({@link ceig}, O(L³)) with V⁻¹ by LU.
 */
function spectral(M: ComplexMatrix, scale: number, road: "tridiagonal" | "schur"): Spectral {
  const L = M.rows;
  let values: { re: Float64Array; im: Float64Array }, V: ComplexMatrix, W: ComplexMatrix;
  if (road === "tridiagonal") {
    const d = { re: new Float64Array(L), im: new Float64Array(L) };
    const e = { re: new Float64Array(L - 1), im: new Float64Array(L - 1) };
    for (let i = 0; i < L; i++) { d.re[i] = M.re[i * L + i]!; d.im[i] = M.im[i * L + i]!; }
    for (let i = 0; i < L - 1; i++) { e.re[i] = M.re[i * L + i + 1]!; e.im[i] = M.im[i * L + i + 1]!; }
    const r = complexSymTridiagEig(d, e);
    if (!r.ok) return spectral(M, scale, "schur");
    values = r.values; V = r.vectors;
    W = complexMatrix(L, L);
    for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) { W.re[i * L + j] = V.re[j * L + i]!; W.im[i * L + j] = V.im[j * L + i]!; }
  } else {
    const r = ceig(M);
    values = r.values; V = r.vectors; W = cinverse(V);
  }
  let maxRe = -Infinity;
  for (let a = 0; a < L; a++) maxRe = Math.max(maxRe, values.re[a]!);
  const minDamping = -maxRe;
  if (!(minDamping > 1e-12 * scale)) {
    throw new NessrefError("non-unique-ness",
      `the smallest damping rate of a single-particle mode, ${minDamping.toExponential(3)}, is at the rounding level (≤ 1e-12·‖M‖ = ${(1e-12 * scale).toExponential(2)}): that mode is not coupled to any bath or dephasing (or only through exponentially small tails, e.g. an Anderson-localised mode far from the baths), so the two-point function of the NESS is not determined in double precision`, "/baths");
  }
  const kr = new Float64Array(L * L), ki = new Float64Array(L * L);
  for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) {
    // λ_a + conj(λ_b)
    const sr = values.re[a]! + values.re[b]!, si = values.im[a]! - values.im[b]!;
    const den = sr * sr + si * si;
    kr[a * L + b] = -sr / den; ki[a * L + b] = si / den;
  }
  return { L, V, W, kr, ki, minDamping, road };
}

/** 𝓢(Q): the X with M X + X M† + Q = 0, X = V[(W Q W†) ∘ κ]V†. Q given as a dense complex matrix. */
function applyS(sp: Spectral, Q: ComplexMatrix): ComplexMatrix {
  const L = sp.L, n = L * L;
  const nz: number[] = [];
  for (let p = 0; p < n && nz.length <= 16; p++) if (Q.re[p] !== 0 || Q.im[p] !== 0) nz.push(p);
  let Z: ComplexMatrix;
  if (nz.length <= 16) {
    // W Q W† = Σ_{(k,l)} Q_kl W[:,k] W[:,l]† (few sources: O(nnz·L²))
    Z = complexMatrix(L, L);
    const { re: wr, im: wi } = sp.W;
    for (const p of nz) {
      const k = Math.floor(p / L), l = p % L, qr = Q.re[p]!, qi = Q.im[p]!;
      for (let a = 0; a < L; a++) {
        const xr = wr[a * L + k]! * qr - wi[a * L + k]! * qi, xi = wr[a * L + k]! * qi + wi[a * L + k]! * qr;
        const o = a * L;
        for (let b = 0; b < L; b++) {
          const yr = wr[b * L + l]!, yi = -wi[b * L + l]!;
          Z.re[o + b] += xr * yr - xi * yi; Z.im[o + b] += xr * yi + xi * yr;
        }
      }
    }
  } else {
    Z = cgemm(cgemm(sp.W, Q, {}), sp.W, { tB: true, conjB: true });
  }
  for (let p = 0; p < n; p++) {
    const zr = Z.re[p]!, zi = Z.im[p]!, kr = sp.kr[p]!, ki = sp.ki[p]!;
    Z.re[p] = zr * kr - zi * ki; Z.im[p] = zr * ki + zi * kr;
  }
  const VZ = cgemm(sp.V, Z, {});
  return cgemm(VZ, sp.V, { tB: true, conjB: true });
}

interface Entry { i: number; j: number; coef: number }

function reinjectionEntries(L: number, r: Reservoirs): Entry[] {
  const map = new Map<number, number>();
  const add = (i: number, j: number, c: number): void => { const k = i * L + j; map.set(k, (map.get(k) ?? 0) + c); };
  for (let i = 0; i < L; i++) if (r.deph[i]! > 0) add(i, i, 4 * r.deph[i]!);
  for (const tg of r.targets) for (const p of [tg.a, tg.a + 1]) for (const q of [tg.a, tg.a + 1]) add(p, q, tg.rate);
  return [...map.entries()].sort((x, y) => x[0] - y[0]).map(([k, c]) => ({ i: Math.floor(k / L), j: k % L, coef: c }));
}

/**
 * N_{(ij),(kl)} = 𝓢(E_kl)_ij = Σ_ab V_ia W_ak κ_ab W̄_bl V̄_jb, accumulated over a as
 * X_a (s × L: V_ia V̄_jb) times Y_aᵀ (L × s: κ_ab W_ak W̄_bl).
 */
function reinjectionMatrix(sp: Spectral, S: Entry[]): ComplexMatrix {
  const L = sp.L, s = S.length;
  const { V, W, kr, ki } = sp;
  const N = complexMatrix(s, s);
  const X = complexMatrix(s, L), Y = complexMatrix(L, s);
  for (let a = 0; a < L; a++) {
    for (let p = 0; p < s; p++) {
      const { i, j } = S[p]!;
      const vr = V.re[i * L + a]!, vi = V.im[i * L + a]!;
      for (let b = 0; b < L; b++) {
        const ur = V.re[j * L + b]!, ui = -V.im[j * L + b]!; // conj V_jb
        X.re[p * L + b] = vr * ur - vi * ui; X.im[p * L + b] = vr * ui + vi * ur;
      }
      const { i: k, j: l } = S[p]!;
      const wr = W.re[a * L + k]!, wi = W.im[a * L + k]!;
      for (let b = 0; b < L; b++) {
        const xr = W.re[b * L + l]!, xi = -W.im[b * L + l]!; // conj W_bl
        const yr = wr * xr - wi * xi, yi = wr * xi + wi * xr;
        const cr = kr[a * L + b]!, ci = ki[a * L + b]!;
        Y.re[b * s + p] = yr * cr - yi * ci; Y.im[b * s + p] = yr * ci + yi * cr;
      }
    }
    // N += X·Y, accumulated in place by four real products (gemm adds into its output)
    gemm(s, s, L, 1, X.re, 0, L, 1, Y.re, 0, s, 1, N.re, 0, s);
    gemm(s, s, L, -1, X.im, 0, L, 1, Y.im, 0, s, 1, N.re, 0, s);
    gemm(s, s, L, 1, X.re, 0, L, 1, Y.im, 0, s, 1, N.im, 0, s);
    gemm(s, s, L, 1, X.im, 0, L, 1, Y.re, 0, s, 1, N.im, 0, s);
  }
  return N;
}

function bandsOf(C: ComplexMatrix): CorrelationBands {
  const L = C.rows;
  const diag = new Float64Array(L), off1Re = new Float64Array(L - 1), off1Im = new Float64Array(L - 1);
  const off2Re = new Float64Array(Math.max(L - 2, 0)), off2Im = new Float64Array(Math.max(L - 2, 0));
  for (let i = 0; i < L; i++) {
    diag[i] = C.re[i * L + i]!;
    if (i + 1 < L) { off1Re[i] = C.re[i * L + i + 1]!; off1Im[i] = C.im[i * L + i + 1]!; }
    if (i + 2 < L) { off2Re[i] = C.re[i * L + i + 2]!; off2Im[i] = C.im[i * L + i + 2]!; }
  }
  return { diag, off1Re, off1Im, off2Re, off2Im };
}

function bandsToMatrix(b: CorrelationBands): ComplexMatrix {
  const L = b.diag.length, C = complexMatrix(L, L);
  for (let i = 0; i < L; i++) {
    C.re[i * L + i] = b.diag[i]!;
    if (i + 1 < L) {
      C.re[i * L + i + 1] = b.off1Re[i]!; C.im[i * L + i + 1] = b.off1Im[i]!;
      C.re[(i + 1) * L + i] = b.off1Re[i]!; C.im[(i + 1) * L + i] = -b.off1Im[i]!;
    }
    if (i + 2 < L) {
      C.re[i * L + i + 2] = b.off2Re[i]!; C.im[i * L + i + 2] = b.off2Im[i]!;
      C.re[(i + 2) * L + i] = b.off2Re[i]!; C.im[(i + 2) * L + i] = -b.off2Im[i]!;
    }
  }
  return C;
}

/** Source matrix F = Σ γ⁺_s e_s e_sᵀ + Σ_k Γ_k τ_k. */
function sourceMatrix(L: number, r: Reservoirs): ComplexMatrix {
  const F = complexMatrix(L, L);
  for (let i = 0; i < L; i++) F.re[i * L + i] = r.gain[i]!;
  for (const tg of r.targets) {
    const a = tg.a;
    F.re[a * L + a] += tg.rate * tg.tau[0]; F.re[(a + 1) * L + a + 1] += tg.rate * tg.tau[0];
    F.re[a * L + a + 1] += tg.rate * tg.tau[1]; F.re[(a + 1) * L + a] += tg.rate * tg.tau[1];
  }
  return F;
}

/**
 * Max-abs residual of M C + C M† + F + 𝓡(C) over all entries, O(L²) (M is tridiagonal plus
 * diagonal; only entries near a non-zero of C can be non-zero, but every entry is evaluated).
 */
function fullResidual(
  chain: QuadraticChain, r: Reservoirs,
  re: (i: number, j: number) => number, im: (i: number, j: number) => number,
  bandOnly: boolean, out?: ComplexMatrix,
): number {
  const L = chain.L, h = chain.hopping, e = chain.onsite;
  const damp = new Float64Array(L);
  for (let i = 0; i < L; i++) damp[i] = 0.5 * r.gamma[i]! + 2 * r.deph[i]!;
  for (const tg of r.targets) { damp[tg.a] += tg.rate; damp[tg.a + 1] += tg.rate; }
  const F = sourceMatrix(L, r);
  let worst = 0;
  const width = bandOnly ? 3 : L;
  for (let i = 0; i < L; i++) {
    for (let j = Math.max(0, i - width); j < Math.min(L, i + width + 1); j++) {
      // (M C)_ij = i Σ_k h_ik C_kj − damp_i C_ij ; (C M†)_ij = Σ_k C_ik conj(M_jk) = −i Σ_k C_ik h_kj − damp_j C_ij
      // hr + i hi = Σ_k h_ik C_kj − Σ_k C_ik h_kj
      const cr = re(i, j), ci = im(i, j);
      let hr = (e[i]! - e[j]!) * cr, hi = (e[i]! - e[j]!) * ci;
      if (i > 0) { hr += h[i - 1]! * re(i - 1, j); hi += h[i - 1]! * im(i - 1, j); }
      if (i + 1 < L) { hr += h[i]! * re(i + 1, j); hi += h[i]! * im(i + 1, j); }
      if (j > 0) { hr -= h[j - 1]! * re(i, j - 1); hi -= h[j - 1]! * im(i, j - 1); }
      if (j + 1 < L) { hr -= h[j]! * re(i, j + 1); hi -= h[j]! * im(i, j + 1); }
      let rr = -hi - (damp[i]! + damp[j]!) * cr + F.re[i * L + j]!;
      let ri = hr - (damp[i]! + damp[j]!) * ci + F.im[i * L + j]!;
      if (i === j) { rr += 4 * r.deph[i]! * cr; ri += 4 * r.deph[i]! * ci; }
      // Γ_k Π_k C Π_k of every target pair holding both i and j (pairs may share a site)
      for (const tg of r.targets) {
        if ((i === tg.a || i === tg.a + 1) && (j === tg.a || j === tg.a + 1)) { rr += tg.rate * cr; ri += tg.rate * ci; }
      }
      if (out) { out.re[i * L + j] = rr; out.im[i * L + j] = ri; }
      worst = Math.max(worst, Math.abs(rr), Math.abs(ri));
    }
  }
  return worst;
}

/**
 * Options of {@link freeFermionNess}.
 *
 * @example
 * ```ts
 * import type { FreeFermionNessOptions } from "nessref/exact";
 * const o: FreeFermionNessOptions = { method: "general" }; // force the eigen road (e.g. to cross-check)
 * ```
 */
export interface FreeFermionNessOptions {
  /** `auto` (structured when it applies, else general), or force one road */
  method?: "auto" | "structured" | "general";
  /** also return the full L×L matrix on the structured road (default false; L ≤ 4000) */
  full?: boolean;
}

/**
 * Largest L of the general road (an eigen-decomposition of the L×L matrix M plus, with dephasing, an
 * O(s²L²) reduced system); the structured road has no limit (CONVENTIONS §2).
 *
 * @example
 * ```ts
 * import { FREE_FERMION_GENERAL_MAX_L } from "nessref/exact";
 * FREE_FERMION_GENERAL_MAX_L; // 1500
 * ```
 */
export const FREE_FERMION_GENERAL_MAX_L = 1500;
/**
 * Largest number of re-injection unknowns s (dephased sites + 4 per target pair) on the general road:
 * its cost grows as s²L² (CONVENTIONS §2).
 *
 * @example
 * ```ts
 * import { FREE_FERMION_MAX_REINJECTION } from "nessref/exact";
 * FREE_FERMION_MAX_REINJECTION; // 400: a dephased disordered chain up to L = 400
 * ```
 */
export const FREE_FERMION_MAX_REINJECTION = 400;

/**
 * The NESS two-point function C_ij = ⟨a†_i a_j⟩ of a quadratic chain with source/sink,
 * dephasing and (at Δ = 0) target baths, CONVENTIONS §2. Two roads:
 *
 * - **structured** (uniform t_b and ε_i, source/sink only at sites 1 and L, any dephasing
 *   profile): C is tridiagonal and given in closed form in O(L) (the resistor law of
 *   CONVENTIONS §2; Žnidarič, J. Stat. Mech. (2010) L05002 for uniform dephasing). Any L.
 * - **general**: eigen-decomposition M = VΛV⁻¹ of the non-Hermitian M, the Lyapunov part solved
 *   in the eigenbasis (κ_ab = −1/(λ_a + λ̄_b)), and the re-injection unknowns (dephased diagonal
 *   entries, target-pair blocks) by a reduced s×s linear system. O(L³ + s²L²).
 *
 * Each result carries the residual of the full L×L equation.
 *
 * @param chain - the quadratic chain ({@link xxFermions}, {@link chainFermions})
 * @param baths - baths (sites 1-based)
 * @param opts - road and output options
 * @returns the NESS correlations
 * @throws NessrefError("non-unique-ness") when a mode is undamped or the reduced system is singular
 *   (e.g. dephasing without any bath: particle number is conserved), ("invalid-input") for bad baths,
 *   ("resource-limit") above {@link FREE_FERMION_GENERAL_MAX_L} on the general road,
 *   ("no-convergence") when the residual check fails
 *
 * @example
 * ```ts
 * import { freeFermionNess, xxFermions, freeFermionObservables } from "nessref/exact";
 * const ness = freeFermionNess(xxFermions({ L: 100, J: 1 }), [
 *   { type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0.5 },
 *   { type: "source-sink", site: 100, gammaPlus: 0.5, gammaMinus: 1 },
 *   { type: "dephasing", rate: 0.1 }]);
 * freeFermionObservables(ness).spinCurrent[0]; // the same on every bond, ∝ 1/L
 * ```
 */
export function freeFermionNess(chain: QuadraticChain, baths: readonly FermionBath[], opts: FreeFermionNessOptions = {}): FreeFermionNess {
  const r = collectBaths(chain, baths);
  const L = chain.L;
  const method = opts.method ?? "auto";
  let scaleF = 0;
  for (let i = 0; i < L; i++) scaleF = Math.max(scaleF, r.gain[i]!, r.gamma[i]!);
  for (const tg of r.targets) scaleF = Math.max(scaleF, tg.rate);
  if (scaleF === 0) {
    throw new NessrefError("non-unique-ness", "no bath exchanges particles (only dephasing, or all rates zero): the particle number is conserved and the NESS is not unique", "/baths");
  }
  const useStructured = method === "structured" || (method === "auto" && structuredApplies(chain, r));
  if (useStructured) {
    if (!structuredApplies(chain, r)) {
      throw new NessrefError("invalid-input", "the structured road needs uniform hopping and on-site energies and source/sink baths at sites 1 and L only", "/method");
    }
    const bands = structuredSolve(chain, r);
    // the tridiagonal C: C_ii, C_{i,i+1} and C_{i+1,i} = conj(C_{i,i+1}), zero elsewhere
    const re = (i: number, j: number): number => (i === j ? bands.diag[i]! : j === i + 1 ? bands.off1Re[i]! : i === j + 1 ? bands.off1Re[j]! : 0);
    const im = (i: number, j: number): number => (j === i + 1 ? bands.off1Im[i]! : i === j + 1 ? -bands.off1Im[j]! : 0);
    const residual = fullResidual(chain, r, re, im, true) / scaleF;
    let matrix: ComplexMatrix | null = null;
    if (opts.full) {
      if (L > 4000) throw new NessrefError("resource-limit", `full: the L×L matrix is limited to L ≤ 4000, got ${L}`, "/L");
      matrix = bandsToMatrix(bands);
    }
    return { chain, bands, matrix, method: "structured", eigenRoad: null, residual, minDamping: null, reinjectionUnknowns: 0 };
  }
  if (L > FREE_FERMION_GENERAL_MAX_L) {
    throw new NessrefError("resource-limit", `the general free-fermion road (non-uniform chain or interior/target baths) is limited to L ≤ ${FREE_FERMION_GENERAL_MAX_L}, got ${L}`, "/L");
  }
  const S = reinjectionEntries(L, r);
  if (S.length > FREE_FERMION_MAX_REINJECTION) {
    throw new NessrefError("resource-limit", `dephasing on ${S.length} entries with a non-uniform chain needs an O(s²L²) reduced system; limited to s ≤ ${FREE_FERMION_MAX_REINJECTION}`, "/baths");
  }
  const M = buildM(chain, r);
  let scaleM = 0;
  for (let i = 0; i < L * L; i++) scaleM = Math.max(scaleM, Math.abs(M.re[i]!) + Math.abs(M.im[i]!));
  const first = solveGeneral(chain, r, M, scaleM, S, "tridiagonal");
  if (first.residual < 1e-10) return first;
  const second = solveGeneral(chain, r, M, scaleM, S, "schur");
  if (!(second.residual < 1e-8)) {
    throw new NessrefError("no-convergence", `the general free-fermion road left a relative residual ${second.residual.toExponential(2)} (> 1e-8) on both eigen-roads: the eigenvectors of M are too ill-conditioned for this chain`, "");
  }
  return second;
}

function hermitize(C: ComplexMatrix): void {
  const L = C.rows;
  for (let i = 0; i < L; i++) {
    C.im[i * L + i] = 0;
    for (let j = i + 1; j < L; j++) {
      const re = 0.5 * (C.re[i * L + j]! + C.re[j * L + i]!), im = 0.5 * (C.im[i * L + j]! - C.im[j * L + i]!);
      C.re[i * L + j] = re; C.re[j * L + i] = re; C.im[i * L + j] = im; C.im[j * L + i] = -im;
    }
  }
}

/**
 * The general road on one eigen-decomposition: X = solve(Q) with M X + X M† + Q + 𝓡(X) = 0, then
 * iterative refinement C ← C + solve(R) on the residual R = M C + C M† + F + 𝓡(C) of the full
 * equation (computed exactly, entry by entry), at most two steps.
 */
function solveGeneral(chain: QuadraticChain, r: Reservoirs, M: ComplexMatrix, scaleM: number, S: Entry[], road: "tridiagonal" | "schur"): FreeFermionNess {
  const L = chain.L;
  let scaleF = 0;
  for (let i = 0; i < L; i++) scaleF = Math.max(scaleF, r.gain[i]!, r.gamma[i]!);
  for (const tg of r.targets) scaleF = Math.max(scaleF, tg.rate);
  const sp = spectral(M, scaleM, road);
  let f: ReturnType<typeof cluFactor> | null = null;
  const s = S.length;
  if (s > 0) {
    const N = reinjectionMatrix(sp, S);
    // (I − N R) c = 𝓢(Q)_S
    const A = complexMatrix(s, s);
    for (let p = 0; p < s; p++) for (let q = 0; q < s; q++) {
      A.re[p * s + q] = (p === q ? 1 : 0) - N.re[p * s + q]! * S[q]!.coef;
      A.im[p * s + q] = -N.im[p * s + q]! * S[q]!.coef;
    }
    f = cluFactor(A);
    const cond = ccondEstimate1(f);
    if (!(cond < 1e12)) {
      throw new NessrefError("non-unique-ness", `the re-injection system is singular (condition estimate ${cond.toExponential(2)}): a conserved quantity survives the baths, so the NESS is not unique`, "/baths");
    }
  }
  const solveWith = (Q: ComplexMatrix): ComplexMatrix => {
    const X = applyS(sp, Q);
    if (!f) return X;
    const rhs = { re: new Float64Array(s), im: new Float64Array(s) };
    S.forEach((e, p) => { rhs.re[p] = X.re[e.i * L + e.j]!; rhs.im[p] = X.im[e.i * L + e.j]!; });
    const cS = cluSolve(f, rhs);
    const Q2 = complexMatrix(L, L, Float64Array.from(Q.re), Float64Array.from(Q.im));
    S.forEach((e, p) => { Q2.re[e.i * L + e.j] += e.coef * cS.re[p]!; Q2.im[e.i * L + e.j] += e.coef * cS.im[p]!; });
    return applyS(sp, Q2);
  };
  const finite = (C: ComplexMatrix): boolean => {
    for (let p = 0; p < L * L; p++) if (!Number.isFinite(C.re[p]!) || !Number.isFinite(C.im[p]!)) return false;
    return true;
  };
  const R = complexMatrix(L, L);
  const residualOf = (C: ComplexMatrix): number =>
    fullResidual(chain, r, (i, j) => C.re[i * L + j]!, (i, j) => C.im[i * L + j]!, false, R) / scaleF;
  let C = solveWith(sourceMatrix(L, r));
  hermitize(C);
  let residual = finite(C) ? residualOf(C) : Infinity;
  for (let step = 0; step < 2 && Number.isFinite(residual) && residual > 4 * L * 2.2e-16; step++) {
    const D = solveWith(R);
    const C2 = complexMatrix(L, L);
    for (let p = 0; p < L * L; p++) { C2.re[p] = C.re[p]! + D.re[p]!; C2.im[p] = C.im[p]! + D.im[p]!; }
    hermitize(C2);
    const saved = complexMatrix(L, L, Float64Array.from(R.re), Float64Array.from(R.im));
    const res2 = finite(C2) ? residualOf(C2) : Infinity;
    if (!(res2 < residual)) { R.re.set(saved.re); R.im.set(saved.im); break; }
    C = C2; residual = res2;
  }
  return { chain, bands: bandsOf(C), matrix: C, method: "general", eigenRoad: sp.road, residual, minDamping: sp.minDamping, reinjectionUnknowns: s };
}

/**
 * Observables of a free-fermion state, in the spin language of CONTRACT `lindblad-ness` (CONVENTIONS §2).
 *
 * @example
 * ```ts
 * import { freeFermionNess, freeFermionObservables, xxFermions } from "nessref/exact";
 * const o = freeFermionObservables(freeFermionNess(xxFermions({ L: 3, J: 1 }), [
 *   { type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0 }, { type: "source-sink", site: 3, gammaPlus: 0, gammaMinus: 1 }]));
 * o.spinCurrent; // two equal numbers
 * ```
 */
export interface FreeFermionObservables {
  /** ⟨s^z_i⟩ = n_i − ½ (L) */ magnetization: Float64Array;
  /** ⟨n_i⟩ (L) */ density: Float64Array;
  /** ⟨e_b⟩ with the §0 weights (L − 1) */ bondEnergy: Float64Array;
  /** j^S_b = the particle current −2 t_b Im C_{b,b+1} (L − 1) */ spinCurrent: Float64Array;
  /** j^E_i = ⟨i[e_{i−1}, e_i]⟩ for i = 2..L−1 (L − 2) */ energyCurrent: Float64Array;
}

function weight(L: number, site: number): number {
  return site === 0 || site === L - 1 ? 1 : 0.5;
}

/**
 * Every observable of CONTRACT `lindblad-ness` from the bands of C (CONVENTIONS §2):
 * ⟨s^z_i⟩ = C_ii − ½; ⟨e_b⟩ = 2t_b Re C_{b,b+1} + Σ_{i∈b} w_i(ε_i C_ii + κ_i); j_b = −2t_b Im C_{b,b+1}
 * (the continuity current of n, equal to j^S_b = J(s^x s^y − s^y s^x) for the XX chain);
 * j^E_i = Σ_kl X_kl C_kl with X = i[ε_{i−1}, ε_i] the single-particle commutator of the two bond
 * energies on sites (i−1, i, i+1) (for quadratic A = a†αa, B = a†βa: [A, B] = a†[α, β]a).
 *
 * @param s - a state with bands (a {@link FreeFermionNess} or one time of a quench)
 * @returns the observables
 *
 * @example
 * ```ts
 * import { freeFermionNess, freeFermionObservables, xxFermions } from "nessref/exact";
 * const o = freeFermionObservables(freeFermionNess(xxFermions({ L: 6, J: 1 }), [
 *   { type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0 },
 *   { type: "source-sink", site: 6, gammaPlus: 0, gammaMinus: 1 }]));
 * o.magnetization; // flat in the bulk: ballistic
 * ```
 */
export function freeFermionObservables(s: {
  /** the chain */ readonly chain: QuadraticChain;
  /** the bands of C */ readonly bands: CorrelationBands;
}): FreeFermionObservables {
  const { chain, bands } = s;
  const L = chain.L, t = chain.hopping, e = chain.onsite, k = chain.siteConstant;
  const magnetization = new Float64Array(L), density = new Float64Array(L);
  for (let i = 0; i < L; i++) { density[i] = bands.diag[i]!; magnetization[i] = bands.diag[i]! - 0.5; }
  const bondEnergy = new Float64Array(L - 1), spinCurrent = new Float64Array(L - 1);
  for (let b = 0; b < L - 1; b++) {
    let v = 2 * t[b]! * bands.off1Re[b]!;
    for (const i of [b, b + 1]) {
      const w = L === 2 ? 1 : weight(L, i);
      v += w * (e[i]! * bands.diag[i]! + k[i]!);
    }
    bondEnergy[b] = v;
    spinCurrent[b] = -2 * t[b]! * bands.off1Im[b]!;
  }
  const energyCurrent = new Float64Array(Math.max(L - 2, 0));
  for (let i = 1; i < L - 1; i++) {
    // α = ε_{i−1} on local sites (0,1,2) = (i−1, i, i+1); β = ε_i
    const a = [[weight(L, i - 1) * e[i - 1]!, t[i - 1]!, 0], [t[i - 1]!, 0.5 * e[i]!, 0], [0, 0, 0]];
    const bb = [[0, 0, 0], [0, 0.5 * e[i]!, t[i]!], [0, t[i]!, weight(L, i + 1) * e[i + 1]!]];
    // K = [α, β] (real antisymmetric); j^E = Σ_kl i K_kl C_kl = −Σ_kl K_kl Im C_kl
    let jE = 0;
    for (let p = 0; p < 3; p++) for (let q = 0; q < 3; q++) {
      let K = 0;
      for (let m = 0; m < 3; m++) K += a[p]![m]! * bb[m]![q]! - bb[p]![m]! * a[m]![q]!;
      if (K === 0 || p === q) continue;
      const lo = Math.min(p, q), d = Math.abs(p - q);
      const im = d === 1 ? bands.off1Im[i - 1 + lo]! : bands.off2Im[i - 1]!;
      jE -= K * (p < q ? im : -im);
    }
    energyCurrent[i - 1] = jE;
  }
  return { magnetization, density, bondEnergy, spinCurrent, energyCurrent };
}
