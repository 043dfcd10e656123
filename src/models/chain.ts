/**
 * Open spin chains as data: the XXZ chain (CONVENTIONS §1), the spinless fermion chain of
 * [P1 §3] in its Jordan–Wigner spin form (§1d) and the bulk-driven Heisenberg chain with z
 * and x fields of [P4] (§3). A {@link ChainModel} holds the local densities every solver and
 * measurement needs — bond energies e_b (Σ_b e_b = H exactly, field weights per §0), bond
 * spin/particle currents and the clean two-site bond a target bath thermalises — as small
 * dense matrices on two adjacent sites. Nothing here solves anything.
 *
 * Local two-site matrices act on (b, b+1) with site b the more significant factor (§0), so
 * index 0 = |↑↑⟩, 1 = |↑↓⟩, 2 = |↓↑⟩, 3 = |↓↓⟩.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { ckron } from "../linalg/dense.js";
import { complexIdentity, complexMatrix, type ComplexMatrix } from "../linalg/matrix.js";
import { createRng } from "../analysis/random.js";
import { pauli, spin } from "../quantum/spin.js";

/** Which Hamiltonian of the contract a {@link ChainModel} is (CONTRACT `hamiltonian.type`). */
export type ChainType = "xxz" | "fermion-chain" | "heisenberg-xz";

/**
 * A chain Hamiltonian given by its bond densities (CONVENTIONS §0–§3).
 *
 * @example
 * ```ts
 * import { xxzChain } from "nessref/models";
 * const m = xxzChain({ L: 4, J: 1, delta: 0.5, fields: [0.1, 0, 0, -0.1] });
 * m.bondEnergies.length; // 3
 * ```
 */
export interface ChainModel {
  /** The contract's Hamiltonian type. */
  readonly type: ChainType;
  /** Number of sites L ≥ 2. */
  readonly L: number;
  /** e_b on sites (b, b+1), b = 1..L−1 at index b−1: 4×4 Hermitian; Σ_b e_b = H (§0 weights). */
  readonly bondEnergies: readonly ComplexMatrix[];
  /** Bond current on (b, b+1): j^S_b of §1 (xxz, heisenberg-xz) or the particle current of §1d (fermion chain). */
  readonly bondCurrents: readonly ComplexMatrix[];
  /** The clean bond (no fields) that a target bath on (a, a+1) thermalises, index a−1 (§1a). */
  readonly cleanBonds: readonly ComplexMatrix[];
  /** Whether H conserves Σ s^z (false only with x fields, §3). */
  readonly conservesMagnetization: boolean;
}

function checkL(L: number, who: string): void {
  if (!Number.isInteger(L) || L < 2) throw new NessrefError("invalid-input", `${who}: L must be an integer ≥ 2, got ${L}`, "/hamiltonian/L");
}

function finiteArray(a: ArrayLike<number>, n: number, what: string, path: string): Float64Array {
  if (a.length !== n) throw new NessrefError("invalid-input", `${what} must have ${n} entries, got ${a.length}`, path);
  const out = Float64Array.from(a);
  out.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new NessrefError("invalid-input", `${what}[${i}] is not finite (${v})`, `${path}/${i}`);
  });
  return out;
}

/** a·A + b·B + … for 4×4 complex matrices. */
function combo(terms: readonly [number, ComplexMatrix][]): ComplexMatrix {
  const d = terms[0][1].rows;
  const out = complexMatrix(d, d);
  for (const [c, A] of terms) {
    if (c === 0) continue;
    for (let k = 0; k < d * d; k++) {
      out.re[k] += c * A.re[k];
      out.im[k] += c * A.im[k];
    }
  }
  return out;
}

const I2 = complexIdentity(2);
const pair = (a: ComplexMatrix, b: ComplexMatrix) => ckron(a, b);

/**
 * Field weights of §0: the share of the field of site i (1-based) that bond b carries.
 * A site touched by two bonds gives ½ to each; an end site gives 1 to its only bond.
 */
function weights(L: number, b: number): [number, number] {
  return [b === 1 ? 1 : 0.5, b === L - 1 ? 1 : 0.5];
}

/**
 * Uniform random fields h_i ∈ [−W, W] from the library's seeded generator (CONVENTIONS §1:
 * "fields drawn uniformly from [−W, W] from a seeded generator"; xoshiro128** through
 * `createRng(seed)`, one `uniform(−W, W)` per site in site order).
 *
 * @param L - number of sites
 * @param W - disorder strength W ≥ 0
 * @param seed - the seed (same seed, same fields on every machine)
 * @returns L fields, index 0 = site 1
 *
 * @example
 * ```ts
 * import { drawFields } from "nessref/models";
 * const h = drawFields(9, 2, 7); // Float64Array of 9 numbers in [−2, 2]
 * ```
 */
export function drawFields(L: number, W: number, seed: number): Float64Array {
  checkL(L, "drawFields");
  if (!(W >= 0) || !Number.isFinite(W)) throw new NessrefError("invalid-input", `drawFields: W must be finite and ≥ 0, got ${W}`, "/hamiltonian/W");
  const rng = createRng(seed);
  const h = new Float64Array(L);
  for (let i = 0; i < L; i++) h[i] = rng.uniform(-W, W);
  return h;
}

/** Parameters of {@link xxzChain} (CONVENTIONS §1). */
export interface XxzParams {
  /** number of sites */ L: number;
  /** exchange J */ J: number;
  /** Δ: one number, or L−1 per-bond values */ delta: number | ArrayLike<number>;
  /** per-site fields h_i (default zeros) */ fields?: ArrayLike<number>;
}

/**
 * The XXZ chain H = Σ_b J[s^x s^x + s^y s^y + Δ_b s^z s^z]_{b,b+1} + Σ_i h_i s^z_i (CONVENTIONS §1),
 * with bond energies e_b = J[…]_{b,b+1} + w_b h_b s^z_b + w'_{b+1} h_{b+1} s^z_{b+1} (§0 weights),
 * spin currents j^S_b = J(s^x_b s^y_{b+1} − s^y_b s^x_{b+1}) and clean bonds J[…] for target baths (§1a).
 *
 * @param p - L, J, Δ (scalar or per bond), fields
 * @returns the model
 * @throws NessrefError("invalid-input") for wrong lengths or non-finite values
 *
 * @example
 * ```ts
 * import { xxzChain } from "nessref/models";
 * const m = xxzChain({ L: 3, J: 1, delta: [0, 1] }); // the XX–XXZ junction of [P2] at L = 3
 * ```
 */
export function xxzChain(p: XxzParams): ChainModel {
  const L = p.L;
  checkL(L, "xxzChain");
  if (!Number.isFinite(p.J)) throw new NessrefError("invalid-input", `xxzChain: J must be finite, got ${p.J}`, "/hamiltonian/J");
  const delta =
    typeof p.delta === "number" ? new Float64Array(L - 1).fill(p.delta) : finiteArray(p.delta, L - 1, "delta", "/hamiltonian/delta");
  if (typeof p.delta === "number" && !Number.isFinite(p.delta)) throw new NessrefError("invalid-input", "xxzChain: delta must be finite", "/hamiltonian/delta");
  const h = p.fields === undefined ? new Float64Array(L) : finiteArray(p.fields, L, "fields", "/hamiltonian/fields");
  const [sx, sy, sz] = [spin("x"), spin("y"), spin("z")];
  const xx = pair(sx, sx), yy = pair(sy, sy), zz = pair(sz, sz);
  const zI = pair(sz, I2), Iz = pair(I2, sz);
  const cur = combo([[1, pair(sx, sy)], [-1, pair(sy, sx)]]);
  const bondEnergies: ComplexMatrix[] = [];
  const bondCurrents: ComplexMatrix[] = [];
  const cleanBonds: ComplexMatrix[] = [];
  for (let b = 1; b < L; b++) {
    const [w1, w2] = weights(L, b);
    const clean = combo([[p.J, xx], [p.J, yy], [p.J * delta[b - 1], zz]]);
    cleanBonds.push(clean);
    bondEnergies.push(combo([[1, clean], [w1 * h[b - 1], zI], [w2 * h[b], Iz]]));
    bondCurrents.push(combo([[p.J, cur]]));
  }
  return { type: "xxz", L, bondEnergies, bondCurrents, cleanBonds, conservesMagnetization: true };
}

/** Parameters of {@link fermionChain} (CONVENTIONS §1d). */
export interface FermionChainParams {
  /** number of sites */ L: number;
  /** hopping J */ J: number;
  /** nearest-neighbour interaction V */ V: number;
  /** per-site fields h_x entering as 2h_x n_x (default zeros) */ fields?: ArrayLike<number>;
}

/**
 * The spinless fermion chain of [P1 §3] in spin language (CONVENTIONS §1d):
 * H_F = Σ_x J(σ^+_x σ^−_{x+1} + h.c.) + V n_x n_{x+1} + 2Σ_x h_x n_x, n = (1+σ^z)/2. Bond energies
 * carry the field terms 2h_i n_i split per §0; the bond current is the particle current
 * j_x = iJ(σ^+_x σ^−_{x+1} − σ^−_x σ^+_{x+1}) (continuity dn_x/dt = j_{x−1} − j_x). The clean bond of
 * a target bath is J(σ^+σ^− + h.c.) + V n n (**nessref choice**: §1a defines target baths for the
 * XXZ chain; this is the same construction for this H).
 *
 * @param p - L, J, V, fields
 * @returns the model
 * @throws NessrefError("invalid-input") for wrong lengths or non-finite values
 *
 * @example
 * ```ts
 * import { fermionChain } from "nessref/models";
 * const m = fermionChain({ L: 9, J: 1, V: 1, fields: new Array(9).fill(0) });
 * ```
 */
export function fermionChain(p: FermionChainParams): ChainModel {
  const L = p.L;
  checkL(L, "fermionChain");
  for (const k of ["J", "V"] as const) {
    if (!Number.isFinite(p[k])) throw new NessrefError("invalid-input", `fermionChain: ${k} must be finite, got ${p[k]}`, `/hamiltonian/${k}`);
  }
  const h = p.fields === undefined ? new Float64Array(L) : finiteArray(p.fields, L, "fields", "/hamiltonian/fields");
  const sp = pauli("+"), sm = pauli("-");
  const n = complexMatrix(2, 2, Float64Array.of(1, 0, 0, 0), new Float64Array(4));
  const hop = combo([[1, pair(sp, sm)], [1, pair(sm, sp)]]);
  const nn = pair(n, n);
  const nI = pair(n, I2), In = pair(I2, n);
  // i(σ^+σ^− − σ^−σ^+): real antisymmetric part times i → purely imaginary matrix.
  const diff = combo([[1, pair(sp, sm)], [-1, pair(sm, sp)]]);
  const cur = complexMatrix(4, 4, new Float64Array(16), Float64Array.from(diff.re));
  const bondEnergies: ComplexMatrix[] = [];
  const bondCurrents: ComplexMatrix[] = [];
  const cleanBonds: ComplexMatrix[] = [];
  for (let b = 1; b < L; b++) {
    const [w1, w2] = weights(L, b);
    const clean = combo([[p.J, hop], [p.V, nn]]);
    cleanBonds.push(clean);
    bondEnergies.push(combo([[1, clean], [2 * w1 * h[b - 1], nI], [2 * w2 * h[b], In]]));
    bondCurrents.push(combo([[p.J, cur]]));
  }
  return { type: "fermion-chain", L, bondEnergies, bondCurrents, cleanBonds, conservesMagnetization: true };
}

/** Parameters of {@link heisenbergXzChain} (CONVENTIONS §3). */
export interface HeisenbergXzParams {
  /** number of sites N */ L: number;
  /** field strength h */ h: number;
  /** ζ^z_i, L numbers */ zetaZ: ArrayLike<number>;
  /** ζ^x_i, L numbers */ zetaX: ArrayLike<number>;
}

/**
 * The Heisenberg chain with random z and x fields of [P4] (CONVENTIONS §3):
 * H = Σ_b s_b·s_{b+1} + h Σ_i (ζ^z_i s^z_i + ζ^x_i s^x_i). Bond energies carry both field terms split
 * per §0; the bond current is J(s^x s^y − s^y s^x) with J = 1 (not a continuity current here, since
 * the x fields break Σ s^z conservation); the clean bond is s·s.
 *
 * @param p - L, h, ζ^z, ζ^x
 * @returns the model (conservesMagnetization false unless every h ζ^x_i = 0)
 * @throws NessrefError("invalid-input") for wrong lengths or non-finite values
 *
 * @example
 * ```ts
 * import { heisenbergXzChain } from "nessref/models";
 * const m = heisenbergXzChain({ L: 3, h: 1, zetaZ: [0.2, -0.5, 0.9], zetaX: [0.1, 0.3, -0.7] });
 * m.conservesMagnetization; // false
 * ```
 */
export function heisenbergXzChain(p: HeisenbergXzParams): ChainModel {
  const L = p.L;
  checkL(L, "heisenbergXzChain");
  if (!Number.isFinite(p.h)) throw new NessrefError("invalid-input", `heisenbergXzChain: h must be finite, got ${p.h}`, "/hamiltonian/h");
  const zz = finiteArray(p.zetaZ, L, "zetaZ", "/hamiltonian/zetaZ");
  const zx = finiteArray(p.zetaX, L, "zetaX", "/hamiltonian/zetaX");
  const [sx, sy, sz] = [spin("x"), spin("y"), spin("z")];
  const heis = combo([[1, pair(sx, sx)], [1, pair(sy, sy)], [1, pair(sz, sz)]]);
  const cur = combo([[1, pair(sx, sy)], [-1, pair(sy, sx)]]);
  const zI = pair(sz, I2), Iz = pair(I2, sz), xI = pair(sx, I2), Ix = pair(I2, sx);
  const bondEnergies: ComplexMatrix[] = [];
  const bondCurrents: ComplexMatrix[] = [];
  const cleanBonds: ComplexMatrix[] = [];
  for (let b = 1; b < L; b++) {
    const [w1, w2] = weights(L, b);
    cleanBonds.push(heis);
    bondEnergies.push(
      combo([
        [1, heis],
        [w1 * p.h * zz[b - 1], zI],
        [w2 * p.h * zz[b], Iz],
        [w1 * p.h * zx[b - 1], xI],
        [w2 * p.h * zx[b], Ix],
      ]),
    );
    bondCurrents.push(cur);
  }
  const conserves = zx.every((v) => p.h * v === 0);
  return { type: "heisenberg-xz", L, bondEnergies, bondCurrents, cleanBonds, conservesMagnetization: conserves };
}

/**
 * The energy-current operator across site i (2 ≤ i ≤ L−1): j^E_i = i[e_{i−1}, e_i], an 8×8
 * matrix on sites (i−1, i, i+1) (CONVENTIONS §1; continuity d e_b/dt = j^E_b − j^E_{b+1}).
 *
 * @param m - the chain
 * @param i - the middle site, 2..L−1
 * @returns the 8×8 Hermitian operator
 * @throws NessrefError("invalid-input") if i is not in 2..L−1
 *
 * @example
 * ```ts
 * import { xxzChain, energyCurrentOperator } from "nessref/models";
 * const jE = energyCurrentOperator(xxzChain({ L: 4, J: 1, delta: 1 }), 2); // on sites 1, 2, 3
 * ```
 */
export function energyCurrentOperator(m: ChainModel, i: number): ComplexMatrix {
  if (!Number.isInteger(i) || i < 2 || i > m.L - 1) {
    throw new NessrefError("invalid-input", `energyCurrentOperator: site ${i} must be an integer in 2..${m.L - 1}`, "");
  }
  const A = ckron(m.bondEnergies[i - 2], I2); // e_{i−1} on (i−1, i), identity on i+1
  const B = ckron(I2, m.bondEnergies[i - 1]); // e_i on (i, i+1)
  const d = 8;
  const out = complexMatrix(d, d);
  // out = i (AB − BA): with C = AB − BA, i C = (−Im C) + i Re C.
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      let cr = 0, ci = 0;
      for (let k = 0; k < d; k++) {
        const ar = A.re[r * d + k], ai = A.im[r * d + k], br = B.re[k * d + c], bi = B.im[k * d + c];
        const br2 = B.re[r * d + k], bi2 = B.im[r * d + k], ar2 = A.re[k * d + c], ai2 = A.im[k * d + c];
        cr += ar * br - ai * bi - (br2 * ar2 - bi2 * ai2);
        ci += ar * bi + ai * br - (br2 * ai2 + bi2 * ar2);
      }
      out.re[r * d + c] = -ci;
      out.im[r * d + c] = cr;
    }
  }
  return out;
}
