/**
 * Partial traces of L-site spin-1/2 density matrices and pure states (MODELS.md §0
 * ordering: site 1 is the most significant Kronecker factor).
 *
 * The reduced matrix on the kept sites K = (k_1 < … < k_m) is
 * ρ_K[c, a] = Σ_b ρ[b + off[c], b + off[a]], with `off` the scattered offsets of the kept
 * sites ({@link siteOffsets}) and b over the configurations of the traced-out sites
 * ({@link complementBases}); its index is ordered with the lowest kept site most
 * significant, so Tr_B(ρ_A ⊗ ρ_B) = ρ_A for A = sites 1..m.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, type ComplexMatrix, type ComplexVector } from "../linalg/matrix.js";
import { complementBases, siteOffsets } from "./apply.js";

/**
 * Reduced density matrix Tr_{not keep}(ρ) of an L-site operator. O(2^L · 4^m) time for
 * m kept sites.
 *
 * @param rho - 2^L × 2^L matrix (need not be Hermitian; every entry is traced)
 * @param keep - kept sites, 1-based, strictly ascending (all L sites returns a copy)
 * @param L - number of sites
 * @returns the 2^m × 2^m reduced matrix, lowest kept site most significant
 * @throws NessrefError("invalid-input") on a shape mismatch or bad site list
 *
 * @example
 * ```ts
 * import { complexIdentity } from "nessref/linalg";
 * import { partialTrace } from "nessref/quantum";
 * partialTrace(complexIdentity(8), [2], 3).re; // Float64Array [4, 0, 0, 4]
 * ```
 */
export function partialTrace(rho: ComplexMatrix, keep: readonly number[], L: number): ComplexMatrix {
  const off = siteOffsets(keep, L, "partialTrace");
  const bases = complementBases(keep, L);
  const N = 2 ** L;
  if (rho.rows !== N || rho.cols !== N) {
    throw new NessrefError("invalid-input", `partialTrace: matrix is ${rho.rows}×${rho.cols}, expected ${N}×${N} (2^L)`, "");
  }
  const d = off.length;
  const out = complexMatrix(d, d);
  const Xr = rho.re;
  const Xi = rho.im;
  const nb = bases.length;
  for (let c = 0; c < d; c++) {
    for (let a = 0; a < d; a++) {
      const shift = off[c] * N + off[a];
      let rr = 0;
      let ri = 0;
      for (let t = 0; t < nb; t++) {
        const p = bases[t] * (N + 1) + shift;
        rr += Xr[p];
        ri += Xi[p];
      }
      out.re[c * d + a] = rr;
      out.im[c * d + a] = ri;
    }
  }
  return out;
}

/**
 * Reduced density matrix Tr_{not keep}|ψ⟩⟨ψ| of a pure state, without forming |ψ⟩⟨ψ|:
 * ρ_K[c, a] = Σ_b ψ[b + off[c]] · conj(ψ[b + off[a]]). O(2^L · 2^m) time.
 * ψ is not normalised by this routine (the trace of the result is ‖ψ‖²).
 *
 * @param psi - state vector of length 2^L
 * @param keep - kept sites, 1-based, strictly ascending
 * @param L - number of sites
 * @returns the 2^m × 2^m reduced density matrix, lowest kept site most significant
 * @throws NessrefError("invalid-input") on a length mismatch or bad site list
 *
 * @example
 * ```ts
 * import { productState, reducedFromState } from "nessref/quantum";
 * reducedFromState(productState([0, 1]), [2], 2).re; // Float64Array [0, 0, 0, 1]  (|↓⟩⟨↓|)
 * ```
 */
export function reducedFromState(psi: ComplexVector, keep: readonly number[], L: number): ComplexMatrix {
  const off = siteOffsets(keep, L, "reducedFromState");
  const bases = complementBases(keep, L);
  const N = 2 ** L;
  if (psi.re.length !== N || psi.im.length !== N) {
    throw new NessrefError("invalid-input", `reducedFromState: state has length ${psi.re.length}, expected ${N} (2^L)`, "");
  }
  const d = off.length;
  const out = complexMatrix(d, d);
  const Or = out.re;
  const Oi = out.im;
  const pr = psi.re;
  const pi = psi.im;
  const xr = new Float64Array(d);
  const xi = new Float64Array(d);
  for (let t = 0; t < bases.length; t++) {
    const b = bases[t];
    for (let a = 0; a < d; a++) {
      xr[a] = pr[b + off[a]];
      xi[a] = pi[b + off[a]];
    }
    for (let c = 0; c < d; c++) {
      const ur = xr[c];
      const ui = xi[c];
      if (ur === 0 && ui === 0) continue;
      const ro = c * d;
      for (let a = 0; a < d; a++) {
        // ψ_c · conj(ψ_a)
        Or[ro + a] += ur * xr[a] + ui * xi[a];
        Oi[ro + a] += ui * xr[a] - ur * xi[a];
      }
    }
  }
  return out;
}
