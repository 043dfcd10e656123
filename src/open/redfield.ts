/**
 * The general road for Redfield baths (CONVENTIONS §6, [P3] eqs. (4)–(10)): the
 * non-secular Redfield generator of any Hamiltonian with any list of Hermitian coupling
 * operators S_l and real rate functions G_l(ω), as a dense superoperator on the full
 * space in column-stacking vectorization (CONVENTIONS §0), its steady state through the
 * foundation's null-vector solver, and bath heat currents Tr(H R_l[ρ]).
 *
 * dρ/dt = −i[H, ρ] + Σ_l ( [Λ_l ρ, S_l] + [S_l, ρ Λ_l†] ),
 * (Λ_l)_{αβ} = (S_l)_{αβ} G_l(E_α − E_β) in the eigenbasis of H (Lamb shift dropped).
 *
 * With this form the population rate from level c to level a is 2|S_ac|² G(E_a − E_c), so
 * G(ω > 0) is absorption and G(ω < 0) emission.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { adjoint, cmatmul, csub } from "../linalg/dense.js";
import { complexMatrix, type ComplexMatrix, type ComplexVector } from "../linalg/matrix.js";
import { ccondEstimate1, cluFactor, cluSolve } from "../linalg/lu.js";
import { cnullVector } from "../linalg/nullspace.js";
import { hermEig } from "../linalg/symeig.js";

/**
 * A rate function G(ω): the real part of the one-sided Fourier transform of the bath
 * correlation function, evaluated at ω = E_α − E_β (CONVENTIONS §6).
 *
 * @example
 * ```ts
 * import type { RateFunction } from "nessref/open";
 * const flat: RateFunction = () => 0.1;
 * ```
 */
export type RateFunction = (omega: number) => number;

/**
 * One bath: its Hermitian system coupling operator and its rate function.
 *
 * @example
 * ```ts
 * import { ohmicRate, type RedfieldCoupling } from "nessref/open";
 * import { embed, pauli } from "nessref/quantum";
 * const left: RedfieldCoupling = { S: embed(pauli("z"), [1], 4), G: ohmicRate(0.01, 10, 2) };
 * ```
 */
export interface RedfieldCoupling {
  /** Hermitian coupling operator S_l (same dimension as H). */
  S: ComplexMatrix;
  /** Rate function G_l(ω). */
  G: RateFunction;
}

/**
 * The Ohmic rate with exponential cutoff of CONVENTIONS §6 ([P3] Sec. 2):
 * G(ω) = π J(ω) n_B(ω, T) with J(ω) = γ ω e^{−ω/ωc} for ω ≥ 0 extended oddly,
 * J(−ω) = −J(ω), i.e. J(ω) = γ ω e^{−|ω|/ωc}; n_B = 1/(e^{ω/T} − 1). Evaluated as
 * π γ e^{−|ω|/ωc} · ω/expm1(ω/T), which is smooth through ω = 0 where it takes its limit
 * G(0) = π γ T (degenerate levels). At T = 0: G(ω) = π γ |ω| e^{−|ω|/ωc} for ω < 0 and 0 for
 * ω ≥ 0. Detailed balance holds exactly: G(−ω) = e^{ω/T} G(ω).
 *
 * @param gamma - coupling γ > 0
 * @param omegaC - cutoff ωc > 0
 * @param T - temperature T ≥ 0
 * @returns G as a function of ω
 * @throws NessrefError("invalid-input") for non-finite or out-of-domain parameters
 *
 * @example
 * ```ts
 * import { ohmicRate } from "nessref/open";
 * const G = ohmicRate(0.01, 10, 2);
 * G(0); // π·0.01·2 ≈ 0.0628
 * ```
 */
export function ohmicRate(gamma: number, omegaC: number, T: number): RateFunction {
  if (!(Number.isFinite(gamma) && gamma > 0)) throw new NessrefError("invalid-input", `ohmicRate: γ must be finite and > 0, got ${gamma}`, "/gamma");
  if (!(Number.isFinite(omegaC) && omegaC > 0)) throw new NessrefError("invalid-input", `ohmicRate: ωc must be finite and > 0, got ${omegaC}`, "/omegaC");
  if (!(Number.isFinite(T) && T >= 0)) throw new NessrefError("invalid-input", `ohmicRate: T must be finite and ≥ 0, got ${T}`, "/T");
  return (omega: number): number => {
    // the odd extension J(ω) = γ ω e^{−|ω|/ωc}: the cutoff factor depends on |ω| only
    const cut = Math.exp(-Math.abs(omega) / omegaC);
    if (T === 0) return omega < 0 ? Math.PI * gamma * -omega * cut : 0;
    if (omega === 0) return Math.PI * gamma * T;
    const x = omega / T;
    // ω/expm1(ω/T): → T as ω → 0; → 0 for ω/T → +∞ (expm1 → ∞); → −ω for ω/T → −∞.
    return Math.PI * gamma * cut * (omega / Math.expm1(x));
  };
}

function checkOps(H: ComplexMatrix, couplings: readonly RedfieldCoupling[], who: string): number {
  const d = H.rows;
  if (H.cols !== d || d === 0) throw new NessrefError("invalid-input", `${who}: H must be square and non-empty, got ${H.rows}×${H.cols}`, "");
  couplings.forEach((c, k) => {
    if (c.S.rows !== d || c.S.cols !== d) throw new NessrefError("invalid-input", `${who}: coupling ${k} is ${c.S.rows}×${c.S.cols}, H is ${d}×${d}`, "");
  });
  return d;
}

/**
 * Λ_l in the original basis: V (S_E ∘ G(E_α − E_β)) V†, S_E = V† S V, H = V diag(E) V†
 * (CONVENTIONS §6, [P3] eq. (10) without the Lamb shift).
 *
 * @param H - Hermitian Hamiltonian
 * @param c - the coupling
 * @returns Λ (d × d)
 *
 * @example
 * ```ts
 * import { lambdaOperator, ohmicRate } from "nessref/open";
 * import { complexFromRows } from "nessref/linalg";
 * const H = complexFromRows({ re: [[0.5, 0], [0, -0.5]] });
 * const S = complexFromRows({ re: [[0, 1], [1, 0]] });
 * lambdaOperator(H, { S, G: ohmicRate(0.1, 10, 1) });
 * ```
 */
export function lambdaOperator(H: ComplexMatrix, c: RedfieldCoupling): ComplexMatrix {
  const d = checkOps(H, [c], "lambdaOperator");
  const { values: E, vectors: V } = hermEig(H);
  return lambdaFromEig(E, V, c, d);
}

function lambdaFromEig(E: Float64Array, V: ComplexMatrix, c: RedfieldCoupling, d: number): ComplexMatrix {
  const Vh = adjoint(V);
  const SE = cmatmul(cmatmul(Vh, c.S), V);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      const g = c.G(E[a]! - E[b]!);
      if (!Number.isFinite(g)) {
        throw new NessrefError("invalid-input", `the rate function returned ${g} at ω = ${E[a]! - E[b]!}`, "");
      }
      SE.re[a * d + b] *= g;
      SE.im[a * d + b] *= g;
    }
  }
  return cmatmul(cmatmul(V, SE), Vh);
}

/** L += coef · (Bᵀ ⊗ A) (the superoperator of X ↦ A X B, column stacking). */
function addSandwich(L: ComplexMatrix, A: ComplexMatrix | null, B: ComplexMatrix | null, d: number, cr: number, ci: number): void {
  const D = d * d;
  // A = null / B = null mean the identity.
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      let ar: number, ai: number;
      if (A) { ar = A.re[i * d + k]!; ai = A.im[i * d + k]!; } else { ar = i === k ? 1 : 0; ai = 0; }
      if (ar === 0 && ai === 0) continue;
      const pr = cr * ar - ci * ai, pi = cr * ai + ci * ar;
      for (let l = 0; l < d; l++) {
        for (let j = 0; j < d; j++) {
          let br: number, bi: number;
          if (B) { br = B.re[l * d + j]!; bi = B.im[l * d + j]!; } else { br = l === j ? 1 : 0; bi = 0; }
          if (br === 0 && bi === 0) continue;
          // (A X B)_{ij} = Σ_{k,l} A_ik X_kl B_lj; vec index of (i,j) is j·d + i
          const o = (j * d + i) * D + (l * d + k);
          L.re[o] += pr * br - pi * bi;
          L.im[o] += pr * bi + pi * br;
        }
      }
    }
  }
}

/**
 * The non-secular Redfield generator as a d² × d² matrix acting on vec(ρ) (column stacking,
 * CONVENTIONS §0): 𝓛 = −i(I⊗H) + i(Hᵀ⊗I) + Σ_l [Sᵀ⊗Λ − I⊗SΛ + Λ̄⊗S − (Λ†S)ᵀ⊗I].
 *
 * @param H - Hermitian Hamiltonian (d × d)
 * @param couplings - the baths
 * @returns the generator, d² × d²
 * @throws NessrefError("invalid-input") for mismatched shapes or a non-finite rate
 *
 * @example
 * ```ts
 * import { redfieldGenerator, ohmicRate } from "nessref/open";
 * import { complexFromRows } from "nessref/linalg";
 * const H = complexFromRows({ re: [[0.5, 0], [0, -0.5]] });
 * const S = complexFromRows({ re: [[0, 1], [1, 0]] });
 * redfieldGenerator(H, [{ S, G: ohmicRate(0.1, 10, 1) }]).rows; // 4
 * ```
 */
export function redfieldGenerator(H: ComplexMatrix, couplings: readonly RedfieldCoupling[]): ComplexMatrix {
  const d = checkOps(H, couplings, "redfieldGenerator");
  const D = d * d;
  const L = complexMatrix(D, D);
  addSandwich(L, H, null, d, 0, -1);
  addSandwich(L, null, H, d, 0, 1);
  if (couplings.length > 0) {
    const { values: E, vectors: V } = hermEig(H);
    for (const c of couplings) {
      const Lam = lambdaFromEig(E, V, c, d);
      const LamH = adjoint(Lam);
      addSandwich(L, Lam, c.S, d, 1, 0);
      addSandwich(L, cmatmul(c.S, Lam), null, d, -1, 0);
      addSandwich(L, c.S, LamH, d, 1, 0);
      addSandwich(L, null, cmatmul(LamH, c.S), d, -1, 0);
    }
  }
  return L;
}

/**
 * One bath's dissipator applied to ρ: R_l[ρ] = [Λ_l ρ, S_l] + [S_l, ρ Λ_l†] ([P3] eq. (5)).
 *
 * @param H - Hermitian Hamiltonian
 * @param c - the bath
 * @param rho - density matrix
 * @returns R_l[ρ]
 *
 * @example
 * ```ts
 * import { redfieldDissipator, ohmicRate } from "nessref/open";
 * import { complexFromRows } from "nessref/linalg";
 * const H = complexFromRows({ re: [[0.5, 0], [0, -0.5]] });
 * const S = complexFromRows({ re: [[0, 1], [1, 0]] });
 * const R = redfieldDissipator(H, { S, G: ohmicRate(0.1, 10, 1) }, complexFromRows({ re: [[1, 0], [0, 0]] }));
 * ```
 */
export function redfieldDissipator(H: ComplexMatrix, c: RedfieldCoupling, rho: ComplexMatrix): ComplexMatrix {
  const d = checkOps(H, [c], "redfieldDissipator");
  if (rho.rows !== d || rho.cols !== d) throw new NessrefError("invalid-input", `redfieldDissipator: ρ is ${rho.rows}×${rho.cols}, H is ${d}×${d}`, "");
  const Lam = lambdaOperator(H, c);
  const LamH = adjoint(Lam);
  const LR = cmatmul(Lam, rho);
  const RL = cmatmul(rho, LamH);
  // Λρ S − S Λρ + S ρΛ† − ρΛ† S
  const t1 = csub(cmatmul(LR, c.S), cmatmul(c.S, LR));
  const t2 = csub(cmatmul(c.S, RL), cmatmul(RL, c.S));
  for (let i = 0; i < d * d; i++) {
    t1.re[i] += t2.re[i]!;
    t1.im[i] += t2.im[i]!;
  }
  return t1;
}

/**
 * Heat current from one bath into the system, J_l = Tr(H R_l[ρ]) (CONVENTIONS §6, [P3] Sec. 4).
 *
 * @param H - Hermitian Hamiltonian
 * @param c - the bath
 * @param rho - density matrix (e.g. the NESS)
 * @returns Re Tr(H R_l[ρ]) (the imaginary part vanishes for Hermitian ρ)
 *
 * @example
 * ```ts
 * import { redfieldHeatCurrent, ohmicRate } from "nessref/open";
 * import { complexFromRows } from "nessref/linalg";
 * const H = complexFromRows({ re: [[0.5, 0], [0, -0.5]] });
 * const S = complexFromRows({ re: [[0, 1], [1, 0]] });
 * // excited state, cold bath: energy flows out of the system (J < 0)
 * redfieldHeatCurrent(H, { S, G: ohmicRate(0.1, 10, 0.1) }, complexFromRows({ re: [[1, 0], [0, 0]] }));
 * ```
 */
export function redfieldHeatCurrent(H: ComplexMatrix, c: RedfieldCoupling, rho: ComplexMatrix): number {
  const R = redfieldDissipator(H, c, rho);
  const d = H.rows;
  let s = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s += H.re[i * d + j]! * R.re[j * d + i]! - H.im[i * d + j]! * R.im[j * d + i]!;
  return s;
}

function unvec(x: ComplexVector, d: number): ComplexMatrix {
  const rho = complexMatrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      rho.re[i * d + j] = x.re[j * d + i]!;
      rho.im[i * d + j] = x.im[j * d + i]!;
    }
  }
  return rho;
}

/**
 * Result of a Redfield steady-state solve.
 *
 * @example
 * ```ts
 * import type { RedfieldNess } from "nessref/open";
 * const show = (r: RedfieldNess) => r.residual;
 * ```
 */
export interface RedfieldNess {
  /** The steady state ρ (d × d, trace 1), as solved (not symmetrised). */
  rho: ComplexMatrix;
  /** Relative residual ‖𝓛 vec ρ‖ / (‖𝓛‖_F ‖vec ρ‖). */
  residual: number;
}

/**
 * The steady state of the Redfield generator: 𝓛 vec ρ = 0, Tr ρ = 1, by the foundation's
 * dense null-vector solver ({@link cnullVector}). Meant for a space on which the steady
 * state is unique (e.g. one magnetization sector of the ring); a kernel of dimension ≠ 1
 * is reported, never guessed (use {@link redfieldNessWithCharges} on the full space).
 *
 * @param H - Hermitian Hamiltonian
 * @param couplings - the baths
 * @returns ρ and the residual
 * @throws NessrefError("non-unique-ness") if dim ker 𝓛 ≥ 2; ("no-steady-state") if 0
 *
 * @example
 * ```ts
 * import { redfieldNess, ohmicRate } from "nessref/open";
 * import { complexFromRows } from "nessref/linalg";
 * const H = complexFromRows({ re: [[0.5, 0], [0, -0.5]] });
 * const S = complexFromRows({ re: [[0, 1], [1, 0]] });
 * redfieldNess(H, [{ S, G: ohmicRate(0.1, 10, 1) }]).rho.re; // ≈ Gibbs state at T = 1
 * ```
 */
export function redfieldNess(H: ComplexMatrix, couplings: readonly RedfieldCoupling[]): RedfieldNess {
  const d = checkOps(H, couplings, "redfieldNess");
  const L = redfieldGenerator(H, couplings);
  const t = { re: new Float64Array(d * d), im: new Float64Array(d * d) };
  for (let i = 0; i < d; i++) t.re[i * d + i] = 1;
  const r = cnullVector(L, t);
  return { rho: unvec(r.x, d), residual: r.residual };
}

/**
 * The steady state on a space whose generator has a kernel of dimension m > 1 because of
 * m conserved charges P_j (e.g. the 5 magnetization-sector projectors of the 4-site ring):
 * the member of the kernel with Tr(P_j ρ) = w_j for every j.
 *
 * Method: the bordered system (𝓛 + α Σ_j u_j p_jᵀ) x = α Σ_j u_j w_j with p_jᵀ x = Tr(P_j ρ)
 * and u_j = conj(p_j)/‖p_j‖ (for a conserved charge p_jᵀ𝓛 = 0, so conj(p_j) spans the left
 * kernel and the border fills exactly the missing directions of range 𝓛), α = ‖𝓛‖_F/√(d²),
 * solved by complex LU ({@link cluFactor}). A 1-norm condition estimate of the bordered matrix
 * above 1/(1000·d²·ε) means the charges do not fix the state (dim ker 𝓛 > m, or a charge that
 * is not conserved) and is reported as `non-unique-ness`; a relative residual above
 * 1e3·d²·ε likewise (the state found is not in the kernel).
 *
 * @param H - Hermitian Hamiltonian
 * @param couplings - the baths
 * @param charges - m conserved operators P_j (e.g. sector projectors)
 * @param weights - m target values w_j = Tr(P_j ρ)
 * @returns ρ and the residual
 * @throws NessrefError("non-unique-ness") if the charges do not fix a unique steady state
 *
 * @example
 * ```ts
 * import { redfieldNessWithCharges, ohmicRate } from "nessref/open";
 * import { complexFromRows } from "nessref/linalg";
 * // a 2-level system with a pure-dephasing bath: both populations are conserved
 * const H = complexFromRows({ re: [[0.5, 0], [0, -0.5]] });
 * const S = complexFromRows({ re: [[1, 0], [0, -1]] });
 * const P0 = complexFromRows({ re: [[1, 0], [0, 0]] }), P1 = complexFromRows({ re: [[0, 0], [0, 1]] });
 * redfieldNessWithCharges(H, [{ S, G: ohmicRate(0.1, 10, 1) }], [P0, P1], [0.25, 0.75]).rho.re; // diag(0.25, 0.75)
 * ```
 */
export function redfieldNessWithCharges(
  H: ComplexMatrix,
  couplings: readonly RedfieldCoupling[],
  charges: readonly ComplexMatrix[],
  weights: readonly number[],
): RedfieldNess {
  const d = checkOps(H, couplings, "redfieldNessWithCharges");
  const m = charges.length;
  if (weights.length !== m || m === 0) throw new NessrefError("invalid-input", `redfieldNessWithCharges: ${m} charges but ${weights.length} weights`, "");
  weights.forEach((w, j) => {
    if (!Number.isFinite(w)) throw new NessrefError("invalid-input", `redfieldNessWithCharges: weight ${j} is not finite`, "");
  });
  const L = redfieldGenerator(H, couplings);
  const D = d * d;
  let nl = 0;
  for (let i = 0; i < D * D; i++) nl += L.re[i]! ** 2 + L.im[i]! ** 2;
  const normL = Math.sqrt(nl);
  const alpha = normL > 0 ? normL / Math.sqrt(D) : 1;
  const A = complexMatrix(D, D, Float64Array.from(L.re), Float64Array.from(L.im));
  const b = { re: new Float64Array(D), im: new Float64Array(D) };
  const ps: { re: Float64Array; im: Float64Array }[] = [];
  for (let j = 0; j < m; j++) {
    const P = charges[j]!;
    if (P.rows !== d || P.cols !== d) throw new NessrefError("invalid-input", `redfieldNessWithCharges: charge ${j} is ${P.rows}×${P.cols}, H is ${d}×${d}`, "");
    // p_jᵀ vec(ρ) = Tr(P_j ρ) = Σ_ab P_ab ρ_ba; vec index of ρ_ba is a·d + b
    const p = { re: new Float64Array(D), im: new Float64Array(D) };
    let pn = 0;
    for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) {
      p.re[a * d + c] = P.re[a * d + c]!;
      p.im[a * d + c] = P.im[a * d + c]!;
      pn += P.re[a * d + c]! ** 2 + P.im[a * d + c]! ** 2;
    }
    pn = Math.sqrt(pn);
    if (!(pn > 0) || !Number.isFinite(pn)) throw new NessrefError("invalid-input", `redfieldNessWithCharges: charge ${j} is zero or not finite`, "");
    ps.push(p);
    // A += α u_j p_jᵀ with u_j = conj(p_j)/‖p_j‖; b += α u_j w_j
    const s = alpha / pn;
    for (let r = 0; r < D; r++) {
      const ur = p.re[r]! * s, ui = -p.im[r]! * s;
      if (ur === 0 && ui === 0) continue;
      b.re[r] += ur * weights[j]!;
      b.im[r] += ui * weights[j]!;
      for (let c = 0; c < D; c++) {
        const qr = p.re[c]!, qi = p.im[c]!;
        A.re[r * D + c] += ur * qr - ui * qi;
        A.im[r * D + c] += ur * qi + ui * qr;
      }
    }
  }
  const f = cluFactor(A);
  const cond = ccondEstimate1(f);
  const condMax = 1 / (1e3 * D * 2.220446049250313e-16);
  if (!(cond <= condMax)) {
    throw new NessrefError(
      "non-unique-ness",
      `the ${m} charges do not fix a unique steady state (condition estimate ${cond.toExponential(2)} of the bordered generator): the kernel has dimension > ${m} or a charge is not conserved`,
      "",
    );
  }
  const x = cluSolve(f, b);
  const rho = unvec(x, d);
  // residual ‖𝓛 x‖ / (‖𝓛‖_F ‖x‖)
  let res = 0, nx = 0;
  for (let r = 0; r < D; r++) {
    let sr = 0, si = 0;
    for (let c = 0; c < D; c++) {
      const lr = L.re[r * D + c]!, li = L.im[r * D + c]!;
      sr += lr * x.re[c]! - li * x.im[c]!;
      si += lr * x.im[c]! + li * x.re[c]!;
    }
    res += sr * sr + si * si;
    nx += x.re[r]! ** 2 + x.im[r]! ** 2;
  }
  const residual = normL > 0 && nx > 0 ? Math.sqrt(res) / (normL * Math.sqrt(nx)) : 0;
  if (residual > 1e3 * D * 2.220446049250313e-16) {
    throw new NessrefError("non-unique-ness", `the bordered solution is not a steady state (relative residual ${residual.toExponential(2)}): a charge is not conserved`, "");
  }
  return { rho, residual };
}
