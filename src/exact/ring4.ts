/**
 * The exact road for the four-spin ring with Redfield baths ([P3], CONVENTIONS §6): the
 * ring solved inside one magnetization sector, built independently of the general road
 * (src/open/redfield.ts):
 *
 * - the sector block of H_s, of the couplings σ^z_1, σ^z_3, of the bond energies and of the
 *   current operators is written down from bit strings (no Kronecker products);
 * - H_s is real symmetric in that basis, so its eigenbasis V is real (symEig);
 * - the Redfield equation is written element by element in the eigenbasis ([P3] eqs. (8)–(9)):
 *   dρ_ab/dt = −i(E_a − E_b)ρ_ab + Σ_l Σ_cd R^l_{ab,cd} ρ_cd with the real tensor
 *   R_{ab,cd} = S_ac S_db [G(E_a − E_c) + G(E_b − E_d)] − δ_bd Σ_n S_an S_nc G(E_n − E_c)
 *   − δ_ac Σ_n S_dn S_nb G(E_n − E_d);
 * - the Hermitian ρ = X + iY (X symmetric, Y antisymmetric) is parametrised by d² real
 *   numbers; the steady state solves a real d² × d² system in which the equation of ρ₀₀ is
 *   replaced by Tr ρ = 1 (the diagonal equations sum to zero), by LU with partial pivoting.
 *   A 1-norm condition estimate above 1/(1000·d²·ε) is reported as a non-unique NESS.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { condEstimate1, luFactor, luSolve } from "../linalg/lu.js";
import { complexMatrix, realMatrix, type ComplexMatrix, type RealMatrix } from "../linalg/matrix.js";
import { hermEigvalues, symEig } from "../linalg/symeig.js";
import { ohmicRate, type RateFunction } from "../open/redfield.js";

const EPS = 2.220446049250313e-16;
const N_SITES = 4;

/**
 * Parameters of the four-spin ring with two Redfield baths (CONVENTIONS §6; CONTRACT
 * `redfield-ring`).
 *
 * @example
 * ```ts
 * import type { Ring4Params } from "nessref/exact";
 * const p: Ring4Params = { J: 1, delta: 2.19, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 };
 * ```
 */
export interface Ring4Params {
  /** Exchange J. */
  J: number;
  /** Density interaction Δ. */
  delta: number;
  /** Field on site 2 (σ^z_2). */
  h2: number;
  /** Field on site 3 (σ^z_3). */
  h3: number;
  /** Temperature of the bath on site 1 (coupling σ^z_1). */
  TL: number;
  /** Temperature of the bath on site 3 (coupling σ^z_3). */
  TR: number;
  /** Coupling γ of J(ω) = γ ω e^{−ω/ωc}. */
  gamma: number;
  /** Cutoff ωc. */
  omegaC: number;
  /** Magnetization sector: number of up spins, 0..4. */
  sector: number;
}

/** Heat-current geometry of the ring (CONVENTIONS §6). */
export type RingMode = "parallel" | "clockwise" | "counterclockwise" | "none";

/**
 * Everything the `redfield-ring` kind returns, plus the state itself.
 *
 * @example
 * ```ts
 * import { solveRing4, type Ring4Result } from "nessref/exact";
 * const r: Ring4Result = solveRing4({ J: 1, delta: 2.19, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 });
 * r.mode;
 * ```
 */
export interface Ring4Result {
  /** J_L = Tr(H_s R_L[ρ]): heat entering from the bath on site 1. */
  heatCurrentLeft: number;
  /** J_R = Tr(H_s R_R[ρ]): heat entering from the bath on site 3 (= −J_L in the NESS). */
  heatCurrentRight: number;
  /** j_u = ⟨ĵ_2⟩, the upper branch (clockwise positive). */
  upperHeatCurrent: number;
  /** j_d = ⟨ĵ_4⟩, the lower branch (clockwise positive). */
  lowerHeatCurrent: number;
  /** ⟨ĵ^S_1⟩, the spin current (the same on every bond; clockwise positive). */
  spinCurrent: number;
  /** Ergotropy Tr(ρH) − Σ_k r_k E_k of the sector's NESS. */
  ergotropy: number;
  /** Heat-current geometry from the signs of j_u and j_d. */
  mode: RingMode;
  /** Eigenvalues of the sector block of H_s, ascending. */
  energies: number[];
  /** ⟨E_k|ρ|E_k⟩ in the order of `energies` (see {@link solveRing4} for degenerate levels). */
  populations: number[];
  /** Full-space indices of the sector's basis states (ascending; CONVENTIONS §0 order). */
  states: number[];
  /** The NESS in the sector's computational basis (d × d, trace 1). */
  rho: ComplexMatrix;
}

/** Site l (1-based) is up iff bit (n − l) of the basis index is 0 (CONVENTIONS §0). */
function up(state: number, l: number): boolean {
  return ((state >> (N_SITES - l)) & 1) === 0;
}

function z(state: number, l: number): number {
  return up(state, l) ? 1 : -1;
}

function flip(state: number, l: number, r: number): number {
  return state ^ (1 << (N_SITES - l)) ^ (1 << (N_SITES - r));
}

interface Block {
  states: number[];
  index: Map<number, number>;
}

function sectorStates(k: number): Block {
  const states: number[] = [];
  for (let s = 0; s < 2 ** N_SITES; s++) {
    let u = 0;
    for (let l = 1; l <= N_SITES; l++) if (up(s, l)) u++;
    if (u === k) states.push(s);
  }
  const index = new Map<number, number>();
  states.forEach((s, i) => index.set(s, i));
  return { states, index };
}

/** Bond energy h_{l,l+1} of CONVENTIONS §6 as a real symmetric d × d block (fields split ½–½). */
function bondBlock(b: Block, l: number, J: number, delta: number, f: readonly number[]): Float64Array {
  const d = b.states.length;
  const r = l === N_SITES ? 1 : l + 1;
  const h = new Float64Array(d * d);
  b.states.forEach((s, i) => {
    const nl = up(s, l) ? 1 : 0, nr = up(s, r) ? 1 : 0;
    h[i * d + i] += delta * nl * nr + 0.5 * (f[l - 1]! * z(s, l) + f[r - 1]! * z(s, r));
    if (nl !== nr) {
      // J(σ^xσ^x + σ^yσ^y) = 2J(σ^+σ^- + σ^-σ^+): flips an antiparallel pair with amplitude 2J
      const j = b.index.get(flip(s, l, r))!;
      h[j * d + i] += 2 * J;
    }
  });
  return h;
}

function commutator(A: Float64Array, B: Float64Array, d: number): Float64Array {
  const C = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += A[i * d + k]! * B[k * d + j]! - B[i * d + k]! * A[k * d + j]!;
      C[i * d + j] = s;
    }
  }
  return C;
}

/** ⟨iC⟩ for real antisymmetric C and ρ = X + iY: Tr(ρ iC) = Σ_ab Y_ab C_ab. */
function expectIAntisym(Y: Float64Array, C: Float64Array): number {
  let s = 0;
  for (let i = 0; i < C.length; i++) s += Y[i]! * C[i]!;
  return s;
}

function checkParams(p: Ring4Params): void {
  const fin = (v: number, name: string): void => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new NessrefError("invalid-input", `${name} must be a finite number, got ${String(v)}`, `/${name}`);
  };
  fin(p.J, "J"); fin(p.delta, "delta"); fin(p.h2, "h2"); fin(p.h3, "h3");
  fin(p.TL, "TL"); fin(p.TR, "TR"); fin(p.gamma, "gamma"); fin(p.omegaC, "omegaC");
  if (p.TL < 0) throw new NessrefError("invalid-input", `TL must be ≥ 0, got ${p.TL}`, "/TL");
  if (p.TR < 0) throw new NessrefError("invalid-input", `TR must be ≥ 0, got ${p.TR}`, "/TR");
  if (!(p.gamma > 0)) throw new NessrefError("invalid-input", `gamma must be > 0, got ${p.gamma}`, "/gamma");
  if (!(p.omegaC > 0)) throw new NessrefError("invalid-input", `omegaC must be > 0, got ${p.omegaC}`, "/omegaC");
  if (!Number.isInteger(p.sector) || p.sector < 0 || p.sector > N_SITES) {
    throw new NessrefError("invalid-input", `sector must be an integer 0..${N_SITES} (number of up spins), got ${String(p.sector)}`, "/sector");
  }
}

/**
 * The four-spin ring with Redfield baths, solved exactly inside one magnetization sector
 * (CONVENTIONS §6, [P3]). See the module comment for the construction.
 *
 * Degenerate levels: the rates use G's limit G(0) = πγT at zero level spacing, so exact
 * degeneracies need no special treatment in the generator. The populations of an exactly
 * degenerate group of levels (|E_a − E_b| ≤ 100·d·ε·max|E|) are basis dependent; nessref
 * reports the eigenvalues of ρ restricted to that eigenspace, in decreasing order — the
 * populations in the eigenbasis of the group that diagonalises ρ (nessref choice).
 *
 * Ergotropy: computed as Σ_k (E_k − E_1)(ρ_kk − r_k) in the eigenbasis (r the spectrum of ρ,
 * descending); a negative result within the rounding bound 100·d·ε·(E_max − E_min) is
 * returned as 0 (nessref choice). A more negative value is returned as is (it would mean a
 * bug, and the tests would see it).
 *
 * Mode (nessref choice at the boundary): `none` when j_u = j_d = 0 exactly (sectors 0 and 4);
 * `clockwise` when both are ≥ 0, `counterclockwise` when both are ≤ 0, `parallel` when they
 * have strictly opposite signs.
 *
 * @param p - the parameters (validated here too: finite, T ≥ 0, γ > 0, ωc > 0, sector 0..4)
 * @returns currents, ergotropy, mode, energies, populations and ρ
 * @throws NessrefError("invalid-input") for bad parameters; ("non-unique-ness") if the
 *   sector's steady state is not unique (e.g. both temperatures 0 with a degenerate ground level)
 *
 * @example
 * ```ts
 * import { solveRing4 } from "nessref/exact";
 * const r = solveRing4({ J: 1, delta: 2.19, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 });
 * r.heatCurrentLeft + r.heatCurrentRight; // ≈ 0
 * ```
 */
export function solveRing4(p: Ring4Params): Ring4Result {
  checkParams(p);
  const f = [0, p.h2, p.h3, 0];
  const blk = sectorStates(p.sector);
  const d = blk.states.length;
  // bond blocks and H
  const bonds = [1, 2, 3, 4].map((l) => bondBlock(blk, l, p.J, p.delta, f));
  const Hc = new Float64Array(d * d);
  for (const b of bonds) for (let i = 0; i < d * d; i++) Hc[i] += b[i]!;
  const { values: E, vectors: Vm } = symEig(realMatrix(d, d, Hc));
  const V = Vm.data; // columns are eigenvectors
  // couplings in the eigenbasis: S_E = Vᵀ diag(z_site) V
  const baths: { site: number; G: RateFunction }[] = [
    { site: 1, G: ohmicRate(p.gamma, p.omegaC, p.TL) },
    { site: 3, G: ohmicRate(p.gamma, p.omegaC, p.TR) },
  ];
  const SE = baths.map(({ site }) => {
    const s = new Float64Array(d * d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let acc = 0;
        for (let k = 0; k < d; k++) acc += V[k * d + a]! * z(blk.states[k]!, site) * V[k * d + b]!;
        s[a * d + b] = acc;
      }
    }
    return s;
  });
  // rate tables G_l(E_a − E_b)
  const Gt = baths.map(({ G }) => {
    const g = new Float64Array(d * d);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) g[a * d + b] = G(E[a]! - E[b]!);
    return g;
  });
  // Q_l[a][c] = Σ_n S_an S_nc G(E_n − E_c)   (used as δ_bd Q[a][c] and δ_ac Q[d][b]ᵀ)
  const Q = baths.map((_, l) => {
    const S = SE[l]!, g = Gt[l]!;
    const q = new Float64Array(d * d);
    for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) {
      let acc = 0;
      for (let n = 0; n < d; n++) acc += S[a * d + n]! * S[n * d + c]! * g[n * d + c]!;
      q[a * d + c] = acc;
    }
    return q;
  });
  /** R^l_{ab,cd} for one bath (real). */
  const R = (l: number, a: number, b: number, c: number, dd: number): number => {
    const S = SE[l]!, g = Gt[l]!, q = Q[l]!;
    let v = S[a * d + c]! * S[dd * d + b]! * (g[a * d + c]! + g[b * d + dd]!);
    if (b === dd) v -= q[a * d + c]!;
    // δ_ac Σ_n S_dn S_nb G(E_n − E_d) = δ_ac Q[b][d] (S symmetric)
    if (a === c) v -= q[b * d + dd]!;
    return v;
  };
  // unknowns: X_ab (a ≤ b), Y_ab (a < b)
  const xi = new Int32Array(d * d).fill(-1);
  const yi = new Int32Array(d * d).fill(-1);
  let nu = 0;
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) xi[a * d + b] = nu++;
  for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) yi[a * d + b] = nu++;
  const D = nu; // = d²
  const M = new Float64Array(D * D);
  let row = 0;
  const addR = (rowOff: number, a: number, b: number, useY: boolean): void => {
    // row += Σ_cd (R_L + R_R)_{ab,cd} (X or Y)_cd
    for (let c = 0; c < d; c++) {
      for (let e = 0; e < d; e++) {
        const v = R(0, a, b, c, e) + R(1, a, b, c, e);
        if (v === 0) continue;
        if (!useY) M[rowOff + xi[Math.min(c, e) * d + Math.max(c, e)]!] += v;
        else if (c !== e) M[rowOff + yi[Math.min(c, e) * d + Math.max(c, e)]!] += c < e ? v : -v;
      }
    }
  };
  // real parts: dX_ab/dt = (E_a − E_b) Y_ab + R(X)_ab, a ≤ b
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const off = row * D;
      if (a === 0 && b === 0) {
        for (let k = 0; k < d; k++) M[off + xi[k * d + k]!] = 1; // Tr ρ = 1 replaces this equation
      } else {
        addR(off, a, b, false);
        if (a !== b) M[off + yi[a * d + b]!] += E[a]! - E[b]!;
      }
      row++;
    }
  }
  // imaginary parts: dY_ab/dt = −(E_a − E_b) X_ab + R(Y)_ab, a < b
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      const off = row * D;
      addR(off, a, b, true);
      M[off + xi[a * d + b]!] -= E[a]! - E[b]!;
      row++;
    }
  }
  const rhs = new Float64Array(D);
  rhs[0] = 1;
  const lu = luFactor(realMatrix(D, D, M));
  const cond = condEstimate1(lu);
  if (!(cond <= 1 / (1e3 * D * EPS))) {
    throw new NessrefError(
      "non-unique-ness",
      `the steady state of sector ${p.sector} is not unique (condition estimate ${cond.toExponential(2)} of the trace-bordered Redfield system)`,
      "/sector",
    );
  }
  const sol = luSolve(lu, rhs);
  const X = new Float64Array(d * d), Y = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      X[a * d + b] = X[b * d + a] = sol[xi[a * d + b]!]!;
      if (b > a) { Y[a * d + b] = sol[yi[a * d + b]!]!; Y[b * d + a] = -Y[a * d + b]!; }
    }
  }
  // heat currents Tr(H R_l[ρ]) = Σ_a E_a Σ_cd R^l_{aa,cd} X_cd (R_{aa,cd} is symmetric in c, d: Y drops out)
  const heat = [0, 1].map((l) => {
    let s = 0;
    for (let a = 0; a < d; a++) {
      let ra = 0;
      for (let c = 0; c < d; c++) for (let e = 0; e < d; e++) ra += R(l, a, a, c, e) * X[c * d + e]!;
      s += E[a]! * ra;
    }
    return s;
  });
  // ρ in the computational basis: V X Vᵀ + i V Y Vᵀ
  const toComp = (A: Float64Array): Float64Array => {
    const T = new Float64Array(d * d), out = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let b = 0; b < d; b++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += V[i * d + a]! * A[a * d + b]!;
      T[i * d + b] = s;
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += T[i * d + b]! * V[j * d + b]!;
      out[i * d + j] = s;
    }
    return out;
  };
  const Xc = toComp(X), Yc = toComp(Y);
  // local heat currents ĵ_2 = i[h_12, h_23], ĵ_4 = i[h_34, h_41]
  const ju = expectIAntisym(Yc, commutator(bonds[0]!, bonds[1]!, d));
  const jd = expectIAntisym(Yc, commutator(bonds[2]!, bonds[3]!, d));
  // spin current on bond (1,2): ĵ^S = iK, K = 2J(σ^+_1σ^-_2 − σ^-_1σ^+_2) real antisymmetric
  const K = new Float64Array(d * d);
  blk.states.forEach((s, i) => {
    if (!up(s, 1) && up(s, 2)) {
      const j = blk.index.get(flip(s, 1, 2))!; // |1↓ 2↑⟩ → |1↑ 2↓⟩ by σ^+_1 σ^-_2
      K[j * d + i] += 2 * p.J;
      K[i * d + j] -= 2 * p.J;
    }
  });
  const js = expectIAntisym(Yc, K);
  // ergotropy Σ_k (E_k − E_0)(ρ_kk − r_k), r = spectrum of ρ descending
  const rhoE = complexMatrix(d, d, X, Y);
  const r = hermEigvalues(rhoE); // ascending
  let erg = 0;
  for (let k = 0; k < d; k++) erg += (E[k]! - E[0]!) * (X[k * d + k]! - r[d - 1 - k]!);
  // 𝓔 ≥ 0 by definition; a negative value inside the rounding bound (the spectrum of ρ has
  // absolute error ~ d·ε, weighted by the level spread) is rounding residue and reported as 0.
  const ergRound = 100 * d * EPS * Math.max(E[d - 1]! - E[0]!, EPS);
  if (erg < 0 && erg >= -ergRound) erg = 0;
  // populations, degenerate groups replaced by the group's ρ spectrum (descending)
  const pops: number[] = [];
  let emax = 0;
  for (let k = 0; k < d; k++) emax = Math.max(emax, Math.abs(E[k]!));
  const dtol = 100 * d * EPS * emax;
  for (let a = 0; a < d; ) {
    let b = a + 1;
    while (b < d && E[b]! - E[b - 1]! <= dtol) b++;
    if (b - a === 1) pops.push(X[a * d + a]!);
    else {
      const g = b - a;
      const sub = complexMatrix(g, g);
      for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) {
        sub.re[i * g + j] = X[(a + i) * d + a + j]!;
        sub.im[i * g + j] = Y[(a + i) * d + a + j]!;
      }
      const w = hermEigvalues(sub);
      for (let i = g - 1; i >= 0; i--) pops.push(w[i]!);
    }
    a = b;
  }
  let mode: RingMode;
  if (ju === 0 && jd === 0) mode = "none";
  else if (ju >= 0 && jd >= 0) mode = "clockwise";
  else if (ju <= 0 && jd <= 0) mode = "counterclockwise";
  else mode = "parallel";
  const result: Ring4Result = {
    heatCurrentLeft: heat[0]!,
    heatCurrentRight: heat[1]!,
    upperHeatCurrent: ju,
    lowerHeatCurrent: jd,
    spinCurrent: js,
    ergotropy: erg,
    mode,
    energies: Array.from(E),
    populations: pops,
    states: blk.states.slice(),
    rho: complexMatrix(d, d, Xc, Yc),
  };
  for (const [k, v] of Object.entries(result)) {
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new NessrefError("internal", `internal error (please report): redfield-ring field ${k} is ${v}`, "");
    }
  }
  return result;
}

/**
 * The sector block of the ring Hamiltonian in the computational basis, built from bit strings
 * (the exact road's own construction; CONVENTIONS §6).
 *
 * @param p - J, Δ, h2, h3 and the sector
 * @returns the real symmetric d × d block and the full-space indices of its basis states
 *
 * @example
 * ```ts
 * import { ring4SectorHamiltonian } from "nessref/exact";
 * ring4SectorHamiltonian({ J: 1, delta: 0, h2: 2, h3: 1, sector: 2 }).H.rows; // 6
 * ```
 */
export function ring4SectorHamiltonian(p: Pick<Ring4Params, "J" | "delta" | "h2" | "h3" | "sector">): {
  /** the real symmetric sector block of H_s */
  H: RealMatrix;
  /** full-space indices of the block's basis states, ascending */
  states: number[];
} {
  if (!Number.isInteger(p.sector) || p.sector < 0 || p.sector > N_SITES) {
    throw new NessrefError("invalid-input", `sector must be an integer 0..${N_SITES}, got ${String(p.sector)}`, "/sector");
  }
  const blk = sectorStates(p.sector);
  const d = blk.states.length;
  const H = new Float64Array(d * d);
  for (let l = 1; l <= N_SITES; l++) {
    const b = bondBlock(blk, l, p.J, p.delta, [0, p.h2, p.h3, 0]);
    for (let i = 0; i < d * d; i++) H[i] += b[i]!;
  }
  return { H: realMatrix(d, d, H), states: blk.states.slice() };
}
