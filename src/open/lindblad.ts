/**
 * Lindblad baths of spin chains as local data (CONVENTIONS §1a–§1c, §3), and the dense
 * Kronecker-built Lindbladian of a small chain (CONVENTIONS §0: column stacking,
 * vec(AXB) = (Bᵀ ⊗ A) vec X) — the textbook road that the block solver of
 * `blockLiouvillian.ts` is checked against.
 *
 * Every bath becomes one or more {@link LocalDissipator}s: either a set of local Lindblad
 * operators on one or two adjacent sites (source/sink, dephasing, the bulk operators of §3),
 * or a two-site reset channel Γ(ρ_k ⊗ Tr_{a,a+1}ρ − ρ) (target baths, §1a), which is kept in
 * that form because it is what the bath is; its 16 Lindblad operators √(Γp_i)|φ_i⟩⟨e_j| are
 * available from {@link resetLindbladOperators}.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { ckron } from "../linalg/dense.js";
import { complexIdentity, complexMatrix, realMatrix, type ComplexMatrix } from "../linalg/matrix.js";
import { symEig } from "../linalg/symeig.js";
import { embed, pauli, spin } from "../quantum/spin.js";
import type { ChainModel } from "../models/chain.js";

/**
 * A bath of a Lindblad chain (the shapes of CONTRACT `lindblad-ness` `baths[]`).
 *
 * @example
 * ```ts
 * import type { ChainBath } from "nessref/open";
 * const b: ChainBath = { type: "target", sites: [1, 2], beta: 0.5, mu: 0, rate: 1 };
 * ```
 */
export type ChainBath =
  | {
      /** §1a target-state (reset) bath */ readonly type: "target";
      /** two adjacent 1-based sites [a, a+1] */ readonly sites: readonly number[];
      /** inverse temperature β of the target (any sign) */ readonly beta: number;
      /** chemical potential μ of the target */ readonly mu: number;
      /** reset rate Γ ≥ 0 (default 1) */ readonly rate?: number;
    }
  | {
      /** §1b source/sink bath */ readonly type: "source-sink";
      /** 1-based site s */ readonly site: number;
      /** γ⁺ ≥ 0 of √γ⁺σ^+_s */ readonly gammaPlus: number;
      /** γ⁻ ≥ 0 of √γ⁻σ^−_s */ readonly gammaMinus: number;
    }
  | {
      /** §1c dephasing √γ_d σ^z_i */ readonly type: "dephasing";
      /** γ_d ≥ 0 */ readonly rate: number;
      /** 1-based sites (all sites when absent) */ readonly sites?: readonly number[];
    }
  | {
      /** §3 bulk drive L^{±,1}, L^{±,2}, L^z */ readonly type: "bulk-nonthermal";
      /** ε ≥ 0, the rate of every operator */ readonly epsilon: number;
    };

/**
 * One local piece of a dissipator: Lindblad operators on adjacent sites, or a reset channel.
 *
 * @example
 * ```ts
 * import { chainDissipators } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const d = chainDissipators(xxzChain({ L: 3, J: 1, delta: 1 }), [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0 }]);
 * d[0].kind; // "lindblad"
 * ```
 */
export type LocalDissipator =
  | {
      /** Σ_ℓ (ℓρℓ† − ½{ℓ†ℓ, ρ}) with the given local operators (rates included). */ readonly kind: "lindblad";
      /** ascending adjacent 1-based sites */ readonly sites: readonly number[];
      /** local operators, 2^k × 2^k */ readonly ops: readonly ComplexMatrix[];
    }
  | {
      /** Γ(target ⊗ Tr_sites ρ − ρ) (§1a). */ readonly kind: "reset";
      /** two adjacent 1-based sites */ readonly sites: readonly number[];
      /** the 4×4 target state ρ_k (Tr = 1) */ readonly target: ComplexMatrix;
      /** Γ ≥ 0 */ readonly rate: number;
    };

function scaled(A: ComplexMatrix, c: number): ComplexMatrix {
  const out = complexMatrix(A.rows, A.cols);
  for (let k = 0; k < A.re.length; k++) {
    out.re[k] = c * A.re[k];
    out.im[k] = c * A.im[k];
  }
  return out;
}

function plus(A: ComplexMatrix, B: ComplexMatrix, b = 1): ComplexMatrix {
  const out = complexMatrix(A.rows, A.cols);
  for (let k = 0; k < A.re.length; k++) {
    out.re[k] = A.re[k] + b * B.re[k];
    out.im[k] = A.im[k] + b * B.im[k];
  }
  return out;
}

/**
 * The two-site target state of a boundary bath, ρ_k = exp(−β(h2 − μ(s^z_a + s^z_{a+1})))/Z
 * (CONVENTIONS §1a), from the clean bond h2 (real symmetric for every model here). Computed from
 * the eigen-decomposition with the exponent shifted by its maximum (no overflow for any β).
 *
 * @param cleanBond - h2, 4×4 real symmetric
 * @param beta - β (any real number)
 * @param mu - μ
 * @returns the 4×4 density matrix
 * @throws NessrefError("invalid-input") if h2 is not real symmetric or β, μ are not finite
 *
 * @example
 * ```ts
 * import { targetState } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const rho = targetState(xxzChain({ L: 2, J: 1, delta: 1 }).cleanBonds[0], 0, 0); // I/4
 * ```
 */
export function targetState(cleanBond: ComplexMatrix, beta: number, mu: number): ComplexMatrix {
  if (!Number.isFinite(beta) || !Number.isFinite(mu)) throw new NessrefError("invalid-input", `targetState: β and μ must be finite, got ${beta}, ${mu}`, "");
  if (cleanBond.rows !== 4 || cleanBond.cols !== 4 || cleanBond.im.some((v) => v !== 0)) {
    throw new NessrefError("invalid-input", "targetState: the clean bond must be a real 4×4 matrix", "");
  }
  const G = realMatrix(4, 4, Float64Array.from(cleanBond.re));
  const mz = [1, 0, 0, -1]; // s^z_a + s^z_{a+1} on |↑↑⟩, |↑↓⟩, |↓↑⟩, |↓↓⟩
  for (let k = 0; k < 4; k++) G.data[k * 5] -= mu * mz[k];
  const { values, vectors } = symEig(G);
  const ex = Array.from(values, (e) => -beta * e);
  const top = Math.max(...ex);
  const w = ex.map((x) => Math.exp(x - top));
  const Z = w.reduce((a, b) => a + b, 0);
  const out = complexMatrix(4, 4);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += vectors.data[i * 4 + k] * (w[k] / Z) * vectors.data[j * 4 + k];
      out.re[i * 4 + j] = s;
    }
  }
  return out;
}

/**
 * The Lindblad operators of a reset channel Γ(ρ_k ⊗ Tr ρ − ρ): L_{ij} = √(Γ p_i)|φ_i⟩⟨e_j| with
 * (p_i, φ_i) the eigenpairs of ρ_k and e_j the computational basis (CONVENTIONS §1a); pairs with
 * p_i = 0 are left out. Σ_{ij} L_{ij}ρL_{ij}† = Γ ρ_k Tr ρ and Σ L†L = Γ·I.
 *
 * @param target - ρ_k, d×d real symmetric positive semidefinite with trace 1
 * @param rate - Γ ≥ 0
 * @returns up to d² operators, d×d
 *
 * @example
 * ```ts
 * import { resetLindbladOperators } from "nessref/open";
 * import { complexIdentity } from "nessref/linalg";
 * const Ls = resetLindbladOperators(complexIdentity(2), 1); // reset to I (unnormalised): 4 operators
 * ```
 */
export function resetLindbladOperators(target: ComplexMatrix, rate: number): ComplexMatrix[] {
  const d = target.rows;
  const { values, vectors } = symEig(realMatrix(d, d, Float64Array.from(target.re)));
  const out: ComplexMatrix[] = [];
  for (let i = 0; i < d; i++) {
    const p = Math.max(0, values[i]);
    if (p === 0 || rate === 0) continue;
    const amp = Math.sqrt(rate * p);
    for (let j = 0; j < d; j++) {
      const L = complexMatrix(d, d);
      for (let r = 0; r < d; r++) L.re[r * d + j] = amp * vectors.data[r * d + i];
      out.push(L);
    }
  }
  return out;
}

function checkSite(s: number, L: number, path: string): void {
  if (!Number.isInteger(s) || s < 1 || s > L) throw new NessrefError("invalid-input", `site ${s} is not a site of the chain 1..${L}`, path);
}

function checkRate(r: number, path: string): void {
  if (!(r >= 0) || !Number.isFinite(r)) throw new NessrefError("invalid-input", `rate must be finite and ≥ 0, got ${r}`, path);
}

/**
 * The local dissipators of a list of baths on a chain (CONVENTIONS §1a–§1c, §3):
 * - `target` on (a, a+1): a reset channel to {@link targetState} of the model's clean bond a;
 * - `source-sink` at s: Lindblad operators √γ⁺σ^+_s, √γ⁻σ^−_s;
 * - `dephasing`: √γ_d σ^z_i on each site (all sites when `sites` is absent);
 * - `bulk-nonthermal`: √ε times L^{±,1}_i = s^±_i(1 ∓ 2s^z_{i+1})/(2√2), L^{±,2}_i = (1 ∓ 2s^z_i)s^±_{i+1}/(2√2)
 *   on every bond, and L^z_i = s^z_i on every site.
 * Baths with zero rate contribute nothing.
 *
 * @param model - the chain (its clean bonds define the target states)
 * @param baths - the baths
 * @returns the local dissipators
 * @throws NessrefError("invalid-input") for bad sites or rates (path `/baths/k/…`)
 *
 * @example
 * ```ts
 * import { chainDissipators } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const d = chainDissipators(xxzChain({ L: 4, J: 1, delta: 1 }), [{ type: "dephasing", rate: 0.1 }]);
 * d.length; // 4
 * ```
 */
export function chainDissipators(model: ChainModel, baths: readonly ChainBath[]): LocalDissipator[] {
  const L = model.L;
  const out: LocalDissipator[] = [];
  const sz = pauli("z");
  baths.forEach((b, k) => {
    const at = `/baths/${k}`;
    if (b.type === "target") {
      const [a, a1] = b.sites;
      checkSite(a, L, `${at}/sites/0`);
      checkSite(a1, L, `${at}/sites/1`);
      if (b.sites.length !== 2 || a1 !== a + 1) throw new NessrefError("invalid-input", "a target bath needs two adjacent sites [a, a+1]", `${at}/sites`);
      const rate = b.rate ?? 1;
      checkRate(rate, `${at}/rate`);
      if (rate > 0) out.push({ kind: "reset", sites: [a, a + 1], target: targetState(model.cleanBonds[a - 1], b.beta, b.mu), rate });
    } else if (b.type === "source-sink") {
      checkSite(b.site, L, `${at}/site`);
      checkRate(b.gammaPlus, `${at}/gammaPlus`);
      checkRate(b.gammaMinus, `${at}/gammaMinus`);
      const ops: ComplexMatrix[] = [];
      if (b.gammaPlus > 0) ops.push(scaled(pauli("+"), Math.sqrt(b.gammaPlus)));
      if (b.gammaMinus > 0) ops.push(scaled(pauli("-"), Math.sqrt(b.gammaMinus)));
      if (ops.length) out.push({ kind: "lindblad", sites: [b.site], ops });
    } else if (b.type === "dephasing") {
      checkRate(b.rate, `${at}/rate`);
      const sites = b.sites ?? Array.from({ length: L }, (_, i) => i + 1);
      sites.forEach((s, j) => checkSite(s, L, `${at}/sites/${j}`));
      if (b.rate > 0) for (const s of sites) out.push({ kind: "lindblad", sites: [s], ops: [scaled(sz, Math.sqrt(b.rate))] });
    } else {
      checkRate(b.epsilon, `${at}/epsilon`);
      if (b.epsilon === 0) return;
      const c = Math.sqrt(b.epsilon) / (2 * Math.SQRT2);
      const I = complexIdentity(2);
      const down2 = plus(I, sz, -1); // 1 − 2s^z = 1 − σ^z
      const up2 = plus(I, sz, 1); // 1 + 2s^z
      for (let i = 1; i < L; i++) {
        out.push({
          kind: "lindblad",
          sites: [i, i + 1],
          ops: [
            scaled(ckron(pauli("+"), down2), c),
            scaled(ckron(pauli("-"), up2), c),
            scaled(ckron(down2, pauli("+")), c),
            scaled(ckron(up2, pauli("-")), c),
          ],
        });
      }
      const e = Math.sqrt(b.epsilon);
      for (let i = 1; i <= L; i++) out.push({ kind: "lindblad", sites: [i], ops: [scaled(spin("z"), e)] });
    }
  });
  return out;
}

/**
 * Whether a list of dissipators breaks the strong U(1) symmetry (some jump changes Σ s^z).
 * Without such a jump every magnetization sector has its own steady state and the NESS is
 * not unique (CONVENTIONS §0).
 *
 * @param dissipators - the local dissipators
 * @returns true if some operator changes the local magnetization or a reset has rate > 0
 *
 * @example
 * ```ts
 * import { chainDissipators, changesMagnetization } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * changesMagnetization(chainDissipators(xxzChain({ L: 3, J: 1, delta: 1 }), [{ type: "dephasing", rate: 1 }])); // false
 * ```
 */
export function changesMagnetization(dissipators: readonly LocalDissipator[]): boolean {
  for (const d of dissipators) {
    // a reset with rate > 0 replaces the local state whatever its magnetization
    if (d.kind === "reset") {
      if (d.rate > 0) return true;
      continue;
    }
    for (const op of d.ops) if (magnetizationChanges(op, d.sites.length).some((ch) => ch !== 0)) return true;
  }
  return false;
}

/**
 * The distinct changes of the number of ↓ spins that a local operator's nonzero entries make
 * (entry (r, c) maps local configuration c to r; configuration bits set = ↓, §0).
 *
 * @param op - 2^k × 2^k local operator
 * @param k - number of sites it acts on
 * @returns the distinct values of downs(r) − downs(c) over the nonzero entries
 *
 * @example
 * ```ts
 * import { magnetizationChanges } from "nessref/open";
 * import { pauli } from "nessref/quantum";
 * magnetizationChanges(pauli("+"), 1); // [-1]: σ^+ removes a ↓ spin
 * ```
 */
export function magnetizationChanges(op: ComplexMatrix, k: number): number[] {
  const dim = 1 << k;
  const downs = (a: number) => { let m = 0; for (let j = 0; j < k; j++) m += (a >> j) & 1; return m; };
  const seen = new Set<number>();
  for (let r = 0; r < dim; r++) for (let c = 0; c < dim; c++) {
    if (op.re[r * dim + c] !== 0 || op.im[r * dim + c] !== 0) seen.add(downs(r) - downs(c));
  }
  return [...seen];
}

/**
 * The full Lindblad operators of a dissipator list as 2^L × 2^L matrices (reset channels
 * expanded into their Lindblad operators). For small L only.
 *
 * @param L - number of sites (≤ 14)
 * @param dissipators - the local dissipators
 * @returns the embedded operators
 *
 * @example
 * ```ts
 * import { chainDissipators, embeddedLindbladOperators } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const Ls = embeddedLindbladOperators(3, chainDissipators(xxzChain({ L: 3, J: 1, delta: 1 }), [{ type: "dephasing", rate: 1 }]));
 * Ls.length; // 3
 * ```
 */
export function embeddedLindbladOperators(L: number, dissipators: readonly LocalDissipator[]): ComplexMatrix[] {
  const out: ComplexMatrix[] = [];
  for (const d of dissipators) {
    const ops = d.kind === "reset" ? resetLindbladOperators(d.target, d.rate) : d.ops;
    for (const op of ops) out.push(embed(op, d.sites, L));
  }
  return out;
}

/**
 * H = Σ_b e_b of a chain as a dense 2^L × 2^L matrix (small L only).
 *
 * @param model - the chain
 * @returns H
 *
 * @example
 * ```ts
 * import { chainHamiltonianDense } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * chainHamiltonianDense(xxzChain({ L: 2, J: 1, delta: 1 })).re[0]; // 0.25
 * ```
 */
export function chainHamiltonianDense(model: ChainModel): ComplexMatrix {
  const N = 2 ** model.L;
  let H = complexMatrix(N, N);
  model.bondEnergies.forEach((e, b) => {
    H = plus(H, embed(e, [b + 1, b + 2], model.L));
  });
  return H;
}

/**
 * The dense Lindbladian superoperator in column stacking (CONVENTIONS §0):
 * 𝓛 = −i(I ⊗ H − Hᵀ ⊗ I) + Σ_k (L̄_k ⊗ L_k − ½ I ⊗ L_k†L_k − ½ (L_k†L_k)ᵀ ⊗ I), so that
 * vec(dρ/dt) = 𝓛 vec(ρ). Size 4^L × 4^L: for small chains and tests.
 *
 * @param H - Hamiltonian, N×N
 * @param Ls - Lindblad operators, N×N each
 * @returns the N²×N² superoperator
 * @throws NessrefError("out-of-range") for N > 64
 *
 * @example
 * ```ts
 * import { lindbladSuperoperator } from "nessref/open";
 * import { pauli } from "nessref/quantum";
 * const S = lindbladSuperoperator(pauli("z"), [pauli("-")]); // 4×4 for one spin
 * ```
 */
export function lindbladSuperoperator(H: ComplexMatrix, Ls: readonly ComplexMatrix[]): ComplexMatrix {
  const N = H.rows;
  if (N > 64) throw new NessrefError("out-of-range", `lindbladSuperoperator: N = ${N} > 64 would be a dense ${N * N}² array`, "");
  const I = complexIdentity(N);
  const tr = (A: ComplexMatrix) => {
    const T = complexMatrix(N, N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
      T.re[j * N + i] = A.re[i * N + j];
      T.im[j * N + i] = A.im[i * N + j];
    }
    return T;
  };
  const conjOf = (A: ComplexMatrix) => complexMatrix(N, N, Float64Array.from(A.re), A.im.map((v) => -v));
  const mul = (A: ComplexMatrix, B: ComplexMatrix) => {
    const C = complexMatrix(N, N);
    for (let i = 0; i < N; i++) for (let k = 0; k < N; k++) {
      const ar = A.re[i * N + k], ai = A.im[i * N + k];
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < N; j++) {
        C.re[i * N + j] += ar * B.re[k * N + j] - ai * B.im[k * N + j];
        C.im[i * N + j] += ar * B.im[k * N + j] + ai * B.re[k * N + j];
      }
    }
    return C;
  };
  const adj = (A: ComplexMatrix) => conjOf(tr(A));
  const comm = plus(ckron(I, H), ckron(tr(H), I), -1);
  // −i·comm
  let S = complexMatrix(N * N, N * N, Float64Array.from(comm.im), comm.re.map((v) => -v));
  for (const Lk of Ls) {
    const K = mul(adj(Lk), Lk);
    S = plus(S, ckron(conjOf(Lk), Lk));
    S = plus(S, ckron(I, K), -0.5);
    S = plus(S, ckron(tr(K), I), -0.5);
  }
  return S;
}
