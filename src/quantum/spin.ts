/**
 * Spin-1/2 single-site operators and their embedding into an L-site chain
 * (MODELS.md §0).
 *
 * Conventions: local basis index 0 = |↑⟩ (σ^z = +1), index 1 = |↓⟩; site 1 is the most
 * significant Kronecker factor, so site s (1-based) is bit `L − s` (counting from the
 * least significant bit) of a full-space index, and a bit value 0 means ↑.
 * σ^± = (σ^x ± iσ^y)/2, hence σ^+ = |↑⟩⟨↓| = [[0, 1], [0, 0]]; s^α = σ^α/2 for α = x, y, z
 * and s^± = σ^±.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, type ComplexMatrix, type ComplexVector } from "../linalg/matrix.js";
import { siteOffsets, complementBases } from "./apply.js";

/**
 * Name of a single-site operator: the Pauli matrices `"x"`, `"y"`, `"z"`, the ladder
 * operators `"+"` (σ^+ = |↑⟩⟨↓|) and `"-"` (σ^− = |↓⟩⟨↑|), and the identity `"i"`.
 */
export type PauliName = "x" | "y" | "z" | "+" | "-" | "i";

/** Largest chain length {@link embed} accepts (a dense 2^L × 2^L matrix). */
export const EMBED_MAX_L = 14;

/**
 * The 2×2 Pauli-type matrix σ^α in the basis (|↑⟩, |↓⟩) of MODELS.md §0.
 *
 * σ^x = [[0,1],[1,0]], σ^y = [[0,−i],[i,0]], σ^z = [[1,0],[0,−1]],
 * σ^+ = (σ^x + iσ^y)/2 = [[0,1],[0,0]] = |↑⟩⟨↓|, σ^− = [[0,0],[1,0]], and the identity for `"i"`.
 *
 * @param name - which operator
 * @returns a fresh 2×2 complex matrix
 * @throws NessrefError("invalid-input") for an unknown name
 *
 * @example
 * ```ts
 * import { pauli } from "nessref/quantum";
 * pauli("+").re; // Float64Array [0, 1, 0, 0]  (σ^+ = |↑⟩⟨↓|)
 * ```
 */
export function pauli(name: PauliName): ComplexMatrix {
  const re = new Float64Array(4);
  const im = new Float64Array(4);
  switch (name) {
    case "x":
      re[1] = 1;
      re[2] = 1;
      break;
    case "y":
      im[1] = -1;
      im[2] = 1;
      break;
    case "z":
      re[0] = 1;
      re[3] = -1;
      break;
    case "+":
      re[1] = 1;
      break;
    case "-":
      re[2] = 1;
      break;
    case "i":
      re[0] = 1;
      re[3] = 1;
      break;
    default:
      throw new NessrefError("invalid-input", `pauli: unknown operator name ${JSON.stringify(name)} (use x, y, z, +, -, i)`, "");
  }
  return complexMatrix(2, 2, re, im);
}

/**
 * The spin-1/2 operator s^α of MODELS.md §0: s^α = σ^α/2 for α = x, y, z; s^± = σ^±
 * (no factor ½); the identity for `"i"`.
 *
 * @param name - which operator
 * @returns a fresh 2×2 complex matrix
 * @throws NessrefError("invalid-input") for an unknown name
 *
 * @example
 * ```ts
 * import { spin } from "nessref/quantum";
 * spin("z").re; // Float64Array [0.5, 0, 0, -0.5]
 * ```
 */
export function spin(name: PauliName): ComplexMatrix {
  const P = pauli(name);
  if (name === "x" || name === "y" || name === "z") {
    for (let k = 0; k < 4; k++) {
      P.re[k] *= 0.5;
      P.im[k] *= 0.5;
    }
  }
  return P;
}

/**
 * The occupation number n = (1 + σ^z)/2 = |↑⟩⟨↑| (Jordan–Wigner convention of MODELS.md §1d).
 *
 * @returns [[1, 0], [0, 0]] as a complex matrix
 *
 * @example
 * ```ts
 * import { numberOp } from "nessref/quantum";
 * numberOp().re; // Float64Array [1, 0, 0, 0]
 * ```
 */
export function numberOp(): ComplexMatrix {
  return complexMatrix(2, 2, Float64Array.of(1, 0, 0, 0), new Float64Array(4));
}

/**
 * The full 2^L × 2^L matrix of a k-site operator acting on the given sites of an L-site
 * chain, identity elsewhere (MODELS.md §0 ordering: site 1 most significant; the lowest
 * listed site is the most significant factor of `op`).
 *
 * The sites need not be adjacent; when they are, this equals I ⊗ … ⊗ op ⊗ … ⊗ I. Built by
 * direct index placement (no Kronecker products), cost O(2^L · 4^k). Meant for small L
 * and for tests — prefer the matrix-free routines of `apply.ts` ({@link applyToState},
 * {@link applyLeft}, {@link expectation}) in production code.
 *
 * @param op - 2^k × 2^k operator
 * @param sites - k distinct sites, 1-based, strictly ascending
 * @param L - number of sites (1 ≤ L ≤ {@link EMBED_MAX_L})
 * @returns the 2^L × 2^L embedded operator
 * @throws NessrefError("out-of-range") if L > {@link EMBED_MAX_L}; ("invalid-input") for bad sites or shapes
 *
 * @example
 * ```ts
 * import { embed, pauli } from "nessref/quantum";
 * const Z2 = embed(pauli("z"), [2], 3); // I ⊗ σ^z ⊗ I, 8×8
 * Z2.re[1 * 8 + 1]; // 1   (index 1 = |↑↑↓⟩: site 2 is ↑)
 * ```
 */
export function embed(op: ComplexMatrix, sites: readonly number[], L: number): ComplexMatrix {
  if (Number.isInteger(L) && L > EMBED_MAX_L) {
    throw new NessrefError("out-of-range", `embed: L = ${L} exceeds ${EMBED_MAX_L} (dense 2^L × 2^L matrix); use the matrix-free routines`, "");
  }
  const off = siteOffsets(sites, L, "embed");
  const d = off.length;
  if (op.rows !== d || op.cols !== d) {
    throw new NessrefError("invalid-input", `embed: operator is ${op.rows}×${op.cols}, expected ${d}×${d} for ${sites.length} site(s)`, "");
  }
  const N = 1 << L;
  const bases = complementBases(sites, L);
  const E = complexMatrix(N, N);
  const er = E.re;
  const ei = E.im;
  const or = op.re;
  const oi = op.im;
  for (let t = 0; t < bases.length; t++) {
    const b = bases[t];
    for (let a = 0; a < d; a++) {
      const ro = (b + off[a]) * N + b;
      const oo = a * d;
      for (let c = 0; c < d; c++) {
        er[ro + off[c]] = or[oo + c];
        ei[ro + off[c]] = oi[oo + c];
      }
    }
  }
  return E;
}

/**
 * The computational-basis product state |b_1 b_2 … b_L⟩ as a state vector of length 2^L.
 *
 * @param bits - per-site local index, `bits[s − 1]` for site s: 0 = ↑, 1 = ↓ (MODELS.md §0)
 * @returns the normalised basis vector (its single 1 sits at index Σ_s bits[s−1]·2^(L−s))
 * @throws NessrefError("invalid-input") for entries other than 0/1 or an empty list
 *
 * @example
 * ```ts
 * import { productState } from "nessref/quantum";
 * productState([0, 1]).re; // Float64Array [0, 1, 0, 0]  (|↑↓⟩)
 * ```
 */
export function productState(bits: readonly number[]): ComplexVector {
  const L = bits.length;
  if (L < 1 || L > 30) throw new NessrefError("invalid-input", `productState: need 1..30 sites, got ${L}`, "");
  let idx = 0;
  for (let s = 0; s < L; s++) {
    const b = bits[s];
    if (b !== 0 && b !== 1) throw new NessrefError("invalid-input", `productState: bits[${s}] = ${b}, expected 0 (↑) or 1 (↓)`, `/${s}`);
    idx = idx * 2 + b;
  }
  const N = 2 ** L;
  const re = new Float64Array(N);
  re[idx] = 1;
  return { re, im: new Float64Array(N) };
}
