/**
 * Matrix-free application of a k-site operator to states and density matrices of an
 * L-site spin-1/2 chain, without forming any 2^L × 2^L matrix (MODELS.md §0 ordering:
 * site 1 is the most significant Kronecker factor; site s is bit `L − s` of an index).
 *
 * Method: a k-site operator on sites s_1 < … < s_k touches the full index
 * i = b + off[a], where `off[a]` scatters the k bits of the local index a (s_1 most
 * significant) onto the positions of the sites, and b runs over the 2^(L−k) indices whose
 * site bits are zero ({@link complementBases}). Each fibre {b + off[a] : a} is acted on
 * by the small 2^k × 2^k matrix, giving O(2^L · 2^k) work for a state and O(4^L · 2^k)
 * for a density matrix.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, type ComplexMatrix, type ComplexVector } from "../linalg/matrix.js";

/** Largest chain length accepted by the index arithmetic of this module (32-bit indices). */
export const APPLY_MAX_L = 30;

function checkL(L: number, who: string): void {
  if (!Number.isInteger(L) || L < 1 || L > APPLY_MAX_L) {
    throw new NessrefError("invalid-input", `${who}: L must be an integer in 1..${APPLY_MAX_L}, got ${L}`, "");
  }
}

function checkSites(sites: readonly number[], L: number, who: string): void {
  checkL(L, who);
  if (!Array.isArray(sites) || sites.length < 1 || sites.length > L) {
    throw new NessrefError("invalid-input", `${who}: need 1..${L} sites, got ${Array.isArray(sites) ? sites.length : typeof sites}`, "");
  }
  let prev = 0;
  for (let j = 0; j < sites.length; j++) {
    const s = sites[j];
    if (!Number.isInteger(s) || s < 1 || s > L) {
      throw new NessrefError("invalid-input", `${who}: site ${s} is not an integer in 1..${L} (sites are 1-based)`, "");
    }
    if (s <= prev) throw new NessrefError("invalid-input", `${who}: sites must be strictly ascending, got [${sites.join(", ")}]`, "");
    prev = s;
  }
}

/**
 * The full-space index offsets of a site list: `off[a]` is the index whose only set bits
 * are those of the local index a (2^k values, the lowest listed site most significant)
 * scattered onto the bit positions `L − s` of the sites s.
 *
 * @param sites - k distinct sites, 1-based, strictly ascending
 * @param L - number of sites (1 ≤ L ≤ {@link APPLY_MAX_L})
 * @param who - name of the calling routine, used in error messages (default `"siteOffsets"`)
 * @returns Int32Array of length 2^k
 * @throws NessrefError("invalid-input") for bad sites or L
 *
 * @example
 * ```ts
 * import { siteOffsets } from "nessref/quantum";
 * siteOffsets([1, 3], 3); // Int32Array [0, 1, 4, 5]
 * ```
 */
export function siteOffsets(sites: readonly number[], L: number, who = "siteOffsets"): Int32Array {
  checkSites(sites, L, who);
  const k = sites.length;
  const d = 1 << k;
  const off = new Int32Array(d);
  for (let a = 0; a < d; a++) {
    let o = 0;
    for (let j = 0; j < k; j++) {
      // local bit of site j (j = 0 most significant) is bit k−1−j of a
      if ((a >>> (k - 1 - j)) & 1) o |= 1 << (L - sites[j]);
    }
    off[a] = o;
  }
  return off;
}

/**
 * All full-space indices whose bits at the given sites are zero, ascending: the
 * 2^(L−k) "rest-of-chain" configurations b such that {b + off[a]} enumerates the space.
 *
 * @param sites - k distinct sites, 1-based, strictly ascending
 * @param L - number of sites (1 ≤ L ≤ {@link APPLY_MAX_L})
 * @returns Int32Array of length 2^(L−k), ascending
 * @throws NessrefError("invalid-input") for bad sites or L
 *
 * @example
 * ```ts
 * import { complementBases } from "nessref/quantum";
 * complementBases([2], 2); // Int32Array [0, 2]
 * ```
 */
export function complementBases(sites: readonly number[], L: number): Int32Array {
  checkSites(sites, L, "complementBases");
  let mask = 0;
  for (const s of sites) mask |= 1 << (L - s);
  const free: number[] = [];
  for (let p = 0; p < L; p++) if (!((mask >>> p) & 1)) free.push(p);
  const m = free.length;
  const out = new Int32Array(2 ** m);
  for (let r = 0; r < out.length; r++) {
    let b = 0;
    for (let q = 0; q < m; q++) if ((r >>> q) & 1) b |= 1 << free[q];
    out[r] = b;
  }
  return out;
}

function prepare(op: ComplexMatrix, sites: readonly number[], L: number, who: string): { off: Int32Array; bases: Int32Array; d: number } {
  const off = siteOffsets(sites, L, who);
  const d = off.length;
  if (op.rows !== d || op.cols !== d) {
    throw new NessrefError("invalid-input", `${who}: operator is ${op.rows}×${op.cols}, expected ${d}×${d} for ${sites.length} site(s)`, "");
  }
  return { off, bases: complementBases(sites, L), d };
}

function checkSquare(rho: ComplexMatrix, N: number, who: string): void {
  if (rho.rows !== N || rho.cols !== N) {
    throw new NessrefError("invalid-input", `${who}: matrix is ${rho.rows}×${rho.cols}, expected ${N}×${N} (2^L)`, "");
  }
}

/**
 * op·ψ for a k-site operator `op` on `sites` of an L-site chain (identity elsewhere),
 * equal to `cmatvec(embed(op, sites, L), psi)` but in O(2^L · 2^k) time and O(2^L) memory.
 *
 * @param op - 2^k × 2^k operator (lowest site most significant)
 * @param sites - k distinct sites, 1-based, strictly ascending
 * @param L - number of sites
 * @param psi - state vector of length 2^L
 * @returns a new vector op·ψ
 * @throws NessrefError("invalid-input") on mismatched shapes or bad sites
 *
 * @example
 * ```ts
 * import { applyToState, productState, spin } from "nessref/quantum";
 * const psi = applyToState(spin("+"), [2], 2, productState([0, 1])); // s^+_2 |↑↓⟩ = |↑↑⟩
 * psi.re; // Float64Array [1, 0, 0, 0]
 * ```
 */
export function applyToState(op: ComplexMatrix, sites: readonly number[], L: number, psi: ComplexVector): ComplexVector {
  const { off, bases, d } = prepare(op, sites, L, "applyToState");
  const N = 2 ** L;
  if (psi.re.length !== N || psi.im.length !== N) {
    throw new NessrefError("invalid-input", `applyToState: state has length ${psi.re.length}, expected ${N} (2^L)`, "");
  }
  const outR = new Float64Array(N);
  const outI = new Float64Array(N);
  const xr = new Float64Array(d);
  const xi = new Float64Array(d);
  const or = op.re;
  const oi = op.im;
  const pr = psi.re;
  const pi = psi.im;
  for (let t = 0; t < bases.length; t++) {
    const b = bases[t];
    for (let c = 0; c < d; c++) {
      xr[c] = pr[b + off[c]];
      xi[c] = pi[b + off[c]];
    }
    for (let a = 0; a < d; a++) {
      const oo = a * d;
      let sr = 0;
      let si = 0;
      for (let c = 0; c < d; c++) {
        const ar = or[oo + c];
        const ai = oi[oo + c];
        sr += ar * xr[c] - ai * xi[c];
        si += ar * xi[c] + ai * xr[c];
      }
      outR[b + off[a]] = sr;
      outI[b + off[a]] = si;
    }
  }
  return { re: outR, im: outI };
}

/**
 * op·ρ for a k-site operator on `sites` (identity elsewhere), equal to
 * `cmatmul(embed(op, sites, L), rho)`, in O(4^L · 2^k) time without forming the embedded
 * operator. Rows of ρ are combined whole (row-major streaming).
 *
 * @param op - 2^k × 2^k operator (lowest site most significant)
 * @param sites - k distinct sites, 1-based, strictly ascending
 * @param L - number of sites
 * @param rho - 2^L × 2^L matrix
 * @returns a new matrix op·ρ
 * @throws NessrefError("invalid-input") on mismatched shapes or bad sites
 *
 * @example
 * ```ts
 * import { complexIdentity } from "nessref/linalg";
 * import { applyLeft, pauli } from "nessref/quantum";
 * applyLeft(pauli("z"), [1], 1, complexIdentity(2)).re; // Float64Array [1, 0, 0, -1]
 * ```
 */
export function applyLeft(op: ComplexMatrix, sites: readonly number[], L: number, rho: ComplexMatrix): ComplexMatrix {
  const { off, bases, d } = prepare(op, sites, L, "applyLeft");
  const N = 2 ** L;
  checkSquare(rho, N, "applyLeft");
  const out = complexMatrix(N, N);
  const Rr = out.re;
  const Ri = out.im;
  const Xr = rho.re;
  const Xi = rho.im;
  const or = op.re;
  const oi = op.im;
  for (let t = 0; t < bases.length; t++) {
    const b = bases[t];
    for (let a = 0; a < d; a++) {
      const ro = (b + off[a]) * N;
      const oo = a * d;
      for (let c = 0; c < d; c++) {
        const ar = or[oo + c];
        const ai = oi[oo + c];
        if (ar === 0 && ai === 0) continue;
        const so = (b + off[c]) * N;
        for (let j = 0; j < N; j++) {
          const xr = Xr[so + j];
          const xi = Xi[so + j];
          Rr[ro + j] += ar * xr - ai * xi;
          Ri[ro + j] += ar * xi + ai * xr;
        }
      }
    }
  }
  return out;
}

/**
 * ρ·op for a k-site operator on `sites` (identity elsewhere), equal to
 * `cmatmul(rho, embed(op, sites, L))`, in O(4^L · 2^k) time without forming the embedded
 * operator. Each row of ρ is processed fibre by fibre.
 *
 * @param rho - 2^L × 2^L matrix
 * @param op - 2^k × 2^k operator (lowest site most significant)
 * @param sites - k distinct sites, 1-based, strictly ascending
 * @param L - number of sites
 * @returns a new matrix ρ·op
 * @throws NessrefError("invalid-input") on mismatched shapes or bad sites
 *
 * @example
 * ```ts
 * import { complexIdentity } from "nessref/linalg";
 * import { applyRight, pauli } from "nessref/quantum";
 * applyRight(complexIdentity(2), pauli("+"), [1], 1).re; // Float64Array [0, 1, 0, 0]
 * ```
 */
export function applyRight(rho: ComplexMatrix, op: ComplexMatrix, sites: readonly number[], L: number): ComplexMatrix {
  const { off, bases, d } = prepare(op, sites, L, "applyRight");
  const N = 2 ** L;
  checkSquare(rho, N, "applyRight");
  const out = complexMatrix(N, N);
  const Rr = out.re;
  const Ri = out.im;
  const Xr = rho.re;
  const Xi = rho.im;
  const or = op.re;
  const oi = op.im;
  const xr = new Float64Array(d);
  const xi = new Float64Array(d);
  const yr = new Float64Array(d);
  const yi = new Float64Array(d);
  for (let i = 0; i < N; i++) {
    const ro = i * N;
    for (let t = 0; t < bases.length; t++) {
      const b = ro + bases[t];
      for (let a = 0; a < d; a++) {
        xr[a] = Xr[b + off[a]];
        xi[a] = Xi[b + off[a]];
        yr[a] = 0;
        yi[a] = 0;
      }
      // y_c = Σ_a x_a op[a, c], streamed over rows a of op
      for (let a = 0; a < d; a++) {
        const pr = xr[a];
        const pi = xi[a];
        if (pr === 0 && pi === 0) continue;
        const oo = a * d;
        for (let c = 0; c < d; c++) {
          const ar = or[oo + c];
          const ai = oi[oo + c];
          yr[c] += pr * ar - pi * ai;
          yi[c] += pr * ai + pi * ar;
        }
      }
      for (let c = 0; c < d; c++) {
        Rr[b + off[c]] = yr[c];
        Ri[b + off[c]] = yi[c];
      }
    }
  }
  return out;
}

/**
 * Tr(op·ρ) for a k-site operator on `sites` (identity elsewhere), computed as
 * Σ_{a,c} op[a,c] ρ_red[c,a] with the reduced matrix ρ_red[c,a] = Σ_b ρ[b+off[c], b+off[a]]
 * accumulated on the fly: O(2^L · 4^k) time, no allocation beyond O(4^k).
 * ρ need not be Hermitian or normalised; the full complex value is returned.
 *
 * @param op - 2^k × 2^k operator (lowest site most significant)
 * @param sites - k distinct sites, 1-based, strictly ascending
 * @param L - number of sites
 * @param rho - 2^L × 2^L matrix
 * @returns `{ re, im }` of Tr(op ρ)
 * @throws NessrefError("invalid-input") on mismatched shapes or bad sites
 *
 * @example
 * ```ts
 * import { complexFromRows } from "nessref/linalg";
 * import { expectation, spin } from "nessref/quantum";
 * const rho = complexFromRows({ re: [[1, 0], [0, 0]] }); // |↑⟩⟨↑|
 * expectation(spin("z"), [1], 1, rho); // { re: 0.5, im: 0 }
 * ```
 */
export function expectation(op: ComplexMatrix, sites: readonly number[], L: number, rho: ComplexMatrix): {
  /** real part of Tr(Oρ) */ re: number;
  /** imaginary part (rounding only for Hermitian O and ρ) */ im: number;
} {
  const { off, bases, d } = prepare(op, sites, L, "expectation");
  const N = 2 ** L;
  checkSquare(rho, N, "expectation");
  const Xr = rho.re;
  const Xi = rho.im;
  const or = op.re;
  const oi = op.im;
  let sr = 0;
  let si = 0;
  for (let a = 0; a < d; a++) {
    for (let c = 0; c < d; c++) {
      const ar = or[a * d + c];
      const ai = oi[a * d + c];
      if (ar === 0 && ai === 0) continue;
      // ρ_red[c, a] = Σ_b ρ[b + off[c], b + off[a]]
      const shift = off[c] * N + off[a];
      let rr = 0;
      let ri = 0;
      for (let t = 0; t < bases.length; t++) {
        const p = bases[t] * (N + 1) + shift;
        rr += Xr[p];
        ri += Xi[p];
      }
      sr += ar * rr - ai * ri;
      si += ar * ri + ai * rr;
    }
  }
  return { re: sr, im: si };
}

/**
 * ⟨ψ|op|ψ⟩ for a k-site operator on `sites` (identity elsewhere), in O(2^L · 2^k) time
 * with no state-sized allocation. ψ is not normalised by this routine.
 *
 * @param op - 2^k × 2^k operator (lowest site most significant)
 * @param sites - k distinct sites, 1-based, strictly ascending
 * @param L - number of sites
 * @param psi - state vector of length 2^L
 * @returns `{ re, im }` of ⟨ψ|op|ψ⟩ (im ≈ 0 for Hermitian op)
 * @throws NessrefError("invalid-input") on mismatched shapes or bad sites
 *
 * @example
 * ```ts
 * import { productState, spin, stateExpectation } from "nessref/quantum";
 * stateExpectation(spin("z"), [2], 2, productState([0, 1])); // { re: -0.5, im: 0 }
 * ```
 */
export function stateExpectation(op: ComplexMatrix, sites: readonly number[], L: number, psi: ComplexVector): {
  /** real part of ⟨ψ|O|ψ⟩ */ re: number;
  /** imaginary part (rounding only for Hermitian O) */ im: number;
} {
  const { off, bases, d } = prepare(op, sites, L, "stateExpectation");
  const N = 2 ** L;
  if (psi.re.length !== N || psi.im.length !== N) {
    throw new NessrefError("invalid-input", `stateExpectation: state has length ${psi.re.length}, expected ${N} (2^L)`, "");
  }
  const pr = psi.re;
  const pi = psi.im;
  const or = op.re;
  const oi = op.im;
  let sr = 0;
  let si = 0;
  for (let t = 0; t < bases.length; t++) {
    const b = bases[t];
    for (let a = 0; a < d; a++) {
      const ur = pr[b + off[a]];
      const ui = -pi[b + off[a]]; // conj(ψ_a)
      if (ur === 0 && ui === 0) continue;
      const oo = a * d;
      let yr = 0;
      let yi = 0;
      for (let c = 0; c < d; c++) {
        const ar = or[oo + c];
        const ai = oi[oo + c];
        const vr = pr[b + off[c]];
        const vi = pi[b + off[c]];
        yr += ar * vr - ai * vi;
        yi += ar * vi + ai * vr;
      }
      sr += ur * yr - ui * yi;
      si += ur * yi + ui * yr;
    }
  }
  return { re: sr, im: si };
}
