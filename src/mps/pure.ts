/**
 * Matrix-product states of spin-½ chains with a conserved Σ s^z (CONVENTIONS §9): U(1)
 * block-sparse tensors in the Vidal–Hastings form ψ = Λ_0 B_1 B_2 ⋯ B_L, every B right-canonical
 * (Σ_s B_s B_s† = 1) and Λ_b the Schmidt values of bond b, with two-site gates applied by SVD and
 * truncation (Hastings, J. Math. Phys. 50, 095207 (2009): the updated left tensor is G·(B_iB_{i+1})·Y,
 * no division by Schmidt values).
 *
 * Index order and storage: the virtual bond b (b = 0..L, bond b to the right of site b, bond 0 the
 * left edge) is split into charge sectors q = the number of up spins on sites 1..b; `bonds[b]` lists
 * the sectors ascending with their dimensions and Schmidt values (descending within a sector).
 * The tensor of site i (0-based index i = site i+1) is a list of dense complex blocks
 * `sites[i][k][s]`, k the left sector, s the physical index (0 = |↑⟩, 1 = |↓⟩ as in CONVENTIONS §0);
 * the block maps left sector q to right sector q + (s = 0 ? 1 : 0) and is `null` when that sector is
 * absent. Blocks are row-major {@link ComplexMatrix} (left index = row).
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, type ComplexMatrix } from "../linalg/matrix.js";
import { cmatmul } from "../linalg/dense.js";
import { csvd } from "../linalg/svd.js";
import { keepCount, recordUpdate, type Truncation, type TruncationStats } from "./truncate.js";

/** Up-spin count of the local index s (0 = ↑). */
const NUP = [1, 0] as const;
/** Up-spin count of the two-site index s1·2 + s2. */
const NUP2 = [2, 1, 1, 0] as const;

/**
 * One virtual bond of a {@link PureMps}: its charge sectors, ascending.
 *
 * @example
 * ```ts
 * import type { MpsBond } from "nessref/mps";
 * const edge: MpsBond = { charges: [0], dims: [1], lambda: [Float64Array.of(1)] };
 * ```
 */
export interface MpsBond {
  /** the sector charges q (up spins to the left of the bond), ascending */
  charges: number[];
  /** the dimension of each sector */
  dims: number[];
  /** the Schmidt values of each sector (Σ over all sectors of λ² = 1) */
  lambda: Float64Array[];
}

/**
 * A U(1) MPS in Vidal–Hastings form (see the module comment for the index order).
 *
 * @example
 * ```ts
 * import { productMps } from "nessref/mps";
 * const psi = productMps([0, 0, 1, 1]); // |↑↑↓↓⟩
 * psi.bonds[2].charges; // [2]
 * ```
 */
export interface PureMps {
  /** number of sites */
  readonly L: number;
  /** L + 1 bonds */
  bonds: MpsBond[];
  /** sites[i][k][s]: block of site i+1 from left sector k with physical index s, or null */
  sites: (ComplexMatrix | null)[][][];
}

function sectorIndex(b: MpsBond, q: number): number {
  const c = b.charges;
  for (let k = 0; k < c.length; k++) if (c[k] === q) return k;
  return -1;
}

/**
 * The product state with local indices `config[i]` (0 = ↑, 1 = ↓ on site i+1).
 *
 * @param config - L local indices
 * @returns the MPS, bond dimension 1
 * @throws NessrefError("invalid-input") for L < 2 or an index other than 0, 1
 *
 * @example
 * ```ts
 * import { productMps } from "nessref/mps";
 * productMps([0, 1, 0, 1]).L; // 4 (Néel)
 * ```
 */
export function productMps(config: readonly number[]): PureMps {
  const L = config.length;
  if (L < 2) throw new NessrefError("invalid-input", `productMps: need L ≥ 2 sites, got ${L}`, "/L");
  const bonds: MpsBond[] = [{ charges: [0], dims: [1], lambda: [Float64Array.of(1)] }];
  const sites: (ComplexMatrix | null)[][][] = [];
  let q = 0;
  for (let i = 0; i < L; i++) {
    const s = config[i];
    if (s !== 0 && s !== 1) throw new NessrefError("invalid-input", `productMps: local index of site ${i + 1} must be 0 (↑) or 1 (↓), got ${s}`, `/config/${i}`);
    const blocks: (ComplexMatrix | null)[] = [null, null];
    blocks[s] = complexMatrix(1, 1, Float64Array.of(1), Float64Array.of(0));
    sites.push([blocks]);
    q += NUP[s];
    bonds.push({ charges: [q], dims: [1], lambda: [Float64Array.of(1)] });
  }
  return { L, bonds, sites };
}

/**
 * The domain wall of CONVENTIONS §7: sites 1..L/2 up, the rest down.
 *
 * @param L - even number of sites ≥ 2
 * @returns the product MPS
 * @throws NessrefError("invalid-input") for odd L
 *
 * @example
 * ```ts
 * import { domainWallMps } from "nessref/mps";
 * domainWallMps(6).bonds[3].charges; // [3]
 * ```
 */
export function domainWallMps(L: number): PureMps {
  if (!Number.isInteger(L) || L < 2 || L % 2 !== 0) throw new NessrefError("invalid-input", `the domain wall needs an even L ≥ 2, got ${L}`, "/L");
  return productMps(Array.from({ length: L }, (_, i) => (i < L / 2 ? 0 : 1)));
}

/**
 * The largest bond dimension of an MPS.
 *
 * @param m - the MPS
 * @returns max over bonds of Σ_sectors dim
 *
 * @example
 * ```ts
 * import { bondDimension, productMps } from "nessref/mps";
 * bondDimension(productMps([0, 1])); // 1
 * ```
 */
export function bondDimension(m: PureMps): number {
  let best = 1;
  for (const b of m.bonds) best = Math.max(best, b.dims.reduce((x, y) => x + y, 0));
  return best;
}

/** c·A accumulated into C (same shape). */
function axpy(C: ComplexMatrix, cr: number, ci: number, A: ComplexMatrix): void {
  const n = C.re.length;
  const xr = C.re, xi = C.im, ar = A.re, ai = A.im;
  for (let k = 0; k < n; k++) {
    const r = ar[k], i = ai[k];
    xr[k] += cr * r - ci * i;
    xi[k] += cr * i + ci * r;
  }
}

/**
 * Apply a two-site gate G (4×4, two-site index s1·2 + s2 with site i+1 first) to sites i+1, i+2
 * (0-based `i`), then split by SVD with the truncation rule, keeping the Vidal–Hastings form. G must
 * conserve the up-spin count (entries between two-site states of different counts are ignored; they
 * must vanish). The state is renormalised (Σλ² = 1), so non-unitary gates (imaginary time) work too.
 *
 * @param m - the MPS (mutated)
 * @param i - 0-based left site, 0 ≤ i ≤ L − 2
 * @param G - the gate
 * @param trunc - truncation rule
 * @param stats - statistics (mutated)
 * @returns the squared norm of the updated state before renormalisation (1 for a unitary gate up to truncation)
 *
 * @example
 * ```ts
 * import { applyGate, productMps, newTruncationStats } from "nessref/mps";
 * import { complexIdentity } from "nessref/linalg";
 * const psi = productMps([0, 1]);
 * applyGate(psi, 0, complexIdentity(4), { chi: 4, cutoff: 0 }, newTruncationStats());
 * ```
 */
export function applyGate(m: PureMps, i: number, G: ComplexMatrix, trunc: Truncation, stats: TruncationStats): number {
  const bl = m.bonds[i], bm = m.bonds[i + 1], br = m.bonds[i + 2];
  const A = m.sites[i], B = m.sites[i + 1];
  const nl = bl.charges.length;
  // T[kl][s]: (B_i B_{i+1}) block from left sector kl with two-site index s, dims dl × dr(ql + NUP2[s])
  const T: (ComplexMatrix | null)[][] = [];
  for (let kl = 0; kl < nl; kl++) {
    const row: (ComplexMatrix | null)[] = [null, null, null, null];
    const ql = bl.charges[kl];
    for (let s1 = 0; s1 < 2; s1++) {
      const a = A[kl][s1];
      if (!a) continue;
      const km = sectorIndex(bm, ql + NUP[s1]);
      for (let s2 = 0; s2 < 2; s2++) {
        const b = B[km][s2];
        if (b) row[s1 * 2 + s2] = cmatmul(a, b);
      }
    }
    T.push(row);
  }
  // gate: T'[kl][s'] = Σ_s G[s', s] T[kl][s] over s with the same up count
  const Tg: (ComplexMatrix | null)[][] = [];
  for (let kl = 0; kl < nl; kl++) {
    const row: (ComplexMatrix | null)[] = [null, null, null, null];
    for (let sp = 0; sp < 4; sp++) {
      const qr = bl.charges[kl] + NUP2[sp];
      const kr = sectorIndex(br, qr);
      if (kr < 0) continue;
      let acc: ComplexMatrix | null = null;
      for (let s = 0; s < 4; s++) {
        if (NUP2[s] !== NUP2[sp]) continue;
        const t = T[kl][s];
        const gr = G.re[sp * 4 + s], gi = G.im[sp * 4 + s];
        if (!t || (gr === 0 && gi === 0)) continue;
        acc ??= complexMatrix(bl.dims[kl], br.dims[kr]);
        axpy(acc, gr, gi, t);
      }
      row[sp] = acc;
    }
    Tg.push(row);
  }
  // new middle sectors qm: rows (kl, s1) with ql + NUP[s1] = qm, cols (s2, kr) with qr = qm + NUP[s2]
  const qms: number[] = [];
  for (const ql of bl.charges) for (const s1 of [1, 0]) if (!qms.includes(ql + NUP[s1])) qms.push(ql + NUP[s1]);
  qms.sort((x, y) => x - y);
  interface Sector { qm: number; rows: { kl: number; s1: number; off: number }[]; cols: { s2: number; kr: number; off: number }[]; R: number; C: number; U: ComplexMatrix; s: Float64Array; V: ComplexMatrix }
  const sectors: Sector[] = [];
  for (const qm of qms) {
    const rows: Sector["rows"] = [];
    let R = 0;
    for (let kl = 0; kl < nl; kl++) for (let s1 = 0; s1 < 2; s1++) {
      if (bl.charges[kl] + NUP[s1] !== qm) continue;
      rows.push({ kl, s1, off: R });
      R += bl.dims[kl];
    }
    const cols: Sector["cols"] = [];
    let C = 0;
    for (let s2 = 0; s2 < 2; s2++) {
      const kr = sectorIndex(br, qm + NUP[s2]);
      if (kr < 0) continue;
      cols.push({ s2, kr, off: C });
      C += br.dims[kr];
    }
    if (R === 0 || C === 0) continue;
    // θ = Λ_left · T' for this sector
    const M = complexMatrix(R, C);
    let any = false;
    for (const r of rows) {
      const lam = bl.lambda[r.kl];
      for (const c of cols) {
        const blk = Tg[r.kl][r.s1 * 2 + c.s2];
        if (!blk) continue;
        any = true;
        const cc = blk.cols;
        for (let a = 0; a < blk.rows; a++) {
          const l = lam[a];
          const dst = (r.off + a) * C + c.off, src = a * cc;
          for (let b = 0; b < cc; b++) {
            M.re[dst + b] = l * blk.re[src + b];
            M.im[dst + b] = l * blk.im[src + b];
          }
        }
      }
    }
    if (!any) continue;
    const { U, s, V } = csvd(M);
    sectors.push({ qm, rows, cols, R, C, U, s, V });
  }
  // global truncation over all sectors
  const all: { v: number; sec: number; k: number }[] = [];
  sectors.forEach((sec, j) => sec.s.forEach((v, k) => all.push({ v, sec: j, k })));
  all.sort((x, y) => y.v - x.v || x.sec - y.sec || x.k - y.k);
  const { keep, discarded, total } = keepCount(Float64Array.from(all, (e) => e.v), trunc);
  const kept = sectors.map(() => 0);
  for (let j = 0; j < keep; j++) kept[all[j].sec]++;
  let keptWeight = 0;
  for (let j = 0; j < keep; j++) keptWeight += all[j].v * all[j].v;
  const norm = Math.sqrt(keptWeight);
  // rebuild the middle bond and the two tensors
  const newBond: MpsBond = { charges: [], dims: [], lambda: [] };
  const newA: (ComplexMatrix | null)[][] = bl.charges.map(() => [null, null]);
  const newBsites: (ComplexMatrix | null)[][] = [];
  sectors.forEach((sec, j) => {
    const k = kept[j];
    if (k === 0) return;
    newBond.charges.push(sec.qm);
    newBond.dims.push(k);
    newBond.lambda.push(Float64Array.from(sec.s.subarray(0, k), (v) => v / norm));
    // B_{i+1}[qm][s2] = V†[0..k, col group]
    const bs: (ComplexMatrix | null)[] = [null, null];
    const Vc = sec.V.cols; // = min(R, C)
    for (const c of sec.cols) {
      const dr = br.dims[c.kr];
      const blk = complexMatrix(k, dr);
      for (let a = 0; a < k; a++) for (let b = 0; b < dr; b++) {
        const src = (c.off + b) * Vc + a;
        blk.re[a * dr + b] = sec.V.re[src];
        blk.im[a * dr + b] = -sec.V.im[src];
      }
      bs[c.s2] = blk;
    }
    newBsites.push(bs);
    // B_i[kl][s1] = (T' rows of (kl, s1), unscaled) · V[:, 0..k] / norm
    for (const r of sec.rows) {
      const dl = bl.dims[r.kl];
      const out = complexMatrix(dl, k);
      for (const c of sec.cols) {
        const blk = Tg[r.kl][r.s1 * 2 + c.s2];
        if (!blk) continue;
        const dr = blk.cols;
        for (let a = 0; a < dl; a++) for (let x = 0; x < dr; x++) {
          const tr = blk.re[a * dr + x], ti = blk.im[a * dr + x];
          if (tr === 0 && ti === 0) continue;
          const vo = (c.off + x) * Vc;
          const oo = a * k;
          for (let y = 0; y < k; y++) {
            const vr = sec.V.re[vo + y], vi = sec.V.im[vo + y];
            out.re[oo + y] += tr * vr - ti * vi;
            out.im[oo + y] += tr * vi + ti * vr;
          }
        }
      }
      const inv = 1 / norm;
      for (let e = 0; e < out.re.length; e++) {
        out.re[e] *= inv;
        out.im[e] *= inv;
      }
      newA[r.kl][r.s1] = out;
    }
  });
  m.bonds[i + 1] = newBond;
  m.sites[i] = newA;
  m.sites[i + 1] = newBsites;
  recordUpdate(stats, discarded, newBond.dims.reduce((x, y) => x + y, 0));
  return total;
}

/** Columns 0..k of V† as a k × cols block starting at column `off` of V's rows. */
function adjointRows(V: ComplexMatrix, k: number, off: number, n: number): ComplexMatrix {
  const out = complexMatrix(k, n);
  const Vc = V.cols;
  for (let a = 0; a < k; a++) for (let b = 0; b < n; b++) {
    out.re[a * n + b] = V.re[(off + b) * Vc + a];
    out.im[a * n + b] = -V.im[(off + b) * Vc + a];
  }
  return out;
}

/** Count of singular values above the numerical zero (≥ 1). */
function nonZeroCount(s: Float64Array): number {
  return keepCount(s, { chi: s.length, cutoff: 0 }).keep;
}

/**
 * Bring an MPS that represents its state exactly but has lost its canonical form (after
 * non-unitary gates: imaginary time) back to the Vidal–Hastings form: a left-to-right sweep of SVDs
 * makes every tensor left-isometric, then a right-to-left sweep of SVDs makes every tensor
 * right-isometric and sets Λ_b to the true Schmidt values (normalised to Σλ² = 1). Only numerically
 * zero singular values are dropped; no division by Schmidt values occurs.
 *
 * @param m - the MPS (mutated)
 *
 * @example
 * ```ts
 * import { canonicalize, productMps } from "nessref/mps";
 * const psi = productMps([0, 1, 0, 1]);
 * canonicalize(psi); // unchanged: a product state is canonical
 * ```
 */
export function canonicalize(m: PureMps): void {
  const L = m.L;
  // left-to-right: site i as rows (kl, s) → right sector; carry S·V† into site i+1
  for (let i = 0; i < L; i++) {
    const bl = m.bonds[i], br = m.bonds[i + 1];
    const newBond: MpsBond = { charges: [], dims: [], lambda: [] };
    const newA: (ComplexMatrix | null)[][] = bl.charges.map(() => [null, null]);
    br.charges.forEach((qr, kr) => {
      const rows: { kl: number; s: number; off: number }[] = [];
      let R = 0;
      bl.charges.forEach((ql, kl) => {
        for (let s = 0; s < 2; s++) if (ql + NUP[s] === qr && m.sites[i][kl][s]) {
          rows.push({ kl, s, off: R });
          R += bl.dims[kl];
        }
      });
      if (R === 0) return;
      const C = br.dims[kr];
      const M = complexMatrix(R, C);
      for (const r of rows) {
        const blk = m.sites[i][r.kl][r.s] as ComplexMatrix;
        M.re.set(blk.re, r.off * C);
        M.im.set(blk.im, r.off * C);
      }
      const { U, s, V } = csvd(M);
      if (!(s[0] > 0)) return;
      const k = nonZeroCount(s);
      for (const r of rows) {
        const dl = bl.dims[r.kl];
        const blk = complexMatrix(dl, k);
        for (let a = 0; a < dl; a++) for (let b = 0; b < k; b++) {
          blk.re[a * k + b] = U.re[(r.off + a) * U.cols + b];
          blk.im[a * k + b] = U.im[(r.off + a) * U.cols + b];
        }
        newA[r.kl][r.s] = blk;
      }
      const SV = adjointRows(V, k, 0, C);
      for (let a = 0; a < k; a++) for (let b = 0; b < C; b++) {
        SV.re[a * C + b] *= s[a];
        SV.im[a * C + b] *= s[a];
      }
      newBond.charges.push(qr);
      newBond.dims.push(k);
      newBond.lambda.push(Float64Array.from(s.subarray(0, k)));
      if (i + 1 < L) {
        const next = m.sites[i + 1][kr];
        for (let t = 0; t < 2; t++) if (next[t]) next[t] = cmatmul(SV, next[t] as ComplexMatrix);
      }
    });
    // keep the next site's blocks only for the surviving sectors, in the new order
    if (i + 1 < L) m.sites[i + 1] = newBond.charges.map((q) => m.sites[i + 1][sectorIndex(br, q)]);
    m.sites[i] = newA;
    m.bonds[i + 1] = newBond;
  }
  // the last bond has one sector of dimension 1; the dropped factor S·V† there is the norm and a
  // global phase, so the state is now normalised
  if (m.bonds[L].charges.length !== 1) throw new NessrefError("internal", "canonicalize: the state vanished", "");
  m.bonds[L].lambda[0] = Float64Array.of(1);
  // right-to-left: site i as left sector → cols (s, kr); B = V†, Λ_{i} = S, carry U·S into site i−1
  for (let i = L - 1; i >= 0; i--) {
    const bl = m.bonds[i], br = m.bonds[i + 1];
    const newBond: MpsBond = { charges: [], dims: [], lambda: [] };
    const newB: (ComplexMatrix | null)[][] = [];
    bl.charges.forEach((ql, kl) => {
      const cols: { s: number; off: number; n: number }[] = [];
      let C = 0;
      for (let s = 0; s < 2; s++) {
        const blk = m.sites[i][kl][s];
        if (!blk) continue;
        cols.push({ s, off: C, n: blk.cols });
        C += blk.cols;
      }
      if (C === 0) return;
      const R = bl.dims[kl];
      const M = complexMatrix(R, C);
      for (const c of cols) {
        const blk = m.sites[i][kl][c.s] as ComplexMatrix;
        for (let a = 0; a < R; a++) for (let b = 0; b < c.n; b++) {
          M.re[a * C + c.off + b] = blk.re[a * c.n + b];
          M.im[a * C + c.off + b] = blk.im[a * c.n + b];
        }
      }
      const { U, s, V } = csvd(M);
      if (!(s[0] > 0)) return;
      const k = nonZeroCount(s);
      const row: (ComplexMatrix | null)[] = [null, null];
      for (const c of cols) row[c.s] = adjointRows(V, k, c.off, c.n);
      newB.push(row);
      newBond.charges.push(ql);
      newBond.dims.push(k);
      newBond.lambda.push(Float64Array.from(s.subarray(0, k)));
      if (i > 0) {
        const US = complexMatrix(R, k);
        for (let a = 0; a < R; a++) for (let b = 0; b < k; b++) {
          US.re[a * k + b] = U.re[a * U.cols + b] * s[b];
          US.im[a * k + b] = U.im[a * U.cols + b] * s[b];
        }
        const prev = m.sites[i - 1];
        const bp = m.bonds[i - 1];
        bp.charges.forEach((qp, kp) => {
          for (let t = 0; t < 2; t++) if (qp + NUP[t] === ql && prev[kp][t]) prev[kp][t] = cmatmul(prev[kp][t] as ComplexMatrix, US);
        });
      }
    });
    if (i > 0) {
      // blocks of site i−1 into sectors that vanished are dropped
      const prev = m.sites[i - 1];
      m.bonds[i - 1].charges.forEach((qp, kp) => {
        for (let t = 0; t < 2; t++) if (prev[kp][t] && !newBond.charges.includes(qp + NUP[t])) prev[kp][t] = null;
      });
    }
    m.sites[i] = newB;
    m.bonds[i] = newBond;
  }
  m.bonds[0].lambda[0] = Float64Array.of(1); // the norm (≈ 1) and a phase, dropped
  // normalise the Schmidt values of every bond (the state has norm 1 up to rounding)
  for (let b = 1; b < L; b++) {
    let w = 0;
    for (const lam of m.bonds[b].lambda) for (const l of lam) w += l * l;
    const f = 1 / Math.sqrt(w);
    for (const lam of m.bonds[b].lambda) for (let k = 0; k < lam.length; k++) lam[k] *= f;
  }
}

/**
 * The reduced density matrix of the consecutive sites i+1..i+n (0-based `i`, n = 1..3): a
 * 2^n × 2^n complex matrix in the product basis of CONVENTIONS §0 (first site most significant,
 * index 0 = ↑), ρ_{s,s'} = Σ_{l,r} θ_s[l,r] conj(θ_{s'}[l,r]) with θ = Λ_{i} B_{i+1} ⋯ B_{i+n}.
 *
 * @param m - the MPS
 * @param i - 0-based first site
 * @param n - number of sites, 1 ≤ n ≤ 3, i + n ≤ L
 * @returns the reduced density matrix (trace 1 for a normalised MPS)
 *
 * @example
 * ```ts
 * import { productMps, reducedDensityMatrix } from "nessref/mps";
 * reducedDensityMatrix(productMps([0, 1]), 0, 2).re[5]; // 1 (|↑↓⟩⟨↑↓|)
 * ```
 */
export function reducedDensityMatrix(m: PureMps, i: number, n: number): ComplexMatrix {
  if (!Number.isInteger(i) || !Number.isInteger(n) || n < 1 || n > 3 || i < 0 || i + n > m.L) {
    throw new NessrefError("invalid-input", `reducedDensityMatrix: sites ${i + 1}..${i + n} of an L = ${m.L} chain (n ≤ 3)`, "");
  }
  const D = 1 << n;
  const rho = complexMatrix(D, D);
  const bl = m.bonds[i];
  for (let kl = 0; kl < bl.charges.length; kl++) {
    // θ_s = diag(λ) B[s1] B[s2] … for each string s; tracked with its right charge
    let cur: { s: number; q: number; M: ComplexMatrix }[] = [];
    const lam = bl.lambda[kl];
    const dl = bl.dims[kl];
    const start = complexMatrix(dl, dl);
    for (let a = 0; a < dl; a++) start.re[a * dl + a] = lam[a];
    cur.push({ s: 0, q: bl.charges[kl], M: start });
    for (let j = 0; j < n; j++) {
      const next: typeof cur = [];
      const bond = m.bonds[i + j];
      for (const c of cur) {
        const k = sectorIndex(bond, c.q);
        for (let s = 0; s < 2; s++) {
          const blk = m.sites[i + j][k][s];
          if (!blk) continue;
          next.push({ s: c.s * 2 + s, q: c.q + NUP[s], M: cmatmul(c.M, blk) });
        }
      }
      cur = next;
    }
    for (const x of cur) for (const y of cur) {
      if (x.q !== y.q) continue;
      let re = 0, im = 0;
      const a = x.M, b = y.M;
      for (let e = 0; e < a.re.length; e++) {
        re += a.re[e] * b.re[e] + a.im[e] * b.im[e];
        im += a.im[e] * b.re[e] - a.re[e] * b.im[e];
      }
      rho.re[x.s * D + y.s] += re;
      rho.im[x.s * D + y.s] += im;
    }
  }
  return rho;
}

/**
 * Von Neumann entropy (natural log) of sites 1..b from the Schmidt values of bond b:
 * S = −Σ λ² ln λ².
 *
 * @param m - the MPS
 * @param b - the bond, 1 ≤ b ≤ L − 1
 * @returns S ≥ 0
 *
 * @example
 * ```ts
 * import { bondEntropy, domainWallMps } from "nessref/mps";
 * bondEntropy(domainWallMps(4), 2); // 0
 * ```
 */
export function bondEntropy(m: PureMps, b: number): number {
  let S = 0;
  for (const lam of m.bonds[b].lambda) for (const l of lam) {
    const p = l * l;
    if (p > 0) S -= p * Math.log(p);
  }
  return S;
}
