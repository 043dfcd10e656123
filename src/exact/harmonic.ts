/**
 * Harmonic chains and graphs with Langevin baths ([P1] §2, MODELS §5, CONVENTIONS §5).
 *
 * 𝓗 = ½⟨p|p⟩ + ½⟨q|H|q⟩, H = V − gΔ, Δ the graph Laplacian with free boundaries (on a chain
 * −Δ has 1, 2, …, 2, 1 on the diagonal and −1 beside it); each bath site b has friction λ and
 * noise √(2λT_b). With X = (q, p), dX = AX dt + S dB ([P1] eq. (2.5)),
 * A = [[0, 1], [−H, −λΠ]], Π = Σ_b |b⟩⟨b|, S Sᵀ = [[0, 0], [0, Σ_b 2λT_b|b⟩⟨b|]], and the NESS
 * covariance C = ⟨XXᵀ⟩ solves A C + C Aᵀ + S Sᵀ = 0. Kinetic temperature T(x) = C_{p_x p_x};
 * heat current from bath b into the system J_b = λ(T_b − T(b)).
 *
 * Roads (CONVENTIONS §5):
 * - **Lyapunov**: Bartels–Stewart on the 2n×2n equation ({@link realLyapunov}); any graph.
 *   Backward stable, but its forward error grows like ε‖A‖/min_k|Re E_k|: for localized
 *   chains the slowest mode damping λΣ_b|ψ_k(b)|²/2 is 10⁻¹³ already at L = 20, g = 0.1
 *   (FACTS.md), and the road refuses such problems rather than print wrong digits.
 * - **Spectral**: the pole sum [P1] eq. (2.6), C = −Σ_{k,l} P_k S Sᵀ P_l†/(E_k + Ē_l), over the
 *   roots of the quadratic eigenproblem (H + λEΠ + E²)u = 0 (right eigenvector (u, Eu), left
 *   ((E + λΠ)u, u), P_k = r_k l_kᵀ/(l_kᵀ r_k)). On chains each root is refined on the tridiagonal
 *   structure with a twisted-factorization eigenvector (relatively accurate tails) and
 *   Re E = −λΣ_b|u_b|²/(2Σ_x|u_x|²) exactly, so the k = l terms — a ratio of two numbers as small
 *   as 10⁻¹⁰⁰ — keep full relative accuracy; this is the default on chains.
 * - **Weak coupling (λ → 0)**: [P1] eq. (2.9)/(2.10), T(x) = Σ_k ψ_k(x)² Σ_b α_kb T_b with
 *   α_kb = ψ_k(b)²/Σ_c ψ_k(c)²; on chains O(L²) from twisted eigenvectors (L in the thousands),
 *   on graphs from a dense eigendecomposition, with degenerate levels treated by degenerate
 *   perturbation theory.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { realMatrix, complexMatrix, type RealMatrix, type ComplexMatrix } from "../linalg/matrix.js";
import { matmul, normFro, transpose, cmatmul, cmatmulAdjointRight } from "../linalg/dense.js";
import { realLyapunov } from "../linalg/sylvester.js";
import { eig, eigvals, realSchur } from "../linalg/schur.js";
import { symEig } from "../linalg/symeig.js";
import { tridiagEigenvalues } from "../linalg/tridiag.js";
import { chainModeDD, chainModes, expandLog, logPsi2, refineQepRoot, roundingZero, twistedVector, type ChainMode } from "./harmonicModes.js";

const EPS = 2.220446049250313e-16;

/**
 * A harmonic system ([P1] eq. (2.1)): potentials V_x > 0, coupling g > 0 and, for a graph other
 * than the free-boundary chain, its Laplacian −Δ.
 *
 * @example
 * ```ts
 * import type { HarmonicSystem } from "nessref/exact";
 * const chain: HarmonicSystem = { potentials: [1.3, 0.8, 1.7, 1.1], g: 0.1 };
 * ```
 */
export interface HarmonicSystem {
  /** on-site potentials V_x > 0, one per site (site x = index + 1) */
  potentials: ArrayLike<number>;
  /** coupling g > 0 (H = V − gΔ) */
  g: number;
  /**
   * −Δ of the graph (n×n, symmetric, off-diagonal ≤ 0, zero row sums), e.g. {@link boxLaplacian};
   * absent: the free-boundary chain 1 — 2 — … — n.
   */
  laplacian?: RealMatrix;
}

/**
 * A Langevin bath at one site ([P1] eq. (2.4)): friction λ (common to all baths) and
 * temperature T.
 *
 * @example
 * ```ts
 * import type { LangevinBath } from "nessref/exact";
 * const baths: LangevinBath[] = [{ site: 1, T: 1 }, { site: 8, T: 2 }];
 * ```
 */
export interface LangevinBath {
  /** 1-based site */ site: number;
  /** temperature T ≥ 0 */ T: number;
}

/**
 * The Laplacian −Δ of a d-dimensional box n₁×…×n_d with free boundaries (nearest neighbours
 * along each axis). Sites are numbered row-major, the last axis fastest:
 * site = 1 + Σ_a i_a·Π_{a' > a} n_{a'} with 0 ≤ i_a < n_a.
 *
 * @param dims - the side lengths (each ≥ 1)
 * @returns the (Π n_a)×(Π n_a) matrix −Δ
 * @throws NessrefError("invalid-input") for an empty or non-integer shape
 *
 * @example
 * ```ts
 * import { boxLaplacian } from "nessref/exact";
 * boxLaplacian([3]).data; // [1,-1,0, -1,2,-1, 0,-1,1]  (the chain of 3 sites)
 * ```
 */
export function boxLaplacian(dims: readonly number[]): RealMatrix {
  if (dims.length === 0 || dims.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new NessrefError("invalid-input", `boxLaplacian: dims must be positive integers, got [${dims.join(", ")}]`, "");
  }
  const N = dims.reduce((a, b) => a * b, 1);
  if (N > 20000) throw new NessrefError("resource-limit", `boxLaplacian: ${N} sites exceed the dense limit 20000`, "");
  const M = realMatrix(N, N);
  const stride = dims.map((_, a) => dims.slice(a + 1).reduce((x, y) => x * y, 1));
  for (let s = 0; s < N; s++) {
    for (let a = 0; a < dims.length; a++) {
      const ia = Math.floor(s / stride[a]!) % dims[a]!;
      if (ia + 1 < dims[a]!) {
        const t = s + stride[a]!;
        M.data[s * N + t] -= 1; M.data[t * N + s] -= 1;
        M.data[s * N + s] += 1; M.data[t * N + t] += 1;
      }
    }
  }
  return M;
}

/**
 * The 1-based sites of the two opposite faces i_axis = 0 and i_axis = n_axis − 1 of a box
 * (numbering of {@link boxLaplacian}) — the boundary set ∂Λ of [P1] eq. (2.10) with a cold
 * and a hot face.
 *
 * @param dims - the side lengths
 * @param axis - the axis normal to the faces (default 0)
 * @returns `{ low, high }` site lists, ascending
 *
 * @example
 * ```ts
 * import { boxFaces } from "nessref/exact";
 * boxFaces([2, 3]); // { low: [1, 2, 3], high: [4, 5, 6] }
 * ```
 */
export function boxFaces(dims: readonly number[], axis = 0): {
  /** sites (1-based) with index 0 along `axis` */ low: number[];
  /** sites (1-based) with index n_axis − 1 along `axis` */ high: number[];
} {
  if (!Number.isInteger(axis) || axis < 0 || axis >= dims.length) {
    throw new NessrefError("invalid-input", `boxFaces: axis ${axis} is not one of 0..${dims.length - 1}`, "");
  }
  const N = dims.reduce((a, b) => a * b, 1);
  const stride = dims.slice(axis + 1).reduce((x, y) => x * y, 1);
  const low: number[] = [], high: number[] = [];
  for (let s = 0; s < N; s++) {
    const i = Math.floor(s / stride) % dims[axis]!;
    if (i === 0) low.push(s + 1);
    if (i === dims[axis]! - 1) high.push(s + 1);
  }
  return { low, high };
}

/** Validate a system and its baths; returns n and the 0-based bath sites. */
function checkSystem(sys: HarmonicSystem, baths: readonly LangevinBath[]): { n: number; bathIdx: number[] } {
  const n = sys.potentials.length;
  if (n < 1) throw new NessrefError("invalid-input", "harmonic: at least one site is needed", "/potentials");
  for (let x = 0; x < n; x++) {
    const v = sys.potentials[x]!;
    if (!Number.isFinite(v) || !(v > 0)) throw new NessrefError("invalid-input", `harmonic: V_${x + 1} = ${v}; the potentials must be finite and > 0 (a pinned chain, [P1] eq. (2.1))`, `/potentials/${x}`);
  }
  if (!Number.isFinite(sys.g) || !(sys.g > 0)) throw new NessrefError("invalid-input", `harmonic: g = ${sys.g} must be finite and > 0`, "/g");
  if (sys.laplacian) {
    const Lp = sys.laplacian;
    if (Lp.rows !== n || Lp.cols !== n) throw new NessrefError("invalid-input", `harmonic: the Laplacian is ${Lp.rows}×${Lp.cols}, expected ${n}×${n}`, "/laplacian");
    for (let i = 0; i < n; i++) {
      let row = 0, scale = 0;
      for (let j = 0; j < n; j++) {
        const a = Lp.data[i * n + j]!;
        if (!Number.isFinite(a)) throw new NessrefError("invalid-input", `harmonic: Laplacian entry (${i + 1}, ${j + 1}) is not finite`, "/laplacian");
        if (a !== Lp.data[j * n + i]) throw new NessrefError("invalid-input", `harmonic: the Laplacian is not symmetric at (${i + 1}, ${j + 1})`, "/laplacian");
        if (i !== j && a > 0) throw new NessrefError("invalid-input", `harmonic: Laplacian entry (${i + 1}, ${j + 1}) = ${a} > 0; −Δ has non-positive off-diagonal entries`, "/laplacian");
        row += a; scale += Math.abs(a);
      }
      if (Math.abs(row) > 1e-12 * Math.max(scale, 1)) throw new NessrefError("invalid-input", `harmonic: Laplacian row ${i + 1} sums to ${row}, not 0 (free boundaries)`, "/laplacian");
    }
  }
  if (baths.length === 0) throw new NessrefError("invalid-input", "harmonic: at least one bath is needed", "/baths");
  const seen = new Set<number>();
  const bathIdx = baths.map((b, k) => {
    if (!Number.isInteger(b.site) || b.site < 1 || b.site > n) throw new NessrefError("invalid-input", `harmonic: bath ${k} is at site ${b.site}, outside 1..${n}`, `/baths/${k}/site`);
    if (seen.has(b.site)) throw new NessrefError("invalid-input", `harmonic: two baths at site ${b.site}`, `/baths/${k}/site`);
    seen.add(b.site);
    if (!Number.isFinite(b.T) || b.T < 0) throw new NessrefError("invalid-input", `harmonic: bath ${k} has T = ${b.T}; need finite T ≥ 0`, `/baths/${k}/T`);
    return b.site - 1;
  });
  return { n, bathIdx };
}

/** Diagonal and off-diagonal of H on the free-boundary chain. */
function chainTridiagonal(sys: HarmonicSystem): { d: Float64Array; e: Float64Array } {
  const n = sys.potentials.length, g = sys.g;
  const d = new Float64Array(n), e = new Float64Array(Math.max(n - 1, 0));
  for (let x = 0; x < n; x++) d[x] = sys.potentials[x]! + g * ((x > 0 ? 1 : 0) + (x < n - 1 ? 1 : 0));
  e.fill(-g);
  return { d, e };
}

/**
 * The force matrix H = V − gΔ of [P1] eq. (2.1) (dense, n×n).
 *
 * @param sys - the system
 * @returns H
 * @throws NessrefError("invalid-input") on a bad system
 *
 * @example
 * ```ts
 * import { harmonicMatrix } from "nessref/exact";
 * harmonicMatrix({ potentials: [1, 1], g: 0.5 }).data; // [1.5, -0.5, -0.5, 1.5]
 * ```
 */
export function harmonicMatrix(sys: HarmonicSystem): RealMatrix {
  const n = sys.potentials.length;
  checkSystem(sys, [{ site: 1, T: 0 }]);
  const H = realMatrix(n, n);
  if (sys.laplacian) {
    for (let i = 0; i < n * n; i++) H.data[i] = sys.g * sys.laplacian.data[i]!;
    for (let x = 0; x < n; x++) H.data[x * n + x] += sys.potentials[x]!;
  } else {
    const { d, e } = chainTridiagonal(sys);
    for (let x = 0; x < n; x++) H.data[x * n + x] = d[x]!;
    for (let x = 0; x + 1 < n; x++) { H.data[x * n + x + 1] = e[x]!; H.data[(x + 1) * n + x] = e[x]!; }
  }
  return H;
}

/**
 * The drift A and the noise covariance S Sᵀ of [P1] eq. (2.5) (2n×2n, X = (q, p)).
 *
 * @param sys - the system
 * @param baths - the baths
 * @param lambda - friction λ ≥ 0
 * @returns `{ A, noise }` with noise = S Sᵀ
 * @throws NessrefError("invalid-input") on a bad system, bath or λ
 *
 * @example
 * ```ts
 * import { langevinMatrices } from "nessref/exact";
 * const { A, noise } = langevinMatrices({ potentials: [1, 1], g: 0.5 }, [{ site: 1, T: 2 }], 0.1);
 * noise.data[2 * 4 + 2]; // 2λT = 0.4 at (p_1, p_1)
 * ```
 */
export function langevinMatrices(sys: HarmonicSystem, baths: readonly LangevinBath[], lambda: number): {
  /** the drift A = [[0, I], [−H, −λΠ]] (2n×2n, X = (q, p)) */ A: RealMatrix;
  /** the noise covariance S Sᵀ = [[0, 0], [0, Σ_b 2λT_b|b⟩⟨b|]] */ noise: RealMatrix;
} {
  const { n, bathIdx } = checkSystem(sys, baths);
  if (!Number.isFinite(lambda) || lambda < 0) throw new NessrefError("invalid-input", `harmonic: λ = ${lambda}; need finite λ ≥ 0`, "/lambda");
  const H = harmonicMatrix(sys);
  const m = 2 * n, A = realMatrix(m, m), Q = realMatrix(m, m);
  for (let i = 0; i < n; i++) {
    A.data[i * m + n + i] = 1;
    for (let j = 0; j < n; j++) A.data[(n + i) * m + j] = -H.data[i * n + j]!;
  }
  bathIdx.forEach((b, k) => {
    A.data[(n + b) * m + n + b] = -lambda;
    Q.data[(n + b) * m + n + b] = 2 * lambda * baths[k]!.T;
  });
  return { A, noise: Q };
}

/**
 * Options of {@link harmonicNess}.
 *
 * @example
 * ```ts
 * import type { HarmonicNessOptions } from "nessref/exact";
 * const o: HarmonicNessOptions = { method: "lyapunov", covariance: true };
 * ```
 */
export interface HarmonicNessOptions {
  /**
   * `"spectral"` ([P1] eq. (2.6); on chains with relatively accurate mode tails),
   * `"lyapunov"` (Bartels–Stewart) or `"auto"` (default: spectral on chains, Lyapunov on
   * graphs; on a chain whose root refinement fails or whose pole sum leaves a residual above
   * 1e−12, Lyapunov — CONVENTIONS §5).
   */
  method?: "auto" | "spectral" | "lyapunov";
  /** also return the full covariance C (2n×2n); default false */
  covariance?: boolean;
}

/**
 * NESS of the Langevin harmonic system at friction λ > 0 (see {@link harmonicNess}).
 *
 * @example
 * ```ts
 * import { harmonicNess } from "nessref/exact";
 * const r = harmonicNess({ potentials: [1, 1.5, 1.2], g: 0.5 }, [{ site: 1, T: 1 }, { site: 3, T: 2 }], 0.5);
 * r.heatCurrents[0] + r.heatCurrents[1]; // ≈ 0
 * ```
 */
export interface HarmonicNess {
  /** kinetic temperatures T(x) = C_{p_x p_x}, x = 1..n */ temperature: Float64Array;
  /** J_b = λ(T_b − T(b)) per bath, in bath order */ heatCurrents: Float64Array;
  /** C = ⟨XXᵀ⟩, X = (q, p) (only with `covariance: true`) */ covariance?: RealMatrix;
  /** the road taken */ method: "spectral" | "lyapunov";
  /** ‖AC + CAᵀ + SSᵀ‖_F/(‖A‖_F‖C‖_F + ‖SSᵀ‖_F) of the returned C */ residual: number;
  /** min_k |Re E_k| over the eigenvalues of A (the slowest mode damping) */ minDamping: number;
  /** max_k |Re E_k| */ maxDamping: number;
  /**
   * ‖A‖_F/(2 min_k |Re E_k|): the factor by which the Lyapunov road's forward error exceeds its
   * backward error (the spectral road on chains does not suffer it)
   */ conditionEstimate: number;
  /** spectral road: max imaginary part left in C relative to max|C| (the roots' rounding); 0 for Lyapunov */ imaginaryResidue: number;
}

/** Largest conditionEstimate·ε the Lyapunov road accepts (its forward error bound then ≤ 1e−7). */
const LYAPUNOV_MAX_ERROR = 1e-7;
/**
 * The largest n for a finite-λ NESS (dense 2n×2n Schur forms; CONVENTIONS §5): above it
 * {@link harmonicNess} refuses with `resource-limit` (the λ → 0 road has no such limit).
 *
 * @example
 * ```ts
 * import { HARMONIC_NESS_MAX_SITES } from "nessref/exact";
 * HARMONIC_NESS_MAX_SITES; // 1200
 * ```
 */
export const HARMONIC_NESS_MAX_SITES = 1200;

/**
 * NESS covariance of the Langevin harmonic system ([P1] eqs. (2.5)–(2.6), MODELS §5) at
 * friction λ > 0, with kinetic temperatures and heat currents.
 *
 * Roads (module doc, CONVENTIONS §5): `"spectral"` sums eq. (2.6) over the 2n roots of
 * (H + λEΠ + E²)u = 0 (on chains refined to relative accuracy in their tails; starting values
 * from the dense eigenvalues of A), `"lyapunov"` solves AC + CAᵀ + SSᵀ = 0 by Bartels–Stewart and
 * refuses when its forward-error bound ε·‖A‖_F/(2 min|Re E|) exceeds 1e−7.
 *
 * @param sys - the system (chain or graph)
 * @param baths - the Langevin baths
 * @param lambda - friction λ > 0 (use {@link harmonicWeakCoupling} for λ → 0)
 * @param opts - road and whether to return C
 * @returns temperatures, currents, diagnostics and optionally C
 * @throws NessrefError("invalid-input") on bad input; ("non-unique-ness") when a mode of a chain
 *   does not touch any bath (Re E = 0: the NESS depends on the initial state); ("singular") when the
 *   Lyapunov road would print digits it cannot vouch for, or when on a graph a mode's bath weight
 *   is below the resolution of dense eigenvectors (dark or merely tiny: a dense road cannot tell);
 *   ("no-convergence") when the spectral
 *   road's roots cannot be refined; ("resource-limit") above {@link HARMONIC_NESS_MAX_SITES}
 *
 * @example
 * ```ts
 * import { harmonicNess } from "nessref/exact";
 * const r = harmonicNess({ potentials: [1.2, 1.5, 1.1, 1.9], g: 0.3 }, [{ site: 1, T: 1 }, { site: 4, T: 2 }], 0.5);
 * r.temperature; // four kinetic temperatures between 1 and 2
 * ```
 */
export function harmonicNess(sys: HarmonicSystem, baths: readonly LangevinBath[], lambda: number, opts: HarmonicNessOptions = {}): HarmonicNess {
  const { n, bathIdx } = checkSystem(sys, baths);
  if (!Number.isFinite(lambda) || !(lambda > 0)) throw new NessrefError("invalid-input", `harmonicNess: λ = ${lambda}; need finite λ > 0 (λ → 0 is harmonicWeakCoupling)`, "/lambda");
  if (n > HARMONIC_NESS_MAX_SITES) throw new NessrefError("resource-limit", `harmonicNess: ${n} sites exceed ${HARMONIC_NESS_MAX_SITES} (dense ${2 * n}×${2 * n} forms); the λ → 0 road has no such limit`, "/potentials");
  const method = opts.method ?? "auto";
  const { A, noise } = langevinMatrices(sys, baths, lambda);
  // (definitely assigned on every path below that does not throw)
  let C!: RealMatrix, stats!: { minDamping: number; maxDamping: number; imaginaryResidue: number }, road!: "spectral" | "lyapunov";
  let residual!: number;
  const m = 2 * n;
  if (method === "lyapunov" || (method === "auto" && sys.laplacian)) {
    ({ C, stats } = lyapunovRoad(A, noise));
    road = "lyapunov";
    residual = lyapunovResidual(A, C, noise);
  } else {
    let why: NessrefError | null = null;
    try {
      ({ C, stats } = spectralRoad(sys, baths, bathIdx, lambda, A));
      road = "spectral";
      residual = lyapunovResidual(A, C, noise);
      // a correct pole sum leaves a residual at the rounding level (≲ 1e−15 measured); a larger
      // one means two refined roots were mixed (close overdamped pairs of mirror-symmetric chains)
      if (!(residual <= SPECTRAL_MAX_RESIDUAL)) {
        why = new NessrefError("no-convergence", `harmonic spectral road: the pole sum leaves the residual ‖AC + CAᵀ + SSᵀ‖/(‖A‖‖C‖ + ‖SSᵀ‖) = ${residual.toExponential(2)} > ${SPECTRAL_MAX_RESIDUAL} (nearly coincident roots of the quadratic eigenproblem were not separated)`, "/lambda");
      }
    } catch (err) {
      if (err instanceof NessrefError && err.code === "no-convergence") why = err;
      else throw err;
    }
    if (why) {
      if (method !== "auto") throw why;
      try {
        ({ C, stats } = lyapunovRoad(A, noise));
      } catch (err) {
        if (err instanceof NessrefError && err.code === "singular") {
          throw new NessrefError("no-convergence", `${why.message}; and the Lyapunov road cannot vouch for its digits either: ${err.message}`, "/lambda");
        }
        throw err;
      }
      road = "lyapunov";
      residual = lyapunovResidual(A, C, noise);
    }
  }
  const temperature = new Float64Array(n);
  for (let x = 0; x < n; x++) temperature[x] = C.data[(n + x) * m + n + x]!;
  const heatCurrents = Float64Array.from(baths, (b, k) => lambda * (b.T - temperature[bathIdx[k]!]!));
  const out: HarmonicNess = {
    temperature, heatCurrents, method: road, residual,
    minDamping: stats.minDamping, maxDamping: stats.maxDamping,
    conditionEstimate: normFro(A) / (2 * stats.minDamping),
    imaginaryResidue: stats.imaginaryResidue,
  };
  if (opts.covariance) out.covariance = C;
  return out;
}

type RoadOut = { C: RealMatrix; stats: { minDamping: number; maxDamping: number; imaginaryResidue: number } };

/** Largest relative residual accepted from the spectral road before it is declared failed. */
const SPECTRAL_MAX_RESIDUAL = 1e-12;

/** ‖AC + CAᵀ + SSᵀ‖_F/(‖A‖_F‖C‖_F + ‖SSᵀ‖_F). */
function lyapunovResidual(A: RealMatrix, C: RealMatrix, noise: RealMatrix): number {
  const m = A.rows;
  const R = sparseTimesDense(A, C);
  let rn = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    const v = R.data[i * m + j]! + R.data[j * m + i]! + noise.data[i * m + j]!;
    rn += v * v;
  }
  return Math.sqrt(rn) / (normFro(A) * normFro(C) + normFro(noise));
}

/** A·C with A scanned for its nonzeros first (A = [[0, I], [−H, −λΠ]] has O(n + nnz H) of them). */
function sparseTimesDense(A: RealMatrix, C: RealMatrix): RealMatrix {
  const m = A.rows, k = A.cols, p = C.cols;
  const R = realMatrix(m, p);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      const a = A.data[i * k + j]!;
      if (a === 0) continue;
      for (let c = 0; c < p; c++) R.data[i * p + c] += a * C.data[j * p + c]!;
    }
  }
  return R;
}

function lyapunovRoad(A: RealMatrix, noise: RealMatrix): RoadOut {
  // one real Schur factorization serves both the condition bound (A's eigenvalues are the 1×1 and
  // 2×2 diagonal blocks of T) and the Bartels–Stewart solve
  const schur = realSchur(A);
  const T = schur.T.data, m = A.rows;
  let minD = Infinity, maxD = 0;
  const note = (re: number): void => { const d = Math.abs(re); minD = Math.min(minD, d); maxD = Math.max(maxD, d); };
  for (let i = 0; i < m; i++) {
    if (i + 1 < m && T[(i + 1) * m + i] !== 0) {
      // 2×2 block [[a, b], [c, d]]: eigenvalues (a + d)/2 ± √(((a − d)/2)² + bc)
      const a = T[i * m + i]!, b = T[i * m + i + 1]!, c = T[(i + 1) * m + i]!, d = T[(i + 1) * m + i + 1]!;
      const h = (a - d) / 2, disc = h * h + b * c;
      if (disc < 0) note((a + d) / 2);
      else { note((a + d) / 2 + Math.sqrt(disc)); note((a + d) / 2 - Math.sqrt(disc)); }
      i++;
    } else note(T[i * m + i]!);
  }
  const cond = normFro(A) / (2 * minD);
  if (!(EPS * cond <= LYAPUNOV_MAX_ERROR)) {
    throw new NessrefError("singular", `harmonic Lyapunov road: the slowest mode damping min|Re E| = ${minD.toExponential(2)} (at the rounding level of ‖A‖ = ${normFro(A).toFixed(3)} if ≲ 1e−15) makes the forward-error bound ε‖A‖/(2 min|Re E|) = ${(EPS * cond).toExponential(2)} exceed ${LYAPUNOV_MAX_ERROR}; a localized chain needs method 'spectral' (relatively accurate mode tails) or the λ → 0 formula`, "/lambda");
  }
  return { C: realLyapunov(A, noise, schur), stats: { minDamping: minD, maxDamping: maxD, imaginaryResidue: 0 } };
}

/** One root of the QEP with its vector as doubles and its mode temperature τ. */
interface Root {
  er: number; ei: number;
  ure: Float64Array; uim: Float64Array;
  /** ln Σ_b |u_b|² */ logW: number;
  /** Σ_x |u_x|² */ n2: number;
  /** Σ_b T_b |u_b|²/Σ_b |u_b|² */ tau: number;
}

function spectralRoad(sys: HarmonicSystem, baths: readonly LangevinBath[], bathIdx: number[], lambda: number, A: RealMatrix): RoadOut {
  const n = sys.potentials.length;
  const guess = sys.laplacian ? null : eigvals(A);
  const roots: Root[] = [];
  const Ts = baths.map((b) => b.T);
  if (guess) {
    const { d, e } = chainTridiagonal(sys);
    let scale = lambda;
    for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i]!) + 2 * Math.abs(sys.g));
    const refined: { re: number; im: number }[] = [];
    for (let k = 0; k < guess.re.length; k++) {
      const gi = guess.im[k]!;
      if (gi < 0) continue;
      const r = refineQepRoot(d, e, bathIdx, lambda, guess.re[k]!, gi, scale);
      const moved = Math.hypot(r.im - gi, (gi === 0 ? r.re : 0) - (gi === 0 ? guess.re[k]! : 0));
      if (moved > 1e-6 * scale) throw new NessrefError("no-convergence", `harmonic spectral road: a root moved by ${moved.toExponential(2)} from its dense estimate in refinement`, "");
      const dark = bathIdx.every((b) => r.u.logAbs[b] === -Infinity || roundingZero(r.u, b));
      if (dark || r.logBathWeight === -Infinity) throw darkMode(Math.abs(r.im));
      const logs = bathIdx.map((b) => 2 * r.u.logAbs[b]!);
      const tau = Ts.reduce((s, T, j) => s + T * Math.exp(logs[j]! - r.logBathWeight), 0);
      const { re, im } = expandLog(r.u);
      refined.push({ re: r.re, im: r.im });
      roots.push({ er: r.re, ei: r.im, ure: re, uim: im, logW: r.logBathWeight, n2: r.norm2, tau });
      if (gi > 0) {
        const cre = Float64Array.from(im, (v) => -v);
        roots.push({ er: r.re, ei: -r.im, ure: re, uim: cre, logW: r.logBathWeight, n2: r.norm2, tau });
      }
    }
    // distinct roots: a refinement that lands twice on one root would silently drop another
    const sorted = roots.map((r) => [r.ei, r.er] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let k = 1; k < sorted.length; k++) {
      const gap = Math.hypot(sorted[k]![0] - sorted[k - 1]![0], sorted[k]![1] - sorted[k - 1]![1]);
      if (gap <= 1e-9 * scale) throw new NessrefError("no-convergence", `harmonic spectral road: two refined roots coincide (gap ${gap.toExponential(2)}); the modes are numerically degenerate`, "");
    }
    if (roots.length !== 2 * n) throw new NessrefError("no-convergence", `harmonic spectral road: ${roots.length} roots for ${2 * n} eigenvalues`, "");
  } else {
    const { values, vectors } = eig(A);
    const m = 2 * n;
    for (let k = 0; k < m; k++) {
      const ure = new Float64Array(n), uim = new Float64Array(n);
      let n2 = 0;
      for (let x = 0; x < n; x++) { ure[x] = vectors.re[x * m + k]!; uim[x] = vectors.im[x * m + k]!; n2 += ure[x]! * ure[x]! + uim[x]! * uim[x]!; }
      let w = 0, tw = 0;
      bathIdx.forEach((b, j) => { const a = ure[b]! * ure[b]! + uim[b]! * uim[b]!; w += a; tw += Ts[j]! * a; });
      if (!(w > 64 * EPS * EPS * n2)) throw unresolvedMode(Math.abs(values.im[k]!), "spectral road on a graph");
      const real = values.im[k] === 0;
      roots.push({ er: real ? values.re[k]! : -(lambda * w) / (2 * n2), ei: values.im[k]!, ure, uim, logW: Math.log(w), n2, tau: tw / w });
    }
  }
  return assembleSpectral(roots, bathIdx, Ts, lambda, n);
}

/**
 * A dense road cannot tell a mode dark at every bath (non-unique NESS) from one whose bath weight
 * is merely below the ~ε² resolution of dense eigenvectors (an exponentially localized mode):
 * refuse rather than guess either.
 */
function unresolvedMode(omega: number, what: string): NessrefError {
  return new NessrefError("singular", `harmonic (${what}): the mode at frequency ω ≈ ${omega.toPrecision(6)} has a bath weight below the resolution of dense eigenvectors (≈ ε²): it is either dark at every bath (then the steady state is not unique) or coupled too weakly for double precision to say; on a chain, leave out 'laplacian' to use the chain road, which resolves both`, "/baths");
}

function darkMode(omega: number): NessrefError {
  return new NessrefError("non-unique-ness", `harmonic: the mode at frequency ω ≈ ${omega.toPrecision(6)} vanishes at every bath site, so it is undamped (Re E = 0) and the steady state depends on the initial state`, "/baths");
}

/**
 * C = −Σ_{j,l} r_j r_l† (u_jᵀ D ū_l)/((E_j + Ē_l) N_j N̄_l), r = (u, Eu), N = 2E uᵀu + λΣ_b u_b²,
 * D = diag(2λT_b); the j = l terms of complex roots use Re E = −λW/(2n₂): M_jj = 2 n₂ τ/|N|².
 */
function assembleSpectral(roots: Root[], bathIdx: number[], Ts: number[], lambda: number, n: number): RoadOut {
  const m = roots.length;
  const Nre = new Float64Array(m), Nim = new Float64Array(m);
  let minD = Infinity, maxD = 0;
  roots.forEach((r, j) => {
    let tr = 0, ti = 0, br = 0, bi = 0;
    for (let x = 0; x < n; x++) { tr += r.ure[x]! * r.ure[x]! - r.uim[x]! * r.uim[x]!; ti += 2 * r.ure[x]! * r.uim[x]!; }
    for (const b of bathIdx) { br += r.ure[b]! * r.ure[b]! - r.uim[b]! * r.uim[b]!; bi += 2 * r.ure[b]! * r.uim[b]!; }
    Nre[j] = 2 * (r.er * tr - r.ei * ti) + lambda * br;
    Nim[j] = 2 * (r.er * ti + r.ei * tr) + lambda * bi;
    minD = Math.min(minD, Math.abs(r.er)); maxD = Math.max(maxD, Math.abs(r.er));
  });
  const M = complexMatrix(m, m);
  for (let j = 0; j < m; j++) {
    const rj = roots[j]!;
    for (let l = 0; l < m; l++) {
      const rl = roots[l]!;
      if (j === l && rj.ei !== 0) {
        M.re[j * m + j] = (2 * rj.n2 * rj.tau) / (Nre[j]! * Nre[j]! + Nim[j]! * Nim[j]!);
        continue;
      }
      // s = Σ_b 2λT_b u_j(b) ū_l(b)
      let sr = 0, si = 0;
      bathIdx.forEach((b, k) => {
        const c = 2 * lambda * Ts[k]!;
        sr += c * (rj.ure[b]! * rl.ure[b]! + rj.uim[b]! * rl.uim[b]!);
        si += c * (rj.uim[b]! * rl.ure[b]! - rj.ure[b]! * rl.uim[b]!);
      });
      if (sr === 0 && si === 0) continue;
      // den = (E_j + Ē_l) N_j N̄_l
      const er = rj.er + rl.er, ei = rj.ei - rl.ei;
      const pr = Nre[j]! * Nre[l]! + Nim[j]! * Nim[l]!, pi = Nim[j]! * Nre[l]! - Nre[j]! * Nim[l]!;
      const dr = er * pr - ei * pi, di = er * pi + ei * pr, dd = dr * dr + di * di;
      M.re[j * m + l] = -(sr * dr + si * di) / dd;
      M.im[j * m + l] = -(si * dr - sr * di) / dd;
    }
  }
  // R = [U; W] (2n × m), U_xj = u_j(x), W_xj = E_j u_j(x)
  const R = complexMatrix(2 * n, m);
  roots.forEach((r, j) => {
    for (let x = 0; x < n; x++) {
      R.re[x * m + j] = r.ure[x]!; R.im[x * m + j] = r.uim[x]!;
      R.re[(n + x) * m + j] = r.er * r.ure[x]! - r.ei * r.uim[x]!;
      R.im[(n + x) * m + j] = r.er * r.uim[x]! + r.ei * r.ure[x]!;
    }
  });
  const Cc: ComplexMatrix = cmatmulAdjointRight(cmatmul(R, M), R);
  const C = realMatrix(2 * n, 2 * n);
  let imax = 0, cmax = 0;
  for (let i = 0; i < 4 * n * n; i++) { C.data[i] = Cc.re[i]!; imax = Math.max(imax, Math.abs(Cc.im[i]!)); cmax = Math.max(cmax, Math.abs(Cc.re[i]!)); }
  // symmetrise (C is symmetric exactly; the roots' rounding breaks it at the ε level)
  const N2 = 2 * n;
  for (let i = 0; i < N2; i++) for (let j = i + 1; j < N2; j++) {
    const v = 0.5 * (C.data[i * N2 + j]! + C.data[j * N2 + i]!);
    C.data[i * N2 + j] = v; C.data[j * N2 + i] = v;
  }
  return { C, stats: { minDamping: minD, maxDamping: maxD, imaginaryResidue: cmax > 0 ? imax / cmax : 0 } };
}

/**
 * The λ → 0 limit of the NESS ([P1] eq. (2.9) on chains, eq. (2.10) on graphs).
 *
 * @example
 * ```ts
 * import { harmonicWeakCoupling } from "nessref/exact";
 * const r = harmonicWeakCoupling({ potentials: [1.2, 1.7, 1.4], g: 0.1 }, [{ site: 1, T: 1 }, { site: 3, T: 2 }]);
 * r.temperature; // each between 1 and 2
 * ```
 */
export interface HarmonicWeakCoupling {
  /** lim_{λ→0} T(x), x = 1..n */ temperature: Float64Array;
  /**
   * lim_{λ→0} J_b/λ = T_b − T(b) = Σ_k ψ_k(b)² Σ_c α_kc (T_b − T_c) per bath (the currents
   * themselves vanish with λ); written as a positive-weight sum it keeps relative accuracy for
   * currents as small as the tails
   */
  currentCoefficients: Float64Array;
  /** ω_k² ascending (eigenvalues of H) */ omega2: Float64Array;
  /** mode temperatures τ_k = Σ_b α_kb T_b in the order of `omega2` (in a degenerate level of a graph: the diagonal of X in the computed basis) */ modeTemperatures: Float64Array;
  /** min_k Σ_b ψ_k(b)² (normalised modes): the weakest coupling of a mode to the baths */ minBathWeight: number;
  /**
   * a posteriori estimate of the error of the weights α_kb and of T(x)/max_b T_b: chains
   * from the shift sensitivities of the twisted tails (weights) and the contamination of the
   * nearest modes in frequency (profile) (CONVENTIONS §5); graphs ε‖H‖n/(gap·√w_k)
   */
  weightErrorEstimate: number;
  /** chains: modes re-solved in double-double because the double road could not vouch for 1e−10 (0 on graphs) */ doubleDoubleModes: number;
  /** `"twisted"` (chain, O(n²)) or `"dense"` (graph) */ road: "twisted" | "dense";
}

/** Largest weightErrorEstimate accepted: above it the λ → 0 temperatures are refused. */
const WEAK_MAX_WEIGHT_ERROR = 1e-10;
/** Weight-error estimate of the double road above which a mode is re-solved in double-double. */
const DD_FROM = 1e-10; // = the default maxError; with a larger maxError, dd re-solves still start here
/** Neighbours (in frequency order) checked for contamination on each side. */
const WINDOW = 5;

/**
 * The λ → 0 kinetic-temperature profile of [P1] eq. (2.9) (chain) and eq. (2.10) (graph):
 * T(x) = Σ_k ψ_k(x)² Σ_b α_kb T_b, α_kb = ψ_k(b)²/Σ_c ψ_k(c)², Hψ_k = ω_k²ψ_k (MODELS §5).
 *
 * On a chain: eigenvalues by tridiagonal QR (O(n²)), eigenvectors by twisted factorization in
 * logarithmic form, so that α_kb is accurate even when ψ_k(b)² is 10⁻³⁰⁰ (CONVENTIONS §5);
 * practical for n in the thousands. On a graph: dense symmetric eigendecomposition; a level
 * degenerate to 10⁻¹⁰‖H‖ is treated by degenerate perturbation theory — within the level, the
 * mode covariance X solves ΓX + XΓ = 2N with Γ = ΨᵀΠΨ, N = ΨᵀΠ_TΨ (Π_T = Σ_b T_b|b⟩⟨b|), which is
 * eq. (2.10) when the level is simple.
 *
 * @param sys - the system
 * @param baths - the baths (their friction drops out)
 * @param opts - `maxError`: the largest accepted error estimate (default 1e−10)
 * @returns the λ → 0 profile, current coefficients and diagnostics
 * @throws NessrefError("invalid-input") on bad input; ("non-unique-ness") when a mode of a chain
 *   vanishes at every bath site; ("singular") when near-degenerate modes leave the weights or the
 *   profile less accurate than 1e−10 even after re-solving them in double-double, or when on a
 *   graph a mode (or a degenerate level's combination) has a bath weight below the resolution of
 *   dense eigenvectors (dark or merely tiny: a dense road cannot tell)
 *
 * @example
 * ```ts
 * import { harmonicWeakCoupling } from "nessref/exact";
 * const r = harmonicWeakCoupling({ potentials: [1.5, 1.1, 1.8, 1.3, 1.6], g: 0.1 }, [{ site: 1, T: 1 }, { site: 5, T: 2 }]);
 * r.temperature[0]; // close to 1: the modes near site 1 see mostly the cold bath
 * ```
 */
export function harmonicWeakCoupling(sys: HarmonicSystem, baths: readonly LangevinBath[], opts: HarmonicWeakCouplingOptions = {}): HarmonicWeakCoupling {
  const { n, bathIdx } = checkSystem(sys, baths);
  const maxError = opts.maxError ?? WEAK_MAX_WEIGHT_ERROR;
  if (!(maxError > 0) || !(maxError < 1)) throw new NessrefError("invalid-input", `harmonicWeakCoupling: maxError must be in (0, 1); got ${maxError}`, "/maxError");
  return sys.laplacian ? weakDense(sys, baths, bathIdx, n, maxError) : weakChain(sys, baths, bathIdx, n, maxError);
}

/**
 * Options of {@link harmonicWeakCoupling}.
 *
 * @example
 * ```ts
 * import type { HarmonicWeakCouplingOptions } from "nessref/exact";
 * const o: HarmonicWeakCouplingOptions = { maxError: 1e-6 }; // accept weights known to 1e−6
 * ```
 */
export interface HarmonicWeakCouplingOptions {
  /**
   * largest accepted `weightErrorEstimate` (default 1e−10); above it the profile is refused with
   * `singular`. Raising it returns profiles whose digits beyond that level are not vouched for
   * (the estimate is reported either way).
   */
  maxError?: number;
}

function weakChain(sys: HarmonicSystem, baths: readonly LangevinBath[], bathIdx: number[], n: number, maxError: number): HarmonicWeakCoupling {
  const { d, e } = chainTridiagonal(sys);
  const Ts = baths.map((b) => b.T);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i]!) + 2 * sys.g);
  const values = n === 1 ? Float64Array.of(d[0]!) : tridiagEigenvalues(d, e);
  const modes: ChainMode[] = n === 1
    ? [{ omega2: d[0]!, mant: Float64Array.of(1), shift: Int32Array.of(0), residual: 0, centre: 0, shiftError: 0, sens: Float64Array.from(bathIdx, () => 0) }]
    : chainModes(d, e, values, scale, bathIdx);
  const nb = bathIdx.length;
  const lo = new Float64Array(n); // low parts of ω² for the modes re-solved in double-double
  const delta = Float64Array.from(modes, (md) => md.shiftError); // shift error δμ per mode
  // ln ψ_k(b)² per mode and bath, and ln W_k = ln Σ_b ψ_k(b)²
  const logBath = new Float64Array(n * nb), logW = new Float64Array(n);
  const setBath = (k: number): void => {
    let mx = -Infinity;
    for (let j = 0; j < nb; j++) { const l = logPsi2(modes[k]!, bathIdx[j]!); logBath[k * nb + j] = l; if (l > mx) mx = l; }
    if (mx === -Infinity) { logW[k] = -Infinity; return; }
    let sum = 0;
    for (let j = 0; j < nb; j++) sum += Math.exp(logBath[k * nb + j]! - mx);
    logW[k] = mx + Math.log(sum);
  };
  for (let k = 0; k < n; k++) setBath(k);
  // a mode dark at every bath makes the NESS non-unique: report it before any accuracy estimate
  // (whose bath weights would be −∞ or rounding noise for it)
  {
    const shifted = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const md = modes[k]!;
      if (logW[k] === -Infinity || bathIdx.every((b) => isDarkAt(md, b, d, e, shifted))) throw darkMode(Math.sqrt(md.omega2));
    }
  }
  // A-posteriori error estimate (CONVENTIONS §5), two parts.
  // Weights: the computed ratio ψ_k(b)/ψ_k(c) is off by (s(b) − s(c))·δμ to first order, with s the
  // shift sensitivities of the twisted vector (shiftSensitivity: the response through the Green's
  // function, which includes every other mode with their cancellations) and δμ ≤ 8ε‖H‖ for a
  // double mode (2ε‖H‖ for the Rayleigh-corrected shift, the rest for the pivots' rounding, which
  // acts like a local shift of ≤ 2ε‖H‖ at each site), plus 2ε per ratio of the recurrence between
  // the twist r and the site; hence |δα_b| ≤ 2α_b Σ_{c≠b} α_c |δ ln(ψ(b)/ψ(c))|.
  // Profile: two modes computed independently break completeness Σ_k ψ_k(x)² = 1 by
  // 2ψ_kψ_l(θ_kl + θ_lk), θ_kl = δμ_k ψ_l(r)/((μ_l − μ_k)ψ_k(r)) the weight of mode l in mode k's
  // vector: at most 4θ·max T_b per pair (the 5 nearest modes in frequency on each side).
  const LN4 = Math.log(4);
  const estimate = (k: number): number => {
    const md = modes[k]!, r = md.centre, dm = md.sens ? 4 * delta[k]! : delta[k]!;
    let w = 0;
    for (let j = 0; j < nb; j++) {
      const bj = bathIdx[j]!, sj = md.sens ? md.sens[j]! : 0;
      let sum = 0;
      for (let c = 0; c < nb; c++) {
        if (c === j) continue;
        const bc = bathIdx[c]!, sc = md.sens ? md.sens[c]! : 0;
        const diff = Math.abs(sj - sc) * dm + 2 * EPS * (Math.abs(bj - r) + Math.abs(bc - r));
        sum += Math.exp(logBath[k * nb + c]! - logW[k]!) * (Number.isFinite(diff) ? diff : Infinity);
      }
      w = Math.max(w, 2 * Math.exp(logBath[k * nb + j]! - logW[k]!) * sum);
    }
    let best = -Infinity;
    const lk = logPsi2(md, r), ld = Math.log(delta[k]!);
    for (let l = Math.max(0, k - WINDOW); l <= Math.min(n - 1, k + WINDOW); l++) {
      if (l === k) continue;
      const gap = Math.abs(modes[l]!.omega2 - md.omega2 + (lo[l]! - lo[k]!));
      const lt = ld - Math.log(gap) + 0.5 * (logPsi2(modes[l]!, r) - lk) + LN4;
      if (lt > best) best = lt;
    }
    const est = Math.max(w, Math.exp(best));
    return Number.isNaN(est) ? 1 : Math.min(1, est);
  };
  // modes the double road cannot vouch for to 1e−10 are re-solved in double-double
  const flagged: number[] = [], est0 = new Float64Array(n);
  for (let k = 0; k < n; k++) { est0[k] = estimate(k); if (est0[k]! > DD_FROM) flagged.push(k); }
  // a flagged mode is re-solved; so is any neighbour closer than the double rounding of ω², so
  // that the ordering check below compares two double-double values
  const redo = new Set<number>();
  for (const k of flagged) {
    redo.add(k);
    for (let l = Math.max(0, k - WINDOW); l <= Math.min(n - 1, k + WINDOW); l++) {
      if (Math.abs(modes[l]!.omega2 - modes[k]!.omega2) < 64 * EPS * scale) redo.add(l);
    }
  }
  for (const k of redo) {
    const m = chainModeDD(d, e, modes[k]!.omega2, scale);
    modes[k] = m; lo[k] = m.omega2Lo; delta[k] = m.shiftError;
    setBath(k);
  }
  const omega2 = Float64Array.from(modes, (md) => md.omega2);
  for (let k = 1; k < n; k++) {
    if (omega2[k]! - omega2[k - 1]! + (lo[k]! - lo[k - 1]!) <= 0) {
      throw new NessrefError("singular", `harmonicWeakCoupling: two modes at ω² ≈ ${omega2[k]} coincide to 32 digits; eq. (2.9) needs a non-degenerate spectrum`, "/potentials");
    }
  }
  // re-estimate only where a mode or a neighbour in its window was re-solved
  const touched = new Uint8Array(n);
  for (const k of redo) for (let l = Math.max(0, k - WINDOW); l <= Math.min(n - 1, k + WINDOW); l++) touched[l] = 1;
  let errEst = 0;
  for (let k = 0; k < n; k++) errEst = Math.max(errEst, touched[k] ? estimate(k) : est0[k]!);
  if (errEst > maxError) {
    throw new NessrefError("singular", `harmonicWeakCoupling: two modes are so close in frequency that the weights α_kb or the profile are only known to ${errEst.toExponential(1)} (> ${maxError}) even in double-double; the λ → 0 limit of eq. (2.9) needs λ below that level spacing`, "/potentials");
  }
  const temperature = new Float64Array(n), coeff = new Float64Array(nb), tauK = new Float64Array(n);
  let minW = Infinity;
  const alpha = new Float64Array(nb);
  for (let k = 0; k < n; k++) {
    const md = modes[k]!;
    minW = Math.min(minW, Math.exp(logW[k]!));
    let tau = 0;
    for (let j = 0; j < nb; j++) { alpha[j] = Math.exp(logBath[k * nb + j]! - logW[k]!); tau += alpha[j]! * Ts[j]!; }
    tauK[k] = tau;
    // ψ_k(x)² for shift 0; the scaled-away tails are below 10⁻³⁰⁰ and do not reach T(x)
    const mant = md.mant, sh = md.shift;
    for (let x = 0; x < n; x++) if (sh[x] === 0) temperature[x] += mant[x]! * mant[x]! * tau;
    for (let j = 0; j < nb; j++) {
      let s = 0;
      for (let c = 0; c < nb; c++) s += alpha[c]! * (Ts[j]! - Ts[c]!);
      coeff[j] += Math.exp(logBath[k * nb + j]!) * s;
    }
  }
  return { temperature, currentCoefficients: coeff, omega2, modeTemperatures: tauK, minBathWeight: minW, weightErrorEstimate: errEst, doubleDoubleModes: redo.size, road: "twisted" };
}

/** Interior-site dark-mode test on the twisted vector of H − ω_k² (rounding-level amplitude). */
function isDarkAt(md: ChainMode, b: number, d: Float64Array, e: Float64Array, shifted: Float64Array): boolean {
  const n = d.length;
  if (b === 0 || b === n - 1) return false;
  for (let i = 0; i < n; i++) shifted[i] = d[i]! - md.omega2;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i]!) + 2 * Math.abs(e[0] ?? 0));
  return roundingZero(twistedVector(shifted, null, e, scale), b);
}

function weakDense(sys: HarmonicSystem, baths: readonly LangevinBath[], bathIdx: number[], n: number, maxError: number): HarmonicWeakCoupling {
  const H = harmonicMatrix(sys);
  const { values, vectors } = symEig(H);
  const Ts = baths.map((b) => b.T);
  const scale = Math.max(Math.abs(values[0]!), Math.abs(values[n - 1]!));
  const temperature = new Float64Array(n), coeff = new Float64Array(baths.length), tauK = new Float64Array(n);
  let minW = Infinity, errEst = 0;
  const tol = 1e-10 * scale;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[end]! - values[end - 1]! <= tol) end++;
    const m = end - start;
    const gapLo = start > 0 ? values[start]! - values[start - 1]! : Infinity;
    const gapHi = end < n ? values[end]! - values[end - 1]! : Infinity;
    const gap = Math.min(gapLo, gapHi);
    // Γ = ΨᵀΠΨ, N = ΨᵀΠ_TΨ restricted to the level
    const G = realMatrix(m, m), Nm = realMatrix(m, m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
      let g = 0, t = 0;
      bathIdx.forEach((b, k) => {
        const p = vectors.data[b * n + start + i]! * vectors.data[b * n + start + j]!;
        g += p; t += Ts[k]! * p;
      });
      G.data[i * m + j] = g; Nm.data[i * m + j] = t;
    }
    const { values: gam, vectors: Rv } = symEig(G);
    if (!(gam[0]! > 64 * EPS * EPS + 16 * EPS * gam[m - 1]!)) throw unresolvedMode(Math.sqrt(values[start]!), "λ → 0 on a graph");
    // X = R [(Rᵀ 2N R)_ij/(γ_i + γ_j)] Rᵀ
    const Y = matmul(matmul(transpose(Rv), Nm), Rv);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) Y.data[i * m + j] = (2 * Y.data[i * m + j]!) / (gam[i]! + gam[j]!);
    const X = matmul(matmul(Rv, Y), transpose(Rv));
    for (let i = 0; i < m; i++) {
      minW = Math.min(minW, gam[i]!);
      errEst = Math.max(errEst, Math.min(1, (EPS * scale * n) / (gap * Math.sqrt(gam[i]!))));
    }
    for (let i = 0; i < m; i++) tauK[start + i] = X.data[i * m + i]!;
    for (let x = 0; x < n; x++) {
      let s = 0;
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) s += vectors.data[x * n + start + i]! * X.data[i * m + j]! * vectors.data[x * n + start + j]!;
      temperature[x] += s;
    }
    bathIdx.forEach((b, k) => {
      let s = 0;
      for (let i = 0; i < m; i++) s += vectors.data[b * n + start + i]! ** 2;
      let xs = 0;
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) xs += vectors.data[b * n + start + i]! * X.data[i * m + j]! * vectors.data[b * n + start + j]!;
      coeff[k] += Ts[k]! * s - xs;
    });
    start = end;
  }
  if (errEst > maxError) {
    throw new NessrefError("singular", `harmonicWeakCoupling: a mode couples to the baths so weakly (or sits so close to another level) that its weights are only known to ${errEst.toExponential(1)} with a dense eigensolver (> ${maxError})`, "/potentials");
  }
  return { temperature, currentCoefficients: coeff, omega2: Float64Array.from(values), modeTemperatures: tauK, minBathWeight: minW, weightErrorEstimate: errEst, doubleDoubleModes: 0, road: "dense" };
}
