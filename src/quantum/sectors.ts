/**
 * U(1) magnetization sectors of an L-site spin-1/2 chain (MODELS.md §0 basis: a bit value
 * 0 at position L − s of a full-space index means site s is ↑).
 *
 * Hamiltonians and dissipators that conserve Σ s^z are block diagonal in these sectors;
 * a density matrix of such a dynamics has nonzero entries ρ_{ij} only where i and j carry
 * the same magnetization ({@link equalMagnetizationBlock}).
 *
 * @module
 */
import { NessrefError } from "../errors.js";

/** Largest chain length for {@link sectorBasis} (its index map has 2^L entries). */
export const SECTOR_MAX_L = 26;

/** Largest chain length for {@link equalMagnetizationBlock} (its index map has 4^L entries). */
export const LIOUVILLE_BLOCK_MAX_L = 12;

function checkL(L: number, max: number, who: string): void {
  if (!Number.isInteger(L) || L < 1) throw new NessrefError("invalid-input", `${who}: L must be an integer ≥ 1, got ${L}`, "");
  if (L > max) throw new NessrefError("out-of-range", `${who}: L = ${L} exceeds ${max}`, "");
}

function checkNUp(L: number, nUp: number, who: string): void {
  if (!Number.isInteger(nUp) || nUp < 0 || nUp > L) {
    throw new NessrefError("invalid-input", `${who}: nUp must be an integer in 0..${L}, got ${nUp}`, "");
  }
}

function popcount32(x: number): number {
  let v = x >>> 0;
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Number of ↑ spins in the basis state with full-space index `index` of an L-site chain:
 * the number of ZERO bits among the low L bits (bit value 0 = ↑, MODELS.md §0).
 *
 * @param index - full-space index, 0 ≤ index < 2^L
 * @param L - number of sites (1..30)
 * @returns the up count, in 0..L
 * @throws NessrefError("invalid-input") if the index is out of range
 *
 * @example
 * ```ts
 * import { upCount } from "nessref/quantum";
 * upCount(0, 3); // 3  (|↑↑↑⟩)
 * upCount(0b011, 3); // 1  (|↑↓↓⟩)
 * ```
 */
export function upCount(index: number, L: number): number {
  if (!Number.isInteger(L) || L < 1 || L > 30 || !Number.isInteger(index) || index < 0 || index >= 2 ** L) {
    throw new NessrefError("invalid-input", `upCount: index ${index} is not in 0..2^${L}−1`, "");
  }
  return L - popcount32(index);
}

/**
 * Total magnetization Σ_s ⟨s^z_s⟩ of a basis state: (number of ↑ − number of ↓)/2.
 *
 * @param index - full-space index, 0 ≤ index < 2^L
 * @param L - number of sites (1..30)
 * @returns the magnetization, a multiple of ½ in [−L/2, L/2]
 * @throws NessrefError("invalid-input") if the index is out of range
 *
 * @example
 * ```ts
 * import { magnetizationOf } from "nessref/quantum";
 * magnetizationOf(0b01, 2); // 0  (|↑↓⟩)
 * ```
 */
export function magnetizationOf(index: number, L: number): number {
  return upCount(index, L) - L / 2;
}

/**
 * Number of basis states with `nUp` up spins: the binomial coefficient C(L, nUp),
 * computed by the exact multiplicative recurrence C(L, j+1) = C(L, j)·(L−j)/(j+1)
 * (exact in double precision for L ≤ 52).
 *
 * @param L - number of sites (integer ≥ 1)
 * @param nUp - number of up spins, 0..L
 * @returns C(L, nUp)
 * @throws NessrefError("invalid-input") for non-integer or out-of-range arguments
 *
 * @example
 * ```ts
 * import { sectorDimension } from "nessref/quantum";
 * sectorDimension(4, 2); // 6
 * ```
 */
export function sectorDimension(L: number, nUp: number): number {
  if (!Number.isInteger(L) || L < 1 || L > 1000) throw new NessrefError("invalid-input", `sectorDimension: L must be an integer in 1..1000, got ${L}`, "");
  checkNUp(L, nUp, "sectorDimension");
  const k = Math.min(nUp, L - nUp);
  let c = 1;
  for (let j = 0; j < k; j++) c = (c * (L - j)) / (j + 1);
  return Math.round(c);
}

/** The basis of one magnetization sector, as returned by {@link sectorBasis}. */
export interface SectorBasis {
  /** Full-space indices of the sector's basis states, ascending (length C(L, nUp)). */
  readonly states: Int32Array;
  /** Inverse map, length 2^L: `index[states[k]] = k`, and −1 for states outside the sector. */
  readonly index: Int32Array;
}

/**
 * Basis of the sector with `nUp` up spins (magnetization nUp − L/2): the full-space
 * indices with exactly L − nUp set bits, ascending, and the inverse map.
 *
 * @param L - number of sites (1..{@link SECTOR_MAX_L})
 * @param nUp - number of up spins, 0..L
 * @returns the sector's states and the full-space → sector index map
 * @throws NessrefError("out-of-range") if L > {@link SECTOR_MAX_L}; ("invalid-input") for bad arguments
 *
 * @example
 * ```ts
 * import { sectorBasis } from "nessref/quantum";
 * sectorBasis(2, 1).states; // Int32Array [1, 2]  (|↑↓⟩, |↓↑⟩)
 * ```
 */
export function sectorBasis(L: number, nUp: number): SectorBasis {
  checkL(L, SECTOR_MAX_L, "sectorBasis");
  checkNUp(L, nUp, "sectorBasis");
  const N = 2 ** L;
  const states = new Int32Array(sectorDimension(L, nUp));
  const index = new Int32Array(N).fill(-1);
  const nDown = L - nUp;
  let k = 0;
  for (let i = 0; i < N; i++) {
    if (popcount32(i) === nDown) {
      states[k] = i;
      index[i] = k;
      k++;
    }
  }
  return { states, index };
}

/**
 * The equal-magnetization block of Liouville space, as returned by
 * {@link equalMagnetizationBlock}: all matrix positions (row i, column j) of a 2^L × 2^L
 * operator with magnetization(i) = magnetization(j).
 */
export interface LiouvilleBlock {
  /** Number of positions, Σ_k C(L, k)² = C(2L, L). */
  readonly dim: number;
  /** Row (ket) index i of each position. */
  readonly rows: Int32Array;
  /** Column (bra) index j of each position. */
  readonly cols: Int32Array;
  /** Column-stacking vectorisation index j·2^L + i of each position (MODELS.md §0), ascending. */
  readonly vec: Int32Array;
  /** Inverse map, length 4^L: position number of vectorisation index p, −1 outside the block. */
  readonly index: Int32Array;
}

/**
 * All (ket i, bra j) pairs — matrix entries ρ_{ij} = ⟨i|ρ|j⟩ — whose basis states carry
 * equal magnetization. A dynamics that conserves Σ s^z (and starts from, or relaxes to,
 * a state commuting with it) never leaves this subspace of Liouville space, so a NESS
 * solve may be restricted to it. Positions are ordered by their column-stacking
 * vectorisation index vec = j·2^L + i (MODELS.md §0); the dimension is
 * Σ_k C(L, k)² = C(2L, L) (Vandermonde's identity).
 *
 * @param L - number of sites (1..{@link LIOUVILLE_BLOCK_MAX_L})
 * @returns rows, columns, vectorisation indices and the inverse map
 * @throws NessrefError("out-of-range") if L > {@link LIOUVILLE_BLOCK_MAX_L}; ("invalid-input") for bad L
 *
 * @example
 * ```ts
 * import { equalMagnetizationBlock } from "nessref/quantum";
 * equalMagnetizationBlock(2).dim; // 6 = C(4, 2)
 * ```
 */
export function equalMagnetizationBlock(L: number): LiouvilleBlock {
  checkL(L, LIOUVILLE_BLOCK_MAX_L, "equalMagnetizationBlock");
  const N = 2 ** L;
  const dim = sectorDimension(2 * L, L);
  const rows = new Int32Array(dim);
  const cols = new Int32Array(dim);
  const vec = new Int32Array(dim);
  const index = new Int32Array(N * N).fill(-1);
  const pc = new Int32Array(N);
  for (let i = 0; i < N; i++) pc[i] = popcount32(i);
  let k = 0;
  for (let j = 0; j < N; j++) {
    const pj = pc[j];
    const base = j * N;
    for (let i = 0; i < N; i++) {
      if (pc[i] !== pj) continue;
      rows[k] = i;
      cols[k] = j;
      vec[k] = base + i;
      index[base + i] = k;
      k++;
    }
  }
  if (k !== dim) throw new NessrefError("internal", `equalMagnetizationBlock: counted ${k} positions, expected C(2L, L) = ${dim}`, "");
  return { dim, rows, cols, vec, index };
}
