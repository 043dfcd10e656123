/**
 * The Lindbladian of a spin chain restricted to a block structure of Liouville space
 * (CONVENTIONS §0, §1a–§1c, §3), applied matrix-free, and its steady state.
 *
 * Splitting. With K = Σ_k L_k†L_k the Lindbladian is
 *
 *     𝓛ρ = −i[H, ρ] − ½{K, ρ} + 𝓙ρ,   𝓙ρ = Σ_k L_k ρ L_k†  (reset channels: Γ ρ_k ⊗ Tr_{a,a+1} ρ).
 *
 * 𝓙 is a sparse real matrix on the stored entries (each entry of 𝓙ρ needs at most 16 entries
 * of ρ); H and K are dense real blocks. For the steady state the Lindbladian is split as
 * 𝓛 = (𝓛_H − c) + 𝓡 with 𝓛_H = −i[H, ·], a scalar c > 0 and 𝓡ρ = 𝓙ρ + cρ − ½{K, ρ}. Then 𝓛ρ = 0 ⟺
 * ρ = 𝓣ρ with 𝓣 = −(𝓛_H − c)⁻¹𝓡 = ∫₀^∞ e^{−ct} U_t (𝓡ρ) U_t† dt. 𝓣 preserves the trace (Tr 𝓡ρ = c Tr ρ
 * because Tr 𝓙ρ = Tr Kρ) and, when K = κ·1 (target and dephasing baths) and c = κ, 𝓣 is the
 * channel "jump, then evolve unitarily for an exponential time": a CPTP map whose only fixed
 * point is the NESS. (𝓛_H − c)⁻¹ is diagonal in the eigenbasis of H, so 𝓣 costs one sparse
 * product and, per block, four real matrix products each way (H is real symmetric for every
 * model here, so its eigenvectors are real). The NESS is ρ = ρ₀ + δ with (1 − 𝓣)δ = 𝓣ρ₀ − ρ₀,
 * solved by GMRES: the right-hand side is traceless and 1 − 𝓣 maps everything into the
 * traceless subspace, on which it is invertible exactly when the NESS is unique.
 *
 * Uniqueness. The solve is repeated from a second, generic start ρ₀′; with a kernel of
 * dimension ≥ 2 the two results are the projections of different starts onto the fixed-point
 * space and differ, and the solver raises `non-unique-ness`. A dissipator that never changes
 * Σ s^z leaves one steady state per sector; that case is refused before any solve.
 * With source/sink baths (K not a multiple of 1) GMRES is right-preconditioned by a coarse-space
 * correction on the populations of the H eigenbasis, where 1 − 𝓣 is exactly the Pauli rate matrix
 * of the jumps over c ({@link solveBlockNess}, option `deflation`).
 * Small problems (≤ `denseMaxDim` stored entries) are solved densely instead: the block
 * generator is formed column by column and its kernel dimension is read off its singular
 * values ({@link cnullVector}).
 *
 * @module
 */
import { totalmem } from "node:os";
import { NessrefError } from "../errors.js";
import { gemm } from "../linalg/kernels.js";
import { complexMatrix, realMatrix, type ComplexVector } from "../linalg/matrix.js";
import { TripletBuilder, csrMatvec, type CsrMatrix } from "../linalg/sparse.js";
import { symEig } from "../linalg/symeig.js";
import { cgmres } from "../linalg/krylov.js";
import { cnullVector } from "../linalg/nullspace.js";
import { condEstimate1, luFactor, luSolve } from "../linalg/lu.js";
import { siteOffsets } from "../quantum/apply.js";
import { blockTrace, fullBlockStructure, maximallyMixed, u1BlockStructure, type BlockState, type BlockStructure } from "../quantum/blockState.js";
import type { ChainModel } from "../models/chain.js";
import { changesMagnetization, type LocalDissipator } from "./lindblad.js";

/**
 * A chain Lindbladian on a block structure (see the module comment for the splitting).
 *
 * @example
 * ```ts
 * import { buildBlockLiouvillian, chainDissipators } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const m = xxzChain({ L: 4, J: 1, delta: 1 });
 * const Lv = buildBlockLiouvillian(m, chainDissipators(m, [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0.5 }]), "u1");
 * Lv.structure.dim; // 70
 * ```
 */
export interface BlockLiouvillian {
  /** Which entries of ρ are stored. */
  readonly structure: BlockStructure;
  /** H restricted to each block, n_b × n_b real symmetric, row-major. */
  readonly hBlocks: readonly Float64Array[];
  /** K = Σ L_k†L_k restricted to each block, real symmetric. */
  readonly kBlocks: readonly Float64Array[];
  /** κ when K = κ·1 exactly, else null. */
  readonly kScalar: number | null;
  /** Whether every K block is diagonal. */
  readonly kDiagonal: boolean;
  /** 𝓙 as a real sparse matrix on the stored entries (acts on real and imaginary parts alike). */
  readonly jump: CsrMatrix;
  /** Largest eigenvalue of K (its diagonal maximum when K is diagonal). */
  readonly kMax: number;
  /** Smallest diagonal entry of K. */
  readonly kMin: number;
}

/** Local configuration of full-space state s on the sites with the given bit positions. */
function localIndex(s: number, pos: Int32Array): number {
  let p = 0;
  const k = pos.length;
  for (let j = 0; j < k; j++) p |= ((s >>> pos[j]) & 1) << (k - 1 - j);
  return p;
}

function bitPositions(sites: readonly number[], L: number): { pos: Int32Array; mask: number; off: Int32Array } {
  const pos = Int32Array.from(sites, (s) => L - s);
  let mask = 0;
  for (const p of pos) mask |= 1 << p;
  return { pos, mask, off: siteOffsets(sites, L, "blockLiouvillian") };
}

/** blocks[b] += coef · (local real operator on sites), restricted to the block structure. */
function addLocal(s: BlockStructure, blocks: Float64Array[], opRe: Float64Array, sites: readonly number[], coef: number): void {
  const { pos, mask, off } = bitPositions(sites, s.L);
  const d = off.length;
  s.blocks.forEach((st, b) => {
    const n = st.length, B = blocks[b];
    for (let c = 0; c < n; c++) {
      const sc = st[c];
      const p = localIndex(sc, pos);
      const rest = sc & ~mask;
      for (let q = 0; q < d; q++) {
        const v = opRe[q * d + p];
        if (v === 0) continue;
        const sr = rest | off[q];
        if (s.blockOf[sr] !== b) {
          throw new NessrefError("internal", "blockLiouvillian: an operator leaves the block structure (the model does not conserve the symmetry used)", "");
        }
        B[s.posOf[sr] * n + c] += coef * v;
      }
    }
  });
}

function realPart(re: Float64Array, im: Float64Array, what: string): Float64Array {
  if (im.some((v) => v !== 0)) throw new NessrefError("internal", `blockLiouvillian: ${what} has an imaginary part; the block road needs real H, K and 𝓙`, "");
  return re;
}

/**
 * Build the block Lindbladian of a chain with its local dissipators.
 *
 * @param model - the chain (H = Σ_b e_b)
 * @param dissipators - local dissipators ({@link chainDissipators})
 * @param symmetry - `"u1"`: equal-magnetization blocks (needs a model and dissipators that
 *   conserve Σ s^z weakly); `"full"`: one block of all 2^L states
 * @returns the operator pieces
 * @throws NessrefError("invalid-input") when `"u1"` is asked for a model that breaks it
 *
 * @example
 * ```ts
 * import { buildBlockLiouvillian, chainDissipators } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const m = xxzChain({ L: 3, J: 1, delta: 0.5 });
 * const Lv = buildBlockLiouvillian(m, chainDissipators(m, [{ type: "dephasing", rate: 0.2 }]), "full");
 * Lv.kScalar; // 0.6 (= 3 sites × 0.2, σ^zσ^z = 1)
 * ```
 */
export function buildBlockLiouvillian(model: ChainModel, dissipators: readonly LocalDissipator[], symmetry: "u1" | "full"): BlockLiouvillian {
  const L = model.L;
  if (symmetry === "u1" && !model.conservesMagnetization) {
    throw new NessrefError("invalid-input", "the U(1) block road needs a Hamiltonian that conserves Σ s^z (no x fields)", "/hamiltonian");
  }
  const s = symmetry === "u1" ? u1BlockStructure(L) : fullBlockStructure(L);
  const hBlocks = s.blocks.map((st) => new Float64Array(st.length * st.length));
  const kBlocks = s.blocks.map((st) => new Float64Array(st.length * st.length));
  model.bondEnergies.forEach((e, b) => addLocal(s, hBlocks, realPart(e.re, e.im, `bond energy ${b + 1}`), [b + 1, b + 2], 1));
  // K and the jump part 𝓙
  const jb = new TripletBuilder(s.dim, s.dim, 1 << 16);
  for (const d of dissipators) {
    const { pos, mask, off } = bitPositions(d.sites, L);
    const dl = off.length;
    // Φ[(p,p'),(q,q')]: (𝓙ρ)(p r, p' r') = Σ Φ ρ(q r, q' r')
    const phi = new Float64Array(dl * dl * dl * dl);
    const K = new Float64Array(dl * dl);
    if (d.kind === "reset") {
      const t = realPart(d.target.re, d.target.im, "a reset target");
      for (let p = 0; p < dl; p++) for (let pp = 0; pp < dl; pp++) for (let q = 0; q < dl; q++) {
        phi[((p * dl + pp) * dl + q) * dl + q] = d.rate * t[p * dl + pp];
      }
      for (let p = 0; p < dl; p++) K[p * dl + p] = d.rate;
    } else {
      for (const op of d.ops) {
        const o = realPart(op.re, op.im, "a Lindblad operator");
        for (let p = 0; p < dl; p++) for (let pp = 0; pp < dl; pp++) for (let q = 0; q < dl; q++) for (let qq = 0; qq < dl; qq++) {
          phi[((p * dl + pp) * dl + q) * dl + qq] += o[p * dl + q] * o[pp * dl + qq];
        }
        for (let a = 0; a < dl; a++) for (let c = 0; c < dl; c++) {
          let v = 0;
          for (let r = 0; r < dl; r++) v += o[r * dl + a] * o[r * dl + c];
          K[a * dl + c] += v;
        }
      }
    }
    addLocal(s, kBlocks, K, d.sites, 1);
    // nonzero lists per (p, p')
    const lists: { q: number; qq: number; v: number }[][] = [];
    for (let pp2 = 0; pp2 < dl * dl; pp2++) {
      const l: { q: number; qq: number; v: number }[] = [];
      for (let q = 0; q < dl; q++) for (let qq = 0; qq < dl; qq++) {
        const v = phi[(pp2 * dl + q) * dl + qq];
        if (v !== 0) l.push({ q, qq, v });
      }
      lists.push(l);
    }
    s.blocks.forEach((st, b) => {
      const n = st.length, o = s.offsets[b];
      for (let i = 0; i < n; i++) {
        const si = st[i], p = localIndex(si, pos), ri = si & ~mask;
        for (let j = 0; j < n; j++) {
          const sj = st[j], pp = localIndex(sj, pos), rj = sj & ~mask;
          for (const { q, qq, v } of lists[p * dl + pp]) {
            const t1 = ri | off[q], t2 = rj | off[qq];
            const c = s.blockOf[t1];
            if (s.blockOf[t2] !== c) continue; // outside the stored blocks: that entry of ρ is zero
            const nc = s.blocks[c].length;
            jb.push(o + i * n + j, s.offsets[c] + s.posOf[t1] * nc + s.posOf[t2], v);
          }
        }
      }
    });
  }
  let kDiagonal = true, kMin = Infinity, kMax = -Infinity;
  let scalar = true;
  let first: number | null = null;
  kBlocks.forEach((K, b) => {
    const n = s.blocks[b].length;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const v = K[i * n + j];
      if (i === j) {
        kMin = Math.min(kMin, v);
        kMax = Math.max(kMax, v);
        if (first === null) first = v;
        else if (v !== first) scalar = false;
      } else if (v !== 0) {
        kDiagonal = false;
        scalar = false;
      }
    }
  });
  if (!kDiagonal) {
    // the largest eigenvalue of K bounds the decay rates; Gershgorin is enough for choosing c
    kMax = 0;
    kBlocks.forEach((K, b) => {
      const n = s.blocks[b].length;
      for (let i = 0; i < n; i++) {
        let r = 0;
        for (let j = 0; j < n; j++) r += Math.abs(K[i * n + j]);
        kMax = Math.max(kMax, r);
      }
    });
  }
  return { structure: s, hBlocks, kBlocks, kScalar: scalar ? first : null, kDiagonal, jump: jb.toCsr(), kMax, kMin };
}

/** y[o..] = A (n×n) · X (n×n) (+ X · A when `right`), real, row-major. */
function mulInto(n: number, A: Float64Array, X: Float64Array, xo: number, y: Float64Array, yo: number, coef: number, right: boolean): void {
  // left: y += coef A X ; right: y += coef X A
  if (!right) gemm(n, n, n, coef, A, 0, n, 1, X, xo, n, 1, y, yo, n);
  else gemm(n, n, n, coef, X, xo, n, 1, A, 0, n, 1, y, yo, n);
}

/**
 * y = 𝓛x on the stored entries: −i[H, x] − ½{K, x} + 𝓙x (CONVENTIONS §0 Lindblad equation).
 *
 * @param Lv - the block Lindbladian
 * @param x - input block state
 * @param y - output (overwritten)
 *
 * @example
 * ```ts
 * import { buildBlockLiouvillian, chainDissipators, applyBlockLiouvillian } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * import { maximallyMixed } from "nessref/quantum";
 * const m = xxzChain({ L: 3, J: 1, delta: 1 });
 * const Lv = buildBlockLiouvillian(m, chainDissipators(m, [{ type: "dephasing", rate: 1 }]), "u1");
 * const y = { re: new Float64Array(Lv.structure.dim), im: new Float64Array(Lv.structure.dim) };
 * applyBlockLiouvillian(Lv, maximallyMixed(Lv.structure), y); // y = 0: I is stationary
 * ```
 */
export function applyBlockLiouvillian(Lv: BlockLiouvillian, x: BlockState, y: BlockState): void {
  csrMatvec(Lv.jump, x.re, y.re);
  csrMatvec(Lv.jump, x.im, y.im);
  const s = Lv.structure;
  s.blocks.forEach((st, b) => {
    const n = st.length, o = s.offsets[b];
    const H = Lv.hBlocks[b], K = Lv.kBlocks[b];
    // Re: +(H x_im − x_im H) − ½(K x_re + x_re K); Im: −(H x_re − x_re H) − ½(K x_im + x_im K)
    mulInto(n, H, x.im, o, y.re, o, 1, false);
    mulInto(n, H, x.im, o, y.re, o, -1, true);
    mulInto(n, H, x.re, o, y.im, o, -1, false);
    mulInto(n, H, x.re, o, y.im, o, 1, true);
    mulInto(n, K, x.re, o, y.re, o, -0.5, false);
    mulInto(n, K, x.re, o, y.re, o, -0.5, true);
    mulInto(n, K, x.im, o, y.im, o, -0.5, false);
    mulInto(n, K, x.im, o, y.im, o, -0.5, true);
  });
}

/**
 * Options of {@link solveBlockNess}.
 *
 * @example
 * ```ts
 * import type { BlockNessOptions } from "nessref/open";
 * const o: BlockNessOptions = { method: "iterative", tol: 1e-12, restart: 60 };
 * ```
 */
export interface BlockNessOptions {
  /** `"auto"` (dense up to `denseMaxDim` stored entries, else iterative, falling back to dense when
   * GMRES does not converge and there are ≤ 4000 stored entries), `"dense"` or `"iterative"`. */
  method?: "auto" | "dense" | "iterative";
  /** Largest stored dimension solved densely by `"auto"` (default 300). */
  denseMaxDim?: number;
  /** GMRES relative residual tolerance of the main solve (default 1e-12). */
  tol?: number;
  /** GMRES restart length (default 80, lowered to fit the memory limit). */
  restart?: number;
  /** GMRES iteration limit per solve (default 6000). */
  maxIter?: number;
  /** Memory the solve may use, bytes (default min(¾ of the machine's memory, 16 GiB)). */
  memoryLimitBytes?: number;
  /** Use the coarse-space (eigenbasis populations) deflation preconditioner (default: when K ≠ κ·1, i.e. with source/sink baths). */
  deflation?: boolean;
  /** Called after every 𝓣 application of the iterative road: (applications so far, which solve 1|2). */
  onProgress?: (applications: number, solve: 1 | 2) => void;
}

/**
 * A steady state on a block structure with its diagnostics.
 *
 * @example
 * ```ts
 * import type { BlockNess } from "nessref/open";
 * const show = (r: BlockNess) => `${r.method}: ‖𝓛ρ‖ = ${r.residual}`;
 * ```
 */
export interface BlockNess {
  /** The stored entries' layout. */
  structure: BlockStructure;
  /** ρ with Tr ρ = 1 (Hermitian up to rounding; made exactly Hermitian on return). */
  rho: BlockState;
  /** ‖𝓛ρ‖ (Hilbert–Schmidt norm of the stored entries). */
  residual: number;
  /** ‖𝓛ρ‖ / (‖𝓛‖ ‖ρ‖) with ‖𝓛‖ estimated by 2 max|E| + 2 max K. */
  residualRelative: number;
  /** `"dense-svd"` or `"gmres-jump-split"`. */
  method: "dense-svd" | "gmres-jump-split";
  /** When `"auto"` fell back to the dense road: why the iterative road stopped. */
  fallbackFrom?: string;
  /** Whether the coarse-space deflation preconditioner was used (iterative road). */
  deflated?: boolean;
  /** How uniqueness was established: `"singular-values"` (dense, ≤ 1500 entries), `"condition-estimate"`
   * (dense above: the bordered LU is refused when ill-conditioned) or `"two-starts"` (iterative). */
  uniqueness: "singular-values" | "condition-estimate" | "two-starts";
  /** 𝓣 applications (both solves), 0 for dense. */
  iterations: number;
  /** ‖ρ₁ − ρ₂‖/‖ρ₁‖ of the two starts (iterative road). */
  startsDifference?: number;
  /** Number of stored entries (C(2L, L) for "u1", 4^L for "full"). */
  dim: number;
  /** The split constant c. */
  splitConstant?: number;
}

const GiB = 1024 ** 3;

function bytesText(b: number): string {
  return b >= GiB ? `${(b / GiB).toFixed(1)} GiB` : `${(b / 1024 ** 2).toFixed(1)} MiB`;
}

/**
 * Bytes the iterative solve of a block Lindbladian needs (GMRES basis and work vectors,
 * the sparse 𝓙, dense blocks), for the memory check made before allocating.
 *
 * @param dim - stored entries
 * @param blockSizes - n_b of every block
 * @param restart - GMRES restart length
 * @param jumpNnz - nonzeros of 𝓙 (estimate)
 * @returns bytes
 *
 * @example
 * ```ts
 * import { estimateBlockNessBytes } from "nessref/open";
 * estimateBlockNessBytes(184756, [252], 80, 1.5e6); // ≈ 2.6e8
 * ```
 */
export function estimateBlockNessBytes(dim: number, blockSizes: readonly number[], restart: number, jumpNnz: number): number {
  const vec = 16 * dim; // complex vector
  const blocks = blockSizes.reduce((a, n) => a + n * n, 0) * 8 * 8;
  return vec * (restart + 1 + 12) + jumpNnz * 12 * 2 + blocks;
}

/**
 * Memory check made before a block Lindbladian is built: throws `resource-limit` when the
 * iterative solve of an L-site chain would not fit (CONTRACT: never an out-of-memory crash).
 *
 * @param L - number of sites
 * @param symmetry - "u1" or "full"
 * @param jumpsPerEntry - nonzeros of 𝓙 per stored entry (≤ 16 per two-site reset bath)
 * @param opts - restart and memory limit
 * @returns the restart length that fits
 * @throws NessrefError("resource-limit") when even restart 20 does not fit
 *
 * @example
 * ```ts
 * import { checkBlockNessMemory } from "nessref/open";
 * checkBlockNessMemory(8, "u1", 8); // 80
 * ```
 */
export function checkBlockNessMemory(L: number, symmetry: "u1" | "full", jumpsPerEntry: number, opts: BlockNessOptions = {}): number {
  const limit = opts.memoryLimitBytes ?? Math.min(0.75 * totalmem(), 16 * GiB);
  const sizes: number[] = [];
  if (symmetry === "full") sizes.push(2 ** L);
  else {
    let c = 1;
    for (let k = 0; k <= L; k++) {
      sizes.push(Math.round(c));
      c = (c * (L - k)) / (k + 1);
    }
  }
  const dim = sizes.reduce((a, n) => a + n * n, 0);
  const overhead = 2 ** L * 8 * 4; // index maps
  let restart = opts.restart ?? 80;
  const need = (m: number) => estimateBlockNessBytes(dim, sizes, m, jumpsPerEntry * dim) + overhead;
  while (restart > 20 && need(restart) > limit) restart = Math.max(20, Math.floor(restart / 2));
  if (need(restart) > limit) {
    throw new NessrefError(
      "resource-limit",
      `the steady-state solve of L = ${L} (${symmetry} blocks, ${dim} stored entries) needs about ${bytesText(need(restart))}, ` +
        `more than the limit of ${bytesText(limit)}`,
      "/hamiltonian/L",
    );
  }
  return restart;
}

function hermitize(s: BlockStructure, x: BlockState): void {
  s.blocks.forEach((st, b) => {
    const n = st.length, o = s.offsets[b];
    for (let i = 0; i < n; i++) {
      x.im[o + i * n + i] = 0;
      for (let j = i + 1; j < n; j++) {
        const a = o + i * n + j, c = o + j * n + i;
        const r = 0.5 * (x.re[a] + x.re[c]), m = 0.5 * (x.im[a] - x.im[c]);
        x.re[a] = r; x.re[c] = r; x.im[a] = m; x.im[c] = -m;
      }
    }
  });
}

function norm(x: BlockState): number {
  let s = 0;
  for (let k = 0; k < x.re.length; k++) s += x.re[k] * x.re[k] + x.im[k] * x.im[k];
  return Math.sqrt(s);
}

function spectralScale(Lv: BlockLiouvillian, energies?: readonly Float64Array[]): number {
  let e = 0;
  if (energies) for (const E of energies) for (const v of E) e = Math.max(e, Math.abs(v));
  else {
    Lv.hBlocks.forEach((H, b) => {
      const n = Lv.structure.blocks[b].length;
      for (let i = 0; i < n; i++) {
        let r = 0;
        for (let j = 0; j < n; j++) r += Math.abs(H[i * n + j]);
        e = Math.max(e, r);
      }
    });
  }
  return 2 * e + 2 * Lv.kMax;
}

function finishNess(Lv: BlockLiouvillian, rho: BlockState, scale: number) {
  const s = Lv.structure;
  hermitize(s, rho);
  const t = blockTrace(s, rho).re;
  for (let k = 0; k < rho.re.length; k++) { rho.re[k] /= t; rho.im[k] /= t; }
  const y = { re: new Float64Array(s.dim), im: new Float64Array(s.dim) };
  applyBlockLiouvillian(Lv, rho, y);
  const residual = norm(y);
  return { residual, residualRelative: residual / (scale * norm(rho)) };
}

function solveDense(Lv: BlockLiouvillian): BlockNess {
  const s = Lv.structure, D = s.dim;
  const A = complexMatrix(D, D);
  const x = { re: new Float64Array(D), im: new Float64Array(D) };
  const y = { re: new Float64Array(D), im: new Float64Array(D) };
  for (let c = 0; c < D; c++) {
    x.re[c] = 1;
    applyBlockLiouvillian(Lv, x, y);
    x.re[c] = 0;
    for (let r = 0; r < D; r++) { A.re[r * D + c] = y.re[r]; A.im[r * D + c] = y.im[r]; }
  }
  const t = { re: new Float64Array(D), im: new Float64Array(D) };
  s.blocks.forEach((st, b) => { for (let k = 0; k < st.length; k++) t.re[s.offsets[b] + k * st.length + k] = 1; });
  // Up to 1500 entries singular values decide uniqueness; above, the bordered LU with its condition
  // estimate is tried first (≈ 30 s at 3432 entries) and, when it refuses as ill-conditioned, the
  // singular values decide after all (certified, ≈ 6 min at 3432).
  let r;
  try {
    r = cnullVector(A, t);
  } catch (e) {
    if (!(e instanceof NessrefError && e.code === "non-unique-ness" && D > 1500 && D <= 4000)) throw e;
    r = cnullVector(A, t, { svdMaxDim: D });
  }
  const rho = r.x;
  const f = finishNess(Lv, rho, spectralScale(Lv));
  return { structure: s, rho, ...f, method: "dense-svd", uniqueness: r.smallestSingularValues ? "singular-values" : "condition-estimate", iterations: 0, dim: D };
}

interface Eig { E: Float64Array[]; V: Float64Array[] }

function blockEigen(Lv: BlockLiouvillian): Eig {
  const E: Float64Array[] = [], V: Float64Array[] = [];
  Lv.hBlocks.forEach((H, b) => {
    const n = Lv.structure.blocks[b].length;
    const { values, vectors } = symEig(realMatrix(n, n, Float64Array.from(H)));
    E.push(values);
    V.push(vectors.data);
  });
  return { E, V };
}

/**
 * The fixed-point map 𝓣 = −(𝓛_H − c)⁻¹ 𝓡 of the module comment, as a reusable operator.
 *
 * @param Lv - the block Lindbladian
 * @param c - the split constant (> 0)
 * @param eig - eigenpairs of the H blocks
 * @returns x ↦ 𝓣x (writes y)
 */
function fixedPointMap(Lv: BlockLiouvillian, c: number, eig: Eig): (x: ComplexVector, y: ComplexVector) => void {
  const s = Lv.structure;
  const nmax = Math.max(...s.blocks.map((b) => b.length));
  const t1 = new Float64Array(nmax * nmax), t2 = new Float64Array(nmax * nmax), t3 = new Float64Array(nmax * nmax);
  // multipliers 1/(c + iω) = (c − iω)/(c² + ω²), ω = E_m − E_n
  const fr: Float64Array[] = [], fi: Float64Array[] = [];
  s.blocks.forEach((st, b) => {
    const n = st.length, E = eig.E[b];
    const a = new Float64Array(n * n), g = new Float64Array(n * n);
    for (let m = 0; m < n; m++) for (let k = 0; k < n; k++) {
      const w = E[m] - E[k], den = c * c + w * w;
      a[m * n + k] = c / den;
      g[m * n + k] = -w / den;
    }
    fr.push(a); fi.push(g);
  });
  const needK = !(Lv.kScalar !== null && Lv.kScalar === c);
  return (x, y) => {
    csrMatvec(Lv.jump, x.re, y.re);
    csrMatvec(Lv.jump, x.im, y.im);
    s.blocks.forEach((st, b) => {
      const n = st.length, o = s.offsets[b], nn = n * n;
      const V = eig.V[b];
      if (needK) {
        const K = Lv.kBlocks[b];
        for (let k = 0; k < nn; k++) { y.re[o + k] += c * x.re[o + k]; y.im[o + k] += c * x.im[o + k]; }
        if (Lv.kDiagonal) {
          for (let i = 0; i < n; i++) {
            const ki = K[i * n + i];
            for (let j = 0; j < n; j++) {
              const f = 0.5 * (ki + K[j * n + j]);
              y.re[o + i * n + j] -= f * x.re[o + i * n + j];
              y.im[o + i * n + j] -= f * x.im[o + i * n + j];
            }
          }
        } else {
          for (const part of [0, 1]) {
            const X = part === 0 ? x.re : x.im, Y = part === 0 ? y.re : y.im;
            mulInto(n, K, X, o, Y, o, -0.5, false);
            mulInto(n, K, X, o, Y, o, -0.5, true);
          }
        }
      }
      // to the eigenbasis: B' = Vᵀ R V (real and imaginary parts), then multiply by 1/(c + iω)
      const Fr = fr[b], Fi = fi[b];
      t1.fill(0, 0, nn); t2.fill(0, 0, nn);
      gemm(n, n, n, 1, V, 0, 1, n, y.re, o, n, 1, t3.fill(0, 0, nn), 0, n);
      gemm(n, n, n, 1, t3, 0, n, 1, V, 0, n, 1, t1, 0, n); // t1 = Vᵀ R_re V
      gemm(n, n, n, 1, V, 0, 1, n, y.im, o, n, 1, t3.fill(0, 0, nn), 0, n);
      gemm(n, n, n, 1, t3, 0, n, 1, V, 0, n, 1, t2, 0, n); // t2 = Vᵀ R_im V
      for (let k = 0; k < nn; k++) {
        const a = t1[k], g = t2[k];
        t1[k] = a * Fr[k] - g * Fi[k];
        t2[k] = a * Fi[k] + g * Fr[k];
      }
      // back: X = V Y Vᵀ
      y.re.fill(0, o, o + nn); y.im.fill(0, o, o + nn);
      gemm(n, n, n, 1, V, 0, n, 1, t1, 0, n, 1, t3.fill(0, 0, nn), 0, n);
      gemm(n, n, n, 1, t3, 0, n, 1, V, 0, 1, n, y.re, o, n);
      gemm(n, n, n, 1, V, 0, n, 1, t2, 0, n, 1, t3.fill(0, 0, nn), 0, n);
      gemm(n, n, n, 1, t3, 0, n, 1, V, 0, 1, n, y.im, o, n);
    });
  };
}

/**
 * Coarse-space (deflation) preconditioner for 1 − 𝓣 on the populations of the H eigenbasis,
 * z_m = |m⟩⟨m|. The slow modes of a driven chain (transport of conserved densities) live close
 * to the operators that commute with H, i.e. to span{z_m}; on it 1 − 𝓣 is exactly
 * E = (diag(K_mm) − W)/c with W_nm = ⟨n|𝓙(|m⟩⟨m|)|n⟩ (the Pauli rate matrix of the jumps), since
 * the ω = 0 multiplier of (𝓛_H − c)⁻¹ is 1/c. M⁻¹r = r − Z Zᵀr + Z E⁺ Zᵀr replaces the coarse
 * component of r by its coarse solve (E⁺: the solution with zero sum, from the bordered system
 * [E 1; 1ᵀ 0], since 1ᵀE = 0 — E preserves the trace). Returns null when the bordered system is
 * singular (a reducible Pauli chain): the solve then runs without it.
 */
function coarsePreconditioner(Lv: BlockLiouvillian, c: number, eig: Eig): ((x: ComplexVector, y: ComplexVector) => void) | null {
  const s = Lv.structure;
  const P = s.blocks.reduce((a, b) => a + b.length, 0);
  if (P > 6000) return null; // the dense coarse LU would cost more than it saves
  const first = new Int32Array(s.blocks.length + 1);
  s.blocks.forEach((b, k) => { first[k + 1] = first[k] + b.length; });
  const E = realMatrix(P + 1, P + 1);
  const X = new Float64Array(s.dim), JX = new Float64Array(s.dim);
  const nmax = Math.max(...s.blocks.map((b) => b.length));
  const t = new Float64Array(nmax * nmax);
  s.blocks.forEach((st, b) => {
    const n = st.length, o = s.offsets[b], V = eig.V[b], K = Lv.kBlocks[b];
    for (let m = 0; m < n; m++) {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) X[o + i * n + j] = V[i * n + m] * V[j * n + m];
      csrMatvec(Lv.jump, X, JX);
      X.fill(0, o, o + n * n);
      // K_mm = Σ_ij V_im K_ij V_jm
      let kmm = 0;
      for (let i = 0; i < n; i++) { let r = 0; for (let j = 0; j < n; j++) r += K[i * n + j] * V[j * n + m]; kmm += V[i * n + m] * r; }
      const col = first[b] + m;
      E.data[col * (P + 1) + col] += kmm / c;
      s.blocks.forEach((st2, b2) => {
        const n2 = st2.length, o2 = s.offsets[b2], V2 = eig.V[b2];
        let any = false;
        for (let k = 0; k < n2 * n2 && !any; k++) if (JX[o2 + k] !== 0) any = true;
        if (!any) return;
        // diag(V2ᵀ JX V2): t = JX·V2, then column dots
        gemm(n2, n2, n2, 1, JX, o2, n2, 1, V2, 0, n2, 1, t.fill(0, 0, n2 * n2), 0, n2);
        for (let q = 0; q < n2; q++) {
          let w = 0;
          for (let i = 0; i < n2; i++) w += V2[i * n2 + q] * t[i * n2 + q];
          E.data[(first[b2] + q) * (P + 1) + col] -= w / c;
        }
      });
    }
  });
  for (let k = 0; k < P; k++) { E.data[k * (P + 1) + P] = 1; E.data[P * (P + 1) + k] = 1; }
  let lu: ReturnType<typeof luFactor>;
  try {
    lu = luFactor(E);
    if (!(condEstimate1(lu) < 1e12)) return null;
  } catch {
    return null;
  }
  const g = new Float64Array(P + 1);
  const tmp = new Float64Array(nmax * nmax);
  return (x, y) => {
    y.re.set(x.re);
    y.im.set(x.im);
    // g = Zᵀx: diagonal of Vᵀ x_re V per block (the imaginary part of a Hermitian x has zero diagonal there)
    s.blocks.forEach((st, b) => {
      const n = st.length, o = s.offsets[b], V = eig.V[b];
      gemm(n, n, n, 1, x.re, o, n, 1, V, 0, n, 1, tmp.fill(0, 0, n * n), 0, n);
      for (let q = 0; q < n; q++) {
        let w = 0;
        for (let i = 0; i < n; i++) w += V[i * n + q] * tmp[i * n + q];
        g[first[b] + q] = w;
      }
    });
    g[P] = 0;
    const u = luSolve(lu, g);
    // y += Z (u − g): V diag(u − g) Vᵀ per block
    s.blocks.forEach((st, b) => {
      const n = st.length, o = s.offsets[b], V = eig.V[b];
      for (let i = 0; i < n; i++) for (let q = 0; q < n; q++) tmp[i * n + q] = V[i * n + q] * (u[first[b] + q] - g[first[b] + q]);
      gemm(n, n, n, 1, tmp, 0, n, 1, V, 0, 1, n, y.re, o, n);
    });
  };
}

/** A deterministic generic start: populations 1 + ½ sin(golden·k), a weak real coherence pattern. */
function secondStart(s: BlockStructure): BlockState {
  const re = new Float64Array(s.dim), im = new Float64Array(s.dim);
  let k = 0, tr = 0;
  s.blocks.forEach((st, b) => {
    const n = st.length, o = s.offsets[b];
    for (let i = 0; i < n; i++) {
      const v = 1 + 0.5 * Math.sin(2.399963229728653 * (k++ + 1));
      re[o + i * n + i] = v;
      tr += v;
    }
  });
  for (let q = 0; q < re.length; q++) re[q] /= tr;
  return { re, im };
}

/**
 * The steady state of a block Lindbladian: 𝓛ρ = 0, Tr ρ = 1, unique or refused
 * (CONVENTIONS §0). Dense (singular values decide uniqueness) for small problems, else the
 * GMRES solve of the jump-split fixed-point equation of the module comment with a second
 * start as uniqueness check.
 *
 * @param Lv - the block Lindbladian
 * @param dissipators - the dissipators it was built from (to refuse a strong U(1) symmetry early)
 * @param opts - method, tolerances, memory limit, progress callback
 * @returns ρ and diagnostics
 * @throws NessrefError("non-unique-ness") when the kernel is not one-dimensional,
 *   ("no-convergence") when GMRES does not reach its tolerance or the residual check fails
 *
 * @example
 * ```ts
 * import { buildBlockLiouvillian, chainDissipators, solveBlockNess } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const m = xxzChain({ L: 4, J: 1, delta: 1 });
 * const d = chainDissipators(m, [{ type: "target", sites: [1, 2], beta: 0.5, mu: 0 }, { type: "target", sites: [3, 4], beta: -0.5, mu: 0 }]);
 * const r = solveBlockNess(buildBlockLiouvillian(m, d, "u1"), d);
 * r.residual < 1e-10; // true
 * ```
 */
export function solveBlockNess(Lv: BlockLiouvillian, dissipators: readonly LocalDissipator[], opts: BlockNessOptions = {}): BlockNess {
  if (!changesMagnetization(dissipators)) {
    throw new NessrefError(
      "non-unique-ness",
      "no bath changes the total magnetization Σ s^z (only dephasing, or no baths): every magnetization sector keeps its own steady state, so the NESS is not unique",
      "/baths",
    );
  }
  const s = Lv.structure;
  const method = opts.method ?? "auto";
  if (method === "dense" || (method === "auto" && s.dim <= (opts.denseMaxDim ?? 300))) return solveDense(Lv);
  if (method === "auto" && s.dim <= 4000) {
    // Strongly disordered chains can make GMRES stagnate (measured: the fermion chain of [P1] at
    // h ≥ 10, L = 7); up to 4000 stored entries (L ≤ 7 with U(1) blocks) the dense road is affordable.
    try {
      return solveIterative(Lv, opts);
    } catch (e) {
      if (e instanceof NessrefError && e.code === "no-convergence") return { ...solveDense(Lv), fallbackFrom: e.message };
      throw e;
    }
  }
  return solveIterative(Lv, opts);
}

function solveIterative(Lv: BlockLiouvillian, opts: BlockNessOptions): BlockNess {
  const s = Lv.structure;
  const eig = blockEigen(Lv);
  // K = κ·1: c = κ makes 𝓣 the exact jump channel; otherwise the middle of K's diagonal range
  // (measured on the fermion chain of [P1]: fewer iterations than c = max K, which adds idle jumps).
  const c = Lv.kScalar !== null && Lv.kScalar > 0 ? Lv.kScalar : Math.max(0.5 * (Math.max(Lv.kMin, 0) + Lv.kMax), 1e-300);
  const T = fixedPointMap(Lv, c, eig);
  // Deflation pays where K is not a multiple of 1 (source/sink baths): measured on the fermion chain
  // of [P1] it halves the GMRES iterations (L = 8, h = 2: 1395 → 571); with target or dephasing baths
  // only (K = κ·1) it changed nothing measurable (XXZ, L = 8: 147 → 145) and costs a coarse build.
  const useDeflation = opts.deflation ?? Lv.kScalar === null;
  const precond = useDeflation ? coarsePreconditioner(Lv, c, eig) : null;
  const D = s.dim;
  const tol = opts.tol ?? 1e-12;
  const restart = opts.restart ?? 80;
  const maxIter = opts.maxIter ?? 6000;
  let applications = 0;
  const Tx = { re: new Float64Array(D), im: new Float64Array(D) };
  const solveFrom = (rho0: BlockState, which: 1 | 2, tolerance: number): BlockState => {
    const op = (x: ComplexVector, y: ComplexVector) => {
      T(x, y);
      for (let k = 0; k < D; k++) { y.re[k] = x.re[k] - y.re[k]; y.im[k] = x.im[k] - y.im[k]; }
      applications++;
      opts.onProgress?.(applications, which);
    };
    T(rho0, Tx);
    const b = { re: new Float64Array(D), im: new Float64Array(D) };
    for (let k = 0; k < D; k++) { b.re[k] = Tx.re[k] - rho0.re[k]; b.im[k] = Tx.im[k] - rho0.im[k]; }
    // Convergence is measured against ‖ρ₀‖, not only ‖b‖: when the start is (nearly) the NESS, b is
    // rounding and a tolerance relative to it would ask for ~1e-29 absolute.
    const bn = norm(b), rn = norm(rho0);
    if (bn <= 1e-14 * rn) return { re: Float64Array.from(rho0.re), im: Float64Array.from(rho0.im) };
    const r = cgmres(op, b, { tol: Math.max(tolerance, (1e-14 * rn) / bn), restart, maxIter, precond: precond ?? undefined });
    if (!r.converged) {
      throw new NessrefError(
        "no-convergence",
        `steady-state GMRES stopped after ${r.iterations} iterations at relative residual ${r.residual.toExponential(2)} > ${tolerance.toExponential(1)}`,
        "",
      );
    }
    return { re: rho0.re.map((v, k) => v + r.x.re[k]), im: rho0.im.map((v, k) => v + r.x.im[k]) };
  };
  const rho = solveFrom(maximallyMixed(s), 1, tol);
  const scale = spectralScale(Lv, eig.E);
  const f = finishNess(Lv, rho, scale);
  const rho2 = solveFrom(secondStart(s), 2, Math.max(tol, 1e-10));
  hermitize(s, rho2);
  const t2 = blockTrace(s, rho2).re;
  let d = 0;
  for (let k = 0; k < D; k++) d += (rho.re[k] - rho2.re[k] / t2) ** 2 + (rho.im[k] - rho2.im[k] / t2) ** 2;
  const diff = Math.sqrt(d) / norm(rho);
  // A second kernel direction makes the two results differ at the scale of ρ itself (they are
  // projections of two unrelated starts); rounding and the GMRES tolerance give ≲ κ·1e-10, which
  // reached 1e-6 on slowly mixing disordered fermion chains. 1e-4 separates the two.
  if (!(diff <= 1e-4)) {
    throw new NessrefError(
      "non-unique-ness",
      `two steady-state solves from different starts differ by ${diff.toExponential(2)} (relative): the kernel of the Lindbladian is not one-dimensional`,
      "/baths",
    );
  }
  if (!(f.residualRelative <= 1e-9)) {
    throw new NessrefError("no-convergence", `steady state residual ‖𝓛ρ‖/(‖𝓛‖‖ρ‖) = ${f.residualRelative.toExponential(2)} > 1e-9`, "");
  }
  return {
    structure: s, rho, ...f, method: "gmres-jump-split", uniqueness: "two-starts", iterations: applications,
    startsDifference: diff, dim: D, splitConstant: c, deflated: precond !== null,
  };
}
