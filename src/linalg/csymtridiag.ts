/**
 * Eigen-decomposition of a complex symmetric (not Hermitian) tridiagonal matrix T = Tᵀ:
 * eigenvalues by the implicit QL iteration with complex orthogonal rotations (c² + s² = 1),
 * the complex-symmetric form of the tridiagonal QL algorithm (Cullum & Willoughby, Lanczos
 * Algorithms for Large Symmetric Eigenvalue Computations, vol. 1, §7; the real algorithm:
 * Bowdler, Martin, Reinsch & Wilkinson, Numer. Math. 11 (1968) 293), and eigenvectors by inverse
 * iteration on T − λI with a partially pivoted tridiagonal LU (Wilkinson). O(n²) in all.
 *
 * Complex orthogonal transformations are not unitary: the algorithm can break down (an isotropic
 * rotation, f² + g² = 0) and the eigenvectors are ill-conditioned near an exceptional point. Both are
 * detected and reported (`ok: false`); the caller then takes a unitary road.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, type ComplexMatrix, type ComplexVector } from "./matrix.js";

const EPS = 2.220446049250313e-16;

/** complex sqrt (principal branch) */
function csqrt(re: number, im: number): [number, number] {
  const m = Math.hypot(re, im);
  if (m === 0) return [0, 0];
  const r = Math.sqrt((m + Math.abs(re)) / 2);
  if (re >= 0) return [r, im / (2 * r)];
  return [Math.abs(im) / (2 * r), im >= 0 ? r : -r];
}

function cdiv(ar: number, ai: number, br: number, bi: number): [number, number] {
  if (Math.abs(br) >= Math.abs(bi)) {
    const q = bi / br, den = br + bi * q;
    return [(ar + ai * q) / den, (ai - ar * q) / den];
  }
  const q = br / bi, den = br * q + bi;
  return [(ar * q + ai) / den, (ai * q - ar) / den];
}

/**
 * Result of {@link complexSymTridiagEig}.
 *
 * @example
 * ```ts
 * import { complexSymTridiagEig } from "nessref/linalg";
 * const r = complexSymTridiagEig({ re: Float64Array.of(1, -1), im: Float64Array.of(0, 0) }, { re: Float64Array.of(0), im: Float64Array.of(1) });
 * r.ok; // false: [[1, i], [i, −1]] is an exceptional point (defective)
 * ```
 */
export interface ComplexSymTridiagEig {
  /** false when the QL iteration broke down or an eigenvector is ill-conditioned (|vᵀv| ≪ ‖v‖²) */
  ok: boolean;
  /** why `ok` is false ("" when ok) */
  reason: string;
  /** eigenvalues λ_a */
  values: ComplexVector;
  /** eigenvectors as columns, normalized so that vᵀv = 1 (so V⁻¹ = Vᵀ); n×n complex */
  vectors: ComplexMatrix;
  /** max_a |vᵀ_a v_a| ‖v_a‖⁻² reciprocal: the worst eigenvector condition 1/|vᵀv| for ‖v‖ = 1 */
  worstCondition: number;
}

/**
 * Eigenvalues and eigenvectors of the complex symmetric tridiagonal T with diagonal d and
 * off-diagonal e (T_{i,i+1} = T_{i+1,i} = e_i). See the module comment for the method.
 *
 * @param d - diagonal {re, im} (length n)
 * @param e - off-diagonal {re, im} (length n − 1)
 * @returns eigenvalues, eigenvectors normalized by vᵀv = 1, and a success flag
 * @throws NessrefError("invalid-input") for mismatched lengths or non-finite entries
 *
 * @example
 * ```ts
 * import { complexSymTridiagEig } from "nessref/linalg";
 * const r = complexSymTridiagEig({ re: Float64Array.of(-0.5, 0), im: Float64Array.of(0, 0) },
 *   { re: Float64Array.of(0), im: Float64Array.of(1) });
 * r.values; // the two eigenvalues of [[-0.5, i], [i, 0]]
 * ```
 */
export function complexSymTridiagEig(d: ComplexVector, e: ComplexVector): ComplexSymTridiagEig {
  const n = d.re.length;
  if (d.im.length !== n || e.re.length !== Math.max(n - 1, 0) || e.im.length !== Math.max(n - 1, 0)) {
    throw new NessrefError("invalid-input", "complexSymTridiagEig: d must have n entries and e n − 1", "");
  }
  for (const a of [d.re, d.im, e.re, e.im]) for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!)) throw new NessrefError("invalid-input", "complexSymTridiagEig: non-finite entry", "");
  }
  // work on T/‖T‖_max (entries of order 1: no underflow in squares, shifts and pivots)
  let mx = 0;
  for (const a of [d.re, d.im, e.re, e.im]) for (let i = 0; i < a.length; i++) mx = Math.max(mx, Math.abs(a[i]!));
  if (mx === 0) {
    const V0 = complexMatrix(n, n);
    for (let i = 0; i < n; i++) V0.re[i * n + i] = 1;
    return { ok: true, reason: "", values: { re: new Float64Array(n), im: new Float64Array(n) }, vectors: V0, worstCondition: 1 };
  }
  const nd = { re: d.re.map((v) => v / mx), im: d.im.map((v) => v / mx) };
  const ne = { re: e.re.map((v) => v / mx), im: e.im.map((v) => v / mx) };
  d = nd; e = ne;
  const dr = Float64Array.from(d.re), di = Float64Array.from(d.im);
  const er = new Float64Array(n), ei = new Float64Array(n);
  er.set(e.re); ei.set(e.im);
  const fail = (reason: string): ComplexSymTridiagEig => ({
    ok: false, reason, values: { re: new Float64Array(n), im: new Float64Array(n) }, vectors: complexMatrix(n, n), worstCondition: Infinity,
  });
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.hypot(dr[i]!, di[i]!), Math.hypot(er[i]!, ei[i]!));
  if (scale === 0) scale = 1;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.hypot(dr[m]!, di[m]!) + Math.hypot(dr[m + 1]!, di[m + 1]!);
        if (Math.hypot(er[m]!, ei[m]!) <= EPS * Math.max(dd, EPS * scale)) break;
      }
      if (m === l) break;
      if (++iter > 60) return fail(`QL iteration did not converge for eigenvalue ${l}`);
      // shift: g = (d[l+1] − d[l]) / (2 e[l]); r = sqrt(g² + 1); g = d[m] − d[l] + e[l]/(g ± r)
      let [gr, gi] = cdiv(dr[l + 1]! - dr[l]!, di[l + 1]! - di[l]!, 2 * er[l]!, 2 * ei[l]!);
      let [rr, ri] = csqrt(gr * gr - gi * gi + 1, 2 * gr * gi);
      const pr = gr + rr, pi = gi + ri, mr = gr - rr, mi = gi - ri;
      const [qr, qi] = Math.hypot(pr, pi) >= Math.hypot(mr, mi) ? [pr, pi] : [mr, mi];
      const [tr, ti] = cdiv(er[l]!, ei[l]!, qr, qi);
      gr = dr[m]! - dr[l]! + tr; gi = di[m]! - di[l]! + ti;
      let sr = 1, si = 0, cr = 1, ci = 0, ppr = 0, ppi = 0;
      let i = m - 1;
      let broke = false;
      for (; i >= l; i--) {
        const fr = sr * er[i]! - si * ei[i]!, fi = sr * ei[i]! + si * er[i]!;
        const br = cr * er[i]! - ci * ei[i]!, bi = cr * ei[i]! + ci * er[i]!;
        [rr, ri] = csqrt(fr * fr - fi * fi + gr * gr - gi * gi, 2 * (fr * fi + gr * gi));
        const rmod = Math.hypot(rr, ri);
        if (rmod <= EPS * (Math.hypot(fr, fi) + Math.hypot(gr, gi))) {
          if (Math.hypot(fr, fi) === 0 && Math.hypot(gr, gi) === 0) {
            dr[i + 1] -= ppr; di[i + 1] -= ppi; er[m] = 0; ei[m] = 0; broke = true; break;
          }
          return fail("isotropic rotation (f² + g² = 0): the complex orthogonal QL step broke down");
        }
        er[i + 1] = rr; ei[i + 1] = ri;
        [sr, si] = cdiv(fr, fi, rr, ri);
        [cr, ci] = cdiv(gr, gi, rr, ri);
        gr = dr[i + 1]! - ppr; gi = di[i + 1]! - ppi;
        // r = (d[i] − g) s + 2 c b
        const xr = dr[i]! - gr, xi = di[i]! - gi;
        rr = xr * sr - xi * si + 2 * (cr * br - ci * bi);
        ri = xr * si + xi * sr + 2 * (cr * bi + ci * br);
        ppr = sr * rr - si * ri; ppi = sr * ri + si * rr;
        dr[i + 1] = gr + ppr; di[i + 1] = gi + ppi;
        gr = cr * rr - ci * ri - br; gi = cr * ri + ci * rr - bi;
      }
      if (broke) continue;
      dr[l] -= ppr; di[l] -= ppi;
      er[l] = gr; ei[l] = gi; er[m] = 0; ei[m] = 0;
    }
  }
  const values = { re: dr, im: di };
  // eigenvectors by inverse iteration on T − λI
  const V = complexMatrix(n, n);
  const a0r = new Float64Array(n), a0i = new Float64Array(n); // diag of T − λ
  // LU of tridiagonal with partial pivoting: rows may swap with the next; fill in u2 (second superdiag)
  const u0r = new Float64Array(n), u0i = new Float64Array(n), u1r = new Float64Array(n), u1i = new Float64Array(n);
  const u2r = new Float64Array(n), u2i = new Float64Array(n), lr = new Float64Array(n), li = new Float64Array(n);
  const piv = new Uint8Array(n);
  const xr = new Float64Array(n), xi = new Float64Array(n);
  let worstCondition = 1;
  for (let a = 0; a < n; a++) {
   let lamr = dr[a]!, lami = di[a]!;
   for (let pass = 0; ; pass++) {
    // perturb the shift slightly so that T − λ is not exactly singular
    const shr = lamr + EPS * scale, shi = lami;
    for (let k = 0; k < n; k++) { a0r[k] = d.re[k]! - shr; a0i[k] = d.im[k]! - shi; }
    // factor: row k holds [u0 u1 u2] at columns k, k+1, k+2
    let curr0r = a0r[0]!, curr0i = a0i[0]!, curr1r = n > 1 ? e.re[0]! : 0, curr1i = n > 1 ? e.im[0]! : 0, curr2r = 0, curr2i = 0;
    for (let k = 0; k < n; k++) {
      if (k === n - 1) { u0r[k] = curr0r; u0i[k] = curr0i; u1r[k] = 0; u1i[k] = 0; u2r[k] = 0; u2i[k] = 0; piv[k] = 0; break; }
      // next row: [sub = e_k, diag = a0_{k+1}, sup = e_{k+1}]
      const nsr = e.re[k]!, nsi = e.im[k]!;
      let n0r = a0r[k + 1]!, n0i = a0i[k + 1]!;
      let n1r = k + 1 < n - 1 ? e.re[k + 1]! : 0, n1i = k + 1 < n - 1 ? e.im[k + 1]! : 0;
      if (Math.hypot(nsr, nsi) > Math.hypot(curr0r, curr0i)) {
        // swap rows k and k+1
        piv[k] = 1;
        u0r[k] = nsr; u0i[k] = nsi; u1r[k] = n0r; u1i[k] = n0i; u2r[k] = n1r; u2i[k] = n1i;
        const [mr2, mi2] = cdiv(curr0r, curr0i, nsr, nsi);
        lr[k] = mr2; li[k] = mi2;
        // new row k+1 = old row k − m·new row k, at columns k+1, k+2
        n0r = curr1r - (mr2 * n0r - mi2 * n0i); n0i = curr1i - (mr2 * u1i[k]! + mi2 * u1r[k]!);
        const t2r = curr2r - (mr2 * n1r - mi2 * n1i), t2i = curr2i - (mr2 * n1i + mi2 * n1r);
        n1r = t2r; n1i = t2i;
      } else {
        piv[k] = 0;
        u0r[k] = curr0r; u0i[k] = curr0i; u1r[k] = curr1r; u1i[k] = curr1i; u2r[k] = curr2r; u2i[k] = curr2i;
        let mr2 = 0, mi2 = 0;
        if (curr0r !== 0 || curr0i !== 0) [mr2, mi2] = cdiv(nsr, nsi, curr0r, curr0i);
        lr[k] = mr2; li[k] = mi2;
        n0r -= mr2 * curr1r - mi2 * curr1i; n0i -= mr2 * curr1i + mi2 * curr1r;
        n1r -= mr2 * curr2r - mi2 * curr2i; n1i -= mr2 * curr2i + mi2 * curr2r;
      }
      curr0r = n0r; curr0i = n0i; curr1r = n1r; curr1i = n1i; curr2r = 0; curr2i = 0;
      // the fill-in of the next step starts at 0 (row k+2 has no entry at column k+3 yet)
    }
    const tiny = EPS * scale;
    for (let k = 0; k < n; k++) if (Math.hypot(u0r[k]!, u0i[k]!) < tiny) { u0r[k] = tiny; u0i[k] = 0; }
    // start vector: deterministic, all components non-zero
    for (let k = 0; k < n; k++) { xr[k] = 1 + 0.5 * Math.sin(1.3 * k + 0.7 * a); xi[k] = 0.25 * Math.cos(0.9 * k + 1.1 * a); }
    const cluster: number[] = [];
    for (let b = 0; b < a; b++) if (Math.hypot(dr[b]! - lamr, di[b]! - lami) <= 1e-6 * scale) cluster.push(b);
    for (let it = 0; it < 3; it++) {
      // apply L⁻¹ (with the row swaps)
      for (let k = 0; k < n - 1; k++) {
        if (piv[k]) { const tr2 = xr[k]!, ti2 = xi[k]!; xr[k] = xr[k + 1]!; xi[k] = xi[k + 1]!; xr[k + 1] = tr2; xi[k + 1] = ti2; }
        const mr2 = lr[k]!, mi2 = li[k]!;
        xr[k + 1] -= mr2 * xr[k]! - mi2 * xi[k]!; xi[k + 1] -= mr2 * xi[k]! + mi2 * xr[k]!;
      }
      // back substitution with U (u0, u1, u2)
      for (let k = n - 1; k >= 0; k--) {
        let sr2 = xr[k]!, si2 = xi[k]!;
        if (k + 1 < n) { sr2 -= u1r[k]! * xr[k + 1]! - u1i[k]! * xi[k + 1]!; si2 -= u1r[k]! * xi[k + 1]! + u1i[k]! * xr[k + 1]!; }
        if (k + 2 < n) { sr2 -= u2r[k]! * xr[k + 2]! - u2i[k]! * xi[k + 2]!; si2 -= u2r[k]! * xi[k + 2]! + u2i[k]! * xr[k + 2]!; }
        [xr[k], xi[k]] = cdiv(sr2, si2, u0r[k]!, u0i[k]!);
      }
      let nrm = 0;
      for (let k = 0; k < n; k++) nrm = Math.max(nrm, Math.abs(xr[k]!), Math.abs(xi[k]!));
      if (!(nrm > 0) || !Number.isFinite(nrm)) return fail(`inverse iteration failed for eigenvalue ${a}`);
      for (let k = 0; k < n; k++) { xr[k] /= nrm; xi[k] /= nrm; }
      // bilinear Gram–Schmidt against the computed vectors of a cluster (|λ_b − λ_a| ≤ 1e-6·scale):
      // x ← x − Σ_b (v_bᵀ x) v_b with v_bᵀ v_b = 1 (eigenvectors of distinct eigenvalues of Tᵀ = T are
      // bilinearly orthogonal; inside a cluster inverse iteration alone would return one direction)
      for (const b of cluster) {
        let pr = 0, pi = 0;
        for (let k = 0; k < n; k++) {
          const vr = V.re[k * n + b]!, vi = V.im[k * n + b]!;
          pr += vr * xr[k]! - vi * xi[k]!; pi += vr * xi[k]! + vi * xr[k]!;
        }
        for (let k = 0; k < n; k++) {
          const vr = V.re[k * n + b]!, vi = V.im[k * n + b]!;
          xr[k] -= pr * vr - pi * vi; xi[k] -= pr * vi + pi * vr;
        }
      }
      if (cluster.length > 0) {
        let m2 = 0;
        for (let k = 0; k < n; k++) m2 = Math.max(m2, Math.abs(xr[k]!), Math.abs(xi[k]!));
        if (!(m2 > 1e-8)) return fail(`eigenvector ${a} lies in the span of a cluster's other vectors: a defective (non-diagonalizable) cluster`);
        for (let k = 0; k < n; k++) { xr[k] /= m2; xi[k] /= m2; }
      }
    }
    // normalize by vᵀv = 1
    let qr = 0, qi = 0, n2 = 0;
    for (let k = 0; k < n; k++) { qr += xr[k]! * xr[k]! - xi[k]! * xi[k]!; qi += 2 * xr[k]! * xi[k]!; n2 += xr[k]! * xr[k]! + xi[k]! * xi[k]!; }
    const cond = n2 / Math.hypot(qr, qi);
    worstCondition = Math.max(worstCondition, cond);
    if (!(cond < 1e8)) return fail(`eigenvector ${a} is nearly isotropic (vᵀv ≈ 0, condition ${cond.toExponential(2)}): close to an exceptional point`);
    // a posteriori residual ‖T x − λ x‖ / ‖x‖ (O(n): T is tridiagonal); inverse iteration gives
    // ≲ n ε ‖T‖ unless λ itself is inaccurate (near an exceptional point the QL eigenvalues lose digits)
    let rmax = 0;
    for (let k = 0; k < n; k++) {
      let sr2 = (d.re[k]! - lamr) * xr[k]! - (d.im[k]! - lami) * xi[k]!, si2 = (d.re[k]! - lamr) * xi[k]! + (d.im[k]! - lami) * xr[k]!;
      if (k > 0) { sr2 += e.re[k - 1]! * xr[k - 1]! - e.im[k - 1]! * xi[k - 1]!; si2 += e.re[k - 1]! * xi[k - 1]! + e.im[k - 1]! * xr[k - 1]!; }
      if (k + 1 < n) { sr2 += e.re[k]! * xr[k + 1]! - e.im[k]! * xi[k + 1]!; si2 += e.re[k]! * xi[k + 1]! + e.im[k]! * xr[k + 1]!; }
      rmax = Math.max(rmax, Math.hypot(sr2, si2));
    }
    if (!(rmax <= 1e3 * n * EPS * scale * Math.sqrt(n2))) {
      // the QL eigenvalue is inaccurate (complex orthogonal rotations are not unitary): refine it by the
      // bilinear Rayleigh quotient λ = xᵀTx / xᵀx (stationary for Tᵀ = T) and iterate once more
      if (pass >= 2) return fail(`eigenpair ${a} has residual ${rmax.toExponential(2)} after Rayleigh-quotient refinement (close to an exceptional point)`);
      let tr = 0, ti = 0;
      for (let k = 0; k < n; k++) {
        let sr2 = d.re[k]! * xr[k]! - d.im[k]! * xi[k]!, si2 = d.re[k]! * xi[k]! + d.im[k]! * xr[k]!;
        if (k > 0) { sr2 += e.re[k - 1]! * xr[k - 1]! - e.im[k - 1]! * xi[k - 1]!; si2 += e.re[k - 1]! * xi[k - 1]! + e.im[k - 1]! * xr[k - 1]!; }
        if (k + 1 < n) { sr2 += e.re[k]! * xr[k + 1]! - e.im[k]! * xi[k + 1]!; si2 += e.re[k]! * xi[k + 1]! + e.im[k]! * xr[k + 1]!; }
        tr += xr[k]! * sr2 - xi[k]! * si2; ti += xr[k]! * si2 + xi[k]! * sr2;
      }
      [lamr, lami] = cdiv(tr, ti, qr, qi);
      dr[a] = lamr; di[a] = lami;
      continue;
    }
    const [sqr, sqi] = csqrt(qr, qi);
    for (let k = 0; k < n; k++) {
      const [vr, vi] = cdiv(xr[k]!, xi[k]!, sqr, sqi);
      V.re[k * n + a] = vr; V.im[k * n + a] = vi;
    }
    break;
   }
  }
  // a posteriori: bilinear orthogonality of close pairs (where inverse iteration is least reliable)
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) {
    if (Math.hypot(dr[a]! - dr[b]!, di[a]! - di[b]!) > 1e-3 * scale) continue;
    let pr = 0, pi = 0;
    for (let k = 0; k < n; k++) {
      pr += V.re[k * n + a]! * V.re[k * n + b]! - V.im[k * n + a]! * V.im[k * n + b]!;
      pi += V.re[k * n + a]! * V.im[k * n + b]! + V.im[k * n + a]! * V.re[k * n + b]!;
    }
    if (Math.hypot(pr, pi) > 1e-8 * worstCondition) return fail(`eigenvectors ${b} and ${a} of a close pair are not orthogonal (|v_aᵀv_b| = ${Math.hypot(pr, pi).toExponential(2)})`);
  }
  for (let a = 0; a < n; a++) { dr[a] *= mx; di[a] *= mx; }
  return { ok: true, reason: "", values, vectors: V, worstCondition };
}
