/**
 * The interacting spin ring of [P3] (CONVENTIONS §6), as dense operators on the full
 * 2^n-dimensional space: Hamiltonian, bond energies, local heat-current and spin-current
 * operators, and the restriction of an operator to a magnetization sector.
 *
 * H_s = Σ_{l=1}^{n} [ J (σ^x_l σ^x_{l+1} + σ^y_l σ^y_{l+1}) + Δ n_l n_{l+1} ] + Σ_l f_l σ^z_l,
 * n_l = (1 + σ^z_l)/2, site n+1 ≡ 1. The paper's ring is n = 4 with f = (0, h2, h3, 0).
 *
 * These operators are built from Kronecker products ({@link embed}); they serve the general
 * road (src/open/redfield.ts). The exact road (src/exact/ring4.ts) builds its sector blocks
 * from bit strings instead, so the two roads share no operator code.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { cadd, cmatmul, cscale, csub } from "../linalg/dense.js";
import { complexMatrix, type ComplexMatrix } from "../linalg/matrix.js";
import { embed, numberOp, pauli } from "../quantum/spin.js";
import type { SectorBasis } from "../quantum/sectors.js";

/** Largest ring the dense full-space operators of this module accept (2^n × 2^n matrices). */
export const RING_MAX_SITES = 10;

/**
 * Parameters of a ring (CONVENTIONS §6).
 *
 * @example
 * ```ts
 * import type { RingModel } from "nessref/models";
 * const paper: RingModel = { n: 4, J: 1, delta: 2.19, fields: [0, 2, 1, 0] };
 * ```
 */
export interface RingModel {
  /** Number of sites n ≥ 3 (the paper's ring: 4). */
  n: number;
  /** Exchange J of J(σ^xσ^x + σ^yσ^y). */
  J: number;
  /** Density interaction Δ of Δ n_l n_{l+1}. */
  delta: number;
  /** Site fields f_l of f_l σ^z_l, n numbers (index 0 = site 1). */
  fields: readonly number[];
}

/**
 * The paper's four-site ring: f = (0, h2, h3, 0) (CONVENTIONS §6, [P3] eq. (1)).
 *
 * @param J - exchange
 * @param delta - density interaction Δ
 * @param h2 - field on site 2
 * @param h3 - field on site 3
 * @returns the model with n = 4
 *
 * @example
 * ```ts
 * import { paperRing } from "nessref/models";
 * paperRing(1, 2.19, 2, 1).fields; // [0, 2, 1, 0]
 * ```
 */
export function paperRing(J: number, delta: number, h2: number, h3: number): RingModel {
  return { n: 4, J, delta, fields: [0, h2, h3, 0] };
}

/** Validate a ring model; throws `invalid-input` / `out-of-range`. */
function check(m: RingModel, who: string): void {
  if (!Number.isInteger(m.n) || m.n < 3) throw new NessrefError("invalid-input", `${who}: a ring needs n ≥ 3 sites, got ${m.n}`, "/n");
  if (m.n > RING_MAX_SITES) throw new NessrefError("out-of-range", `${who}: n = ${m.n} exceeds ${RING_MAX_SITES} (dense 2^n operators)`, "/n");
  if (!Number.isFinite(m.J)) throw new NessrefError("invalid-input", `${who}: J must be finite`, "/J");
  if (!Number.isFinite(m.delta)) throw new NessrefError("invalid-input", `${who}: delta must be finite`, "/delta");
  if (m.fields.length !== m.n) throw new NessrefError("invalid-input", `${who}: fields has ${m.fields.length} entries, expected n = ${m.n}`, "/fields");
  m.fields.forEach((f, i) => {
    if (!Number.isFinite(f)) throw new NessrefError("invalid-input", `${who}: fields[${i}] must be finite`, `/fields/${i}`);
  });
}

/** Site following l on the ring (1-based). */
function next(l: number, n: number): number {
  return l === n ? 1 : l + 1;
}

/** Two-site operator X_a Y_b on the full space (a ≠ b, any order). */
function pair(A: ComplexMatrix, a: number, B: ComplexMatrix, b: number, n: number): ComplexMatrix {
  return cmatmul(embed(A, [a], n), embed(B, [b], n));
}

function checkBond(l: number, n: number, who: string): void {
  if (!Number.isInteger(l) || l < 1 || l > n) throw new NessrefError("invalid-input", `${who}: bond/site ${l} is not in 1..${n}`, "");
}

/**
 * Bond energy h_{l,l+1} = J(σ^x_l σ^x_{l+1} + σ^y_l σ^y_{l+1}) + Δ n_l n_{l+1}
 * + ½(f_l σ^z_l + f_{l+1} σ^z_{l+1}) (CONVENTIONS §6: every site of a ring touches two bonds,
 * so each field is split ½–½). Σ_l h_{l,l+1} = H_s exactly.
 *
 * @param m - the ring
 * @param l - bond 1..n (bond n joins n and 1)
 * @returns the 2^n × 2^n operator
 *
 * @example
 * ```ts
 * import { ringBondEnergy, paperRing } from "nessref/models";
 * ringBondEnergy(paperRing(1, 0, 2, 1), 1).rows; // 16
 * ```
 */
export function ringBondEnergy(m: RingModel, l: number): ComplexMatrix {
  check(m, "ringBondEnergy");
  checkBond(l, m.n, "ringBondEnergy");
  const r = next(l, m.n);
  const X = pauli("x"), Y = pauli("y"), Z = pauli("z"), N = numberOp();
  let h = cadd(pair(X, l, X, r, m.n), pair(Y, l, Y, r, m.n));
  h = cscale(h, m.J);
  h = cadd(h, cscale(pair(N, l, N, r, m.n), m.delta));
  h = cadd(h, cscale(embed(Z, [l], m.n), 0.5 * m.fields[l - 1]!));
  h = cadd(h, cscale(embed(Z, [r], m.n), 0.5 * m.fields[r - 1]!));
  return h;
}

/**
 * The ring Hamiltonian H_s = Σ_l h_{l,l+1} (CONVENTIONS §6, [P3] eq. (1)).
 *
 * @param m - the ring
 * @returns the 2^n × 2^n Hermitian (real) matrix
 *
 * @example
 * ```ts
 * import { ringHamiltonian, paperRing } from "nessref/models";
 * const H = ringHamiltonian(paperRing(1, 2.19, 2, 1));
 * H.re[0]; // all up: 4Δ + h2 + h3 = 11.76
 * ```
 */
export function ringHamiltonian(m: RingModel): ComplexMatrix {
  check(m, "ringHamiltonian");
  let H = complexMatrix(2 ** m.n, 2 ** m.n);
  for (let l = 1; l <= m.n; l++) H = cadd(H, ringBondEnergy(m, l));
  return H;
}

/**
 * Local heat-current operator at site l, ĵ_l = i[h_{l−1,l}, h_{l,l+1}] (CONVENTIONS §6,
 * [P3] eq. (12)): the energy flowing from bond (l−1, l) into bond (l, l+1), clockwise
 * positive. The paper's upper branch is ĵ_2, the lower branch ĵ_4.
 *
 * @param m - the ring
 * @param l - site 1..n
 * @returns the Hermitian 2^n × 2^n operator
 *
 * @example
 * ```ts
 * import { ringHeatCurrentOperator, paperRing } from "nessref/models";
 * const ju = ringHeatCurrentOperator(paperRing(1, 2.19, 2, 1), 2);
 * ```
 */
export function ringHeatCurrentOperator(m: RingModel, l: number): ComplexMatrix {
  check(m, "ringHeatCurrentOperator");
  checkBond(l, m.n, "ringHeatCurrentOperator");
  const prev = l === 1 ? m.n : l - 1;
  const A = ringBondEnergy(m, prev);
  const B = ringBondEnergy(m, l);
  const C = csub(cmatmul(A, B), cmatmul(B, A));
  return cscale(C, 0, 1); // i·[A, B]
}

/**
 * Spin-current operator on bond l, ĵ^S_l = J(σ^x_l σ^y_{l+1} − σ^y_l σ^x_{l+1})
 * (CONVENTIONS §6, [P3] eq. (13)): the continuity current of n_l,
 * dn_l/dt = ĵ^S_{l−1} − ĵ^S_l under H_s, clockwise positive.
 *
 * @param m - the ring
 * @param l - bond 1..n
 * @returns the Hermitian 2^n × 2^n operator
 *
 * @example
 * ```ts
 * import { ringSpinCurrentOperator, paperRing } from "nessref/models";
 * const js = ringSpinCurrentOperator(paperRing(1, 0, 2, 1), 1);
 * ```
 */
export function ringSpinCurrentOperator(m: RingModel, l: number): ComplexMatrix {
  check(m, "ringSpinCurrentOperator");
  checkBond(l, m.n, "ringSpinCurrentOperator");
  const r = next(l, m.n);
  const X = pauli("x"), Y = pauli("y");
  return cscale(csub(pair(X, l, Y, r, m.n), pair(Y, l, X, r, m.n)), m.J);
}

/**
 * The block P†AP of a full-space operator on one magnetization sector (P the isometry onto
 * the sector's basis states, in the order of `sectorBasis` of `nessref/quantum`). For operators that
 * conserve the number of up spins (everything in this module, σ^z couplings) this is the
 * exact restriction; nothing checks that the operator does conserve it.
 *
 * @param A - 2^n × 2^n operator
 * @param basis - the sector basis
 * @returns the d × d block, d = basis.states.length
 *
 * @example
 * ```ts
 * import { restrictToSector, ringHamiltonian, paperRing } from "nessref/models";
 * import { sectorBasis } from "nessref/quantum";
 * const H2 = restrictToSector(ringHamiltonian(paperRing(1, 0, 2, 1)), sectorBasis(4, 2)); // 6×6
 * ```
 */
export function restrictToSector(A: ComplexMatrix, basis: SectorBasis): ComplexMatrix {
  const s = basis.states;
  const d = s.length;
  const N = A.cols;
  const out = complexMatrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      out.re[i * d + j] = A.re[s[i]! * N + s[j]!]!;
      out.im[i * d + j] = A.im[s[i]! * N + s[j]!]!;
    }
  }
  return out;
}
