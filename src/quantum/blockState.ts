/**
 * Block-diagonal density matrices of spin chains (CONVENTIONS §0 basis).
 *
 * A dynamics that conserves Σ s^z in the weak sense keeps a density matrix inside the
 * blocks where bra and ket carry equal magnetization: ρ = ⊕_k ρ_k with ρ_k of size
 * C(L, k) × C(L, k) (k up spins), Σ_k C(L, k)² = C(2L, L) numbers instead of 4^L. A
 * {@link BlockStructure} says which full-space basis states make up each block; a
 * {@link BlockState} stores the blocks one after another, each row-major, complex split
 * storage. The same code serves the unrestricted case with one block of all 2^L states.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, type ComplexMatrix, type ComplexVector } from "../linalg/matrix.js";
import { siteOffsets } from "./apply.js";
import { sectorBasis } from "./sectors.js";

/** Largest L for a {@link BlockStructure} (index maps of 2^L entries). */
export const BLOCK_MAX_L = 20;

/**
 * Which basis states form each diagonal block of a density matrix.
 *
 * @example
 * ```ts
 * import { u1BlockStructure } from "nessref/quantum";
 * const s = u1BlockStructure(4);
 * s.dim; // 70 = C(8, 4)
 * ```
 */
export interface BlockStructure {
  /** Number of sites. */
  readonly L: number;
  /** Full-space indices of the states of each block, ascending within a block. */
  readonly blocks: readonly Int32Array[];
  /** Offset of block b in a flattened {@link BlockState} (Σ_{c<b} n_c²). */
  readonly offsets: Int32Array;
  /** Full-space index → block number. */
  readonly blockOf: Int32Array;
  /** Full-space index → position inside its block. */
  readonly posOf: Int32Array;
  /** Total number of stored entries, Σ_b n_b². */
  readonly dim: number;
  /** `"u1"` for the equal-magnetization blocks (block b = b up spins), `"full"` for one block. */
  readonly symmetry: "u1" | "full";
}

/**
 * A density matrix (or any operator) in a {@link BlockStructure}: block b is the n_b × n_b
 * row-major matrix at `offsets[b]` of `re`/`im`; entries outside the blocks are zero.
 *
 * @example
 * ```ts
 * import { u1BlockStructure, maximallyMixed } from "nessref/quantum";
 * const rho = maximallyMixed(u1BlockStructure(3)); // I/8
 * ```
 */
export type BlockState = ComplexVector;

function finish(L: number, blocks: Int32Array[], symmetry: "u1" | "full"): BlockStructure {
  const N = 2 ** L;
  const blockOf = new Int32Array(N).fill(-1);
  const posOf = new Int32Array(N).fill(-1);
  const offsets = new Int32Array(blocks.length + 1);
  blocks.forEach((st, b) => {
    st.forEach((s, k) => {
      blockOf[s] = b;
      posOf[s] = k;
    });
    offsets[b + 1] = offsets[b] + st.length * st.length;
  });
  return { L, blocks, offsets, blockOf, posOf, dim: offsets[blocks.length], symmetry };
}

function checkL(L: number, who: string): void {
  if (!Number.isInteger(L) || L < 1) throw new NessrefError("invalid-input", `${who}: L must be an integer ≥ 1, got ${L}`, "");
  if (L > BLOCK_MAX_L) throw new NessrefError("out-of-range", `${who}: L = ${L} exceeds ${BLOCK_MAX_L}`, "");
}

/**
 * The equal-magnetization blocks of an L-site chain: block k holds the C(L, k) states with
 * k up spins (quantum/sectors.ts order), so the structure stores C(2L, L) entries.
 *
 * @param L - number of sites (1..{@link BLOCK_MAX_L})
 * @returns the block structure with symmetry "u1"
 *
 * @example
 * ```ts
 * import { u1BlockStructure } from "nessref/quantum";
 * u1BlockStructure(2).blocks.map((b) => b.length); // [1, 2, 1]
 * ```
 */
export function u1BlockStructure(L: number): BlockStructure {
  checkL(L, "u1BlockStructure");
  const blocks: Int32Array[] = [];
  for (let k = 0; k <= L; k++) blocks.push(sectorBasis(L, k).states);
  return finish(L, blocks, "u1");
}

/**
 * One block of all 2^L states (no symmetry used): the full density matrix.
 *
 * @param L - number of sites (1..{@link BLOCK_MAX_L})
 * @returns the block structure with symmetry "full"
 *
 * @example
 * ```ts
 * import { fullBlockStructure } from "nessref/quantum";
 * fullBlockStructure(3).dim; // 64
 * ```
 */
export function fullBlockStructure(L: number): BlockStructure {
  checkL(L, "fullBlockStructure");
  const all = new Int32Array(2 ** L);
  for (let i = 0; i < all.length; i++) all[i] = i;
  return finish(L, [all], "full");
}

/**
 * The maximally mixed state I/2^L in a block structure.
 *
 * @param s - the structure
 * @returns the state with Tr = 1
 *
 * @example
 * ```ts
 * import { fullBlockStructure, maximallyMixed } from "nessref/quantum";
 * maximallyMixed(fullBlockStructure(1)).re; // [0.5, 0, 0, 0.5]
 * ```
 */
export function maximallyMixed(s: BlockStructure): BlockState {
  const re = new Float64Array(s.dim);
  const w = 1 / 2 ** s.L;
  s.blocks.forEach((st, b) => {
    const n = st.length;
    for (let k = 0; k < n; k++) re[s.offsets[b] + k * n + k] = w;
  });
  return { re, im: new Float64Array(s.dim) };
}

/**
 * Tr ρ of a block state (complex in general; real for a Hermitian ρ).
 *
 * @param s - the structure
 * @param rho - the state
 * @returns { re, im } of the trace
 *
 * @example
 * ```ts
 * import { u1BlockStructure, maximallyMixed, blockTrace } from "nessref/quantum";
 * const s = u1BlockStructure(3);
 * blockTrace(s, maximallyMixed(s)).re; // 1
 * ```
 */
export function blockTrace(s: BlockStructure, rho: BlockState): {
  /** real part */ re: number;
  /** imaginary part */ im: number;
} {
  let re = 0, im = 0;
  s.blocks.forEach((st, b) => {
    const n = st.length;
    for (let k = 0; k < n; k++) {
      re += rho.re[s.offsets[b] + k * n + k];
      im += rho.im[s.offsets[b] + k * n + k];
    }
  });
  return { re, im };
}

/**
 * Expand a block state to the dense 2^L × 2^L matrix (for small L and for tests).
 *
 * @param s - the structure
 * @param rho - the state
 * @returns the dense matrix, zero outside the blocks
 * @throws NessrefError("out-of-range") for L > 12
 *
 * @example
 * ```ts
 * import { u1BlockStructure, maximallyMixed, blockToDense } from "nessref/quantum";
 * const s = u1BlockStructure(2);
 * blockToDense(s, maximallyMixed(s)).re; // diag(¼, ¼, ¼, ¼)
 * ```
 */
export function blockToDense(s: BlockStructure, rho: BlockState): ComplexMatrix {
  if (s.L > 12) throw new NessrefError("out-of-range", `blockToDense: L = ${s.L} > 12 would be a dense 4^L array`, "");
  const N = 2 ** s.L;
  const out = complexMatrix(N, N);
  s.blocks.forEach((st, b) => {
    const n = st.length, o = s.offsets[b];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        out.re[st[i] * N + st[j]] = rho.re[o + i * n + j];
        out.im[st[i] * N + st[j]] = rho.im[o + i * n + j];
      }
    }
  });
  return out;
}

/**
 * Restrict a dense 2^L × 2^L matrix to a block structure (entries outside the blocks are dropped).
 *
 * @param s - the structure
 * @param A - dense matrix
 * @returns the block state
 *
 * @example
 * ```ts
 * import { u1BlockStructure, denseToBlock } from "nessref/quantum";
 * import { complexIdentity } from "nessref/linalg";
 * denseToBlock(u1BlockStructure(2), complexIdentity(4)).re.length; // 6
 * ```
 */
export function denseToBlock(s: BlockStructure, A: ComplexMatrix): BlockState {
  const N = 2 ** s.L;
  if (A.rows !== N || A.cols !== N) throw new NessrefError("invalid-input", `denseToBlock: matrix is ${A.rows}×${A.cols}, expected ${N}×${N}`, "");
  const re = new Float64Array(s.dim), im = new Float64Array(s.dim);
  s.blocks.forEach((st, b) => {
    const n = st.length, o = s.offsets[b];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        re[o + i * n + j] = A.re[st[i] * N + st[j]];
        im[o + i * n + j] = A.im[st[i] * N + st[j]];
      }
    }
  });
  return { re, im };
}

/**
 * Tr(ρ O) for a local operator O on a few sites, without forming anything of size 2^L × 2^L:
 * Tr(ρ_S O) with ρ_S = {@link blockReduced} on the operator's sites (entries outside the blocks are zero).
 *
 * @param s - the structure
 * @param rho - the state
 * @param op - 2^k × 2^k operator on `sites` (first site most significant, §0)
 * @param sites - k ascending 1-based sites
 * @returns { re, im } of Tr(ρ O) (real for Hermitian ρ and O)
 *
 * @example
 * ```ts
 * import { u1BlockStructure, maximallyMixed, blockExpectation, spin } from "nessref/quantum";
 * const s = u1BlockStructure(3);
 * blockExpectation(s, maximallyMixed(s), spin("z"), [2]).re; // 0
 * ```
 */
export function blockExpectation(s: BlockStructure, rho: BlockState, op: ComplexMatrix, sites: readonly number[]): {
  /** real part */ re: number;
  /** imaginary part */ im: number;
} {
  const d = 2 ** sites.length;
  if (op.rows !== d || op.cols !== d) throw new NessrefError("invalid-input", `blockExpectation: operator is ${op.rows}×${op.cols}, expected ${d}×${d}`, "");
  // Tr(ρ O) = Tr(ρ_S O) with ρ_S the reduced matrix on the operator's sites
  const r = blockReduced(s, rho, sites);
  let re = 0, im = 0;
  for (let p = 0; p < d; p++) {
    for (let q = 0; q < d; q++) {
      const ar = r.re[p * d + q], ai = r.im[p * d + q], orr = op.re[q * d + p], oii = op.im[q * d + p];
      re += ar * orr - ai * oii;
      im += ar * oii + ai * orr;
    }
  }
  return { re, im };
}

function localConfigMap(off: Int32Array): Map<number, number> {
  const m = new Map<number, number>();
  off.forEach((o, a) => m.set(o, a));
  return m;
}

/**
 * Reduced density matrix on a few sites: ρ_S(p, p') = Σ_r ⟨p r|ρ|p' r⟩ (partial trace over
 * the other sites), from a block state.
 *
 * @param s - the structure
 * @param rho - the state
 * @param sites - k ascending 1-based sites
 * @returns the 2^k × 2^k reduced matrix (first site most significant, §0)
 *
 * @example
 * ```ts
 * import { u1BlockStructure, maximallyMixed, blockReduced } from "nessref/quantum";
 * const s = u1BlockStructure(4);
 * blockReduced(s, maximallyMixed(s), [2, 3]).re; // I/4
 * ```
 */
export function blockReduced(s: BlockStructure, rho: BlockState, sites: readonly number[]): ComplexMatrix {
  const off = siteOffsets(sites, s.L, "blockReduced");
  const d = off.length;
  let mask = 0;
  for (let a = 0; a < d; a++) mask |= off[a];
  const localOf = localConfigMap(off);
  const out = complexMatrix(d, d);
  s.blocks.forEach((st, b) => {
    const n = st.length, o = s.offsets[b];
    for (let i = 0; i < n; i++) {
      const si = st[i];
      const p = localOf.get(si & mask) as number;
      const rest = si & ~mask;
      for (let q = 0; q < d; q++) {
        const sj = rest | off[q];
        if (s.blockOf[sj] !== b) continue;
        const k = o + i * n + s.posOf[sj];
        out.re[p * d + q] += rho.re[k];
        out.im[p * d + q] += rho.im[k];
      }
    }
  });
  return out;
}
